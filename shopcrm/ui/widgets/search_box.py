"""The counter's search field: debounced, Esc clears, Down jumps to the results."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """Emits ``search(text)`` once typing pauses for `delay_ms` (Enter searches at once).

    ``results_widget`` (set by the screen) receives focus on the Down key; ``activated``
    fires on Enter so a screen can open the first hit.
    """

    search = Signal(str)
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.results_widget: QWidget | None = None
        self.setClearButtonEnabled(True)
        self.setObjectName("searchBox")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self.textEdited.connect(self._restart)
        self._last: str | None = None

    def _restart(self, _text: str) -> None:
        self._timer.start()

    def _fire(self) -> None:
        text = self.text().strip()
        self._last = text
        self.search.emit(text)

    def flush(self) -> None:
        """Emit now if a search is pending (Enter, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self._fire()

    def clear_search(self) -> None:
        self._timer.stop()
        self.clear()
        self._fire()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear_search()
            return
        if key == Qt.Key.Key_Down and self.results_widget is not None:
            self.flush()
            self.results_widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or self._last != self.text().strip():
                self._timer.stop()
                self._fire()
            self.activated.emit(self.text().strip())
            return
        super().keyPressEvent(event)
