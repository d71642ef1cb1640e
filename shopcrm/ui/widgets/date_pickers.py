"""Date pickers follow the one date rule (services/dates.py): ``2026年11月7日`` /
``7 Nov 2026``, never ``2026-11-07``. Call `follow_date_rule(edit)` when the picker is made
and again in the screen's `retranslate_ui`, so a change of language reaches it."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDateTimeEdit

from ...i18n import current_language
from ...services.dates import picker_format


def follow_date_rule(edit: QDateTimeEdit, *, weekday: bool = False, time: bool = False) -> None:
    """Set `edit`'s display format (and locale, for month and weekday names) by language."""
    lang = current_language()
    edit.setLocale(QLocale())  # the language's locale (ui/i18n.py sets the default)
    edit.setDisplayFormat(picker_format(lang, weekday=weekday, time=time))
