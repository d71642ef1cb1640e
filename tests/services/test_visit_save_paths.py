"""A visit saved under the counter's write lock (one wallet read, one insert each for the
wallet and the money ledger, the member's figures by one UPDATE) writes exactly what the
entry-by-entry path writes: same wallet rows (principal and bonus split), same money rows,
same member figures; a short balance is refused with nothing written."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from visit_helpers import make_shop

from shopcrm.db import is_sqlite, session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import Member, MoneyMovement, Visit, WalletEntry
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import MemberForm, create_member
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

pytestmark = pytest.mark.usefixtures("frozen_clock")
NOW = datetime(2026, 11, 23, 10, 0)


def _wallet_rows(session, member_id):
    return [
        (e.account, e.seq, e.entry_type, e.amount, e.balance_after, e.principal, e.bonus,
         e.principal_after, e.created_at, e.visit_id is not None)
        for e in session.scalars(
            select(WalletEntry).where(WalletEntry.member_id == member_id)
            .order_by(WalletEntry.account, WalletEntry.seq))
    ]  # fmt: skip


def _money_rows(session, member_id):
    return sorted(
        (m.kind, m.method, m.amount, m.bonus_part, m.booked_on, m.period, m.occurred_at)
        for m in session.scalars(select(MoneyMovement).where(MoneyMovement.member_id == member_id))
    )


def _figures(session, member_id):
    m = session.get(Member, member_id)
    return (m.visit_count, m.lifetime_spend, m.first_visit_on, m.last_visit_on)


def _drafts(ids, member_id):
    lines = (LineDraft(ids["perm"], staff_id=ids["tony"]), LineDraft(ids["cut"]))
    yield VisitDraft(member_id, lines, (PaymentDraft("stored_value", Decimal("468")),),
                     visited_at=NOW - timedelta(days=30))  # fmt: skip
    # stored value, points and cash together, backdated before the first (first_visit_on)
    yield VisitDraft(
        member_id,
        lines,
        (PaymentDraft("stored_value", Decimal("300.01")), PaymentDraft("points", Decimal("5")),
         PaymentDraft("cash", Decimal("162.99"))),
        visited_at=NOW - timedelta(days=60),
    )  # fmt: skip
    yield VisitDraft(member_id, (LineDraft(ids["care"]),),
                     (PaymentDraft("stored_value", Decimal("168.50")),))  # fmt: skip


def test_the_write_lock_path_writes_what_the_entry_by_entry_path_writes(engine):
    if not is_sqlite(engine):
        pytest.skip("BEGIN IMMEDIATE is SQLite's write lock")
    with session_scope(engine, write=True) as s:
        ids = make_shop(s)
        members = [
            create_member(s, MemberForm(name=f"储值{n}", phone=f"1390000000{n}"), actor=SYSTEM)
            for n in range(2)
        ]
        for mid in members:  # principal and bonus, and points to pay with
            wallet.topup(s, mid, Decimal("1000"), bonus=Decimal("250.55"), actor=SYSTEM)
            wallet.earn_points(s, mid, 900, actor=SYSTEM)
    locked, plain = members
    for draft in _drafts(ids, locked):
        with session_scope(engine, write=True) as s:  # the counter's path
            record_visit(s, draft, actor=SYSTEM)
    for draft in _drafts(ids, plain):
        with Session(engine) as s:  # a deferred transaction: append_entry one by one
            record_visit(s, draft, actor=SYSTEM)
            s.commit()
    with Session(engine) as s:
        assert _wallet_rows(s, locked) == _wallet_rows(s, plain)
        assert _money_rows(s, locked) == _money_rows(s, plain)
        assert _figures(s, locked) == _figures(s, plain)
        visits = s.scalars(select(Visit).where(Visit.member_id == locked)).all()
        assert _figures(s, locked) == (
            3,
            sum((v.total_amount for v in visits), Decimal("0")),
            min(v.visited_at for v in visits).date(),
            max(v.visited_at for v in visits).date(),
        )
        assert wallet.check_ledgers(s) == []
        spent = sum(
            -e.amount
            for e in s.scalars(
                select(WalletEntry).where(
                    WalletEntry.member_id == locked, WalletEntry.entry_type == "spend"
                )
            )
        )
        assert spent == Decimal("468") + Decimal("300.01") + Decimal("168.50")
        paid_by_card = sum(
            m.amount
            for m in s.scalars(
                select(MoneyMovement).where(
                    MoneyMovement.member_id == locked, MoneyMovement.method == "stored_value"
                )
            )
        )
        assert paid_by_card == spent  # each spend once on the money ledger, never twice


def test_a_short_balance_is_refused_with_nothing_written(engine):
    if not is_sqlite(engine):
        pytest.skip("BEGIN IMMEDIATE is SQLite's write lock")
    with session_scope(engine, write=True) as s:
        ids = make_shop(s)
        mid = create_member(s, MemberForm(name="余额少", phone="13900000009"), actor=SYSTEM)
        wallet.topup(s, mid, Decimal("100"), bonus=Decimal("0"), actor=SYSTEM)
    draft = VisitDraft(mid, (LineDraft(ids["cut"]),), (PaymentDraft("stored_value", Decimal("88")),
                       PaymentDraft("points", Decimal("0.01"))))  # fmt: skip
    with pytest.raises(ShopError), session_scope(engine, write=True) as s:
        record_visit(s, draft, actor=SYSTEM)  # no points to pay the cent with
    with Session(engine) as s:
        assert s.scalars(select(Visit).where(Visit.member_id == mid)).all() == []
        assert len(_wallet_rows(s, mid)) == 1 and wallet.balances(s, mid).stored_value == 100
        assert [r[0] for r in _money_rows(s, mid)] == ["topup"]
        assert _figures(s, mid)[0] == 0
