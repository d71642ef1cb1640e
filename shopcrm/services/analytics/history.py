"""Each member's visit history as a handful of numbers, from one aggregate query.

Visits are counted per *visit day* (two tickets on one day are one visit), only `ok`
visits count, and only visits before the end of the `as_of` day. The figures come from
`arrays.history_arrays` (one pass over the visits, vectorised per member); this module
turns them into one small frozen `MemberHistory` per member for the per-member rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Member
from .arrays import COUNTED_STATUSES, TREND_DAYS, HistoryArrays, end_of, history_arrays
from .sqlfuncs import EPOCH_ORDINAL

__all__ = [
    "COUNTED_STATUSES",
    "TREND_DAYS",
    "MemberHistory",
    "end_of",
    "histories_from",
    "load_histories",
    "to_day",
]


@dataclass(frozen=True)
class MemberHistory:
    member_id: int
    name: str
    days: int  # distinct visit days
    first: date | None
    last: date | None
    spend_cents: int  # lifetime, up to as_of
    window_days: int  # visit days inside the RFM window
    window_cents: int  # spend inside the RFM window
    recent_cents: int  # spend in the last TREND_DAYS
    prior_cents: int  # spend in the TREND_DAYS before those
    gap_mean: float  # mean days between visit days (0 with fewer than two)
    gap_sd: float  # population standard deviation of those gaps

    @property
    def gaps(self) -> int:
        return max(self.days - 1, 0)


def to_day(value: int | None) -> date | None:
    return None if value is None else date.fromordinal(int(value) + EPOCH_ORDINAL)


def load_histories(session: Session, as_of: date, window_days: int = 365) -> list[MemberHistory]:
    """The history of every active or archived member as of the end of `as_of`."""
    rows = session.execute(
        select(Member.id, Member.name)
        .where(Member.status.in_(COUNTED_STATUSES), Member.join_date <= as_of)
        .order_by(Member.id)
    ).all()
    import numpy as np  # loaded on first use: opening the window must not import it

    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    return histories_from(history_arrays(session, as_of, window_days, ids), [r[1] for r in rows])


def histories_from(arrays: HistoryArrays, names: list[str]) -> list[MemberHistory]:
    """One `MemberHistory` per member of `arrays` (names aligned with its member ids)."""
    mean, sd = arrays.gap_stats()
    out = []
    for i, (mid, days, first, last, spend, wdays, wcents, recent, prior) in enumerate(
        zip(
            arrays.member_id.tolist(),
            arrays.days.tolist(),
            arrays.first.tolist(),
            arrays.last.tolist(),
            arrays.spend.tolist(),
            arrays.window_days_seen.tolist(),
            arrays.window_cents.tolist(),
            arrays.recent.tolist(),
            arrays.prior.tolist(),
            strict=True,
        )
    ):
        out.append(
            MemberHistory(
                member_id=mid,
                name=names[i],
                days=days,
                first=to_day(first) if days else None,
                last=to_day(last) if days else None,
                spend_cents=spend,
                window_days=wdays,
                window_cents=wcents,
                recent_cents=recent,
                prior_cents=prior,
                gap_mean=float(mean[i]),
                gap_sd=float(sd[i]),
            )
        )
    return out
