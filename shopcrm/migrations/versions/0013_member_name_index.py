"""An index for "characters anywhere in the name" (the counter's name-contains search).

- SQLite: ``member_names_fts``, an FTS5 table with the trigram tokenizer over
  ``members.name`` (external content: it holds the trigrams, the names stay in ``members``),
  filled here for the members already there and kept in step by three triggers on
  ``members`` (insert, delete, update of the name). A SQLite built without FTS5 gets
  nothing: the search then scans the name index as before.
- PostgreSQL: ``pg_trgm`` and a GIN trigram index on ``members.name``, which serves
  ``name LIKE '%…%'`` by itself. Where the extension cannot be created (not installed, no
  right to create it) the migration leaves a note in the log and the search scans.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

FTS_TABLE = "member_names_fts"
PG_INDEX = "ix_members_name_trgm"

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "name, content='members', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON members BEGIN"
    f" INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON members BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name);"
    " END",
    f"CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF name ON members BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name);"
    f" INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",  # the members already there
]


def _sqlite_upgrade() -> None:
    conn = op.get_bind()
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(SQLITE_CREATE[0])
    except DBAPIError as exc:  # no FTS5 or no trigram tokenizer (SQLite < 3.34)
        log.warning("no name index: this SQLite cannot make an FTS5 trigram table (%s)", exc)
        return
    for statement in SQLITE_CREATE[1:]:
        conn.exec_driver_sql(statement)


def _postgresql_upgrade() -> None:
    conn = op.get_bind()
    try:
        with conn.begin_nested():  # a refusal must not abort the upgrade's transaction
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as exc:
        log.warning("no name index: pg_trgm is not available on this server (%s)", exc)
        return
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON members USING gin (name gin_trgm_ops)"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _postgresql_upgrade()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
