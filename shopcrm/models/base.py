"""Declarative base and the column types every model shares."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Stable constraint names so that Alembic migrations (and SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CENT = Decimal("0.01")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Money(TypeDecorator[Decimal]):
    """A money amount held as `Decimal` in Python and as whole cents (fen) in the database.

    SQLite has no exact decimal type (its NUMERIC affinity becomes REAL), so amounts are
    stored as integers of 1/100 yuan on every backend: sums in SQL stay exact, and the same
    schema works on PostgreSQL. Binding a value with more than two decimals is refused rather
    than silently rounded.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
        cents = amount * 100
        if cents != cents.to_integral_value():
            raise ValueError(f"amount {amount} has more than two decimals")
        return int(cents)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT, rounding=ROUND_HALF_UP)

    def process_literal_param(self, value: Any, dialect: Any) -> str:
        return str(self.process_bind_param(value, dialect))

    @property
    def python_type(self) -> type:
        return Decimal
