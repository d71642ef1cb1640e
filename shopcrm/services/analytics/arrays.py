"""Every member's visit history as numpy arrays, from one pass over the visits.

The database hands over the ok visits before the end of the as-of day as three
comma-separated strings (member, day number, amount in cents): a single aggregate row,
read from the covering index ix_visits_member_history / ix_visits_day_totals without
touching the table and without building a Python object per visit. Per-day and
per-member figures (visit days, first/last day, spend, the RFM window, the spend trend
and the sums of gaps and squared gaps between visit days) are then vectorised numpy.
This replaces a GROUP BY over (member, day) plus a window function over all visits of all
time, which made SQLite sort a million rows twice.

The results are exactly those of the definitions in docs/reports.md (integer sums stay
int64; the gap statistics use the same float formulas as `MemberHistory`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import BigInteger, String, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from ...models import VISIT_OK, Member, Visit
from .common import COUNTED_STATUSES, TREND_DAYS, end_of  # noqa: F401 - re-exported
from .sqlfuncs import EPOCH_ORDINAL, day_number, unindexed

FIELDS = (
    "days",
    "first",
    "last",
    "spend",
    "window_days_seen",
    "window_cents",
    "recent",
    "prior",
    "gap_sum",
    "gap_sq",
)


@dataclass(frozen=True)
class HistoryArrays:
    """Aligned arrays, one entry per active or archived member joined by as_of (id order)."""

    as_of: date
    window_days: int
    member_id: np.ndarray  # int64
    days: np.ndarray  # distinct visit days
    first: np.ndarray  # day number (days since 1970-01-01) of the first visit day; -1: none
    last: np.ndarray  # ... of the last visit day; -1: none
    spend: np.ndarray  # lifetime spend in cents up to as_of
    window_days_seen: np.ndarray  # visit days inside the RFM window
    window_cents: np.ndarray
    recent: np.ndarray  # spend in the last TREND_DAYS
    prior: np.ndarray  # spend in the TREND_DAYS before those
    gap_sum: np.ndarray  # sum of the gaps between consecutive visit days (= last - first)
    gap_sq: np.ndarray  # sum of their squares

    @property
    def size(self) -> int:
        return int(self.member_id.size)

    @property
    def as_of_day(self) -> int:
        return self.as_of.toordinal() - EPOCH_ORDINAL

    def gap_stats(self) -> tuple[np.ndarray, np.ndarray]:
        """(mean gap, population standard deviation of the gaps); 0 with fewer than two days.

        The same float operations as before: mean = sum / gaps, var = sq / gaps - mean²."""
        gaps = np.maximum(self.days - 1, 0)
        safe = np.where(gaps > 0, gaps, 1).astype(float)
        mean = np.where(gaps > 0, self.gap_sum.astype(float) / safe, 0.0)
        var = np.where(gaps > 0, self.gap_sq.astype(float) / safe - mean * mean, 0.0)
        return mean, np.sqrt(np.maximum(var, 0.0))


def _ints(text: str | None) -> np.ndarray:
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _visit_arrays(session: Session, as_of: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(member, day, cents) of every ok member visit before the end of as_of, unordered."""

    def joined(column):  # noqa: ANN001, ANN202
        return func.aggregate_strings(cast(column, String), ",")

    member, day, cents = session.execute(
        select(
            joined(Visit.member_id),
            joined(day_number(Visit.visited_at)),
            joined(type_coerce(Visit.total_amount, BigInteger)),
        ).where(
            unindexed(Visit.status) == VISIT_OK,
            Visit.member_id.is_not(None),
            Visit.visited_at < end_of(as_of),
        )
    ).one()
    m, d, c = _ints(member), _ints(day), _ints(cents)
    if not (m.size == d.size == c.size):  # pragma: no cover — the strings come from one pass
        raise RuntimeError("visit arrays of different lengths")
    return m, d, c


def _group_starts(keys: np.ndarray) -> np.ndarray:
    """Indexes where a run of equal keys begins (keys sorted)."""
    if keys.size == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))


