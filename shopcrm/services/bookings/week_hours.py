"""Opening hours per weekday, and closed days (Settings → Opening hours and tables).

Stored in one setting, ``bookings.week``: a dict from the weekday ("0" Monday … "6" Sunday)
to ``"HH:MM-HH:MM"`` or ``"closed"``. A weekday missing from it keeps the shop-wide hours of
``booking hours`` (``bookings.opens`` / ``bookings.closes``), so a shop that never opens
the page sees no change. A closed day still shows in the day view (with the shop-wide hours,
so a booking made anyway is visible) and counts no opening minutes in the utilisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import Session

from ...i18n import ShopError
from ..auth import PERM_SETTINGS_CHANGE, Actor, require_permission
from ..settings import change_setting, get_settings
from .hours import CLOSES_KEY, DEFAULT_CLOSES, DEFAULT_OPENS, OPENS_KEY, _parse, hours_of
from .texts import E_HOURS

WEEK_KEY = "bookings.week"
CLOSED = "closed"


@dataclass(frozen=True)
class DayHours:
    """One weekday: open from `opens` to `closes`, or closed."""

    weekday: int  # 0 Monday … 6 Sunday
    opens: time
    closes: time
    closed: bool = False

    @property
    def minutes(self) -> int:
        if self.closed:
            return 0
        return (self.closes.hour * 60 + self.closes.minute) - (
            self.opens.hour * 60 + self.opens.minute
        )


def _week_of(values: dict) -> tuple[DayHours, ...]:
    base_opens, base_closes = hours_of(values[OPENS_KEY], values[CLOSES_KEY])
    stored = values.get(WEEK_KEY) or {}
    if not isinstance(stored, dict):
        stored = {}
    week = []
    for weekday in range(7):
        text = str(stored.get(str(weekday), "") or "")
        if text == CLOSED:
            week.append(DayHours(weekday, base_opens, base_closes, closed=True))
            continue
        opens_text, _, closes_text = text.partition("-")
        opens, closes = _parse(opens_text), _parse(closes_text)
        if opens is None or closes is None or closes <= opens:
            opens, closes = base_opens, base_closes  # not set (or damaged): shop-wide hours
        week.append(DayHours(weekday, opens, closes))
    return tuple(week)


def week_hours(session: Session) -> tuple[DayHours, ...]:
    """Monday … Sunday."""
    values = get_settings(
        session, {OPENS_KEY: DEFAULT_OPENS, CLOSES_KEY: DEFAULT_CLOSES, WEEK_KEY: None}
    )
    return _week_of(values)


def hours_on(session: Session, day: date) -> DayHours:
    return week_hours(session)[day.weekday()]


@dataclass(frozen=True)
class DayHoursDraft:
    """What the Settings page sends for one weekday (texts as typed)."""

    opens: str
    closes: str
    closed: bool = False


def set_week_hours(session: Session, days: Sequence[DayHoursDraft], *, actor: Actor) -> bool:
    """Owner only; audited (one setting change). Returns whether anything changed.

    All seven days are checked before anything is written: one bad day saves nothing.
    """
    require_permission(actor, PERM_SETTINGS_CHANGE)
    if len(days) != 7:
        raise ValueError("seven weekdays, Monday first")
    base = get_settings(session, {OPENS_KEY: DEFAULT_OPENS, CLOSES_KEY: DEFAULT_CLOSES})
    base_opens, base_closes = hours_of(base[OPENS_KEY], base[CLOSES_KEY])
    value: dict[str, str] = {}
    for weekday, draft in enumerate(days):
        if draft.closed:
            value[str(weekday)] = CLOSED
            continue
        closes_text = "23:59" if draft.closes.strip() == "24:00" else draft.closes
        opens, closes = _parse(draft.opens), _parse(closes_text)
        if opens is None or closes is None or closes <= opens:
            raise ShopError(E_HOURS, opens=draft.opens, closes=draft.closes)
        if (opens, closes) != (base_opens, base_closes):  # the shop-wide hours stay unset,
            value[str(weekday)] = f"{opens:%H:%M}-{closes:%H:%M}"  # so `booking hours` moves them
    before = week_hours(session)
    change_setting(session, WEEK_KEY, value, actor=actor)
    return week_hours(session) != before


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the CLI's --day values


def set_days_hours(
    session: Session,
    weekdays: Sequence[int],
    opens: str = "",
    closes: str = "",
    *,
    closed: bool = False,
    actor: Actor,
) -> bool:
    """Change only `weekdays` (0 Monday … 6 Sunday), keeping the others: the CLI's
    `booking hours 10:00 14:00 --day sat`, `booking hours --closed --day sun`."""
    drafts = [
        DayHoursDraft(f"{d.opens:%H:%M}", f"{d.closes:%H:%M}", closed=d.closed)
        for d in week_hours(session)
    ]
    for weekday in weekdays:
        drafts[weekday] = DayHoursDraft(opens, closes, closed=closed)
    return set_week_hours(session, drafts, actor=actor)
