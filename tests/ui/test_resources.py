"""Every resource the code loads exists (icons, style sheet, translations)."""

from __future__ import annotations

import re
from pathlib import Path

from shopcrm.paths import resource_dir
from shopcrm.ui import resources_util, translations
from shopcrm.ui.registry import screen_classes

UI_DIR = Path(resources_util.__file__).resolve().parent


def referenced_resources() -> set[str]:
    names = {resources_util.APP_ICON_SVG, resources_util.APP_ICON_PNG, resources_util.STYLE_SHEET}
    names |= {f"icons/{cls.icon}" for cls in screen_classes()}
    for path in UI_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= {f"icons/{m}" for m in re.findall(r'\bicon\("([^"]+)"\)', text)}
    qss = (resource_dir() / resources_util.STYLE_SHEET).read_text(encoding="utf-8")
    names |= {f"icons/{m}" for m in re.findall(r"url\(@ICONS@/([^)]+)\)", qss)}
    names.add(str(translations.ts_path("zh").relative_to(resource_dir())))
    return names


def test_referenced_resources_exist():
    names = referenced_resources()
    assert len(names) >= 6
    missing = sorted(n for n in names if not (resource_dir() / n).is_file())
    assert missing == []


def test_style_sheet_resolves_icon_urls():
    sheet = resources_util.style_sheet()
    assert "@ICONS@" not in sheet and "QListWidget#nav" in sheet


def test_app_icon_loads(qapp):
    assert not resources_util.app_icon().isNull()
    for cls in screen_classes():
        assert not resources_util.icon(cls.icon).isNull()
