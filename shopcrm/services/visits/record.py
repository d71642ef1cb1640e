"""Recording, voiding and editing visits.

A visit and its wallet movements are written in the caller's transaction: stored value is
spent and points are redeemed and earned together with the visit, or not at all. A void
never deletes: the visit stays, marked voided with reason, who and when, and its wallet
movements are reversed by new 'reversal' entries. An edit is a void plus a new visit whose
`replaces_id` points at the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ... import clock
from ...i18n import ShopError, define
from ...models import (
    MEMBER_ERASED,
    MEMBER_MERGED,
    VISIT_OK,
    VISIT_VOIDED,
    Member,
    MoneyMovement,
    Service,
    Staff,
    Visit,
    VisitLine,
    VisitPayment,
)
from ...models.base import CENT
from ...models.money import KIND_VISIT_PAYMENT, KIND_VOID_REVERSAL
from ...models.wallet import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE
from .. import audit, levels, wallet
from ..amounts import E_CEILING, AmountError, amount_text, within_ceiling
from ..auth import Actor, require_owner
from ..cards import uses as card_uses
from ..catalog import usable_service
from ..commission.lines import write_line_extras
from ..money import ledger
from ..money.methods import usable_method
from ..staff import usable_staff
from ..wallet.entries import ZERO, positive, whole_points
from .level_lines import after_sale, level_override
from .stats import add_visit_to_stats, refresh_member_stats

# One visit's payment may cover many lines, each up to amounts.MAX_AMOUNT.
MAX_PAYMENT = Decimal("10000000")

# Staff may void a visit within this time of recording it; older visits need the owner.
STAFF_VOID_WINDOW = timedelta(hours=24)

E_NO_LINES = define(
    "visits.no_lines", en="A visit needs at least one line.", zh="消费记录至少需要一项。"
)
E_ITEM_NAME = define(
    "visits.item_name",
    en="Line {line}: a free-text item needs a name.",
    zh="第 {line} 项：自定义项目必须填写名称。",
)
E_QUANTITY = define(
    "visits.quantity",
    en="Line {line}: quantity must be 1 or more.",
    zh="第 {line} 项：数量必须至少为 1。",
)
E_LINE_MONEY = define(
    "visits.line_money",
    en="Line {line}: “{value}” is not a valid amount (≥ 0, at most two decimals).",
    zh="第 {line} 项：“{value}”不是有效金额（不小于 0，最多两位小数）。",
)
E_LINE_SUM = define(
    "visits.line_sum",
    en="Line {line}: {quantity} × ¥{unit} − discount ¥{discount} is not ¥{amount}.",
    zh="第 {line} 项：{quantity} × ¥{unit} − 优惠 ¥{discount} 不等于 ¥{amount}。",
)
E_LINE_ABOVE = define(
    "visits.line_above_price",
    en="Line {line}: amount ¥{amount} is above {quantity} × ¥{unit}; change the price instead.",
    zh="第 {line} 项：金额 ¥{amount} 高于 {quantity} × ¥{unit}，请直接修改单价。",
)
E_PAY_METHOD = define(
    "visits.pay_method", en="Unknown payment method “{method}”.", zh="未知的付款方式“{method}”。"
)
E_PAY_AMOUNT = define(
    "visits.pay_amount",
    en="Payment by {method}: “{amount}” is not a valid amount.",
    zh="{method}付款：“{amount}”不是有效金额。",
)
E_PAY_MISMATCH = define(
    "visits.pay_mismatch",
    en="Payments add up to ¥{paid} but the visit total is ¥{total} (difference ¥{diff}).",
    zh="付款合计 ¥{paid}，消费合计 ¥{total}，相差 ¥{diff}。",
)
E_WALLET_WALKIN = define(
    "visits.wallet_walkin",
    en="A walk-in customer cannot pay by stored value or points; choose a member first.",
    zh="散客不能使用储值或积分付款，请先选择会员。",
)
E_MEMBER = define(
    "visits.member_invalid",
    en="Member {member_id} cannot be used ({status}).",
    zh="会员 {member_id} 无法使用（{status}）。",
)
E_SATISFACTION = define(
    "visits.satisfaction", en="Satisfaction is a score from 1 to 5.", zh="满意度为 1 到 5 分。"
)
E_PARTY = define(
    "visits.party_size", en="Party size must be 1 or more.", zh="就餐人数必须至少为 1。"
)
E_NOT_FOUND = define(
    "visits.not_found", en="No visit with id {id}.", zh="没有编号为 {id} 的消费记录。"
)
E_ALREADY_VOID = define(
    "visits.already_void", en="Visit {id} is already voided.", zh="消费记录 {id} 已作废。"
)
E_VOID_REASON = define(
    "visits.void_reason", en="Voiding a visit needs a reason.", zh="作废消费记录必须填写原因。"
)
E_CHANGED = define(
    "visits.changed",
    en="Visit {id} was changed on another counter; reload it and try again.",
    zh="消费记录 {id} 已在另一台电脑上被修改，请刷新后重试。",
)


@dataclass(frozen=True)
class LineDraft:
    """One line of a new visit: a catalogue service or a free-text item.

    Prices default to the service's list price. Give `amount` to charge a different total
    (the difference below quantity × unit price is the discount), or `discount`.
    """

    service_id: int | None = None
    item_name: str = ""
    quantity: int = 1
    unit_price: Decimal | None = None
    discount: Decimal | None = None
    amount: Decimal | None = None
    staff_id: int | None = None
    # With a member at a level, a line without amount/discount is priced at the level;
    # giving either overrides the level's price, which needs a reason (audited).
    override_reason: str = ""
    # Paid with a count card (services/cards): `card_id`, or the member's first card for the
    # service when `use_card` is set without one. One use per unit of quantity.
    use_card: bool = False
    card_id: int | None = None
    # Commission: 指定 (True) or 轮牌 (False); None takes it from the member's preferred
    # stylist. `split`: ((staff_id, share or None), ...) when several people did the line
    # (shares sum to 1, or all None for equal); staff_id is then the first of them.
    designated: bool | None = None
    split: tuple[tuple[int, Decimal | None], ...] = ()


@dataclass(frozen=True)
class PaymentDraft:
    method: str  # a payment method's code (services.money.methods)
    amount: Decimal


@dataclass(frozen=True)
class VisitDraft:
    member_id: int | None  # None: a walk-in
    lines: tuple[LineDraft, ...]
    payments: tuple[PaymentDraft, ...] = ()
    visited_at: datetime | None = None  # shop's local time; default now
    note: str = ""
    satisfaction: int | None = None
    complaint: str = ""
    party_size: int | None = None
    table_no: str = ""  # a restaurant's table (quick bills)


@dataclass
class _Priced:
    service_id: int | None
    item_name: str
    quantity: int
    unit_price: Decimal
    discount: Decimal
    amount: Decimal
    staff_id: int | None
    discount_rate: Decimal | None = None
    override_reason: str = ""
    level_amount: Decimal | None = None


@dataclass
class _Totals:
    lines: list[_Priced] = field(default_factory=list)
    total_list: Decimal = Decimal("0.00")
    total_discount: Decimal = Decimal("0.00")
    total_amount: Decimal = Decimal("0.00")
    pricing: levels.MemberPricing | None = None  # the member's level, read once
    cards: card_uses.CardPlan | None = None  # the lines' card uses

    @property
    def card_total(self) -> Decimal:
        return self.cards.total if self.cards is not None else Decimal("0.00")


def _money(value: object, line: int) -> Decimal:
    try:
        amount = within_ceiling(value)
    except AmountError as exc:
        if exc.msg_id == E_CEILING:
            raise
        raise ShopError(E_LINE_MONEY, line=line, value=str(value)) from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(CENT):
        raise ShopError(E_LINE_MONEY, line=line, value=str(value))
    return amount.quantize(CENT)


def _price_line(
    session: Session, n: int, d: LineDraft, pricing: levels.MemberPricing | None = None
) -> _Priced:
    if not isinstance(d.quantity, int) or d.quantity < 1:
        raise ShopError(E_QUANTITY, line=n)
    name = (d.item_name or "").strip()
    list_price: Decimal | None = None
    rate: Decimal | None = None
    if d.service_id is not None:
        service = usable_service(session, d.service_id)
        name = name or service.name
        list_price = service.list_price
        rate = pricing.rate_for(service) if pricing is not None else None
    elif not name:
        raise ShopError(E_ITEM_NAME, line=n)
    if d.staff_id is not None:
        usable_staff(session, d.staff_id)
    amount = None if d.amount is None else _money(d.amount, n)
    discount = None if d.discount is None else _money(d.discount, n)
    explicit_unit = d.unit_price is not None
    if explicit_unit:
        unit = _money(d.unit_price, n)
    elif list_price is not None:
        unit = list_price
    elif amount is not None:
        unit = ((amount + (discount or 0)) / d.quantity).quantize(CENT, rounding=ROUND_CEILING)
    else:
        unit = Decimal("0.00")
    gross = unit * d.quantity
    if rate is not None and amount is None and discount is None:
        amount = levels.apply_rate(gross, rate)
        return _Priced(
            d.service_id, name[:120], d.quantity, unit, gross - amount, amount, d.staff_id, rate
        )
    if amount is not None and discount is None:
        if amount > gross:
            if explicit_unit:
                raise ShopError(
                    E_LINE_ABOVE,
                    line=n,
                    amount=amount_text(amount),
                    quantity=d.quantity,
                    unit=amount_text(unit),
                )
            unit = (amount / d.quantity).quantize(CENT, rounding=ROUND_CEILING)
            gross = unit * d.quantity
        discount = gross - amount
    discount = discount or Decimal("0.00")
    if amount is None:
        amount = gross - discount
    if amount < 0 or gross - discount != amount:
        raise ShopError(
            E_LINE_SUM,
            line=n,
            quantity=d.quantity,
            unit=amount_text(unit),
            discount=amount_text(discount),
            amount=amount_text(amount),
        )
    priced = _Priced(d.service_id, name[:120], d.quantity, unit, discount, amount, d.staff_id)
    if rate is not None and pricing is not None:
        return level_override(n, d.override_reason, priced, rate, pricing)
    return priced


# Built once (the compiled form is cached): the lines' services or staff by id.
_PRELOAD = {
    model: select(model).where(model.id.in_(bindparam("ids", expanding=True)))
    for model in (Service, Staff)
}


# The save's inserts, built once (the column defaults apply as in `insert(...).values()`).
_INSERT_VISIT = insert(Visit.__table__)
_INSERT_LINES = insert(VisitLine.__table__)
_INSERT_PAYMENTS = insert(VisitPayment.__table__)
_INSERT_MOVEMENTS = insert(MoneyMovement.__table__)


def _preload(session: Session, model: Any, ids: set[int | None]) -> list[Any]:
    wanted = sorted(i for i in ids if i is not None)
    if len(wanted) < 2:
        return []
    return list(session.scalars(_PRELOAD[model], {"ids": wanted}))


def price_lines(
    session: Session,
    lines: tuple[LineDraft, ...] | list[LineDraft],
    member_id: int | None = None,
    *,
    card_member_id: int | None = None,
    when: datetime | None = None,
) -> _Totals:
    """Validate and price the lines (what the visit dialog shows as the total), at the
    member's level when a member is given. Card lines draw on the cards of
    `card_member_id` (default `member_id`) as of `when` (default now)."""
    if not lines:
        raise ShopError(E_NO_LINES)
    # One query each for the lines' services and staff; the per-line checks below then
    # find them in the session (kept referenced here so the identity map holds them).
    held = _preload(session, Service, {d.service_id for d in lines})
    held += _preload(session, Staff, {d.staff_id for d in lines})
    totals = _Totals()
    pricing = totals.pricing = levels.member_pricing(session, member_id)
    day = (when or clock.now()).date()
    totals.cards = card_uses.CardPlan(session, card_member_id or member_id, day)
    for n, draft in enumerate(lines, start=1):
        if draft.use_card or draft.card_id is not None:
            priced = _card_line(session, n, draft, totals.cards)
        else:
            priced = _price_line(session, n, draft, pricing)
        totals.lines.append(priced)
        totals.total_list += priced.unit_price * priced.quantity
        totals.total_discount += priced.discount
        totals.total_amount += priced.amount
    return totals


def _card_line(session: Session, n: int, d: LineDraft, plan: card_uses.CardPlan) -> _Priced:
    """A line paid with card uses: its amount is the value the uses recognise."""
    if not isinstance(d.quantity, int) or d.quantity < 1:
        raise ShopError(E_QUANTITY, line=n)
    if d.staff_id is not None:
        usable_staff(session, d.staff_id)
    unit, discount, amount = plan.price(n, d.service_id, d.quantity, d.card_id)
    name = (d.item_name or "").strip() or usable_service(session, d.service_id).name
    return _Priced(d.service_id, name[:120], d.quantity, unit, discount, amount, d.staff_id)


def _payments(session: Session, draft: VisitDraft, total: Decimal) -> dict[str, Decimal]:
    merged: dict[str, Decimal] = {}
    card_uses.check_payment_methods({p.method for p in draft.payments})
    for p in draft.payments:
        if p.method not in merged:
            usable_method(session, p.method)
        try:
            amount = within_ceiling(p.amount, ceiling=MAX_PAYMENT)
        except AmountError as exc:
            if exc.msg_id == E_CEILING:
                raise
            raise ShopError(E_PAY_AMOUNT, method=p.method, amount=str(p.amount)) from None
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
            raise ShopError(E_PAY_AMOUNT, method=p.method, amount=str(p.amount))
        merged[p.method] = merged.get(p.method, Decimal("0.00")) + amount
    paid = sum(merged.values(), Decimal("0.00"))
    if paid != total:
        raise ShopError(
            E_PAY_MISMATCH,
            paid=amount_text(paid),
            total=amount_text(total),
            diff=amount_text(abs(total - paid)),
        )
    if draft.member_id is None and ({"stored_value", "points"} & merged.keys()):
        raise ShopError(E_WALLET_WALKIN)
    return merged


def points_earned(
    session: Session, payments: dict[str, Decimal], rates: tuple[int, int, bool] | None = None
) -> int:
    """Points a member earns for a visit paid this way (see docs/visits-and-wallet.md).

    `points.per_yuan` points per whole yuan of the amount not paid by points; money paid
    from stored value counts unless `points.earn_on_stored_value` is false. `rates`:
    `wallet.points_rates` when the caller has read them.
    """
    per_yuan, _, on_stored_value = rates or wallet.points_rates(session)
    base = sum(
        (
            amount
            for method, amount in payments.items()
            if method != "points" and (on_stored_value or method != "stored_value")
        ),
        Decimal("0"),
    )
    return int(base.to_integral_value(rounding=ROUND_FLOOR)) * max(per_yuan, 0)


_MEMBER_STATUS = select(Member.__table__.c.status, Member.__table__.c.level_id).where(
    Member.__table__.c.id == bindparam("member_id")
)


def _check_member(session: Session, member_id: int | None) -> int | None:
    """Refuse a merged, erased or missing member; returns the member's level id."""
    if member_id is None:
        return None
    row = session.execute(_MEMBER_STATUS, {"member_id": member_id}).first()
    status = row.status if row is not None else None
    if status is None or status in (MEMBER_MERGED, MEMBER_ERASED):
        raise ShopError(E_MEMBER, member_id=member_id, status=status or "missing")
    return row.level_id


