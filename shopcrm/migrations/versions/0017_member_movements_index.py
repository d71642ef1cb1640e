"""Index on money_movements (member_id, kind, booked_on): a member's own movements by a seek.

A visit save checks the member's level rule (spend, top-ups or the largest top-up in the
rule's window), which sums the member's money movements. Without an index on `member_id`
each check scanned the whole ledger: two scans of a million rows, 0.2–0.4 s a save at
100,000 members (benchmarks/README.md). The index serves every "this member's movements
of these kinds since that day" question.

Revision ID: 0017
Revises: 0013
Create Date: 2026-11-27
"""

from alembic import op

revision = "0017"
down_revision = "0013"
branch_labels = None
depends_on = None

INDEX = "ix_money_movements_member"


def upgrade() -> None:
    op.create_index(INDEX, "money_movements", ["member_id", "kind", "booked_on"], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="money_movements")
