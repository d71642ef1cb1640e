"""Count cards and packages (次卡、疗程卡、套餐卡): types, the cards members hold, their ledger.

A card type lists one or several services with a count of paid uses and of gifted uses each.
A member's card copies its type at the moment of sale (later edits of the type change nothing
already sold) and keeps every change on an append-only ledger, `card_entries`: the sale (or an
opening balance brought from another system), each use, the reversal of a voided use, a
refund. The card's uses left and value left are sums of its entries; expiry writes nothing
(a card is expired when its last valid day has passed; see services/cards/figures.py).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from .base import Base, Money

# card_entries.kind
CARD_SALE = "sale"
CARD_OPENING = "opening"  # a balance brought from paper or another system (no money in)
CARD_USE = "use"
CARD_REVERSAL = "reversal"  # a voided visit gives its uses back
CARD_REFUND = "refund"
CARD_ENTRY_KINDS = (CARD_SALE, CARD_OPENING, CARD_USE, CARD_REVERSAL, CARD_REFUND)

# The internal payment method of a visit line paid with a card use (not money received).
CARD_METHOD = "package"


class CardType(Base):
    """What the shop sells: "10 washes for ¥500", "3 cuts + 2 treatments for ¥900".

    Validity: `valid_days` after the day of sale, or a fixed last day `valid_until`, or
    neither (no expiry).
    """

    __tablename__ = "card_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    price: Mapped[Decimal] = mapped_column(Money)
    valid_days: Mapped[int | None] = mapped_column(Integer)
    valid_until: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    items: Mapped[list[CardTypeItem]] = relationship(
        back_populates="card_type", cascade="all, delete-orphan", order_by="CardTypeItem.id"
    )


class CardTypeItem(Base):
    __tablename__ = "card_type_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_type_id: Mapped[int] = mapped_column(
        ForeignKey("card_types.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="RESTRICT"))
    paid_uses: Mapped[int] = mapped_column(Integer, default=0)
    bonus_uses: Mapped[int] = mapped_column(Integer, default=0)

    card_type: Mapped[CardType] = relationship(back_populates="items")

    __table_args__ = (UniqueConstraint("card_type_id", "service_id", name="uq_card_type_items"),)


class MemberCard(Base):
    """A card a member holds. `price` is what was paid (0 for gifted-only cards); `opening`
    marks a card brought in by `import-balances` (no sale on the money ledger)."""

    __tablename__ = "member_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), index=True
    )
    card_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("card_types.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(60))
    price: Mapped[Decimal] = mapped_column(Money)
    sold_at: Mapped[datetime] = mapped_column(DateTime)  # local shop time
    expires_on: Mapped[date | None] = mapped_column(Date)  # the last day it can be used
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    opening: Mapped[bool] = mapped_column(Boolean, default=False)
    source_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    refunded_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    items: Mapped[list[MemberCardItem]] = relationship(
        back_populates="card", cascade="all, delete-orphan", order_by="MemberCardItem.id"
    )


class MemberCardItem(Base):
    """One service on a member's card: the uses bought and gifted, and what a paid use
    recognises (`unit_value`, the card's price share; the card's last paid use takes the
    remainder so the uses add up to the price exactly)."""

    __tablename__ = "member_card_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(
        ForeignKey("member_cards.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="RESTRICT"))
    paid_uses: Mapped[int] = mapped_column(Integer, default=0)
    bonus_uses: Mapped[int] = mapped_column(Integer, default=0)
    unit_value: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))

    card: Mapped[MemberCard] = relationship(back_populates="items")


class CardEntry(Base):
    """One change to a card, never updated or deleted. `paid_uses`/`bonus_uses` are signed
    counts, `value` the signed change of what the shop owes (+ sale, − a use's recognised
    value, − a refund)."""

    __tablename__ = "card_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("member_cards.id", ondelete="RESTRICT"))
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_card_items.id", ondelete="RESTRICT")
    )
    kind: Mapped[str] = mapped_column(String(12))
    paid_uses: Mapped[int] = mapped_column(Integer, default=0)
    bonus_uses: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)  # local shop time
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    visit_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("visit_lines.id", ondelete="RESTRICT")
    )
    movement_id: Mapped[int | None] = mapped_column(
        ForeignKey("money_movements.id", ondelete="RESTRICT")
    )
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("card_entries.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_card_entries_card", "card_id", "item_id"),
        Index("ix_card_entries_time", "occurred_at", "kind", "card_id", "value"),
        Index("ix_card_entries_visit", "visit_id"),
        Index("ix_card_entries_line", "visit_line_id"),
    )
