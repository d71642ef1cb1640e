"""Index on visits.replaces_id: a visit's detail finds the visit that replaced it by a seek.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_visits_replaces_id"), "visits", ["replaces_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_visits_replaces_id"), table_name="visits")
