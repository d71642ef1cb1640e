"""Member records: create/update, the one-active-phone rule, optimistic edits, archive,
custom fields and merge."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.i18n import ShopError
from shopcrm.models import (
    ACCOUNT_POINTS,
    ACCOUNT_STORED_VALUE,
    VISIT_OK,
    VISIT_VOIDED,
    AuditEntry,
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    Visit,
    WalletEntry,
)
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.birthdays import LUNAR, Birthday
from shopcrm.services.members import (
    MemberForm,
    add_custom_field,
    add_tags,
    archive_member,
    create_member,
    get_member,
    merge_members,
    profile_fields,
    refresh_member_stats,
    remove_tags,
    restore_member,
    update_member,
)
from shopcrm.services.settings import set_setting

STAFF = Actor(staff_id=None, name="前台", role="staff")


def test_create_and_read_card(session):
    mid = create_member(
        session,
        MemberForm(
            name=" 曾小贤 ",
            phone="138 0013 8000",
            birthday="农历八月十五",
            gender="女",
            card_no="880001",
            level="金卡",
            tags=("VIP", "烫发", "VIP"),
            profile={"hair_type": "细软"},
            join_date=date(2024, 3, 1),
        ),
        actor=SYSTEM,
    )
    session.commit()
    card = get_member(session, mid)
    assert card.name == "曾小贤"
    assert card.phone == "+8613800138000" and card.phone_display == "138 0013 8000"
    assert card.birthday == Birthday(LUNAR, 8, 15)
    assert card.gender == "F" and card.card_no == "880001" and card.level == "金卡"
    assert card.tags == ("VIP", "烫发")
    assert card.profile == {"hair_type": "细软"}
    assert card.join_date == date(2024, 3, 1) and card.version == 1
    row = session.get(Member, mid)
    assert (row.name_pinyin, row.name_initials, row.phone_rev) == (
        "zengxiaoxian",
        "zxx",
        "00083100831",
    )


def test_name_required_and_bad_birthday_refused(session):
    with pytest.raises(ShopError, match="needs a name"):
        create_member(session, MemberForm(name="  ", phone="13800138000"), actor=SYSTEM)
    with pytest.raises(ShopError, match="February has no 30th"):
        create_member(session, MemberForm(name="张三", birthday="2月30日"), actor=SYSTEM)
    assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_one_active_member_per_phone_names_the_holder(session):
    first = create_member(session, MemberForm(name="张三", phone="13800138000"), actor=SYSTEM)
    with pytest.raises(ShopError) as info:
        create_member(session, MemberForm(name="张三丰", phone="+86 138-0013-8000"), actor=SYSTEM)
    assert "张三" in info.value.message("zh") and f"#{first}" in info.value.message("en")
    other = create_member(session, MemberForm(name="李四", phone="13900139000"), actor=SYSTEM)
    with pytest.raises(ShopError, match="already belongs to 张三"):
        update_member(session, other, 1, phone="13800138000", actor=SYSTEM)
    # an archived member's phone may be reused, and then that member cannot be restored
    archive_member(session, first, actor=SYSTEM)
    again = create_member(session, MemberForm(name="张三(新)", phone="13800138000"), actor=SYSTEM)
    with pytest.raises(ShopError, match=f"member #{again}"):
        restore_member(session, first, actor=SYSTEM)
    session.commit()
    assert get_member(session, first).status == "archived"


def test_card_numbers_unique_among_active(session):
    a = create_member(session, MemberForm(name="甲", phone="13800000001", card_no="VIP01"), actor=SYSTEM)
    with pytest.raises(ShopError, match="Card number VIP01 already belongs to 甲"):
        create_member(session, MemberForm(name="乙", phone="13800000002", card_no="VIP01"), actor=SYSTEM)
    archive_member(session, a, actor=SYSTEM)
    create_member(session, MemberForm(name="乙", phone="13800000002", card_no="VIP01"), actor=SYSTEM)


def test_update_bumps_version_and_stale_version_is_refused(session):
    mid = create_member(session, MemberForm(name="张三", phone="13800138000"), actor=SYSTEM)
    v2 = update_member(
        session,
        mid,
        1,
        name="张三丰",
        birthday="1990-05-01",
        profile={"scalp": "敏感"},
        tags=["老客"],
        actor=SYSTEM,
    )
    assert v2 == 2
    card = get_member(session, mid)
    assert (card.name, card.birthday.year, card.profile, card.tags) == (
        "张三丰",
        1990,
        {"scalp": "敏感"},
        ("老客",),
    )
    assert session.get(Member, mid).name_pinyin == "zhangsanfeng"
    with pytest.raises(ShopError, match="changed at another counter"):
        update_member(session, mid, 1, notes="stale", actor=SYSTEM)
    assert get_member(session, mid).notes == ""


def test_two_counters_edit_one_member(engine):
    with Session(engine) as s:
        mid = create_member(s, MemberForm(name="张三", phone="13800138000"), actor=SYSTEM)
        s.commit()
    a = Session(engine, expire_on_commit=False)
    b = Session(engine, expire_on_commit=False)
    try:
        version_a = get_member(a, mid).version
        version_b = get_member(b, mid).version
        a.rollback()  # counter A's read transaction ends; B keeps its copy in memory
        update_member(a, mid, version_a, notes="from A", actor=SYSTEM)
        a.commit()
        b.rollback()
        with pytest.raises(ShopError) as info:
            update_member(b, mid, version_b, notes="from B", actor=SYSTEM)
        assert "另一台前台电脑" in info.value.message("zh")
        b.rollback()
        with Session(engine) as c:
            assert get_member(c, mid).notes == "from A"
    finally:
        a.close()
        b.close()


def test_stale_identity_map_copy_conflicts_at_flush(engine):
    with Session(engine) as s:
        mid = create_member(s, MemberForm(name="张三", phone="13800138000"), actor=SYSTEM)
        s.commit()
    b = Session(engine, expire_on_commit=False, autoflush=False)
    held = b.get(Member, mid)  # B holds version 1 in memory
    b.commit()
    with Session(engine) as a:
        update_member(a, mid, 1, notes="A", actor=SYSTEM)
        a.commit()
    assert b.get(Member, mid) is held and held.version == 1  # the cached copy
    with pytest.raises(ShopError, match="changed at another counter"):
        update_member(b, mid, 1, notes="B", actor=SYSTEM)
    b.rollback()
    b.close()


def test_archive_and_restore(session):
    mid = create_member(session, MemberForm(name="张三", phone="13800138000"), actor=SYSTEM)
    archive_member(session, mid, actor=SYSTEM)
    assert get_member(session, mid).status == "archived"
    with pytest.raises(ShopError, match="already archived"):
        archive_member(session, mid, actor=SYSTEM)
    restore_member(session, mid, actor=SYSTEM)
    assert get_member(session, mid).status == "active"
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_id == mid).order_by(AuditEntry.id)
    ).all()
    assert actions == ["create", "archive", "restore"]


def test_tags_add_and_remove(session):
    mid = create_member(session, MemberForm(name="张三", tags=("a",), card_no="C1"), actor=SYSTEM)
    assert add_tags(session, mid, "b、c，a", actor=SYSTEM) == ("a", "b", "c")
    remove_tags(session, mid, ["a"], actor=SYSTEM)
    assert get_member(session, mid).tags == ("b", "c")


def test_shop_type_fields_have_bilingual_labels(session):
    salon = {f.key: f for f in profile_fields(session)}
    assert (
        salon["hair_type"].label("zh") == "发质" and salon["hair_type"].label("en") == "Hair type"
    )
    assert {"scalp", "face_shape", "colour_formula", "allergies", "preferred_stylist"} <= set(salon)
    set_setting(session, "shop.kind", "restaurant")
    rest = {f.key: f for f in profile_fields(session)}
    assert rest["party_size"].field_type == "number"
    assert {"favourite_dishes", "dietary", "allergies", "seating"} <= set(rest)


def test_custom_fields_validate_by_type(session):
    shoe = add_custom_field(session, "鞋码", "number", actor=SYSTEM)
    since = add_custom_field(session, "首次烫发", "date", actor=SYSTEM)
    colour = add_custom_field(session, "喜欢的颜色", "choice", ["红", "蓝"], actor=SYSTEM)
    note = add_custom_field(session, "Nickname", "text", actor=SYSTEM)
    with pytest.raises(ShopError, match="already a field"):
        add_custom_field(session, "鞋码", "text", actor=SYSTEM)
    with pytest.raises(ShopError, match="Only the owner"):
        add_custom_field(session, "x", "text", actor=STAFF)
    mid = create_member(
        session,
        MemberForm(
            name="张三", profile={shoe: "37.5", since: "2023/4/5", colour: "红", note: "Sam"}
        ),
        actor=SYSTEM,
    )
    assert get_member(session, mid).profile == {
        shoe: 37.5,
        since: "2023-04-05",
        colour: "红",
        note: "Sam",
    }
    for bad, message in (
        ({shoe: "big"}, "not a number"),
        ({since: "2023-02-30"}, "not a date"),
        ({colour: "绿"}, "not one of 红/蓝"),
        ({"nope": 1}, "No profile field"),
    ):
        with pytest.raises(ShopError, match=message):
            update_member(session, mid, get_member(session, mid).version, profile=bad, actor=SYSTEM)
    update_member(session, mid, get_member(session, mid).version, profile={shoe: 38, note: None}, actor=SYSTEM)
    assert get_member(session, mid).profile == {shoe: 38, since: "2023-04-05", colour: "红"}
    labels = [f.label("zh") for f in profile_fields(session) if f.custom]
    assert labels == ["鞋码", "首次烫发", "喜欢的颜色", "Nickname"]


# ------------------------------------------------------------------ merge


def _visit(session, member_id, day, amount, status=VISIT_OK):
    v = Visit(
        member_id=member_id,
        visited_at=datetime(2025, 1, day, 14),
        status=status,
        total_list=Decimal(amount),
        total_amount=Decimal(amount),
    )
    session.add(v)
    session.flush()
    return v.id


def _ledger(session, member_id, account, amounts):
    balance = Decimal(0)
    for seq, amount in enumerate(amounts, start=1):
        balance += Decimal(amount)
        session.add(
            WalletEntry(
                member_id=member_id,
                account=account,
                seq=seq,
                entry_type="topup" if Decimal(amount) > 0 else "spend",
                amount=Decimal(amount),
                balance_after=balance,
            )
        )
    session.flush()


def test_merge_moves_visits_balance_history_and_loses_nothing(session):
    keep = create_member(
        session,
        MemberForm(
            name="张三",
            phone="13800138000",
            tags=("VIP",),
            profile={"hair_type": "细软"},
            notes="keep note",
            join_date=date(2024, 5, 1),
        ),
        actor=SYSTEM,
    )
    other = create_member(
        session,
        MemberForm(
            name="张三 (旧卡)",
            phone="13900139000",
            card_no="880001",
            birthday="农历八月十五",
            tags=("烫发", "VIP"),
            profile={"hair_type": "粗硬", "scalp": "敏感"},
            notes="old card holder",
            join_date=date(2022, 1, 1),
            consent_marketing=False,
        ),
        actor=SYSTEM,
    )
    rule = FollowupRule(kind="birthday", name="生日")
    session.add(rule)
    session.flush()
    kv = [_visit(session, keep, 10, "100")]
    ov = [
        _visit(session, other, 3, "50"),
        _visit(session, other, 20, "80"),
        _visit(session, other, 21, "999", VISIT_VOIDED),
    ]
    _ledger(session, keep, ACCOUNT_STORED_VALUE, ["200", "-50"])
    _ledger(session, other, ACCOUNT_STORED_VALUE, ["500", "-120"])
    _ledger(session, other, ACCOUNT_POINTS, ["80"])
    same_day, other_day = date(2025, 9, 17), date(2025, 3, 1)
    fk = Followup(member_id=keep, rule_id=rule.id, occasion_date=same_day, due_date=same_day)
    fo = Followup(
        member_id=other, rule_id=rule.id, occasion_date=same_day, due_date=same_day, status="done"
    )
    fo2 = Followup(member_id=other, rule_id=rule.id, occasion_date=other_day, due_date=other_day)
    session.add_all([fk, fo, fo2])
    session.flush()
    session.add(FollowupEvent(followup_id=fo.id, action="done", channel="call", note="called"))
    refresh_member_stats(session, [keep, other])
    session.commit()
    before_entries = session.scalar(select(func.count()).select_from(WalletEntry))

    result = merge_members(session, keep, other, actor=SYSTEM)
    session.commit()

    assert result.visits_moved == 3
    assert set(session.scalars(select(Visit.id).where(Visit.member_id == keep))) == set(kv + ov)
    card = get_member(session, keep)
    assert card.visit_count == 3 and card.lifetime_spend == Decimal("230.00")
    assert card.first_visit_on == date(2025, 1, 3) and card.last_visit_on == date(2025, 1, 20)
    assert card.tags == ("VIP", "烫发")
    assert card.profile == {"hair_type": "细软", "scalp": "敏感"}  # kept value wins
    assert card.card_no == "880001" and card.birthday == Birthday(LUNAR, 8, 15)
    assert card.join_date == date(2022, 1, 1) and card.consent_marketing is False
    assert "keep note" in card.notes and "old card holder" in card.notes
    assert card.phone == "+8613800138000"
    gone = get_member(session, other)
    assert gone.status == "merged" and gone.merged_into_id == keep
    assert gone.visit_count == 0 and gone.phone == "+8613900139000"  # its data stays readable

    def balance(mid, account):
        return session.scalar(
            select(func.coalesce(func.sum(WalletEntry.amount), 0)).where(
                WalletEntry.member_id == mid, WalletEntry.account == account
            )
        )

    assert balance(keep, ACCOUNT_STORED_VALUE) == Decimal("530.00")
    assert balance(keep, ACCOUNT_POINTS) == Decimal("80.00")
    assert balance(other, ACCOUNT_STORED_VALUE) == 0 and balance(other, ACCOUNT_POINTS) == 0
    assert result.balances_moved == {
        ACCOUNT_POINTS: Decimal("80.00"),
        ACCOUNT_STORED_VALUE: Decimal("380.00"),
    }
    # append-only: old rows untouched, 4 new rows; seq and running balances continue
    assert session.scalar(select(func.count()).select_from(WalletEntry)) == before_entries + 4
    last = session.scalars(
        select(WalletEntry)
        .where(WalletEntry.member_id == keep, WalletEntry.account == ACCOUNT_STORED_VALUE)
        .order_by(WalletEntry.seq.desc())
    ).first()
    assert (last.seq, last.entry_type, last.amount, last.balance_after) == (
        3,
        "merge_in",
        Decimal("380.00"),
        Decimal("530.00"),
    )
    # follow-ups: the other's own occasion moves; the shared one keeps its outcome history
    fus = session.scalars(
        select(Followup).where(Followup.member_id == keep).order_by(Followup.occasion_date)
    ).all()
    assert [f.occasion_date for f in fus] == [other_day, same_day]
    assert fus[1].status == "done"
    assert [
        e.note
        for e in session.scalars(
            select(FollowupEvent).where(FollowupEvent.followup_id == fus[1].id)
        )
    ] == ["called"]
    assert (
        session.scalar(
            select(func.count()).select_from(Followup).where(Followup.member_id == other)
        )
        == 0
    )


def test_merge_refusals(session):
    a = create_member(session, MemberForm(name="甲", phone="13800000001"), actor=SYSTEM)
    b = create_member(session, MemberForm(name="乙", phone="13800000002"), actor=SYSTEM)
    with pytest.raises(ShopError, match="itself"):
        merge_members(session, a, a, actor=SYSTEM)
    merge_members(session, a, b, actor=SYSTEM)
    with pytest.raises(ShopError, match="only active or archived"):
        merge_members(session, a, b, actor=SYSTEM)
    with pytest.raises(ShopError, match="No member #999"):
        merge_members(session, a, 999, actor=SYSTEM)


def test_merge_gives_phone_to_keeper_without_one(session):
    keep = create_member(session, MemberForm(name="甲", card_no="C9"), actor=SYSTEM)
    other = create_member(session, MemberForm(name="甲", phone="13800000009"), actor=SYSTEM)
    merge_members(session, keep, other, actor=SYSTEM)
    session.commit()
    assert get_member(session, keep).phone == "+8613800000009"
