"""The "booking tomorrow" rule: a reminder the day before a member's booking.

On the list from `lead_days` before the booking's day (default 1: the day before) through
the day itself (+ `keep_days`). One reminder per member and day, however many bookings;
only live bookings that are still "booked", only members who accept messages (consent),
never for a newcomer without a member record. A cancelled or no-show booking dismisses
its open reminder (services/bookings).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import MEMBER_ACTIVE, Member, Service, Staff
from ...models.booking import BOOKING_BOOKED, Booking


def booking_candidates(session: Session, params: dict[str, Any], start: date, on: date) -> list:
    from .finders import Candidate  # finders imports this module

    lead, keep = int(params.get("lead_days", 1)), int(params.get("keep_days", 0))
    first = datetime.combine(start - timedelta(days=keep), time.min)
    last = datetime.combine(on + timedelta(days=lead + 1), time.min)
    names = dict(session.execute(select(Service.id, Service.name)).all())
    query = (
        select(Booking.member_id, Booking.starts_at, Booking.service_ids, Staff.name)
        .join(Member, Member.id == Booking.member_id)
        .outerjoin(Staff, Staff.id == Booking.staff_id)
        .where(
            Booking.starts_at >= first,
            Booking.starts_at < last,
            Booking.state == BOOKING_BOOKED,
            Member.status == MEMBER_ACTIVE,
            Member.consent_marketing.is_(True),
        )
        .order_by(Booking.starts_at)
    )
    out: dict[tuple[int, date], Any] = {}
    for member_id, starts_at, service_ids, staff in session.execute(query):
        day = starts_at.date()
        if (member_id, day) in out:
            continue
        detail = {
            "time": starts_at.strftime("%H:%M"),
            "services": [names.get(int(i), "") for i in service_ids or [] if names.get(int(i))],
            "staff": staff or "",
        }
        out[(member_id, day)] = Candidate(member_id, day, day - timedelta(days=lead), detail)
    return list(out.values())
