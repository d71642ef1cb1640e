"""Complaints: the live ones first (in red), each with who and what it is about; mark one
contacted, resolve it with what was done, or drop it; enter a new one on a member.
Ctrl+N new, Ctrl+K contacted, Ctrl+R resolve.

Opened from the Follow-ups screen ("Done" on a complaint follow-up, `focus_complaint`), the
complaint is selected with the resolution chosen next; resolving or dropping it (or Esc,
or the banner's button) goes back to the follow-up list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import current_language
from ...services.care.complaints import (
    RESOLUTIONS,
    ComplaintInfo,
    contact_complaint,
    drop_complaint,
    list_complaints,
    open_complaint,
    resolve_complaint,
)
from ...services.members.lookup import resolve_member
from .. import formatting as fmt
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast

LIVE_COLOUR = QColor("#c62828")


class ComplaintsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ComplaintInfo] = []
        self.wanted: int | None = None  # a complaint to select once the list is loaded
        self.back: Callable[[], object] | None = None  # where "Done" on a follow-up came from
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        self.banner = QWidget(self)
        self.banner.setObjectName("complaintFromFollowups")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(0, 0, 0, 0)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("hint")
        self.banner_text.setWordWrap(True)
        self.back_button = QPushButton(self.banner)
        self.back_button.clicked.connect(lambda _c=False: self.go_back())
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.back_button)
        self.banner.hide()
        layout.addWidget(self.banner)
        top = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("screenSubheading")
        top.addWidget(self.summary)
        top.addStretch(1)
        self.show_all = QCheckBox(self)
        top.addWidget(self.show_all)
        layout.addLayout(top)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("complaintList")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnCount(6)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)

        actions = QHBoxLayout()
        self.contact_button = QPushButton(self)
        self.how = QComboBox(self)
        self.note = QLineEdit(self)
        self.resolve_button = QPushButton(self)
        self.resolve_button.setObjectName("primary")
        self.drop_button = QPushButton(self)
        for widget in (
            self.contact_button,
            self.how,
            self.note,
            self.resolve_button,
            self.drop_button,
        ):
            actions.addWidget(widget)
        actions.setStretch(2, 1)
        layout.addLayout(actions)

        self.new_box = QGroupBox(self)
        grid = QGridLayout(self.new_box)
        self.member_label, self.text_label = QLabel(self.new_box), QLabel(self.new_box)
        self.member = QLineEdit(self.new_box)
        self.text = QLineEdit(self.new_box)
        self.add_button = QPushButton(self.new_box)
        self.member_label.setBuddy(self.member)
        self.text_label.setBuddy(self.text)
        grid.addWidget(self.member_label, 0, 0)
        grid.addWidget(self.member, 0, 1)
        grid.addWidget(self.text_label, 0, 2)
        grid.addWidget(self.text, 0, 3)
        grid.addWidget(self.add_button, 0, 4)
        grid.setColumnStretch(3, 1)
        layout.addWidget(self.new_box)

        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.contact_button.clicked.connect(self.contact)
        self.resolve_button.clicked.connect(self.resolve)
        self.drop_button.clicked.connect(self.drop)
        self.add_button.clicked.connect(self.add)
        self.text.returnPressed.connect(self.add)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        for keys, slot in (
            ("Ctrl+N", self.member.setFocus),
            ("Ctrl+K", self.contact),
            ("Ctrl+R", self.resolve),
            ("Esc", self.go_back),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._enable()

    def resolution_names(self) -> list[str]:
        return [self.tr("Redo"), self.tr("Refund"), self.tr("Apology"), self.tr("Voucher")]

    def retranslate_ui(self) -> None:
        self.show_all.setText(self.tr("Show &resolved and dropped"))
        self.tree.setHeaderLabels(
            [
                self.tr("No."),
                self.tr("Opened"),
                self.tr("Member"),
                self.tr("Complaint"),
                self.tr("About"),
                self.tr("Status"),
            ]
        )
        self.contact_button.setText(self.tr("Con&tacted (Ctrl+K)"))
        current = self.how.currentIndex()
        self.how.clear()
        self.how.addItems(self.resolution_names())
        self.how.setCurrentIndex(max(current, 0))
        self.note.setPlaceholderText(self.tr("What was done (kept with the complaint)"))
        self.resolve_button.setText(self.tr("Resol&ve (Ctrl+R)"))
        self.drop_button.setText(self.tr("&Drop"))
        self.new_box.setTitle(self.tr("New complaint (Ctrl+N)"))
        self.member_label.setText(self.tr("M&ember"))
        self.member.setPlaceholderText(self.tr("phone, card or #id"))
        self.text_label.setText(self.tr("Comp&laint"))
        self.add_button.setText(self.tr("&Add"))
        self.banner_text.setText(
            self.tr(
                "From the follow-up list: choose how it was resolved, write what was done and "
                "press Ctrl+R (or Drop); then you are back on the list."
            )
        )
        self.back_button.setText(self.tr("Back to follow-ups (Esc)"))
        self._show(self.rows)

    def focus_widget(self) -> QWidget:
        return self.tree

    # -- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        live_only = not self.show_all.isChecked()
        lang = current_language()
        QueryOp(
            self.ctx,
            self,
            lambda s: list_complaints(s, live_only=live_only, lang=lang),
            success=self._show,
        ).run()

    def focus_complaint(self, complaint_id: int, back: Callable[[], object] | None) -> None:
        """Select complaint `complaint_id` (loading the list again) with the resolution next;
        `back` is called after it is resolved or dropped, or on Esc."""
        self.wanted, self.back = complaint_id, back
        self.banner.setVisible(back is not None)
        self.refresh()

    def go_back(self) -> None:
        back, self.back = self.back, None
        self.banner.hide()
        if back is not None:
            back()

    def _show(self, rows: list[ComplaintInfo]) -> None:
        wanted, self.wanted = self.wanted, None
        if (
            wanted is not None
            and all(c.id != wanted for c in rows)
            and not self.show_all.isChecked()
        ):
            self.wanted = wanted  # closed already: show it among all complaints
            self.show_all.setChecked(True)  # refreshes
            return
        keep = wanted if wanted is not None else self.current_id()
        self.rows = rows
        self.tree.clear()
        live = 0
        for c in rows:
            about = " · ".join(x for x in (c.service_name, c.staff_name) if x)
            status = c.status_text + (f" · {c.resolution_text}" if c.resolution_text else "")
            item = QTreeWidgetItem(
                [f"#{c.id}", fmt.day_time(c.opened_at), c.member_name, c.text, about, status]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(3, c.text + (f"\n{c.resolution_note}" if c.resolution_note else ""))
            if c.status in ("open", "contacted"):
                live += 1
                for col in range(6):
                    item.setForeground(col, QBrush(LIVE_COLOUR))
            self.tree.addTopLevelItem(item)
            if c.id == keep:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.summary.setText(self.tr("%1 complaint(s) not resolved yet").replace("%1", str(live)))
        self._enable()
        if wanted is not None and self.current_id() == wanted:
            self.tree.scrollToItem(self.tree.currentItem())
            self.how.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _current(self) -> ComplaintInfo | None:
        cid = self.current_id()
        return next((c for c in self.rows if c.id == cid), None)

    def _enable(self) -> None:
        current = self._current()
        live = current is not None and current.status in ("open", "contacted")
        for widget in (self.contact_button, self.resolve_button, self.drop_button):
            widget.setEnabled(live)

    # -- actions --------------------------------------------------------------------------
    def _act(self, work, message: str, closes: bool = False) -> None:  # noqa: ANN001
        current = self._current()
        if current is None or current.status not in ("open", "contacted"):
            return
        cid, note, actor = current.id, self.note.text().strip(), self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: work(s, cid, note, actor),
            changes={"followups"},
            success=lambda _info: self._done(message, closes),
        ).run()

    def _done(self, message: str, closes: bool = False) -> None:
        self.note.clear()
        Toast.show_text(self.window(), message)
        self.refresh()
        if closes:
            self.go_back()

    def contact(self) -> None:
        self._act(
            lambda s, cid, note, actor: contact_complaint(s, cid, note, actor=actor),
            self.tr("Marked contacted"),
        )

    def resolve(self) -> None:
        how = RESOLUTIONS[max(self.how.currentIndex(), 0)]
        self._act(
            lambda s, cid, note, actor: resolve_complaint(s, cid, how, note, actor=actor),
            self.tr("Complaint resolved"),
            closes=True,
        )

    def drop(self) -> None:
        self._act(
            lambda s, cid, note, actor: drop_complaint(s, cid, note, actor=actor),
            self.tr("Complaint dropped"),
            closes=True,
        )

    def add(self) -> None:
        query, text, actor = self.member.text().strip(), self.text.text().strip(), self.ctx.actor
        if not query or not text:
            self.member.setFocus() if not query else self.text.setFocus()
            return

        def work(s):  # noqa: ANN001, ANN202
            return open_complaint(s, resolve_member(s, query), text, actor=actor)

        def added(_info: ComplaintInfo) -> None:
            self.member.clear()
            self.text.clear()
            Toast.show_text(self.window(), self.tr("Complaint added: a follow-up is due today"))
            self.refresh()

        CollectionOp(self.ctx, self, work, changes={"followups"}, success=added).run()
