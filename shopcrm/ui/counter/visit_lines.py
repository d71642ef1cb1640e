"""The visit dialog's lines: service, quantity, list price, discount, amount and staff.

With a member at a level, each line's discount starts at the level's (the rate shown beside
the service); changing it is an override, which the dialog asks a reason for."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QWidget,
)

from ...services import cards
from ...services.catalog import ServiceView
from ...services.counter import line_amount
from ...services.levels import LevelRates, level_discount
from ...services.levels.columns import rate_text
from ...services.staff import StaffView
from ...services.visits import LineDraft
from .. import formatting as fmt
from . import card_lines, designation, line_split
from .widgets import MoneyEdit

COL_SERVICE, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_AMOUNT, COL_STAFF, COL_REMOVE = range(7)
COL_CARD = 7  # the member's count card paying the line (card_lines.py)


@dataclass
class _Line:
    service: ServiceView
    quantity: QSpinBox
    discount: MoneyEdit
    amount: QLabel
    staff: QComboBox
    rate: Decimal | None = None  # the member level's rate for this service
    level_discount: Decimal | None = None  # the discount at that rate for the quantity
    card: QComboBox | None = None  # a count card paying the line (card_lines.py)

    def overridden(self) -> bool:
        return self.level_discount is not None and self.discount.value() != self.level_discount


class LinesTable(QTableWidget):
    """One row per service line; ``changed`` whenever a total may have moved."""

    changed = Signal()

    def __init__(self, staff: tuple[StaffView, ...], parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setObjectName("visitLines")
        self.staff = staff
        self.lines: list[_Line] = []
        self.rates: LevelRates | None = None
        self.cards: list[cards.CardView] = []  # the member's cards (set_cards)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_SERVICE, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (COL_QTY, 64),
            (COL_PRICE, 90),
            (COL_DISCOUNT, 90),
            (COL_AMOUNT, 96),
            (COL_STAFF, 120),
            (COL_REMOVE, 34),
            (COL_CARD, 210),
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(col, width)
        self.verticalHeader().setDefaultSectionSize(36)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self)
        remove.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove.activated.connect(lambda: self.remove_line(self.currentRow()))
        self.preferred_staff_id: int | None = None  # lines by them start designated
        self.flip = designation.install(self, COL_SERVICE)
        self.shared: dict[int, line_split.Others] = {}  # id(line) → who shared it (Ctrl+E)
        self.split_key = line_split.install(self, self.edit_split)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("Service"),
                self.tr("Qty"),
                self.tr("List price"),
                self.tr("Discount"),
                self.tr("Amount"),
                self.tr("Staff"),
                "",
                self.tr("Card"),
            ]
        )
        for line in self.lines:
            line.staff.setItemText(0, self.tr("(none)"))
        header = self.horizontalHeaderItem(COL_SERVICE)
        if header is not None:
            header.setText(designation.header_label(self.tr("Service")))
            header.setToolTip(designation.header_tip() + "\n" + line_split.hint())

    def add_line(self, service: ServiceView, staff_id: int | None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        name = QTableWidgetItem(service.name)
        name.setToolTip(service.category)
        designation.mark(name, staff_id is not None and staff_id == self.preferred_staff_id)
        self.setItem(row, COL_SERVICE, name)
        price = QTableWidgetItem(fmt.money(service.list_price))
        price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, COL_PRICE, price)
        quantity = QSpinBox(self)
        quantity.setRange(1, 99)
        quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        discount = MoneyEdit(self)
        amount = QLabel(self)
        amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        amount.setObjectName("lineAmount")
        staff = QComboBox(self)
        staff.addItem(self.tr("(none)"), None)
        for person in self.staff:
            staff.addItem(person.name, person.id)
        index = staff.findData(staff_id)
        staff.setCurrentIndex(max(index, 0))
        remove = QToolButton(self)
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this line (Del)"))
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCellWidget(row, COL_QTY, quantity)
        self.setCellWidget(row, COL_DISCOUNT, discount)
        self.setCellWidget(row, COL_AMOUNT, amount)
        self.setCellWidget(row, COL_STAFF, staff)
        self.setCellWidget(row, COL_REMOVE, remove)
        line = _Line(service, quantity, discount, amount, staff)
        line.card = card_lines.card_combo(self, service.id, self.cards)
        line.card.currentIndexChanged.connect(lambda _i: self._update())
        self.setCellWidget(row, COL_CARD, line.card)
        self.lines.append(line)
        self._apply_rate(row, line)
        quantity.valueChanged.connect(lambda _q: self._requantify(line))
        discount.textChanged.connect(self._update)
        remove.clicked.connect(lambda: self.remove_line(self.lines.index(line)))
        self.setCurrentCell(row, COL_SERVICE)
        self._update()

    def set_rates(self, rates: LevelRates | None) -> None:
        """The member's level rates arrived: price the lines already there at them."""
        self.rates = rates
        for row, line in enumerate(self.lines):
            self._apply_rate(row, line)
        self._update()

    def _apply_rate(self, row: int, line: _Line) -> None:
        rate = self.rates.rates.get(line.service.id) if self.rates else None
        if rate is None or line.rate is not None:
            return
        line.rate = rate
        line.level_discount = level_discount(line.quantity.value(), line.service.list_price, rate)
        line.discount.set_value(line.level_discount)
        item = self.item(row, COL_SERVICE)
        if item is not None:
            item.setText(f"{line.service.name}  · {rate_text(rate)}")
            item.setToolTip(self.rates.level_name if self.rates else "")

    def _requantify(self, line: _Line) -> None:
        """A new quantity: a line still at the level's price follows it."""
        if line.rate is not None:
            following = not line.overridden()
            line.level_discount = level_discount(
                line.quantity.value(), line.service.list_price, line.rate
            )
            if following:
                line.discount.set_value(line.level_discount)
        self._update()

    def overrides(self) -> list[str]:
        """The services whose level price staff changed (they need a reason)."""
        return [line.service.name for line in self.lines if line.overridden()]

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.lines.pop(row)
            self.removeRow(row)
            self._update()

    def set_cards(self, views: list[cards.CardView]) -> None:
        """The member's cards arrived: offer them on the lines they cover."""
        self.cards = views
        for line in self.lines:
            if line.card is not None:
                card_lines.fill(line.card, line.service.id, views)
        self._update()

    def card_value(self, line: _Line) -> Decimal | None:
        """What the line's card uses recognise (None: the line is paid as usual)."""
        if card_lines.chosen_card(line.card) is None:
            return None
        value = card_lines.card_value(line.card, self.cards, line.service.id, line.quantity.value())
        return value if value is not None else Decimal("0.00")

    def card_total(self) -> Decimal:
        return sum(
            (self.card_value(line) or Decimal("0.00") for line in self.lines), Decimal("0.00")
        )

    def line_total(self, line: _Line) -> Decimal:
        """What the line costs at the till (a line paid by card: nothing)."""
        if card_lines.chosen_card(line.card) is not None:
            return Decimal("0.00")
        return line_amount(line.quantity.value(), line.service.list_price, line.discount.value())

    def total(self) -> Decimal:
        return sum((self.line_total(line) for line in self.lines), Decimal("0.00"))

    def drafts(self, override_reason: str = "") -> tuple[LineDraft, ...]:
        """The lines to record; a line at its level price leaves the pricing to the visit
        service (discount None), an overridden one carries `override_reason`."""
        return tuple(
            LineDraft(
                service_id=line.service.id,
                quantity=line.quantity.value(),
                discount=None
                if line.level_discount is not None and not line.overridden()
                else line.discount.value(),
                staff_id=line.staff.currentData(),
                override_reason=override_reason if line.overridden() else "",
                **card_lines.draft_fields(line.card),
                designated=designation.is_designated(self.item(row, COL_SERVICE)),
                split=line_split.split_of(line.staff.currentData(), self.shared.get(id(line), ())),
            )
            for row, line in enumerate(self.lines)
        )

    def edit_split(self, row: int) -> None:
        """Share the line at `row` with other staff (its own staff member must be set)."""
        if not 0 <= row < len(self.lines) or self.lines[row].staff.currentData() is None:
            return
        line = self.lines[row]
        dialog = line_split.SplitDialog(
            self.staff, line.staff.currentData(), self.shared.get(id(line), ()), self
        )
        if dialog.exec():
            self.set_split(row, dialog.others)

    def set_split(self, row: int, others: line_split.Others) -> None:
        """Who else shared the line at `row` (the service cell says so)."""
        self.shared[id(self.lines[row])] = others
        item = self.item(row, COL_SERVICE)
        if item is not None:
            base = item.text().split("  +")[0]
            more = line_split.describe(self.staff, others)
            item.setText(f"{base}  {more}" if more else base)

    def set_staff_all(self, staff_id: int | None) -> None:
        for line in self.lines:
            line.staff.setCurrentIndex(max(line.staff.findData(staff_id), 0))

    def _update(self) -> None:
        for line in self.lines:
            amount = self.line_total(line)
            line.amount.setText(fmt.money(amount))
            line.amount.setProperty("negative", amount < 0)
            if card_lines.chosen_card(line.card) is not None:
                line.amount.setText(
                    card_lines.amount_text(
                        card_lines.card_value(
                            line.card, self.cards, line.service.id, line.quantity.value()
                        )
                    )
                )
            line.discount.setEnabled(card_lines.chosen_card(line.card) is None)
        self.changed.emit()
