"""Member levels that price themselves, level history, top-up offers.

- `member_levels` (ordered by `rank`), `level_discounts` (per service category),
  `level_changes` (a member's level history), `topup_offers` (充值赠送 tiers).
- `members` gain `level_id` and `level_locked`. Every free-text label already in
  `members.level` becomes a level row with no discount (rate 1, no upgrade rule), so no
  price changes until the owner sets discounts; the label stays as it was.
- `services` gain `level_floor` and `no_level_discount`; `visit_lines` gain
  `discount_rate`, `level_id` (the level a line was priced at) and
  `override_reason`.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _create_tables() -> None:
    op.create_table(
        "member_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("discount", sa.Integer(), nullable=False),
        sa.Column("points_rate", sa.Integer(), nullable=False),
        sa.Column("upgrade_kind", sa.String(length=10), nullable=False),
        sa.Column("upgrade_amount", sa.BigInteger(), nullable=True),
        sa.Column("window_days", sa.Integer(), nullable=True),
        sa.Column("downgrade", sa.Boolean(), nullable=False),
        sa.Column("reverse_on_refund", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_levels")),
        sa.UniqueConstraint("name", name=op.f("uq_member_levels_name")),
    )
    op.create_table(
        "level_discounts",
        sa.Column("level_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("discount", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["service_categories.id"],
            name=op.f("fk_level_discounts_category_id_service_categories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["level_id"],
            ["member_levels.id"],
            name=op.f("fk_level_discounts_level_id_member_levels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("level_id", "category_id", name=op.f("pk_level_discounts")),
    )
    op.create_table(
        "level_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("from_level_id", sa.Integer(), nullable=True),
        sa.Column("to_level_id", sa.Integer(), nullable=True),
        sa.Column("reason_id", sa.String(length=60), nullable=False),
        sa.Column("reason_params", sa.JSON(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_level_id"],
            ["member_levels.id"],
            name=op.f("fk_level_changes_from_level_id_member_levels"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_level_changes_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_level_changes_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["to_level_id"],
            ["member_levels.id"],
            name=op.f("fk_level_changes_to_level_id_member_levels"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_level_changes_visit_id_visits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_level_changes")),
    )
    op.create_index(
        op.f("ix_level_changes_member_id"), "level_changes", ["member_id"], unique=False
    )
    op.create_index(
        op.f("ix_level_changes_changed_at"), "level_changes", ["changed_at"], unique=False
    )
    op.create_table(
        "topup_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topup_amount", sa.BigInteger(), nullable=False),
        sa.Column("bonus", sa.BigInteger(), nullable=False),
        sa.Column("level_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["level_id"],
            ["member_levels.id"],
            name=op.f("fk_topup_offers_level_id_member_levels"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topup_offers")),
        sa.UniqueConstraint("topup_amount", name=op.f("uq_topup_offers_topup_amount")),
    )


def _add_columns() -> None:
    """Plain ADD COLUMN (no table rebuild: on SQLite a rebuild of `members` or `services`
    fails while visits and lines point at them)."""
    _add_level_id("members")
    op.add_column(
        "members",
        sa.Column("level_locked", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index(op.f("ix_members_level_id"), "members", ["level_id"], unique=False)
    op.add_column("services", sa.Column("level_floor", sa.Integer(), nullable=True))
    op.add_column(
        "services",
        sa.Column("no_level_discount", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("visit_lines", sa.Column("discount_rate", sa.Integer(), nullable=True))
    _add_level_id("visit_lines")
    op.add_column(
        "visit_lines", sa.Column("override_reason", sa.Text(), nullable=False, server_default="")
    )


def _add_level_id(table: str) -> None:
    """`level_id` (member_levels.id) without a FK constraint: SQLite cannot add one to an
    existing table without rebuilding it, and `members` cannot be rebuilt while visits point
    at it. Levels are retired, never deleted."""
    op.add_column(table, sa.Column("level_id", sa.Integer(), nullable=True))


def _levels_from_labels(conn: sa.Connection) -> None:
    """Each label in use becomes a level without a discount; members point at theirs."""
    labels = [
        row[0]
        for row in conn.execute(
            sa.text("SELECT DISTINCT level FROM members WHERE level IS NOT NULL AND level <> ''")
        )
    ]
    now = conn.execute(sa.text("SELECT CURRENT_TIMESTAMP")).scalar()
    for rank, label in enumerate(sorted(labels), start=1):
        level_id = conn.execute(
            sa.text(
                "INSERT INTO member_levels (name, rank, discount, points_rate, upgrade_kind,"
                " upgrade_amount, window_days, downgrade, reverse_on_refund, active, created_at)"
                " VALUES (:name, :rank, 10000, 10000, 'none', NULL, NULL, :f, :t, :t, :now)"
                " RETURNING id"
            ),
            {"name": label[:40], "rank": rank, "f": False, "t": True, "now": now},
        ).scalar()
        conn.execute(
            sa.text("UPDATE members SET level_id = :id WHERE level = :label"),
            {"id": level_id, "label": label},
        )


def upgrade() -> None:
    _create_tables()
    _add_columns()
    _levels_from_labels(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("visit_lines") as batch:
        batch.drop_column("level_id")
        batch.drop_column("override_reason")
        batch.drop_column("discount_rate")
    with op.batch_alter_table("services") as batch:
        batch.drop_column("no_level_discount")
        batch.drop_column("level_floor")
    with op.batch_alter_table("members") as batch:
        batch.drop_index("ix_members_level_id")
        batch.drop_column("level_locked")
        batch.drop_column("level_id")
    op.drop_table("topup_offers")
    op.drop_index(op.f("ix_level_changes_changed_at"), table_name="level_changes")
    op.drop_index(op.f("ix_level_changes_member_id"), table_name="level_changes")
    op.drop_table("level_changes")
    op.drop_table("level_discounts")
    op.drop_table("member_levels")
