"""Reports → Levels: members by level now, upgrades in the month and the discount given on
level-priced lines (the report's `levels` figures, services/levels/figures.py; the same
figures head the workbook's Levels sheet)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import formatting as fmt


class LevelsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.levels: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("levelsTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Member levels this month"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Level"),
                self.tr("Members now"),
                self.tr("Upgrades this month"),
                self.tr("Discount given"),
            ]
        )
        self.show_levels(self.levels)

    def show_levels(self, levels: dict[str, Any] | None) -> None:
        self.levels = levels
        if not levels:
            self.table.setRowCount(0)
            return
        rows = [
            (r["level"], r["members"], r["upgrades"], Decimal(r["discount_given"]))
            for r in levels["by_level"]
        ]
        rows.append((self.tr("No level"), levels["members_without_level"], None, None))
        rows.append(
            (
                self.tr("Total"),
                sum(r[1] for r in rows),
                levels["upgrades_total"],
                Decimal(levels["discount_given_total"]),
            )
        )
        self.table.setRowCount(len(rows))
        for n, (name, members, upgrades, discount) in enumerate(rows):
            texts = (
                name,
                fmt.number(members),
                "" if upgrades is None else fmt.number(upgrades),
                "" if discount is None else fmt.money(discount),
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(n, c, item)

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""
