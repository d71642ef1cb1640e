"""Outcomes and their history, messages from templates, the member card, export, start-up."""

from __future__ import annotations

import csv
import logging
from datetime import date, datetime

import pytest
from followup_helpers import add_member, add_service, add_staff, add_visit, rule_of
from openpyxl import load_workbook
from sqlalchemy import func, select

from shopcrm.db import session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import Followup, FollowupEvent, FollowupRule
from shopcrm.services import followups as fu
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.followups import (
    due_list,
    export_due,
    fill_placeholders,
    followup_history,
    member_open_followups,
    raise_due,
    record_outcome,
    render_message,
    update_rule,
)
from shopcrm.services.settings import get_setting, set_setting

ON = date(2026, 11, 20)


@pytest.fixture
def birthday(session):
    """One open birthday follow-up (birthday 22 Nov, due from 19 Nov)."""
    add_member(session, "王芳", kind="solar", month=11, day=22)
    raise_due(session, ON, actor=SYSTEM)
    [item] = due_list(session, ON, "en")
    return item


def test_noanswer_stays_due_and_counts_attempts(session, birthday):
    staff = add_staff(session, "小美")
    actor = Actor(staff.id, staff.name, "staff")
    record_outcome(session, birthday.id, "noanswer", channel="call", actor=actor, today=ON)
    result = record_outcome(session, birthday.id, "noanswer", actor=actor, today=ON)
    assert (result.status, result.attempts) == ("open", 2)
    [item] = due_list(session, ON, "en")
    assert (item.id, item.attempts, item.last_outcome) == (birthday.id, 2, "noanswer")


def test_snooze_hides_until_its_date_then_reappears(session, birthday):
    with pytest.raises(ShopError):
        record_outcome(session, birthday.id, "snooze", snooze_to=ON, today=ON, actor=SYSTEM)
    with pytest.raises(ShopError):
        record_outcome(session, birthday.id, "snooze", today=ON, actor=SYSTEM)
    record_outcome(session, birthday.id, "snooze", snooze_to=date(2026, 11, 22), today=ON, actor=SYSTEM)
    assert due_list(session, ON, "en") == []
    assert due_list(session, date(2026, 11, 21), "en") == []
    [item] = due_list(session, date(2026, 11, 22), "en")
    assert item.id == birthday.id and item.last_outcome == "snooze"
    # snoozing past the birthday keeps it until the snooze date, then it expires
    record_outcome(session, birthday.id, "snooze", snooze_to=date(2026, 11, 25), today=ON, actor=SYSTEM)
    raise_due(session, date(2026, 11, 24), actor=SYSTEM)
    assert due_list(session, date(2026, 11, 24), "en") == []
    assert [i.id for i in due_list(session, date(2026, 11, 25), "en")] == [birthday.id]
    raise_due(session, date(2026, 11, 26), actor=SYSTEM)
    assert session.get(Followup, birthday.id).status == "dismissed"


def test_done_and_dismiss_close_and_history_is_kept(session, birthday):
    staff = add_staff(session, "阿强")
    actor = Actor(staff.id, staff.name, "staff")
    record_outcome(session, birthday.id, "noanswer", channel="call", actor=actor, today=ON)
    record_outcome(
        session,
        birthday.id,
        "snooze",
        snooze_to=date(2026, 11, 21),
        today=ON,
        note="客人说明天方便",
        actor=SYSTEM,
    )
    done = record_outcome(
        session,
        birthday.id,
        "done",
        channel="message",
        actor=actor,
        note="发了微信",
        today=date(2026, 11, 21),
    )
    assert done.status == "done"
    assert due_list(session, date(2026, 11, 21), "en") == []
    with pytest.raises(ShopError):
        record_outcome(session, birthday.id, "dismiss", today=ON, actor=SYSTEM)
    history = followup_history(session, birthday.id, "zh")
    assert [h.action for h in history] == ["noanswer", "snooze", "done"]
    assert [h.staff_name for h in history] == ["阿强", "", "阿强"]
    assert history[1].snooze_to == date(2026, 11, 21) and history[1].note == "客人说明天方便"
    assert (history[2].channel, history[2].channel_text, history[2].action_text) == (
        "message",
        "消息",
        "已完成",
    )
    assert all(isinstance(h.at, datetime) for h in history)
    assert session.scalar(select(func.count()).select_from(FollowupEvent)) == 3


def test_dismiss_and_bad_input(session, birthday):
    with pytest.raises(ShopError):
        record_outcome(session, birthday.id, "called", today=ON, actor=SYSTEM)
    with pytest.raises(ShopError):
        record_outcome(session, birthday.id, "done", channel="pigeon", today=ON, actor=SYSTEM)
    with pytest.raises(ShopError):
        record_outcome(session, 99999, "done", today=ON, actor=SYSTEM)
    assert record_outcome(session, birthday.id, "dismiss", today=ON, actor=SYSTEM).status == "dismissed"
    assert due_list(session, ON, "en") == []


def test_fill_placeholders_leaves_unknown_ones_visible():
    text = fill_placeholders("{name}您好 {coupon} {shop} {{x}} {", {"name": "王芳", "shop": "悦色"})
    assert text == "王芳您好 {coupon} 悦色 {{x}} {"


