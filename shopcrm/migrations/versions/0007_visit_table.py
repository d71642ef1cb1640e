"""A restaurant's quick bill: the table it was served at (`visits.table_no`, may be empty).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("table_no", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("table_no")
