"""Money an accountant can close: each figure recomputed from raw rows and compared."""

from __future__ import annotations

import json
import time
from datetime import datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import AuditEntry, MoneyMovement, WalletEntry
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.money import methods, months
from shopcrm.services.reports import monthly_report
from shopcrm.services.visits import (
    LineDraft,
    PaymentDraft,
    VisitDraft,
    edit_visit,
    record_visit,
    void_visit,
)

D = Decimal


def _run(db_url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _visit(session: Session, member: int | None, amount: str, *pays: tuple[str, str], at=None):
    lines = (LineDraft(item_name="洗剪吹", amount=D(amount)),)
    payments = tuple(PaymentDraft(m, D(a)) for m, a in pays)
    return record_visit(session, VisitDraft(member, lines, payments, at), actor=SYSTEM)


# --- the scenario ---------------------------------------------------------------


@pytest.fixture
def shanghai(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_scenario_in_shanghai_wechat_alipay_principal_and_bonus(db_url, shanghai) -> None:
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        make_shop(s)
        make_member(s)
    engine.dispose()
    month = f"{clock.today():%Y-%m}"  # the shop's local month, in Shanghai
    _run(db_url, "topup", "--member", "13800138000", "500", "--bonus", "100", "--pay", "wechat")
    _run(db_url, "visit", "add", "--member", "13800138000", "--service", "烫发:300", "--pay",
         "stored_value")  # fmt: skip
    _run(db_url, "visit", "add", "--member", "13800138000", "--service", "洗剪吹:100", "--pay",
         "alipay")  # fmt: skip
    data = json.loads(_run(db_url, "report", "--month", month, "--json"))
    received = {m["method"]: m["amount"] for m in data["money_in"]["by_method"]}
    assert received == {"wechat": "500.00", "alipay": "100.00"}
    assert data["money_in"]["total"] == "600.00"
    assert data["revenue"] == {
        "paid": "100.00",
        "stored_value_principal": "250.00",
        "total": "350.00",
        "bonus_used": "50.00",
        "points_used": "0.00",
        "card_uses": "0.00",
    }
    parts = data["stored_value"]["parts"]
    assert (parts["principal"]["closing"], parts["bonus"]["closing"]) == ("250.00", "50.00")
    assert parts["principal"]["added"] == "500.00" and parts["bonus"]["added"] == "100.00"
    assert parts["principal"]["used"] == "250.00" and parts["bonus"]["used"] == "50.00"
    assert data["stored_value"]["closing"] == "300.00"
    today = clock.today().isoformat()
    assert data["money_in"]["by_day"] == [
        {"day": today, "by_method": {"alipay": "100.00", "wechat": "500.00"}, "total": "600.00"}
    ]
    balance = json.loads(_run(db_url, "balance", "--member", "13800138000", "--json"))
    assert (balance["principal"], balance["bonus"]) == ("250.00", "50.00")


# --- figures against raw rows -------------------------------------------------------------


def _busy_october(session: Session) -> dict[str, int]:
    shop = make_shop(session)
    a, b = make_member(session), make_member(session, "李四", "13900139000")
    out = {"a": a, "b": b, **shop}
    with clock.frozen("2026-10-02 10:00"):
        out["top_a"] = wallet.topup(session, a, "1000", bonus="150", method="wechat", actor=SYSTEM).topup_entry_id
        out["top_b"] = wallet.topup(session, b, "300", method="card", actor=SYSTEM).topup_entry_id
    with clock.frozen("2026-10-05 15:00"):
        out["v1"] = _visit(session, a, "333.33", ("stored_value", "333.33"))
        out["v2"] = _visit(session, b, "120", ("stored_value", "100"), ("alipay", "20"))
        out["v3"] = _visit(session, None, "88", ("cash", "88"))
    with clock.frozen("2026-10-09 11:00"):
        out["v4"] = _visit(session, a, "100", ("wechat", "100"))
        out["v5"] = _visit(session, a, "200", ("stored_value", "150"), ("points", "0.5"),
                           ("cash", "49.5"))  # fmt: skip
        wallet.earn_points(session, a, 500, actor=SYSTEM)
        void_visit(session, out["v2"], "wrong member", actor=SYSTEM)
        wallet.refund(session, b, "50", method="cash", reason="moving", actor=SYSTEM)
    with clock.frozen("2026-10-20 19:30"):
        out["v6"] = _visit(session, a, "77.77", ("stored_value", "77.77"))
    with clock.frozen("2026-10-25 18:00"):
        out["top_late"] = wallet.topup(session, b, "200", method="card", actor=SYSTEM).topup_entry_id
    session.flush()
    return out


def _raw(session: Session, sql: str, **params) -> list:
    return session.execute(text(sql), params).all()


def test_month_figures_equal_sums_over_raw_rows(session: Session) -> None:
    _busy_october(session)
    report = monthly_report(session, 2026, 10, "en", actor=SYSTEM)
    # money in by method: the raw ledger rows of the month, internal tenders left out
    raw = dict(
        _raw(
            session,
            "SELECT method, SUM(amount) FROM money_movements WHERE period = '2026-10'"
            " AND method NOT IN ('stored_value', 'points') GROUP BY method",
        )
    )
    got = {m.method: int(m.amount * 100) for m in report.money_in.by_method}
    assert got == {k: int(v) for k, v in raw.items()}  # alipay: paid and reversed, 0
    # ... and from the source rows: ok visits' money tenders + top-ups + refunds
    visits = _raw(
        session,
        "SELECT p.method, SUM(p.amount) FROM visit_payments p JOIN visits v ON v.id = p.visit_id"
        " WHERE v.status = 'ok' AND p.method NOT IN ('stored_value', 'points') GROUP BY p.method",
    )
    wallet_money = _raw(
        session,
        "SELECT payment_method, SUM(paid_amount) FROM wallet_entries"
        " WHERE entry_type IN ('topup', 'refund') GROUP BY payment_method",
    )
    expected: dict[str, int] = {}
    for method, cents in [*visits, *wallet_money]:
        expected[method] = expected.get(method, 0) + int(cents)
    got = {k: v for k, v in got.items() if v}
    assert got == {k: v for k, v in expected.items() if v}
    assert got == {"wechat": 110000, "card": 50000, "cash": 8800 + 4950 - 5000}
    # by day x method adds up to the same totals
    by_day: dict[str, int] = {}
    for day in report.money_in.by_day:
        assert day.total == sum(day.by_method.values())
        for method, amount in day.by_method.items():
            by_day[method] = by_day.get(method, 0) + int(amount * 100)
    assert {k: v for k, v in by_day.items() if v} == got
    day_raw = _raw(
        session,
        "SELECT booked_on, SUM(amount) FROM money_movements WHERE period = '2026-10'"
        " AND method NOT IN ('stored_value', 'points') GROUP BY booked_on ORDER BY booked_on",
    )
    assert [(d.day.isoformat(), int(d.total * 100)) for d in report.money_in.by_day] == [
        (str(day)[:10], int(c)) for day, c in day_raw if c
    ]
    # revenue: ok visits' money tenders + the principal drawn by their stored-value spends
    paid = sum(int(c) for m, c in visits)
    principal_used = _raw(
        session,
        "SELECT -SUM(w.principal), -SUM(w.bonus) FROM wallet_entries w JOIN visits v"
        " ON v.id = w.visit_id WHERE v.status = 'ok' AND w.account = 'stored_value'",
    )[0]
    rev = report.revenue
    assert int(rev.paid * 100) == paid
    assert int(rev.stored_value_principal * 100) == int(principal_used[0])
    assert int(rev.bonus_used * 100) == int(principal_used[1])
    assert rev.total == rev.paid + rev.stored_value_principal
    assert rev.points_used == D("0.50")
    # net sales = revenue + bonus used + points used (the bonus is a discount, not revenue)
    assert report.figures.net_revenue == rev.total + rev.bonus_used + rev.points_used
    # stored value: principal + bonus closing equals the ledger, each part equals its column
    sv = report.stored_value
    principal, bonus = sv.parts["principal"], sv.parts["bonus"]
    ledger_total, p_total, b_total = _raw(
        session,
        "SELECT SUM(amount), SUM(principal), SUM(bonus) FROM wallet_entries"
        " WHERE account = 'stored_value' AND created_at < '2026-11-01'",
    )[0]
    assert int((principal.closing + bonus.closing) * 100) == int(ledger_total)
    assert principal.closing + bonus.closing == sv.closing
    assert (int(principal.closing * 100), int(bonus.closing * 100)) == (p_total, b_total)
    for part in (principal, bonus):
        assert part.closing == (part.opening + part.added - part.used - part.refunded + part.other)
    assert principal.refunded == D("50.00") and bonus.refunded == D("0.00")
    assert wallet.check_ledgers(session) == []
    # the void is listed with its amount, methods, reason and when
    (void,) = report.voids
    assert (void.visit_id, void.amount, void.method, void.reason) == (
        _raw(session, "SELECT id FROM visits WHERE status = 'voided'")[0][0],
        D("120.00"),
        "alipay+stored_value",
        "wrong member",
    )
    assert void.voided_at == datetime(2026, 10, 9, 11, 0)
    assert report.adjustments == []


def test_spend_draws_in_proportion_with_exact_cents(session: Session) -> None:
    member = make_member(session)
    wallet.topup(session, member, "200", bonus="100", actor=SYSTEM)
    entry = wallet.spend(session, member, "100", actor=SYSTEM)
    assert (entry.principal, entry.bonus) == (D("-66.67"), D("-33.33"))
    entry = wallet.spend(session, member, "200", actor=SYSTEM)  # the rest: 133.33 + 66.67
    assert (entry.principal, entry.bonus, entry.balance_after) == (
        D("-133.33"),
        D("-66.67"),
        D("0.00"),
    )
    assert wallet.check_ledgers(session) == []


@given(
    st.integers(0, 10**7), st.integers(0, 10**6), st.integers(1, 10**7)
)  # cents: principal, bonus, draw
def test_split_draw_parts_add_up_and_stay_within_the_card(p, b, d) -> None:
    if d > p + b:
        d = p + b or 1
    principal, bonus = wallet.split_draw(D(d) / 100, D(p) / 100, D(b) / 100)
    assert principal + bonus == D(d) / 100
    assert D(0) <= bonus <= D(b) / 100
    if d <= p + b:
        assert principal <= D(p) / 100 or p + b == 0
    exact = D(d) * D(b) / D(p + b) / 100 if p + b else D(0)
    assert abs(bonus - exact) <= D("0.005") or bonus == D(b) / 100 or d == p + b


# --- closing a month ----------------------------------------------------------------------


def test_closed_month_report_is_byte_identical_and_the_open_month_carries_it(db_url) -> None:
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        ids = _busy_october(s)
    engine.dispose()
    with clock.frozen("2026-11-03 09:00"):
        before = _run(db_url, "report", "--month", "2026-10", "--json")
        _run(db_url, "close-month", "2026-10")
        closed = _run(db_url, "report", "--month", "2026-10", "--json")
        assert json.loads(closed)["closed"] is True
        assert {
            k: v for k, v in json.loads(closed).items() if k not in ("closed", "closed_at")
        } == {k: v for k, v in json.loads(before).items() if k != "closed"}
        _run(db_url, "visit", "void", str(ids["v4"]), "--reason", "entered twice")  # wechat 100
        _run(db_url, "visit", "void", str(ids["v1"]), "--reason", "wrong card")  # stored value
        _run(db_url, "void-topup", str(ids["top_late"]), "--reason", "card terminal error")
        after = _run(db_url, "report", "--month", "2026-10", "--json")
        again = _run(db_url, "report", "--month", "2026-10", "--json")
        assert after == closed and again == closed
        november = json.loads(_run(db_url, "report", "--month", "2026-11", "--json"))
    assert november["closed"] is False
    adjustments = november["adjustments"]
    assert {a["prior_period"] for a in adjustments} == {"2026-10"}
    assert all(a["label"] == "prior-period adjustment (2026-10)" for a in adjustments)
    assert all(a["booked_on"] == "2026-11-03" for a in adjustments)
    by_method = {(a["method"], a["amount"]) for a in adjustments}
    assert by_method == {("wechat", "-100.00"), ("stored_value", "-333.33"), ("card", "-200.00")}
    received = {m["method"]: m["amount"] for m in november["money_in"]["by_method"]}
    assert received == {"wechat": "-100.00", "card": "-200.00"}
    # revenue carries the reversal: wechat 100 + the principal share of the 333.33 spend
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        spent = s.scalar(
            select(WalletEntry.principal).where(
                WalletEntry.visit_id == ids["v1"], WalletEntry.entry_type == "spend"
            )
        )
        # the screens and the workbook read the same frozen figures as report --json
        frozen = monthly_report(s, 2026, 10, "en", actor=SYSTEM)
        assert json.loads(json.dumps(frozen.to_dict(), default=str)) == {
            k: v for k, v in json.loads(closed).items() if k not in ("closed", "closed_at", "bookings")
        }
        assert frozen.revenue.total == D(json.loads(before)["revenue"]["total"])
        assert frozen.voids[0].voided_at == datetime(2026, 10, 9, 11, 0)
        rows = s.scalars(select(MoneyMovement).where(MoneyMovement.period == "2026-10")).all()
        assert all(r.kind != "adjustment" for r in rows)
        audit = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "month")).all()
    engine.dispose()
    assert D(november["revenue"]["total"]) == D("-100.00") + spent
    assert audit == ["close"]


