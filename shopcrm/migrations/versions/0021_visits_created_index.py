"""Index on visits (created_at): a closed month's backdated visits found by a seek.

Once any month is closed, a visit backdated into it is booked in the month it was recorded
(docs/money.md), so commission reads a month's lines as "visited in the month OR recorded in
it". Without an index on `created_at` that OR scanned every visit (1,000,000 rows at the
benchmark's size) for each month worked out; with it SQLite answers each side by its own
index (a multi-index OR).

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-27
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

INDEX = "ix_visits_created_at"


def upgrade() -> None:
    op.create_index(INDEX, "visits", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="visits")
