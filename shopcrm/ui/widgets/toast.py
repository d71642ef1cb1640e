"""A short confirmation that floats over the bottom of a window and fades by itself."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget


class Toast(QLabel):
    """``Toast.show_text(window, "Saved")``: one toast per window, replaced by the next."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    @classmethod
    def show_text(cls, window: QWidget, text: str, msecs: int = 2500) -> Toast:
        toast = window.findChild(Toast, "toast", Qt.FindChildOption.FindDirectChildrenOnly)
        if toast is None:
            toast = cls(window)
        toast.setText(text)
        toast.adjustSize()
        toast.resize(max(toast.width() + 32, 160), toast.height() + 16)
        pos = QPoint((window.width() - toast.width()) // 2, window.height() - toast.height() - 48)
        toast.move(pos)
        toast.raise_()
        toast.show()
        toast._timer.start(msecs)
        return toast
