"""The benchmark scenarios: each returns Figures, the product beside its same-run limit."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks.harness import Figure, median_child, median_time, run_child

TMP = Path(tempfile.gettempdir())


@dataclass
class Context:
    db_path: Path
    runs: int
    members: int
    visits: int
    _engine: Any = field(default=None, repr=False)
    _raw: sqlite3.Connection | None = field(default=None, repr=False)

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from shopcrm.db import open_database

            self._engine = open_database(str(self.db_path))
        return self._engine

    @property
    def raw(self) -> sqlite3.Connection:
        """A plain sqlite3 connection: the machine's limit for a query."""
        if self._raw is None:
            self._raw = sqlite3.connect(str(self.db_path))
            self._raw.execute("PRAGMA journal_mode=WAL")
        return self._raw

    def session(self) -> Any:
        from sqlalchemy.orm import Session

        return Session(self.engine, expire_on_commit=False)

    def sample_member(self) -> tuple[int, str, str]:
        """A member with visits and a stored-value balance: (id, phone digits, name)."""
        row = self.raw.execute(
            "SELECT m.id, m.phone_digits, m.name FROM members m JOIN wallet_entries w"
            " ON w.member_id = m.id AND w.account = 'stored_value'"
            " WHERE m.status = 'active' AND m.visit_count >= 5"
            " GROUP BY m.id HAVING SUM(w.amount) >= 50000 ORDER BY m.id LIMIT 1").fetchone()
        return int(row[0]), str(row[1]), str(row[2])

    def latest_month(self) -> tuple[int, int]:
        """The last full month of the shop's history."""
        last = self.raw.execute("SELECT MAX(visited_at) FROM visits").fetchone()[0]
        day = datetime.fromisoformat(str(last)).date().replace(day=1)
        return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
        if self._engine is not None:
            self._engine.dispose()


def _ms(seconds: float) -> float:
    return seconds * 1000


# ---------------------------------------------------------------- member search


def search(ctx: Context) -> list[Figure]:
    from shopcrm.services.members import search_members

    _id, phone, name = ctx.sample_member()
    from shopcrm.services.names import name_keys

    full, initials = name_keys(name)
    tail = phone[-4:][::-1]
    upper = tail[:-1] + chr(ord(tail[-1]) + 1)
    cases = [
        ("member search: phone tail", phone[-4:],
         "SELECT id FROM members WHERE phone_rev >= ? AND phone_rev < ? AND status = 'active'"
         " ORDER BY last_visit_on DESC LIMIT 20", (tail, upper)),
        ("member search: name", name,
         "SELECT id FROM members WHERE name >= ? AND name < ? AND status = 'active' LIMIT 20",
         (name, name + "\uffff")),
        ("member search: pinyin initials", initials,
         "SELECT id FROM members WHERE name_initials >= ? AND name_initials < ?"
         " AND status = 'active' LIMIT 20", (initials, initials + "~")),
    ]
    figures = []
    with ctx.session() as session:
        for title, query, sql, params in cases:
            value = median_time(lambda q=query: search_members(session, q, limit=20),
                                runs=ctx.runs * 3)
            limit = median_time(lambda s=sql, p=params: ctx.raw.execute(s, p).fetchall(),
                                runs=ctx.runs * 3)
            figures.append(Figure(title, "ms", _ms(value), _ms(limit), target=20,
                                  note=f"“{query}”"))
    return figures


ALL: list[tuple[str, Callable[[Context], list[Figure]]]] = [
    ("search", search),
]

__all__ = ["ALL", "Context", "Decimal", "csv", "date", "median_child", "run_child",
           "threading"]
