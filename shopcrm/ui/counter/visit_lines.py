"""The visit dialog's lines: service, quantity, list price, discount, amount and staff."""

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

from ...services.catalog import ServiceView
from ...services.counter import line_amount
from ...services.staff import StaffView
from ...services.visits import LineDraft
from .. import formatting as fmt
from .widgets import MoneyEdit

COL_SERVICE, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_AMOUNT, COL_STAFF, COL_REMOVE = range(7)


@dataclass
class _Line:
    service: ServiceView
    quantity: QSpinBox
    discount: MoneyEdit
    amount: QLabel
    staff: QComboBox


class LinesTable(QTableWidget):
    """One row per service line; ``changed`` whenever a total may have moved."""

    changed = Signal()

    def __init__(self, staff: tuple[StaffView, ...], parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setObjectName("visitLines")
        self.staff = staff
        self.lines: list[_Line] = []
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
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(col, width)
        self.verticalHeader().setDefaultSectionSize(36)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self)
        remove.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove.activated.connect(lambda: self.remove_line(self.currentRow()))
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
            ]
        )
        for line in self.lines:
            line.staff.setItemText(0, self.tr("(none)"))

    def add_line(self, service: ServiceView, staff_id: int | None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        name = QTableWidgetItem(service.name)
        name.setToolTip(service.category)
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
        self.lines.append(line)
        quantity.valueChanged.connect(self._update)
        discount.textChanged.connect(self._update)
        remove.clicked.connect(lambda: self.remove_line(self.lines.index(line)))
        self.setCurrentCell(row, COL_SERVICE)
        self._update()

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.lines.pop(row)
            self.removeRow(row)
            self._update()

    def line_total(self, line: _Line) -> Decimal:
        return line_amount(line.quantity.value(), line.service.list_price, line.discount.value())

    def total(self) -> Decimal:
        return sum((self.line_total(line) for line in self.lines), Decimal("0.00"))

    def drafts(self) -> tuple[LineDraft, ...]:
        return tuple(
            LineDraft(
                service_id=line.service.id,
                quantity=line.quantity.value(),
                discount=line.discount.value(),
                staff_id=line.staff.currentData(),
            )
            for line in self.lines
        )

    def set_staff_all(self, staff_id: int | None) -> None:
        for line in self.lines:
            line.staff.setCurrentIndex(max(line.staff.findData(staff_id), 0))

    def _update(self) -> None:
        for line in self.lines:
            amount = self.line_total(line)
            line.amount.setText(fmt.money(amount))
            line.amount.setProperty("negative", amount < 0)
        self.changed.emit()
