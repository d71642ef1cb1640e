"""The index behind "characters anywhere in the name" (migration 0013).

On SQLite it is ``member_names_fts``, an FTS5 trigram table over ``members.name`` kept in
step by triggers on ``members``; on PostgreSQL a ``pg_trgm`` GIN index on ``members.name``
that ``LIKE '%…%'`` uses by itself. A trigram index answers a query of 3 characters or more;
1–2 characters are answered by the gram table (``name_grams``, migration 0020); a SQLite
without FTS5 scans the name index for 3 or more (correct, slower).

An erased member's name must leave the index too: the update trigger removes its trigrams,
and ``scrub`` then merges the index's segments so no old segment keeps them (FTS5 otherwise
leaves deleted entries in place until a later merge).
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ...db import is_sqlite

FTS_TABLE = "member_names_fts"
MIN_CHARS = 3  # a trigram index cannot answer fewer characters

_known: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _engine(session: Session) -> Engine:
    bind: Any = session.get_bind()
    return bind.engine


def has_fts(session: Session) -> bool:
    """Whether this SQLite database has the trigram table (asked once per engine)."""
    engine = _engine(session)
    known = _known.get(engine)
    if known is None:
        known = is_sqlite(engine) and bool(
            session.execute(
                text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                {"n": FTS_TABLE},
            ).first()
        )
        _known[engine] = known
    return known


def forget(engine: Engine) -> None:
    """Ask again next time (after the table was made or dropped on a live engine)."""
    _known.pop(engine, None)


def fts_phrase(query: str) -> str:
    """`query` as one FTS5 phrase: the characters in this order, anywhere in the name."""
    return '"' + query.replace('"', '""') + '"'


def scrub(session: Session) -> None:
    """Merge the index into one segment, dropping deleted entries (after an erasure)."""
    if has_fts(session):
        session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))
