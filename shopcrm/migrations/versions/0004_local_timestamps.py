"""Every timestamp column holds the shop's local time: convert the naive-UTC ones.

Before 0004, `created_at`, `updated_at`, `closed_at` and `voided_at` were written in naive
UTC while `visits.visited_at` was local, so reports (which cut months at local midnight)
put a top-up made at 03:00 on 1 November in Shanghai into October. From 0004 on every
timestamp column is naive local shop time (see shopcrm/clock.py); this migration converts
the old UTC values using the machine's zone at upgrade time. `visited_at` is already local
and is left alone.

One UPDATE per column, however large the table: the zone's UTC offset over the span of the
column's values is read from the operating system (`clock.utc_to_local`), split into
segments of constant offset (one for Asia/Shanghai, two per year where daylight saving is
kept), and applied with a CASE on the stored (UTC) value, so each row moves exactly once.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

from shopcrm import clock

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Every column written in naive UTC (`models.base.utcnow`) before 0004 (from 0001; 0002 and 0003 add none).
UTC_COLUMNS: dict[str, tuple[str, ...]] = {
    "audit_log": ("created_at",),
    "followup_events": ("created_at",),
    "followup_rules": ("created_at",),
    "followups": ("created_at", "closed_at"),
    "members": ("created_at", "updated_at"),
    "services": ("created_at",),
    "settings": ("updated_at",),
    "staff": ("created_at",),
    "visits": ("created_at", "updated_at", "voided_at"),
    "wallet_entries": ("created_at",),
}

# The operating system knows zones reliably only in this span; offsets outside it are
# taken from its ends.
_EARLIEST = datetime(1971, 1, 1)
_LATEST = datetime(2099, 12, 31)

Segment = tuple[datetime | None, int]  # (until this UTC instant, offset in seconds)


def _offset(utc: datetime) -> int:
    utc = min(max(utc, _EARLIEST), _LATEST)
    return int((clock.utc_to_local(utc) - utc).total_seconds())


def _transition(low: datetime, high: datetime) -> datetime:
    """The first second in (low, high] whose offset differs from low's."""
    before = _offset(low)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            break
        if _offset(middle) == before:
            low = middle
        else:
            high = middle
    return high


def segments(first: datetime, last: datetime) -> list[Segment]:
    """Offsets in force between the UTC instants `first` and `last`, as (until, seconds).

    The zone is sampled every 6 hours (no zone changes its offset twice within that); each
    change is then located to the second. The last segment has no end (None).
    """
    out: list[Segment] = []
    start = min(max(first, _EARLIEST), _LATEST)
    stop = min(max(last, _EARLIEST), _LATEST)
    current = _offset(start)
    probe = start
    step = timedelta(hours=6)
    while probe < stop:
        nxt = min(probe + step, stop)
        if _offset(nxt) != current:
            change = _transition(probe, nxt)
            out.append((change, current))
            current = _offset(change)
        probe = nxt
    out.append((None, current))
    return out


def _shift(column: str, seconds: int, dialect: str) -> str:
    if dialect == "sqlite":
        # SQLAlchemy stores 'YYYY-MM-DD HH:MM:SS[.ffffff]': shift the whole seconds and
        # keep the fraction as it was.
        return f"datetime(substr({column}, 1, 19), '{seconds:+d} seconds') || substr({column}, 20)"
    return f"{column} + INTERVAL '{seconds} seconds'"


def _literal(moment: datetime, dialect: str) -> str:
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    return f"'{text}'" if dialect == "sqlite" else f"TIMESTAMP '{text}'"


def _expression(column: str, parts: list[Segment], dialect: str, sign: int) -> str | None:
    if all(seconds == 0 for _, seconds in parts):
        return None
    if len(parts) == 1:
        return _shift(column, sign * parts[0][1], dialect)
    whens = " ".join(
        f"WHEN {column} < {_literal(until, dialect)} THEN {_shift(column, sign * seconds, dialect)}"
        for until, seconds in parts
        if until is not None
    )
    return f"CASE {whens} ELSE {_shift(column, sign * parts[-1][1], dialect)} END"


def _convert(sign: int) -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    for table, columns in UTC_COLUMNS.items():
        for column in columns:
            col = sa.column(column, sa.DateTime())
            low, high = bind.execute(
                sa.select(sa.func.min(col), sa.func.max(col)).select_from(sa.table(table, col))
            ).one()
            if low is None:
                continue
            parts = segments(low, high)
            if sign < 0:
                # Back to UTC: a segment ends at its boundary read in local time.
                parts = [
                    (until + timedelta(seconds=seconds) if until else None, seconds)
                    for until, seconds in parts
                ]
            expression = _expression(column, parts, dialect, sign)
            if expression is not None:
                bind.execute(
                    sa.text(
                        f"UPDATE {table} SET {column} = {expression} WHERE {column} IS NOT NULL"
                    )
                )


def upgrade() -> None:
    _convert(+1)


def downgrade() -> None:
    _convert(-1)