def test_close_rules_and_reopen(session: Session) -> None:
    clerk = __import__("shopcrm.services.auth", fromlist=["Actor"]).Actor(None, "c", "staff")
    with clock.frozen("2026-11-03 09:00"):
        with pytest.raises(ShopError):
            months.close_month(session, 2026, 11, actor=SYSTEM)  # not ended
        with pytest.raises(ShopError):
            months.close_month(session, 2026, 10, actor=clerk)
        months.close_month(session, 2026, 10, actor=SYSTEM)
        with pytest.raises(ShopError):
            months.close_month(session, 2026, 10, actor=SYSTEM)
        member = make_member(session)
        # a visit entered late, dated in the closed month: its money is booked in November
        vid = _visit(session, member, "50", ("cash", "50"), at=datetime(2026, 10, 30, 12))
        row = session.scalar(select(MoneyMovement).where(MoneyMovement.visit_id == vid))
        assert (row.kind, row.period, row.prior_period) == ("adjustment", "2026-11", "2026-10")
        # editing it (a void + a new visit on the same day) adjusts November again
        new_id = edit_visit(
            session,
            vid,
            VisitDraft(
                member,
                (LineDraft(item_name="洗剪吹", amount=D("80")),),
                (PaymentDraft("wechat", D("80")),),
                datetime(2026, 10, 30, 12),
            ),
            "price was 80",
            actor=SYSTEM,
        )
        moves = session.execute(
            select(MoneyMovement.visit_id, MoneyMovement.method, MoneyMovement.amount)
            .where(MoneyMovement.kind == "adjustment", MoneyMovement.period == "2026-11")
            .order_by(MoneyMovement.id)
        ).all()
        assert [tuple(m) for m in moves] == [
            (vid, "cash", D("50.00")),
            (vid, "cash", D("-50.00")),
            (new_id, "wechat", D("80.00")),
        ]
        with pytest.raises(ShopError):
            months.reopen_month(session, 2026, 10, " ", actor=SYSTEM)
        months.reopen_month(session, 2026, 10, "late invoices", actor=SYSTEM)
        assert not months.is_month_closed(session, 2026, 10)
        with pytest.raises(ShopError):
            months.reopen_month(session, 2026, 10, "again", actor=SYSTEM)


