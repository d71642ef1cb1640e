"""Follow-ups: the day's list, one row per member with all her reasons (grouped by rule,
overdue ones apart; a page at a time as the list scrolls, see pages.py), message texts to copy in one key, outcomes (done by call / message /
in person, no answer, snooze, dismiss — keys 1–5 and S) with a note and a satisfaction
score (R, 1–5, kept with "Done" as the Care screen's score; a low one raises a care call),
recorded on all her follow-ups of the day at once, another day by the date picker (a future
day is a preview), export to xlsx/csv. "Done" or "Dismiss" on a complaint follow-up opens
the complaint on the Care screen, where it is resolved, and comes back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...i18n import current_language
from ...services.care.complaints import complaint_of_followup
from ...services.care.satisfaction import record_score
from ...services.followups import KIND_COMPLAINT, DueItem, MemberDue, export_due, record_outcome
from ...services.followups.day import DayList
from .. import formatting as fmt
from ..app_context import AppContext
from ..ops import CollectionOp, Job, JobOp
from ..screen import Screen
from ..widgets.date_pickers import follow_date_rule
from ..widgets.empty_hint import EmptyHint, go_to
from ..widgets.toast import Toast
from .detail import OUTCOMES, detail_pane
from .pages import ID_ROLE, MEMBER_ROLE, PagedList

SNOOZE_DAYS = 3
__all__ = ["ID_ROLE", "MEMBER_ROLE", "FollowupsScreen"]
OUTCOME_KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3, Qt.Key.Key_5: 4}


class FollowupTree(QTreeWidget):
    """The list; C (or Ctrl+C) copies the selected message, 1–5 record an outcome, S snoozes."""

    def __init__(self, screen: FollowupsScreen) -> None:
        super().__init__(screen)
        self.screen = screen

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_C and not (
            event.modifiers()
            & ~(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
        ):
            self.screen.copy_message()
            return
        if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if event.key() in OUTCOME_KEYS:
                key, action, channel = OUTCOMES[OUTCOME_KEYS[event.key()]]
                if self.screen.outcome_buttons[key].isEnabled():
                    self.screen.record(action, channel)
                return
            if event.key() == Qt.Key.Key_S:
                if self.screen.snooze_button.isEnabled():
                    self.screen.snooze()
                return
            if event.key() == Qt.Key.Key_R:
                if self.screen.score_edit.isEnabled():
                    self.screen.score_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    self.screen.score_edit.selectAll()
                return
            # past the last row loaded: the next page, then the move (when it comes)
            paging = event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            if (
                paging
                and self.screen.at_end()
                and self.screen.pages.fetch_more(then=self.screen.step_down)
            ):
                return
        super().keyPressEvent(event)


class FollowupsScreen(Screen):
    screen_id = "followups"
    icon = "nav-followups.svg"
    watches = frozenset({"followups", "visits", "members", "settings", "database"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.day = clock.today()
        self.listing: DayList | None = None
        self.items: dict[int, DueItem] = {}
        self.members: dict[int, MemberDue] = {}
        self.order: list[int] = []  # member ids in display order (the pages loaded)
        self._select_row = 0
        self._score_member: int | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.day_label = QLabel(self)
        self.day_edit = QDateEdit(self)
        self.day_edit.setCalendarPopup(True)
        follow_date_rule(self.day_edit)
        self.day_edit.setDate(QDate(self.day))
        self.day_label.setBuddy(self.day_edit)
        self.today_button = QPushButton(self)
        self.export_button = QPushButton(self)
        for widget in (self.day_label, self.day_edit, self.today_button, self.export_button):
            top.addWidget(widget)
        layout.addLayout(top)
        self.summary = QLabel(self)
        self.summary.setObjectName("screenSubheading")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.empty_hint = EmptyHint(self, "followupsEmptyHint")  # nothing due: what happens
        self.empty_hint.add_button("rules", lambda: go_to(self, "settings", "rules"))
        layout.addWidget(self.empty_hint)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = FollowupTree(self)
        self.tree.setObjectName("followupTree")
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(2, 330)
        splitter.addWidget(self.tree)
        self.pages = PagedList(self, self.tree)
        detail = QScrollArea(splitter)  # a small window scrolls the pane instead of growing
        detail.setWidgetResizable(True)
        detail.setFrameShape(QScrollArea.Shape.NoFrame)
        detail.setWidget(detail_pane(self, detail))
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 380])
        layout.addWidget(splitter, 1)

        self.day_edit.dateChanged.connect(self._day_changed)
        self.today_button.clicked.connect(lambda: self.day_edit.setDate(QDate(clock.today())))
        self.export_button.clicked.connect(self.export)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.tree)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_message)
        for keys, slot in (("Ctrl+E", self.export), ("Ctrl+T", self.today_button.click)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setTabOrder(self.tree, self.copy_button)
        self.setTabOrder(self.copy_button, self.note_edit)
        self.setTabOrder(self.note_edit, self.score_edit)
        self.retranslate_ui()
        self._show_current()

    # -- Screen ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Follow-ups")

    def focus_widget(self) -> QWidget | None:
        return self.tree

    def retranslate_ui(self) -> None:
        for edit in (self.day_edit, self.snooze_edit):
            follow_date_rule(edit)
        self.empty_hint.set_texts(
            self.tr(
                "Nothing to follow up on this day. Calls appear here by themselves: birthdays, "
                "care calls a few days after a service, regulars who stop coming."
            ),
            rules=self.tr("Follow-up rules…"),
        )
        self.heading.setText(self.title())
        self.day_label.setText(self.tr("&Day:"))
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Back to today (Ctrl+T)"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save this day's list as Excel or CSV (Ctrl+E)"))
        self.tree.setHeaderLabels(
            [self.tr("Member"), self.tr("Phone"), self.tr("Reason"), self.tr("Message")]
        )
        self.copy_button.setText(self.tr("Copy message  C"))
        self.copy_button.setToolTip(self.tr("Copy the message text (C or Ctrl+C in the list)"))
        self.note_edit.setPlaceholderText(self.tr("Note with the outcome (optional)"))
        self.score_label.setText(self.tr("Satisfaction sco&re:"))
        self.score_edit.setPlaceholderText("1–5")
        self.score_edit.setToolTip(
            self.tr("R in the list; Enter goes back to the list. Kept when you record Done.")
        )
        self.score_hint.setText(self.tr("kept with Done (R); a low score raises a care call"))
        texts = {
            "done_call": (self.tr("Done: call"), self.tr("Called the member")),
            "done_message": (self.tr("Done: message"), self.tr("Sent the message")),
            "done_in_person": (self.tr("Done: in person"), self.tr("Spoke at the counter")),
            "noanswer": (self.tr("No answer"), self.tr("Stays on the list; counts an attempt")),
            "dismiss": (self.tr("Dismiss"), self.tr("Take it off the list without doing it")),
        }
        for n, (key, (text, tip)) in enumerate(texts.items(), start=1):
            self.outcome_buttons[key].setText(f"{text}  {n}")
            self.outcome_buttons[key].setToolTip(tip)
        self.snooze_button.setText(self.tr("Snooze") + "  S")
        self.snooze_button.setToolTip(self.tr("Hide it until the chosen date"))
        if not self.stale:
            self.refresh()  # reasons and messages come from the services in the language

    def refresh(self) -> None:
        """The first page again, as many rows as were loaded (the selection stays put)."""
        keep = len(self.order) if self.listing is not None and self.listing.on == self.day else 0
        self.pages.load(self.day, clock.today(), current_language(), keep, self._loaded)

    def today_for_list(self) -> date:
        return clock.today()

    def lang(self) -> str:
        return current_language()

    def on_changes(self, kinds: frozenset[str], origin: QObject | None) -> None:
        if kinds & self.watches:
            self.mark_stale()

    # -- the list --------------------------------------------------------------------------
    def _day_changed(self, qdate: QDate) -> None:
        self.day = qdate.toPython()
        self._select_row = 0
        self.refresh()

    def _loaded(self, listing: DayList) -> None:
        if listing.on != self.day:
            return  # the picker moved on meanwhile
        self.listing = listing
        self.items, self.members, self.order = {}, {}, []
        self.pages.clear()
        self.add_page(listing)
        self.empty_hint.setVisible(not listing.items)
        if self.order:
            row = min(self._select_row, len(self.order) - 1)
            self.select(self.members[self.order[row]].first.id)
        self._show_current()

    def add_page(self, listing: DayList) -> None:
        """Rows for a page's members under their groups (see pages.py)."""
        if listing.on != self.day:
            return
        self.items.update((item.id, item) for item in listing.items)
        self.members.update((member.member_id, member) for member in listing.members)
        self.order.extend(self.pages.add_rows(listing.members, self.tr("Overdue")))
        self.show_summary()

    def at_end(self) -> bool:
        """The last row loaded is the current one."""
        member = self.current_member()
        return member is not None and bool(self.order) and member.member_id == self.order[-1]

    def step_down(self) -> None:
        """After a page came for Down past the end: on to the row after the current one."""
        current = self.tree.currentItem()
        below = self.tree.itemBelow(current) if current is not None else None
        while below is not None and below.data(0, MEMBER_ROLE) is None:
            below = self.tree.itemBelow(below)  # a group's heading
        if below is not None:
            self.tree.setCurrentItem(below)

    def show_summary(self) -> None:
        listing = self.listing
        count = self.pages.member_count(len(self.order)) if listing else 0
        text = self.tr("%1 to follow up on %2").replace("%1", str(count))
        text = text.replace("%2", fmt.day(self.day))
        if listing is not None and listing.preview:
            text += " · " + self.tr(
                "preview: these become due on that day; outcomes can be recorded from then"
            )
        elif count == 0:
            text = self.tr("Nothing to follow up on %1.").replace("%1", fmt.day(self.day))
        self.summary.setText(text)

    def select(self, followup_id: int) -> None:
        """Select the row of the member the follow-up belongs to, showing its message."""
        item = self.items.get(followup_id)
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                child = head.child(j)
                if item is not None and child.data(0, MEMBER_ROLE) == item.member_id:
                    self.tree.setCurrentItem(child)
                    member = self.members[item.member_id]
                    self.message_choice.setCurrentIndex(member.ids.index(followup_id))
                    return

    def current_member(self) -> MemberDue | None:
        row = self.tree.currentItem()
        member_id = row.data(0, MEMBER_ROLE) if row is not None else None
        return self.members.get(member_id) if member_id is not None else None

    def current(self) -> DueItem | None:
        """The follow-up whose message is shown (her first unless another is chosen)."""
        member = self.current_member()
        if member is None:
            return None
        index = self.message_choice.currentIndex()
        return member.items[index] if 0 <= index < len(member.items) else member.first

    def _show_current(self) -> None:
        member = self.current_member()
        ids = self.listing.actionable_ids(member) if member and self.listing else ()
        actionable = bool(ids)
        for button in [*self.outcome_buttons.values(), self.snooze_button]:
            button.setEnabled(actionable)
        self.copy_button.setEnabled(member is not None)
        self.note_edit.setEnabled(actionable)
        self.score_edit.setEnabled(actionable)
        if member is None or member.member_id != self._score_member:
            self.score_edit.clear()  # a score belongs to the member it was typed for
        self._score_member = member.member_id if member is not None else None
        self.snooze_edit.setEnabled(actionable)
        self.message_choice.blockSignals(True)
        self.message_choice.clear()
        if member is not None:
            for item in member.items:
                self.message_choice.addItem(self.tr("Message: %1").replace("%1", item.rule_name))
        self.message_choice.setVisible(member is not None and len(member.items) > 1)
        self.message_choice.blockSignals(False)
        if member is None:
            self.who.setText(self.tr("Choose a member in the list."))
            self.reason.setText("")
            self.state.setText("")
            self.message.setPlainText("")
            return
        self.who.setText(f"{member.member_name}  {member.phone}".strip())
        self.reason.setText(
            "\n".join(
                self.tr("%1: %2").replace("%1", i.rule_name).replace("%2", i.reason)
                for i in member.items
            )
        )
        state = member.facts()
        if not member.overdue_days:
            state.insert(0, self.tr("due %1").replace("%1", fmt.day(member.first.due_date)))
        attempts = max(i.attempts for i in member.items)
        if attempts:
            state.append(self.tr("no answer %1×").replace("%1", str(attempts)))
        if not actionable:
            state.append(self.tr("not due yet"))
        self.state.setText(" · ".join(state))
        self.show_message()
        self.snooze_edit.setMinimumDate(QDate(clock.today() + timedelta(days=1)))
        self.snooze_edit.setDate(QDate(clock.today() + timedelta(days=SNOOZE_DAYS)))

    def show_message(self, *_args: object) -> None:
        item = self.current()
        self.message.setPlainText(item.message if item is not None else "")

    # -- actions ---------------------------------------------------------------------------
    def copy_message(self) -> None:
        item = self.current()
        if item is None:
            return
        QGuiApplication.clipboard().setText(item.message)
        Toast.show_text(self.window(), self.tr("Message copied"))

    def snooze(self) -> None:
        self.record("snooze", None, self.snooze_edit.date().toPython())

    def record(self, action: str, channel: str | None, snooze_to: date | None = None) -> None:
        member = self.current_member()
        if member is None or self.listing is None:
            return
        ids = self.listing.actionable_ids(member)
        if not ids:
            return
        note, actor = self.note_edit.text().strip(), self.ctx.actor
        score_text = self.score_edit.text().strip() if action == "done" else ""
        score = int(score_text) if score_text.isdigit() else None
        closing = action in ("done", "dismiss")
        # a complaint follow-up closes when the complaint is resolved: Done and Dismiss lead
        # to it on the Care screen; the member's other follow-ups take the outcome as usual
        complaints = [
            fid
            for fid in ids
            if closing and self.items.get(fid) and self.items[fid].rule_kind == KIND_COMPLAINT
        ]
        rest = [fid for fid in ids if fid not in complaints]
        shown = self.current()
        scored = shown.id if shown is not None and shown.id in rest else (rest or ids)[0]
        order = self.order
        self._select_row = order.index(member.member_id) if member.member_id in order else 0
        done_text = {
            "done": self.tr("Done: %1"),
            "noanswer": self.tr("No answer noted: %1"),
            "snooze": self.tr("Snoozed: %1"),
            "dismiss": self.tr("Dismissed: %1"),
        }[action].replace("%1", member.member_name)

        def work(s):  # noqa: ANN001, ANN202
            for fid in rest:
                record_outcome(
                    s, fid, action, channel=channel, snooze_to=snooze_to, note=note, actor=actor
                )
            info = None
            if score is not None:
                info = record_score(s, score, followup_id=scored, note=note, actor=actor)
            complaint = complaint_of_followup(s, complaints[0]) if complaints else None
            return info, complaint

        def saved(result: tuple) -> None:
            info, complaint = result
            self.note_edit.clear()
            self.score_edit.clear()
            text = done_text
            if info is not None and info.followup_id:
                text += " · " + self.tr("low score: a care follow-up is due today")
            if rest or info is not None:
                Toast.show_text(self.window(), text)
            if complaint is not None:
                self.open_complaint(complaint, member.member_id)

        if not rest and score is None and not complaints:
            return
        CollectionOp(
            self.ctx,
            self,
            work,
            changes={"followups"} if rest or score is not None else set(),
            success=saved,
        ).run()
        if self.isVisible():  # not when a complaint took us to the Care screen
            self.tree.setFocus()

    def open_complaint(self, complaint_id: int, member_id: int) -> None:
        """The complaint on the Care screen, ready to resolve; back here afterwards, on the
        same member's row (or the row that took its place)."""
        care = go_to(self, "care")
        if care is None:
            return

        def back() -> None:
            go_to(care, "followups")
            if member_id in self.members:
                self.select(self.members[member_id].first.id)
            self.tree.setFocus()

        care.show_complaint(complaint_id, back)  # type: ignore[attr-defined]

    def export(self) -> None:
        on, lang = self.day, current_language()
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export follow-ups"),
            str(Path.home() / f"followups-{on.isoformat()}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".xlsx"
        writing = self.tr("Writing %1").replace("%1", Path(path).name)

        def work(job: Job) -> int:
            job.progress(0.1, writing)
            with job.session() as session:
                rows = export_due(session, on, path, lang)
            job.progress(1.0, "")
            return rows

        JobOp(
            self.ctx,
            self,
            "followups-export",
            self.tr("Exporting follow-ups"),
            work,
            success=lambda rows: Toast.show_text(
                self.window(),
                self.tr("%1 rows saved to %2").replace("%1", str(rows)).replace("%2", path),
                5000,
            ),
            cancellable=False,
        ).run()
