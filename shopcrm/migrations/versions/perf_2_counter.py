"""Index on visits.replaces_id: a visit's detail finds the visit that replaced it by a seek.

Revision ID: perf_2
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "perf_2"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_visits_replaces_id"), "visits", ["replaces_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_visits_replaces_id"), table_name="visits")
