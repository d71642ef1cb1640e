"""Service catalogue and staff."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from .base import Base, Money
from .level import Rate


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    # 'owner' may do everything; 'staff' works the counter (see services.auth).
    role: Mapped[str] = mapped_column(String(20), default="staff")
    title: Mapped[str] = mapped_column(String(60), default="")  # e.g. 发型师, 技师, 服务员
    phone: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class ServiceCategory(Base):
    __tablename__ = "service_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    services: Mapped[list[Service]] = relationship(back_populates="category")


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_categories.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(80), unique=True)
    # Pinyin initials and full pinyin of the name, so the visit dialog can pick by typing.
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    list_price: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    duration_min: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Days after a visit with this service when a care call is due, e.g. [3, 30] for a perm.
    care_offsets: Mapped[list[int]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    # Level pricing: never below this rate (0.9 = "no lower than 9折"), or no level discount.
    level_floor: Mapped[Decimal | None] = mapped_column(Rate)
    no_level_discount: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    category: Mapped[ServiceCategory | None] = relationship(back_populates="services")