# --- payment methods ----------------------------------------------------------------------


def test_payment_methods_add_rename_retire(db_url) -> None:
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        make_member(s)
    engine.dispose()
    listed = json.loads(_run(db_url, "payment-methods", "--json"))
    assert [m["code"] for m in listed] == [
        "cash", "card", "wechat", "alipay", "other", "mobile", "stored_value", "points",
        "package",
    ]  # fmt: skip
    names = {m["code"]: (m["name_zh"], m["name_en"]) for m in listed}
    assert names["wechat"] == ("微信支付", "WeChat Pay") and names["card"][1] == "Bank card"
    assert names["mobile"][1] == "Mobile pay (old)"
    assert "unionpay" in _run(db_url, "payment-method", "add", "云闪付", "--code", "unionpay")
    _run(db_url, "payment-method", "rename", "unionpay", "--en", "UnionPay QR")
    _run(db_url, "topup", "--member", "13800138000", "100", "--pay", "云闪付")
    _run(db_url, "payment-method", "retire", "unionpay")
    result = CliRunner().invoke(
        main, ["--db", db_url, "--lang", "en", "topup", "--member", "13800138000", "100",
               "--pay", "unionpay"],
    )  # fmt: skip
    assert result.exit_code != 0 and "retired" in result.output
    result = CliRunner().invoke(
        main, ["--db", db_url, "--lang", "en", "topup", "--member", "13800138000", "1",
               "--pay", "stored_value"],
    )  # fmt: skip
    assert result.exit_code != 0 and "not money received" in result.output
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        rows = s.execute(select(MoneyMovement.method, MoneyMovement.amount)).all()
        views = {m.code: m for m in methods.list_methods(s)}
    engine.dispose()
    assert rows == [("unionpay", D("100.00"))]
    assert views["unionpay"].name_en == "UnionPay QR" and views["unionpay"].name_zh == "云闪付"
    assert not views["unionpay"].active
    listed = _run(db_url, "payment-methods")
    assert "retired" in listed and "UnionPay QR" in listed


