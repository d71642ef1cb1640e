"""The care commands (issue 20), run for real through click, read back as JSON."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from followup_helpers import add_member
from sqlalchemy import func, select

from shopcrm.cli import main
from shopcrm.db import session_scope
from shopcrm.models import Followup, MemberTag


@pytest.fixture(autouse=True)
def _no_startup_raise(monkeypatch):
    """The start-up hook raises for the real today; these tests pick their own days."""
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: None)


def run(db_url, *args, code=0):
    result = CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def _vips(engine):
    with session_scope(engine, write=True) as session:
        ids = []
        for name, consent in (("甲", True), ("乙", True), ("丙", False)):
            m = add_member(session, name, consent=consent)
            session.add(MemberTag(member_id=m.id, tag="VIP"))
            ids.append(m.id)
        add_member(session, "丁")
        return ids


def test_campaign_dry_run_then_launch_twice(engine, db_url):
    a, b, _c = _vips(engine)
    args = [
        "campaign",
        "new",
        "--segment",
        "tag:VIP",
        "--message",
        "{name}您好",
        "--on",
        "2026-11-20",
    ]
    dry = json.loads(run(db_url, *args, "--dry-run", "--json"))
    assert sorted(r["member_id"] for r in dry["recipients"]) == sorted([a, b])
    assert dry["no_consent"] == 1
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Followup)) == 0
    first = json.loads(run(db_url, *args, "--json"))
    again = json.loads(run(db_url, *args, "--json"))
    assert (first["created"], again["created"], again["already"]) == (2, 0, 2)
    [listed] = json.loads(run(db_url, "campaigns", "--json"))
    assert listed["followups"] == 2 and listed["segment"] == "tag:VIP"
    text = run(db_url, "--lang", "zh", "campaigns")
    assert "发送 2 条" in text


def test_bad_segment_is_one_line_in_the_users_language(engine, db_url):
    out = CliRunner().invoke(
        main,
        ["--db", db_url, "--lang", "zh", "campaign", "new", "--segment", "abc:Z", "--message", "x"],
    )
    assert out.exit_code == 1 and "无法识别的客群" in out.output and "Traceback" not in out.output


def test_complaint_lifecycle_and_score(engine, db_url):
    a, *_ = _vips(engine)
    info = json.loads(
        run(db_url, "complaint", "add", "--member", f"#{a}", "--text", "太慢", "--json")
    )
    assert info["status"] == "open"
    assert [c["id"] for c in json.loads(run(db_url, "complaints", "--json"))] == [info["id"]]
    run(db_url, "complaint", "contact", str(info["id"]), "--json")
    done = json.loads(
        run(db_url, "complaint", "resolve", str(info["id"]), "--how", "apology", "--json")
    )
    assert done["status"] == "resolved" and done["resolution"] == "apology"
    assert json.loads(run(db_url, "complaints", "--json")) == []
    assert len(json.loads(run(db_url, "complaints", "--all", "--json"))) == 1
    score = json.loads(run(db_url, "score", "1", "--member", f"#{a}", "--json"))
    assert score["low"] and score["followup_id"]
    series = json.loads(run(db_url, "satisfaction", "--months", "2", "--json"))
    assert len(series) == 2 and series[-1]["count"] >= 1


def test_holidays_and_sms_export(engine, db_url, tmp_path):
    _vips(engine)
    rows = json.loads(run(db_url, "holidays", "--year", "2027", "--json"))
    by_key = {r["key"]: r for r in rows}
    assert by_key["spring_festival"]["date"] == "2027-02-06" and by_key["spring_festival"]["active"]
    assert not by_key["qixi"]["active"]
    on = json.loads(run(db_url, "holiday", "qixi", "--on", "--lead-days", "2", "--json"))
    assert on["active"] and on["lead_days"] == 2
    path = tmp_path / "sms.csv"
    result = json.loads(run(db_url, "sms-export", str(path), "--on", "2027-02-03", "--json"))
    with path.open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))[1:]
    assert result["rows"] == len(lines) == 3 and result["no_consent"] == 0  # declined: not raised
    assert all(text.endswith("拒收请回复R") for _, text in lines)


def test_campaign_to_members_whose_package_card_ends_soon(engine, db_url):
    from datetime import date

    from visit_helpers import make_shop

    from shopcrm import clock
    from shopcrm.services import cards
    from shopcrm.services.auth import SYSTEM

    with session_scope(engine, write=True) as session, clock.frozen("2026-11-01 10:00"):
        shop = make_shop(session)
        soon, later = add_member(session, "快到期"), add_member(session, "还早")
        for name, until, member in (("十一月卡", date(2026, 11, 25), soon),
                                    ("明年卡", date(2027, 3, 1), later)):  # fmt: skip
            cards.create_card_type(
                session, name, "300", {shop["cut"]: 5}, valid_until=until, actor=SYSTEM
            )
            cards.sell_card(session, member.id, name, method="cash", actor=SYSTEM)
    args = ["campaign", "new", "--segment", "card:30", "--on", "2026-11-01"]
    dry = json.loads(run(db_url, *args, "--message", "{name}：{card}", "--dry-run", "--json"))
    assert [(r["member_id"], r["text"]) for r in dry["recipients"]] == [
        (soon.id, "快到期：十一月卡")
    ]
    text = run(db_url, "--lang", "zh", *args, "--message", "x", "--dry-run")
    assert "次卡“十一月卡”" in text and "还早" not in text
