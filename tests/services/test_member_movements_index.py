"""Migration 0017: a member's money movements are found by the index, not a ledger scan
(the level rule a visit save checks sums them; at 100,000 members a scan cost 0.2–0.4 s)."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from rel_helpers import revision_before
from sqlalchemy import event, inspect

from shopcrm.db import is_sqlite, make_engine, open_database
from shopcrm.migrate import SCHEMA_HEAD, alembic_config, current_revision, upgrade_to
from shopcrm.services.levels import changes

INDEX = "ix_money_movements_member"


def _indexes(engine) -> set[str]:
    return {ix["name"] for ix in inspect(engine).get_indexes("money_movements")}


def test_the_upgrade_from_the_schema_before_adds_the_index_and_the_downgrade_drops_it(tmp_path):
    path = tmp_path / "before.db"
    engine = make_engine(str(path))
    upgrade_to(engine, revision_before("0017"))
    assert INDEX not in _indexes(engine)
    engine.dispose()
    upgraded = open_database(str(path))
    assert current_revision(upgraded) == SCHEMA_HEAD
    assert INDEX in _indexes(upgraded)
    upgraded.dispose()
    engine = make_engine(str(path))
    command.downgrade(alembic_config(engine), revision_before("0017"))
    assert INDEX not in _indexes(engine)
    engine.dispose()


@pytest.mark.parametrize(
    "check",
    [
        lambda s: changes.counted_spend(s, 1, date(2026, 1, 1)),
        lambda s: changes.counted_spend(s, 1),
        lambda s: changes.counted_topups(s, 1, date(2026, 1, 1)),
        lambda s: changes._largest_topup(s, 1, None),
    ],
    ids=["spend-window", "spend-all", "topups-window", "largest-topup"],
)
def test_the_level_rule_sums_are_index_seeks(engine, session, check):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cur, statement, params, _ctx, _many):
        if "money_movements" in statement:
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        check(session)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert seen
    for statement, params in seen:
        rows = session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, tuple(params)
        )
        plan = " ".join(str(row[-1]) for row in rows)
        assert INDEX in plan and "SCAN money_movements" not in plan, plan
