"""Recording, voiding and editing visits; their wallet movements and member figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from visit_helpers import make_member, make_shop

from shopcrm.i18n import ShopError
from shopcrm.models import Member, Visit, WalletEntry
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.members.lookup import resolve_member
from shopcrm.services.settings import set_setting
from shopcrm.services.visits import (
    LineDraft,
    PaymentDraft,
    VisitDraft,
    edit_visit,
    last_visit_defaults,
    member_visits,
    record_visit,
    refresh_member_stats,
    visit_detail,
    void_visit,
)

D = Decimal
CLERK = Actor(staff_id=None, name="clerk", role="staff")


def _pay(**methods: str) -> tuple[PaymentDraft, ...]:
    return tuple(PaymentDraft(m, D(a)) for m, a in methods.items())


def test_half_stored_value_half_cash_moves_exact_amounts(session: Session) -> None:
    shop = make_shop(session)
    member = make_member(session)
    wallet.topup(session, member, "300", actor=SYSTEM)
    vid = record_visit(
        session,
        VisitDraft(
            member,
            (
                LineDraft(service_id=shop["care"], staff_id=shop["tony"]),
                LineDraft(service_id=shop["cut"], amount=D("80")),
            ),
            _pay(stored_value="124.25", cash="124.25"),
            visited_at=datetime(2025, 3, 1, 15, 30),
        ),
        actor=SYSTEM,
    )
    detail = visit_detail(session, vid)
    assert (detail.total_list, detail.total_discount, detail.total_amount) == (
        D("256.50"),
        D("8.00"),
        D("248.50"),
    )
    assert detail.lines[1].discount == D("8.00") and detail.lines[1].unit_price == D("88.00")
    assert dict(detail.payments) == {"stored_value": D("124.25"), "cash": D("124.25")}
    assert wallet.balances(session, member).stored_value == D("175.75")
    moves = {(m.account, m.entry_type): m.amount for m in detail.wallet}
    # points: 1 per whole yuan of 248.50 (stored value counts by default) = 248
    assert moves == {("stored_value", "spend"): D("-124.25"), ("points", "earn"): D("248")}
    m = session.get(Member, member)
    assert (m.visit_count, m.lifetime_spend, m.last_visit_on) == (1, D("248.50"), date(2025, 3, 1))


def test_void_restores_balance_and_points_and_stays_visible(session: Session) -> None:
    shop = make_shop(session)
    member = make_member(session)
    wallet.topup(session, member, "100", actor=SYSTEM)
    wallet.earn_points(session, member, 500, actor=SYSTEM)
    vid = record_visit(
        session,
        VisitDraft(
            member,
            (LineDraft(service_id=shop["cut"]),),
            _pay(stored_value="80", points="3", cash="5"),
        ),
        actor=SYSTEM,
    )
    b = wallet.balances(session, member)
    assert (b.stored_value, b.points) == (D("20.00"), 500 - 300 + 85)
    void_visit(session, vid, "wrong member", actor=CLERK)
    b = wallet.balances(session, member)
    assert (b.stored_value, b.points) == (D("100.00"), 500)
    detail = visit_detail(session, vid)
    assert detail.status == "voided" and detail.void_reason == "wrong member"
    assert detail.voided_at is not None
    assert [s.status for s in member_visits(session, member)] == ["voided"]
    assert member_visits(session, member, include_voided=False) == []
    types = [e.entry_type for e in wallet.ledger(session, member)]
    assert types.count("reversal") == 1  # stored value: spend reversed
    assert wallet.check_ledgers(session) == []
    with pytest.raises(ShopError) as err:
        void_visit(session, vid, "again", actor=SYSTEM)
    assert err.value.msg_id == "visits.already_void"
    with pytest.raises(ShopError):
        void_visit(session, vid, "  ", actor=SYSTEM)


def test_void_takes_back_earned_points_only_as_far_as_held(session: Session) -> None:
    member = make_member(session)
    vid = record_visit(
        session, VisitDraft(member, (LineDraft(item_name="套餐", amount=D(200)),), _pay(cash="200")), actor=SYSTEM
    )
    wallet.redeem_points(session, member, 150, actor=SYSTEM)
    void_visit(session, vid, "mistake", actor=SYSTEM)
    assert wallet.balances(session, member).points == 0
    assert wallet.check_ledgers(session) == []


def test_payment_mismatch_refused_with_both_figures(session: Session) -> None:
    shop = make_shop(session)
    member = make_member(session)
    with pytest.raises(ShopError) as err:
        record_visit(
            session,
            VisitDraft(member, (LineDraft(service_id=shop["cut"]),), _pay(cash="50", mobile="30")),
            actor=SYSTEM,
        )
    assert err.value.message("en") == (
        "Payments add up to ¥80.00 but the visit total is ¥88.00 (difference ¥8.00)."
    )
    assert "相差 ¥8.00" in err.value.message("zh")
    assert session.scalar(select(Visit.id)) is None


def test_stored_value_short_refuses_the_whole_visit(session: Session) -> None:
    shop = make_shop(session)
    member = make_member(session)
    wallet.topup(session, member, "50", actor=SYSTEM)
    with pytest.raises(ShopError) as err:
        record_visit(
            session,
            VisitDraft(member, (LineDraft(service_id=shop["cut"]),), _pay(stored_value="88")),
            actor=SYSTEM,
        )
    assert err.value.msg_id == "wallet.insufficient"
    assert session.scalar(select(Visit.id)) is None
    assert len(wallet.ledger(session, member, "points")) == 0


def test_walk_in_and_line_rules(session: Session) -> None:
    shop = make_shop(session)
    vid = record_visit(
        session,
        VisitDraft(
            None,
            (
                LineDraft(item_name="洗发水", quantity=2, unit_price=D("45"), discount=D("10")),
                LineDraft(service_id=shop["cut"], amount=D("100")),
            ),
            _pay(mobile="180"),
            satisfaction=2,
            complaint="等太久",
            note="first time",
        ),
        actor=SYSTEM,
    )
    d = visit_detail(session, vid)
    assert d.member_id is None and d.total_amount == D("180.00")
    # an amount above list price without an explicit price raises the unit price
    assert (d.lines[1].unit_price, d.lines[1].discount) == (D("100.00"), D("0.00"))
    assert d.satisfaction == 2 and d.complaint == "等太久"
    assert session.scalar(select(WalletEntry.id)) is None
    with pytest.raises(ShopError):  # walk-ins cannot use a wallet
        record_visit(
            session, VisitDraft(None, (LineDraft(service_id=shop["cut"]),), _pay(stored_value="88")), actor=SYSTEM
        )
    with pytest.raises(ShopError):
        record_visit(
            session,
            VisitDraft(
                None, (LineDraft(item_name="x", unit_price=D(10), amount=D(20)),), _pay(cash="20")
            ),
            actor=SYSTEM,
        )
    with pytest.raises(ShopError):
        record_visit(session, VisitDraft(None, (), ()), actor=SYSTEM)
    with pytest.raises(ShopError):
        record_visit(
            session,
            VisitDraft(None, (LineDraft(service_id=shop["cut"]),), _pay(cash="88"), satisfaction=6),
            actor=SYSTEM,
        )


def test_points_rule_settings(session: Session) -> None:
    member = make_member(session)
    wallet.topup(session, member, "100", actor=SYSTEM)
    set_setting(session, "points.earn_on_stored_value", False)
    set_setting(session, "points.per_yuan", 2)
    record_visit(
        session,
        VisitDraft(
            member,
            (LineDraft(item_name="x", amount=D("150.99")),),
            _pay(stored_value="100", cash="50.99"),
        ),
        actor=SYSTEM,
    )
    assert wallet.balances(session, member).points == 100  # 2 × floor(50.99)
    set_setting(session, "points.redeem_per_yuan", 10)
    record_visit(
        session,
        VisitDraft(member, (LineDraft(item_name="y", amount=D("5.05")),), _pay(points="5.05")),
        actor=SYSTEM,
    )
    assert wallet.balances(session, member).points == 100 - 51  # 50.5 rounded up


def test_edit_keeps_history_and_stats_follow(session: Session) -> None:
    shop = make_shop(session)
    a = make_member(session)
    b = make_member(session, "李四", "13900139000")
    wallet.topup(session, a, "200", actor=SYSTEM)
    first = record_visit(
        session,
        VisitDraft(
            a,
            (LineDraft(service_id=shop["cut"]),),
            _pay(stored_value="88"),
            visited_at=datetime(2025, 1, 5, 10),
        ),
        actor=SYSTEM,
    )
    record_visit(
        session,
        VisitDraft(
            a,
            (LineDraft(service_id=shop["perm"]),),
            _pay(cash="380"),
            visited_at=datetime(2025, 2, 5, 10),
        ),
        actor=SYSTEM,
    )
    new = edit_visit(
        session,
        first,
        VisitDraft(
            b,
            (LineDraft(service_id=shop["cut"]),),
            _pay(cash="88"),
            visited_at=datetime(2025, 1, 6, 10),
        ),
        "wrong member",
        actor=SYSTEM,
    )
    old = visit_detail(session, first)
    assert old.status == "voided" and old.replaced_by_id == new
    assert visit_detail(session, new).replaces_id == first
    assert wallet.balances(session, a).stored_value == D("200.00")
    ma, mb = session.get(Member, a), session.get(Member, b)
    assert (ma.visit_count, ma.lifetime_spend, ma.first_visit_on) == (
        1,
        D("380.00"),
        date(2025, 2, 5),
    )
    assert (mb.visit_count, mb.lifetime_spend, mb.first_visit_on) == (
        1,
        D("88.00"),
        date(2025, 1, 6),
    )


def test_staff_cannot_void_old_visits(session: Session) -> None:
    member = make_member(session)
    vid = record_visit(
        session, VisitDraft(member, (LineDraft(item_name="x", amount=D(1)),), _pay(cash="1")), actor=SYSTEM
    )
    session.get(Visit, vid).created_at -= timedelta(days=3)
    session.flush()
    with pytest.raises(ShopError) as err:
        void_visit(session, vid, "late fix", actor=CLERK)
    assert err.value.msg_id == "auth.owner_only"
    void_visit(session, vid, "late fix", actor=SYSTEM)


def test_refresh_member_stats_and_defaults(session: Session) -> None:
    shop = make_shop(session)
    member = make_member(session)
    assert last_visit_defaults(session, member).staff_id is None
    record_visit(
        session,
        VisitDraft(
            member,
            (LineDraft(service_id=shop["cut"], staff_id=shop["li"]),),
            _pay(mobile="88"),
            visited_at=datetime(2025, 1, 1, 9),
        ),
        actor=SYSTEM,
    )
    record_visit(
        session,
        VisitDraft(
            member,
            (
                LineDraft(item_name="x", amount=D(10)),
                LineDraft(service_id=shop["perm"], staff_id=shop["tony"]),
            ),
            _pay(card="300", cash="90"),
            visited_at=datetime(2025, 4, 1, 9),
        ),
        actor=SYSTEM,
    )
    defaults = last_visit_defaults(session, member)
    assert (defaults.staff_name, defaults.payment_method) == ("Tony", "card")
    session.execute(
        Member.__table__.update().values(
            visit_count=0, lifetime_spend=0, first_visit_on=None, last_visit_on=None
        )
    )
    assert refresh_member_stats(session, [member, None]) == 1
    m = session.get(Member, member)
    assert (m.visit_count, m.lifetime_spend, m.first_visit_on, m.last_visit_on) == (
        2,
        D("478.00"),
        date(2025, 1, 1),
        date(2025, 4, 1),
    )
    summary = member_visits(session, member)
    assert summary[0].lines_text == "x, 烫发" and summary[0].staff_text == "Tony"


def test_resolve_member_by_phone_card_and_id(session: Session) -> None:
    member = make_member(session, card_no="880001")
    assert resolve_member(session, "138 0013 8000") == member
    assert resolve_member(session, "+86 13800138000") == member
    assert resolve_member(session, "880001") == member
    assert resolve_member(session, f"#{member}") == member
    with pytest.raises(ShopError):
        resolve_member(session, "13900000000")
