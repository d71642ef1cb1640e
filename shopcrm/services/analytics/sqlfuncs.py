"""Date arithmetic in SQL that reads the same on SQLite and PostgreSQL.

SQLite stores DATETIME as ISO text and PostgreSQL as timestamps; these constructs compile
to each dialect's spelling so aggregate queries can group by day, month, weekday and hour.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class _IntFunction(FunctionElement[int]):
    type = Integer()
    inherit_cache = True


class day_number(_IntFunction):  # noqa: N801 (reads like a SQL function)
    """Whole days since 1970-01-01 of a DATE or DATETIME column."""

    name = "day_number"
    inherit_cache = True


class month_number(_IntFunction):  # noqa: N801
    """year * 12 + month - 1, so consecutive months differ by one."""

    name = "month_number"
    inherit_cache = True


class weekday_number(_IntFunction):  # noqa: N801
    """0 = Monday ... 6 = Sunday (Python's weekday())."""

    name = "weekday_number"
    inherit_cache = True


class hour_number(_IntFunction):  # noqa: N801
    name = "hour_number"
    inherit_cache = True


def _arg(compiler: Any, element: FunctionElement[Any], **kw: Any) -> str:
    return compiler.process(list(element.clauses)[0], **kw)


@compiles(day_number, "sqlite")
def _day_sqlite(element: day_number, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({_arg(compiler, element, **kw)}) - 2440587.5 AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_pg(element: day_number, compiler: Any, **kw: Any) -> str:
    return f"(CAST({_arg(compiler, element, **kw)} AS DATE) - DATE '1970-01-01')"


@compiles(month_number, "sqlite")
def _month_sqlite(element: month_number, compiler: Any, **kw: Any) -> str:
    col = _arg(compiler, element, **kw)
    return f"(CAST(substr({col}, 1, 4) AS INTEGER) * 12 + CAST(substr({col}, 6, 2) AS INTEGER) - 1)"


@compiles(month_number, "postgresql")
def _month_pg(element: month_number, compiler: Any, **kw: Any) -> str:
    col = _arg(compiler, element, **kw)
    return (
        f"(CAST(EXTRACT(YEAR FROM {col}) AS INTEGER) * 12 "
        f"+ CAST(EXTRACT(MONTH FROM {col}) AS INTEGER) - 1)"
    )


@compiles(weekday_number, "sqlite")
def _weekday_sqlite(element: weekday_number, compiler: Any, **kw: Any) -> str:
    return f"((CAST(strftime('%w', {_arg(compiler, element, **kw)}) AS INTEGER) + 6) % 7)"


@compiles(weekday_number, "postgresql")
def _weekday_pg(element: weekday_number, compiler: Any, **kw: Any) -> str:
    return f"(CAST(EXTRACT(ISODOW FROM {_arg(compiler, element, **kw)}) AS INTEGER) - 1)"


@compiles(hour_number, "sqlite")
def _hour_sqlite(element: hour_number, compiler: Any, **kw: Any) -> str:
    return f"CAST(substr({_arg(compiler, element, **kw)}, 12, 2) AS INTEGER)"


@compiles(hour_number, "postgresql")
def _hour_pg(element: hour_number, compiler: Any, **kw: Any) -> str:
    return f"CAST(EXTRACT(HOUR FROM {_arg(compiler, element, **kw)}) AS INTEGER)"


EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


class unindexed(FunctionElement[Any]):  # noqa: N801
    """The column itself, but SQLite may not use an index on it (`+col`).

    Without ANALYZE statistics SQLite prefers the low-selectivity index on
    visits.status (equality) over the date range index; a month's query then reads every
    ok visit of all time. PostgreSQL plans from statistics and gets the bare column.
    """

    name = "unindexed"
    inherit_cache = True

    @property
    def type(self) -> Any:  # type: ignore[override]
        return list(self.clauses)[0].type


@compiles(unindexed)
def _unindexed_default(element: unindexed, compiler: Any, **kw: Any) -> str:
    return _arg(compiler, element, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return f"+{_arg(compiler, element, **kw)}"
