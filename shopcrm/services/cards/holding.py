"""The cards members hold: selling, reading, refunding.

A sale copies the type onto the member's card, works out what each paid use recognises (the
card's price shared over the services by list price; the last paid use takes the remainder so
the uses add up to the price exactly) and posts the money received on the money ledger as a
`sale` (a liability, not revenue; `staff_id` is the seller). Uses and value left are sums of
the card's entries (`card_entries`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define
from ...models import CardEntry, MemberCard, MemberCardItem, Service
from ...models.card import CARD_OPENING, CARD_SALE
from ...models.money import KIND_SALE
from .. import audit
from ..amounts import ZERO, from_cents
from ..auth import Actor
from ..money import ledger
from ..money.methods import usable_method
from ..staff import usable_staff
from ..wallet.entries import check_member
from .types import E_RETIRED, CardTypeView, expiry_for, get_card_type

CENT = Decimal("0.01")
EXPIRY_WARNING_DAYS = 30

STATUS_ACTIVE = "active"
STATUS_USED_UP = "used_up"
STATUS_EXPIRED = "expired"
STATUS_REFUNDED = "refunded"

E_CARD_NOT_FOUND = define("cards.not_found", en="No card {id}.", zh="没有编号为 {id} 的次卡。")
STATUS_WORDS = {
    STATUS_ACTIVE: define("cards.status.active", en="active", zh="可用"),
    STATUS_USED_UP: define("cards.status.used_up", en="used up", zh="已用完"),
    STATUS_EXPIRED: define("cards.status.expired", en="expired", zh="已过期"),
    STATUS_REFUNDED: define("cards.status.refunded", en="refunded", zh="已退卡"),
}


@dataclass(frozen=True)
class CardItemView:
    item_id: int
    service_id: int
    service: str
    paid_total: int
    bonus_total: int
    paid_left: int
    bonus_left: int
    unit_value: Decimal


@dataclass(frozen=True)
class CardView:
    id: int
    member_id: int
    name: str
    price: Decimal
    sold_at: datetime
    expires_on: date | None
    status: str
    value_left: Decimal
    opening: bool
    items: tuple[CardItemView, ...]
    expiring_soon: bool  # usable and its last day within EXPIRY_WARNING_DAYS

    @property
    def uses_left(self) -> int:
        return sum(i.paid_left + i.bonus_left for i in self.items)

    @property
    def usable(self) -> bool:
        return self.status == STATUS_ACTIVE

    def uses_text(self) -> str:
        """ "洗剪吹 9+2, 护理 2" (paid + gifted uses left)."""
        return ", ".join(
            f"{i.service} {i.paid_left}" + (f"+{i.bonus_left}" if i.bonus_left else "")
            for i in self.items
        )


def unit_values(price: Decimal, items: list[tuple[Decimal, int]]) -> list[Decimal]:
    """What one paid use of each item recognises: the price shared by list price × paid uses.

    `items` are (list price, paid uses). A ¥200 card with 5×A at ¥50 and 5×B at ¥100 gives
    ¥13.33 per A and ¥26.67 per B. Services listed at ¥0 share by uses alone.
    """
    weight = sum((p * n for p, n in items), Decimal("0"))
    uses = sum(n for _, n in items)
    out = []
    for list_price, n in items:
        if n <= 0 or uses == 0:
            out.append(ZERO)
        elif weight > 0:
            out.append((price * list_price / weight).quantize(CENT, ROUND_HALF_UP))
        else:
            out.append((price / uses).quantize(CENT, ROUND_HALF_UP))
    return out


def _cents(column):  # noqa: ANN001, ANN202
    return type_coerce(column, BigInteger)


def card_status(card: MemberCard, paid_left: int, bonus_left: int, today: date) -> str:
    if card.refunded_at is not None:
        return STATUS_REFUNDED
    if card.expires_on is not None and card.expires_on < today:
        return STATUS_EXPIRED
    if paid_left + bonus_left <= 0:
        return STATUS_USED_UP
    return STATUS_ACTIVE


def card_views(
    session: Session,
    cards: list[MemberCard],
    today: date | None = None,
) -> list[CardView]:
    """Views of `cards` with their uses and value left, read in two queries."""
    today = today or clock.today()
    ids = [c.id for c in cards]
    if not ids:
        return []
    left: dict[int | None, tuple[int, int]] = {}
    value: dict[int, int] = defaultdict(int)
    for card_id, item_id, paid, bonus, cents in session.execute(
        select(
            CardEntry.card_id,
            CardEntry.item_id,
            func.sum(CardEntry.paid_uses),
            func.sum(CardEntry.bonus_uses),
            func.sum(_cents(CardEntry.value)),
        )
        .where(CardEntry.card_id.in_(ids))
        .group_by(CardEntry.card_id, CardEntry.item_id)
    ):
        value[card_id] += int(cents or 0)
        if item_id is not None:
            left[item_id] = (int(paid or 0), int(bonus or 0))
    names = dict(session.execute(select(Service.id, Service.name)).all())
    out = []
    for c in cards:
        items = tuple(
            CardItemView(
                i.id,
                i.service_id,
                names.get(i.service_id, ""),
                i.paid_uses,
                i.bonus_uses,
                *left.get(i.id, (0, 0)),
                i.unit_value,
            )  # fmt: skip
            for i in c.items
        )
        paid_left = sum(i.paid_left for i in items)
        bonus_left = sum(i.bonus_left for i in items)
        status = card_status(c, paid_left, bonus_left, today)
        soon = (
            status == STATUS_ACTIVE
            and c.expires_on is not None
            and c.expires_on <= today + timedelta(days=EXPIRY_WARNING_DAYS)
        )
        out.append(
            CardView(
                c.id,
                c.member_id,
                c.name,
                c.price,
                c.sold_at,
                c.expires_on,
                status,
                from_cents(value[c.id]),
                c.opening,
                items,
                soon,
            )  # fmt: skip
        )
    return out


def member_cards(
    session: Session, member_id: int, *, include_closed: bool = True, today: date | None = None
) -> list[CardView]:
    """A member's cards, usable ones first (soonest expiry first), then the rest."""
    cards = list(
        session.scalars(
            select(MemberCard).where(MemberCard.member_id == member_id).order_by(MemberCard.id)
        )
    )
    views = card_views(session, cards, today)
    if not include_closed:
        views = [v for v in views if v.usable]
    return sorted(views, key=lambda v: (not v.usable, v.expires_on or date.max, v.sold_at, v.id))


