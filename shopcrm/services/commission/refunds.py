"""A stored-value refund takes back top-up commission, in proportion, in its own month.

The wallet does not tie a refund to a top-up, so the ledger links them by one stated rule:
a refund returns the member's **latest** top-ups first (last in, first out), each top-up
only as far as earlier refunds have not already returned it, top-ups voided before the
refund left out. The money returned (the refund's cash back, not the principal taken off
the card) over the top-up's money paid is the share of that top-up's commission taken
back, per person, rounded to the cent (half up), in the month of the refund. A top-up
voided after a refund drew on it takes back only the rest (`refunded_before`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import ACCOUNT_STORED_VALUE, MoneyMovement, WalletEntry
from ...models.base import CENT
from ...models.commission import RULE_TOPUP
from ...models.money import KIND_TOPUP
from .money import ZERO
from .sources import _void_times, bounds


@dataclass(frozen=True)
class Returned:
    """`amount` of top-up `movement_id`'s money given back by refund `entry_id`."""

    entry_id: int
    at: datetime
    movement_id: int
    paid: Decimal  # the top-up's money paid (its commission base)
    amount: Decimal


def _refunds(session: Session, member_ids: set[int] | None, until: datetime) -> list:  # noqa: ANN401
    query = select(
        WalletEntry.id, WalletEntry.member_id, WalletEntry.created_at, WalletEntry.paid_amount
    ).where(
        WalletEntry.account == ACCOUNT_STORED_VALUE,
        WalletEntry.entry_type == "refund",
        WalletEntry.paid_amount < 0,
        WalletEntry.created_at < until,
    )
    if member_ids is not None:
        query = query.where(WalletEntry.member_id.in_(member_ids))
    # sorted here, not by ORDER BY: ordering in SQL made SQLite walk the created_at index
    # over every wallet entry of all time (14 s at 1,000,000 visits) instead of seeking the
    # refunds through ix_wallet_entries_parts (account, created_at, ..., entry_type)
    return sorted(session.execute(query), key=lambda row: (row.created_at, row.id))


def returned(session: Session, member_ids: set[int], until: datetime) -> list[Returned]:
    """Every refund of these members before `until`, spread over their top-ups (LIFO)."""
    refunds = _refunds(session, member_ids, until)
    if not refunds:
        return []
    topups: dict[int, list] = defaultdict(list)
    for row in session.execute(
        select(
            MoneyMovement.id,
            MoneyMovement.member_id,
            MoneyMovement.occurred_at,
            MoneyMovement.amount,
            MoneyMovement.bonus_part,
            MoneyMovement.wallet_entry_id,
        )
        .where(MoneyMovement.kind == KIND_TOPUP, MoneyMovement.member_id.in_(member_ids))
        .order_by(MoneyMovement.occurred_at, MoneyMovement.id)
    ):
        topups[row.member_id].append(row)
    voids = _void_times(
        session,
        {t.wallet_entry_id: t.member_id for ts in topups.values() for t in ts if t.wallet_entry_id},
    )
    left = {t.id: t.amount - t.bonus_part for ts in topups.values() for t in ts}
    out: list[Returned] = []
    for entry_id, member_id, at, paid_amount in refunds:
        back = -paid_amount
        for t in reversed(topups[member_id]):
            if back <= 0:
                break
            voided = voids.get(t.wallet_entry_id) if t.wallet_entry_id else None
            if t.occurred_at > at or (voided is not None and voided <= at) or left[t.id] <= 0:
                continue
            part = min(back, left[t.id])
            left[t.id] -= part
            back -= part
            out.append(Returned(entry_id, at, t.id, t.amount - t.bonus_part, part))
    return out


def refund_takebacks(session: Session, period: str, own_earnings) -> list:  # noqa: ANN001
    """The top-up commission the refunds of `period` take back (Earning rows, reversal)."""
    start, end = bounds(period)
    members = {m for _, m, at, _ in _refunds(session, None, end) if at >= start}
    if not members:
        return []
    here = [r for r in returned(session, members, end) if r.at >= start]
    if not here:
        return []
    booked = dict(
        session.execute(
            select(MoneyMovement.id, MoneyMovement.period).where(
                MoneyMovement.id.in_({r.movement_id for r in here})
            )
        ).all()
    )
    earned: dict[str, dict[int, list]] = {}
    out = []
    for r in here:
        month = booked[r.movement_id]
        if month not in earned:
            earned[month] = defaultdict(list)
            for e in own_earnings(session, month):
                if e.kind == RULE_TOPUP:
                    earned[month][e.ref_id].append(e)
        for e in earned[month].get(r.movement_id, []):
            share = r.amount / r.paid if r.paid else ZERO
            back = (e.commission * share).quantize(CENT, rounding=ROUND_HALF_UP)
            out.append(
                replace(e, period=period, at=r.at, base=-r.amount, commission=-back, reversal=True)
            )
    return out


def refunded_before(session: Session, movement_id: int, member_id: int, when: datetime) -> Decimal:
    """How much of a top-up's money refunds before `when` gave back (a later void of it
    takes back only the rest)."""
    return sum(
        (r.amount for r in returned(session, {member_id}, when) if r.movement_id == movement_id),
        ZERO,
    )


__all__ = ["Returned", "refund_takebacks", "refunded_before", "returned"]
