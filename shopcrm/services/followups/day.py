"""The Follow-ups screen's list for any day: today's work, a past day, or a preview.

Today and past days list what is open and due then (`due_list`). A future day is a preview:
the rules are run for that day inside a SAVEPOINT that is rolled back, so the list shows
what will be due (birthdays coming, care calls after recent visits) without writing
anything, and the items only raised by the preview are marked so no outcome is recorded
on them before their day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ... import clock
from ...i18n import current_language
from ..auth import SYSTEM
from . import DueItem, due_list, raise_due


@dataclass(frozen=True)
class DayList:
    on: date
    items: tuple[DueItem, ...]
    preview_ids: frozenset[int]  # ids that exist only in the preview (future day)

    @property
    def preview(self) -> bool:
        return bool(self.preview_ids)

    def actionable(self, item: DueItem) -> bool:
        return item.id not in self.preview_ids


def day_list(
    session: Session, on: date, today: date | None = None, lang: str | None = None
) -> DayList:
    """The follow-ups to work on day `on` (see the module doc for future days)."""
    lang = lang or current_language()
    today = today or clock.today()
    real = due_list(session, on, lang)
    if on <= today:
        return DayList(on, tuple(real), frozenset())
    real_ids = {item.id for item in real}
    savepoint = session.begin_nested()
    try:
        raise_due(session, on, actor=SYSTEM, catch_up=False)
        items = due_list(session, on, lang)
    finally:
        savepoint.rollback()
    session.expire_all()
    return DayList(on, tuple(items), frozenset(i.id for i in items if i.id not in real_ids))
