"""Top-up offers (充值赠送): tiers like 充500送50, 充1000送150, 充2000送400.

A top-up of at least a tier's amount gets the best tier it reaches (the highest amount not
above the top-up), once: 充1500 with tiers 500/1000/2000 gets the 1000 tier's bonus.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import MemberLevel, TopupOffer
from .. import audit
from ..amounts import parse_amount
from ..auth import PERM_PRICES_EDIT, Actor, require_permission
from .core import level_named

E_OFFER_AMOUNT = define(
    "levels.offer_amount",
    en="An offer needs a top-up above 0 and a bonus of 0 or more.",
    zh="充值赠送需要大于 0 的充值金额和不小于 0 的赠送金额。",
)
E_OFFER_DUPLICATE = define(
    "levels.offer_duplicate",
    en="There is already an offer for a top-up of ¥{amount}.",
    zh="已有充值 ¥{amount} 的赠送方案。",
)
E_OFFER_MISSING = define(
    "levels.offer_missing", en="No offer {id}.", zh="没有编号为 {id} 的充值赠送方案。"
)


@dataclass(frozen=True)
class OfferView:
    id: int
    topup: Decimal
    bonus: Decimal
    level_id: int | None
    level: str
    active: bool


def _view(offer: TopupOffer, level: str) -> OfferView:
    return OfferView(offer.id, offer.topup_amount, offer.bonus, offer.level_id, level, offer.active)


def create_offer(
    session: Session,
    topup: object,
    bonus: object,
    *,
    level: str | int | None = None,
    actor: Actor,
) -> int:
    require_permission(actor, PERM_PRICES_EDIT)
    amount = parse_amount(str(topup))
    extra = parse_amount(str(bonus)) if str(bonus).strip() else Decimal("0.00")
    if amount <= 0 or extra < 0:
        raise ShopError(E_OFFER_AMOUNT)
    if session.scalar(select(TopupOffer.id).where(TopupOffer.topup_amount == amount)):
        raise ShopError(E_OFFER_DUPLICATE, amount=f"{amount:,.2f}")
    level_id = level_named(session, level).id if level is not None else None
    offer = TopupOffer(topup_amount=amount, bonus=extra, level_id=level_id)
    session.add(offer)
    session.flush()
    audit.record(
        session, actor, "offer", offer.id, "create", topup=amount, bonus=extra, level_id=level_id
    )
    return offer.id


def set_offer_active(session: Session, offer_id: int, active: bool, *, actor: Actor) -> None:
    require_permission(actor, PERM_PRICES_EDIT)
    offer = session.get(TopupOffer, offer_id)
    if offer is None:
        raise ShopError(E_OFFER_MISSING, id=offer_id)
    offer.active = active
    session.flush()
    audit.record(session, actor, "offer", offer_id, "active" if active else "retire")


def list_offers(session: Session, *, include_retired: bool = False) -> list[OfferView]:
    query = (
        select(TopupOffer, MemberLevel.name)
        .outerjoin(MemberLevel, MemberLevel.id == TopupOffer.level_id)
        .order_by(TopupOffer.topup_amount)
    )
    if not include_retired:
        query = query.where(TopupOffer.active.is_(True))
    return [_view(offer, name or "") for offer, name in session.execute(query)]


def best_offer(session: Session, amount: Decimal) -> OfferView | None:
    """The tier a top-up of `amount` gets: the highest active tier not above it."""
    row = session.execute(
        select(TopupOffer, MemberLevel.name)
        .outerjoin(MemberLevel, MemberLevel.id == TopupOffer.level_id)
        .where(TopupOffer.active.is_(True), TopupOffer.topup_amount <= amount)
        .order_by(TopupOffer.topup_amount.desc())
        .limit(1)
    ).first()
    return _view(row[0], row[1] or "") if row else None


def offer_for(offers: list[OfferView], amount: Decimal) -> OfferView | None:
    """`best_offer` over offers already read (the top-up dialog shows it before saving)."""
    reached = [o for o in offers if o.active and o.topup <= amount]
    return max(reached, key=lambda o: o.topup) if reached else None
