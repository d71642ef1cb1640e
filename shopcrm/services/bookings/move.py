"""Moving a booking (改约): a new time and/or staff member or table, the same booking id.

The move gives up the booking's slot claims and claims the new ones in one transaction, so
the same `booking_slots` primary key that refuses a double booking refuses a move into a
taken slot, also when two counters move into one slot at once (one wins; the other gets
`E_TAKEN_RACE` and nothing of it is saved). A slot already taken is refused with the
booking that holds it and the nearest free time (`rebook.nearest_free`), and the old time
stays booked. Only a booking still "booked" can move; the move is audited with where from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from ...i18n import ShopError, Word, define
from ...models.booking import BOOKING_BOOKED
from ..audit import record
from ..auth import PERM_VISITS_LOG, Actor, require_permission
from .core import _check_step, _conflict, _drop_reminder, claim, load_booking, release
from .core import resource_keys as _keys
from .rebook import nearest_free
from .texts import E_STATE, E_TAKEN, STATE_NAMES

KEEP = object()  # "leave the staff member / table as it is"

M_MOVE = define("bookings.action.move", en="moved", zh="改约")
E_MOVE_TAKEN = define(
    "bookings.move_taken",
    en="{resource} already has a booking from {start} to {end} (#{id}); nothing was moved. "
    "The nearest free time is {free}.",
    zh="{resource} 在 {start} 至 {end} 已有预约（#{id}），未改约。最近的空闲时间是 {free}。",
)
E_MOVE_TAKEN_NONE = define(
    "bookings.move_taken_none",
    en="{resource} already has a booking from {start} to {end} (#{id}); nothing was moved. "
    "No free time in the next two weeks.",
    zh="{resource} 在 {start} 至 {end} 已有预约（#{id}），未改约。两周内没有空闲时间。",
)
M_MOVED = define(
    "bookings.moved",
    en="Booking {id} moved to {start} ({who}).",
    zh="预约 {id} 已改到 {start}（{who}）。",
)


class MoveRefused(ShopError):
    """The new time is taken; `nearest` is the nearest free start (None: none found)."""

    def __init__(self, msg_id: str, nearest: datetime | None, /, **params: object) -> None:
        super().__init__(msg_id, **params)
        self.nearest = nearest


@dataclass(frozen=True)
class Moved:
    booking_id: int
    starts_at: datetime
    ends_at: datetime
    staff_id: int | None
    table_id: int | None
    was_at: datetime


def move_booking(
    session: Session,
    booking_id: int,
    starts_at: datetime,
    *,
    staff_id: int | None | object = KEEP,
    table_id: int | None | object = KEEP,
    actor: Actor,
) -> Moved:
    """Move booking `booking_id` to `starts_at` (same length), optionally to another staff
    member or table (None: anyone / no table). Raises MoveRefused when the new slots are
    held by another booking; nothing changes then."""
    require_permission(actor, PERM_VISITS_LOG)
    booking = load_booking(session, booking_id)
    if booking.state != BOOKING_BOOKED:
        raise ShopError(
            E_STATE, id=booking_id, state=Word(STATE_NAMES[booking.state]), action=Word(M_MOVE)
        )
    _check_step(starts_at)
    new_staff = booking.staff_id if staff_id is KEEP else staff_id
    new_table = booking.table_id if table_id is KEEP else table_id
    minutes = int((booking.ends_at - booking.starts_at).total_seconds() // 60)
    ends_at = starts_at + timedelta(minutes=minutes)
    keys = _keys(new_staff, new_table)  # type: ignore[arg-type]
    try:
        _conflict(session, keys, starts_at, ends_at, booking.id)
    except ShopError as exc:
        if exc.msg_id != E_TAKEN:
            raise
        free = nearest_free(
            session, new_staff, starts_at, minutes, exclude=booking.id, table_id=new_table
        )  # type: ignore[arg-type]
        if free is None:
            raise MoveRefused(E_MOVE_TAKEN_NONE, None, **exc.params) from None
        raise MoveRefused(
            E_MOVE_TAKEN, free, free=free.strftime("%Y-%m-%d %H:%M"), **exc.params
        ) from None
    was_at, was_staff, was_table = booking.starts_at, booking.staff_id, booking.table_id
    if starts_at.date() != was_at.date():
        _drop_reminder(session, booking)  # the day-before reminder of the old day
    release(session, booking.id)
    booking.starts_at, booking.ends_at = starts_at, ends_at
    booking.staff_id, booking.table_id = new_staff, new_table  # type: ignore[assignment]
    session.flush()
    claim(session, booking)  # the database refuses a slot taken meanwhile (E_TAKEN_RACE)
    record(
        session, actor, "booking", booking.id, "move",
        was=was_at.isoformat(timespec="minutes"), start=starts_at.isoformat(timespec="minutes"),
        was_staff_id=was_staff, staff_id=new_staff, was_table_id=was_table, table_id=new_table,
    )  # fmt: skip
    return Moved(booking.id, starts_at, ends_at, new_staff, new_table, was_at)  # type: ignore[arg-type]