def test_messages_from_templates_in_both_languages(session, birthday):
    set_setting(session, "shop.name", "悦色沙龙")
    assert render_message(session, birthday.id, "zh", on=ON).startswith(
        "王芳您好！悦色沙龙提前祝您"
    )
    assert "happy birthday from all of us at 悦色沙龙" in render_message(
        session, birthday.id, "en", on=ON
    )
    rule = rule_of(session, "birthday")
    update_rule(
        session,
        rule.id,
        template_zh="{name}，还有{days}天就是您的生日（{date}）！{shop}送您{gift}",
        template_en="",
        actor=SYSTEM,
    )
    assert render_message(session, birthday.id, "zh", on=ON) == (
        "王芳，还有2天就是您的生日（11月22日）！悦色沙龙送您{gift}"
    )
    # an emptied template falls back to the default text
    assert render_message(session, birthday.id, "en", on=ON).startswith("Hi 王芳, happy")
    assert due_list(session, ON, "zh")[0].message.startswith("王芳，还有2天")


def test_member_card_shows_open_followups_including_not_yet_due(session):
    perm = add_service(session, "数码烫", [3, 30])
    member = add_member(session, "赵敏", kind="solar", month=11, day=21)
    add_visit(session, member, date(2026, 11, 17), [perm])
    raise_due(session, ON, actor=SYSTEM)
    record_outcome(
        session, due_list(session, ON, "en")[0].id, "snooze", snooze_to=date(2026, 11, 21), today=ON, actor=SYSTEM
    )
    items = member_open_followups(session, member.id, ON, "en")
    assert [(i.rule_kind, i.is_due) for i in items] == [("birthday", False), ("aftercare", True)]


def test_due_list_sorts_by_rule_and_groups(session):
    perm = add_service(session, "数码烫", [3])
    a = add_member(session, "甲", kind="solar", month=11, day=23)
    b = add_member(session, "乙")
    add_visit(session, b, date(2026, 11, 17), [perm])
    raise_due(session, ON, actor=SYSTEM)
    items = due_list(session, ON, "en")
    assert [(i.member_id, i.rule_kind) for i in items] == [(a.id, "birthday"), (b.id, "aftercare")]
    assert [i.rule_kind for i in due_list(session, ON, "en", sort="member")] == [
        "birthday",
        "aftercare",
    ]  # 甲 before 乙
    only = due_list(session, ON, "en", rule_id=rule_of(session, "aftercare").id)
    assert [i.member_id for i in only] == [b.id]
    assert items[0].phone.replace(" ", "").isdigit()


def test_export_xlsx_and_csv(session, birthday, tmp_path):
    perm = add_service(session, "冷烫", [3])
    member = add_member(session, "李雷")
    add_visit(session, member, date(2026, 11, 17), [perm])
    raise_due(session, ON, actor=SYSTEM)
    xlsx = tmp_path / "due.xlsx"
    assert export_due(session, ON, xlsx, "zh") == 2
    sheet = load_workbook(xlsx).active
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:4] == ["编号", "到期日", "规则", "会员"]
    assert sheet["B2"].value == datetime(2026, 11, 19)  # a real date cell
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["D2"].value == "王芳" and sheet["D3"].value == "李雷"
    assert sheet["F3"].value == "3天回访 · 11月17日做了冷烫"
    assert sheet.column_dimensions["G"].width >= 40
    path = tmp_path / "due.csv"
    assert export_due(session, ON, path, "en") == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["No.", "Due", "Rule"]
    assert rows[1][1] == "2026-11-19" and rows[1][3] == "王芳"
    with pytest.raises(ShopError):
        export_due(session, ON, tmp_path / "due.pdf", "en")


def test_on_open_seeds_rules_and_raises_and_never_crashes(
    engine, monkeypatch, caplog, frozen_clock
):
    today = frozen_clock.date()
    with session_scope(engine, write=True) as session:
        add_member(
            session,
            "今天",
            kind="solar",
            month=today.month,
            day=today.day,
        )
    fu.on_open(engine)
    with session_scope(engine) as session:
        # 4 of issue 5, complaint and low score, 11 holidays (issue 20)
        assert session.scalar(select(func.count()).select_from(FollowupRule)) == 17
        assert get_setting(session, fu.LAST_RUN_KEY) == today.isoformat()
        assert len(due_list(session, today, "en")) == 1
    fu.on_open(engine)  # again: nothing new
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Followup)) == 1

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("shopcrm.services.followups.raise_due", broken)
    fu.on_open(engine)  # already raised today: start-up does not raise again
    assert "start-up raise failed" not in caplog.text
    with session_scope(engine, write=True) as session:
        set_setting(session, fu.LAST_RUN_KEY, "2020-01-01")
    with caplog.at_level(logging.ERROR):
        fu.on_open(engine)  # logs, does not raise
    assert "start-up raise failed" in caplog.text


def test_due_ids_and_paged_items_agree_with_the_list(session):
    perm = add_service(session, "数码烫", [3])
    for n in range(5):
        member = add_member(session, f"客{n}", kind="solar", month=11, day=20 + n % 3)
        add_visit(session, member, date(2026, 11, 17), [perm])
    raise_due(session, ON, actor=SYSTEM)
    ids = fu.due_ids(session, ON)
    assert len(ids) == 10  # five care calls, five birthdays (20th to 22nd November)
    page = fu.due_items(session, ids[2:5], ON, "en")
    assert [i.id for i in page] == ids[2:5]
    assert [i.id for i in due_list(session, ON, "en")] == ids
    assert fu.due_ids(session, ON, sort="due")[0] in ids
