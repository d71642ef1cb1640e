"""The month's money figures, read from the money ledger and the wallet's parts.

- money in: real money received or returned (internal tenders left out), by method and by
  day × method; visit payments, top-ups, sales, refunds, reversals and adjustments alike;
- revenue: money paid for visits + the principal share of stored value used; the bonus
  share is `bonus_used` (like a discount) and points paid are `points_used`;
- stored value: principal and bonus each rolled forward over the month;
- voids: the visits voided in the month; adjustments: the prior-period adjustments booked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from ...models import (
    ACCOUNT_STORED_VALUE,
    INTERNAL_METHODS,
    MoneyMovement,
    Staff,
    Visit,
    VisitPayment,
    WalletEntry,
)
from ...models.card import CARD_METHOD
from ...models.money import KIND_ADJUSTMENT
from .ledger import period_of, prior_period_label
from .methods import method_names

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def _money(cents: int | None) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(CENT)


def _cents(column):  # noqa: ANN001, ANN202
    return type_coerce(column, BigInteger)


@dataclass(frozen=True)
class MethodAmount:
    method: str
    label: str
    amount: Decimal
    count: int


@dataclass(frozen=True)
class DayTakings:
    day: date
    by_method: dict[str, Decimal]
    total: Decimal


@dataclass(frozen=True)
class MoneyIn:
    total: Decimal
    by_method: list[MethodAmount]
    by_kind: dict[str, Decimal]
    by_day: list[DayTakings]  # only days with movements


@dataclass(frozen=True)
class Revenue:
    paid: Decimal  # visits' money tenders (cash, bank card, WeChat Pay...)
    stored_value_principal: Decimal  # principal share of stored value used
    total: Decimal  # paid + stored_value_principal + card_uses
    bonus_used: Decimal  # bonus share of stored value used: reported apart, like a discount
    points_used: Decimal  # the value of points paid with
    card_uses: Decimal = ZERO  # the value count-card uses recognised (services/cards)


@dataclass(frozen=True)
class PartRoll:
    """One part of stored value over the month: closing = opening + in - used - refunded
    + other, exactly (`other`: corrections, top-up voids, merges)."""

    opening: Decimal
    added: Decimal
    used: Decimal
    refunded: Decimal
    other: Decimal
    closing: Decimal


@dataclass(frozen=True)
class VoidRow:
    visit_id: int
    visited_at: datetime
    voided_at: datetime | None
    amount: Decimal
    method: str  # the methods paid, joined with "+"
    payments: dict[str, Decimal]
    reason: str
    voided_by: str


@dataclass(frozen=True)
class AdjustmentRow:
    id: int
    booked_on: date
    occurred_at: datetime
    prior_period: str
    label: str
    method: str
    amount: Decimal
    revenue: Decimal  # the revenue effect (principal share for stored value)
    visit_id: int | None
    wallet_entry_id: int | None
    note: str


@dataclass(frozen=True)
class MoneyFigures:
    money_in: MoneyIn
    revenue: Revenue
    principal: PartRoll
    bonus: PartRoll
    voids: list[VoidRow] = field(default_factory=list)
    adjustments: list[AdjustmentRow] = field(default_factory=list)


def money_in(session: Session, period: str, lang: str) -> MoneyIn:
    names = method_names(session, lang)
    real = MoneyMovement.method.not_in(INTERNAL_METHODS)
    rows = session.execute(
        select(
            MoneyMovement.booked_on,
            MoneyMovement.method,
            MoneyMovement.kind,
            func.sum(_cents(MoneyMovement.amount)),
            func.count(),
        )
        .where(MoneyMovement.period == period, real)
        .group_by(MoneyMovement.booked_on, MoneyMovement.method, MoneyMovement.kind)
    ).all()
    by_method: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, int] = defaultdict(int)
    by_day: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, method, kind, cents, n in rows:
        by_method[method][0] += int(cents or 0)
        by_method[method][1] += int(n)
        by_kind[kind] += int(cents or 0)
        by_day[day][method] += int(cents or 0)
    methods = [MethodAmount(m, names.get(m, m), _money(c), n) for m, (c, n) in by_method.items()]
    methods.sort(key=lambda m: (-m.amount, m.method))
    days = [
        DayTakings(
            day,
            {m: _money(c) for m, c in sorted(per.items())},
            _money(sum(per.values())),
        )
        for day, per in sorted(by_day.items())
    ]
    total = sum((m.amount for m in methods), ZERO)
    return MoneyIn(total, methods, {k: _money(v) for k, v in sorted(by_kind.items())}, days)


def revenue(session: Session, period: str) -> Revenue:
    """Visits' movements booked in the month (payments, reversals, adjustments)."""
    paid = principal = bonus = points = card = 0
    for method, amount, bonus_part in session.execute(
        select(
            MoneyMovement.method,
            func.sum(_cents(MoneyMovement.amount)),
            func.sum(_cents(MoneyMovement.bonus_part)),
        )
        .where(MoneyMovement.period == period, MoneyMovement.visit_id.is_not(None))
        .group_by(MoneyMovement.method)
    ):
        amount, bonus_part = int(amount or 0), int(bonus_part or 0)
        if method == "stored_value":
            principal += amount - bonus_part
            bonus += bonus_part
        elif method == "points":
            points += amount
        elif method == CARD_METHOD:
            card += amount
        else:
            paid += amount
    return Revenue(
        _money(paid),
        _money(principal),
        _money(paid + principal + card),
        _money(bonus),
        _money(points),
        _money(card),
    )


