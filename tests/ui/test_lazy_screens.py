"""The window builds only the counter at start; other screens are built on their first visit,
and the app's start path loads none of the heavy libraries (issue 21, cold start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from shopcrm.ui.main_window import MainWindow
from shopcrm.ui.registry import SCREENS, ScreenEntry, screen_entries

HEAVY = ("numpy", "scipy", "matplotlib", "openpyxl", "pypinyin", "alembic")


@pytest.fixture
def window(ctx, qtbot):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_only_the_counter_is_built_at_start(window):
    assert [window.is_built(n) for n in range(len(window.entries))] == [
        n == 0 for n in range(len(window.entries))
    ]
    assert window.current_screen().screen_id == "counter"
    assert [window.nav.item(n).text() for n in range(window.nav.count())] == [
        "Counter",
        "Bookings",
        "Members",
        "Follow-ups",
        "Reports",
        "Care",
        "Settings",
    ]


def test_a_screen_is_built_on_its_first_visit_and_kept(window):
    n = window.screen_index("reports")
    window.show_screen(n)
    reports = window.current_screen()
    assert reports.screen_id == "reports" and window.is_built(n)
    assert window.stack.indexOf(reports) == n  # in its own place in the stack
    window.show_screen(0)
    window.show_screen(n)
    assert window.current_screen() is reports  # built once
    assert window.screens.index(reports) == n
    assert not window.is_built(window.screen_index("members"))


def test_screen_by_id_builds_it_without_switching(window):
    settings = window.screen("settings")
    assert settings is not None and settings.screen_id == "settings"
    assert window.current_screen().screen_id == "counter"
    assert window.screen("nope") is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_registry_lines_agree_with_their_classes(ctx, languages, qtbot, lang):
    """What the sidebar shows before a screen exists is what the screen says itself."""
    languages.apply(lang)
    for entry in screen_entries():
        cls = entry.load()
        assert (entry.screen_id, entry.icon, entry.permission) == (
            cls.screen_id,
            cls.icon,
            cls.permission,
        )
        screen = cls(ctx)
        qtbot.addWidget(screen)
        assert entry.eager or entry.title() == screen.title()
    languages.apply("en")


def test_a_plain_string_line_still_registers_an_eagerly_built_screen(ctx, qtbot, monkeypatch):
    monkeypatch.setattr(
        "shopcrm.ui.registry.SCREENS",
        [*SCREENS[:1], "shopcrm.ui.followups.screen:FollowupsScreen"],
    )
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert isinstance(SCREENS[0], ScreenEntry)
    assert win.is_built(1) and win.screens[1].screen_id == "followups"
    assert win.nav.item(1).text() == "Follow-ups"


def test_the_app_starts_without_the_heavy_libraries(db_url, tmp_path):
    """The user's start (`python -m shopcrm.ui`, what `shopcrm-app` runs) to a usable counter
    loads no numpy, scipy, matplotlib, openpyxl, pypinyin or Alembic."""
    from shopcrm.db import make_engine, open_database, session_scope
    from shopcrm.services.auth import ROLE_OWNER, SYSTEM
    from shopcrm.services.settings import set_setting
    from shopcrm.services.staff import create_staff

    if not db_url.endswith(".db"):
        return  # the same path on PostgreSQL; one run is enough
    open_database(db_url).dispose()
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        set_setting(s, "setup.done", True)  # past the first-run dialog
        # Han names: the status bar's owner and the counter's list of today's bookings once
        # sorted staff by their reading, loading pypinyin's dictionaries at every start
        create_staff(s, "曾晓红", role=ROLE_OWNER, actor=SYSTEM)
        create_staff(s, "陈志强", title="发型师", actor=SYSTEM)
        create_staff(s, "单丽", title="美甲师", actor=SYSTEM)
    engine.dispose()
    probe = tmp_path / "probe.json"
    env = dict(os.environ, SHOPCRM_STARTUP_PROBE=str(probe), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "shopcrm.ui", "--db", db_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(probe.read_text(encoding="utf-8"))
    assert data["window"] and data["focus"] == "searchBox"
    loaded = set(data["modules"])
    assert [m for m in HEAVY if m in loaded] == []
    assert "shopcrm.ui.reports.screen" not in loaded  # built on first visit only
    assert "shopcrm.ui.members.screen" not in loaded
