"""The Follow-ups screen's list for any day, a page at a time: today's work, a past day,
or a preview.

Today and past days are read page by page (`paging.due_page`: one row per member, overdue
first, then by rule; the cursor continues the list) with the day's figures apart
(`paging.due_totals`). A future day is a preview: the rules are run for that day inside a
SAVEPOINT that is rolled back, so the list shows what will be due (birthdays coming, care
calls after recent visits) without writing anything, and the items only raised by the
preview are marked so no outcome is recorded on them before their day. What the preview
raised is gone once the SAVEPOINT is rolled back, so a preview comes whole, in one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ... import clock
from ...i18n import current_language
from ..auth import SYSTEM
from . import DueItem, due_ids, raise_due
from .by_member import MemberDue
from .paging import PAGE, DuePage, DueTotals, PageCursor, due_page, due_totals


@dataclass(frozen=True)
class DayList:
    """One page of the day's list (the first one when `first`)."""

    on: date
    items: tuple[DueItem, ...]
    preview_ids: frozenset[int]  # ids that exist only in the preview (future day)
    members: tuple[MemberDue, ...] = ()  # the items by member, in list order
    next: PageCursor | None = None  # where the following page starts; None: no more
    totals: DueTotals | None = None  # the whole day's figures, when this page knows them

    @property
    def preview(self) -> bool:
        return bool(self.preview_ids)

    def actionable(self, item: DueItem) -> bool:
        return item.id not in self.preview_ids

    def actionable_ids(self, member: MemberDue) -> tuple[int, ...]:
        """Her follow-ups an outcome may be recorded on (not the preview's own)."""
        return tuple(i for i in member.ids if i not in self.preview_ids)


def _whole(page: DuePage) -> DueTotals:
    """The figures of a list read whole (nothing after this page)."""
    overdue = sum(1 for m in page.members if m.first.overdue)
    by_rule: dict[int, int] = {}
    for m in page.members:
        if not m.first.overdue:
            by_rule[m.first.rule_id] = by_rule.get(m.first.rule_id, 0) + 1
    return DueTotals(len(page.items), len(page.members), overdue, by_rule)


def day_list(
    session: Session,
    on: date,
    today: date | None = None,
    lang: str | None = None,
    *,
    after: PageCursor | None = None,
    limit: int | None = PAGE,
) -> DayList:
    """A page of the follow-ups to work on day `on` (see the module doc for future days):
    the first `limit` members, or those after `after`. The first page of a list that fits
    in it carries the day's figures (`totals`); otherwise ask `day_totals`."""
    lang = lang or current_language()
    today = today or clock.today()
    if on <= today:
        page = due_page(session, on, after, limit, lang)
        totals = _whole(page) if after is None and page.next is None else None
        return DayList(on, page.items, frozenset(), page.members, page.next, totals)
    real_ids = set(due_ids(session, on))
    savepoint = session.begin_nested()
    try:
        raise_due(session, on, actor=SYSTEM, catch_up=False)
        page = due_page(session, on, None, None, lang)
    finally:
        savepoint.rollback()
    session.expire_all()
    preview = frozenset(i.id for i in page.items if i.id not in real_ids)
    return DayList(on, page.items, preview, page.members, None, _whole(page))


def day_totals(session: Session, on: date) -> DueTotals:
    """The whole day's figures for today or a past day (a preview's come with its page)."""
    return due_totals(session, on)
