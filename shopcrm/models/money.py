"""Money an accountant can close: the shop's payment methods, one money ledger, closed months."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Money

# Tenders that are not money received: paying from the member's own balances.
INTERNAL_METHODS = ("stored_value", "points", "package")  # package: a count card's use

# money_movements.kind
KIND_VISIT_PAYMENT = "visit_payment"
KIND_TOPUP = "topup"
KIND_SALE = "sale"  # card or package sale (reserved)
KIND_REFUND = "refund"
KIND_VOID_REVERSAL = "void_reversal"
KIND_ADJUSTMENT = "adjustment"
MOVEMENT_KINDS = (
    KIND_VISIT_PAYMENT,
    KIND_TOPUP,
    KIND_SALE,
    KIND_REFUND,
    KIND_VOID_REVERSAL,
    KIND_ADJUSTMENT,
)


class PaymentMethod(Base):
    """A way the shop takes money (cash, bank card, WeChat Pay...) or an internal tender.

    `code` is what payments store and never changes; the names are the owner's to edit.
    Retired methods stay (old payments keep their name) but are refused for new payments.
    """

    __tablename__ = "payment_methods"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)  # stored value, points
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class MoneyMovement(Base):
    """One movement of money (or of an internal tender), never updated or deleted.

    `amount` is signed: + money came in, - money went out. `bonus_part` is the bonus share of
    a stored-value tender (revenue counts `amount - bonus_part`). `booked_on` is the local
    day the movement is reported on and `period` ('YYYY-MM') its month: normally the day
    it happened; a reversal of an open month's visit is booked on that visit's day; anything
    touching a closed month is an adjustment booked in the open month (`prior_period`).
    """

    __tablename__ = "money_movements"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)  # local shop time
    booked_on: Mapped[date] = mapped_column(Date)
    period: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)
    bonus_part: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    wallet_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("wallet_entries.id", ondelete="RESTRICT")
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    prior_period: Mapped[str | None] = mapped_column(String(7))  # the closed month adjusted
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_money_movements_period", "period", "booked_on", "method", "kind", "amount"),
        Index("ix_money_movements_visit", "visit_id"),
        Index("ix_money_movements_wallet_entry", "wallet_entry_id"),
        Index("ix_money_movements_member", "member_id", "kind", "booked_on"),
    )


class ClosedMonth(Base):
    """A month the owner closed: its figures are frozen in `snapshot` (report JSON per language)."""

    __tablename__ = "closed_months"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    snapshot: Mapped[str] = mapped_column(Text, default="{}")