def get_card(session: Session, card_id: int, today: date | None = None) -> CardView:
    card = session.get(MemberCard, card_id)
    if card is None:
        raise ShopError(E_CARD_NOT_FOUND, id=card_id)
    return card_views(session, [card], today)[0]


def open_card(
    session: Session,
    member_id: int,
    card_type: CardTypeView,
    *,
    when: datetime,
    kind: str,
    price: Decimal,
    paid_uses: dict[int, int] | None = None,
    bonus_uses: dict[int, int] | None = None,
    expires_on: date | None = None,
    staff_id: int | None = None,
    movement_id: int | None = None,
    source_ref: str | None = None,
    actor: Actor,
) -> MemberCard:
    """Write a card and its first entries (a sale, or an opening balance with the uses and
    value it brings). Uses default to the type's."""
    paid = paid_uses if paid_uses is not None else {i.service_id: i.paid for i in card_type.items}
    bonus = (
        bonus_uses if bonus_uses is not None else {i.service_id: i.bonus for i in card_type.items}
    )
    prices = {i.service_id: i.list_price for i in card_type.items}
    order = [i.service_id for i in card_type.items]
    values = unit_values(price, [(prices[s], paid.get(s, 0)) for s in order])
    card = MemberCard(
        member_id=member_id,
        card_type_id=card_type.id,
        name=card_type.name,
        price=price,
        sold_at=when,
        expires_on=expires_on,
        staff_id=staff_id,
        opening=kind == CARD_OPENING,
        source_ref=source_ref,
    )
    session.add(card)
    session.flush()
    items = []
    for sid, unit in zip(order, values, strict=True):
        item = MemberCardItem(
            card_id=card.id,
            service_id=sid,
            paid_uses=paid.get(sid, 0),
            bonus_uses=bonus.get(sid, 0),
            unit_value=unit,
        )
        session.add(item)
        items.append(item)
    session.flush()
    for n, item in enumerate(items):
        session.add(
            CardEntry(
                card_id=card.id,
                item_id=item.id,
                kind=kind,
                paid_uses=item.paid_uses,
                bonus_uses=item.bonus_uses,
                value=price if n == 0 else ZERO,  # the card's value once, on its first item
                occurred_at=when,
                movement_id=movement_id,
                staff_id=staff_id if staff_id is not None else actor.staff_id,
            )
        )
    session.flush()
    return card


def sell_card(
    session: Session,
    member_id: int,
    type_name_or_id: str | int,
    *,
    method: str,
    staff_id: int | None = None,
    when: datetime | None = None,
    actor: Actor,
) -> CardView:
    """Sell a card of a type to a member: money in on the ledger (kind `sale`, by the seller),
    the card with its uses. Returns the card. `when`: the sale's time (default now; the demo
    shop dates its sales in the past)."""
    card_type = get_card_type(session, type_name_or_id)
    if not card_type.active:
        raise ShopError(E_RETIRED, name=card_type.name)
    check_member(session, member_id)
    if staff_id is not None:
        usable_staff(session, staff_id)
    seller = staff_id if staff_id is not None else actor.staff_id
    if card_type.price > 0:
        usable_method(session, method, till=True)
    when = (when or clock.now()).replace(microsecond=0)
    with session.begin_nested():
        movement = None
        if card_type.price > 0:
            movement = ledger.post(
                session, KIND_SALE, method, card_type.price, when=when, member_id=member_id,
                actor=actor, staff_id=seller, note=card_type.name,
            )  # fmt: skip
            session.flush()
        card = open_card(
            session, member_id, card_type, when=when, kind=CARD_SALE, price=card_type.price,
            expires_on=expiry_for(card_type, when), staff_id=seller,
            movement_id=movement.id if movement else None, actor=actor,
        )  # fmt: skip
    audit.record(
        session, actor, "card", card.id, "sell", member_id=member_id, type=card_type.name,
        price=card_type.price, method=method, staff_id=seller,
    )  # fmt: skip
    return get_card(session, card.id)
