"""Help → Guide opens the short guide in the user's language; the guide is checked against
the product so it cannot drift: every "Settings → Page → Button" path names what the app
shows in that language, the counter's keys are exactly the ones it lists, and every
`shopcrm` command it names exists."""

from __future__ import annotations

import itertools
import re

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

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


# -- the guide checked against the product, so it cannot drift ------------------------------

ARROW_PATH = re.compile(r"\s*→\s*")
KEY = re.compile(r"(?<![\w+])(?:(?:Ctrl|Shift|Alt)\+)*(?:F\d{1,2}|Esc|[A-Z0-9])(?![\w])")


def _guide(lang: str) -> str:
    return " ".join((resource_dir() / "help" / f"guide-{lang}.md").read_text("utf-8").split())


def _names_on_screen(window: MainWindow) -> set[str]:
    """Every screen title, Settings page title, button and action text, as shown now."""
    names = {s.title() for s in window.screens}
    names |= {p.title() for p in window.screen("settings").pages}
    for widget in window.findChildren(QPushButton):
        names.add(widget.text().replace("&", ""))
    for action in window.findChildren(QAction):
        names.add(action.text().replace("&", ""))
    return {n for n in names if len(n) >= 2}  # no "×" or "+" matching anything


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_screen_path_in_the_guide_names_what_the_app_shows(ctx, languages, qtbot, lang):
    languages.apply(lang)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    names = _names_on_screen(window)
    text = _guide(lang)
    parts = ARROW_PATH.split(text)
    assert len(parts) > 5, "the guide names its screens as Settings → Page"
    for before, after in zip(parts, parts[1:], strict=False):
        left = [n for n in names if before.endswith(n)]
        right = [n for n in names if after.startswith(n)]
        assert left, f"{lang}: nothing on screen is called …{before[-25:]!r} (before →)"
        assert right, f"{lang}: nothing on screen is called {after[:25]!r}… (after →)"
    # Ctrl+1 … Ctrl+5 open the screens in the order the guide lists them
    row = next(line for line in text.split("|") if "Ctrl+1" in line)
    listed = text.split(row, 1)[1].split("|")[1]
    titles = [s.title() for s in window.screens]
    assert re.split(r"[,、]\s*", listed.strip()) == titles[: len(re.split(r"[,、]", listed))]


def _counter_keys(window: MainWindow) -> set[str]:
    counter = window.screen("counter")
    keys = set()
    for action in [*counter.actions(), *window.findChildren(QAction)]:
        for seq in action.shortcuts():
            keys.add(seq.toString(QKeySequence.SequenceFormat.PortableText))
    return keys


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_guide_lists_exactly_the_counters_keys(ctx, languages, qtbot, lang):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    keys = _counter_keys(window)
    text = (resource_dir() / "help" / f"guide-{lang}.md").read_text("utf-8")
    section = text.split("\n## ")[2]  # "At the counter" / "收银台"
    named = set()
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            first = line.split("|")[1]
            named |= set(KEY.findall(first))
    last = max((int(k[5:]) for k in named if k[5:].isdigit() and k.startswith("Ctrl+")), default=0)
    named |= {f"Ctrl+{n}" for n in range(2, last)} if "Ctrl+1" in named else set()
    assert named - keys == set(), f"{lang}: the guide names keys the counter does not have"
    counter = window.screen("counter")
    own = {
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for a in counter.actions()
    }
    own.discard("")
    assert own - named == set(), f"{lang}: counter keys missing from the guide"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_command_the_guide_names_exists(lang):
    from click.testing import CliRunner

    from shopcrm.cli import main

    text = (resource_dir() / "help" / f"guide-{lang}.md").read_text("utf-8")
    commands = re.findall(r"`shopcrm ([^`]+)`", text)
    assert commands, "the guide names at least the month's close"
    for command in commands:
        words = list(
            itertools.takewhile(lambda w: re.fullmatch(r"[a-z][a-z-]*", w), command.split())
        )
        result = CliRunner().invoke(main, [*words, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, command
