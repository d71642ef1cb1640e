"""Voiding and editing visits that used cards: uses given back and taken again.

An edit is a void plus a new visit (services/visits/record.py). For card lines that means:

- the void gives every use of the old visit back with one `reversal` entry per use (never an
  update or delete of the use), carrying the use's own value, so the card's uses left and value
  left are exactly what they were before the visit;
- the new visit takes its uses again by the usual rule (`uses.CardPlan`): paid uses at their
  share, the card's last paid use the exact remainder. Because the value left is always the
  price less what the uses (net of reversals) recognised, the recognised total reaches the
  price exactly when the last paid use is taken, whatever was given back in between;
- the card is checked on the visit's own day (a card valid to 30 June edited on 5 July for a
  visit of 20 June still pays), and a used-up, expired or refunded card on an edited line is
  refused with the same sentences as a new visit.

Dates follow the money ledger: a use or a give-back belongs to the visit's day while that
month is open; once the month is closed it is dated now, in the open month, so a closed
month's card figures never change. (A use given back after the card expired lands in breakage
of that month; a use taken again in the same month takes it out again.)

A card that was refunded cannot take its uses back: its refund paid out the value the uses had
not recognised, so giving a use back would owe the member twice. Voiding or editing such a
visit is refused with a sentence saying so.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define
from ...models import CardEntry, MemberCard, VisitLine
from ...models.card import CARD_REVERSAL, CARD_USE
from ..auth import Actor
from ..money import ledger

E_REFUNDED_CARD = define(
    "cards.void_refunded",
    en="Visit {visit} used card {card} ({name}), refunded on {day}: its uses cannot be given "
    "back. Leave the visit as it is, or refund the difference as money.",
    zh="消费记录 {visit} 使用了次卡 {card}（{name}），该卡已于 {day} 退卡，次数不能退回。"
    "请保留该记录，或以现金方式退还差额。",
)


def entry_time(session: Session, visited_at: datetime) -> datetime:
    """When a card entry for a visit of `visited_at` is dated: the visit's time while its month
    is open, now (in the open month) once it is closed — as the money ledger books it."""
    if ledger.is_closed(session, ledger.period_of(visited_at)):
        return clock.now().replace(microsecond=0)
    return visited_at


def open_uses(session: Session, visit_id: int) -> list[CardEntry]:
    """The visit's uses not yet given back."""
    uses = list(
        session.scalars(
            select(CardEntry)
            .where(CardEntry.visit_id == visit_id, CardEntry.kind == CARD_USE)
            .order_by(CardEntry.id)
        )
    )
    if not uses:
        return []
    done = set(
        session.scalars(
            select(CardEntry.reverses_id).where(
                CardEntry.visit_id == visit_id, CardEntry.kind == CARD_REVERSAL
            )
        )
    )
    return [u for u in uses if u.id not in done]


def check_reversible(session: Session, visit_id: int, uses: list[CardEntry]) -> None:
    """Refuse giving back uses of a refunded card (see the module docstring)."""
    for card_id in sorted({u.card_id for u in uses}):
        card = session.get(MemberCard, card_id)
        if card is not None and card.refunded_at is not None:
            raise ShopError(
                E_REFUNDED_CARD,
                visit=visit_id,
                card=card.id,
                name=card.name,
                day=str(card.refunded_at.date()),
            )


def reverse_visit_uses(
    session: Session, visit_id: int, visited_at: datetime, *, actor: Actor
) -> int:
    """Give a voided (or edited) visit's uses back: one reversal per use, with the use's own
    value, dated by `entry_time`. Returns the count. Raises before writing anything when a
    use's card was refunded."""
    uses = open_uses(session, visit_id)
    if not uses:
        return 0
    check_reversible(session, visit_id, uses)
    when = entry_time(session, visited_at)
    for use in uses:
        session.add(
            CardEntry(
                card_id=use.card_id,
                item_id=use.item_id,
                kind=CARD_REVERSAL,
                paid_uses=-use.paid_uses,
                bonus_uses=-use.bonus_uses,
                value=-use.value,
                occurred_at=when,
                visit_id=visit_id,
                visit_line_id=use.visit_line_id,
                reverses_id=use.id,
                staff_id=actor.staff_id,
            )  # fmt: skip
        )
    session.flush()
    return len(uses)


def card_of_lines(session: Session, visit_id: int) -> dict[int, int]:
    """line_no → card id for the visit's lines paid with a card (uses not given back): what
    an edit of the visit passes as `LineDraft.card_id` to keep each line on its card."""
    uses = open_uses(session, visit_id)
    if not uses:
        return {}
    line_nos = dict(
        session.execute(
            select(VisitLine.id, VisitLine.line_no).where(VisitLine.visit_id == visit_id)
        ).all()
    )
    return {line_nos[u.visit_line_id]: u.card_id for u in uses if u.visit_line_id in line_nos}
