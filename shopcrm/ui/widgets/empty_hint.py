"""What to do first on an empty screen: one sentence and a button (or two) that does it.

Issue 23: a new shop's empty member list, price list, staff list, follow-up list and report
month each say in one line what to do next, with a button for it. The owning screen sets
the texts (its own ``tr()``, so the words live in its catalogue) and shows the hint when its
data is empty; `go_to` opens another screen (and a Settings page) from a button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ...i18n import current_language


class EmptyHint(QFrame):
    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("emptyHint", True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel(self)
        self.label.setObjectName("hint")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        row.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.hide()

    def add_button(self, key: str, slot: Callable[[], object], primary: bool = False) -> None:
        button = QPushButton(self)
        button.setObjectName("primaryButton" if primary else f"{key}HintButton")
        button.clicked.connect(lambda _c=False: slot())
        self.layout().addWidget(button)
        self.buttons[key] = button

    def set_texts(self, sentence: str, **buttons: str) -> None:
        self.label.setText(sentence)
        for key, text in buttons.items():
            self.buttons[key].setText(text)

    def text(self) -> str:
        """The sentence and the buttons' words (for tests)."""
        return " | ".join([self.label.text(), *(b.text() for b in self.buttons.values())])


def go_to(widget: QWidget, screen_id: str, page_id: str | None = None) -> QWidget | None:
    """Show another screen of the main window (and a Settings page); the screen, or None."""
    window = widget.window()
    finder = getattr(window, "screen", None)
    screen = finder(screen_id) if callable(finder) else None
    if screen is None:
        return None
    window.show_screen(window.screens.index(screen))
    if page_id and hasattr(screen, "show_page"):
        screen.show_page(page_id)
    return screen


def save_template(parent: QWidget, kind: str, title: str, done: Callable[[str], None]) -> None:
    """Ask where to write the blank import template `kind` (services.templates), write it
    in the current language, then `done(path)`; a file error is shown in words."""
    from ...services.templates import write_template
    from ..errors import show_error

    path, _ = QFileDialog.getSaveFileName(parent, title, f"{kind}.xlsx", "Excel (*.xlsx)")
    if not path:
        return
    try:
        write_template(kind, path, current_language())
    except OSError as exc:
        show_error(parent, exc)
        return
    done(path)
