"""Migrations build the schema, keep data across upgrades, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from shopcrm.db import make_engine, open_database
from shopcrm.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    include_name,
    upgrade_to,
)
from shopcrm.models import Base


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_models_match_migrations(engine):
    """Every model change ships with a migration: autogenerate finds nothing to do."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_data_survives_every_upgrade_from_the_oldest_schema(tmp_path):
    oldest = _revisions_oldest_first()[0]
    engine = make_engine(str(tmp_path / "old.db"))
    upgrade_to(engine, oldest)
    assert current_revision(engine) == oldest
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO members (id, name, name_pinyin, name_initials, phone, phone_digits,"
            " phone_rev, gender, birth_leap, level, join_date, source, notes,"
            " consent_marketing, profile, status, visit_count, lifetime_spend, created_at,"
            " updated_at, version) VALUES (7, '张三', 'zhangsan', 'zs', '+8613800138000',"
            " '13800138000', '00083100831', 'M', 0, '', '2024-01-02', '', '', 1, '{}',"
            " 'active', 0, 12345, '2024-01-02 10:00:00', '2024-01-02 10:00:00', 1)"))
    engine.dispose()
    upgraded = open_database(str(tmp_path / "old.db"))
    assert current_revision(upgraded) == head_revision()
    with upgraded.connect() as conn:
        row = conn.execute(text("SELECT name, phone, lifetime_spend FROM members WHERE id = 7")).one()
    assert tuple(row) == ("张三", "+8613800138000", 12345)


def test_opening_twice_runs_nothing_the_second_time(tmp_path):
    from shopcrm.migrate import upgrade_to_head

    engine = open_database(str(tmp_path / "a.db"))
    assert upgrade_to_head(engine) is False


def test_foreign_database_is_refused(tmp_path):
    import sqlite3

    import pytest

    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    with pytest.raises(RuntimeError, match="not made by ShopCRM"):
        open_database(str(path))
