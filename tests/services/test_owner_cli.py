"""With roles on, every owner command needs the owner's PIN; a staff PIN or none is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rel_helpers import add_member, add_visit, owner_and_staff

from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.models import Member
from shopcrm.services.auth import Actor, set_roles_enabled

OWNER_PIN, STAFF_PIN = "246800", "135700"

# (name, arguments; {tmp} is the test's folder). Each is an owner's command.
OWNER_COMMANDS = [
    ("report", ["report", "--month", "2025-03"]),
    ("report workbook", ["report", "--month", "2025-03", "-o", "{tmp}/month.xlsx"]),
    ("segments", ["segments"]),
    ("charts", ["charts", "--month", "2025-03", "-o", "{tmp}/charts"]),
    ("export-members", ["export-members", "{tmp}/members.xlsx"]),
    ("member merge", ["member", "merge", "1", "2"]),
    ("member-export", ["member-export", "1", "-o", "{tmp}/m.json"]),
    ("member-erase", ["member-erase", "1", "--reason", "asked", "--yes"]),
    ("audit", ["audit", "-o", "{tmp}/audit.csv"]),
    ("staff-pin", ["staff-pin", "小王", "--new-pin", "999900"]),
    ("roles", ["roles", "off"]),
    ("backup", ["backup", "--to", "{tmp}"]),
    ("restore", ["restore", "{tmp}/backup.db", "--yes"]),
    ("service add", ["service", "add", "新项目", "--price", "10"]),
    ("service edit", ["service", "edit", "1", "--price", "5"]),
    ("service retire", ["service", "retire", "1"]),
    ("staff add", ["staff", "add", "小李"]),
    ("staff retire", ["staff", "retire", "小王"]),
]


def _run(db_url: str, args: list[str], tmp: Path, env: dict | None = None):
    args = [a.replace("{tmp}", str(tmp)) for a in args]
    return CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args], env=env)


@pytest.fixture
def shop(db_url):
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        owner, _staff = owner_and_staff(s)
        first = add_member(s, "钱七", "+8613500135000")
        add_member(s, "钱七", "+8613500135001")
        add_visit(s, first, "66.00")
        set_roles_enabled(s, True, actor=Actor(owner, "老板", "owner"))
    engine.dispose()
    return db_url


def _unchanged(db_url: str, tmp: Path) -> None:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        assert [m.status for m in s.query(Member).order_by(Member.id)] == ["active", "active"]
        assert s.get(Member, 1).name == "钱七"
    engine.dispose()
    written = [p.name for p in tmp.iterdir() if p.name != "backup.db"]
    assert written == []


@pytest.mark.parametrize(("name", "args"), OWNER_COMMANDS, ids=[n for n, _ in OWNER_COMMANDS])
def test_owner_command_refuses_no_pin_and_a_staff_pin(shop, tmp_path, name, args):
    tmp_path = tmp_path / "out"  # the shop's database lives in the test folder itself
    tmp_path.mkdir()
    (tmp_path / "backup.db").write_bytes(b"")
    env = {"SHOPCRM_PIN": ""}
    missing = _run(shop, args, tmp_path, env={k: None for k in env})
    assert missing.exit_code == 1, (name, missing.output)
    assert "SHOPCRM_PIN" in missing.output
    staff = _run(shop, args, tmp_path, env={"SHOPCRM_PIN": STAFF_PIN})
    assert staff.exit_code == 1, (name, staff.output)
    assert "not an owner's PIN" in staff.output
    wrong = _run(shop, [*args, "--pin", "0000"], tmp_path)
    assert wrong.exit_code == 1 and "not an owner's PIN" in wrong.output
    _unchanged(shop, tmp_path)


def test_the_owner_pin_lets_the_owner_commands_run(shop, tmp_path):
    env = {"SHOPCRM_PIN": OWNER_PIN}
    report = _run(shop, ["report", "--month", "2025-03"], tmp_path, env=env)
    assert report.exit_code == 0, report.output
    out = tmp_path / "members.xlsx"
    assert _run(shop, ["export-members", str(out)], tmp_path, env=env).exit_code == 0
    assert out.exists()
    merged = _run(shop, ["member", "merge", "1", "2"], tmp_path, env=env)
    assert merged.exit_code == 0, merged.output
    engine = make_engine(shop)
    with session_scope(engine) as s:
        assert s.get(Member, 2).status == "merged"
    engine.dispose()
