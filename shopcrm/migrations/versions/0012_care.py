"""Care beyond birthdays (issue 20): campaigns, complaints, satisfaction scores, and the
holiday greeting rules.

- `campaigns`, `complaints`, `satisfaction_scores` (models/care.py).
- One follow-up rule of kind 'holiday' per holiday (services/holidays.py): 春节 and 中秋
  on, with 3 lead days like birthdays; the others off until the owner turns them on. Names
  and templates are left empty: the shop shows each holiday's default words in its language.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shopcrm import clock

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# (holiday key, on, default segment): kept here, not imported, so that this migration does
# the same thing whatever later code says.
HOLIDAY_RULES = (
    ("new_year", False, ""),
    ("spring_festival", True, ""),
    ("lantern", False, ""),
    ("valentines", False, ""),
    ("womens_day", False, ""),
    ("qixi", False, ""),
    ("teachers_day", False, "tag:教师"),
    ("mid_autumn", True, ""),
    ("national_day", False, ""),
    ("double_ninth", False, ""),
    ("christmas", False, ""),
)


def _create_tables() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("segment", sa.String(length=200), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("no_consent", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["followup_rules.id"],
            name=op.f("fk_campaigns_rule_id_followup_rules"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_campaigns_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("key", name=op.f("uq_campaigns_key")),
    )
    op.create_index(op.f("ix_campaigns_on_date"), "campaigns", ["on_date"], unique=False)
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("resolution", sa.String(length=10), nullable=False),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("contacted_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["staff.id"],
            name=op.f("fk_complaints_created_by_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["followups.id"],
            name=op.f("fk_complaints_followup_id_followups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_complaints_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_complaints_service_id_services"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_complaints_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_complaints_visit_id_visits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_complaints_visit_id")),
    )
    op.create_index("ix_complaints_member", "complaints", ["member_id"], unique=False)
    op.create_index("ix_complaints_opened", "complaints", ["opened_at"], unique=False)
    op.create_index("ix_complaints_status", "complaints", ["status"], unique=False)
    op.create_table(
        "satisfaction_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["followups.id"],
            name=op.f("fk_satisfaction_scores_followup_id_followups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_satisfaction_scores_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_satisfaction_scores_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_satisfaction_scores_visit_id_visits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_scores")),
    )
    op.create_index(
        "ix_satisfaction_scores_member", "satisfaction_scores", ["member_id"], unique=False
    )
    op.create_index(
        "ix_satisfaction_scores_time", "satisfaction_scores", ["created_at"], unique=False
    )


def _holiday_rules() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM followup_rules WHERE kind = 'holiday'")).scalar():
        return
    rules = sa.table(
        "followup_rules",
        sa.column("kind", sa.String),
        sa.column("name", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("params", sa.JSON),
        sa.column("template_zh", sa.Text),
        sa.column("template_en", sa.Text),
        sa.column("builtin", sa.Boolean),
        sa.column("sort_order", sa.Integer),
        sa.column("created_at", sa.DateTime),
    )
    now = clock.now()
    op.bulk_insert(
        rules,
        [
            {
                "kind": "holiday",
                "name": "",
                "active": on,
                "params": {"holiday": key, "lead_days": 3, "keep_days": 0, "segment": segment},
                "template_zh": "",
                "template_en": "",
                "builtin": True,
                "sort_order": 50 + i,
                "created_at": now,
            }
            for i, (key, on, segment) in enumerate(HOLIDAY_RULES)
        ],
    )


def upgrade() -> None:
    _create_tables()
    _holiday_rules()


def downgrade() -> None:
    op.execute("DELETE FROM followup_rules WHERE kind = 'holiday'")
    op.drop_table("satisfaction_scores")
    op.drop_table("complaints")
    op.drop_table("campaigns")
