"""Nothing heavy at start: what `shopcrm` loads, and what a read command leaves undone."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from shopcrm import migrate
from shopcrm.cli import main
from shopcrm.cli.app import (
    COMMAND_MODULES,
    READ_ONLY_COMMANDS,
    app_command,
    load_all_commands,
)
from shopcrm.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
HEAVY = {"numpy", "scipy", "matplotlib", "openpyxl", "pypinyin"}
# Not in the issue's list, but each costs start-up time a command should not pay for.
NOT_AT_START = HEAVY | {"alembic", "PySide6"}
HEAVY_PARTS = {"rich.console", "rich.progress"}  # rich.cells (text widths) is light


def _imported(args: list[str]) -> set[str]:
    """Every module `python -X importtime ARGS` imported (from its stderr report)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "shopcrm" in names or "click" in names  # the report was really read
    return names


def _roots(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_importing_the_cli_loads_nothing_heavy():
    names = _imported(["-c", "import shopcrm.cli"])
    assert not _roots(names) & NOT_AT_START, sorted(_roots(names) & NOT_AT_START)
    assert not names & HEAVY_PARTS
    assert "sqlalchemy" in _roots(names)  # the check sees real imports
    assert not {n for n in names if n.startswith("shopcrm.ui")}


def test_a_read_command_loads_neither_alembic_nor_the_analytics(db_url, tmp_path):
    if not db_url.endswith(".db"):
        pytest.skip("checked on the SQLite file")
    names = _imported(["-m", "shopcrm", "--db", db_url, "find", "8000"])
    assert "shopcrm.services.members" in names  # the command really ran
    assert not _roots(names) & NOT_AT_START, sorted(_roots(names) & NOT_AT_START)
    assert not names & HEAVY_PARTS


def test_the_cli_never_imports_the_ui_even_with_every_command_loaded():
    code = (
        "import sys\n"
        "from shopcrm.cli.app import load_all_commands\n"
        "load_all_commands()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('shopcrm.ui', 'PySide6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_command_table_names_the_module_of_every_command():
    """Importing the module the table names for a command brings that command in."""
    load_all_commands()
    assert set(main.commands) == set(COMMAND_MODULES)
    for name, command in main.commands.items():
        module = sys.modules[f"shopcrm.cli.{COMMAND_MODULES[name]}"]
        assert command in vars(module).values(), name
    ctx = click.Context(main)
    assert set(main.get_command(ctx, "staff").commands) == {"add", "retire"}
    assert set(main.get_command(ctx, "service").commands) == {"add", "edit", "retire"}


def test_read_only_commands_are_real_commands():
    load_all_commands()
    ctx = click.Context(main)
    for path in READ_ONLY_COMMANDS:
        group = main
        for name in path.split():
            group = group.get_command(ctx, name)
            assert group is not None, path


def test_schema_head_constant_is_alembics_head():
    head = migrate.head_revision()
    assert head == migrate.SCHEMA_HEAD, (
        f"a migration was added: set SCHEMA_HEAD = {head!r} in shopcrm/migrate.py"
    )


# --- read commands open the shop as it is ---------------------------------------------------

READ_COMMANDS = [
    ["find", "8000"],
    ["member", "show", "1"],
    ["visits", "--member", "1"],
    ["balance", "--member", "1"],
    ["services"],
    ["service"],
    ["staff"],
    ["staff", "--all", "--json"],
    ["service", "--all"],
    ["info"],
    ["report", "--month", "2025-03"],
]


@pytest.fixture
def recorder(monkeypatch):
    """Record the start-up side effects instead of running them."""
    calls: list[str] = []
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: calls.append("hooks"))
    real = migrate.upgrade_to_head

    def upgrade(engine):
        calls.append("upgrade")
        return real(engine)

    monkeypatch.setattr(migrate, "upgrade_to_head", upgrade)
    return calls


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: " ".join(a))
def test_read_commands_run_no_start_up_work(db_url, recorder, args):
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args])
    assert "Traceback" not in result.output
    assert recorder == [], (args, recorder)


def test_a_write_command_does_run_the_start_up_work(db_url, recorder):
    result = CliRunner().invoke(main, ["--db", db_url, "staff", "add", "Tony"])
    assert result.exit_code == 0, result.output
    assert recorder == ["upgrade", "hooks"]


def _old_shop(path: Path) -> None:
    engine = make_engine(str(path))
    migrate.upgrade_to(engine, "0001")
    engine.dispose()


def _revision(path: Path) -> str:
    engine = make_engine(str(path))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()


def test_a_read_on_an_older_schema_says_so_and_changes_nothing(tmp_path):
    if migrate.SCHEMA_HEAD == "0001":
        pytest.skip("only one revision: no older schema to read")
    db = tmp_path / "old.db"
    _old_shop(db)
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "--lang", "en", "find", "8000"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0  # one line
    assert "run any write command or open the app to upgrade" in result.output
    assert _revision(db) == "0001"
    assert sorted(p.name for p in tmp_path.iterdir() if "before-upgrade" in p.name) == []
    zh = runner.invoke(main, ["--db", str(db), "--lang", "zh", "services"])
    assert zh.exit_code == 1 and "升级" in zh.output
    # A write command upgrades it (keeping the old file aside first), then reads work.
    assert runner.invoke(main, ["--db", str(db), "rules"]).exit_code == 0
    assert _revision(db) == migrate.SCHEMA_HEAD
    assert [p.name for p in tmp_path.iterdir() if "before-upgrade" in p.name] == [
        "old.before-upgrade-0001.db"
    ]
    assert runner.invoke(main, ["--db", str(db), "find", "8000"]).exit_code == 0


def test_a_read_where_there_is_no_shop_makes_no_file(tmp_path):
    db = tmp_path / "nothing" / "here.db"
    result = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", "find", "1"])
    assert result.exit_code == 1 and "No shop in" in result.output
    assert not db.exists() and not db.parent.exists()


# --- the app is a program of its own -----------------------------------------------------


def test_the_app_has_its_own_gui_entry_point():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"] == {"shopcrm-app": "shopcrm.ui.app:main"}
    assert project["scripts"]["shopcrm"] == "shopcrm.cli:main"


def test_shopcrm_without_a_command_starts_the_app_as_a_process(db_url, monkeypatch):
    started: list[list[str]] = []

    def fake_call(args, env=None):
        started.append(args)
        return 7

    monkeypatch.setattr("shopcrm.cli.app.subprocess.call", fake_call)
    result = CliRunner().invoke(main, ["--db", db_url])
    assert result.exit_code == 7  # the app's exit status is the command's
    args, _env = app_command(started[0][-1])
    assert started == [args]
    assert args[:3] == [sys.executable, "-m", "shopcrm.ui"] and args[-2] == "--db"
