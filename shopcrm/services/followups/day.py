"""The Follow-ups screen's list for any day: today's work, a past day, or a preview.

Today and past days list what is open and due then (`due_list`). A future day is a preview:
the rules are run for that day inside a SAVEPOINT that is rolled back, so the list shows
what will be due (birthdays coming, care calls after recent visits) without writing
anything, and the items only raised by the preview are marked so no outcome is recorded
on them before their day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from ... import clock
from ...i18n import current_language
from ..auth import SYSTEM
from . import DueItem, due_list, raise_due
from .by_member import MemberDue, by_member


@dataclass(frozen=True)
class DayList:
    on: date
    items: tuple[DueItem, ...]
    preview_ids: frozenset[int]  # ids that exist only in the preview (future day)
    members: tuple[MemberDue, ...] = field(default=())  # the items by member, in list order

    @property
    def preview(self) -> bool:
        return bool(self.preview_ids)

    def actionable(self, item: DueItem) -> bool:
        return item.id not in self.preview_ids

    def actionable_ids(self, member: MemberDue) -> tuple[int, ...]:
        """Her follow-ups an outcome may be recorded on (not the preview's own)."""
        return tuple(i for i in member.ids if i not in self.preview_ids)


def day_list(
    session: Session, on: date, today: date | None = None, lang: str | None = None
) -> DayList:
    """The follow-ups to work on day `on` (see the module doc for future days)."""
    lang = lang or current_language()
    today = today or clock.today()
    real = due_list(session, on, lang)
    if on <= today:
        return DayList(on, tuple(real), frozenset(), tuple(by_member(session, real, on)))
    real_ids = {item.id for item in real}
    savepoint = session.begin_nested()
    try:
        raise_due(session, on, actor=SYSTEM, catch_up=False)
        items = due_list(session, on, lang)
    finally:
        savepoint.rollback()
    session.expire_all()
    preview = frozenset(i.id for i in items if i.id not in real_ids)
    return DayList(on, tuple(items), preview, tuple(by_member(session, items, on)))
