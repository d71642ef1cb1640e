"""The base of every screen in the main window's stack.

A screen is a QWidget that:
- has an id, a nav icon and a translated ``title()``;
- builds its widgets once, sets their texts in ``retranslate_ui()`` (called again on every
  language switch) and loads its data in ``refresh()`` through ops;
- lists the change kinds it shows in ``watches``: a change of those marks it stale, and a
  stale screen refreshes when it is visible or next activated;
- says which widget gets the focus when it is shown (``focus_widget()``);
- may name the ``permission`` (``services.auth.PERM_*``) needed to open it: when roles are
  on, the window disables it for people without it ("owner only").

Register it with one line in ``registry.py``.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from .app_context import AppContext


class Screen(QWidget):
    screen_id: ClassVar[str] = ""
    icon: ClassVar[str] = ""  # an SVG in resources/icons
    watches: ClassVar[frozenset[str]] = frozenset()
    permission: ClassVar[str | None] = None  # e.g. auth.PERM_REPORTS_VIEW

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"screen-{self.screen_id}")
        self._stale = True
        ctx.changes.changes_applied.connect(self._on_changes_applied)
        ctx.language_changed.connect(self._on_language_changed)

    # -- to override --------------------------------------------------------------------------
    def title(self) -> str:
        """The translated name shown in the navigation and the window title."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Set every visible text again in the current language."""

    def refresh(self) -> None:
        """Load (again) what the screen shows; use QueryOp, never block."""

    def focus_widget(self) -> QWidget | None:
        """The widget that gets the keyboard when the screen is shown."""
        return None

    def on_changes(self, kinds: frozenset[str], origin: QObject | None) -> None:
        """Data changed somewhere; by default refresh if it is something this screen shows."""
        if kinds & self.watches:
            self.mark_stale()

    # -- used by the main window ----------------------------------------------------------
    def activate(self) -> None:
        """The screen was brought to the front."""
        if self._stale:
            self._stale = False
            self.refresh()
        target = self.focus_widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def mark_stale(self) -> None:
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    @property
    def stale(self) -> bool:
        return self._stale

    def _on_language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def _on_changes_applied(self, kinds: frozenset[str], origin: QObject | None) -> None:
        self.on_changes(kinds, origin)
