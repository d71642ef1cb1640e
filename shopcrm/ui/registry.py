"""The screens of the main window, in navigation order: one line per screen.

The first screen is the start screen; screen N gets the shortcut Ctrl+N (N <= 9).
A screen module defines one subclass of ``screen.Screen``.

A screen joins with one line. ``lazy(spec, id, icon, title)`` names what the navigation
shows, so the module is imported and the screen built only when it is first visited (what
keeps the start fast and small: the Reports screen alone pulls in numpy and scipy). The
title is the screen's own ``self.tr()`` source text, translated in its class's context, so
the .ts entry of ``title()`` serves both; ``tests/ui/test_main_window.py`` checks that the
line and the class agree. A plain ``"module:Class"`` string also works: that screen's module
is imported and the screen built at start.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import QCoreApplication

from ..services.auth import PERM_REPORTS_VIEW
from .screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    """One navigation slot: what the sidebar shows before the screen itself exists."""

    spec: str  # "package.module:ClassName"
    screen_id: str
    icon: str
    title_text: str  # the English source text of the class's title()
    permission: str | None = None
    eager: bool = False  # built at start (a plain string line)

    @property
    def class_name(self) -> str:
        return self.spec.partition(":")[2]

    def load(self) -> type[Screen]:
        module_name, _, class_name = self.spec.partition(":")
        cls = getattr(import_module(module_name), class_name)
        if not (isinstance(cls, type) and issubclass(cls, Screen)) or not cls.screen_id:
            raise TypeError(f"{self.spec} is not a Screen with a screen_id")
        return cls

    def title(self) -> str:
        """The translated title, without building (or importing) the screen."""
        return QCoreApplication.translate(self.class_name, self.title_text)


def lazy(
    spec: str, screen_id: str, icon: str, title: str, permission: str | None = None
) -> ScreenEntry:
    """A screen whose module is imported and which is built on its first visit."""
    return ScreenEntry(spec, screen_id, icon, title, permission)


SCREENS: list[ScreenEntry | str] = [
    lazy("shopcrm.ui.counter.screen:CounterScreen", "counter", "nav-counter.svg", "Counter"),
    lazy("shopcrm.ui.bookings.screen:BookingsScreen", "bookings", "nav-bookings.svg", "Bookings"),
    lazy("shopcrm.ui.members.screen:MembersScreen", "members", "nav-members.svg", "Members"),
    lazy(
        "shopcrm.ui.followups.screen:FollowupsScreen",
        "followups",
        "nav-followups.svg",
        "Follow-ups",
    ),
    lazy(
        "shopcrm.ui.reports.screen:ReportsScreen",
        "reports",
        "nav-reports.svg",
        "Reports",
        PERM_REPORTS_VIEW,
    ),
    lazy("shopcrm.ui.care.screen:CareScreen", "care", "nav-care.svg", "Care"),
    lazy("shopcrm.ui.settings:SettingsScreen", "settings", "nav-settings.svg", "Settings"),
]


def entry_of(item: ScreenEntry | str) -> ScreenEntry:
    """A registry line as an entry; a plain string loads its class now to learn its names."""
    if isinstance(item, ScreenEntry):
        return item
    probe = ScreenEntry(item, "", "", "", eager=True)
    cls = probe.load()
    return ScreenEntry(item, cls.screen_id, cls.icon, "", cls.permission, eager=True)


def screen_entries() -> list[ScreenEntry]:
    return [entry_of(item) for item in SCREENS]


def screen_classes() -> list[type[Screen]]:
    """Every screen class (imports every screen module: for tests and tools, not the start)."""
    return [entry.load() for entry in screen_entries()]
