"""UI test fixtures: one QApplication (pytest-qt), offscreen, inline ops, no real dialogs.

The user's data folder and window settings are redirected to a temporary folder before
anything reads them; ops run inline (Picard's fake thread pool) so callbacks fire at once.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="shopcrm-uitest-"))
os.environ["XDG_DATA_HOME"] = str(_TMP / "data")
os.environ["XDG_CONFIG_HOME"] = str(_TMP / "config")
os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(scope="session", autouse=True)
def _qt_setup(qapp):  # noqa: ANN001 - pytest-qt's fixture
    from PySide6.QtCore import QSettings

    from shopcrm.ui.app import apply_style
    from shopcrm.ui.translations import compile_translations

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_TMP / "qs"))
    compile_translations()
    apply_style(qapp)
    yield


@pytest.fixture(autouse=True)
def inline_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.ui import ops

    monkeypatch.setattr(ops, "RUNNER_FACTORY", ops.InlineRunner)


@pytest.fixture
def languages(qapp) -> Iterator:  # noqa: ANN001
    from shopcrm.ui.i18n import LanguageManager

    manager = LanguageManager(qapp)
    manager.apply("en")
    yield manager
    manager.apply("en")


@pytest.fixture
def ctx(engine, languages) -> Iterator:  # noqa: ANN001
    from shopcrm.ui.app_context import AppContext

    context = AppContext(engine, languages)
    yield context
    context.shutdown()


class Dialogs:
    """What the code under test tried to show in message boxes."""

    def __init__(self) -> None:
        self.shown: list[dict[str, str]] = []

    @property
    def texts(self) -> list[str]:
        return [d["text"] for d in self.shown]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    from PySide6.QtWidgets import QMessageBox

    seen = Dialogs()

    def fake_exec(box: QMessageBox) -> int:
        seen.shown.append(
            {
                "text": box.text(),
                "informative": box.informativeText(),
                "details": box.detailedText(),
            }
        )
        return 0

    def fake_static(_parent, title, text, *args, **kwargs) -> int:  # noqa: ANN001
        seen.shown.append({"text": text, "informative": "", "details": "", "title": title})
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for name in ("information", "warning", "critical", "about", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(fake_static))
    return seen


@pytest.fixture(autouse=True)
def _no_unexpected_message_box(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """A message box a test did not ask for fails the test instead of hanging it.

    Offscreen, a modal box waits forever for a click nobody makes; tests that expect one use
    the `dialogs` fixture, which records them instead.
    """
    if "dialogs" in request.fixturenames:
        yield
        return
    from PySide6.QtWidgets import QMessageBox

    unexpected: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        unexpected.append(" ".join(filter(None, (box.text(), box.informativeText()))))
        return 0

    def fake_static(_parent, _title, text, *args, **kwargs) -> int:  # noqa: ANN001
        unexpected.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for name in ("information", "warning", "critical", "about", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(fake_static))
    yield
    if unexpected:
        pytest.fail(f"unexpected message box: {unexpected}")


@pytest.fixture
def small_demo(demo_shop):  # noqa: ANN001
    """The test database filled with a tiny demo shop (built once, then copied)."""
    from shopcrm.services.demo import DemoOptions

    return demo_shop(DemoOptions(members=40, months=4, seed=7))
