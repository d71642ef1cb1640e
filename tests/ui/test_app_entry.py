"""`shopcrm-app` / `python -m shopcrm.ui`: the desktop app's own entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import shopcrm.cli
from shopcrm.ui import app as ui_app


def test_main_opens_the_app_on_the_given_database(monkeypatch, tmp_path):
    opened: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(ui_app, "run_app", lambda db_url, argv: opened.append((db_url, argv)) or 3)
    db = tmp_path / "shop.db"
    assert ui_app.main(["--db", str(db), "-style", "Fusion"]) == 3
    [(url, argv)] = opened
    assert url == f"sqlite:///{db.resolve()}"
    assert argv[1:] == ["-style", "Fusion"]  # what is not ours goes to Qt


def test_main_without_db_uses_the_environment(monkeypatch, tmp_path):
    opened: list[str] = []
    monkeypatch.setattr(ui_app, "run_app", lambda db_url, argv: opened.append(db_url) or 0)
    monkeypatch.setenv("SHOPCRM_DB", str(tmp_path / "env.db"))
    assert ui_app.main([]) == 0
    assert opened == [f"sqlite:///{Path(tmp_path / 'env.db').resolve()}"]


def test_shopcrm_without_a_command_really_opens_the_window(db_url, tmp_path):
    """The whole road: the CLI starts `python -m shopcrm.ui`, which shows the window."""
    from shopcrm.db import make_engine, session_scope
    from shopcrm.services.settings import set_setting

    if not db_url.endswith(".db"):
        return  # the same road on PostgreSQL; one run is enough
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        set_setting(s, "setup.done", True)  # past the first-run dialog
    engine.dispose()
    shot = tmp_path / "window.png"
    env = dict(os.environ, SHOPCRM_SCREENSHOT=str(shot), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "shopcrm", "--db", db_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.stat().st_size > 1000


def _launcher():
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "installer" / "launcher.py"
    spec = importlib.util.spec_from_file_location("shopcrm_frozen_launcher", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_frozen_launcher_opens_the_window_or_runs_the_cli(monkeypatch):
    """The frozen executable: no arguments or SHOPCRM_RUN_APP (set by the CLI's app_command)
    start the window; anything else is the CLI."""
    ran: list[str] = []
    monkeypatch.setattr(ui_app, "main", lambda: ran.append("app") or 0)
    monkeypatch.setattr(shopcrm.cli, "main", lambda: ran.append("cli"))
    launcher = _launcher()
    monkeypatch.delenv("SHOPCRM_RUN_APP", raising=False)
    for argv, env, expected in [
        (["ShopCRM"], None, "app"),
        (["ShopCRM", "--db", "x.db"], "1", "app"),
        (["ShopCRM", "info"], None, "cli"),
    ]:
        monkeypatch.setattr(sys, "argv", argv)
        if env:
            monkeypatch.setenv("SHOPCRM_RUN_APP", env)
        ran.clear()
        if expected == "app":
            with pytest.raises(SystemExit):
                launcher.main()
        else:
            launcher.main()
        assert ran == [expected], argv
    assert "SHOPCRM_RUN_APP" not in os.environ  # not passed on to the app's children
