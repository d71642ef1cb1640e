"""Bulk inserts for generated data (the demo shop): one `executemany` on the driver.

SQLAlchemy's `conn.execute(insert(table), rows)` builds its parameters row by row in Python
(about 40 µs a row); at a million visits that is most of the demo's time. This writes the
same rows through the driver's `executemany` with the columns' own bind processors (so a
Money column still stores cents, a DateTime SQLAlchemy's text) and the columns' Python-side
defaults for keys the rows leave out. Only for rows already checked by their generator: no
ORM events run. Not for the counter's writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session


def insert_rows(bind: Session | Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` (dicts with the same keys) into `table`; returns how many."""
    if not rows:
        return 0
    if isinstance(bind, Session):
        bind.flush()  # what the session holds goes first, as Session.execute would
    conn = bind.connection() if isinstance(bind, Session) else bind
    dialect = conn.dialect
    if dialect.name != "sqlite":  # other drivers: SQLAlchemy's own executemany path
        conn.execute(insert(table), list(rows))
        return len(rows)
    keys = list(rows[0])
    given = set(keys)
    defaults = []  # (column name, value or callable) for columns the rows leave out
    for col in table.columns:
        if col.key in given or col.default is None:
            continue
        if not (col.default.is_scalar or col.default.is_callable):  # a SQL default
            conn.execute(insert(table), list(rows))
            return len(rows)
        defaults.append((col.key, col.default.arg, col.default.is_callable))
    names = keys + [name for name, _, _ in defaults]
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
    params = []
    for row in rows:
        values = [row[k] for k in keys]
        for _name, arg, is_callable in defaults:
            values.append(arg(None) if is_callable else arg)
        params.append(
            tuple(v if p is None else p(v) for v, p in zip(values, processors, strict=True))
        )
    columns = ", ".join(dialect.identifier_preparer.quote(table.c[n].name) for n in names)
    marks = ", ".join("?" * len(names))
    table_name = dialect.identifier_preparer.format_table(table)
    conn.exec_driver_sql(f"INSERT INTO {table_name} ({columns}) VALUES ({marks})", params)
    return len(rows)


__all__ = ["insert_rows"]
