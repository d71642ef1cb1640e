"""The month's booking figures for the report and the workbook.

- **bookings**: bookings starting in the month, by state;
- **no-show rate** = no-shows ÷ bookings that were due (done, no-show, arrived, booked
  already past); **cancellation rate** = cancelled ÷ all the month's bookings;
- **rebooking rate** = of the month's done bookings, the share whose member made another
  booking (for a later time) within a day of the visit — booked again at the counter;
- **utilisation** per staff member = minutes of their done, arrived and booked bookings ÷
  the opening minutes of the month's days (opening hours × days).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...models import Staff
from ...models.booking import (
    BOOKING_ARRIVED,
    BOOKING_BOOKED,
    BOOKING_CANCELLED,
    BOOKING_DONE,
    BOOKING_NOSHOW,
    Booking,
)
from ..names import name_sort_key
from .week_hours import week_hours

REBOOK_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class StaffUse:
    staff: str
    bookings: int
    done: int
    no_shows: int
    booked_minutes: int
    utilisation: Decimal  # 0..1 (4 places)


@dataclass(frozen=True)
class BookingFigures:
    bookings: int
    by_state: dict[str, int]
    no_show_rate: Decimal
    cancellation_rate: Decimal
    rebooking_rate: Decimal
    open_minutes: int  # per staff member over the month
    staff: tuple[StaffUse, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "bookings": self.bookings,
            "by_state": dict(self.by_state),
            "no_show_rate": str(self.no_show_rate),
            "cancellation_rate": str(self.cancellation_rate),
            "rebooking_rate": str(self.rebooking_rate),
            "open_minutes": self.open_minutes,
            "staff": [
                {
                    "staff": s.staff,
                    "bookings": s.bookings,
                    "done": s.done,
                    "no_shows": s.no_shows,
                    "booked_minutes": s.booked_minutes,
                    "utilisation": str(s.utilisation),
                }
                for s in self.staff
            ],
        }


def _rate(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0000")
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def month_bookings(session: Session, year: int, month: int) -> BookingFigures:
    start = datetime(year, month, 1)
    days = calendar.monthrange(year, month)[1]
    end = start + timedelta(days=days)
    now = clock.now()
    rows = session.execute(
        select(
            Booking.id, Booking.member_id, Booking.staff_id, Booking.starts_at, Booking.ends_at,
            Booking.state, Booking.state_at,
        ).where(Booking.starts_at >= start, Booking.starts_at < end)
    ).all()  # fmt: skip
    by_state = {
        s: 0
        for s in (BOOKING_BOOKED, BOOKING_ARRIVED, BOOKING_DONE, BOOKING_NOSHOW, BOOKING_CANCELLED)
    }
    for r in rows:
        by_state[r.state] = by_state.get(r.state, 0) + 1
    due = sum(
        1
        for r in rows
        if r.state in (BOOKING_DONE, BOOKING_NOSHOW, BOOKING_ARRIVED)
        or (r.state == BOOKING_BOOKED and r.starts_at < now)
    )
    done = [r for r in rows if r.state == BOOKING_DONE and r.member_id is not None]
    rebooked = 0
    if done:
        members = sorted({r.member_id for r in done})
        later = session.execute(
            select(Booking.member_id, Booking.starts_at, Booking.created_at).where(
                Booking.member_id.in_(members), Booking.created_at >= start
            )
        ).all()
        for r in done:
            visit_at = r.state_at or r.ends_at
            if any(
                b.member_id == r.member_id
                and b.starts_at > r.ends_at
                and visit_at - timedelta(hours=1) <= b.created_at <= visit_at + REBOOK_WITHIN
                for b in later
            ):
                rebooked += 1
    week = week_hours(session)  # per weekday; a closed day has no opening minutes
    open_minutes = sum(week[(start + timedelta(days=n)).weekday()].minutes for n in range(days))
    names = dict(session.execute(select(Staff.id, Staff.name)).all())
    use: dict[int, list[int]] = {}
    for r in rows:
        if r.staff_id is None:
            continue
        entry = use.setdefault(r.staff_id, [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += r.state == BOOKING_DONE
        entry[2] += r.state == BOOKING_NOSHOW
        if r.state in (BOOKING_DONE, BOOKING_ARRIVED, BOOKING_BOOKED):
            entry[3] += int((r.ends_at - r.starts_at).total_seconds() // 60)
    staff = tuple(
        StaffUse(names.get(sid, "?"), n, d, ns, minutes, _rate(minutes, open_minutes))
        for sid, (n, d, ns, minutes) in sorted(
            use.items(), key=lambda kv: name_sort_key(names.get(kv[0], ""))
        )
    )
    return BookingFigures(
        bookings=len(rows),
        by_state=by_state,
        no_show_rate=_rate(by_state[BOOKING_NOSHOW], due),
        cancellation_rate=_rate(by_state[BOOKING_CANCELLED], len(rows)),
        rebooking_rate=_rate(rebooked, len(done)),
        open_minutes=open_minutes,
        staff=staff,
    )


__all__ = ["BookingFigures", "StaffUse", "month_bookings"]
