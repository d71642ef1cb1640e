"""Staff commission: versioned rules, designated lines, shared lines.

- `commission_rules`: one row per version of a rule (`family_id` ties the versions).
- `visit_line_staff`: the staff who shared a line, with their shares.
- `visit_lines` gain `designated` (指定 rather than 轮牌); existing lines are rotation.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commission_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=60), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("mode", sa.String(length=12), nullable=True),
        sa.Column("rate", sa.Integer(), nullable=True),
        sa.Column("fixed", sa.BigInteger(), nullable=True),
        sa.Column("base", sa.String(length=8), nullable=False),
        sa.Column("tier_mode", sa.String(length=12), nullable=True),
        sa.Column("tiers", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("valid_to", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["service_categories.id"],
            name=op.f("fk_commission_rules_category_id_service_categories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff.id"],
            name=op.f("fk_commission_rules_created_by_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_commission_rules_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_commission_rules_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_rules")),
    )
    op.create_index(
        op.f("ix_commission_rules_family_id"), "commission_rules", ["family_id"], unique=False
    )
    op.create_index(
        "ix_commission_rules_kind_valid", "commission_rules", ["kind", "valid_from"], unique=False
    )
    op.create_table(
        "visit_line_staff",
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("share", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["visit_lines.id"],
            name=op.f("fk_visit_line_staff_line_id_visit_lines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_visit_line_staff_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("line_id", "position", name=op.f("pk_visit_line_staff")),
    )
    op.create_index(
        op.f("ix_visit_line_staff_staff_id"), "visit_line_staff", ["staff_id"], unique=False
    )
    op.add_column(
        "visit_lines",
        sa.Column("designated", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("visit_lines") as batch:
        batch.drop_column("designated")
    op.drop_index(op.f("ix_visit_line_staff_staff_id"), table_name="visit_line_staff")
    op.drop_table("visit_line_staff")
    op.drop_index("ix_commission_rules_kind_valid", table_name="commission_rules")
    op.drop_index(op.f("ix_commission_rules_family_id"), table_name="commission_rules")
    op.drop_table("commission_rules")
