"""The follow-up commands, run for real through click."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from followup_helpers import add_member, add_service, add_visit
from openpyxl import load_workbook

from shopcrm.cli import main
from shopcrm.db import session_scope


@pytest.fixture(autouse=True)
def _no_startup_raise(monkeypatch):
    """The start-up hook raises for the real today; these tests pick their own days."""
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: None)


def _shop(engine):
    with session_scope(engine, write=True) as session:
        add_member(session, "王芳", kind="lunar", month=10, day=15)  # 2026-11-23
        perm = add_service(session, "数码烫", [3])
        add_visit(session, add_member(session, "李雷"), date(2026, 11, 17), [perm])


def run(db_url, *args):
    result = CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)
    return result


def test_due_lists_raises_and_exports(engine, db_url, tmp_path):
    _shop(engine)
    out = run(db_url, "--lang", "en", "due", "--on", "2026-11-20", "--json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["raised"] == 2
    by_name = {i["member_name"]: i for i in data["items"]}
    assert by_name["王芳"]["reason"] == "birthday in 3 days (lunar 十月十五)"
    assert by_name["李雷"]["reason"] == "3-day care call · 数码烫 on 17 Nov"
    assert by_name["王芳"]["due_date"] == "2026-11-20"
    assert "happy birthday" in by_name["王芳"]["message"]
    text = run(
        db_url, "--lang", "zh", "due", "--on", "2026-11-20", "--export", str(tmp_path / "d.xlsx")
    )
    assert text.exit_code == 0
    assert "3天后生日（农历十月十五）" in text.output and "生日祝福 (1)" in text.output
    assert "已导出 2 行" in text.output
    assert load_workbook(tmp_path / "d.xlsx").active["D2"].value == "王芳"
    # raising again on the same day adds nothing
    again = json.loads(run(db_url, "due", "--on", "2026-11-20", "--json").output)
    assert again["raised"] == 0 and len(again["items"]) == 2


def test_followup_outcomes_from_the_command_line(engine, db_url):
    _shop(engine)
    data = json.loads(run(db_url, "due", "--on", "2026-11-20", "--json").output)
    fid = next(i["id"] for i in data["items"] if i["rule_kind"] == "aftercare")
    out = run(db_url, "--lang", "en", "followup", str(fid), "noanswer", "--channel", "call")
    assert out.exit_code == 0 and "open" in out.output
    out = run(db_url, "--lang", "en", "followup", str(fid), "snooze")
    assert out.exit_code == 1 and "snooze needs a date" in out.output
    out = run(db_url, "--lang", "en", "followup", str(fid), "snooze", "2020-01-01")
    assert out.exit_code == 1 and "Snooze to a day after today" in out.output
    out = run(
        db_url,
        "--lang",
        "zh",
        "followup",
        str(fid),
        "done",
        "--channel",
        "in_person",
        "--note",
        "很满意",
    )
    assert out.exit_code == 0 and "已完成" in out.output
    out = run(db_url, "--lang", "en", "followup", str(fid), "dismiss")
    assert out.exit_code == 1 and "already done" in out.output
    out = run(db_url, "--lang", "en", "followup", "99999", "done")
    assert out.exit_code == 1 and "No follow-up with number 99999" in out.output


def test_rules_command(engine, db_url):
    data = json.loads(run(db_url, "rules", "--json").output)
    # (issue 20 adds the complaint, low-score and holiday rules around these)
    data = [r for r in data if r["kind"] in ("birthday", "aftercare", "winback", "anniversary")]
    assert [r["kind"] for r in data] == ["birthday", "aftercare", "winback", "anniversary"]
    assert data[2]["params"]["floor_days"] == 45
    text = run(db_url, "--lang", "zh", "rules").output
    assert "生日祝福" in text and "lead_days=3" in text and "停用" in text


def test_due_in_pages_keeps_the_json_names_and_shows_each_member_once(engine, db_url):
    with session_scope(engine, write=True) as session:
        perm = add_service(session, "数码烫", [3])
        for n in range(5):
            add_visit(session, add_member(session, f"顾客{n}"), date(2026, 11, 17), [perm])
    whole = json.loads(run(db_url, "due", "--on", "2026-11-20", "--json").output)
    assert len(whole["members"]) == 5 and set(whole) == {"on", "raised", "items", "members"}
    seen = []
    for page in (1, 2, 3, 4):
        out = run(
            db_url, "due", "--on", "2026-11-20", "--json", "--limit", "2", "--page", str(page)
        )
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        assert {"on", "raised", "items", "members"} <= set(data)  # the names are a contract
        assert (data["total_members"], data["total_items"], data["pages"]) == (5, 5, 3)
        assert len(data["members"]) == (2 if page < 3 else 1 if page == 3 else 0)
        seen += [m["member_id"] for m in data["members"]]
    assert seen == [m["member_id"] for m in whole["members"]]  # same rows, same order
    text = run(db_url, "--lang", "en", "due", "--on", "2026-11-20", "--limit", "2", "--page", "2")
    assert text.exit_code == 0 and "Page 2 of 3 (2 a page): 5 member(s)" in text.output
    bad = run(db_url, "due", "--on", "2026-11-20", "--limit", "0")
    assert bad.exit_code != 0 and "Traceback" not in bad.output
