"""Small widgets the counter's dialogs share: a money field, a keyboard-friendly hit list."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget, QWidget

from ...services.amounts import AmountError, parse_amount

MONEY_PATTERN = QRegularExpression(r"^\d{0,7}([.,]\d{0,2})?$")


class MoneyEdit(QLineEdit):
    """Yuan with at most two decimals; ``value()`` is a Decimal (blank = 0)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(MONEY_PATTERN, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")

    def value(self) -> Decimal:
        text = self.text().strip().replace(",", ".")
        if not text or text == ".":
            return Decimal("0.00")
        try:
            # Above the ceiling still comes through: the service refuses it in words.
            return parse_amount(text, ceiling=Decimal("9999999.99"))
        except AmountError:  # the validator lets only digits through; this is a fallback
            return Decimal("0.00")

    def set_value(self, amount: Decimal | None) -> None:
        self.setText("" if not amount else f"{Decimal(amount):.2f}")


class HitList(QListWidget):
    """Results under a search box: Up on the first row goes back to the box, Enter picks,
    typing goes back to the box with the key."""

    picked = Signal(int)  # row
    back = Signal()

    def __init__(self, search: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.setObjectName("hitList")

    placeholder = ""  # drawn while the list is empty

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().paintEvent(event)
        if self.count() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(12, 12, -12, -12)
            align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(rect, align.value | Qt.TextFlag.TextWordWrap.value, self.placeholder)
            painter.end()

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def focusInEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(0)
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentRow() >= 0:
                self.picked.emit(self.currentRow())
            return
        if key == Qt.Key.Key_Up and self.currentRow() <= 0:
            self.back.emit()
            return
        text = event.text()
        if (
            text
            and text.isprintable()
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search.insert(text)
            self.search.textEdited.emit(self.search.text())
            return
        super().keyPressEvent(event)


def show_action(button: QAbstractButton, action: QAction, text: str, tip: str = "") -> None:
    """Set `action`'s text and the button's caption and tooltip with its shortcut."""
    action.setText(text)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    button.setText(f"{text}  {keys}" if keys else text)
    tooltip = f"{tip or text} ({keys})" if keys else (tip or text)
    button.setToolTip(tooltip)
    action.setToolTip(tooltip)