def _dt(day: date) -> datetime:
    return datetime.combine(day, time.min)


def stored_value_parts(session: Session, start: date, end: date) -> tuple[PartRoll, PartRoll]:
    """(principal, bonus) rolled forward over [start, end) from the wallet entries' parts."""
    sv = WalletEntry.account == ACCOUNT_STORED_VALUE
    before = session.execute(
        select(func.sum(_cents(WalletEntry.principal)), func.sum(_cents(WalletEntry.bonus))).where(
            sv, WalletEntry.created_at < _dt(start)
        )
    ).one()
    moves = session.execute(
        select(
            WalletEntry.entry_type,
            WalletEntry.visit_id.is_not(None),
            func.sum(_cents(WalletEntry.principal)),
            func.sum(_cents(WalletEntry.bonus)),
        )
        .where(sv, WalletEntry.created_at >= _dt(start), WalletEntry.created_at < _dt(end))
        .group_by(WalletEntry.entry_type, WalletEntry.visit_id.is_not(None))
    ).all()

    def roll(index: int, opening: int) -> PartRoll:
        added = used = refunded = other = 0
        for kind, of_visit, *parts in moves:
            value = int(parts[index] or 0)
            if kind in ("topup", "bonus"):
                added += value
            elif kind == "spend" or (kind == "reversal" and of_visit):
                used -= value
            elif kind == "refund":
                refunded -= value
            else:
                other += value
        closing = opening + added - used - refunded + other
        return PartRoll(
            _money(opening), _money(added), _money(used), _money(refunded), _money(other),
            _money(closing),
        )  # fmt: skip

    return roll(0, int(before[0] or 0)), roll(1, int(before[1] or 0))


def voids(session: Session, start: date, end: date) -> list[VoidRow]:
    """Visits voided in [start, end) (by when they were voided), with their payments."""
    found = session.execute(
        select(
            Visit.id, Visit.visited_at, Visit.voided_at, Visit.total_amount, Visit.void_reason,
            Staff.name,
        )
        .outerjoin(Staff, Staff.id == Visit.voided_by_id)
        .where(
            Visit.status == "voided", Visit.voided_at >= _dt(start), Visit.voided_at < _dt(end)
        )
        .order_by(Visit.voided_at, Visit.id)
    ).all()  # fmt: skip
    pays: dict[int, dict[str, Decimal]] = defaultdict(dict)
    if found:
        for vid, method, amount in session.execute(
            select(VisitPayment.visit_id, VisitPayment.method, VisitPayment.amount)
            .where(VisitPayment.visit_id.in_([r[0] for r in found]))
            .order_by(VisitPayment.visit_id, VisitPayment.method)
        ):
            pays[vid][method] = amount
    return [
        VoidRow(
            vid,
            at,
            voided_at,
            amount,
            "+".join(pays[vid]),
            dict(pays[vid]),
            reason or "",
            who or "",
        )  # fmt: skip
        for vid, at, voided_at, amount, reason, who in found
    ]


def adjustments(session: Session, period: str, lang: str) -> list[AdjustmentRow]:
    rows = session.scalars(
        select(MoneyMovement)
        .where(MoneyMovement.period == period, MoneyMovement.kind == KIND_ADJUSTMENT)
        .order_by(MoneyMovement.booked_on, MoneyMovement.id)
    ).all()
    out = []
    for m in rows:
        effect = ZERO if m.visit_id is None or m.method == "points" else m.amount - m.bonus_part
        out.append(
            AdjustmentRow(
                m.id,
                m.booked_on,
                m.occurred_at,
                m.prior_period or "",
                prior_period_label(m.prior_period or "", lang),
                m.method,
                m.amount,
                effect,
                m.visit_id,
                m.wallet_entry_id,
                m.note,
            )  # fmt: skip
        )
    return out


def money_figures(session: Session, start: date, end: date, lang: str) -> MoneyFigures:
    """Every money figure of the month [start, end) (a calendar month)."""
    period = period_of(start)
    principal, bonus = stored_value_parts(session, start, end)
    return MoneyFigures(
        money_in=money_in(session, period, lang),
        revenue=revenue(session, period),
        principal=principal,
        bonus=bonus,
        voids=voids(session, start, end),
        adjustments=adjustments(session, period, lang),
    )


__all__ = [
    "AdjustmentRow",
    "DayTakings",
    "MethodAmount",
    "MoneyFigures",
    "MoneyIn",
    "PartRoll",
    "Revenue",
    "VoidRow",
    "money_figures",
]
