"""Icons and the style sheet from ``resources/`` (beside the package or in the bundle)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from ..paths import resource_dir

APP_ICON_SVG = "icons/shopcrm.svg"
APP_ICON_PNG = "icons/shopcrm.png"
STYLE_SHEET = "styles/shopcrm.qss"


def resource(relative: str) -> Path:
    return resource_dir() / relative


def icon(name: str) -> QIcon:
    """An icon from resources/icons (SVG preferred); an empty icon if it is missing."""
    path = resource(f"icons/{name}")
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    result = QIcon()
    for relative in (APP_ICON_SVG, APP_ICON_PNG):
        if resource(relative).exists():
            result.addFile(str(resource(relative)))
    return result


def style_sheet() -> str:
    """The style sheet, with ``@ICONS@`` replaced by the icons folder (QSS urls are not
    relative to the .qss file)."""
    path = resource(STYLE_SHEET)
    if not path.exists():
        return ""
    icons = resource("icons").as_posix()
    return path.read_text(encoding="utf-8").replace("@ICONS@", icons)
