"""The member's wallet: append-only ledgers for stored value (储值) and points (积分).

Every movement is one `WalletEntry` row, never updated or deleted; a correction is a new
entry (a reversal, a refund, an adjustment with a reason). The balance of an account is the
sum of its entries and is never negative.

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
from decimal import ROUND_CEILING, Decimal
from typing import Any

from sqlalchemy import bindparam, func, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import clock
from ..i18n import ShopError, define
from ..models import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, PAYMENT_METHODS, Member, WalletEntry
from ..models.base import CENT
from . import audit
from .amounts import within_ceiling
from .auth import Actor, require_owner
from .settings import get_settings

ACCOUNTS = (ACCOUNT_STORED_VALUE, ACCOUNT_POINTS)

# Settings (defaults live here, see BRIEF): points earned per whole yuan, points per yuan
# when paying with points, and whether money paid from stored value earns points.
SETTING_POINTS_PER_YUAN = "points.per_yuan"
SETTING_POINTS_REDEEM_RATE = "points.redeem_per_yuan"
SETTING_EARN_ON_STORED_VALUE = "points.earn_on_stored_value"
DEFAULT_POINTS_PER_YUAN = 1
DEFAULT_POINTS_REDEEM_RATE = 100  # 100 points = ¥1
DEFAULT_EARN_ON_STORED_VALUE = True

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
E_METHOD = define(
    "wallet.method_invalid",
    en="Unknown payment method “{method}” (use cash, card or mobile).",
    zh="未知的付款方式“{method}”（可用：现金 cash、刷卡 card、扫码 mobile）。",
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
    zh="另一台收银同时修改了该会员的余额，请重试。",
)

TILL_METHODS = ("cash", "card", "mobile")


@dataclass(frozen=True)
class Balances:
    member_id: int
    stored_value: Decimal
    points: int
    points_value: Decimal  # what the points are worth when paying, at the current rate


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


@dataclass(frozen=True)
class TopupResult:
    topup_entry_id: int
    bonus_entry_id: int | None
    balance: Decimal


def money(value: Decimal) -> str:
    """'1234.50': how amounts appear in messages (the ¥ sign is in the message text)."""
    return f"{Decimal(value).quantize(CENT):,.2f}"


def _positive(amount: Decimal | int | str) -> Decimal:
    value = within_ceiling(amount)
    if value <= 0 or value != value.quantize(CENT):
        raise ShopError(E_AMOUNT, amount=str(amount))
    return value


def _whole_points(points: Decimal | int | str) -> Decimal:
    value = within_ceiling(points)
    if value <= 0:
        raise ShopError(E_AMOUNT, amount=str(points))
    if value != value.to_integral_value():
        raise ShopError(E_POINTS_WHOLE, amount=str(points))
    return value.to_integral_value()


_MEMBER_EXISTS = select(Member.__table__.c.id).where(
    Member.__table__.c.id == bindparam("member_id")
)


def _check_member(session: Session, member_id: int) -> None:
    if session.execute(_MEMBER_EXISTS, {"member_id": member_id}).first() is None:
        raise ShopError(E_MEMBER, member_id=member_id)


def _last(session: Session, member_id: int, account: str) -> tuple[int, Decimal]:
    row = session.execute(
        select(WalletEntry.seq, WalletEntry.balance_after)
        .where(WalletEntry.member_id == member_id, WalletEntry.account == account)
        .order_by(WalletEntry.seq.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, Decimal("0.00"))


def _short_error(account: str, balance: Decimal, needed: Decimal) -> ShopError:
    if account == ACCOUNT_POINTS:
        return ShopError(E_SHORT_POINTS, balance=int(balance), amount=int(needed))
    return ShopError(E_SHORT, balance=money(balance), amount=money(needed))


def append_entry(
    session: Session,
    member_id: int,
    account: str,
    entry_type: str,
    amount: Decimal,
    *,
    actor: Actor | None = None,
    when: datetime | None = None,
    clamp: bool = False,
    **fields: object,
) -> WalletEntry:
    """Append one movement; refuse (or with `clamp`, shrink) one that would go below zero.

    Runs in a SAVEPOINT so a lost race on `seq` can be retried once from a fresh read.
    """
    if account not in ACCOUNTS:
        raise ShopError(E_ACCOUNT, account=account)
    for attempt in (1, 2):
        seq, balance = _last(session, member_id, account)
        value = amount
        if balance + value < 0:
            if not clamp:
                raise _short_error(account, balance, -value)
            value = -balance
        entry = WalletEntry(
            member_id=member_id,
            account=account,
            seq=seq + 1,
            entry_type=entry_type,
            amount=value,
            balance_after=balance + value,
            staff_id=actor.staff_id if actor else None,
            created_at=when or clock.now(),
            **fields,
        )
        try:
            with session.begin_nested():
                session.add(entry)
        except IntegrityError:
            if attempt == 2:
                raise ShopError(E_BUSY) from None
            continue
        return entry
    raise ShopError(E_BUSY)  # pragma: no cover - the loop always returns or raises


# --- stored value -------------------------------------------------------------------------


def topup(
    session: Session,
    member_id: int,
    amount: Decimal | int | str,
    *,
    bonus: Decimal | int | str = 0,
    method: str = "cash",
    reason: str = "",
    actor: Actor | None = None,
) -> TopupResult:
    """A top-up: `amount` paid by `method` goes on the card, plus an optional bonus entry."""
    paid = _positive(amount)
    extra = within_ceiling(bonus or 0)
    if extra:
        extra = _positive(extra)
    if method not in TILL_METHODS:
        raise ShopError(E_METHOD, method=method)
    _check_member(session, member_id)
    bonus_entry = None
    with session.begin_nested():
        main = append_entry(
            session,
            member_id,
            ACCOUNT_STORED_VALUE,
            "topup",
            paid,
            actor=actor,
            paid_amount=paid,
            payment_method=method,
            reason=reason,
        )
        if extra:
            bonus_entry = append_entry(
                session, member_id, ACCOUNT_STORED_VALUE, "bonus", extra, actor=actor, reason=reason
            )
    audit.record(
        session, actor, "wallet", member_id, "topup", amount=paid, bonus=extra, method=method
    )
    last = bonus_entry or main
    return TopupResult(main.id, bonus_entry.id if bonus_entry else None, last.balance_after)


def spend(
    session: Session,
    member_id: int,
    amount: Decimal | int | str,
    *,
    visit_id: int | None = None,
    reason: str = "",
    actor: Actor | None = None,
    when: datetime | None = None,
) -> WalletEntry:
    """Spend stored value (a visit paid by card); refused when the balance is short."""
    value = _positive(amount)
    _check_member(session, member_id)
    return append_entry(
        session,
        member_id,
        ACCOUNT_STORED_VALUE,
        "spend",
        -value,
        actor=actor,
        when=when,
        visit_id=visit_id,
        reason=reason,
    )


def refund(
    session: Session,
    member_id: int,
    amount: Decimal | int | str,
    *,
    cash_back: Decimal | int | str | None = None,
    method: str = "cash",
    reason: str = "",
    actor: Actor | None = None,
) -> WalletEntry:
    """Take `amount` off the card and give `cash_back` (default: the same) to the member.

    Owner-only: money leaves the till. Never more than the balance. `cash_back` may be less
    than `amount` when the shop keeps the bonus part of a top-up.
    """
    require_owner(actor, "refund")
    value = _positive(amount)
    back = value if cash_back is None else within_ceiling(cash_back)
    if back < 0 or back > value or back != back.quantize(CENT):
        raise ShopError(E_AMOUNT, amount=str(cash_back))
    if method not in TILL_METHODS:
        raise ShopError(E_METHOD, method=method)
    _check_member(session, member_id)
    entry = append_entry(
        session,
        member_id,
        ACCOUNT_STORED_VALUE,
        "refund",
        -value,
        actor=actor,
        paid_amount=-back,
        payment_method=method,
        reason=reason,
    )
    audit.record(
        session,
        actor,
        "wallet",
        member_id,
        "refund",
        amount=value,
        cash_back=back,
        method=method,
        reason=reason,
    )
    return entry


def adjust(
    session: Session,
    member_id: int,
    account: str,
    amount: Decimal | int | str,
    *,
    reason: str,
    actor: Actor | None = None,
) -> WalletEntry:
    """Owner-only correction by a signed amount, with a mandatory reason."""
    require_owner(actor, "adjust balance")
    if not (reason or "").strip():
        raise ShopError(E_REASON)
    value = within_ceiling(amount)
    if value == 0 or value != value.quantize(CENT):
        raise ShopError(E_AMOUNT, amount=str(amount))
    if account == ACCOUNT_POINTS and value != value.to_integral_value():
        raise ShopError(E_POINTS_WHOLE, amount=str(amount))
    _check_member(session, member_id)
    entry = append_entry(
        session, member_id, account, "adjust", value, actor=actor, reason=reason.strip()
    )
    audit.record(
        session,
        actor,
        "wallet",
        member_id,
        "adjust",
        account=account,
        amount=value,
        reason=reason.strip(),
    )
    return entry


# --- points -------------------------------------------------------------------------------


def points_rates(session: Session) -> tuple[int, int, bool]:
    """(points earned per whole yuan, points per yuan when paying, earn on stored value)."""
    values = get_settings(
        session,
        {
            SETTING_POINTS_PER_YUAN: DEFAULT_POINTS_PER_YUAN,
            SETTING_POINTS_REDEEM_RATE: DEFAULT_POINTS_REDEEM_RATE,
            SETTING_EARN_ON_STORED_VALUE: None,
        },
    )
    per_yuan = int(values[SETTING_POINTS_PER_YUAN])
    redeem = int(values[SETTING_POINTS_REDEEM_RATE])
    on_sv = values[SETTING_EARN_ON_STORED_VALUE]
    return per_yuan, max(redeem, 1), DEFAULT_EARN_ON_STORED_VALUE if on_sv is None else bool(on_sv)


E_POINTS_RATE = define(
    "wallet.points_rate",
    en="Points per yuan must be a whole number from {low} to {high} (got {value}).",
    zh="每元积分须为 {low} 到 {high} 之间的整数（输入为 {value}）。",
)


def set_points_rates(
    session: Session,
    per_yuan: int,
    redeem_per_yuan: int,
    earn_on_stored_value: bool,
    *,
    actor: Actor | None = None,
) -> dict[str, object]:
    """Change the points rule (owner-only, audited); returns the settings that changed.

    `per_yuan` 0..100 (0: no points are earned), `redeem_per_yuan` 1..100000 points pay ¥1.
    """
    from .auth import PERM_SETTINGS_CHANGE, require_permission
    from .settings import change_setting

    require_permission(actor, PERM_SETTINGS_CHANGE)
    for value, low, high in ((per_yuan, 0, 100), (redeem_per_yuan, 1, 100_000)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ShopError(E_POINTS_RATE, low=low, high=high, value=value)
    before = points_rates(session)
    wanted = (per_yuan, redeem_per_yuan, bool(earn_on_stored_value))
    keys = (SETTING_POINTS_PER_YUAN, SETTING_POINTS_REDEEM_RATE, SETTING_EARN_ON_STORED_VALUE)
    changed: dict[str, object] = {}
    for key, old, new in zip(keys, before, wanted, strict=True):
        if old != new:
            change_setting(session, key, new, actor)
            changed[key] = new
    return changed


def points_for_payment(session: Session, amount: Decimal) -> int:
    """Points needed to pay `amount` yuan, rounded up to a whole point."""
    _, rate, _ = points_rates(session)
    return int((Decimal(amount) * rate).to_integral_value(rounding=ROUND_CEILING))


def earn_points(
    session: Session,
    member_id: int,
    points: int | Decimal,
    *,
    visit_id: int | None = None,
    reason: str = "",
    actor: Actor | None = None,
    when: datetime | None = None,
) -> WalletEntry:
    value = _whole_points(points)
    return append_entry(
        session,
        member_id,
        ACCOUNT_POINTS,
        "earn",
        value,
        actor=actor,
        when=when,
        visit_id=visit_id,
        reason=reason,
    )


def redeem_points(
    session: Session,
    member_id: int,
    points: int | Decimal,
    *,
    visit_id: int | None = None,
    reason: str = "",
    actor: Actor | None = None,
    when: datetime | None = None,
) -> WalletEntry:
    value = _whole_points(points)
    return append_entry(
        session,
        member_id,
        ACCOUNT_POINTS,
        "redeem",
        -value,
        actor=actor,
        when=when,
        visit_id=visit_id,
        reason=reason,
    )


def expire_points(
    session: Session,
    member_id: int,
    points: int | Decimal,
    *,
    reason: str = "",
    actor: Actor | None = None,
) -> WalletEntry:
    """Expire points (at most the balance: expiring more than is held expires what is held)."""
    value = _whole_points(points)
    entry = append_entry(
        session, member_id, ACCOUNT_POINTS, "expire", -value, actor=actor, reason=reason, clamp=True
    )
    audit.record(session, actor, "wallet", member_id, "expire_points", points=-entry.amount)
    return entry


def reverse_visit_entries(
    session: Session, visit_id: int, *, actor: Actor | None = None
) -> list[WalletEntry]:
    """Reverse every wallet movement of a visit (used when the visit is voided).

    Stored value spent comes back in full. Points earned are taken back as far as the
    member still holds them (the balance never goes negative; the shortfall is noted in the
    reason); points redeemed come back in full.
    """
    originals = session.scalars(
        select(WalletEntry)
        .where(WalletEntry.visit_id == visit_id, WalletEntry.entry_type != "reversal")
        .order_by(WalletEntry.id)
    ).all()
    done = set(
        session.scalars(
            select(WalletEntry.reverses_id).where(
                WalletEntry.visit_id == visit_id, WalletEntry.entry_type == "reversal"
            )
        ).all()
    )
    # Credits back first, so points redeemed return before points earned are taken back.
    originals = sorted((e for e in originals if e.id not in done), key=lambda e: e.amount)
    reversals = []
    for original in originals:
        entry = append_entry(
            session,
            original.member_id,
            original.account,
            "reversal",
            -original.amount,
            actor=actor,
            visit_id=visit_id,
            reverses_id=original.id,
            clamp=True,
        )
        if entry.amount != -original.amount:
            entry.reason = f"short {int(-original.amount - entry.amount)}"
        reversals.append(entry)
    return reversals


# --- reading ------------------------------------------------------------------------------


_W = WalletEntry.__table__.c


def _last_stmt(account: str) -> Any:
    return (
        select(_W.account, _W.balance_after)
        .where(_W.member_id == bindparam("member_id"), _W.account == account)
        .order_by(_W.seq.desc())
        .limit(1)
        .subquery()
    )


# Both accounts' last entries in one statement (each a seek on the (member, account, seq)
# unique index), built once so its compiled form is cached.
_BALANCES = union_all(select(_last_stmt(ACCOUNT_STORED_VALUE)), select(_last_stmt(ACCOUNT_POINTS)))


def account_balances(session: Session, member_id: int) -> tuple[Decimal, Decimal]:
    """(stored value, points) of a member: the last entries' running balances."""
    session.flush()  # a Core read: entries added in this session must count
    found = dict(session.execute(_BALANCES, {"member_id": member_id}).all())
    zero = Decimal("0.00")
    return found.get(ACCOUNT_STORED_VALUE, zero), found.get(ACCOUNT_POINTS, zero)


