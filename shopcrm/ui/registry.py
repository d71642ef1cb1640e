"""The screens of the main window, in navigation order: one line per screen.

The first screen is the start screen; screen N gets the shortcut Ctrl+N (N <= 9).
A screen module defines one subclass of ``screen.Screen``.
"""

from __future__ import annotations

from importlib import import_module

from .screen import Screen

SCREENS: list[str] = [
    "shopcrm.ui.counter.screen:CounterScreen",
    "shopcrm.ui.members.screen:MembersScreen",
    "shopcrm.ui.followups.screen:FollowupsScreen",
    "shopcrm.ui.reports.screen:ReportsScreen",
    "shopcrm.ui.care.screen:CareScreen",
    "shopcrm.ui.settings:SettingsScreen",
]


def screen_classes() -> list[type[Screen]]:
    classes: list[type[Screen]] = []
    for spec in SCREENS:
        module_name, _, class_name = spec.partition(":")
        cls = getattr(import_module(module_name), class_name)
        if not (isinstance(cls, type) and issubclass(cls, Screen)) or not cls.screen_id:
            raise TypeError(f"{spec} is not a Screen with a screen_id")
        classes.append(cls)
    return classes
