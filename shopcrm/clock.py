"""The shop's clock: the one place ShopCRM asks what time and what day it is.

Every service, CLI command and screen asks this module, never ``date.today()``,
``datetime.now()`` or ``datetime.utcnow()`` directly (a test enforces it).

**Storage convention.** Every timestamp column holds the shop's *local wall-clock time*,
naive (no offset), as the counter PC shows it. A shop is in one place; its days and months
are cut at its local midnight, so a record belongs to the day its local time names, with no
conversion at read time and the same rule for visits, payments, wallet entries, follow-ups
and the audit log. (Migration 0004 converted the older naive-UTC ``created_at`` columns.)

The shop's zone is the machine's local zone (``TZ`` on Linux, the Windows setting on
Windows). China keeps no daylight saving, so local wall time is monotonic there.

Tests freeze the clock::

    with clock.frozen("2026-11-01 03:00"):
        ...

and a child process (a CLI run in a test, or by hand) can be given a fixed time with the
environment variable ``SHOPCRM_NOW="2026-11-01 03:00"``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

ENV_NOW = "SHOPCRM_NOW"

_source: Callable[[], datetime] | None = None


def _parse(value: datetime | date | str) -> datetime:
    if isinstance(value, datetime):
        return local(value) if value.tzinfo is not None else value
    if isinstance(value, date):
        return datetime.combine(value, time(12))
    text = value.strip().replace("T", " ")
    parsed = datetime.fromisoformat(text)
    return local(parsed) if parsed.tzinfo is not None else parsed


def local(moment: datetime) -> datetime:
    """An aware datetime as the shop's naive local wall time."""
    return moment.astimezone().replace(tzinfo=None)


def now() -> datetime:
    """The shop's local date and time, naive: what every timestamp column stores."""
    if _source is not None:
        return _source()
    fixed = os.environ.get(ENV_NOW)
    if fixed:
        return _parse(fixed)
    return datetime.now()


def today() -> date:
    """The shop's local date (the day changes at the shop's local midnight)."""
    return now().date()


def set_source(source: Callable[[], datetime] | None) -> None:
    """Make `source` the clock (None restores the real one). Prefer :func:`frozen`."""
    global _source
    _source = source


@contextmanager
def frozen(at: datetime | date | str) -> Iterator[datetime]:
    """Freeze the clock at `at` (a local datetime, a date = its noon, or ISO text)."""
    moment = _parse(at)
    previous = _source
    set_source(lambda: moment)
    try:
        yield moment
    finally:
        set_source(previous)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time())


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of `day` in local time."""
    start = start_of_day(day)
    return start, start + timedelta(days=1)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """[start, end) of the month in local time: the 1st at 00:00 to the next 1st at 00:00."""
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    return start, end


def utc_to_local(naive_utc: datetime) -> datetime:
    """A naive UTC timestamp (the pre-0004 convention) as naive local time."""
    return local(naive_utc.replace(tzinfo=UTC))
