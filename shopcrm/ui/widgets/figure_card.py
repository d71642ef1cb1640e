"""A figure with its caption (the Overview's and the Reports' big numbers)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class FigureCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        self.caption = QLabel(self)
        self.caption.setObjectName("figureCaption")
        self.value = QLabel("—", self)
        self.value.setObjectName("figureValue")
        self.hint = QLabel(self)
        self.hint.setObjectName("figureHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def set_caption(self, caption: str, hint: str = "") -> None:
        self.caption.setText(caption)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def set_value(self, text: str) -> None:
        self.value.setText(text)