def _sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    if starts.size == 0:
        return np.zeros(0, dtype=np.int64)
    return np.add.reduceat(values, starts)


def _by_member_and_day(
    m: np.ndarray, d: np.ndarray, c: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The visits ordered by (member, day): one sort of a combined key (a third of
    np.lexsort's time); nothing moved when they came in that order already."""
    low = int(d.min())
    key = (m << 32) | (d - low)  # member ids and day spans both fit in 31 bits
    if key.size < 2 or bool(np.all(key[1:] >= key[:-1])):
        return m, d, c
    order = np.argsort(key)  # ties are one member's visits of one day: summed, any order
    return m[order], d[order], c[order]


def counted(as_of: date) -> tuple:
    """Active or archived members who had joined by as_of. Most members are: a scan of the
    table beats a look-up per member through the join-date or status index (4× at 100,000
    members), so SQLite is kept off both."""
    return (
        unindexed(Member.status).in_(COUNTED_STATUSES),
        unindexed(Member.join_date) <= as_of,
    )


def member_ids(session: Session, as_of: date) -> np.ndarray:
    """Active or archived members who had joined by as_of, in id order."""
    # one string, not a Python object per member (100,000 rows cost 0.5 s through the ORM)
    joined = session.scalar(
        select(func.aggregate_strings(cast(Member.id, String), ",")).where(*counted(as_of))
    )
    return np.sort(_ints(joined))


def history_arrays(
    session: Session, as_of: date, window_days: int = 365, ids: np.ndarray | None = None
) -> HistoryArrays:
    """The history of every counted member (`ids`: those members, if already read)."""
    ids = member_ids(session, as_of) if ids is None else ids
    m, d, c = _visit_arrays(session, as_of)
    if m.size == 0:
        m = d = c = np.zeros(1, dtype=np.int64)[:0]
        return _onto(ids, m, {key: m for key in FIELDS}, as_of, window_days)
    m, d, c = _by_member_and_day(m, d, c)
    # per member and visit day
    day_start = np.flatnonzero(np.concatenate(([True], (m[1:] != m[:-1]) | (d[1:] != d[:-1]))))
    dm, dd, dc = m[day_start], d[day_start], _sums(c, day_start)
    # per member
    starts = _group_starts(dm)
    ends = np.append(starts[1:], dm.size).astype(np.int64)
    who = dm[starts]
    as_of_day = as_of.toordinal() - EPOCH_ORDINAL
    in_window = dd > as_of_day - window_days
    recent = dd > as_of_day - TREND_DAYS
    prior = (dd <= as_of_day - TREND_DAYS) & (dd > as_of_day - 2 * TREND_DAYS)
    same = np.concatenate(([False], dm[1:] == dm[:-1]))
    gap = np.where(same, dd - np.concatenate(([0], dd[:-1])), 0)
    per = {
        "days": ends - starts,
        "first": dd[starts],
        "last": dd[ends - 1],
        "spend": _sums(dc, starts),
        "window_days_seen": _sums(in_window.astype(np.int64), starts),
        "window_cents": _sums(np.where(in_window, dc, 0), starts),
        "recent": _sums(np.where(recent, dc, 0), starts),
        "prior": _sums(np.where(prior, dc, 0), starts),
        "gap_sum": _sums(gap, starts),
        "gap_sq": _sums(gap * gap, starts),
    }
    return _onto(ids, who, per, as_of, window_days)


def _onto(
    ids: np.ndarray, who: np.ndarray, per: dict[str, np.ndarray], as_of: date, window_days: int
) -> HistoryArrays:
    """Spread per-member values onto the counted members: visits of merged, erased or
    not-yet-joined members drop out, members without visits get zeros (first/last -1)."""
    pos = np.searchsorted(ids, who)
    found = pos < ids.size
    found[found] = ids[pos[found]] == who[found]
    out = {}
    for key, values in per.items():
        empty = -1 if key in ("first", "last") else 0
        full = np.full(ids.size, empty, dtype=np.int64)
        full[pos[found]] = values[found]
        out[key] = full
    return HistoryArrays(as_of=as_of, window_days=window_days, member_id=ids, **out)