def test_pay_by_chinese_names_in_visit_add(db_url) -> None:
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        make_shop(s)
    engine.dispose()
    _run(db_url, "visit", "add", "--service", "烫发:300", "--pay", "微信:200", "--pay", "支付宝")
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        rows = sorted(s.execute(select(MoneyMovement.method, MoneyMovement.amount)).all())
    engine.dispose()
    assert rows == [("alipay", D("100.00")), ("wechat", D("200.00"))]


# --- refunds, merges ----------------------------------------------------------------------


def test_refund_returns_principal_only_shows_the_formula_and_is_audited(db_url) -> None:
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        member = make_member(s)
        wallet.topup(s, member, "500", bonus="100", method="wechat", actor=SYSTEM)
        wallet.spend(s, member, "300", actor=SYSTEM)  # leaves 250 + 50
    engine.dispose()
    out = _run(db_url, "refund", "--member", "13800138000", "250", "--pay", "wechat",
               "--reason", "moving away")  # fmt: skip
    assert "principal ¥250.00 + bonus ¥50.00" in out and "principal only" in out
    assert "principal ¥0.00 + bonus ¥50.00" in out
    result = CliRunner().invoke(
        main, ["--db", db_url, "--lang", "en", "refund", "--member", "13800138000", "1",
               "--reason", "x"],
    )  # fmt: skip
    assert result.exit_code != 0 and "principal" in result.output
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        moves = s.execute(select(MoneyMovement.kind, MoneyMovement.method, MoneyMovement.amount))
        assert sorted(moves.all()) == [
            ("refund", "wechat", D("-250.00")),
            ("topup", "wechat", D("500.00")),
        ]
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "refund"))
        assert audit.detail["reason"] == "moving away"
    engine.dispose()


