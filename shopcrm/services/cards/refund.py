"""Refunding a card: the paid part of the unused value, the formula shown before confirming.

What a card still owes is its value left: the price paid less what its paid uses recognised
(gifted uses recognise nothing, so they neither add nor take away). A refund pays that back and
closes the card. Within the 7-day cooling-off period after the sale, a card not yet used at
all is refunded in full (Beijing's and Shenzhen's prepaid-card rules); it is the same amount,
named as such. An expired card owes nothing: its value went to breakage in its expiry month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define, translate
from ...models import CardEntry, MemberCard
from ...models.card import CARD_REFUND, CARD_USE
from ...models.money import KIND_REFUND
from .. import audit
from ..amounts import amount_text
from ..auth import Actor, require_owner
from ..money import ledger
from ..money.methods import usable_method
from .holding import (
    E_CARD_NOT_FOUND,
    STATUS_EXPIRED,
    STATUS_REFUNDED,
    card_views,
)

COOLING_OFF_DAYS = 7

E_REFUNDED = define(
    "cards.already_refunded", en="Card {id} is already refunded.", zh="次卡 {id} 已退卡。"
)
E_EXPIRED_REFUND = define(
    "cards.expired_refund",
    en="Card {id} expired on {day}: nothing is left to refund (its value went to breakage).",
    zh="次卡 {id} 已于 {day} 过期，无可退金额（余值已转为过期收入）。",
)
E_REASON = define(
    "cards.refund_reason", en="A card refund needs a reason.", zh="退卡必须填写原因。"
)
M_FORMULA = define(
    "cards.refund_formula",
    en="¥{price} paid − ¥{recognised} recognised for {used} paid uses = ¥{refund} to refund",
    zh="实付 ¥{price} − 已用 {used} 次确认收入 ¥{recognised} = 应退 ¥{refund}",
)
M_COOLING = define(
    "cards.refund_cooling",
    en="Within {days} days of the sale and not used: full refund of ¥{refund}",
    zh="购卡 {days} 天内且未使用：全额退款 ¥{refund}",
)


@dataclass(frozen=True)
class CardRefundQuote:
    card_id: int
    price: Decimal
    recognised: Decimal  # what its paid uses recognised so far
    paid_uses_used: int
    cooling_off: bool
    refund: Decimal

    def formula(self, lang: str | None = None) -> str:
        if self.cooling_off:
            return translate(
                M_COOLING, lang, days=COOLING_OFF_DAYS, refund=amount_text(self.refund)
            )
        return translate(
            M_FORMULA, lang, price=amount_text(self.price),
            recognised=amount_text(self.recognised), used=self.paid_uses_used,
            refund=amount_text(self.refund),
        )  # fmt: skip


def refund_quote(session: Session, card_id: int, today: date | None = None) -> CardRefundQuote:
    """What refunding the card would pay back, and why (refused when nothing is owed)."""
    today = today or clock.today()
    card = session.get(MemberCard, card_id)
    if card is None:
        raise ShopError(E_CARD_NOT_FOUND, id=card_id)
    view = card_views(session, [card], today)[0]
    if view.status == STATUS_REFUNDED:
        raise ShopError(E_REFUNDED, id=card_id)
    if view.status == STATUS_EXPIRED:
        raise ShopError(E_EXPIRED_REFUND, id=card_id, day=str(card.expires_on))
    used = -int(
        session.scalar(
            select(func.sum(CardEntry.paid_uses)).where(
                CardEntry.card_id == card_id, CardEntry.kind != "sale", CardEntry.kind != "opening"
            )
        )
        or 0
    )
    any_use = bool(
        session.scalar(
            select(func.count()).where(CardEntry.card_id == card_id, CardEntry.kind == CARD_USE)
        )
    )
    cooling = (
        not card.opening and not any_use and (today - card.sold_at.date()).days <= COOLING_OFF_DAYS
    )
    return CardRefundQuote(
        card_id,
        view.price,
        view.price - view.value_left,
        used,
        cooling,
        view.price if cooling else view.value_left,
    )


def refund_card(
    session: Session, card_id: int, *, method: str, reason: str, actor: Actor
) -> CardRefundQuote:
    """Pay back the quote and close the card (owner only, audited)."""
    require_owner(actor, "refund a card")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ShopError(E_REASON)
    quote = refund_quote(session, card_id)
    if quote.refund > 0:
        usable_method(session, method, till=True)
    card = session.get(MemberCard, card_id)
    view = card_views(session, [card])[0]
    now = clock.now().replace(microsecond=0)
    with session.begin_nested():
        movement = None
        if quote.refund > 0:
            movement = ledger.post(
                session, KIND_REFUND, method, -quote.refund, when=now, member_id=card.member_id,
                actor=actor, note=reason,
            )  # fmt: skip
            session.flush()
        for n, item in enumerate(view.items):
            session.add(
                CardEntry(
                    card_id=card_id,
                    item_id=item.item_id,
                    kind=CARD_REFUND,
                    paid_uses=-item.paid_left,
                    bonus_uses=-item.bonus_left,
                    value=-view.value_left if n == 0 else Decimal("0.00"),
                    occurred_at=now,
                    movement_id=movement.id if movement else None,
                    staff_id=actor.staff_id,
                    note=reason,
                )  # fmt: skip
            )
        card.refunded_at = now
        session.flush()
    audit.record(
        session, actor, "card", card_id, "refund", member_id=card.member_id,
        refund=quote.refund, value_left=view.value_left, cooling_off=quote.cooling_off,
        method=method, reason=reason,
    )  # fmt: skip
    return quote
