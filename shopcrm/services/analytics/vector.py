"""ABC, RFM and lifecycle classes of all members at once, vectorised with numpy.

The rules are those of `segments.py` (abc_classes, rfm_scores, rfm_segment,
lifecycle_stage), which stay the reference and give each member's reason in words; this
module computes the same classes as index arrays for the counts in the monthly report and
the class columns of the workbook, where a Python object per member would cost seconds at
100,000 members. tests/services/test_analytics_vector.py checks both agree member by member.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arrays import HistoryArrays
from .segments import ABC_CLASSES, SEGMENTS, STAGES, LifecycleParams

NO_SEGMENT = -1  # members without a visit have no RFM scores


@dataclass(frozen=True)
class ClassArrays:
    """Per member (aligned with `HistoryArrays.member_id`): indexes into ABC_CLASSES,
    SEGMENTS (NO_SEGMENT when never seen) and STAGES, and the R, F, M scores (0: none)."""

    member_id: np.ndarray
    abc: np.ndarray
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray
    segment: np.ndarray
    stage: np.ndarray

    def counts(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """(ABC, segment, stage) member counts, every key present."""

        def tally(codes: np.ndarray, keys: tuple[str, ...]) -> dict[str, int]:
            found = np.bincount(codes[codes >= 0], minlength=len(keys))
            return {k: int(found[i]) for i, k in enumerate(keys)}

        return (
            tally(self.abc, ABC_CLASSES),
            tally(self.segment, SEGMENTS),
            tally(self.stage, STAGES),
        )


def abc_codes(h: HistoryArrays, limits: tuple[float, float]) -> np.ndarray:
    """0/1/2 for A/B/C: ranked by spend (ties by member id), A while the members ranked
    above hold less than limits[0] of the total, B while less than limits[1]."""
    spend = h.spend
    out = np.full(spend.size, 2, dtype=np.int64)
    total = int(spend.sum())
    if total <= 0 or spend.size == 0:
        return out
    order = np.lexsort((h.member_id, -spend))
    ranked = spend[order]
    positive = np.where(ranked > 0, ranked, 0)
    before = np.cumsum(positive) - positive  # spend held by the members ranked above
    share = before / total
    cls = np.where(share < limits[0], 0, np.where(share < limits[1], 1, 2))
    cls = np.where(ranked > 0, cls, 2)
    out[order] = cls
    return out


def _quintile(sorted_values: np.ndarray, values: np.ndarray, higher_is_better: bool) -> np.ndarray:
    n = sorted_values.size
    if higher_is_better:
        worse = np.searchsorted(sorted_values, values, side="left")
    else:
        worse = n - np.searchsorted(sorted_values, values, side="right")
    return np.minimum(5, 1 + (5 * worse) // n)


def rfm_codes(h: HistoryArrays) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(R, F, M, segment index); 0 scores and NO_SEGMENT for members never seen."""
    size = h.size
    r = np.zeros(size, dtype=np.int64)
    f = np.zeros(size, dtype=np.int64)
    m = np.zeros(size, dtype=np.int64)
    seg = np.full(size, NO_SEGMENT, dtype=np.int64)
    seen = h.days > 0
    if not seen.any():
        return r, f, m, seg
    recency = h.as_of_day - h.last[seen]
    r[seen] = _quintile(np.sort(recency), recency, higher_is_better=False)
    f[seen] = 1
    m[seen] = 1
    active = h.window_days_seen > 0
    if active.any():
        fw, mw = h.window_days_seen[active], h.window_cents[active]
        f[active] = _quintile(np.sort(fw), fw, higher_is_better=True)
        m[active] = _quintile(np.sort(mw), mw, higher_is_better=True)
    rs, fs, ms = r[seen], f[seen], m[seen]
    names = [
        ((rs >= 4) & (fs >= 4) & (ms >= 4), "champions"),
        ((rs <= 2) & (fs >= 4) & (ms >= 4), "cant_lose"),
        ((rs >= 3) & (fs >= 4), "loyal"),
        ((rs <= 2) & (fs >= 3), "at_risk"),
        ((rs == 5) & (fs == 1), "new"),
        ((rs == 4) & (fs == 1), "promising"),
        (rs >= 4, "potential_loyalist"),
        ((rs == 3) & (fs >= 2), "need_attention"),
        (rs >= 2, "hibernating"),
    ]
    seg[seen] = np.select(
        [cond for cond, _ in names],
        [SEGMENTS.index(name) for _, name in names],
        default=SEGMENTS.index("lost"),
    )
    return r, f, m, seg


def stage_codes(h: HistoryArrays, p: LifecycleParams) -> np.ndarray:
    """Index into STAGES of each member's lifecycle stage (rules in order)."""
    idx = {name: STAGES.index(name) for name in STAGES}
    mean, sd = h.gap_stats()
    since = h.as_of_day - h.last
    limit = np.maximum(p.overdue_factor * mean, float(p.overdue_floor_days))
    safe_mean = np.where(mean > 0, mean, 1.0)
    cv = np.where(mean > 0, sd / safe_mean, 0.0)
    days = h.days
    return np.select(
        [
            days == 0,
            (days == 1) & (since <= p.exploration_days),
            days == 1,
            since > limit,
            (days >= 3) & (h.prior > 0) & (h.recent < p.falling_ratio * h.prior),
            (days >= p.stable_min_visits) & (cv <= p.stable_max_cv),
        ],
        [
            idx["none"],
            idx["exploration"],
            idx["decline"],
            idx["decline"],
            idx["decline"],
            idx["stable"],
        ],
        default=idx["development"],
    )


def class_arrays(
    h: HistoryArrays, limits: tuple[float, float], params: LifecycleParams
) -> ClassArrays:
    r, f, m, seg = rfm_codes(h)
    return ClassArrays(
        member_id=h.member_id,
        abc=abc_codes(h, limits),
        r=r,
        f=f,
        m=m,
        segment=seg,
        stage=stage_codes(h, params),
    )
