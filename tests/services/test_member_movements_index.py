"""Migration 0017: a member's money movements are found by the index, not a ledger scan
(the level rule a visit save checks sums them; at 100,000 members a scan cost 0.2–0.4 s)."""

from __future__ import annotations

from datetime import date

import pytest
from rel_helpers import check_index_migration
from sqlalchemy import event

from shopcrm.db import is_sqlite
from shopcrm.services.levels import changes

INDEX = "ix_money_movements_member"


def test_the_upgrade_from_the_schema_before_adds_the_index_and_the_downgrade_drops_it(tmp_path):
    check_index_migration(
        tmp_path, "0017", {("money_movements", INDEX): ["member_id", "kind", "booked_on"]}
    )


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
