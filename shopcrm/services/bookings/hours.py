"""The shop's opening hours (the day view's vertical range) and a restaurant's tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...i18n import ShopError
from ...models.booking import BookingTable
from ..audit import record
from ..auth import Actor
from ..settings import change_setting, get_settings
from .texts import E_HOURS, E_NO_TABLE, E_TABLE_NAME

OPENS_KEY = "bookings.opens"
CLOSES_KEY = "bookings.closes"
DEFAULT_OPENS, DEFAULT_CLOSES = "09:00", "21:00"


def _parse(text: str) -> time | None:
    try:
        hour, minute = (int(part) for part in str(text).strip().split(":"))
        return time(hour, minute)
    except (ValueError, TypeError):
        return None


def opening_hours(session: Session) -> tuple[time, time]:
    values = get_settings(session, {OPENS_KEY: DEFAULT_OPENS, CLOSES_KEY: DEFAULT_CLOSES})
    return hours_of(values[OPENS_KEY], values[CLOSES_KEY])


def hours_of(opens: str, closes: str) -> tuple[time, time]:
    """The stored texts as times (a damaged setting falls back to 09:00-21:00)."""
    return _parse(opens) or time(9), _parse(closes) or time(21)


def set_opening_hours(session: Session, opens: str, closes: str, *, actor: Actor) -> None:
    """Owner only. `closes` "24:00" is accepted as the end of the day (stored 23:59)."""
    if str(closes).strip() == "24:00":
        closes = "23:59"
    start, end = _parse(opens), _parse(closes)
    if start is None or end is None or end <= start:
        raise ShopError(E_HOURS, opens=opens, closes=closes)
    change_setting(session, OPENS_KEY, start.strftime("%H:%M"), actor=actor)
    change_setting(session, CLOSES_KEY, end.strftime("%H:%M"), actor=actor)


@dataclass(frozen=True)
class TableView:
    id: int
    name: str
    area: str
    seats: int
    active: bool


def list_tables(session: Session, *, include_inactive: bool = False) -> list[TableView]:
    query = select(BookingTable).order_by(
        BookingTable.sort_order, BookingTable.area, BookingTable.name
    )
    if not include_inactive:
        query = query.where(BookingTable.active.is_(True))
    return [TableView(t.id, t.name, t.area, t.seats, t.active) for t in session.scalars(query)]


def add_table(session: Session, name: str, *, area: str = "", seats: int = 4, actor: Actor) -> int:
    """Add a table (owner only, as other settings)."""
    from ..auth import PERM_SETTINGS_CHANGE, require_permission

    require_permission(actor, PERM_SETTINGS_CHANGE)
    name = (name or "").strip()
    if not name or len(name) > 40 or not 1 <= int(seats) <= 200:
        raise ShopError(E_TABLE_NAME)
    if session.scalar(select(BookingTable.id).where(BookingTable.name == name)):
        raise ShopError(E_TABLE_NAME)
    order = session.scalar(select(func.max(BookingTable.sort_order))) or 0
    table = BookingTable(name=name, area=(area or "").strip()[:40], seats=int(seats),
                         active=True, sort_order=order + 10)  # fmt: skip
    session.add(table)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ShopError(E_TABLE_NAME) from exc
    record(session, actor, "booking_table", table.id, "create", name=name)
    return table.id


def find_table(session: Session, name: str) -> int:
    table_id = session.scalar(
        select(BookingTable.id).where(BookingTable.name == (name or "").strip())
    )
    if table_id is None:
        raise ShopError(E_NO_TABLE, name=name)
    return int(table_id)


def set_table_active(session: Session, table_id: int, active: bool, *, actor: Actor) -> None:
    """Retire a table (its bookings stay, new ones cannot choose it) or bring it back.

    Owner only, audited."""
    from ..auth import PERM_SETTINGS_CHANGE, require_permission

    require_permission(actor, PERM_SETTINGS_CHANGE)
    table = session.get(BookingTable, table_id)
    if table is None:
        raise ShopError(E_NO_TABLE, name=f"#{table_id}")
    if table.active == active:
        return
    table.active = active
    session.flush()
    record(session, actor, "booking_table", table.id, "restore" if active else "retire")
