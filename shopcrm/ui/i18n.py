"""Switch the UI language at run time (Frescobaldi's way: a signal, then retranslate_ui).

The `.qm` catalogues come from ``resources/translations`` (see ``translations.py``); Qt's
own catalogue (button texts in standard dialogs) comes from the PySide6 install. Setting the
language also sets ``shopcrm.i18n`` so that messages from the services follow.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from .. import i18n as core_i18n
from . import translations

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"zh": "简体中文", "en": "English"}


def resolve_language(setting: str | None) -> str:
    """The language to use for the setting `ui.language` ('' = follow the system)."""
    if setting in core_i18n.LANGUAGES:
        return setting  # type: ignore[return-value]
    return core_i18n.system_language()


class LanguageManager(QObject):
    """Owns the installed translators; emits `language_changed(lang)` after a switch."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = core_i18n.current_language()
        self._translators: list[QTranslator] = []

    def apply(self, lang: str) -> None:
        """Install the catalogues for `lang` ('zh' or 'en') and tell every widget."""
        if lang not in core_i18n.LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        app = QCoreApplication.instance()
        for old in self._translators:
            app.removeTranslator(old)
        self._translators = []
        if lang in translations.QT_LOCALES:
            qt_locale = translations.QT_LOCALES[lang]
            if translations.needs_build(lang):
                translations.compile_translations()
            for qm in translations.qm_files(lang):
                own = QTranslator(self)
                if own.load(str(qm)):
                    self._translators.append(own)
                else:
                    log.warning("no compiled translation %s", qm)
            qt = QTranslator(self)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{qt_locale}", qt_dir):
                self._translators.append(qt)
        for translator in self._translators:
            app.installTranslator(translator)
        QLocale.setDefault(
            QLocale(
                QLocale.Language.Chinese if lang == "zh" else QLocale.Language.English,
                QLocale.Country.China if lang == "zh" else QLocale.Country.UnitedStates,
            )
        )
        core_i18n.set_language(lang)
        changed = lang != self.language
        self.language = lang
        if changed:
            self.language_changed.emit(lang)
