"""The Follow-ups list a page at a time (issue 21): the first page shows at once, the next
ones load as the list is scrolled or Down / Page Down passes the last row loaded, and the
day's true figures (members in all, per group) come from one counting read beside it.

Pages come in the list's order (services/followups/paging.py: overdue first, then rule by
rule; each member once across pages), so a page only ever adds rows to the last group or
opens the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ...services.followups import MemberDue
from ...services.followups.day import DayList, day_list, day_totals
from ...services.followups.paging import PAGE, DueTotals
from ..errors import show_error
from ..ops import QueryOp

ID_ROLE = Qt.ItemDataRole.UserRole  # a member row: the id of her first follow-up
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = "overdue"  # the Overdue group's key (the others: the rule id)


class PagedList:
    """Loads a day's list into `tree` page by page for `screen` (which owns `items`,
    `members`, `order` and shows the rows' details)."""

    def __init__(self, screen, tree: QTreeWidget) -> None:  # noqa: ANN001 - FollowupsScreen
        self.screen = screen
        self.tree = tree
        self.next = None  # the cursor of the page after the last one loaded; None: all in
        self.totals: DueTotals | None = None
        self.loading = False
        self.generation = 0  # answers to an older load are dropped
        self.heads: dict[object, QTreeWidgetItem] = {}
        self.titles: dict[object, str] = {}
        self.after_page: Callable[[], None] | None = None
        tree.verticalScrollBar().valueChanged.connect(lambda _v: self.fetch_if_near_end())

    @property
    def has_more(self) -> bool:
        return self.next is not None

    def load(self, on: date, today: date, lang: str, keep: int, done: Callable) -> None:
        """The first page (at least `keep` members: a refresh keeps the rows the user had
        loaded, so the selection stays where it was); `done(listing)` shows it."""
        self.generation += 1
        generation, limit = self.generation, max(PAGE, keep)
        self.loading = True

        def loaded(listing: DayList) -> None:
            if generation != self.generation:
                return
            self.next, self.totals = listing.next, listing.totals
            done(listing)  # still "loading": clearing the tree scrolls, asking for nothing
            self.loading = False
            if listing.totals is None:
                self._count(on, generation)
            self._fill_later()

        QueryOp(
            self.screen.ctx,
            self.screen,
            lambda s: day_list(s, on, today, lang, limit=limit),
            success=loaded,
            failure=self._failed(generation),
        ).run()

    def _count(self, on: date, generation: int) -> None:
        def counted(totals: DueTotals) -> None:
            if generation == self.generation:
                self.totals = totals
                self.update_titles()
                self.screen.show_summary()

        # a second or so at 46,000 due: the long lane, so searches stay quick meanwhile
        QueryOp(self.screen.ctx, self.screen, lambda s: day_totals(s, on), success=counted,
                slow=True).run()  # fmt: skip

    def _failed(self, generation: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if generation == self.generation:
                self.loading = False
            show_error(self.screen, exc)

        return failed

    def fetch_more(self, then: Callable[[], None] | None = None) -> bool:
        """Ask for the next page (False: nothing more, or a page is on its way); `then`
        runs once it is shown."""
        if self.next is None or self.loading:
            return False
        self.loading = True
        generation, after = self.generation, self.next
        on, today, lang = self.screen.day, self.screen.today_for_list(), self.screen.lang()
        self.after_page = then

        def loaded(listing: DayList) -> None:
            if generation != self.generation:
                return
            self.next = listing.next
            self.screen.add_page(listing)
            self.loading = False
            then, self.after_page = self.after_page, None
            if then is not None:
                then()
            self._fill_later()

        QueryOp(
            self.screen.ctx,
            self.screen,
            lambda s: day_list(s, on, today, lang, after=after, limit=PAGE),
            success=loaded,
            failure=self._failed(generation),
        ).run()
        return True

    def _fill_later(self) -> None:
        """A view taller than the rows loaded asks for the next page by itself."""
        QTimer.singleShot(0, self.fetch_if_near_end)

    def fetch_if_near_end(self) -> None:
        if self.next is None or self.loading or not self.tree.isVisible():
            return
        bar = self.tree.verticalScrollBar()
        if bar.maximum() == 0 or bar.value() >= bar.maximum() - bar.pageStep() // 2:
            self.fetch_more()

    # -- rows -------------------------------------------------------------------------------
    def clear(self) -> None:
        self.tree.clear()
        self.heads.clear()
        self.titles.clear()

    def add_rows(self, members: tuple[MemberDue, ...], overdue_title: str) -> list[int]:
        """Append members under their group (opening it when it is new); their ids."""
        added = []
        for member in members:
            first = member.first
            key = OVERDUE if first.overdue else first.rule_id
            head = self.heads.get(key)
            if head is None:
                head = QTreeWidgetItem(self.tree)
                head.setFirstColumnSpanned(True)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                head.setExpanded(True)
                self.heads[key] = head
                self.titles[key] = overdue_title if key == OVERDUE else first.rule_name
            message = first.message.replace("\n", " ")
            row = QTreeWidgetItem(
                head, [member.member_name, member.phone, member.reasons(), message]
            )
            row.setData(0, ID_ROLE, first.id)
            row.setData(0, MEMBER_ROLE, member.member_id)
            row.setToolTip(2, "\n".join(f"{i.rule_name}: {i.reason}" for i in member.items))
            row.setToolTip(3, first.message)
            added.append(member.member_id)
        self.update_titles()
        return added

    def group_count(self, key: object) -> int:
        """Members in a group: the day's true figure once counted, else those loaded."""
        if self.totals is not None:
            if key == OVERDUE:
                return self.totals.overdue
            return self.totals.by_rule.get(key, 0)  # type: ignore[call-overload]
        return self.heads[key].childCount()

    def update_titles(self) -> None:
        for key, head in self.heads.items():
            head.setText(0, f"{self.titles[key]} ({self.group_count(key)})")

    def member_count(self, loaded: int) -> int:
        return self.totals.members if self.totals is not None else loaded
