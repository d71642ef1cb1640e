"""Index on followups (status, rule_id, due_date): the day's list read a lane at a time.

The Follow-ups screen reads the day's list a page at a time (issue 21): for each active
rule, in the rules' order, the open follow-ups due by the day, in due-date order, from a
cursor (services/followups/paging.py). With this index each such read is a range seek that
stops after the page (at 46,499 due on one day the first page reads about a hundred index
entries), and the whole-day count and ids seek rule by rule instead of scanning every open
follow-up of every day. `ix_followups_status_due (status, due_date)` stays for raising and
expiry, which ask across rules.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-27
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

INDEX = "ix_followups_status_rule_due"


def upgrade() -> None:
    op.create_index(INDEX, "followups", ["status", "rule_id", "due_date"], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="followups")
