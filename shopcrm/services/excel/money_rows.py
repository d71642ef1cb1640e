"""Streaming row sources for the money sheets: the month's money movements (Payments) and
its stored-value entries (Stored value ledger). Plain tuples in chunks, like rows.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from ...clock import start_of_day
from ...i18n import define, translate
from ...models import ACCOUNT_STORED_VALUE, Member, MoneyMovement, Staff, WalletEntry
from ..amounts import from_cents
from ..money.ledger import prior_period_label
from ..money.methods import method_names
from ..reports.labels import label

CHUNK = 5000

KIND_NAMES = {
    key: define(f"excel.money.kind.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("visit_payment", "Visit payment", "消费收款"),
        ("topup", "Top-up", "充值"),
        ("sale", "Card or package sale", "售卡/套餐"),
        ("refund", "Refund", "退款"),
        ("void_reversal", "Void reversal", "作废冲回"),
        ("adjustment", "Prior-period adjustment", "以前期间调整"),
    )
}
ENTRY_NAMES = {
    key: define(f"excel.money.entry.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("topup", "Top-up", "充值"),
        ("bonus", "Bonus", "赠送"),
        ("spend", "Spend", "消费"),
        ("refund", "Refund", "退款"),
        ("adjust", "Correction", "更正"),
        ("reversal", "Reversal", "冲回"),
        ("merge_in", "Merged in", "合并转入"),
        ("merge_out", "Merged out", "合并转出"),
        ("expire", "Expired", "过期"),
    )
}


def _cents(column):  # noqa: ANN001, ANN202
    return type_coerce(column, BigInteger)


def _names(table: dict[str, str], lang: str) -> dict[str, str]:
    return {k: translate(v, lang) for k, v in table.items()}


def method_words(session: Session, lang: str) -> dict[str, str]:
    """Each method code's name in `lang` (the shop's own names; internal tenders too)."""
    names = method_names(session, lang)
    for code in ("stored_value", "points"):
        names.setdefault(code, label(f"{code}_pay", lang))
    return names


PAYMENT_KEYS = (
    "movement_id",
    "date",
    "time",
    "kind",
    "member_id",
    "member",
    "method",
    "amount",
    "bonus_share",
    "visit_id",
    "wallet_entry_id",
    "staff",
    "booked_month",
    "prior_period",
)


def payment_rows(session: Session, period: str, lang: str) -> Iterator[tuple]:
    """One tuple per money movement booked in `period` ('YYYY-MM'), by day and time.

    The date is the day the movement is booked on (what Daily takings sums by); the time
    is when it happened (an adjustment happens now for a closed month's visit)."""
    kinds, methods = _names(KIND_NAMES, lang), method_words(session, lang)
    walk_in = label("walk_in", lang)
    query = (
        select(
            MoneyMovement.id,
            MoneyMovement.booked_on,
            MoneyMovement.occurred_at,
            MoneyMovement.kind,
            MoneyMovement.member_id,
            Member.name,
            MoneyMovement.method,
            _cents(MoneyMovement.amount),
            _cents(MoneyMovement.bonus_part),
            MoneyMovement.visit_id,
            MoneyMovement.wallet_entry_id,
            Staff.name,
            MoneyMovement.period,
            MoneyMovement.prior_period,
        )
        .outerjoin(Member, Member.id == MoneyMovement.member_id)
        .outerjoin(Staff, Staff.id == MoneyMovement.staff_id)
        .where(MoneyMovement.period == period)
        .order_by(MoneyMovement.booked_on, MoneyMovement.occurred_at, MoneyMovement.id)
        .execution_options(yield_per=CHUNK)
    )
    for (
        mid,
        day,
        at,
        kind,
        member_id,
        member,
        method,
        cents,
        bonus,
        vid,
        wid,
        staff,
        per,
        prior,
    ) in session.execute(query):
        yield (
            mid,
            day,
            at.replace(second=0, microsecond=0),
            prior_period_label(prior, lang) if prior else kinds.get(kind, kind),
            member_id,
            member or (walk_in if vid is not None else ""),
            methods.get(method, method),
            from_cents(cents),
            from_cents(bonus) if bonus else None,
            vid,
            wid,
            staff or "",
            per,
            prior or "",
        )


def opening_parts(session: Session, start: date) -> tuple[Decimal, Decimal]:
    """(principal, bonus) of all stored value held before `start`."""
    principal, bonus = session.execute(
        select(func.sum(_cents(WalletEntry.principal)), func.sum(_cents(WalletEntry.bonus))).where(
            WalletEntry.account == ACCOUNT_STORED_VALUE,
            WalletEntry.created_at < start_of_day(start),
        )
    ).one()
    return from_cents(principal or 0), from_cents(bonus or 0)


STORED_KEYS = (
    "entry_id",
    "date",
    "time",
    "member_id",
    "member",
    "entry_type",
    "method",
    "visit_id",
    "amount",
    "principal",
    "bonus",
    "principal_balance",
    "bonus_balance",
    "member_balance",
)


def stored_value_rows(
    session: Session, start: date, end: date, lang: str, opening: tuple[Decimal, Decimal]
) -> Iterator[tuple]:
    """Every stored-value entry of [start, end) in time order, with the shop's principal and
    bonus balances running from `opening` and the member's own balance after the entry."""
    entries, methods = _names(ENTRY_NAMES, lang), method_words(session, lang)
    principal_c = int(opening[0] * 100)
    bonus_c = int(opening[1] * 100)
    query = (
        select(
            WalletEntry.id,
            WalletEntry.created_at,
            WalletEntry.member_id,
            Member.name,
            WalletEntry.entry_type,
            WalletEntry.payment_method,
            WalletEntry.visit_id,
            _cents(WalletEntry.amount),
            _cents(WalletEntry.principal),
            _cents(WalletEntry.bonus),
            _cents(WalletEntry.balance_after),
        )
        .join(Member, Member.id == WalletEntry.member_id)
        .where(
            WalletEntry.account == ACCOUNT_STORED_VALUE,
            WalletEntry.created_at >= start_of_day(start),
            WalletEntry.created_at < start_of_day(end),
        )
        .order_by(WalletEntry.created_at, WalletEntry.id)
        .execution_options(yield_per=CHUNK)
    )
    for eid, at, member_id, member, kind, method, vid, amount, p, b, after in session.execute(
        query
    ):
        principal_c += int(p or 0)
        bonus_c += int(b or 0)
        yield (
            eid,
            at.date(),
            at.replace(second=0, microsecond=0),
            member_id,
            member,
            entries.get(kind, kind),
            methods.get(method, method) if method else "",
            vid,
            from_cents(amount),
            from_cents(p or 0),
            from_cents(b or 0),
            from_cents(principal_c),
            from_cents(bonus_c),
            from_cents(after),
        )
