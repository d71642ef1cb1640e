"""The demo's bulk insert writes exactly what SQLAlchemy's own insert writes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import insert

from shopcrm import clock
from shopcrm.models import Booking, MoneyMovement
from shopcrm.services.bulk import insert_rows


def _stored(conn, table, ids):
    """The rows as the database holds them (raw values, id left out)."""
    marks = ", ".join(str(int(i)) for i in ids)
    rows = conn.exec_driver_sql(f"SELECT * FROM {table.name} WHERE id IN ({marks}) ORDER BY id")
    return [tuple(r)[1:] for r in rows]


def test_insert_rows_matches_sqlalchemy_insert(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("other databases take SQLAlchemy's own path")
    rows = [
        {"occurred_at": datetime(2026, 10, 3, 14, 30), "booked_on": date(2026, 10, 3),
         "period": "2026-10", "kind": "topup", "method": "cash", "amount": Decimal("500.00")},
        {"occurred_at": datetime(2026, 10, 4, 9, 5, 7), "booked_on": date(2026, 10, 4),
         "period": "2026-10", "kind": "refund", "method": "wechat", "amount": Decimal("-12.34")},
    ]  # fmt: skip
    table = MoneyMovement.__table__
    with engine.begin() as conn:
        conn.execute(insert(table), [dict(r) for r in rows])
        assert insert_rows(conn, table, [dict(r) for r in rows]) == 2
        a, b = _stored(conn, table, [1, 2]), _stored(conn, table, [3, 4])
    assert a == b
    with engine.connect() as conn:
        filled = conn.exec_driver_sql(
            "SELECT amount, bonus_part, note, occurred_at FROM money_movements WHERE id = 4"
        ).one()
    # Money in cents, the defaults (bonus_part, note) filled in, SQLAlchemy's datetime text
    assert tuple(filled) == (-1234, 0, "", "2026-10-04 09:05:07.000000")


def test_insert_rows_fills_callable_defaults(engine):
    table = Booking.__table__
    row = {"guest_name": "王女士", "starts_at": datetime(2026, 11, 2, 15, 0),
           "ends_at": datetime(2026, 11, 2, 16, 0)}  # fmt: skip
    with clock.frozen(datetime(2026, 11, 1, 9, 0)), engine.begin() as conn:
        conn.execute(insert(table), [dict(row)])
        insert_rows(conn, table, [dict(row)])
        a, b = _stored(conn, table, [1]), _stored(conn, table, [2])
    assert a == b  # created_at (clock.now), service_ids (JSON list), state, note
