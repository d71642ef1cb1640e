"""Small shared definitions that need no numpy (so light modules can import them)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED

COUNTED_STATUSES = (MEMBER_ACTIVE, MEMBER_ARCHIVED)
TREND_DAYS = 180  # spend in the last 180 days is compared with the 180 days before


def end_of(as_of: date) -> datetime:
    """The first instant after the `as_of` day."""
    return datetime.combine(as_of + timedelta(days=1), time.min)
