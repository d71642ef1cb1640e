"""Reading bookings: the day view, the week view, one booking, a member's bookings.

One query per view (bookings joined with members), plus the small staff, table and
service lists: a day of 200 bookings reads in a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ... import clock
from ...models import Member, Service, Staff
from ...models.booking import (
    BOOKING_BOOKED,
    BOOKING_DONE,
    BOOKING_NOSHOW,
    LIVE_STATES,
    Booking,
    BookingTable,
)
from ..auth import Actor
from ..names import name_sort_key
from ..settings import SHOP_RESTAURANT, get_setting, get_settings
from .core import MAX_MINUTES
from .week_hours import hours_on

COLUMNS_STAFF = "staff"
COLUMNS_TABLE = "table"


@dataclass(frozen=True)
class BookColumn:
    id: int | None  # staff or table id; None: "anyone" (no staff / no table)
    name: str
    detail: str = ""  # a table's area and seats


class BookingRow(NamedTuple):
    """One booking as the views show it (a NamedTuple: a day's 200 build in no time)."""

    id: int
    starts_at: datetime
    ends_at: datetime
    state: str
    member_id: int | None
    who: str  # the member's name or the newcomer's
    phone_tail: str  # last four digits
    staff_id: int | None
    staff: str
    table_id: int | None
    table: str
    service_ids: tuple[int, ...]
    services: tuple[str, ...]
    party_size: int | None
    note: str
    reason: str
    visit_id: int | None

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class DayView:
    day: date
    kind: str  # COLUMNS_STAFF or COLUMNS_TABLE
    columns: tuple[BookColumn, ...]
    first_minute: int  # minutes after the day's midnight the view starts (opening time)
    last_minute: int  # ... and ends (closing time, or later for a booking that runs on)
    bookings: tuple[BookingRow, ...]
    closed: bool = False  # the shop's closed day (Settings → Opening hours and tables)

    def column_of(self, row: BookingRow) -> int | None:
        return row.table_id if self.kind == COLUMNS_TABLE else row.staff_id


@dataclass(frozen=True)
class MemberBookings:
    upcoming: tuple[BookingRow, ...]
    no_shows: int


def column_kind(session: Session, shop_kind: str | None = None) -> str:
    """Tables for a restaurant that has set its tables up, staff otherwise."""
    shop_kind = shop_kind or get_setting(session, "shop.kind")
    if shop_kind == SHOP_RESTAURANT and session.scalar(
        select(func.count(BookingTable.id)).where(BookingTable.active.is_(True))
    ):
        return COLUMNS_TABLE
    return COLUMNS_STAFF


def _columns(session: Session, kind: str) -> list[BookColumn]:
    if kind == COLUMNS_TABLE:
        rows = session.execute(
            select(BookingTable.id, BookingTable.name, BookingTable.area, BookingTable.seats)
            .where(BookingTable.active.is_(True))
            .order_by(BookingTable.sort_order, BookingTable.area, BookingTable.name)
        )
        return [BookColumn(i, n, f"{a} · {s}".strip(" ·")) for i, n, a, s in rows]
    rows = session.execute(
        select(Staff.id, Staff.name, Staff.title).where(Staff.active.is_(True))
    ).all()
    rows = sorted(rows, key=lambda row: name_sort_key(row.name))  # as members sort
    return [BookColumn(i, n, t or "") for i, n, t in rows]


def _rows(session: Session, *conditions: object) -> list[BookingRow]:
    names = dict(session.execute(select(Service.id, Service.name)).all())
    b = Booking.__table__.c  # plain rows, not ORM objects: a day of 200 reads in a few ms
    query = (
        select(
            b.id, b.starts_at, b.ends_at, b.state, b.member_id, b.guest_name, b.guest_phone,
            b.staff_id, b.table_id, b.service_ids, b.party_size, b.note, b.reason, b.visit_id,
            Member.name, Member.phone_digits, Staff.name.label("staff_name"),
            BookingTable.name.label("table_name"),
        )
        .outerjoin(Member, Member.id == b.member_id)
        .outerjoin(Staff, Staff.id == b.staff_id)
        .outerjoin(BookingTable, BookingTable.id == b.table_id)
        .where(*conditions)  # type: ignore[arg-type]
        .order_by(b.starts_at, b.id)
    )  # fmt: skip
    out = []
    for r in session.execute(query):
        phone = r.phone_digits or r.guest_phone
        ids = tuple(int(i) for i in (r.service_ids or []))
        out.append(
            BookingRow(
                id=r.id,
                starts_at=r.starts_at,
                ends_at=r.ends_at,
                state=r.state,
                member_id=r.member_id,
                who=r.name or r.guest_name,
                phone_tail=(phone or "")[-4:],
                staff_id=r.staff_id,
                staff=r.staff_name or "",
                table_id=r.table_id,
                table=r.table_name or "",
                service_ids=ids,
                services=tuple(names.get(i, "?") for i in ids),
                party_size=r.party_size,
                note=r.note,
                reason=r.reason,
                visit_id=r.visit_id,
            )
        )
    return out


def _between(start: datetime, end: datetime) -> tuple[object, ...]:
    """Bookings overlapping [start, end): the starts_at index bounds the scan (a booking
    lasts at most MAX_MINUTES)."""
    return (
        Booking.starts_at >= start - timedelta(minutes=MAX_MINUTES),
        Booking.starts_at < end,
        Booking.ends_at > start,
    )


def day_view(session: Session, day: date | None = None) -> DayView:
    """The book of one day: its columns, its hours and every booking touching it."""
    day = day or clock.today()
    start = datetime.combine(day, time.min)
    end = start + timedelta(days=1)
    settings = get_settings(session, {"shop.kind": None})
    kind = column_kind(session, settings["shop.kind"])
    rows = _rows(session, *_between(start, end))
    columns = _columns(session, kind)
    known = {c.id for c in columns}
    if any((r.table_id if kind == COLUMNS_TABLE else r.staff_id) not in known for r in rows):
        columns.append(BookColumn(None, ""))  # "anyone" / a retired person or table
    hours = hours_on(session, day)
    opens, closes = hours.opens, hours.closes
    first = opens.hour * 60 + opens.minute
    last = closes.hour * 60 + closes.minute
    for r in rows:
        first = min(first, max(0, int((r.starts_at - start).total_seconds() // 60)))
        last = max(last, min(24 * 60, int((r.ends_at - start).total_seconds() // 60)))
    return DayView(day, kind, tuple(columns), first, last, tuple(rows), closed=hours.closed)


def day_bookings(session: Session, day: date) -> tuple[BookingRow, ...]:
    """Every booking touching `day`, as `day_view` lists them, without its columns: the
    counter's list of today's bookings (sorting the columns by name would load the pinyin
    dictionaries at every start)."""
    start = datetime.combine(day, time.min)
    return tuple(_rows(session, *_between(start, start + timedelta(days=1))))


def week_view(session: Session, day: date | None = None) -> tuple[date, tuple[BookingRow, ...]]:
    """The Monday of `day`'s week and the week's bookings."""
    day = day or clock.today()
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time.min)
    return monday, tuple(_rows(session, *_between(start, start + timedelta(days=7))))


def get_booking(session: Session, booking_id: int) -> BookingRow:
    from .core import load_booking

    load_booking(session, booking_id)  # E_NOT_FOUND
    return _rows(session, Booking.id == booking_id)[0]


def member_bookings(
    session: Session, member_id: int, now: datetime | None = None
) -> MemberBookings:
    """A member's live bookings from now on, and how often they did not come.

    One statement (the member card reads it on every open); the rows carry service ids
    but no service names.
    """
    now = now or clock.now()
    query = (
        select(Booking, Staff.name)
        .outerjoin(Staff, Staff.id == Booking.staff_id)
        .where(
            Booking.member_id == member_id,
            or_(
                Booking.state == BOOKING_NOSHOW,
                and_(Booking.state.in_(LIVE_STATES), Booking.ends_at > now),
            ),
        )
        .order_by(Booking.starts_at, Booking.id)
    )
    upcoming, no_shows = [], 0
    for b, staff in session.execute(query):
        if b.state == BOOKING_NOSHOW:
            no_shows += 1
            continue
        upcoming.append(
            BookingRow(
                id=b.id, starts_at=b.starts_at, ends_at=b.ends_at, state=b.state,
                member_id=member_id, who="", phone_tail="", staff_id=b.staff_id,
                staff=staff or "", table_id=b.table_id, table="",
                service_ids=tuple(int(i) for i in b.service_ids or []), services=(),
                party_size=b.party_size, note=b.note, reason=b.reason, visit_id=b.visit_id,
            )
        )  # fmt: skip
    return MemberBookings(tuple(upcoming), no_shows)


@dataclass(frozen=True)
class BookingSetup:
    """What the new-booking dialog needs: who can be booked, the tables, service lengths."""

    staff: tuple[BookColumn, ...]
    tables: tuple[BookColumn, ...]
    kind: str
    step: int


def booking_setup(session: Session) -> BookingSetup:
    from ...models.booking import SLOT_MINUTES

    return BookingSetup(
        staff=tuple(_columns(session, COLUMNS_STAFF)),
        tables=tuple(_columns(session, COLUMNS_TABLE)),
        kind=column_kind(session),
        step=SLOT_MINUTES,
    )


def arrive_for_visit(session: Session, booking_id: int, *, actor: Actor) -> BookingRow:
    """Arrive, and the booking as the visit dialog is pre-filled from it."""
    from .core import arrive

    arrive(session, booking_id, actor=actor)
    return get_booking(session, booking_id)


def day_counts(session: Session, day: date) -> tuple[int, int]:
    """The counter's figure: the day's bookings that still count (booked, arrived, done)
    and how many of them have arrived (arrived or done)."""
    start = datetime.combine(day, time.min)
    rows = (
        session.execute(
            select(Booking.state).where(
                Booking.starts_at >= start,
                Booking.starts_at < start + timedelta(days=1),
                Booking.state.in_((*LIVE_STATES, BOOKING_DONE)),
            )
        )
        .scalars()
        .all()
    )
    return len(rows), sum(1 for state in rows if state != BOOKING_BOOKED)
