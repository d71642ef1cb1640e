"""Care beyond birthdays (issue 20): holiday greetings, campaigns, complaints, satisfaction,
the SMS export. Holiday dates are checked against `lunardate`, a library independent of the
one the shop uses (lunar_python)."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from followup_helpers import add_member, add_service, add_staff, add_visit
from lunardate import LunarDate
from rel_helpers import revision_before
from sqlalchemy import func, select

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import Followup, FollowupRule, MemberTag, Visit
from shopcrm.services.auth import SYSTEM
from shopcrm.services.care.campaigns import launch_campaign, list_campaigns, preview_campaign
from shopcrm.services.care.complaints import (
    contact_complaint,
    list_complaints,
    open_complaint,
    resolve_complaint,
)
from shopcrm.services.care.figures import care_figures
from shopcrm.services.care.satisfaction import record_score, satisfaction_series
from shopcrm.services.care.sms import OPT_OUT_DEFAULT, export_sms
from shopcrm.services.followups import (
    due_list,
    ensure_default_rules,
    list_rules,
    raise_due,
    record_outcome,
    update_rule,
)
from shopcrm.services.holidays import holiday_in_year


def _tag(session, member, tag):  # noqa: ANN001, ANN202
    session.add(MemberTag(member_id=member.id, tag=tag))
    session.flush()


def _holiday_rule(session, key):  # noqa: ANN001, ANN202
    ensure_default_rules(session)
    return next(
        r for r in list_rules(session) if r.kind == "holiday" and r.params["holiday"] == key
    )


def _holiday_followups(session, key):  # noqa: ANN001, ANN202
    rule = _holiday_rule(session, key)
    return session.execute(
        select(Followup.member_id, Followup.occasion_date, Followup.due_date).where(
            Followup.rule_id == rule.id
        )
    ).all()


@pytest.mark.parametrize(
    ("key", "lunar_month", "lunar_day"), [("spring_festival", 1, 1), ("mid_autumn", 8, 15)]
)
def test_spring_festival_and_mid_autumn_due_on_the_right_days_2026_2030(
    session, key, lunar_month, lunar_day
):
    vip = add_member(session, "贵宾")
    _tag(session, vip, "VIP")
    declined = add_member(session, "拒收", consent=False)
    _tag(session, declined, "VIP")
    add_member(session, "路人")  # consenting, not in the segment
    rule = _holiday_rule(session, key)
    assert rule.active and rule.params["lead_days"] == 3  # on by default, like birthdays
    update_rule(session, rule.id, actor=SYSTEM, params={"segment": "tag:VIP"})
    for year in range(2026, 2031):
        day = LunarDate(year, lunar_month, lunar_day).to_solar_date()
        assert holiday_in_year(key, year) == day
        raise_due(session, day - timedelta(days=4), actor=SYSTEM, catch_up=False)
        assert (vip.id, day) not in {(m, o) for m, o, _ in _holiday_followups(session, key)}
        raise_due(session, day - timedelta(days=3), actor=SYSTEM, catch_up=False)
        listed = [
            i for i in due_list(session, day - timedelta(days=3), "zh") if i.rule_id == rule.id
        ]
        assert [(i.member_id, i.occasion_date) for i in listed] == [(vip.id, day)]
    rows = _holiday_followups(session, key)
    assert sorted((o, d) for _, o, d in rows) == [
        (
            LunarDate(y, lunar_month, lunar_day).to_solar_date(),
            LunarDate(y, lunar_month, lunar_day).to_solar_date() - timedelta(days=3),
        )
        for y in range(2026, 2031)
    ]
    assert {m for m, _, _ in rows} == {vip.id}


def test_issue_dates_and_wording(session):
    assert holiday_in_year("spring_festival", 2027) == date(2027, 2, 6)
    assert holiday_in_year("mid_autumn", 2026) == date(2026, 9, 25)
    add_member(session, "王芳")
    raise_due(session, date(2027, 2, 6), actor=SYSTEM)
    [zh] = due_list(session, date(2027, 2, 6), "zh")
    [en] = due_list(session, date(2027, 2, 6), "en")
    assert zh.rule_name == "春节" and "拜年" in zh.message and zh.reason == "今天是春节"
    assert en.rule_name == "Spring Festival" and "happy Spring Festival" in en.message


def test_womens_day_only_for_women_and_off_by_default(session):
    woman = add_member(session, "李娜")
    woman.gender = "F"
    man = add_member(session, "张伟")
    man.gender = "M"
    session.flush()
    rule = _holiday_rule(session, "womens_day")
    assert not rule.active
    on = date(2027, 3, 5)
    raise_due(session, on, actor=SYSTEM, catch_up=False)
    assert _holiday_followups(session, "womens_day") == []
    update_rule(session, rule.id, actor=SYSTEM, active=True)
    raise_due(session, on, actor=SYSTEM, catch_up=False)
    assert [m for m, _, _ in _holiday_followups(session, "womens_day")] == [woman.id]


def test_teachers_day_goes_to_tagged_teachers(session):
    teacher = add_member(session, "陈老师")
    _tag(session, teacher, "教师")
    add_member(session, "学生家长")
    rule = _holiday_rule(session, "teachers_day")
    update_rule(session, rule.id, actor=SYSTEM, active=True)
    raise_due(session, date(2027, 9, 7), actor=SYSTEM, catch_up=False)
    assert [m for m, _, _ in _holiday_followups(session, "teachers_day")] == [teacher.id]


def test_bad_segment_is_refused_in_a_rule(session):
    rule = _holiday_rule(session, "christmas")
    with pytest.raises(ShopError):
        update_rule(session, rule.id, actor=SYSTEM, params={"segment": "colour:blue"})


# --- campaigns -----------------------------------------------------------------------------


def test_campaign_dry_run_lists_exactly_the_segment_and_launching_twice_adds_nothing(session):
    on = date(2026, 11, 20)
    members = [add_member(session, f"会员{i}", consent=i != 3) for i in range(6)]
    for m in members[:4]:
        _tag(session, m, "VIP")
    add_member(session, "已归档", status="archived")
    expected = sorted(m.id for m in members[:4] if m.consent_marketing)
    message = "{name}您好，VIP专享活动～"
    with clock.frozen("2026-11-20 10:00"):
        preview = preview_campaign(session, "tag:VIP", message, on, "zh")
        assert sorted(r.member_id for r in preview.recipients) == expected
        assert preview.no_consent == 1
        assert {r.text for r in preview.recipients} == {
            f"{m.name}您好，VIP专享活动～" for m in members[:4] if m.consent_marketing
        }
        assert session.scalar(select(func.count()).select_from(Followup)) == 0  # read-only
        first = launch_campaign(session, "tag:VIP", message, on=on, actor=SYSTEM)
        again = launch_campaign(session, "tag:VIP", message, on=on, actor=SYSTEM)
    assert (first.created, first.no_consent, first.new_campaign) == (3, 1, True)
    assert (again.created, again.already, again.new_campaign) == (0, 3, False)
    rows = session.scalars(select(Followup).where(Followup.detail.is_not(None))).all()
    campaign_rows = [f for f in rows if (f.detail or {}).get("campaign_id") == first.campaign_id]
    assert sorted(f.member_id for f in campaign_rows) == expected
    assert all(f.detail["text"].endswith("VIP专享活动～") for f in campaign_rows)
    items = [i for i in due_list(session, on, "zh") if i.rule_kind == "campaign"]
    assert sorted(i.member_id for i in items) == expected
    assert all(i.message == f"{i.member_name}您好，VIP专享活动～" for i in items)


def test_campaign_outcomes_reached_visited_spent(session):
    on = date(2026, 10, 1)
    a, b = add_member(session, "甲"), add_member(session, "乙")
    for m in (a, b):
        _tag(session, m, "回头客")
    cut = add_service(session, "洗剪吹", [])
    result = launch_campaign(session, "tag:回头客", "{name}，回来看看吧", on=on, actor=SYSTEM)
    fid = session.scalar(
        select(Followup.id).where(Followup.member_id == a.id, Followup.occasion_date == on)
    )
    record_outcome(session, fid, "done", channel="message", actor=SYSTEM, today=on)
    add_visit(session, a, on + timedelta(days=5), [cut])  # 100 within 30 days
    add_visit(session, b, on + timedelta(days=31), [cut])  # too late
    [info] = list_campaigns(session)
    assert info.id == result.campaign_id
    assert (info.followups, info.reached, info.visited, str(info.spent)) == (2, 1, 1, "100.00")
    figures = care_figures(session, 2026, 10)
    assert figures["campaigns"][0]["visited_30d"] == 1
    assert figures["campaigns"][0]["spent_30d"] == "100.00"


def test_campaign_placeholders_points_and_level(session):
    m = add_member(session, "积分王")
    m.level = "金卡"
    session.flush()
    from shopcrm.services import wallet

    wallet.earn_points(session, m.id, 1200, actor=SYSTEM)
    preview = preview_campaign(
        session, "points:1000", "{name}：{points}分，{level}", date(2026, 11, 1)
    )
    assert [r.text for r in preview.recipients] == ["积分王：1200分，金卡"]
    assert preview_campaign(session, "points:1200", "x", date(2026, 11, 1)).recipients == []


def test_bad_segment_and_empty_message_refused(session):
    for segment in ("", "abc:Z", "lapsed:x", "colour:blue"):
        with pytest.raises(ShopError):
            preview_campaign(session, segment, "hi")
    with pytest.raises(ShopError):
        launch_campaign(session, "all", "  ", actor=SYSTEM)
    assert (
        session.scalar(
            select(func.count()).select_from(FollowupRule).where(FollowupRule.kind == "campaign")
        )
        == 0
    )


# --- complaints ----------------------------------------------------------------------------


def test_complaint_stays_open_until_resolved_and_time_is_in_the_figures(session):
    member = add_member(session, "投诉人")
    with clock.frozen("2026-11-03 10:00"):
        info = open_complaint(session, member.id, "染发颜色不对", actor=SYSTEM)
    assert info.status == "open"
    complaint_rule = session.scalar(select(FollowupRule.id).where(FollowupRule.kind == "complaint"))
    for offset in (0, 5, 20):
        day = date(2026, 11, 3) + timedelta(days=offset)
        raise_due(session, day, actor=SYSTEM)
        listed = [i for i in due_list(session, day, "zh") if i.rule_id == complaint_rule]
        assert [i.member_id for i in listed] == [member.id], offset
    with pytest.raises(ShopError):  # a complaint closes by resolving it, not by "done"
        record_outcome(session, listed[0].id, "done", actor=SYSTEM)
    with clock.frozen("2026-11-04 09:00"):
        contact_complaint(session, info.id, "电话沟通", actor=SYSTEM)
    assert [c.id for c in list_complaints(session, live_only=True)] == [info.id]
    with clock.frozen("2026-11-05 16:00"):  # 54 hours after it was opened
        done = resolve_complaint(session, info.id, "redo", "免费重染", actor=SYSTEM)
    assert done.status == "resolved" and done.hours_to_resolve == 54.0
    assert list_complaints(session, live_only=True) == []
    raise_due(session, date(2026, 11, 25), actor=SYSTEM)
    assert [i for i in due_list(session, date(2026, 11, 25)) if i.rule_id == complaint_rule] == []
    figures = care_figures(session, 2026, 11)["complaints"]
    assert (figures["opened"], figures["resolved"]) == (1, 1)
    assert figures["median_hours_to_resolve"] == 54.0
    with pytest.raises(ShopError):
        resolve_complaint(session, info.id, "refund", actor=SYSTEM)


def test_visit_complaint_text_opens_a_complaint_once(session):
    member = add_member(session, "顾客")
    tony = add_staff(session, "Tony")
    perm = add_service(session, "烫发", [])
    visit = add_visit(session, member, date(2026, 11, 10), [perm], staff=tony)
    visit.complaint = "卷度不够"
    session.flush()
    for _ in range(2):
        raise_due(session, date(2026, 11, 11), actor=SYSTEM)
    [c] = list_complaints(session)
    assert (c.visit_id, c.text, c.staff_name, c.service_name) == (
        visit.id,
        "卷度不够",
        "Tony",
        "烫发",
    )
    figures = care_figures(session, 2026, 11)["complaints"]
    assert figures["by_staff"] == {"Tony": 1} and figures["by_service"] == {"烫发": 1}


# --- satisfaction --------------------------------------------------------------------------


def test_score_of_one_raises_a_care_followup(session):
    member = add_member(session, "不满意", consent=False)  # care is service: no consent needed
    with clock.frozen("2026-11-12 18:00"):
        info = record_score(session, 1, member_id=member.id, actor=SYSTEM)
    assert info.low and info.followup_id
    items = [i for i in due_list(session, date(2026, 11, 12), "zh") if i.rule_kind == "low_score"]
    assert [i.member_id for i in items] == [member.id]
    ok = record_score(session, 4, member_id=member.id, actor=SYSTEM)
    assert not ok.low and ok.followup_id is None


def test_low_score_on_a_visit_raises_at_the_next_raise(session):
    member = add_member(session, "低分")
    visit = add_visit(session, member, date(2026, 11, 12), [add_service(session, "修眉", [])])
    visit.satisfaction = 1
    session.flush()
    raise_due(session, date(2026, 11, 12), actor=SYSTEM)
    [item] = [i for i in due_list(session, date(2026, 11, 12), "en") if i.rule_kind == "low_score"]
    assert item.member_id == member.id and "scored 1 of 5" in item.reason


def test_satisfaction_series_by_month(session):
    member = add_member(session, "评分")
    for day, score in ((date(2026, 9, 3), 5), (date(2026, 9, 20), 3), (date(2026, 10, 2), 1)):
        visit = add_visit(session, member, day)
        visit.satisfaction = score
    session.flush()
    series = satisfaction_series(session, 2026, 10, 3)
    assert [(m.month, m.count, m.average, m.low) for m in series] == [
        (date(2026, 8, 1), 0, None, 0),
        (date(2026, 9, 1), 2, 4.0, 0),
        (date(2026, 10, 1), 1, 1.0, 1),
    ]


def test_score_out_of_range_is_refused_and_nothing_written(session):
    member = add_member(session, "x")
    for bad in (0, 6):
        with pytest.raises(ShopError):
            record_score(session, bad, member_id=member.id, actor=SYSTEM)
    assert session.scalar(select(func.count()).select_from(Followup)) == 0


# --- SMS export ----------------------------------------------------------------------------


def test_sms_csv_leaves_out_non_consenting_and_ends_marketing_with_opt_out(session, tmp_path):
    on = date(2026, 11, 20)
    yes = add_member(session, "同意", kind="solar", month=11, day=22)
    no = add_member(session, "不同意", kind="solar", month=11, day=22, consent=False)
    perm = add_service(session, "烫发", [3])
    add_visit(session, no, on - timedelta(days=3), [perm])  # aftercare: service, raised anyway
    add_visit(session, yes, on - timedelta(days=3), [perm])
    raise_due(session, on, actor=SYSTEM)
    kinds = {(i.member_id, i.rule_kind) for i in due_list(session, on)}
    assert (no.id, "aftercare") in kinds and (yes.id, "birthday") in kinds
    result = export_sms(session, on, tmp_path / "sms.csv", "zh")
    with (tmp_path / "sms.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["手机号", "短信内容"]
    phones = {r[0] for r in rows[1:]}
    assert phones == {yes.phone[3:]}
    assert result.no_consent == 1 and result.rows == 2 and result.marketing == 1
    by_kind = {("生日" in text): text for _, text in rows[1:]}
    assert by_kind[True].endswith(OPT_OUT_DEFAULT)  # the birthday greeting is marketing
    assert not by_kind[False].endswith(OPT_OUT_DEFAULT)  # the care call is not
    assert session.get(Visit, 1) is not None


def test_migration_adds_holiday_rules_to_a_shop_at_0008(tmp_path):
    from sqlalchemy import text

    from shopcrm.db import make_engine, open_database
    from shopcrm.migrate import upgrade_to

    engine = make_engine(str(tmp_path / "old.db"))
    upgrade_to(engine, revision_before("0012"))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO followup_rules (kind, name, active, params, template_zh,"
                " template_en, builtin, sort_order, created_at) VALUES ('birthday', '', 1,"
                " '{\"lead_days\": 5}', 'x', 'y', 1, 10, '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()
    engine = open_database(str(tmp_path / "old.db"))
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT params, active FROM followup_rules WHERE kind = 'holiday'")
        ).all()
        birthday = conn.execute(
            text("SELECT params FROM followup_rules WHERE kind = 'birthday'")
        ).scalar()
    import json

    on = {json.loads(p)["holiday"] for p, active in rows if active}
    assert len(rows) == 11 and on == {"spring_festival", "mid_autumn"}
    assert json.loads(birthday) == {"lead_days": 5}
    engine.dispose()


def test_holiday_rules_seeded_in_a_shop_without_them(session):
    session.execute(FollowupRule.__table__.delete())
    ensure_default_rules(session)
    active = {r.params["holiday"] for r in list_rules(session) if r.kind == "holiday" and r.active}
    assert active == {"spring_festival", "mid_autumn"}


def test_demo_shop_has_campaigns_complaints_and_scores(engine):
    from shopcrm.db import session_scope
    from shopcrm.models import Campaign, Complaint, SatisfactionScore
    from shopcrm.services import hooks
    from shopcrm.services.demo import DemoOptions, create_demo_shop

    create_demo_shop(engine, DemoOptions(members=200, months=6, seed=3))
    hooks.after_demo(engine)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 2
        statuses = [c.status for c in s.scalars(select(Complaint).order_by(Complaint.opened_at))]
        assert s.scalar(select(func.count()).select_from(SatisfactionScore)) > 0
        [older, newer] = list_campaigns(s)[::-1]
        assert older.reached > 0 and 0 < newer.reached < newer.followups  # still being sent
    assert len(statuses) >= 2 and statuses[-2:] == ["contacted", "open"]
    assert set(statuses[:-2]) <= {"resolved", "dropped"}


def test_two_complaints_on_one_day_keep_their_follow_up_until_both_are_closed(session):
    member = add_member(session, "两次投诉")
    with clock.frozen("2026-11-03 10:00"):
        first = open_complaint(session, member.id, "等太久", actor=SYSTEM)
        second = open_complaint(session, member.id, "颜色不对", actor=SYSTEM)
    rule = session.scalar(select(FollowupRule.id).where(FollowupRule.kind == "complaint"))

    def listed(day):  # noqa: ANN001, ANN202
        raise_due(session, day, actor=SYSTEM)
        return [i.member_id for i in due_list(session, day, "zh") if i.rule_id == rule]

    with clock.frozen("2026-11-04 10:00"):
        resolve_complaint(session, first.id, "apology", actor=SYSTEM)
    assert listed(date(2026, 11, 4)) == [member.id]  # the second is still open
    with clock.frozen("2026-11-05 10:00"):
        resolve_complaint(session, second.id, "redo", actor=SYSTEM)
    assert listed(date(2026, 11, 5)) == []
