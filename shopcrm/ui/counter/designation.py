"""Designated (指定) or rotation (轮牌) on the visit dialog's lines: a tick on the service
cell, Ctrl+D flips the current line, and a line starts ticked when its staff member is the
member's preferred stylist (services.commission.preferred_staff_id)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

FLIP_KEY = "Ctrl+D"


def mark(item: QTableWidgetItem, designated: bool) -> None:
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if designated else Qt.CheckState.Unchecked)


def is_designated(item: QTableWidgetItem | None) -> bool:
    return item is not None and item.checkState() == Qt.CheckState.Checked


def install(table: QTableWidget, column: int) -> QShortcut:
    """Ctrl+D on the table flips the current line; the column header says so."""
    flip = QShortcut(QKeySequence(FLIP_KEY), table)
    flip.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def toggle() -> None:
        item = table.item(table.currentRow(), column)
        if item is not None:
            mark(item, not is_designated(item))

    flip.activated.connect(toggle)
    return flip


def header_tip() -> str:
    return QCoreApplication.translate(
        "LinesTable", "Ticked: designated (指定), the member asked for this person; "
        "otherwise rotation (轮牌). %1 flips the current line."
    ).replace("%1", FLIP_KEY)  # fmt: skip


def header_label(service_word: str) -> str:
    """The service column's title, saying what its tick means."""
    return (
        QCoreApplication.translate("LinesTable", "%1 · ☑ designated (%2)")
        .replace("%1", service_word)
        .replace("%2", FLIP_KEY)
    )
