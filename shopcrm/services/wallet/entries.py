"""Writing wallet entries: the one place a `WalletEntry` row is made.

Every movement is one `WalletEntry` row, never updated or deleted; a correction is a new
entry (a reversal, a refund, an adjustment with a reason). The balance of an account is the
sum of its entries and is never negative.

Stored value is principal (本金, money paid) plus bonus (赠送). Each entry carries both parts
(`principal + bonus = amount`) and the principal left after it (`principal_after`); the
bonus left is `balance_after - principal_after`. A draw takes both parts in proportion to
the balance at that moment: the bonus part is `draw × bonus / balance` rounded half up to
the cent, the principal takes the remainder (see `split_draw`).

Concurrency: entries of one (member, account) are numbered by `seq` (unique) and carry the
running balance in `balance_after`. A writer reads the last entry, checks the new balance and
inserts seq + 1 inside a SAVEPOINT. When two counters spend from the same balance at once,
both compute the same seq: on PostgreSQL the second insert waits for the first transaction
and then fails on the unique constraint; we re-read the balance once and either succeed or
refuse ("balance ¥120.00 is less than ¥200.00"). On SQLite writers use
``session_scope(write=True)`` (BEGIN IMMEDIATE), so the second one reads after the first
committed and the constraint is the safety net.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Connection, bindparam, insert, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define
from ...models import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, Member, WalletEntry
from ...models.base import CENT
from ..amounts import within_ceiling
from ..auth import Actor
from ..bulk import insert_rows

ACCOUNTS = (ACCOUNT_STORED_VALUE, ACCOUNT_POINTS)
ZERO = Decimal("0.00")

# How a stored-value entry's amount divides into principal and bonus.
PARTS_AUTO = "auto"  # credits: principal; debits: in proportion to the balance
PARTS_PRINCIPAL = "principal"
PARTS_BONUS = "bonus"
PARTS_PROPORTIONAL = "proportional"

E_SHORT = define(
    "wallet.insufficient",
    en="Stored value balance ¥{balance} is less than ¥{amount}.",
    zh="储值余额 ¥{balance} 不足 ¥{amount}。",
)
E_SHORT_POINTS = define(
    "wallet.insufficient_points",
    en="Points balance {balance} is less than {amount} points.",
    zh="积分余额 {balance} 不足 {amount} 分。",
)
E_SHORT_PRINCIPAL = define(
    "wallet.insufficient_principal",
    en="The card holds ¥{balance} of principal (money paid in), less than ¥{amount}.",
    zh="储值中本金仅 ¥{balance}，不足 ¥{amount}。",
)
E_SHORT_BONUS = define(
    "wallet.insufficient_bonus",
    en="The card holds ¥{balance} of bonus, less than ¥{amount}.",
    zh="储值中赠送部分仅 ¥{balance}，不足 ¥{amount}。",
)
E_AMOUNT = define(
    "wallet.amount_invalid",
    en="The amount must be greater than zero (got {amount}).",
    zh="金额必须大于零（输入为 {amount}）。",
)
E_POINTS_WHOLE = define(
    "wallet.points_whole",
    en="Points are whole numbers (got {amount}).",
    zh="积分必须是整数（输入为 {amount}）。",
)
E_REASON = define(
    "wallet.reason_required",
    en="An adjustment needs a reason.",
    zh="调整余额必须填写原因。",
)
E_ACCOUNT = define(
    "wallet.account_invalid",
    en="Unknown account “{account}”.",
    zh="未知账户“{account}”。",
)
E_MEMBER = define(
    "wallet.member_missing",
    en="Member {member_id} does not exist.",
    zh="会员 {member_id} 不存在。",
)
E_BUSY = define(
    "wallet.busy",
    en="Another counter changed this member's balance at the same moment; please try again.",
    zh="另一台前台电脑同时修改了该会员的余额，请重试。",
)


@dataclass(frozen=True)
class Balances:
    member_id: int
    stored_value: Decimal
    points: int
    points_value: Decimal  # what the points are worth when paying, at the current rate
    principal: Decimal = ZERO  # of stored_value: money paid in (本金)
    bonus: Decimal = ZERO  # of stored_value: given by the shop (赠送)


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    seq: int
    account: str
    entry_type: str
    amount: Decimal
    balance_after: Decimal
    created_at: datetime
    visit_id: int | None
    reverses_id: int | None
    paid_amount: Decimal | None
    payment_method: str | None
    reason: str
    staff_id: int | None
    principal: Decimal = ZERO
    bonus: Decimal = ZERO
    principal_after: Decimal = ZERO


def money(value: Decimal) -> str:
    """'1234.50': how amounts appear in messages (the ¥ sign is in the message text)."""
    return f"{Decimal(value).quantize(CENT):,.2f}"


def positive(amount: Decimal | int | str) -> Decimal:
    value = within_ceiling(amount)
    if not value.is_finite() or value <= 0 or value != value.quantize(CENT):
        raise ShopError(E_AMOUNT, amount=str(amount))
    return value


def whole_points(points: Decimal | int | str) -> Decimal:
    value = within_ceiling(points)
    if value <= 0:
        raise ShopError(E_AMOUNT, amount=str(points))
    if value != value.to_integral_value():
        raise ShopError(E_POINTS_WHOLE, amount=str(points))
    return value.to_integral_value()


_MEMBER_EXISTS = select(Member.__table__.c.id).where(
    Member.__table__.c.id == bindparam("member_id")
)


def check_member(session: Session, member_id: int) -> None:
    if session.execute(_MEMBER_EXISTS, {"member_id": member_id}).first() is None:
        raise ShopError(E_MEMBER, member_id=member_id)


def split_draw(draw: Decimal, principal: Decimal, bonus: Decimal) -> tuple[Decimal, Decimal]:
    """(principal part, bonus part) of drawing `draw` from a card holding principal + bonus.

    In proportion to the balance at that moment; the bonus part is rounded half up to the
    cent and the principal takes the remainder, so the parts add up to `draw` exactly and
    neither part goes below zero.
    """
    total = principal + bonus
    if total <= 0 or bonus <= 0:
        return draw, ZERO
    if draw >= total:
        return draw - bonus, bonus
    part = (draw * bonus / total).quantize(CENT, rounding=ROUND_HALF_UP)
    part = max(min(part, bonus), draw - principal, ZERO)
    return draw - part, part


# Built once: the counter reads the last entry on every save (no per-call statement building).
_LAST = (
    select(WalletEntry.seq, WalletEntry.balance_after, WalletEntry.principal_after)
    .where(
        WalletEntry.member_id == bindparam("member_id"),
        WalletEntry.account == bindparam("account"),
    )
    .order_by(WalletEntry.seq.desc())
    .limit(1)
)


def _last(session: Session, member_id: int, account: str) -> tuple[int, Decimal, Decimal]:
    row = session.execute(_LAST, {"member_id": member_id, "account": account}).first()
    return (row[0], row[1], row[2]) if row else (0, ZERO, ZERO)


def _write_locked(session: Session) -> bool:
    """True inside a SQLite transaction begun IMMEDIATE (`session_scope(write=True)`): it
    holds the write lock, so no other writer can take the same `seq` and no SAVEPOINT is
    needed for the retry."""
    conn = session.connection()
    return (
        conn.dialect.name == "sqlite"
        and conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE"
    )


def _short_error(account: str, balance: Decimal, needed: Decimal) -> ShopError:
    if account == ACCOUNT_POINTS:
        return ShopError(E_SHORT_POINTS, balance=int(balance), amount=int(needed))
    return ShopError(E_SHORT, balance=money(balance), amount=money(needed))


def _parts(
    account: str,
    value: Decimal,
    parts: str | tuple[Decimal, Decimal],
    principal: Decimal,
    bonus: Decimal,
) -> tuple[Decimal, Decimal]:
    if account != ACCOUNT_STORED_VALUE:
        return value, ZERO
    if isinstance(parts, tuple):
        return parts
    if parts == PARTS_AUTO:
        parts = PARTS_PRINCIPAL if value >= 0 else PARTS_PROPORTIONAL
    if parts == PARTS_PROPORTIONAL:
        p, b = split_draw(-value, principal, bonus)
        return -p, -b
    have = principal if parts == PARTS_PRINCIPAL else bonus
    if have + value < 0:
        raise ShopError(
            E_SHORT_PRINCIPAL if parts == PARTS_PRINCIPAL else E_SHORT_BONUS,
            balance=money(have),
            amount=money(-value),
        )
    return (value, ZERO) if parts == PARTS_PRINCIPAL else (ZERO, value)


def append_entry(
    session: Session,
    member_id: int,
    account: str,
    entry_type: str,
    amount: Decimal,
    *,
    actor: Actor,
    when: datetime | None = None,
    clamp: bool = False,
    parts: str | tuple[Decimal, Decimal] = PARTS_AUTO,
    **fields: object,
) -> WalletEntry:
    """Append one movement; refuse (or with `clamp`, shrink) one that would go below zero.

    `parts` says how a stored-value amount divides into principal and bonus (see the module
    docstring). Runs in a SAVEPOINT so a lost race on `seq` can be retried once from a fresh
    read. The only function in ShopCRM that creates wallet entries.
    """
    if account not in ACCOUNTS:
        raise ShopError(E_ACCOUNT, account=account)
    for attempt in (1, 2):
        seq, balance, principal = _last(session, member_id, account)
        value = amount
        if balance + value < 0:
            if not clamp:
                raise _short_error(account, balance, -value)
            value = -balance
        p_part, b_part = _parts(account, value, parts, principal, balance - principal)
        entry = WalletEntry(
            member_id=member_id,
            account=account,
            seq=seq + 1,
            entry_type=entry_type,
            amount=value,
            balance_after=balance + value,
            principal=p_part,
            bonus=b_part,
            principal_after=principal + p_part,
            staff_id=actor.staff_id if actor else None,
            created_at=when or clock.now(),
            **fields,
        )
        try:
            if _write_locked(session):  # no race possible: a plain flush, no SAVEPOINT
                session.add(entry)
                session.flush()
            else:
                with session.begin_nested():
                    session.add(entry)
        except IntegrityError:
            if _write_locked(session):
                raise ShopError(E_BUSY) from None  # the safety net; the caller rolls back
            if attempt == 2:
                raise ShopError(E_BUSY) from None
            continue
        return entry
    raise ShopError(E_BUSY)  # pragma: no cover - the loop always returns or raises


# Both accounts' last entries in one statement (each a seek on the unique index).
_LAST_BOTH = union_all(
    *(
        select(WalletEntry.account, WalletEntry.seq, WalletEntry.balance_after,
               WalletEntry.principal_after)
        .where(WalletEntry.member_id == bindparam("member_id"), WalletEntry.account == account)
        .order_by(WalletEntry.seq.desc())
        .limit(1)
        .subquery()
        .select()
        for account in ACCOUNTS
    )
)  # fmt: skip


@dataclass(frozen=True)
class Move:
    """One movement of `append_entries`: `amount` signed (negative draws)."""

    account: str
    entry_type: str
    amount: Decimal


def append_entries(
    session: Session,
    member_id: int,
    moves: list[Move],
    *,
    actor: Actor,
    when: datetime | None = None,
    visit_id: int | None = None,
) -> list[dict[str, object]]:
    """Append several movements of one member in order (a visit's spend, points redeemed
    and earned), each by `append_entry`'s rules (refused below zero; stored value drawn from
    principal and bonus in proportion, credits principal); returns the rows written.

    Inside a SQLite ``BEGIN IMMEDIATE`` transaction (the write lock rules out a race on
    `seq`) the last entries of both accounts are one read and the rows one Core insert;
    elsewhere each goes through `append_entry` (its SAVEPOINT and retry)."""
    created = when or clock.now()
    staff_id = actor.staff_id if actor else None
    if not _write_locked(session):
        rows = []
        for move in moves:
            e = append_entry(
                session, member_id, move.account, move.entry_type, move.amount, actor=actor,
                when=created, visit_id=visit_id,
            )  # fmt: skip
            rows.append({"account": e.account, "amount": e.amount, "principal": e.principal,
                         "bonus": e.bonus})  # fmt: skip
        return rows
    session.flush()  # a Core read: entries added in this session must count
    last = {
        account: (seq, balance, principal)
        for account, seq, balance, principal in session.execute(
            _LAST_BOTH, {"member_id": member_id}
        )
    }
    rows = []
    for move in moves:
        if move.account not in ACCOUNTS:
            raise ShopError(E_ACCOUNT, account=move.account)
        seq, balance, principal = last.get(move.account, (0, ZERO, ZERO))
        if balance + move.amount < 0:
            raise _short_error(move.account, balance, -move.amount)
        p_part, b_part = _parts(
            move.account, move.amount, PARTS_AUTO, principal, balance - principal
        )
        row = {
            "member_id": member_id,
            "account": move.account,
            "seq": seq + 1,
            "entry_type": move.entry_type,
            "amount": move.amount,
            "balance_after": balance + move.amount,
            "principal": p_part,
            "bonus": b_part,
            "principal_after": principal + p_part,
            "staff_id": staff_id,
            "created_at": created,
            "visit_id": visit_id,
            "reason": "",
        }
        last[move.account] = (seq + 1, balance + move.amount, principal + p_part)
        rows.append(row)
    if rows:
        try:
            session.execute(insert(WalletEntry.__table__), rows)
        except IntegrityError:
            raise ShopError(E_BUSY) from None  # the safety net; the caller rolls back
    return rows


def insert_batch(bind: Session | Connection, rows: list[dict[str, object]]) -> int:
    """Insert prepared entries at once (the demo shop's bulk path), parts filled in here.

    `rows` are complete `wallet_entries` rows except principal, bonus and principal_after,
    in seq order per (member, account), for members without earlier entries: bonus entries
    are bonus, other credits principal, debits draw both in proportion (`split_draw`).
    """
    held: dict[tuple[object, str], tuple[Decimal, Decimal]] = {}
    for row in rows:
        account = str(row["account"])
        key = (row["member_id"], account)
        principal, bonus = held.get(key, (ZERO, ZERO))
        amount = Decimal(str(row["amount"]))
        mode = PARTS_BONUS if row["entry_type"] == "bonus" else PARTS_AUTO
        p, b = _parts(account, amount, mode, principal, bonus)
        principal, bonus = principal + p, bonus + b
        held[key] = (principal, bonus)
        row.update(principal=p, bonus=b, principal_after=principal)
    if rows:
        insert_rows(bind, WalletEntry.__table__, rows)
    return len(rows)
