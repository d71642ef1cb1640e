"""The cards' month: sold, used, revenue recognised, breakage, the liability rolled forward.

What the shop owes on cards at a moment `t` is the sum of the card entries before `t` of the
cards still valid at `t` (a card whose last day is 30 June is valid until 1 July 00:00). The
value of a card that expires leaves the liability as **breakage** income in the month of its
last day. With V(t) the sum of all entries before t and E(t) that of the cards expired at t:

    closing = opening + sold + opening balances imported − recognised − refunded − breakage

exactly, where breakage = E(end) − E(start). The uses owed (paid and gifted) roll forward
the same way (`uses`: opening + sold + imported − used − refunded − expired = closing). (A use given back by a void after the card
expired therefore lands in breakage in the month of the void.) Nothing is written at expiry:
the figures read it from the cards' last days, so a report never depends on a job having run.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from ... import clock
from ...models import CardEntry, MemberCard
from ...models.card import CARD_OPENING, CARD_REFUND, CARD_REVERSAL, CARD_SALE, CARD_USE
from ..amounts import from_cents


def _cents(column):  # noqa: ANN001, ANN202
    return type_coerce(column, BigInteger)


def _value_before(session: Session, when: datetime, uses: bool = False) -> int:
    """The entries before `when`: value in cents, or (`uses`) paid + gifted uses."""
    what = CardEntry.paid_uses + CardEntry.bonus_uses if uses else _cents(CardEntry.value)
    return int(session.scalar(select(func.sum(what)).where(CardEntry.occurred_at < when)) or 0)


def _expired_before(session: Session, when: datetime, uses: bool = False) -> int:
    """Entries before `when` of the cards whose last day is before `when`'s day."""
    what = CardEntry.paid_uses + CardEntry.bonus_uses if uses else _cents(CardEntry.value)
    return int(
        session.scalar(
            select(func.sum(what))
            .join(MemberCard, MemberCard.id == CardEntry.card_id)
            .where(
                CardEntry.occurred_at < when,
                MemberCard.expires_on.is_not(None),
                MemberCard.expires_on < when.date(),
            )
        )
        or 0
    )


def liability_at(session: Session, when: datetime) -> Decimal:
    """What the shop owes on cards at `when` (paid value of unused uses of valid cards)."""
    return from_cents(_value_before(session, when) - _expired_before(session, when))


def card_figures(session: Session, year: int, month: int) -> dict[str, Any]:
    """The month's card figures (plain values: Decimals, ints), rolled forward exactly."""
    start, end = clock.month_bounds(year, month)
    moves: dict[str, int] = {}
    counts: dict[str, list[int]] = {}
    for kind, value, paid, bonus, n in session.execute(
        select(
            CardEntry.kind,
            func.sum(_cents(CardEntry.value)),
            func.sum(CardEntry.paid_uses),
            func.sum(CardEntry.bonus_uses),
            func.count(),
        )
        .where(and_(CardEntry.occurred_at >= start, CardEntry.occurred_at < end))
        .group_by(CardEntry.kind)
    ):
        moves[kind] = int(value or 0)
        counts[kind] = [int(paid or 0), int(bonus or 0), int(n)]
    sold_count = int(
        session.scalar(
            select(func.count()).where(
                MemberCard.opening.is_(False), MemberCard.sold_at >= start, MemberCard.sold_at < end
            )
        )
        or 0
    )
    opening = _value_before(session, start) - _expired_before(session, start)
    breakage = _expired_before(session, end) - _expired_before(session, start)
    sold = moves.get(CARD_SALE, 0)
    imported = moves.get(CARD_OPENING, 0)
    recognised = -(moves.get(CARD_USE, 0) + moves.get(CARD_REVERSAL, 0))
    refunded = -moves.get(CARD_REFUND, 0)
    closing = opening + sold + imported - recognised - refunded - breakage
    use = counts.get(CARD_USE, [0, 0, 0])
    back = counts.get(CARD_REVERSAL, [0, 0, 0])
    expired_cards = int(
        session.scalar(
            select(func.count()).where(
                MemberCard.expires_on >= start.date(),
                MemberCard.expires_on < end.date(),
                MemberCard.refunded_at.is_(None),
            )
        )
        or 0
    )
    return {
        "uses": _uses_forward(session, start, end, counts),
        "cards_sold": sold_count,
        "sold": from_cents(sold),
        "opening_imported": from_cents(imported),
        "paid_uses": -(use[0] + back[0]),
        "gifted_uses": -(use[1] + back[1]),
        "recognised": from_cents(recognised),
        "refunded": from_cents(refunded),
        "cards_expired": expired_cards,
        "breakage": from_cents(breakage),
        "opening": from_cents(opening),
        "closing": from_cents(closing),
    }


def _uses_forward(
    session: Session, start: datetime, end: datetime, counts: dict[str, list[int]]
) -> dict[str, int]:
    """The uses owed (paid and gifted) rolled forward like the value:
    closing = opening + sold + imported (opening balances) − used − refunded − expired."""

    def n(*kinds: str) -> int:
        return sum(counts.get(k, [0, 0, 0])[0] + counts.get(k, [0, 0, 0])[1] for k in kinds)

    opening = _value_before(session, start, True) - _expired_before(session, start, True)
    expired = _expired_before(session, end, True) - _expired_before(session, start, True)
    sold, imported = n(CARD_SALE), n(CARD_OPENING)
    used, refunded = -n(CARD_USE, CARD_REVERSAL), -n(CARD_REFUND)
    return {
        "opening": opening,
        "sold": sold,
        "imported": imported,
        "used": used,
        "refunded": refunded,
        "expired": expired,
        "closing": opening + sold + imported - used - refunded - expired,
    }


def month_start(day: date) -> datetime:
    return clock.month_bounds(day.year, day.month)[0]


def expired_cards(session: Session, first: date, last: date) -> list[tuple[Any, ...]]:
    """(card id, member, card, last day, value left) of the cards whose last day is in
    [first, last] and that were not refunded: what each leaves as breakage."""
    from datetime import timedelta

    from ...models import Member

    cards = session.execute(
        select(MemberCard.id, Member.name, MemberCard.name, MemberCard.expires_on)
        .join(Member, Member.id == MemberCard.member_id)
        .where(
            MemberCard.expires_on >= first,
            MemberCard.expires_on <= last,
            MemberCard.refunded_at.is_(None),
        )
        .order_by(MemberCard.expires_on, MemberCard.id)
    ).all()
    out = []
    for card_id, member, name, last_day in cards:
        end = clock.start_of_day(last_day + timedelta(days=1))
        cents = session.scalar(
            select(func.sum(_cents(CardEntry.value))).where(
                CardEntry.card_id == card_id, CardEntry.occurred_at < end
            )
        )
        out.append((card_id, member, name, last_day, from_cents(cents)))
    return out
