"""The member card on the counter: who, wallet, tags, profile, last visits, open follow-ups."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.birthdays import format_birthday
from ...services.counter import MemberPanel
from ...services.followups import KIND_COMPLAINT, DueItem
from .. import formatting as fmt
from ..bookings.card_line import MemberBookingsLabel


def _label(parent: QWidget, name: str = "", wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MemberCardView(QFrame):
    """Shows a `MemberPanel`; the screen owns the actions (buttons are added by it)."""

    followup_done = Signal(int)  # follow-up id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberCard")
        self.panel: MemberPanel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)

        top = QHBoxLayout()
        who = QVBoxLayout()
        who.setSpacing(4)
        name_row = QHBoxLayout()
        self.name_label = _label(self, "memberName")
        self.level_label = _label(self, "levelBadge")
        self.allergy_label = _label(self, "allergyBadge", wrap=True)
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.level_label)
        name_row.addWidget(self.allergy_label)
        name_row.addStretch(1)
        who.addLayout(name_row)
        self.info_label = _label(self, "memberInfo", wrap=True)
        who.addWidget(self.info_label)
        self.bookings_label = MemberBookingsLabel(self)  # upcoming bookings, no-shows
        who.addWidget(self.bookings_label)
        self.tags_row = QHBoxLayout()
        self.tags_row.setSpacing(6)
        who.addLayout(self.tags_row)
        top.addLayout(who, 1)
        money = QGridLayout()
        money.setHorizontalSpacing(18)
        self.balance_caption = _label(self, "figureCaption")
        self.balance_value = _label(self, "balanceValue")
        self.balance_parts = _label(self, "figureHint")  # principal + bonus
        self.points_caption = _label(self, "figureCaption")
        self.points_value = _label(self, "pointsValue")
        money.addWidget(self.balance_caption, 0, 0)
        money.addWidget(self.points_caption, 0, 1)
        money.addWidget(self.balance_value, 1, 0)
        money.addWidget(self.points_value, 1, 1)
        money.addWidget(self.balance_parts, 2, 0, 1, 2)
        top.addLayout(money)
        layout.addLayout(top)

        self.actions_row = QHBoxLayout()  # the screen puts its buttons here
        self.actions_row.setSpacing(8)
        layout.addLayout(self.actions_row)

        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        self.visits_title = _label(self, "sectionTitle")
        left.addWidget(self.visits_title)
        self.visits = QTableWidget(0, 4, self)
        self.visits.setObjectName("visitHistory")
        self.visits.verticalHeader().hide()
        self.visits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.visits.setWordWrap(False)
        header = self.visits.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        left.addWidget(self.visits, 1)
        body.addLayout(left, 3)

        right = QVBoxLayout()
        self.profile_title = _label(self, "sectionTitle")
        right.addWidget(self.profile_title)
        self.profile_form = QFormLayout()
        self.profile_form.setVerticalSpacing(4)
        right.addLayout(self.profile_form)
        self.notes_label = _label(self, "hint", wrap=True)
        right.addWidget(self.notes_label)
        self.cards_slot = QVBoxLayout()  # the member's count cards (counter/cards_section.py)
        right.addLayout(self.cards_slot)
        self.followups_title = _label(self, "sectionTitle")
        right.addWidget(self.followups_title)
        self.followups_box = QVBoxLayout()
        self.followups_box.setSpacing(6)
        right.addLayout(self.followups_box)
        right.addStretch(1)
        body.addLayout(right, 2)
        layout.addLayout(body, 1)
        self.done_buttons: list[QPushButton] = []
        self.retranslate_ui()

    # -- texts ------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.balance_caption.setText(self.tr("Stored value"))
        self.points_caption.setText(self.tr("Points"))
        self.visits_title.setText(self.tr("Last visits"))
        self.visits.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Services"), self.tr("Staff"), self.tr("Amount")]
        )
        self.profile_title.setText(self.tr("Profile"))
        self.followups_title.setText(self.tr("Open follow-ups"))
        if self.panel is not None:
            self.show_panel(self.panel)

    # -- content ----------------------------------------------------------------------------
    def show_panel(self, panel: MemberPanel) -> None:
        self.panel = panel
        card = panel.card
        self.name_label.setText(card.name)
        self.level_label.setText(card.level)
        self.level_label.setVisible(bool(card.level))
        self.allergy_label.setText(self.tr("Allergies: %1").replace("%1", panel.allergies))
        self.allergy_label.setVisible(bool(panel.allergies))
        self.allergy_label.setToolTip(self.allergy_label.text())
        info = [
            card.phone_display or self.tr("no phone"),
            self.tr("Card %1").replace("%1", card.card_no) if card.card_no else self.tr("no card"),
        ]
        if card.birthday:
            info.append(self.tr("Birthday %1").replace("%1", format_birthday(card.birthday)))
        info.append(self.tr("%1 visits").replace("%1", fmt.number(card.visit_count)))
        if card.last_visit_on:
            info.append(self.tr("last %1").replace("%1", fmt.day(card.last_visit_on)))
        self.info_label.setText("  ·  ".join(info))
        b = panel.balances
        self.balance_value.setText(fmt.money(b.stored_value))
        self.balance_parts.setText(self.parts_text(b.principal, b.bonus))
        self.balance_parts.setVisible(bool(b.stored_value or b.principal or b.bonus))
        self.balance_value.setToolTip(
            self.tr(
                "Principal is money paid in; bonus was given by the shop. Spending draws "
                "both in proportion; a refund returns principal only."
            )
        )
        self.points_value.setText(fmt.number(panel.balances.points))
        self.points_value.setToolTip(
            self.tr("worth %1").replace("%1", fmt.money(panel.balances.points_value))
        )
        self._show_tags(card.tags)
        self._show_visits(panel)
        self._show_profile(panel)
        self._show_followups(panel.followups)
        self.bookings_label.show_bookings(panel.bookings)

    def parts_text(self, principal: Decimal, bonus: Decimal) -> str:
        """'(principal ¥450.00 + bonus ¥100.00)' / '（本金 ¥450.00 + 赠送 ¥100.00）'."""
        return (
            self.tr("(principal %1 + bonus %2)")
            .replace("%1", fmt.money(principal))
            .replace("%2", fmt.money(bonus))
        )

    def _show_tags(self, tags: tuple[str, ...]) -> None:
        while self.tags_row.count():
            item = self.tags_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for tag in tags:
            chip = QLabel(tag, self)
            chip.setObjectName("tagChip")
            self.tags_row.addWidget(chip)
        self.tags_row.addStretch(1)

    def _show_visits(self, panel: MemberPanel) -> None:
        self.visits.setRowCount(0)
        for visit in panel.visits:
            row = self.visits.rowCount()
            self.visits.insertRow(row)
            amount = fmt.money(visit.total_amount)
            if visit.status != "ok":
                amount = self.tr("%1 (voided)").replace("%1", amount)
            cells = [fmt.day(visit.visited_at), visit.lines_text, visit.staff_text, amount]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.visits.setItem(row, col, item)
        if not panel.visits:
            self.visits.insertRow(0)
            self.visits.setSpan(0, 0, 1, 4)
            self.visits.setItem(0, 0, QTableWidgetItem(self.tr("No visits yet")))
        else:
            self.visits.clearSpans()

    def _show_profile(self, panel: MemberPanel) -> None:
        while self.profile_form.rowCount():
            self.profile_form.removeRow(0)
        for value in panel.profile:
            text = _label(self, wrap=True)
            text.setText(value.value)
            self.profile_form.addRow(self.tr("%1:").replace("%1", value.label), text)
        if not panel.profile:
            hint = _label(self, "hint", wrap=True)
            hint.setText(self.tr("Nothing noted yet (F4 to edit)."))
            self.profile_form.addRow(hint)
        notes = panel.card.notes.strip()
        self.notes_label.setText(self.tr("Notes: %1").replace("%1", notes) if notes else "")
        self.notes_label.setVisible(bool(notes))

    def _show_followups(self, items: tuple[DueItem, ...]) -> None:
        while self.followups_box.count():
            item = self.followups_box.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
            elif item.layout() is not None:
                while item.layout().count():
                    child = item.layout().takeAt(0)
                    if child.widget():
                        child.widget().deleteLater()
        self.done_buttons = []
        if not items:
            none = _label(self, "hint")
            none.setText(self.tr("None open."))
            self.followups_box.addWidget(none)
            return
        for due in items[:4]:
            row = QHBoxLayout()
            text = _label(self, wrap=True)
            when = fmt.short_day(due.due_date)
            text.setText(f"<b>{due.rule_name}</b> · {when}<br>{due.reason}")
            text.setToolTip(due.message)
            button = QPushButton(self.tr("Done"), self)
            button.setObjectName("followupDone")
            button.setToolTip(self.tr("Mark this follow-up done (in person, at the counter)"))
            button.setEnabled(due.is_due)
            button.clicked.connect(lambda _=False, fid=due.id: self.followup_done.emit(fid))
            if due.rule_kind == KIND_COMPLAINT:  # open complaints in red; closed by resolving
                text.setStyleSheet("color: #c62828;")
                button.setEnabled(False)
            self.done_buttons.append(button)
            row.addWidget(text, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.followups_box.addLayout(row)
        if len(items) > 4:
            more = _label(self, "hint")
            more.setText(
                self.tr("%1 more on the Follow-ups screen").replace("%1", str(len(items) - 4))
            )
            self.followups_box.addWidget(more)
