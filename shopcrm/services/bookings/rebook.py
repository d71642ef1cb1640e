"""The "rebook?" offer after a visit: the member's next booking, ready for one key.

Same member, same services, same staff member, at the member's usual interval for the
visit's first service (the median gap between their earlier visits with it) or five weeks
when they have no such history yet, at the visit's time of day (its booking's start when
it came from one). When that time is taken, on a closed day or outside the opening hours,
the offer moves to the nearest free time the staff member has (same day first, then the
following days). No offer for a walk-in, a visit without services, or a member who has a
live booking after the visit already.

The counter shows it without blocking (ui/counter/rebook_bar.py); booking it is an
ordinary `create_booking`, so the database still refuses a slot taken meanwhile, and the
counter then offers `nearest_free` again.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Member, Service, Staff, Visit, VisitLine
from ...models.booking import LIVE_STATES, SLOT_MINUTES, Booking, BookingSlot
from ...models.visit import VISIT_OK
from .core import services_minutes
from .week_hours import week_hours

DEFAULT_DAYS = 35  # five weeks: the interval when the member has no usual one yet
MIN_DAYS, MAX_DAYS = 7, 180  # a usual interval outside these is not trusted
SEARCH_DAYS = 14  # how far `nearest_free` looks


@dataclass(frozen=True)
class RebookOffer:
    visit_id: int
    member_id: int
    member_name: str
    service_ids: tuple[int, ...]
    services: tuple[str, ...]
    staff_id: int | None
    staff_name: str
    starts_at: datetime
    minutes: int
    interval_days: int
    usual: bool  # the interval is the member's own (else DEFAULT_DAYS)
    moved: bool  # the first choice was taken or closed: this is the nearest free time


def usual_interval(session: Session, member_id: int, service_id: int) -> int | None:
    """The median gap in days between the member's visits with the service (≥2 visits)."""
    days = sorted(
        {
            at.date()
            for at in session.scalars(
                select(Visit.visited_at)
                .join(VisitLine, VisitLine.visit_id == Visit.id)
                .where(
                    Visit.member_id == member_id,
                    Visit.status == VISIT_OK,
                    VisitLine.service_id == service_id,
                )
            )
        }
    )
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    if not gaps:
        return None
    median = round(statistics.median(gaps))
    return median if MIN_DAYS <= median <= MAX_DAYS else None


def _round_down(moment: datetime) -> datetime:
    return moment.replace(
        minute=moment.minute - moment.minute % SLOT_MINUTES, second=0, microsecond=0
    )


def nearest_free(
    session: Session,
    staff_id: int | None,
    wanted: datetime,
    minutes: int,
    *,
    exclude: int | None = None,
    table_id: int | None = None,
) -> datetime | None:
    """The free start nearest to `wanted` for `minutes` with the staff member, inside the
    opening hours: that day first (before or after), then each following day from the
    same time of day; closed days are skipped. None when nothing within SEARCH_DAYS.
    With `table_id` the table must be free too (a move, services/bookings/move.py)."""
    week = week_hours(session)
    length = timedelta(minutes=minutes)
    step = timedelta(minutes=SLOT_MINUTES)
    wanted = _round_down(wanted)
    for offset in range(SEARCH_DAYS + 1):
        day = wanted.date() + timedelta(days=offset)
        hours = week[day.weekday()]
        if hours.closed:
            continue
        opens = datetime.combine(day, hours.opens)
        closes = datetime.combine(day, hours.closes)
        latest = closes - length
        if latest < opens:
            continue
        held = _held(session, staff_id, opens, closes, exclude)
        if table_id is not None:
            held += _held_by(session, f"table:{table_id}", opens, closes, exclude)
        target = datetime.combine(day, wanted.time())
        candidates = []
        at = opens if opens == _round_down(opens) else _round_down(opens) + step
        while at <= latest:
            candidates.append(at)
            at += step
        candidates.sort(key=lambda c: (abs(c - target), c < target))
        for start in candidates:
            if not any(start <= slot < start + length for slot in held):
                return start
    return None


def _held(
    session: Session, staff_id: int | None, start: datetime, end: datetime, exclude: int | None
) -> list[datetime]:
    if staff_id is None:
        return []  # "anyone" holds no slot
    return _held_by(session, f"staff:{staff_id}", start, end, exclude)


def _held_by(
    session: Session, resource: str, start: datetime, end: datetime, exclude: int | None
) -> list[datetime]:
    query = select(BookingSlot.slot_at).where(
        BookingSlot.resource == resource,
        BookingSlot.slot_at >= start,
        BookingSlot.slot_at < end,
    )
    if exclude is not None:
        query = query.where(BookingSlot.booking_id != exclude)
    return list(session.scalars(query))


def rebook_offer(session: Session, visit_id: int) -> RebookOffer | None:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.member_id is None or visit.status != VISIT_OK:
        return None
    lines = session.execute(
        select(VisitLine.service_id, VisitLine.staff_id)
        .where(VisitLine.visit_id == visit_id, VisitLine.service_id.is_not(None))
        .order_by(VisitLine.line_no, VisitLine.id)
    ).all()
    if not lines:
        return None
    ahead = session.scalar(
        select(Booking.id)
        .where(
            Booking.member_id == visit.member_id,
            Booking.state.in_(LIVE_STATES),
            Booking.starts_at > visit.visited_at,
        )
        .limit(1)
    )
    if ahead is not None:
        return None
    service_ids = tuple(dict.fromkeys(int(r.service_id) for r in lines))
    staff_id = next((r.staff_id for r in lines if r.staff_id is not None), None)
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    if staff is not None and not staff.active:
        staff, staff_id = None, None
    own = usual_interval(session, visit.member_id, service_ids[0])
    interval = own or DEFAULT_DAYS
    booked_at = session.scalar(
        select(Booking.starts_at).where(Booking.visit_id == visit_id).limit(1)
    )
    at_time: time = _round_down(booked_at or visit.visited_at).time()
    wanted = datetime.combine(visit.visited_at.date() + timedelta(days=interval), at_time)
    minutes = services_minutes(session, service_ids)
    start = nearest_free(session, staff_id, wanted, minutes) or wanted
    names = dict(
        session.execute(select(Service.id, Service.name).where(Service.id.in_(service_ids))).all()
    )
    member = session.get(Member, visit.member_id)
    return RebookOffer(
        visit_id=visit_id,
        member_id=visit.member_id,
        member_name=member.name if member is not None else "",
        service_ids=service_ids,
        services=tuple(names.get(i, "") for i in service_ids),
        staff_id=staff_id,
        staff_name=staff.name if staff is not None else "",
        starts_at=start,
        minutes=minutes,
        interval_days=interval,
        usual=own is not None,
        moved=start != wanted,
    )