def balances(session: Session, member_id: int, rate: int | None = None) -> Balances:
    """A member's balances; `rate` (points per yuan) when the caller has read it already."""
    sv, pts = account_balances(session, member_id)
    if rate is None:
        _, rate, _ = points_rates(session)
    value = (pts / rate).quantize(CENT, rounding="ROUND_FLOOR")
    return Balances(member_id, sv, int(pts), value)


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
    """Problems found: running balances that disagree with the sum, gaps in seq, negatives.

    An empty list means every ledger is consistent (used by tests and a health check).
    """
    query = select(WalletEntry).order_by(
        WalletEntry.member_id, WalletEntry.account, WalletEntry.seq
    )
    if member_id is not None:
        query = query.where(WalletEntry.member_id == member_id)
    problems: list[str] = []
    key, running, expected_seq = None, Decimal(0), 1
    for e in session.scalars(query):
        if (e.member_id, e.account) != key:
            key, running, expected_seq = (e.member_id, e.account), Decimal(0), 1
        running += e.amount
        if e.seq != expected_seq:
            problems.append(f"{key}: seq {e.seq} where {expected_seq} expected")
        if e.balance_after != running:
            problems.append(f"{key}: seq {e.seq} balance_after {e.balance_after} != {running}")
        if running < 0:
            problems.append(f"{key}: seq {e.seq} negative balance {running}")
        expected_seq = e.seq + 1
    return problems


__all__ = [
    "ACCOUNTS",
    "Balances",
    "LedgerEntry",
    "PAYMENT_METHODS",
    "TILL_METHODS",
    "TopupResult",
    "adjust",
    "append_entry",
    "balances",
    "check_ledgers",
    "earn_points",
    "expire_points",
    "ledger",
    "liability_at",
    "money",
    "points_for_payment",
    "points_rates",
    "set_points_rates",
    "redeem_points",
    "refund",
    "reverse_visit_entries",
    "spend",
    "topup",
]
