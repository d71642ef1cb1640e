"""Schema migrations, run automatically when a database is opened."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def has_user_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})


def upgrade_to_head(engine: Engine) -> bool:
    """Upgrade the schema to the newest revision; True when anything was run.

    A SQLite file that already holds a shop is backed up before it is upgraded.
    """
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return False
    if current is None and has_user_tables(engine):
        raise RuntimeError("This database was not made by ShopCRM (no schema version found).")
    if current is not None:
        _backup_before_upgrade(engine, current)
    upgrade_to(engine, "head")
    log.info("database upgraded from %s to %s", current or "empty", head)
    return True


def upgrade_to(engine: Engine, revision: str) -> None:
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
