"""The index behind 1–2 characters "anywhere in the name" (migration 0020).

A trigram index (``name_index``: FTS5 on SQLite, pg_trgm on PostgreSQL) cannot answer fewer
than 3 characters, so a given name typed alone ("思馨") used to scan the name index.
``member_name_grams`` holds each distinct character and each pair of adjacent characters of
every member's name, primary key ``(gram, member_id)``: such a query is one index seek plus
``LIMIT`` on SQLite and PostgreSQL alike.

Grams are folded as SQLite's ``LIKE`` compares (ASCII letters in lower case, other
characters as written) and leave out anything with a space (a cleaned 1–2 character query
has none), so the look-up finds what ``name LIKE '%q%'`` found.

The services keep it in step wherever a name is written: `set_names` after creating,
renaming, importing or erasing a member (a deleted member's rows go with it: ON DELETE
CASCADE), `add_new` for rows inserted in bulk with their ids (demo shop, benchmark builder).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete
from sqlalchemy.orm import Session

from ...models import MemberNameGram
from ..bulk import insert_rows

MAX_CHARS = 2  # longer queries: the trigram index
GRAMS = _T = MemberNameGram.__table__
_DELETE_CHUNK = 500


def fold(text: str) -> str:
    """`text` as the index stores and looks it up: ASCII letters in lower case."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def name_grams(name: str | None) -> set[str]:
    """The distinct characters and adjacent pairs of `name` (folded, none with a space)."""
    text = fold(name or "")
    found = set(text)
    found.update(text[i : i + 2] for i in range(len(text) - 1))
    return {g for g in found if not any(c.isspace() for c in g)}


def _rows(pairs: Iterable[tuple[int, str | None]]) -> list[dict[str, Any]]:
    return [{"gram": g, "member_id": mid} for mid, name in pairs for g in sorted(name_grams(name))]


def add_new(bind: Session | Connection, members: Sequence[dict[str, Any]]) -> None:
    """Grams of members just inserted in bulk (dicts with `id` and `name`)."""
    rows = _rows((m["id"], m["name"]) for m in members)
    if rows:
        insert_rows(bind, _T, rows)


def set_names(bind: Session | Connection, names: dict[int, str | None]) -> None:
    """Replace the grams of these members (id -> the name now stored)."""
    if not names:
        return
    ids = sorted(names)
    for i in range(0, len(ids), _DELETE_CHUNK):
        bind.execute(delete(_T).where(_T.c.member_id.in_(ids[i : i + _DELETE_CHUNK])))
    rows = _rows(names.items())
    if rows:
        insert_rows(bind, _T, rows)
