"""The starter catalogue as a table to confirm: tick what to add, type the prices.

The price column is the only one edited in place: typing over a price and pressing Enter
moves straight down to the next price, so a whole list is priced without the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...services.settings import SHOP_KINDS
from ...services.starter_catalogue import StarterRow, starter_catalogue

PRICE_COLUMN = 3
KEY_ROLE = Qt.ItemDataRole.UserRole


def kind_names() -> list[str]:
    """The shop types' names in SHOP_KINDS order (for the first run and the shop page)."""
    names = {
        "salon": QCoreApplication.translate("ShopKinds", "Hair salon"),
        "beauty": QCoreApplication.translate("ShopKinds", "Beauty salon"),
        "nail": QCoreApplication.translate("ShopKinds", "Nail & lash bar"),
        "massage": QCoreApplication.translate("ShopKinds", "Massage / foot spa"),
        "restaurant": QCoreApplication.translate("ShopKinds", "Restaurant"),
    }
    return [names[kind] for kind in SHOP_KINDS]


class StarterTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("starterTable")
        self.kind = ""
        self.rows: list[StarterRow] = []
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels(
            [self.tr("Service"), self.tr("Minutes"), self.tr("Care (days)"), self.tr("Price (¥)")]
        )

    def show_kind(self, kind: str, lang: str | None = None) -> None:
        """Fill the table with `kind`'s starter catalogue in `lang`, suggested prices typed."""
        self.kind = kind
        self.rows = starter_catalogue(kind, lang)
        self.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            name = QTableWidgetItem(f"{row.name}  · {row.category}")
            name.setData(KEY_ROLE, row.key)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            self.setItem(n, 0, name)
            for col, text in ((1, row.minutes or ""), (2, ", ".join(map(str, row.care_days)))):
                item = QTableWidgetItem(str(text))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.setItem(n, col, item)
            price = QTableWidgetItem(f"{row.price}")
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            price.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable
            )
            self.setItem(n, PRICE_COLUMN, price)
        if self.rows:
            self.setCurrentCell(0, PRICE_COLUMN)

    def chosen(self) -> tuple[dict[str, str], set[str]]:
        """(key → price typed, the ticked keys)."""
        prices: dict[str, str] = {}
        ticked: set[str] = set()
        for n in range(self.rowCount()):
            key = self.item(n, 0).data(KEY_ROLE)
            prices[key] = self.item(n, PRICE_COLUMN).text().strip()
            if self.item(n, 0).checkState() == Qt.CheckState.Checked:
                ticked.add(key)
        return prices, ticked

    def set_price(self, row: int, text: str) -> None:
        self.item(row, PRICE_COLUMN).setText(text)

    # Enter in a price editor: keep it, then on to the next row's price
    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            row = self.currentRow()
            if row + 1 < self.rowCount():
                self.setCurrentCell(row + 1, PRICE_COLUMN)
                self.editItem(self.item(row + 1, PRICE_COLUMN))

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.currentColumn() == PRICE_COLUMN
        ):
            self.editItem(self.currentItem())
            return
        super().keyPressEvent(event)
