"""Help → Guide (F1): the short guide in the user's language (resources/help/guide-<lang>.md,
shipped with the app like the translations)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..i18n import current_language
from ..paths import resource_dir


def guide_path(lang: str | None = None) -> Path:
    """The guide for `lang`, the English one when there is none in that language."""
    folder = resource_dir() / "help"
    wanted = folder / f"guide-{lang or current_language()}.md"
    return wanted if wanted.is_file() else folder / "guide-en.md"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("ShopCRM guide"))
        self.browser.setMarkdown(guide_path().read_text(encoding="utf-8"))
