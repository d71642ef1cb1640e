"""Migration 0018: the index the day's list reads a lane at a time (issue 21)."""

from __future__ import annotations

from alembic import command
from rel_helpers import revision_before
from sqlalchemy import inspect

from shopcrm.db import make_engine, open_database
from shopcrm.migrate import SCHEMA_HEAD, alembic_config, current_revision, upgrade_to

INDEX = "ix_followups_status_rule_due"


def _indexes(engine) -> dict[str, list[str]]:
    return {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("followups")}


def test_the_upgrade_from_the_schema_before_adds_the_index_and_the_downgrade_drops_it(tmp_path):
    path = tmp_path / "before.db"
    engine = make_engine(str(path))
    upgrade_to(engine, revision_before("0018"))
    assert INDEX not in _indexes(engine)
    engine.dispose()
    upgraded = open_database(str(path))
    assert current_revision(upgraded) == SCHEMA_HEAD
    assert _indexes(upgraded)[INDEX] == ["status", "rule_id", "due_date"]
    upgraded.dispose()
    engine = make_engine(str(path))
    command.downgrade(alembic_config(engine), revision_before("0018"))
    assert INDEX not in _indexes(engine)
    engine.dispose()
