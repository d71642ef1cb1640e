"""Bookings (预约、订座): appointments with a stylist and reservations of a table.

No double booking is kept by the database itself: every live booking (booked or arrived)
claims one `booking_slots` row per 5-minute slot for each resource it holds (a staff
member, a table), and the primary key (resource, slot) refuses a second claim on the same
slot — on SQLite and PostgreSQL alike, whoever commits first wins a race. A booking that
leaves the live states (done, no-show, cancelled) gives its claims back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .. import clock
from .base import Base

BOOKING_BOOKED = "booked"
BOOKING_ARRIVED = "arrived"
BOOKING_DONE = "done"
BOOKING_NOSHOW = "noshow"
BOOKING_CANCELLED = "cancelled"
BOOKING_STATES = (BOOKING_BOOKED, BOOKING_ARRIVED, BOOKING_DONE, BOOKING_NOSHOW, BOOKING_CANCELLED)
LIVE_STATES = (BOOKING_BOOKED, BOOKING_ARRIVED)

SLOT_MINUTES = 5  # a booking starts and ends on these steps; one claim row per step


class BookingTable(Base):
    """A restaurant's table (or an area booked as one), a column of the day view."""

    __tablename__ = "booking_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    area: Mapped[str] = mapped_column(String(40), default="")  # 大厅, 包间 ...
    seats: Mapped[int] = mapped_column(Integer, default=4)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class Booking(Base):
    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A member, or a newcomer's name and phone (member_id None).
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    guest_name: Mapped[str] = mapped_column(String(100), default="")
    guest_phone: Mapped[str] = mapped_column(String(32), default="")
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True
    )  # None: anyone
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("booking_tables.id", ondelete="SET NULL"), index=True
    )
    # The shop's local wall-clock time, naive (as every timestamp); ends_at > starts_at.
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    service_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    party_size: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default=BOOKING_BOOKED, index=True)
    # Cancelled by 'shop' or 'client', with the reason; who changed the state and when.
    cancelled_by: Mapped[str] = mapped_column(String(10), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    state_at: Mapped[datetime | None] = mapped_column(DateTime)
    state_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    __table_args__ = (Index("ix_bookings_member_time", "member_id", "starts_at"),)


class BookingSlot(Base):
    """One 5-minute slot of one resource ('staff:3', 'table:7') held by a live booking."""

    __tablename__ = "booking_slots"

    resource: Mapped[str] = mapped_column(String(20), primary_key=True)
    slot_at: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
