"""Staff commission (提成): versioned rules and the staff who shared a visit line.

A rule is never edited in place: a change closes the version in force (`valid_to`) and
opens a new one (`valid_from`), both carrying the same `family_id`. A line earns under the
version in force when its visit was recorded, so editing a rule changes only the future.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .. import clock
from .base import Base, Money
from .level import Rate

# commission_rules.kind: what the rule pays on
RULE_SERVICE = "service"  # visit lines (services, free-text items, card uses)
RULE_TOPUP = "topup"  # stored-value top-ups (the money paid, never the bonus)
RULE_CARD_SALE = "card_sale"  # card and package sales (money_movements kind "sale")
RULE_KINDS = (RULE_SERVICE, RULE_TOPUP, RULE_CARD_SALE)

BASE_PAID = "paid"  # 实收: after discount, principal share of stored value, card use value
BASE_LIST = "list"  # quantity × list price

MODE_DESIGNATED = "designated"  # 指定
MODE_ROTATION = "rotation"  # 轮牌

TIERS_ZERO = "zero"  # the whole month at the rate reached
TIERS_PROGRESSIVE = "progressive"  # each band of the month's base at its own rate


class CommissionRule(Base):
    """One version of a commission rule; the scope (who, what, mode) is its identity."""

    __tablename__ = "commission_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the first version
    kind: Mapped[str] = mapped_column(String(12), default=RULE_SERVICE)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    role: Mapped[str | None] = mapped_column(String(60))  # a staff title: 发型师, 助理
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_categories.id", ondelete="CASCADE")
    )
    mode: Mapped[str | None] = mapped_column(String(12))  # designated | rotation | None: either
    rate: Mapped[Decimal | None] = mapped_column(Rate)  # 0.2 = 20%; the first tier's rate
    fixed: Mapped[Decimal | None] = mapped_column(Money)  # per unit of a line, per sale
    base: Mapped[str] = mapped_column(String(8), default=BASE_PAID)
    tier_mode: Mapped[str | None] = mapped_column(String(12))
    # [["5000.00", "0.15"], ...]: from that much of the month's base on, that rate
    tiers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    valid_from: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    valid_to: Mapped[datetime | None] = mapped_column(DateTime)  # None: in force
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_commission_rules_kind_valid", "kind", "valid_from"),)


class VisitLineStaff(Base):
    """The staff who shared one visit line (only for lines with two or more people).

    `share` is each person's fraction (0.6 = 60%); all None means equal shares. The line's
    own `staff_id` stays the first person, so every other list keeps working.
    """

    __tablename__ = "visit_line_staff"

    line_id: Mapped[int] = mapped_column(
        ForeignKey("visit_lines.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    share: Mapped[Decimal | None] = mapped_column(Rate)
