"""The search box waits for a pause in typing, clears on Esc and hands Down to the results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QVBoxLayout, QWidget

from shopcrm.ui.widgets.search_box import SearchBox


def make(qtbot, delay=150):
    host = QWidget()
    layout = QVBoxLayout(host)
    box = SearchBox(None, delay_ms=delay)
    results = QListWidget(host)
    layout.addWidget(box)
    layout.addWidget(results)
    box.results_widget = results
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitActive(host)
    box.setFocus()
    box.host = host  # keep the parent alive
    return box, results


def test_debounce_emits_once_after_idle(qtbot):
    box, _ = make(qtbot)
    emitted = []
    box.search.connect(emitted.append)
    qtbot.keyClicks(box, "8000")
    assert emitted == []  # nothing while typing
    qtbot.waitUntil(lambda: emitted == ["8000"], timeout=1000)
    qtbot.wait(250)
    assert emitted == ["8000"]


def test_escape_clears_and_down_moves_focus(qtbot):
    box, results = make(qtbot, delay=10_000)
    emitted = []
    box.search.connect(emitted.append)
    qtbot.keyClicks(box, "zs")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert emitted == ["zs"]  # a pending search is flushed first
    assert box.host.focusWidget() is results
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and emitted[-1] == ""


def test_enter_searches_now_and_activates(qtbot):
    box, _ = make(qtbot, delay=10_000)
    emitted, activated = [], []
    box.search.connect(emitted.append)
    box.activated.connect(activated.append)
    qtbot.keyClicks(box, "13800")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert emitted == ["13800"] and activated == ["13800"]
