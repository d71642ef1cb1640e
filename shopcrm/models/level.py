"""Member levels (会员等级) that price themselves, level history, and top-up offers (充值赠送).

Rates (a discount of 0.88 = 8.8折, a floor, a points multiplier) are `Rate` columns: exact
`Decimal`s held as whole ten-thousandths, like `Money` holds cents.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .. import clock
from .base import Base, Money

RATE_STEP = Decimal("0.0001")

# member_levels.upgrade_kind
UPGRADE_NONE = "none"
UPGRADE_TOPUP = "topup"  # cumulative top-ups (principal) within the window, if any
UPGRADE_SPEND = "spend"  # cumulative spend (bonus money excluded) within the window, if any
UPGRADE_SINGLE = "single"  # one top-up of at least the amount
UPGRADE_KINDS = (UPGRADE_NONE, UPGRADE_TOPUP, UPGRADE_SPEND, UPGRADE_SINGLE)


class Rate(TypeDecorator[Decimal]):
    """A rate such as 0.88, held as an integer of 1/10000 (8800)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        rate = value if isinstance(value, Decimal) else Decimal(str(value))
        steps = rate / RATE_STEP
        if steps != steps.to_integral_value():
            raise ValueError(f"rate {rate} has more than four decimals")
        return int(steps)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) * RATE_STEP).quantize(RATE_STEP)

    @property
    def python_type(self) -> type:
        return Decimal


class MemberLevel(Base):
    """One level in the shop's ordered list (rank 1 is the lowest)."""

    __tablename__ = "member_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)
    discount: Mapped[Decimal] = mapped_column(Rate, default=Decimal("1"))  # 1 = list price
    points_rate: Mapped[Decimal] = mapped_column(Rate, default=Decimal("1"))  # × base points
    upgrade_kind: Mapped[str] = mapped_column(String(10), default=UPGRADE_NONE)
    upgrade_amount: Mapped[Decimal | None] = mapped_column(Money)
    window_days: Mapped[int | None] = mapped_column(Integer)
    # At the end of a window a member who no longer meets the rule steps down (never mid-sale).
    downgrade: Mapped[bool] = mapped_column(Boolean, default=False)
    # A refund or void that takes the member back below the rule takes the level back too.
    reverse_on_refund: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class LevelDiscount(Base):
    """A level's discount for one service category (wins over the level's default)."""

    __tablename__ = "level_discounts"

    level_id: Mapped[int] = mapped_column(
        ForeignKey("member_levels.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("service_categories.id", ondelete="CASCADE"), primary_key=True
    )
    discount: Mapped[Decimal] = mapped_column(Rate)


class LevelChange(Base):
    """One change of a member's level, kept for the member's history (never updated).

    The reason is a message id and its parameters, translated when shown.
    """

    __tablename__ = "level_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    from_level_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_levels.id", ondelete="SET NULL")
    )
    to_level_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_levels.id", ondelete="SET NULL")
    )
    reason_id: Mapped[str] = mapped_column(String(60))
    reason_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")


class TopupOffer(Base):
    """A top-up tier: top up at least `topup_amount`, get `bonus`, optionally a level."""

    __tablename__ = "topup_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    topup_amount: Mapped[Decimal] = mapped_column(Money, unique=True)
    bonus: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    level_id: Mapped[int | None] = mapped_column(
        ForeignKey("member_levels.id", ondelete="SET NULL")
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