def record_visit(
    session: Session,
    draft: VisitDraft,
    *,
    actor: Actor,
    replaces_id: int | None = None,
) -> int:
    """Write a visit with its lines, payments and wallet movements; returns the visit id.

    All or nothing (a SAVEPOINT): a refusal, e.g. a stored value balance too small,
    leaves the caller's transaction as it was.
    """
    with session.begin_nested():
        return _record(session, draft, actor, replaces_id)


def _record(
    session: Session, draft: VisitDraft, actor: Actor, replaces_id: int | None
) -> int:
    level_id = _check_member(session, draft.member_id)
    if draft.satisfaction is not None and draft.satisfaction not in range(1, 6):
        raise ShopError(E_SATISFACTION)
    if draft.party_size is not None and draft.party_size < 1:
        raise ShopError(E_PARTY)
    visited_at = draft.visited_at or clock.now().replace(microsecond=0)
    # a member without a level pays list price: no pricing to read
    totals = price_lines(
        session,
        draft.lines,
        draft.member_id if level_id else None,
        card_member_id=draft.member_id,
        when=visited_at,
    )
    payments = _payments(session, draft, totals.total_amount - totals.card_total)
    if totals.card_total:  # the card lines' value, an internal tender (not money in)
        payments[card_uses.CARD_METHOD] = totals.card_total
    pricing = totals.pricing
    # Core inserts (one statement per table, no ORM objects to track): a visit is written
    # once here and read back by id; the column defaults (times, version) apply as usual.
    visit_id = session.execute(
        _INSERT_VISIT,
        {
            "member_id": draft.member_id,
            "visited_at": visited_at,
            "total_list": totals.total_list,
            "total_discount": totals.total_discount,
            "total_amount": totals.total_amount,
            "status": VISIT_OK,
            "note": draft.note or "",
            "satisfaction": draft.satisfaction,
            "complaint": draft.complaint or "",
            "party_size": draft.party_size,
            "table_no": (draft.table_no or "").strip()[:20] or None,
            "created_by_id": actor.staff_id if actor else None,
            "replaces_id": replaces_id,
        },
    ).inserted_primary_key[0]
    session.execute(
        _INSERT_LINES,
        [
            {
                "visit_id": visit_id,
                "line_no": n,
                "service_id": p.service_id,
                "item_name": p.item_name,
                "quantity": p.quantity,
                "unit_price": p.unit_price,
                "discount": p.discount,
                "amount": p.amount,
                "staff_id": p.staff_id,
                "discount_rate": p.discount_rate,
                "level_id": pricing.level_id if pricing and p.discount_rate is not None else None,
                "override_reason": p.override_reason,
            }
            for n, p in enumerate(totals.lines, start=1)
        ],
    )
    write_line_extras(session, visit_id, draft.member_id, draft.lines)
    if payments:  # a free visit has none
        session.execute(
            _INSERT_PAYMENTS,
            [{"visit_id": visit_id, "method": m, "amount": a} for m, a in payments.items()],
        )
    if totals.cards is not None:
        card_uses.write_uses(session, visit_id, visited_at, totals.cards, actor=actor)
    bonus_drawn = Decimal("0.00")
    if draft.member_id is not None:
        tenders = {m: a for m, a in payments.items() if m != card_uses.CARD_METHOD}
        bonus_drawn = -_wallet_moves(
            session, visit_id, draft.member_id, tenders, actor, visited_at, pricing
        )
        add_visit_to_stats(session, draft.member_id, visited_at, totals.total_amount)
    if payments:  # the money ledger's rows (ledger.post's), one Core insert
        session.execute(
            _INSERT_MOVEMENTS,
            [
                ledger.movement_values(
                    session,
                    KIND_VISIT_PAYMENT,
                    method,
                    amount,
                    when=visited_at,
                    member_id=draft.member_id,
                    visit_id=visit_id,
                    actor=actor,
                    bonus_part=bonus_drawn if method == "stored_value" else Decimal("0.00"),
                )
                for method, amount in payments.items()
            ],
        )
    audit.record_now(  # a Core insert: nothing left for the upgrade check to flush
        session,
        actor,
        "visit",
        visit_id,
        "record",
        member_id=draft.member_id,
        total=totals.total_amount,
        replaces_id=replaces_id,
    )
    after_sale(
        session, visit_id, draft.member_id, totals, payments, bonus_drawn, visited_at, actor=actor
    )
    return visit_id


