"""A member's cards for the member's data export (`member-export`, services/privacy.py):
each card with its services (uses bought, gifted, left, what a paid use recognises), its
status and value left, and every entry of its ledger (sale, opening balance, uses, uses
given back, refund) — the raw rows, as plain values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...models import CardEntry, MemberCard
from .holding import card_views


def _columns(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}


def member_cards_data(session: Session, member_id: int) -> list[dict[str, Any]]:
    """Every card the member holds or held (refunded, expired, used up too)."""
    cards = list(
        session.scalars(
            select(MemberCard).where(MemberCard.member_id == member_id).order_by(MemberCard.id)
        )
    )
    if not cards:
        return []
    views = {v.id: v for v in card_views(session, cards, clock.today())}
    entries: dict[int, list[dict[str, Any]]] = {c.id: [] for c in cards}
    for entry in session.scalars(
        select(CardEntry)
        .where(CardEntry.card_id.in_(list(entries)))
        .order_by(CardEntry.occurred_at, CardEntry.id)
    ):
        entries[entry.card_id].append(_columns(entry))
    out = []
    for card in cards:
        view = views[card.id]
        left = {i.item_id: i for i in view.items}
        out.append(
            {
                **_columns(card),
                "status": view.status,
                "value_left": view.value_left,
                "items": [
                    {
                        **_columns(item),
                        "service": left[item.id].service,
                        "paid_left": left[item.id].paid_left,
                        "bonus_left": left[item.id].bonus_left,
                    }
                    for item in card.items
                ],
                "entries": entries[card.id],
            }
        )
    return out
