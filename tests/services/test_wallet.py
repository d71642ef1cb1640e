"""Stored value and points ledgers: exact sums, never negative, safe under concurrency."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, WalletEntry
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit, void_visit

CLERK = Actor(staff_id=None, name="clerk", role="staff")


def _sum(session: Session, member_id: int, account: str = ACCOUNT_STORED_VALUE) -> Decimal:
    total = session.scalar(
        select(func.coalesce(func.sum(WalletEntry.amount), 0)).where(
            WalletEntry.member_id == member_id, WalletEntry.account == account
        )
    )
    return Decimal(total)


def test_topup_with_bonus_records_paid_and_bonus_entries(session: Session) -> None:
    member = make_member(session)
    result = wallet.topup(session, member, "1000", bonus="100", method="mobile", actor=SYSTEM)
    assert result.balance == Decimal("1100.00")
    entries = wallet.ledger(session, member)
    assert [(e.entry_type, e.amount, e.balance_after) for e in reversed(entries)] == [
        ("topup", Decimal("1000.00"), Decimal("1000.00")),
        ("bonus", Decimal("100.00"), Decimal("1100.00")),
    ]
    assert entries[-1].paid_amount == Decimal("1000.00")
    assert entries[-1].payment_method == "mobile"
    assert wallet.balances(session, member).stored_value == Decimal("1100.00")


def test_spend_over_balance_is_refused_with_amounts_in_the_message(session: Session) -> None:
    member = make_member(session)
    wallet.topup(session, member, "120", actor=SYSTEM)
    with pytest.raises(ShopError) as err:
        wallet.spend(session, member, "200", actor=SYSTEM)
    assert "¥120.00" in err.value.message("en") and "¥200.00" in err.value.message("en")
    assert "余额 ¥120.00" in err.value.message("zh")
    assert wallet.balances(session, member).stored_value == Decimal("120.00")
    assert len(wallet.ledger(session, member)) == 1


def test_refund_is_owner_only_and_never_more_than_balance(session: Session) -> None:
    member = make_member(session)
    wallet.topup(session, member, "500", bonus="50", actor=SYSTEM)
    with pytest.raises(ShopError):
        wallet.refund(session, member, "100", actor=CLERK)
    with pytest.raises(ShopError):
        wallet.refund(session, member, "550.01", actor=SYSTEM)
    with pytest.raises(ShopError) as err:  # principal only: the ¥50 bonus is not refunded
        wallet.refund(session, member, "550", actor=SYSTEM)
    assert "¥500.00" in err.value.message("en") and "本金" in err.value.message("zh")
    entry = wallet.refund(session, member, "500", cash_back="480", reason="moving away", actor=SYSTEM)
    assert entry.amount == Decimal("-500.00") and entry.paid_amount == Decimal("-480.00")
    after = wallet.balances(session, member)
    assert (after.stored_value, after.principal, after.bonus) == (
        Decimal("50.00"),
        Decimal("0.00"),
        Decimal("50.00"),
    )


def test_adjust_needs_owner_and_reason(session: Session) -> None:
    member = make_member(session)
    with pytest.raises(ShopError):
        wallet.adjust(session, member, ACCOUNT_STORED_VALUE, "50", reason=" ", actor=SYSTEM)
    with pytest.raises(ShopError):
        wallet.adjust(session, member, ACCOUNT_STORED_VALUE, "50", reason="x", actor=CLERK)
    wallet.adjust(session, member, ACCOUNT_STORED_VALUE, "300", reason="opening balance", actor=SYSTEM)
    with pytest.raises(ShopError):
        wallet.adjust(session, member, ACCOUNT_STORED_VALUE, "-300.01", reason="fix", actor=SYSTEM)
    wallet.adjust(session, member, ACCOUNT_POINTS, "40", reason="gift", actor=SYSTEM)
    assert wallet.balances(session, member) == wallet.Balances(
        member, Decimal("300.00"), 40, Decimal("0.40"), Decimal("300.00"), Decimal("0.00")
    )


def test_points_expire_at_most_the_balance(session: Session) -> None:
    member = make_member(session)
    wallet.earn_points(session, member, 30, actor=SYSTEM)
    wallet.redeem_points(session, member, 10, actor=SYSTEM)
    entry = wallet.expire_points(session, member, 100, reason="year end", actor=SYSTEM)
    assert entry.amount == Decimal("-20")
    assert wallet.balances(session, member).points == 0
    with pytest.raises(ShopError):
        wallet.earn_points(session, member, Decimal("1.5"), actor=SYSTEM)


def test_liability_at_a_moment(session: Session) -> None:
    a, b = make_member(session), make_member(session, "李四", "13900139000")
    wallet.topup(session, a, "1000", bonus="100", actor=SYSTEM)
    wallet.topup(session, b, "200", actor=SYSTEM)
    wallet.spend(session, a, "300", actor=SYSTEM)
    now = clock.now() + timedelta(hours=24)
    assert wallet.liability_at(session, now) == Decimal("1000.00")
    assert wallet.liability_at(session, datetime(2000, 1, 1)) == Decimal("0.00")


def test_lost_seq_race_is_retried_from_a_fresh_balance(session: Session, monkeypatch) -> None:
    """Simulate another counter that wrote seq N+1 between our read and our insert."""
    member = make_member(session)
    wallet.topup(session, member, "300", actor=SYSTEM)
    from shopcrm.services.wallet import entries

    real_last = entries._last
    calls = {"n": 0}

    def stale_then_fresh(sess, member_id, account):
        calls["n"] += 1
        if calls["n"] == 1:
            seq, bal, principal = real_last(sess, member_id, account)
            # the other counter spends 250 right now
            sess.add(
                WalletEntry(
                    member_id=member_id,
                    account=account,
                    seq=seq + 1,
                    entry_type="spend",
                    amount=Decimal("-250"),
                    balance_after=bal - 250,
                    principal=Decimal("-250"),
                    principal_after=principal - 250,
                )
            )
            sess.flush()
            return seq, bal, principal  # what we had read before
        return real_last(sess, member_id, account)

    monkeypatch.setattr(entries, "_last", stale_then_fresh)
    with pytest.raises(ShopError) as err:
        wallet.spend(session, member, "200", actor=SYSTEM)
    assert err.value.msg_id == "wallet.insufficient"
    assert calls["n"] == 2
    monkeypatch.setattr(entries, "_last", real_last)
    assert wallet.balances(session, member).stored_value == Decimal("50.00")
    assert wallet.check_ledgers(session) == []


def test_concurrent_double_spend_lets_one_through(engine) -> None:
    """Two counters (threads, own connections) spend 200 from a balance of 300 at once."""
    with session_scope(engine, write=True) as s:
        member = make_member(s)
        wallet.topup(s, member, "300", actor=SYSTEM)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def counter() -> None:
        try:
            barrier.wait(timeout=10)
            with session_scope(engine, write=True) as s:
                wallet.spend(s, member, "200", actor=SYSTEM)
                # hold the transaction a moment so the other one has to wait or collide
                threading.Event().wait(0.2)
            outcomes.append("ok")
        except ShopError as exc:
            outcomes.append(exc.msg_id)

    threads = [threading.Thread(target=counter) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["ok", "wallet.insufficient"]
    with session_scope(engine) as s:
        assert wallet.balances(s, member).stored_value == Decimal("100.00")
        assert wallet.check_ledgers(s) == []


def test_concurrent_visits_paid_by_stored_value(engine) -> None:
    """The same race through record_visit: one visit lands, the other is refused whole."""
    with session_scope(engine, write=True) as s:
        shop = make_shop(s)
        member = make_member(s)
        wallet.topup(s, member, "100", actor=SYSTEM)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def counter() -> None:
        draft = VisitDraft(
            member,
            (LineDraft(service_id=shop["cut"]),),
            (PaymentDraft("stored_value", Decimal("88")),),
        )
        try:
            barrier.wait(timeout=10)
            with session_scope(engine, write=True) as s:
                record_visit(s, draft, actor=SYSTEM)
                threading.Event().wait(0.2)
            outcomes.append("ok")
        except ShopError as exc:
            outcomes.append(exc.msg_id)

    threads = [threading.Thread(target=counter) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["ok", "wallet.insufficient"]
    with session_scope(engine) as s:
        assert wallet.balances(s, member).stored_value == Decimal("12.00")
        from shopcrm.models import Visit

        assert s.scalar(select(func.count()).select_from(Visit)) == 1


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("topup"), st.integers(1, 500), st.integers(0, 50)),
        st.tuples(st.just("spend"), st.integers(1, 400), st.just(0)),
        st.tuples(st.just("refund"), st.integers(1, 400), st.just(0)),
        st.tuples(st.just("visit"), st.integers(1, 300), st.integers(0, 300)),
        st.tuples(st.just("void"), st.integers(0, 10), st.just(0)),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_balance_is_ledger_sum_and_never_negative(engine, ops) -> None:
    with session_scope(engine, write=True) as s:
        member = make_member(s, phone=None)
        model_balance = Decimal(0)
        visits: list[tuple[int, Decimal]] = []
        for kind, a, b in ops:
            amount = Decimal(a)
            before = len(wallet.ledger(s, member))
            try:
                if kind == "topup":
                    wallet.topup(s, member, amount, bonus=b, actor=SYSTEM)
                    model_balance += amount + b
                elif kind == "spend":
                    wallet.spend(s, member, amount, actor=SYSTEM)
                    model_balance -= amount
                elif kind == "refund":
                    wallet.refund(s, member, amount, actor=SYSTEM)
                    model_balance -= amount
                elif kind == "visit":
                    sv = min(Decimal(b), amount)
                    pays = [PaymentDraft("stored_value", sv)] if sv else []
                    if amount - sv:
                        pays.append(PaymentDraft("cash", amount - sv))
                    vid = record_visit(
                        s,
                        VisitDraft(member, (LineDraft(item_name="x", amount=amount),), tuple(pays)),
                        actor=SYSTEM,
                    )
                    visits.append((vid, sv))
                    model_balance -= sv
                elif kind == "void" and visits:
                    vid, sv = visits.pop(a % len(visits))
                    void_visit(s, vid, "test", actor=SYSTEM)
                    model_balance += sv
            except ShopError as exc:
                # a refund returns principal only: refused beyond the principal held
                allowed = ("wallet.insufficient",) + (
                    ("wallet.insufficient_principal",) if kind == "refund" else ()
                )
                assert exc.msg_id in allowed
                assert len(wallet.ledger(s, member)) == before  # a refusal changes nothing
            balance = wallet.balances(s, member).stored_value
            assert balance == model_balance >= 0
            assert balance == _sum(s, member)
            assert wallet.check_ledgers(s, member) == []
