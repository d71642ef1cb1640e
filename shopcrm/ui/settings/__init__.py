"""The owner's settings and the reliability/security UI (login, switch user, start checks).

``SettingsScreen`` loads on first use (PEP 562): the window imports ``settings.session`` at
start, and that must not build the import chain of every settings page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .screen import SettingsScreen


def __getattr__(name: str) -> Any:
    if name == "SettingsScreen":
        from .screen import SettingsScreen

        return SettingsScreen
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SettingsScreen"]
