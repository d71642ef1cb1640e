"""Migration 0021: once a month is closed, commission reads a month's lines as "visited in
it OR recorded in it"; the recorded side is an index seek, not a scan of every visit."""

from __future__ import annotations

import pytest
from rel_helpers import check_index_migration
from sqlalchemy import event

from shopcrm import clock
from shopcrm.db import is_sqlite
from shopcrm.services.auth import SYSTEM
from shopcrm.services.commission import sources
from shopcrm.services.money.months import close_month

INDEX = "ix_visits_created_at"


def test_the_upgrade_from_the_schema_before_adds_the_index_and_the_downgrade_drops_it(tmp_path):
    check_index_migration(tmp_path, "0021", {("visits", INDEX): ["created_at"]})


def test_a_month_after_a_close_is_read_without_scanning_the_visits(engine, session):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    with clock.frozen("2026-11-05 10:00"):
        close_month(session, 2026, 10, actor=SYSTEM)
    session.flush()
    _statistics_of_a_big_shop(session)
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cur, statement, params, _ctx, _many):
        if "visits" in statement and "created_at" in statement:
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        sources.own_lines(session, "2026-11")
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert seen  # the closed month made the month's filter "visited OR recorded"
    for statement, params in seen:
        rows = session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, tuple(params)
        )
        plan = " ".join(str(row[-1]) for row in rows)
        assert INDEX in plan and "SCAN visit" not in plan, plan


def _statistics_of_a_big_shop(session) -> None:  # noqa: ANN001
    """The planner's statistics of a shop with a million visits (as `ANALYZE` leaves them
    there): on an empty test database it would pick any plan, index or not."""
    conn = session.connection()
    conn.exec_driver_sql("ANALYZE")
    conn.exec_driver_sql("DELETE FROM sqlite_stat1")
    stats = [
        ("visits", "ix_visits_visited_at", "1000000 2"),
        ("visits", INDEX, "1000000 2"),
        ("visits", "ix_visits_day_totals", "1000000 2 2 2 2 2 2"),
        ("visit_lines", "ix_visit_lines_visit_id", "2000000 2"),
    ]
    for table, index, stat in stats:
        conn.exec_driver_sql("INSERT INTO sqlite_stat1 VALUES (?, ?, ?)", (table, index, stat))
    conn.exec_driver_sql("ANALYZE sqlite_schema")  # the planner reads them again
