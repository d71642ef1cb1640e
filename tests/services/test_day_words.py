"""Messages that fit the day (issue 25): the birthday greeting on the day says happy birthday
without "in advance", belatedly after it; the list shows each member once; the one date rule
and counted English nouns."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from followup_helpers import add_member, add_service, add_visit, rule_of

from shopcrm import i18n
from shopcrm.cli import main
from shopcrm.db import session_scope
from shopcrm.i18n import define, translate
from shopcrm.models import FollowupRule
from shopcrm.services.auth import SYSTEM
from shopcrm.services.dates import day_text, relative_day
from shopcrm.services.followups import due_list, ensure_default_rules, raise_due, update_rule
from shopcrm.services.followups.texts import OLD_DEFAULT_TEMPLATES

BIRTHDAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _no_startup_raise(monkeypatch):
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: None)
    monkeypatch.setattr(i18n, "_current", i18n._current)  # `--lang zh` must not outlive the test


def run(db_url, *args):
    return CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)


def _birthday_message(session, on: date, lang: str) -> str:
    raise_due(session, on, actor=SYSTEM)
    [item] = [i for i in due_list(session, on, lang) if i.rule_kind == "birthday"]
    return item.message


def test_due_on_the_birthday_in_chinese_says_happy_birthday_not_in_advance(engine, db_url):
    with session_scope(engine, write=True) as session:
        add_member(session, "王芳", kind="solar", month=BIRTHDAY.month, day=BIRTHDAY.day)
    out = run(db_url, "--lang", "zh", "due", "--on", BIRTHDAY.isoformat())
    assert out.exit_code == 0, out.output
    assert "今天生日" in out.output
    assert "生日快乐" in out.output and "提前" not in out.output
    # two days ahead the greeting is ahead
    ahead = run(db_url, "--lang", "zh", "due", "--on", "2026-11-20", "--json")
    [item] = json.loads(ahead.output)["items"]
    assert "提前祝您生日快乐" in item["message"] and item["reason"] == "2天后生日"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_birthday_message_ahead_on_the_day_and_after(session, lang):
    ensure_default_rules(session)
    add_member(session, "王芳", kind="solar", month=BIRTHDAY.month, day=BIRTHDAY.day)
    rule = rule_of(session, "birthday")
    update_rule(session, rule.id, params={"keep_days": 3}, actor=SYSTEM)  # listed after the day
    ahead = _birthday_message(session, date(2026, 11, 20), lang)
    today = _birthday_message(session, BIRTHDAY, lang)
    after = _birthday_message(session, date(2026, 11, 24), lang)
    words = {
        "zh": ("提前", "今天是您的生日", "补上"),
        "en": ("", "happy birthday today", "belated"),
    }
    in_advance, on_the_day, belated = words[lang]
    assert in_advance in ahead
    assert on_the_day in today and (lang == "en" or in_advance not in today)
    assert belated in after and (lang == "en" or in_advance not in after)
    assert len({ahead, today, after}) == 3


def test_the_old_default_text_counts_as_default_and_an_owners_own_is_kept(session):
    ensure_default_rules(session)
    add_member(session, "王芳", kind="solar", month=BIRTHDAY.month, day=BIRTHDAY.day)
    rule = session.get(FollowupRule, rule_of(session, "birthday").id)
    rule.template_zh = OLD_DEFAULT_TEMPLATES["birthday"][0]  # a shop set up before issue 25
    session.flush()
    assert "提前" not in _birthday_message(session, BIRTHDAY, "zh")
    update_rule(session, rule.id, template_zh="{name}，{shop}提前祝您生日快乐", actor=SYSTEM)
    assert _birthday_message(session, BIRTHDAY, "zh").endswith("提前祝您生日快乐")


def test_a_member_is_listed_once_with_all_her_reasons(engine, db_url):
    with session_scope(engine, write=True) as session:
        wang = add_member(session, "王芳", kind="solar", month=BIRTHDAY.month, day=BIRTHDAY.day)
        perm = add_service(session, "数码烫", [3])
        add_visit(session, wang, date(2026, 11, 19), [perm])
    out = json.loads(run(db_url, "--lang", "zh", "due", "--on", "2026-11-22", "--json").output)
    assert len(out["items"]) == 2
    [member] = out["members"]
    assert member["member_name"] == "王芳" and sorted(member["followup_ids"]) == sorted(
        i["id"] for i in out["items"]
    )
    assert member["reasons"] == "今天生日；3天回访 · 11月19日做了数码烫"
    assert member["last_visit"] == "2026-11-19"
    text = run(db_url, "--lang", "zh", "due", "--on", "2026-11-22").output
    rows = [line for line in text.splitlines() if line.startswith("  #")]
    assert len(rows) == 1 and "王芳" in rows[0]  # one row, both follow-up numbers on it
    assert "今天生日；3天回访" in text and "上次到店 11月19日" in text


def test_one_date_rule():
    today = date(2026, 11, 27)
    assert day_text(date(2026, 11, 7), "zh", today) == "11月7日"
    assert day_text(date(2026, 11, 7), "en", today) == "7 Nov"
    assert day_text(date(2025, 6, 10), "zh", today) == "2025年6月10日"
    assert day_text(date(2025, 6, 10), "en", today) == "10 Jun 2025"
    assert relative_day(date(2026, 11, 24), "zh", today) == "3天前"
    assert relative_day(date(2026, 11, 26), "en", today) == "yesterday"
    assert relative_day(date(2026, 11, 28), "zh", today) == "明天"
    assert relative_day(date(2026, 11, 29), "en", today) == "in 2 days"


def test_english_counts_its_nouns():
    msg = define("test.counting", en="{days:|day} ago, {n:|person|people}", zh="{days}天前，{n}人")
    assert translate(msg, "en", days=1, n=1) == "1 day ago, 1 person"
    assert translate(msg, "en", days=3, n=2) == "3 days ago, 2 people"
    assert translate(msg, "zh", days=1, n=2) == "1天前，2人"
