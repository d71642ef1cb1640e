"""Reading the wallet: balances (principal and bonus apart), ledgers, checks."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select, union_all
from sqlalchemy.orm import Session

from ...models import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, WalletEntry
from ...models.base import CENT
from .entries import ZERO, Balances, LedgerEntry
from .points import points_rates

_W = WalletEntry.__table__.c


def _last_stmt(account: str) -> Any:
    return (
        select(_W.account, _W.balance_after, _W.principal_after)
        .where(_W.member_id == bindparam("member_id"), _W.account == account)
        .order_by(_W.seq.desc())
        .limit(1)
        .subquery()
    )


# Both accounts' last entries in one statement (each a seek on the (member, account, seq)
# unique index), built once so its compiled form is cached.
_BALANCES = union_all(select(_last_stmt(ACCOUNT_STORED_VALUE)), select(_last_stmt(ACCOUNT_POINTS)))


def _last_rows(session: Session, member_id: int) -> dict[str, tuple[Decimal, Decimal]]:
    session.flush()  # a Core read: entries added in this session must count
    return {
        account: (balance, principal)
        for account, balance, principal in session.execute(_BALANCES, {"member_id": member_id})
    }


def account_balances(session: Session, member_id: int) -> tuple[Decimal, Decimal]:
    """(stored value, points) of a member: the last entries' running balances."""
    found = _last_rows(session, member_id)
    return found.get(ACCOUNT_STORED_VALUE, (ZERO,))[0], found.get(ACCOUNT_POINTS, (ZERO,))[0]


def balances(session: Session, member_id: int, rate: int | None = None) -> Balances:
    """A member's balances; `rate` (points per yuan) when the caller has read it already."""
    found = _last_rows(session, member_id)
    sv, principal = found.get(ACCOUNT_STORED_VALUE, (ZERO, ZERO))
    pts = found.get(ACCOUNT_POINTS, (ZERO, ZERO))[0]
    if rate is None:
        _, rate, _ = points_rates(session)
    value = (pts / rate).quantize(CENT, rounding="ROUND_FLOOR")
    return Balances(member_id, sv, int(pts), value, principal, sv - principal)


def ledger(
    session: Session, member_id: int, account: str = ACCOUNT_STORED_VALUE, limit: int | None = None
) -> list[LedgerEntry]:
    """Entries of one account, newest first."""
    query = (
        select(WalletEntry)
        .where(WalletEntry.member_id == member_id, WalletEntry.account == account)
        .order_by(WalletEntry.seq.desc())
    )
    if limit:
        query = query.limit(limit)
    return [_view(e) for e in session.scalars(query)]


def _view(e: WalletEntry) -> LedgerEntry:
    return LedgerEntry(
        e.id,
        e.seq,
        e.account,
        e.entry_type,
        e.amount,
        e.balance_after,
        e.created_at,
        e.visit_id,
        e.reverses_id,
        e.paid_amount,
        e.payment_method,
        e.reason,
        e.staff_id,
        e.principal,
        e.bonus,
        e.principal_after,
    )


def liability_at(session: Session, when: datetime) -> Decimal:
    """Stored value the shop owed its members at `when` (sum of entries up to then)."""
    total = session.scalar(
        select(func.coalesce(func.sum(WalletEntry.amount), 0)).where(
            WalletEntry.account == ACCOUNT_STORED_VALUE, WalletEntry.created_at <= when
        )
    )
    return Decimal(total or 0).quantize(CENT)


def check_ledgers(session: Session, member_id: int | None = None) -> list[str]:
    """Problems found: running balances that disagree with the sum, gaps in seq, negatives,
    principal + bonus parts that do not add up, a principal or bonus below zero.

    An empty list means every ledger is consistent (used by tests and a health check).
    """
    query = select(WalletEntry).order_by(
        WalletEntry.member_id, WalletEntry.account, WalletEntry.seq
    )
    if member_id is not None:
        query = query.where(WalletEntry.member_id == member_id)
    problems: list[str] = []
    key, running, principal, expected_seq = None, Decimal(0), Decimal(0), 1
    for e in session.scalars(query):
        if (e.member_id, e.account) != key:
            key, running, principal, expected_seq = (e.member_id, e.account), ZERO, ZERO, 1
        running += e.amount
        principal += e.principal
        if e.seq != expected_seq:
            problems.append(f"{key}: seq {e.seq} where {expected_seq} expected")
        if e.balance_after != running:
            problems.append(f"{key}: seq {e.seq} balance_after {e.balance_after} != {running}")
        if running < 0:
            problems.append(f"{key}: seq {e.seq} negative balance {running}")
        if e.principal + e.bonus != e.amount:
            problems.append(f"{key}: seq {e.seq} principal + bonus != amount")
        if e.principal_after != principal:
            problems.append(f"{key}: seq {e.seq} principal_after {e.principal_after}")
        if e.account == ACCOUNT_STORED_VALUE and (principal < 0 or running - principal < 0):
            problems.append(f"{key}: seq {e.seq} negative principal or bonus")
        expected_seq = e.seq + 1
    return problems
