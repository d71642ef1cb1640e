"""The start-up shell (issue 21, cold start): on screen before the data layers load, its
search box takes the keys, and what was typed reaches the real counter's search box."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from shopcrm.ui.app import AppController
from shopcrm.ui.startup_shell import StartupShell


def test_keys_typed_into_the_shell_reach_the_counter(ctx, languages, qtbot):
    from shopcrm.db import session_scope
    from shopcrm.services.settings import set_setting

    with session_scope(ctx.engine, write=True) as s:
        set_setting(s, "setup.done", True)
    controller = AppController(languages)
    controller.show_shell()
    shell = controller.shell
    qtbot.addWidget(shell)
    qtbot.waitExposed(shell)
    qtbot.keyClicks(shell.search, "1061")
    window = controller.show_window(ctx)
    qtbot.addWidget(window)
    assert controller.shell is None and not shell.isVisible()
    box = window.screen("counter").search
    assert box.text() == "1061"
    qtbot.keyClick(box, Qt.Key.Key_2)
    assert box.text() == "10612"


def test_the_shell_loads_no_data_layer():
    code = (
        "import sys; import shopcrm.ui.startup_shell, shopcrm.ui.app; "
        "print(','.join(m for m in ('sqlalchemy', 'shopcrm.db', 'shopcrm.services') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_shell_focuses_its_search_box(qtbot):
    shell = StartupShell()
    qtbot.addWidget(shell)
    shell.show_focused()
    qtbot.waitExposed(shell)
    assert shell.search.objectName() == "searchBox"
    qtbot.waitUntil(lambda: shell.focusWidget() is shell.search)
