"""Bookings: appointments and table reservations, with slot claims against double booking.

- `booking_tables`: a restaurant's tables / areas.
- `bookings`: member or newcomer, staff and/or table, start and end (local time), services,
  party size, state (booked, arrived, done, noshow, cancelled), reason, the visit it became.
- `booking_slots`: one row per 5-minute slot per resource a live booking holds; its primary
  key (resource, slot_at) is what refuses a double booking, on SQLite and PostgreSQL.

New tables only: nothing existing is rebuilt.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "booking_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("area", sa.String(length=40), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_tables")),
        sa.UniqueConstraint("name", name=op.f("uq_booking_tables_name")),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("guest_name", sa.String(length=100), nullable=False),
        sa.Column("guest_phone", sa.String(length=32), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("service_ids", sa.JSON(), nullable=False),
        sa.Column("party_size", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("cancelled_by", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state_at", sa.DateTime(), nullable=True),
        sa.Column("state_by_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_bookings_member_id_members"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_bookings_staff_id_staff"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["booking_tables.id"],
            name=op.f("fk_bookings_table_id_booking_tables"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["state_by_id"],
            ["staff.id"],
            name=op.f("fk_bookings_state_by_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_bookings_visit_id_visits"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff.id"],
            name=op.f("fk_bookings_created_by_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    op.create_index(op.f("ix_bookings_staff_id"), "bookings", ["staff_id"], unique=False)
    op.create_index(op.f("ix_bookings_table_id"), "bookings", ["table_id"], unique=False)
    op.create_index(op.f("ix_bookings_starts_at"), "bookings", ["starts_at"], unique=False)
    op.create_index(op.f("ix_bookings_state"), "bookings", ["state"], unique=False)
    op.create_index("ix_bookings_member_time", "bookings", ["member_id", "starts_at"], unique=False)
    op.create_table(
        "booking_slots",
        sa.Column("resource", sa.String(length=20), nullable=False),
        sa.Column("slot_at", sa.DateTime(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_slots_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("resource", "slot_at", name=op.f("pk_booking_slots")),
    )
    op.create_index(
        op.f("ix_booking_slots_booking_id"), "booking_slots", ["booking_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_booking_slots_booking_id"), table_name="booking_slots")
    op.drop_table("booking_slots")
    op.drop_index("ix_bookings_member_time", table_name="bookings")
    op.drop_index(op.f("ix_bookings_state"), table_name="bookings")
    op.drop_index(op.f("ix_bookings_starts_at"), table_name="bookings")
    op.drop_index(op.f("ix_bookings_table_id"), table_name="bookings")
    op.drop_index(op.f("ix_bookings_staff_id"), table_name="bookings")
    op.drop_table("bookings")
    op.drop_table("booking_tables")
