"""The window shown the moment Qt is up, before the database and SQLAlchemy load.

A cold start spends most of its time importing SQLAlchemy, the models and the services and
opening (and checking) the database. The shell — the sidebar's frame and the counter's search
box, focused — is on screen first, so the user can start typing at once; the keys are kept
and handed to the real counter's search box when the main window replaces the shell
(`hand_over`). This module imports Qt only: nothing here may pull in the data layers.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLineEdit, QMainWindow, QWidget

from .resources_util import app_icon

SHELL_SIZE = QSize(1366, 740)  # the main window's default size (main_window.DEFAULT_SIZE)


class StartupShell(QMainWindow):
    """The main window's outline with an empty counter whose search box holds the keys."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startupShell")
        self.setWindowIcon(app_icon())
        self.setWindowTitle(QApplication.applicationName())
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        nav = QFrame(central)
        nav.setObjectName("nav")
        nav.setFixedWidth(176)
        counter = QWidget(central)
        column = QHBoxLayout(counter)
        self.search = QLineEdit(counter)
        self.search.setObjectName("searchBox")  # the counter's box: same look, same name
        self.search.setMinimumWidth(300)
        column.addWidget(self.search, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        row.addWidget(nav)
        row.addWidget(counter, 1)
        self.setCentralWidget(central)
        self.resize(SHELL_SIZE)

    def show_focused(self) -> None:
        self.show()
        self.activateWindow()
        self.search.setFocus()

    def hand_over(self, window: QWidget | None) -> None:
        """Give what was typed so far to `window`'s counter search box, then close."""
        QApplication.processEvents()  # keys still queued for the shell land in its box first
        typed = self.search.text()
        screen = getattr(window, "screen", None)
        if typed and callable(screen):
            try:
                box = screen("counter").search
            except Exception:  # noqa: BLE001 - no counter: the keys are simply not carried
                box = None
            if box is not None:
                box.setText(typed)
                box.setFocus()
        self.close()
        self.deleteLater()
