"""Append-only ledgers for stored value (储值) and points (积分)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .. import clock
from .base import Base, Money

ACCOUNT_STORED_VALUE = "stored_value"
ACCOUNT_POINTS = "points"


class WalletEntry(Base):
    """One movement on a member's account. Rows are never updated or deleted.

    `seq` numbers the entries of one (member, account) from 1; the unique constraint on it
    serialises concurrent writers on every backend: two spends computed from the same
    balance both try to insert seq N+1 and only one commits. `balance_after` is the running
    sum, checked by the wallet service against the plain sum of `amount`.
    """

    __tablename__ = "wallet_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    account: Mapped[str] = mapped_column(String(20))  # stored_value | points | count:<service_id>
    seq: Mapped[int] = mapped_column(Integer)
    # topup, bonus, spend, refund, adjust, earn, redeem, expire, reversal
    entry_type: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)  # signed: + adds to the balance
    balance_after: Mapped[Decimal] = mapped_column(Money)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("wallet_entries.id"))
    paid_amount: Mapped[Decimal | None] = mapped_column(Money)  # cash taken for a top-up
    # stored value: the principal (本金) and bonus (赠送) parts of `amount` (they add up to
    # it) and the principal left after this entry; points: principal = amount, bonus 0
    principal: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    bonus: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    principal_after: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    payment_method: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, index=True)

    __table_args__ = (
        UniqueConstraint("member_id", "account", "seq", name="uq_wallet_entries_member_seq"),
        Index("ix_wallet_entries_visit", "visit_id"),
        # the report's ledgers (opening balance, the month's movements by type) and each
        # member's balance at a month's end, read from these indexes alone
        Index("ix_wallet_entries_account_time", "account", "created_at", "entry_type", "amount"),
        Index("ix_wallet_entries_account_member", "account", "member_id", "created_at", "amount"),
        # stored value's principal and bonus rolled forward over a month (migration 0019)
        Index(
            "ix_wallet_entries_parts",
            "account",
            "created_at",
            "principal",
            "bonus",
            "entry_type",
            "visit_id",
        ),
    )
