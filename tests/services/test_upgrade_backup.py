"""An upgrade of a shop's SQLite file first copies it to <db>.before-upgrade-<rev>.db."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from shopcrm import migrate
from shopcrm.db import make_engine, open_database

OLDEST = "0001"


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _shop_at_oldest_revision(path: Path):
    """A real shop file built by the migrations up to 0001, holding one member."""
    engine = make_engine(str(path))
    migrate.upgrade_to(engine, OLDEST)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO members (id, name, name_pinyin, name_initials, phone, phone_digits,"
                " phone_rev, gender, birth_leap, level, join_date, source, notes,"
                " consent_marketing, profile, status, visit_count, lifetime_spend, created_at,"
                " updated_at, version) VALUES (3, '李四', 'lisi', 'ls', '+8613900139000',"
                " '13900139000', '00093100931', 'F', 0, '', '2024-03-04', '', '', 1, '{}',"
                " 'active', 2, 9900, '2024-03-04 10:00:00', '2024-03-04 10:00:00', 1)"
            )
        )
    return engine


def _members_in(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, name, lifetime_spend FROM members").fetchall()


def test_backup_before_upgrade_copies_the_whole_shop(tmp_path):
    db = tmp_path / "shop.db"
    engine = _shop_at_oldest_revision(db)
    assert migrate.current_revision(engine) == OLDEST
    migrate._backup_before_upgrade(engine, OLDEST)
    engine.dispose()
    backup = tmp_path / f"shop.before-upgrade-{OLDEST}.db"
    assert backup.exists()
    assert _members_in(backup) == [(3, "李四", 9900)]
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (OLDEST,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not list(tmp_path.glob("*.part"))  # written to a temporary name, then renamed


def test_opening_an_older_shop_backs_it_up_then_upgrades(tmp_path):
    if _revisions() == [OLDEST]:
        pytest.skip("only revision 0001 exists on this branch: nothing to upgrade yet")
    db = tmp_path / "shop.db"
    _shop_at_oldest_revision(db).dispose()
    upgraded = open_database(str(db))
    assert migrate.current_revision(upgraded) == migrate.head_revision()
    upgraded.dispose()
    backup = tmp_path / f"shop.before-upgrade-{OLDEST}.db"
    assert _members_in(backup) == [(3, "李四", 9900)]
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (OLDEST,)


def test_a_new_shop_and_an_up_to_date_shop_make_no_backup(tmp_path):
    db = tmp_path / "new.db"
    open_database(str(db)).dispose()  # created from nothing: there was nothing to keep
    open_database(str(db)).dispose()  # already at head: nothing to upgrade
    assert sorted(p.name for p in tmp_path.glob("*before-upgrade*")) == []


def test_backup_is_skipped_where_there_is_no_file(engine, tmp_path):
    """PostgreSQL (or an in-memory SQLite) has no file to copy: the upgrade goes on."""
    memory = make_engine("sqlite:///:memory:")
    migrate._backup_before_upgrade(memory, OLDEST)
    memory.dispose()
    migrate._backup_before_upgrade(engine, OLDEST)  # the test database: SQLite file or PG
    backups = sorted(p.name for p in tmp_path.glob("*before-upgrade*"))
    if engine.dialect.name == "postgresql":
        assert backups == []
    else:  # the fixture's file is tmp_path/shop.db
        assert backups == [f"shop.before-upgrade-{OLDEST}.db"]
