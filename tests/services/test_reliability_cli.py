"""The reliability commands, run for real with click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rel_helpers import add_member, add_visit

from shopcrm.cli import main
from shopcrm.db import is_sqlite, make_engine, resolve_db_url, session_scope
from shopcrm.models import Member


def _run(db_url: str, *args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args], env=env)


@pytest.fixture
def shop(db_url):
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        member = add_member(s, "钱七", "+8613500135000")
        add_visit(s, member, "66.00", note="钱七的备注")
    engine.dispose()
    return db_url


def test_backup_check_restore_round_trip(shop, tmp_path):
    if not is_sqlite(resolve_db_url(shop)):
        result = _run(shop, "backup")
        assert result.exit_code == 1 and "pg_dump" in result.output
        return
    usb = tmp_path / "usb"
    usb.mkdir()
    made = _run(shop, "backup", "--to", str(usb), "--json")
    assert made.exit_code == 0, made.output
    path = json.loads(made.output)["path"]
    assert Path(path).exists()
    assert _run(shop, "check", "--full").output.startswith("The database is healthy")
    engine = make_engine(shop)
    with session_scope(engine, write=True) as s:
        s.get(Member, 1).name = "改过"
    engine.dispose()
    refused = CliRunner().invoke(main, ["--db", shop, "--lang", "en", "restore", path])
    assert refused.exit_code == 1 and "--yes" in refused.output
    done = _run(shop, "restore", path, "--yes")
    assert done.exit_code == 0, done.output
    assert "1 members, 1 visits" in done.output
    engine = make_engine(shop)
    with session_scope(engine) as s:
        assert s.get(Member, 1).name == "钱七"
    engine.dispose()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all")
    refused = _run(shop, "restore", str(bad), "--yes")
    assert refused.exit_code == 1 and "not a ShopCRM backup" in refused.output


def test_roles_on_require_the_owner_pin(shop, tmp_path):
    assert _run(shop, "audit").exit_code == 0  # roles off: everyone is the owner
    assert _run(shop, "staff-pin", "老板", "--role", "owner", "--new-pin", "246800").exit_code == 0
    assert _run(shop, "staff-pin", "小王", "--new-pin", "135700").exit_code == 0
    assert _run(shop, "roles", "on").exit_code == 0
    no_pin = _run(shop, "audit")
    assert no_pin.exit_code == 1 and "SHOPCRM_PIN" in no_pin.output
    staff_pin = _run(shop, "audit", "--pin", "135700")
    assert staff_pin.exit_code == 1 and "not an owner's PIN" in staff_pin.output
    listed = _run(shop, "audit", "--json", env={"SHOPCRM_PIN": "246800"})
    assert listed.exit_code == 0, listed.output
    actions = [row["action"] for row in json.loads(listed.output)]
    assert "change" in actions and "set_pin" in actions
    out = tmp_path / "audit.xlsx"
    assert _run(shop, "audit", "-o", str(out), "--pin", "246800").exit_code == 0
    assert out.exists()
    zh = CliRunner().invoke(main, ["--db", shop, "--lang", "zh", "roles", "off"])
    assert zh.exit_code == 1 and "PIN" in zh.output and "店主" in zh.output
    assert _run(shop, "roles", "off", "--pin", "246800").exit_code == 0
    assert _run(shop, "audit").exit_code == 0


def test_member_export_and_erase(shop, tmp_path):
    out = tmp_path / "m.json"
    exported = _run(shop, "member-export", "1", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    assert json.loads(out.read_text(encoding="utf-8"))["member"]["name"] == "钱七"
    ask = _run(shop, "member-erase", "1", "--reason", "member asked")
    assert ask.exit_code == 1 and "--yes" in ask.output
    erased = _run(shop, "member-erase", "1", "--reason", "member asked", "--yes")
    assert erased.exit_code == 0, erased.output
    assert "1 visits (66.00)" in erased.output
    again = _run(shop, "member-erase", "1", "--reason", "member asked", "--yes")
    assert again.exit_code == 1 and "erased already" in again.output