def test_merge_moves_principal_and_bonus_apart(session: Session) -> None:
    from shopcrm.services.members import merge_members

    keep, other = make_member(session), make_member(session, "李四", "13900139000")
    wallet.topup(session, keep, "100", bonus="10", actor=SYSTEM)
    wallet.topup(session, other, "200", bonus="50", actor=SYSTEM)
    wallet.spend(session, other, "50", actor=SYSTEM)  # 40 + 10
    merge_members(session, keep, other, actor=SYSTEM)
    b = wallet.balances(session, keep)
    assert (b.stored_value, b.principal, b.bonus) == (D("310.00"), D("260.00"), D("50.00"))
    assert wallet.check_ledgers(session) == []


def test_demo_shop_ledger_ties_to_its_rows(engine) -> None:
    from shopcrm.services.demo import DemoOptions, create_demo_shop

    create_demo_shop(engine, DemoOptions(members=60, seed=7))
    with session_scope(engine) as s:
        assert wallet.check_ledgers(s) == []
        methods_used = set(s.scalars(select(MoneyMovement.method).distinct()))
        assert {"wechat", "alipay", "card"} <= methods_used and "mobile" not in methods_used
        ledger_in = s.scalar(
            select(func.sum(MoneyMovement.amount)).where(
                MoneyMovement.method.not_in(("stored_value", "points", "package"))
            )
        )
        raw = s.execute(
            text(
                "SELECT (SELECT COALESCE(SUM(p.amount), 0) FROM visit_payments p JOIN visits v"
                " ON v.id = p.visit_id WHERE v.status = 'ok'"
                " AND p.method NOT IN ('stored_value', 'points', 'package'))"
                " + (SELECT COALESCE(SUM(paid_amount), 0) FROM wallet_entries"
                " WHERE entry_type = 'topup')"
                # the demo's count cards sold (services/cards/demo.py)
                " + (SELECT COALESCE(SUM(price), 0) FROM member_cards WHERE NOT opening)"
            )
        ).scalar()
        assert int(ledger_in * 100) == int(raw)


def test_member_card_panel_shows_principal_and_bonus(session: Session) -> None:
    from shopcrm.services.counter import member_panel

    member = make_member(session)
    wallet.topup(session, member, "500", bonus="100", method="wechat", actor=SYSTEM)
    _visit(session, member, "300", ("stored_value", "300"))
    panel = member_panel(session, member)
    assert (panel.balances.stored_value, panel.balances.principal, panel.balances.bonus) == (
        D("300.00"),
        D("250.00"),
        D("50.00"),
    )
