"""The owner's settings and the reliability/security UI (login, switch user, start checks)."""

from .screen import SettingsScreen

__all__ = ["SettingsScreen"]
