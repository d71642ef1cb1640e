"""Migration 0018: the index the day's list reads a lane at a time (issue 21)."""

from __future__ import annotations

from rel_helpers import check_index_migration

INDEX = "ix_followups_status_rule_due"


def test_the_upgrade_from_the_schema_before_adds_the_index_and_the_downgrade_drops_it(tmp_path):
    check_index_migration(
        tmp_path, "0018", {("followups", INDEX): ["status", "rule_id", "due_date"]}
    )
