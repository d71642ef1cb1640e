"""Count cards and packages (次卡、疗程卡、套餐卡).

- `card_types` and `card_type_items` (services with paid and gifted uses, price, validity);
- `member_cards` and `member_card_items` (a type copied at the moment of sale);
- `card_entries`, the cards' append-only ledger (sale, opening, use, reversal, refund);
- the internal payment method `package` (a visit line paid with a card use).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _fk(col: str, table: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    ref = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [col], [target], name=op.f(f"fk_{table}_{col}_{ref}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "card_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_types")),
        sa.UniqueConstraint("name", name=op.f("uq_card_types_name")),
    )
    op.create_table(
        "card_type_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_type_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("paid_uses", sa.Integer(), nullable=False),
        sa.Column("bonus_uses", sa.Integer(), nullable=False),
        _fk("card_type_id", "card_type_items", "card_types.id", "CASCADE"),
        _fk("service_id", "card_type_items", "services.id", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_type_items")),
        sa.UniqueConstraint("card_type_id", "service_id", name="uq_card_type_items"),
    )
    op.create_index(op.f("ix_card_type_items_card_type_id"), "card_type_items", ["card_type_id"])
    op.create_table(
        "member_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("card_type_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("sold_at", sa.DateTime(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("opening", sa.Boolean(), nullable=False),
        sa.Column("source_ref", sa.String(length=64), nullable=True),
        sa.Column("refunded_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("member_id", "member_cards", "members.id", "RESTRICT"),
        _fk("card_type_id", "member_cards", "card_types.id", "SET NULL"),
        _fk("staff_id", "member_cards", "staff.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_cards")),
        sa.UniqueConstraint("source_ref", name=op.f("uq_member_cards_source_ref")),
    )
    op.create_index(op.f("ix_member_cards_member_id"), "member_cards", ["member_id"])
    op.create_table(
        "member_card_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("paid_uses", sa.Integer(), nullable=False),
        sa.Column("bonus_uses", sa.Integer(), nullable=False),
        sa.Column("unit_value", sa.BigInteger(), nullable=False),
        _fk("card_id", "member_card_items", "member_cards.id", "CASCADE"),
        _fk("service_id", "member_card_items", "services.id", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_card_items")),
    )
    op.create_index(op.f("ix_member_card_items_card_id"), "member_card_items", ["card_id"])
    op.create_table(
        "card_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("paid_uses", sa.Integer(), nullable=False),
        sa.Column("bonus_uses", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("visit_line_id", sa.Integer(), nullable=True),
        sa.Column("movement_id", sa.Integer(), nullable=True),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _fk("card_id", "card_entries", "member_cards.id", "RESTRICT"),
        _fk("item_id", "card_entries", "member_card_items.id", "RESTRICT"),
        _fk("visit_id", "card_entries", "visits.id", "RESTRICT"),
        _fk("visit_line_id", "card_entries", "visit_lines.id", "RESTRICT"),
        _fk("movement_id", "card_entries", "money_movements.id", "RESTRICT"),
        _fk("reverses_id", "card_entries", "card_entries.id"),
        _fk("staff_id", "card_entries", "staff.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_entries")),
    )
    op.create_index("ix_card_entries_card", "card_entries", ["card_id", "item_id"])
    op.create_index(
        "ix_card_entries_time", "card_entries", ["occurred_at", "kind", "card_id", "value"]
    )
    op.create_index("ix_card_entries_visit", "card_entries", ["visit_id"])
    op.create_index("ix_card_entries_line", "card_entries", ["visit_line_id"])
    methods = sa.table(
        "payment_methods",
        sa.column("code", sa.String),
        sa.column("name_zh", sa.String),
        sa.column("name_en", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("internal", sa.Boolean),
        sa.column("sort_order", sa.Integer),
    )
    op.get_bind().execute(
        methods.insert(),
        [
            {
                "code": "package",
                "name_zh": "次卡",
                "name_en": "Package card",
                "active": True,
                "internal": True,
                "sort_order": 92,
            }
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM payment_methods WHERE code = 'package'")
    for table in (
        "card_entries",
        "member_card_items",
        "member_cards",
        "card_type_items",
        "card_types",
    ):
        op.drop_table(table)
