"""Stored value (储值): top-ups, spends, refunds (principal only), corrections, transfers.

Money that comes in or goes out (a top-up, a refund, a top-up voided) is also posted on the
money ledger (`services.money.ledger`), in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, WalletEntry
from ...models.base import CENT
from ...models.money import KIND_REFUND, KIND_TOPUP, KIND_VOID_REVERSAL
from .. import audit, levels
from ..amounts import within_ceiling
from ..auth import Actor, explicit_actor, require_owner
from ..money import ledger
from ..money.methods import usable_method
from ..staff import usable_staff
from .entries import (
    E_AMOUNT,
    E_POINTS_WHOLE,
    E_REASON,
    PARTS_BONUS,
    PARTS_PRINCIPAL,
    ZERO,
    append_entry,
    check_member,
    positive,
)

SELLER_ACTOR = "actor"  # `topup(seller_id=...)`: the logged-in person sold it

E_TOPUP_MISSING = define(
    "wallet.topup_missing",
    en="No top-up with entry id {id}.",
    zh="没有编号为 {id} 的充值记录。",
)
E_TOPUP_DONE = define(
    "wallet.topup_reversed",
    en="Top-up {id} was already reversed.",
    zh="充值记录 {id} 已作废。",
)


@dataclass(frozen=True)
class TopupResult:
    topup_entry_id: int
    bonus_entry_id: int | None
    balance: Decimal
    bonus: Decimal = ZERO  # the bonus given (by the caller or the offer)
    offer_id: int | None = None  # the top-up offer applied, if any
    new_level: str | None = None  # the level the top-up raised the member to, if any


@dataclass(frozen=True)
class RefundQuote:
    """What a refund would do, shown before confirming: principal only, never the bonus."""

    principal: Decimal  # held now
    bonus: Decimal  # held now, not refundable
    refundable: Decimal  # = principal


def topup(
    session: Session,
    member_id: int,
    amount: Decimal | int | str,
    *,
    bonus: Decimal | int | str | None = None,
    method: str = "cash",
    reason: str = "",
    actor: Actor,
    seller_id: int | None | str = SELLER_ACTOR,
) -> TopupResult:
    """A top-up: `amount` paid by `method` is principal, plus an optional bonus entry.

    `seller_id`: who sold it (the money movement's `staff_id`, paid commission on it):
    a staff id, None for nobody, or `SELLER_ACTOR` (default) for the logged-in person.

    With `bonus=None` the best top-up offer reached gives the bonus (and maybe a level);
    a bonus given by the caller (0 included) replaces the offer. The top-up may then raise
    the member's level by its rule (from the next sale on).
    """
    paid = positive(amount)
    offer = levels.best_offer(session, paid) if bonus is None else None
    extra = offer.bonus if offer is not None else within_ceiling(bonus or 0)
    if extra:
        extra = positive(extra)
    usable_method(session, method, till=True)
    check_member(session, member_id)
    seller = explicit_actor(actor).staff_id if seller_id == SELLER_ACTOR else seller_id
    if isinstance(seller, int):
        usable_staff(session, seller)
    bonus_entry = None
    with session.begin_nested():
        main = append_entry(
            session,
            member_id,
            ACCOUNT_STORED_VALUE,
            "topup",
            paid,
            actor=actor,
            parts=PARTS_PRINCIPAL,
            paid_amount=paid,
            payment_method=method,
            reason=reason,
        )
        if extra:
            bonus_entry = append_entry(
                session,
                member_id,
                ACCOUNT_STORED_VALUE,
                "bonus",
                extra,
                actor=actor,
                parts=PARTS_BONUS,
                reason=reason,
            )
        session.flush()
        movement = ledger.post(
            session,
            KIND_TOPUP,
            method,
            paid,
            when=main.created_at,
            member_id=member_id,
            wallet_entry_id=main.id,
            actor=actor,
            staff_id=seller if isinstance(seller, int) else None,
        )
        movement.staff_id = seller if isinstance(seller, int) else None
    audit.record(
        session,
        actor,
        "wallet",
        member_id,
        "topup",
        amount=paid,
        bonus=extra,
        method=method,
        offer_id=offer.id if offer else None,
    )
    new_level = None
    if offer is not None and offer.level_id is not None:
        new_level = levels.offer_upgrade(
            session, member_id, offer.level_id, paid, extra, actor=actor
        )
    new_level = levels.after_topup(session, member_id, paid, actor=actor) or new_level
    last = bonus_entry or main
    return TopupResult(
        main.id,
        bonus_entry.id if bonus_entry else None,
        last.balance_after,
        extra or ZERO,
        offer.id if offer else None,
        new_level,
    )


def spend(
    session: Session,
    member_id: int,
    amount: Decimal | int | str,
    *,
    visit_id: int | None = None,
    reason: str = "",
    actor: Actor,
    when: datetime | None = None,
) -> WalletEntry:
    """Spend stored value (a visit paid by card); refused when the balance is short.

    Draws principal and bonus in proportion to the balance (the entry carries both parts).
    """
    value = positive(amount)
    check_member(session, member_id)
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


def refund_quote(session: Session, member_id: int) -> RefundQuote:
    from .reading import balances

    b = balances(session, member_id, rate=1)
    return RefundQuote(b.principal, b.bonus, b.principal)


def refund(
    session: Session,
    member_id: int,
    amount: Decimal | int | str,
    *,
    cash_back: Decimal | int | str | None = None,
    method: str = "cash",
    reason: str = "",
    actor: Actor,
) -> WalletEntry:
    """Take `amount` of principal off the card and give `cash_back` (default: the same).

    Owner-only, audited: money leaves the till. A refund returns principal only: never more
    than the principal held; the bonus is not money the member paid and stays on the card.
    """
    require_owner(actor, "refund")
    value = positive(amount)
    back = value if cash_back is None else within_ceiling(cash_back)
    if back < 0 or back > value or back != back.quantize(CENT):
        raise ShopError(E_AMOUNT, amount=str(cash_back))
    usable_method(session, method, till=True)
    check_member(session, member_id)
    with session.begin_nested():
        entry = append_entry(
            session,
            member_id,
            ACCOUNT_STORED_VALUE,
            "refund",
            -value,
            actor=actor,
            parts=PARTS_PRINCIPAL,
            paid_amount=-back,
            payment_method=method,
            reason=reason,
        )
        session.flush()
        if back:
            ledger.post(
                session,
                KIND_REFUND,
                method,
                -back,
                when=entry.created_at,
                member_id=member_id,
                wallet_entry_id=entry.id,
                actor=actor,
                note=reason,
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
        principal_after=entry.principal_after,
        bonus_after=entry.balance_after - entry.principal_after,
    )
    levels.after_reversal(session, member_id, actor=actor)
    return entry


def void_topup(
    session: Session, entry_id: int, *, reason: str, actor: Actor
) -> list[WalletEntry]:
    """Reverse a top-up taken by mistake (owner, audited): its principal and its bonus come
    off the card and the money goes back. A top-up of a closed month is corrected by an
    adjustment in the open month (the money ledger's rule)."""
    require_owner(actor, "void a top-up")
    if not (reason or "").strip():
        raise ShopError(E_REASON)
    original = session.get(WalletEntry, entry_id)
    if original is None or original.entry_type != "topup":
        raise ShopError(E_TOPUP_MISSING, id=entry_id)
    done = session.scalar(
        select(func.count()).select_from(WalletEntry).where(WalletEntry.reverses_id == entry_id)
    )
    if done:
        raise ShopError(E_TOPUP_DONE, id=entry_id)
    bonus = session.scalar(
        select(WalletEntry).where(
            WalletEntry.member_id == original.member_id,
            WalletEntry.account == ACCOUNT_STORED_VALUE,
            WalletEntry.seq == original.seq + 1,
            WalletEntry.entry_type == "bonus",
        )
    )
    out = []
    with session.begin_nested():
        for e, mode in ((bonus, PARTS_BONUS), (original, PARTS_PRINCIPAL)):
            if e is None:
                continue
            out.append(
                append_entry(
                    session,
                    e.member_id,
                    ACCOUNT_STORED_VALUE,
                    "reversal",
                    -e.amount,
                    actor=actor,
                    parts=mode,
                    reverses_id=e.id,
                    reason=reason.strip(),
                )
            )
        session.flush()
        ledger.post(
            session,
            KIND_VOID_REVERSAL,
            original.payment_method or "cash",
            -(original.paid_amount or original.amount),
            booked_on=original.created_at.date(),
            member_id=original.member_id,
            wallet_entry_id=out[-1].id,
            actor=actor,
            note=reason.strip(),
        )
    audit.record(
        session, actor, "wallet", original.member_id, "void_topup", entry_id=entry_id,
        amount=original.amount, reason=reason.strip(),
    )  # fmt: skip
    levels.after_reversal(session, original.member_id, actor=actor)
    return out


def adjust(
    session: Session,
    member_id: int,
    account: str,
    amount: Decimal | int | str,
    *,
    reason: str,
    part: str = PARTS_PRINCIPAL,
    actor: Actor,
) -> WalletEntry:
    """Owner-only correction by a signed amount, with a mandatory reason.

    A stored-value correction moves the principal unless `part` is "bonus".
    """
    require_owner(actor, "adjust balance")
    if not (reason or "").strip():
        raise ShopError(E_REASON)
    value = within_ceiling(amount)
    if value == 0 or value != value.quantize(CENT):
        raise ShopError(E_AMOUNT, amount=str(amount))
    if account == ACCOUNT_POINTS and value != value.to_integral_value():
        raise ShopError(E_POINTS_WHOLE, amount=str(amount))
    check_member(session, member_id)
    mode = PARTS_BONUS if part == PARTS_BONUS else PARTS_PRINCIPAL
    entry = append_entry(
        session, member_id, account, "adjust", value, actor=actor, parts=mode, reason=reason.strip()
    )
    audit.record(
        session,
        actor,
        "wallet",
        member_id,
        "adjust",
        account=account,
        amount=value,
        part=mode,
        reason=reason.strip(),
    )
    return entry


def transfer_balances(
    session: Session, from_id: int, to_id: int, *, actor: Actor
) -> dict[str, Decimal]:
    """Move every non-zero balance of `from_id` to `to_id` (a member merge): a merge_out and
    a merge_in entry per account, principal and bonus kept apart. Returns what moved."""
    from .entries import _last

    moved: dict[str, Decimal] = {}
    for account in (ACCOUNT_STORED_VALUE, ACCOUNT_POINTS):
        _seq, balance, principal = _last(session, from_id, account)
        if balance == 0:
            continue
        parts = (principal, balance - principal) if account == ACCOUNT_STORED_VALUE else None
        out_parts = (-parts[0], -parts[1]) if parts else "auto"
        append_entry(
            session, from_id, account, "merge_out", -balance, actor=actor,
            parts=out_parts, reason=f"merged into #{to_id}",
        )  # fmt: skip
        append_entry(
            session, to_id, account, "merge_in", balance, actor=actor,
            parts=parts or "auto", reason=f"merged from #{from_id}",
        )  # fmt: skip
        moved[account] = balance
    session.flush()
    return moved


__all__ = [
    "SELLER_ACTOR",
    "RefundQuote",
    "TopupResult",
    "ZERO",
    "adjust",
    "refund",
    "refund_quote",
    "spend",
    "topup",
    "transfer_balances",
    "void_topup",
]