def _wallet_moves(
    session: Session,
    visit_id: int,
    member_id: int,
    payments: dict[str, Decimal],
    actor: Actor,
    when: datetime,
    pricing: levels.MemberPricing | None = None,
) -> Any:
    """The visit's wallet movements, dated at the visit's time (a backdated visit's spend
    and points belong to the day it names, not to the day it was typed in): stored value
    spent, points redeemed, points earned, in that order (`wallet.append_entries`: one read
    and one insert under the write lock); returns the bonus part drawn (≤ 0)."""
    rates = wallet.points_rates(session)
    moves = []
    if "stored_value" in payments:
        value = -positive(payments["stored_value"])
        moves.append(wallet.Move(ACCOUNT_STORED_VALUE, "spend", value))
    if "points" in payments:
        needed = (Decimal(payments["points"]) * rates[1]).to_integral_value(ROUND_CEILING)
        moves.append(wallet.Move(ACCOUNT_POINTS, "redeem", -whole_points(int(needed))))
    earned = points_earned(session, payments, rates)
    if pricing is not None and earned > 0:  # the level's points rate, whole points down
        earned = int((earned * pricing.points_rate).to_integral_value(rounding=ROUND_FLOOR))
    if earned > 0:
        moves.append(wallet.Move(ACCOUNT_POINTS, "earn", whole_points(earned)))
    rows = wallet.append_entries(
        session, member_id, moves, actor=actor, when=when, visit_id=visit_id
    )
    return next((r["bonus"] for r in rows if r["account"] == ACCOUNT_STORED_VALUE), ZERO)


