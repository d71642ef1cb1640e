"""Visits (到店/消费), their service lines and payments."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from .base import Base, Money
from .level import Rate

VISIT_OK = "ok"
VISIT_VOIDED = "voided"


class Visit(Base):
    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT")
    )  # None: a walk-in
    visited_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    total_list: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    total_discount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    total_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    status: Mapped[str] = mapped_column(String(10), default=VISIT_OK, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[int | None] = mapped_column(Integer)  # 1..5
    complaint: Mapped[str] = mapped_column(Text, default="")
    party_size: Mapped[int | None] = mapped_column(Integer)  # restaurants
    table_no: Mapped[str | None] = mapped_column(String(20))  # a restaurant's table (quick bill)

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, onupdate=clock.now)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    void_reason: Mapped[str] = mapped_column(Text, default="")
    # An edit voids the old visit and records a new one that points back to it.
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), index=True
    )
    # Where an imported visit came from (a hash of the source row), so re-imports add nothing.
    source_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)

    lines: Mapped[list[VisitLine]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitLine.line_no"
    )
    payments: Mapped[list[VisitPayment]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_visits_member_time", "member_id", "visited_at"),
        # covering indexes for the reports (docs/reports.md, "Indexes"): a month's figures
        # and a member's history are read from the index alone, never from the table
        Index(
            "ix_visits_day_totals",
            "visited_at",
            "status",
            "member_id",
            "total_amount",
            "total_list",
            "total_discount",
        ),
        Index("ix_visits_member_history", "member_id", "visited_at", "status", "total_amount"),
        # a closed month's backdated visits are booked when recorded (migration 0021)
        Index("ix_visits_created_at", "created_at"),
        # the month's satisfaction scores and their trend (migration 0019): scored visits only
        Index(
            "ix_visits_scores",
            "visited_at",
            "status",
            "satisfaction",
            sqlite_where=text("satisfaction IS NOT NULL"),
            postgresql_where=text("satisfaction IS NOT NULL"),
        ),
    )


class VisitLine(Base):
    __tablename__ = "visit_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer, default=1)
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("services.id", ondelete="RESTRICT"), index=True
    )
    item_name: Mapped[str] = mapped_column(
        String(120)
    )  # the service name at the time, or free text
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price: Mapped[Decimal] = mapped_column(Money)  # list price per unit
    discount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    amount: Mapped[Decimal] = mapped_column(Money)  # quantity * unit_price - discount
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True
    )
    # The member level's rate applied to this line (None: not level-priced) and, when staff
    # changed the level's price, why.
    discount_rate: Mapped[Decimal | None] = mapped_column(Rate)
    # the level (member_levels.id) the line was priced at; no FK, as members.level_id
    level_id: Mapped[int | None] = mapped_column(Integer)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # 指定 (the member asked for this person) rather than 轮牌 (next in the rotation)
    designated: Mapped[bool] = mapped_column(Boolean, default=False)

    visit: Mapped[Visit] = relationship(back_populates="lines")

    __table_args__ = (
        Index(
            "ix_visit_lines_visit_cover",
            "visit_id",
            "line_no",
            "service_id",
            "staff_id",
            "quantity",
            "unit_price",
            "discount",
            "amount",
            "item_name",
        ),
    )


class VisitPayment(Base):
    __tablename__ = "visit_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(20))  # a payment_methods code
    amount: Mapped[Decimal] = mapped_column(Money)

    visit: Mapped[Visit] = relationship(back_populates="payments")

    __table_args__ = (Index("ix_visit_payments_visit_cover", "visit_id", "method", "amount"),)
