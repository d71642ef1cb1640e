"""Member levels that price themselves, upgrades for the next sale, top-up offers.

Each expected figure is worked out here from the inputs (¥68 × 0.88 = ¥59.84), never read
back from the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import AuditEntry, LevelChange, Member, VisitLine
from shopcrm.services import catalog, levels, wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit, void_visit

D = Decimal


@pytest.fixture
def shop(session):
    cut = catalog.create_category(session, "剪发", actor=SYSTEM)
    dye = catalog.create_category(session, "染烫", actor=SYSTEM)
    ids = {
        "cut_cat": cut,
        "blow": catalog.create_service(session, "洗剪吹", D("68"), category_id=cut, actor=SYSTEM),
        "perm": catalog.create_service(session, "烫发", D("380"), category_id=dye, actor=SYSTEM),
        "oil": catalog.create_service(session, "精油", D("100"), actor=SYSTEM),
    }
    session.flush()
    return ids


def _sale(session, member_id, service_id, pay="cash", total=None, **line):
    lines = (LineDraft(service_id=service_id, **line),)
    if total is None:
        from shopcrm.services.visits import price_lines

        total = price_lines(session, lines, member_id).total_amount
    return record_visit(
        session,
        VisitDraft(member_id, lines, (PaymentDraft(pay, total),) if total else ()),
        actor=SYSTEM,
    )


def _line(session, visit_id) -> VisitLine:
    return session.scalars(select(VisitLine).where(VisitLine.visit_id == visit_id)).one()


def _level_of(session, member_id) -> str:
    session.expire_all()
    return session.get(Member, member_id).level


def test_gold_at_88_on_the_cut_category_prices_68_at_59_84(session, shop):
    levels.create_level(
        session, "金卡", discount="0.95", category_discounts={"剪发": "8.8折"}, actor=SYSTEM
    )
    member = make_member(session)
    levels.set_member_level(session, member, "金卡", actor=SYSTEM)
    visit = _sale(session, member, shop["blow"])
    line = _line(session, visit)
    assert line.amount == D("59.84") and line.discount == D("8.16")
    assert line.discount_rate == D("0.88")
    # another category gets the level's default: ¥380 × 0.95 = ¥361.00
    assert _line(session, _sale(session, member, shop["perm"])).amount == D("361.00")


def test_a_floor_wins_over_a_deeper_discount_and_excluded_services_are_list_price(session, shop):
    levels.create_level(session, "钻石", discount="0.8", actor=SYSTEM)
    levels.set_service_pricing(session, shop["perm"], floor="9折", actor=SYSTEM)
    levels.set_service_pricing(session, shop["oil"], no_level_discount=True, actor=SYSTEM)
    member = make_member(session)
    levels.set_member_level(session, member, "钻石", actor=SYSTEM)
    assert _line(session, _sale(session, member, shop["perm"])).amount == D("342.00")  # 380×0.9
    assert _line(session, _sale(session, member, shop["oil"])).amount == D("100.00")
    assert _line(session, _sale(session, member, shop["blow"])).amount == D("54.40")  # 68×0.8


def test_walk_ins_pay_list_price(session, shop):
    levels.create_level(session, "金卡", discount="0.5", actor=SYSTEM)
    assert _line(session, _sale(session, None, shop["blow"])).amount == D("68.00")


def test_an_override_needs_a_reason_and_is_audited(session, shop):
    levels.create_level(session, "金卡", discount="0.9", actor=SYSTEM)
    member = make_member(session)
    levels.set_member_level(session, member, "金卡", actor=SYSTEM)
    with pytest.raises(ShopError) as err:
        _sale(session, member, shop["blow"], total=D("50"), amount=D("50"))
    assert err.value.msg_id == "visits.override_reason"
    visit = _sale(
        session, member, shop["blow"], total=D("50"), amount=D("50"), override_reason="老顾客"
    )
    line = _line(session, visit)
    assert (line.amount, line.override_reason) == (D("50.00"), "老顾客")
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "price_override")).one()
    assert entry.entity_id == visit and entry.detail["reason"] == "老顾客"


def test_a_sale_crossing_the_threshold_upgrades_for_the_next_sale_and_a_void_takes_it_back(
    session, shop
):
    silver = levels.create_level(session, "银卡", discount="1", actor=SYSTEM)
    levels.create_level(
        session, "金卡", discount="0.8", upgrade_kind="spend", upgrade_amount="2000",
        window_days=365, points_rate="2", actor=SYSTEM,
    )  # fmt: skip
    member = make_member(session)
    levels.set_member_level(session, member, silver, actor=SYSTEM)
    item = LineDraft(item_name="礼品卡", amount=D("1990"))
    record_visit(
        session, VisitDraft(member, (item,), (PaymentDraft("cash", D("1990")),)), actor=SYSTEM
    )
    assert _level_of(session, member) == "银卡"
    points_before = wallet.balances(session, member).points
    crossing = _sale(session, member, shop["oil"], total=D("20"), unit_price=D("20"))
    # the crossing sale itself was priced at the old level (银卡, rate 1): ¥20
    assert _line(session, crossing).amount == D("20.00")
    assert _level_of(session, member) == "金卡"
    earned = wallet.balances(session, member).points - points_before
    assert earned > 0
    # the next sale at the new level: ¥68 × 0.8
    assert _line(session, _sale(session, member, shop["blow"])).amount == D("54.40")
    change = session.scalars(
        select(LevelChange)
        .where(LevelChange.to_level_id.is_not(None))
        .order_by(LevelChange.id.desc())
    ).first()
    assert change.visit_id == crossing
    history = levels.level_history(session, member, "en")
    assert "spent ¥20.00" in history[0].reason
    # voiding the crossing sale takes its points back; the level stays, since with the
    # next sale the member still counts ¥1,990 + ¥54.40 ≥ ¥2,000
    points_now = wallet.balances(session, member).points
    void_visit(session, crossing, "wrong member", actor=SYSTEM)
    assert wallet.balances(session, member).points == points_now - earned
    assert _level_of(session, member) == "金卡"


def test_voiding_the_upgrading_sale_takes_the_level_back_when_the_rule_says_so(session, shop):
    silver = levels.create_level(session, "银卡", discount="1", actor=SYSTEM)
    levels.create_level(
        session, "金卡", discount="0.8", upgrade_kind="spend", upgrade_amount="2000", actor=SYSTEM
    )
    member = make_member(session)
    levels.set_member_level(session, member, silver, actor=SYSTEM)
    item = LineDraft(item_name="礼品卡", amount=D("1990"))
    record_visit(
        session, VisitDraft(member, (item,), (PaymentDraft("cash", D("1990")),)), actor=SYSTEM
    )
    crossing = _sale(session, member, shop["oil"], total=D("20"), unit_price=D("20"))
    assert _level_of(session, member) == "金卡"
    void_visit(session, crossing, "wrong member", actor=SYSTEM)
    assert _level_of(session, member) == "银卡"
    assert "no longer meets" in levels.level_history(session, member, "en")[0].reason


def test_spend_paid_from_bonus_does_not_count_toward_the_level(session, shop):
    levels.create_level(
        session, "金卡", discount="1", upgrade_kind="spend", upgrade_amount="100", actor=SYSTEM
    )
    member = make_member(session)
    wallet.topup(
        session, member, D("50"), bonus=D("50"), actor=SYSTEM
    )  # half principal, half bonus
    _sale(session, member, shop["oil"], pay="stored_value", total=D("100"))
    assert levels.counted_spend(session, member) == D("50.00")
    assert _level_of(session, member) == ""
    _sale(session, member, shop["oil"], pay="cash", total=D("50"), unit_price=D("50"))
    assert _level_of(session, member) == "金卡"


def test_the_best_offer_tier_gives_its_bonus_and_may_raise_the_level(session):
    vip = levels.create_level(session, "VIP", discount="0.9", actor=SYSTEM)
    levels.create_offer(session, "500", "50", actor=SYSTEM)
    levels.create_offer(session, "1000", "150", level=vip, actor=SYSTEM)
    levels.create_offer(session, "2000", "400", actor=SYSTEM)
    member = make_member(session)
    result = wallet.topup(session, member, D("1000"), actor=SYSTEM)
    b = wallet.balances(session, member)
    assert (b.principal, b.bonus) == (D("1000.00"), D("150.00"))
    assert result.bonus == D("150.00") and result.new_level == "VIP"
    assert _level_of(session, member) == "VIP"
    other = make_member(session, "李四", "13900139000")
    wallet.topup(session, other, D("1999.99"), actor=SYSTEM)
    assert wallet.balances(session, other).bonus == D("150.00")
    wallet.topup(session, other, D("499"), actor=SYSTEM)  # below every tier: no bonus
    assert wallet.balances(session, other).bonus == D("150.00")
    wallet.topup(session, other, D("600"), bonus=D("0"), actor=SYSTEM)  # the counter said no bonus
    assert wallet.balances(session, other).bonus == D("150.00")


def test_a_top_up_rule_upgrades_with_a_dated_reason(session):
    levels.create_level(
        session, "金卡", discount="0.9", upgrade_kind="topup", upgrade_amount="1000", actor=SYSTEM
    )
    member = make_member(session)
    with clock.frozen("2026-11-03 15:00"):
        wallet.topup(session, member, D("1000"), bonus=0, actor=SYSTEM)
    assert _level_of(session, member) == "金卡"
    (row,) = levels.level_history(session, member, "en")
    assert row.reason == "topped up ¥1,000.00 on 2026-11-03"
    assert levels.level_history(session, member, "zh")[0].reason == "2026-11-03 充值 ¥1,000.00"


def test_a_locked_member_never_changes_level(session, shop):
    levels.create_level(session, "普通会员", discount="1", actor=SYSTEM)
    levels.create_level(
        session, "金卡", discount="0.8", upgrade_kind="topup", upgrade_amount="100", actor=SYSTEM
    )
    vip = levels.create_offer(session, "200", "0", level="金卡", actor=SYSTEM)
    assert vip
    member = make_member(session)
    levels.lock_member(session, member, "普通会员", actor=SYSTEM)
    wallet.topup(session, member, D("5000"), actor=SYSTEM)
    _sale(session, member, shop["oil"])
    assert _level_of(session, member) == "普通会员"
    assert session.get(Member, member).level_locked
    with pytest.raises(ShopError):
        levels.set_member_level(session, member, "金卡", actor=SYSTEM)
    assert _level_of(session, member) == "普通会员"


def test_downgrade_at_the_end_of_the_window(session, shop):
    levels.create_level(session, "普通会员", discount="1", actor=SYSTEM)
    levels.create_level(
        session, "金卡", discount="0.9", upgrade_kind="spend", upgrade_amount="100",
        window_days=30, downgrade=True, actor=SYSTEM,
    )  # fmt: skip
    member = make_member(session)
    with clock.frozen("2026-10-01 10:00"):
        _sale(session, member, shop["oil"])
        assert _level_of(session, member) == "金卡"
    with clock.frozen("2026-10-20 10:00"):
        assert levels.run_downgrades(session, actor=SYSTEM) == []  # window not over
    with clock.frozen("2026-11-05 10:00"):
        assert levels.run_downgrades(session, actor=SYSTEM) == [member]
    assert _level_of(session, member) == "普通会员"


def test_bad_rates_are_refused(session):
    for bad in ("0", "1.2", "abc", "12折", "0.123456"):
        with pytest.raises(ShopError):
            levels.parse_rate(bad)
    assert levels.parse_rate("88%") == D("0.88")


def test_migration_0008_turns_labels_into_levels_without_discounts(tmp_path):
    from sqlalchemy import text

    from shopcrm.db import make_engine, open_database
    from shopcrm.migrate import upgrade_to

    path = str(tmp_path / "old.db")
    engine = make_engine(path)
    upgrade_to(engine, "0007")
    with engine.begin() as conn:
        for mid, label in ((1, "金卡"), (2, "银卡"), (3, "金卡"), (4, "")):
            conn.execute(
                text(
                    "INSERT INTO members (id, name, name_pinyin, name_initials, phone,"
                    " phone_digits, phone_rev, gender, birth_leap, level, join_date, source,"
                    " notes, consent_marketing, profile, status, visit_count, lifetime_spend,"
                    " created_at, updated_at, version) VALUES (:id, :name, '', '', NULL, '',"
                    " '', '', 0, :level, '2024-01-02', '', '', 1, '{}', 'active', 0, 0,"
                    " '2024-01-02 10:00:00', '2024-01-02 10:00:00', 1)"
                ),
                {"id": mid, "name": f"m{mid}", "level": label},
            )
        conn.execute(
            text(
                "INSERT INTO services (id, name, name_pinyin, list_price, duration_min, active,"
                " care_offsets, description, created_at) VALUES (1, '洗剪吹', '', 6800, 0, 1,"
                " '[]', '', '2024-01-02 10:00:00')"
            )
        )
    engine.dispose()
    upgraded = open_database(path)
    from sqlalchemy.orm import Session

    with Session(upgraded) as session:
        views = {v.name: v for v in levels.list_levels(session)}
        assert set(views) == {"金卡", "银卡"}
        assert all(v.discount == D("1") and v.category_discounts == () for v in views.values())
        assert views["金卡"].members == 2 and views["银卡"].members == 1
        labels = dict(session.execute(select(Member.id, Member.level)).all())
        assert labels == {1: "金卡", 2: "银卡", 3: "金卡", 4: ""}
        # nothing changes price: a labelled member still pays ¥68
        from shopcrm.services.visits import price_lines

        totals = price_lines(session, [LineDraft(service_id=1)], 1)
        assert totals.total_amount == D("68.00")
    upgraded.dispose()


def test_month_figures_members_upgrades_and_discount_by_level(session, shop):
    levels.create_level(session, "普通会员", discount="1", actor=SYSTEM)
    levels.create_level(
        session, "金卡", discount="0.9", upgrade_kind="topup", upgrade_amount="500", actor=SYSTEM
    )
    a, b = make_member(session), make_member(session, "李四", "13900139000")
    make_member(session, "王五", "13700137000")
    with clock.frozen("2026-11-05 10:00"):
        levels.set_member_level(session, a, "普通会员", actor=SYSTEM)
        wallet.topup(session, b, D("500"), bonus=0, actor=SYSTEM)  # up to 金卡
        _sale(session, b, shop["oil"])  # ¥100 at 0.9: ¥10 off
        _sale(session, b, shop["blow"])  # ¥68 at 0.9: ¥6.80 off
    with clock.frozen("2026-11-20 10:00"):
        data = levels.level_figures(session, 2026, 11)
    rows = {r["level"]: r for r in data["by_level"]}
    assert rows["金卡"] == {"level": "金卡", "members": 1, "upgrades": 1, "discount_given": "16.80"}
    assert rows["普通会员"]["members"] == 1 and rows["普通会员"]["upgrades"] == 1
    assert data["members_without_level"] == 1
    assert levels.level_figures(session, 2026, 10)["upgrades_total"] == 0
