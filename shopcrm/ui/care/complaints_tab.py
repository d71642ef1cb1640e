"""Complaints: the live ones first (in red), each with who and what it is about; mark one
contacted, resolve it with what was done, or drop it; enter a new one on a member.
Ctrl+N new, Ctrl+K contacted, Ctrl+R resolve."""

from __future__ import annotations

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
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

    def _show(self, rows: list[ComplaintInfo]) -> None:
        keep = self.current_id()
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
    def _act(self, work, message: str) -> None:  # noqa: ANN001
        current = self._current()
        if current is None or current.status not in ("open", "contacted"):
            return
        cid, note, actor = current.id, self.note.text().strip(), self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: work(s, cid, note, actor),
            changes={"followups"},
            success=lambda _info: self._done(message),
        ).run()

    def _done(self, message: str) -> None:
        self.note.clear()
        Toast.show_text(self.window(), message)
        self.refresh()

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
        )

    def drop(self) -> None:
        self._act(
            lambda s, cid, note, actor: drop_complaint(s, cid, note, actor=actor),
            self.tr("Complaint dropped"),
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