def _get(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise ShopError(E_NOT_FOUND, id=visit_id)
    return visit


def void_visit(session: Session, visit_id: int, reason: str, *, actor: Actor) -> None:
    """Mark a visit voided (kept, visible) and reverse its wallet movements.

    Staff may void what was recorded in the last 24 hours; older visits need the owner.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ShopError(E_VOID_REASON)
    with session.begin_nested():
        _void(session, visit_id, reason, actor)


def _void(session: Session, visit_id: int, reason: str, actor: Actor) -> None:
    visit = _get(session, visit_id)
    if visit.status == VISIT_VOIDED:
        raise ShopError(E_ALREADY_VOID, id=visit_id)
    now = clock.now()  # staff: recorded and dated within the window (not old history)
    oldest = min(visit.created_at or now, visit.visited_at or now)
    if now - oldest > STAFF_VOID_WINDOW:
        require_owner(actor, "void an older visit")
    visit.status = VISIT_VOIDED
    visit.voided_at = clock.now()
    visit.voided_by_id = actor.staff_id if actor else None
    visit.void_reason = reason
    try:
        session.flush()  # the version check: a second void of the same visit fails here
    except StaleDataError:
        raise ShopError(E_CHANGED, id=visit_id) from None
    wallet.reverse_visit_entries(session, visit_id, actor=actor)
    card_uses.reverse_visit_uses(session, visit_id, visit.visited_at, actor=actor)
    _reverse_money(session, visit, reason, actor)
    refresh_member_stats(session, [visit.member_id])
    levels.after_reversal(session, visit.member_id, actor=actor)
    audit.record(session, actor, "visit", visit_id, "void", reason=reason)


def _reverse_money(session: Session, visit: Visit, reason: str, actor: Actor) -> None:
    """Post the reversal of what the visit put on the money ledger, booked on the visit's
    day: in its own month while that is open, as a prior-period adjustment otherwise."""
    held: dict[str, list[Decimal]] = {}
    for method, amount, bonus in session.execute(
        select(MoneyMovement.method, MoneyMovement.amount, MoneyMovement.bonus_part).where(
            MoneyMovement.visit_id == visit.id
        )
    ):
        pair = held.setdefault(method, [Decimal("0.00"), Decimal("0.00")])
        pair[0] += amount
        pair[1] += bonus
    for method, (amount, bonus) in sorted(held.items()):
        if amount or bonus:
            ledger.post(
                session,
                KIND_VOID_REVERSAL,
                method,
                -amount,
                when=visit.voided_at,
                booked_on=visit.visited_at.date(),
                member_id=visit.member_id,
                visit_id=visit.id,
                actor=actor,
                bonus_part=-bonus,
                note=reason,
            )


def edit_visit(
    session: Session, visit_id: int, draft: VisitDraft, reason: str, *, actor: Actor
) -> int:
    """Replace a visit: void the old one (kept as history) and record `draft` in its place.
    A restaurant's table and party size carry over unless the draft gives new ones."""
    old = _get(session, visit_id)
    old_member = old.member_id
    if not (draft.table_no or "").strip() and old.table_no:
        draft = replace(draft, table_no=old.table_no)
    if draft.party_size is None and old.party_size is not None:
        draft = replace(draft, party_size=old.party_size)
    with session.begin_nested():
        void_visit(session, visit_id, reason, actor=actor)
        new_id = record_visit(session, draft, actor=actor, replaces_id=visit_id)
        refresh_member_stats(session, [old_member])
    return new_id
