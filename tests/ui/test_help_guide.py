"""Help → Guide opens the short guide in the user's language."""

from __future__ import annotations

from shopcrm.paths import resource_dir
from shopcrm.ui.help_dialog import HelpDialog, guide_path
from shopcrm.ui.main_window import MainWindow


def test_the_guide_exists_in_both_languages_with_its_four_parts() -> None:
    for lang, heads in {
        "en": ("First steps", "At the counter", "Follow-ups", "Closing the month"),
        "zh": ("入门步骤", "前台", "回访", "月底结账"),
    }.items():
        text = (resource_dir() / "help" / f"guide-{lang}.md").read_text(encoding="utf-8")
        for head in heads:
            assert f"## {head}" in text, (lang, head)
        assert "F2" in text and "Ctrl+N" in text
    assert guide_path("fr").name == "guide-en.md"


def test_help_menu_opens_the_guide_in_the_language(ctx, languages, qtbot) -> None:
    languages.apply("zh")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.guide_action.text() == "指南(&G)"
    window.guide_action.trigger()
    assert isinstance(window.guide, HelpDialog)
    assert "前台" in window.guide.browser.toPlainText()
    languages.apply("en")
    window.guide_action.trigger()
    assert "At the counter" in window.guide.browser.toPlainText()
