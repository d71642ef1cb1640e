"""The sidebar's keys in sight: each item draws its shortcut (Ctrl+1…) small and dim at its
right edge, so a receptionist learns the keys by looking, not by hovering for a tooltip.

The key text is the item's `KEYS_ROLE` data (set by the main window from the screen's
action); an item without it is drawn as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

KEYS_ROLE = Qt.ItemDataRole.UserRole + 41
KEYS_COLOR = QColor("#8fa1b1")  # dim on the sidebar's dark blue, still readable
RIGHT_PADDING = 10


class NavKeysDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        keys = index.data(KEYS_ROLE)
        if not keys:
            return
        painter.save()
        font = option.font  # type: ignore[attr-defined]
        font.setPointSizeF(max(font.pointSizeF() * 0.78, 7.0))
        painter.setFont(font)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)  # type: ignore[attr-defined]
        color = QColor(KEYS_COLOR)
        if not enabled:
            color.setAlpha(110)
        painter.setPen(color)
        rect = option.rect.adjusted(0, 0, -RIGHT_PADDING, 0)  # type: ignore[attr-defined]
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, keys)
        painter.restore()
