"""Schema migrations, run when the app or a write command opens a database.

Knowing *whether* an upgrade is due must stay cheap: every command and the app's start ask
it. So the stored revision is read with one plain SQL query and compared with `SCHEMA_HEAD`,
a constant that tests/services/test_migrations.py keeps equal to Alembic's real head. Alembic
itself (about 0.2 s of imports) is loaded only when an upgrade is actually due.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# The newest migration in shopcrm/migrations/versions. A new migration must bump it (a test
# compares it with Alembic's head and names the value to put here).
SCHEMA_HEAD = "0021"

# Objects a migration makes by hand that the models do not describe (0013's name index:
# the FTS5 table with its shadow tables, the pg_trgm index); autogenerate leaves them alone.
OUTSIDE_MODELS = ("member_names_fts", "ix_members_name_trgm")


def include_name(name: str | None, _type: str, _parents: object) -> bool:
    """Alembic's ``include_name`` hook: False for the objects in OUTSIDE_MODELS."""
    return not (name or "").startswith(OUTSIDE_MODELS)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The head as Alembic computes it from the migration scripts (slow: loads Alembic)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database's ``alembic_version`` table, by plain SQL.

    None for a database without that table (empty, or not made by ShopCRM).
    """
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # pragma: no cover - a table of that name but another shape
            return None


def current_revision(engine: Engine) -> str | None:
    """The stored revision as Alembic reads it (kept for tests and restore checks)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def has_user_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})


def upgrade_due(engine: Engine) -> bool:
    """True when the database is not at `SCHEMA_HEAD` (without loading Alembic)."""
    return stored_revision(engine) != SCHEMA_HEAD


def upgrade_to_head(engine: Engine) -> bool:
    """Upgrade the schema to the newest revision; True when anything was run.

    A SQLite file that already holds a shop is backed up before it is upgraded.
    """
    current = stored_revision(engine)
    if current == SCHEMA_HEAD:
        return False
    head = head_revision()
    if current == head:  # pragma: no cover - SCHEMA_HEAD not bumped (a test catches it)
        return False
    if current is None and has_user_tables(engine):
        raise RuntimeError("This database was not made by ShopCRM (no schema version found).")
    if current is not None:
        _backup_before_upgrade(engine, current)
    upgrade_to(engine, "head")
    log.info("database upgraded from %s to %s", current or "empty", head)
    return True


def upgrade_to(engine: Engine, revision: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def _backup_before_upgrade(engine: Engine, current: str) -> None:
    from .db import sqlite_path

    path = sqlite_path(engine)
    if path is None or not path.exists():
        return
    from .sqlite_copy import backup_sqlite_file

    target = path.with_name(f"{path.stem}.before-upgrade-{current}{path.suffix}")
    backup_sqlite_file(path, target)
    log.info("backed up %s to %s before upgrading", path, target)
