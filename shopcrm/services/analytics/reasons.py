"""Each member's reasons (message id and parameters) from the class arrays, for 100,000
members without a Python object per member per rule.

The classes come from `vector.class_arrays`; the parameters are those the reference rules
in `segments.py` (`abc_classes`, `rfm_scores`, `lifecycle_stage`) put in their reasons,
computed with the same arithmetic, so the words are the same member by member
(tests/services/test_analytics_reasons.py checks this against the reference rules).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .arrays import HistoryArrays
from .segments import (
    ABC_CLASSES,
    R_ABC,
    R_ABC_NONE,
    R_DEVELOPING,
    R_EXPLORING,
    R_FALLING,
    R_NONE,
    R_ONCE_GONE,
    R_OVERDUE,
    R_STABLE,
    LifecycleParams,
    yuan,
)
from .vector import ClassArrays

Reason = tuple[str, dict[str, Any]]


def abc_reasons(h: HistoryArrays, codes: ClassArrays, limits: tuple[float, float]) -> list[Reason]:
    """Per member: the ABC reason (rank by spend, ties by id; the share held by those
    ranked above), as `segments.abc_classes` words it."""
    n = h.size
    spend = h.spend
    total = int(spend.sum()) if n else 0
    if total <= 0:
        return [(R_ABC_NONE, {})] * n
    order = np.lexsort((h.member_id, -spend))
    ranked = spend[order]
    positive = np.where(ranked > 0, ranked, 0)
    before = np.empty(n, dtype=np.int64)
    before[order] = np.cumsum(positive) - positive
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    bounds = {"A": (0.0, limits[0]), "B": (limits[0], limits[1]), "C": (limits[1], 1.0)}
    out: list[Reason] = []
    for cents, held, place, code in zip(
        spend.tolist(), before.tolist(), rank.tolist(), codes.abc.tolist(), strict=True
    ):
        if cents <= 0:
            out.append((R_ABC_NONE, {}))
            continue
        cls = ABC_CLASSES[code]
        low, high = bounds[cls]
        out.append(
            (
                R_ABC,
                {
                    "spend": yuan(cents),
                    "rank": place,
                    "members": n,
                    "before": held / total * 100,
                    "cls": cls,
                    "low": low * 100,
                    "high": high * 100,
                },
            )
        )
    return out


def rfm_params(h: HistoryArrays, window_days: int) -> list[dict[str, Any] | None]:
    """Per member: the RFM reason's parameters without the scores (None: never seen)."""
    out: list[dict[str, Any] | None] = []
    as_of_day = h.as_of_day
    for days, last, visits, cents in zip(
        h.days.tolist(),
        h.last.tolist(),
        h.window_days_seen.tolist(),
        h.window_cents.tolist(),
        strict=True,
    ):
        if days == 0:
            out.append(None)
            continue
        out.append(
            {
                "days": as_of_day - last,
                "visits": visits,
                "spend": yuan(cents),
                "window": window_days,
            }
        )
    return out


def stage_reasons(h: HistoryArrays, p: LifecycleParams) -> list[Reason]:
    """Per member: the lifecycle reason, rules in `segments.lifecycle_stage`'s order."""
    mean, sd = h.gap_stats()
    out: list[Reason] = []
    for days, last, recent, prior, gap, spread in zip(
        h.days.tolist(),
        h.last.tolist(),
        h.recent.tolist(),
        h.prior.tolist(),
        mean.tolist(),
        sd.tolist(),
        strict=True,
    ):
        if days == 0:
            out.append((R_NONE, {}))
            continue
        since = h.as_of_day - last
        if days == 1:
            reason = R_EXPLORING if since <= p.exploration_days else R_ONCE_GONE
            out.append((reason, {"days": since, "limit": p.exploration_days}))
            continue
        limit = max(p.overdue_factor * gap, float(p.overdue_floor_days))
        if since > limit:
            out.append((R_OVERDUE, {"days": since, "gap": gap, "limit": limit}))
            continue
        if days >= 3 and prior > 0 and recent < p.falling_ratio * prior:
            out.append((R_FALLING, {"recent": yuan(recent), "prior": yuan(prior)}))
            continue
        cv = spread / gap if gap > 0 else 0.0
        params = {"visits": days, "gap": gap, "cv": cv * 100}
        stable = days >= p.stable_min_visits and cv <= p.stable_max_cv
        out.append((R_STABLE if stable else R_DEVELOPING, params))
    return out
