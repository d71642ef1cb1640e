"""Covering indexes for the monthly report, member classes and the month's workbook.

Each index holds every column its report query reads, so a month's figures, a member's
visit history and the ledgers are answered from the index alone (docs/reports.md,
"Indexes").

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_visits_day_totals",
        "visits",
        ["visited_at", "status", "member_id", "total_amount", "total_list", "total_discount"],
    ),
    ("ix_visits_member_history", "visits", ["member_id", "visited_at", "status", "total_amount"]),
    (
        "ix_visit_lines_visit_cover",
        "visit_lines",
        [
            "visit_id",
            "line_no",
            "service_id",
            "staff_id",
            "quantity",
            "unit_price",
            "discount",
            "amount",
            "item_name",
        ],
    ),
    ("ix_visit_payments_visit_cover", "visit_payments", ["visit_id", "method", "amount"]),
    (
        "ix_wallet_entries_account_time",
        "wallet_entries",
        ["account", "created_at", "entry_type", "amount"],
    ),
    (
        "ix_wallet_entries_account_member",
        "wallet_entries",
        ["account", "member_id", "created_at", "amount"],
    ),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
