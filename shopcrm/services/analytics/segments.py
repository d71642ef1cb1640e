"""ABC classes, RFM scores and segments, lifecycle stages — pure functions on histories.

Every rule is written down in docs/reports.md; the functions here return message ids and
parameters for the reason, so the words come out in the reader's language.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from ...i18n import define
from ..settings import get_setting

if TYPE_CHECKING:  # annotations only: importing history would load numpy
    from .history import MemberHistory

SETTING_ABC = "analytics.abc_limits"  # cumulative revenue shares in percent: [A, A+B]
SETTING_RFM_WINDOW = "analytics.rfm_window_days"
SETTING_LIFECYCLE = "analytics.lifecycle"
DEFAULT_ABC = [70, 90]
DEFAULT_RFM_WINDOW = 365


@dataclass(frozen=True)
class LifecycleParams:
    exploration_days: int = 90  # a one-visit member is still "exploring" this long
    overdue_factor: float = 2.0  # overdue: more than factor x their mean gap...
    overdue_floor_days: int = 45  # ...and more than this many days
    stable_min_visits: int = 4  # stable needs at least this many visit days
    stable_max_cv: float = 0.5  # and gaps whose standard deviation / mean is at most this
    falling_ratio: float = 0.5  # spend falling: last 180 days < ratio x the 180 days before


def abc_limits(session: Session) -> tuple[float, float]:
    a, b = get_setting(session, SETTING_ABC, default=DEFAULT_ABC)
    return float(a) / 100, float(b) / 100


def rfm_window(session: Session) -> int:
    return int(get_setting(session, SETTING_RFM_WINDOW, default=DEFAULT_RFM_WINDOW))


def lifecycle_params(session: Session) -> LifecycleParams:
    stored = get_setting(session, SETTING_LIFECYCLE, default={}) or {}
    known = LifecycleParams.__dataclass_fields__
    return LifecycleParams(**{k: v for k, v in stored.items() if k in known})


def yuan(cents: int) -> str:
    return f"{Decimal(cents) / 100:,.2f}"


# --- ABC --------------------------------------------------------------------------------

ABC_CLASSES = ("A", "B", "C")
R_ABC = define(
    "analytics.abc_reason",
    en="Lifetime spend ¥{spend}, number {rank} of {members} members. Class {cls} is the "
    "members who together bring {low:.0f}–{high:.0f}% of member revenue, counted from the "
    "top spender down; those above her bring {before:.1f}%.",
    zh="累计消费 ¥{spend}，在 {members} 位会员中排第 {rank} 名。从消费最多的会员往下累计，"
    "{cls} 类会员共带来会员收入的 {low:.0f}%–{high:.0f}%；排在她前面的会员共带来 {before:.1f}%。",
)
R_ABC_NONE = define("analytics.abc_none", en="No spend yet: class C.", zh="尚无消费：C 类。")


@dataclass(frozen=True)
class AbcResult:
    cls: str
    reason_id: str
    params: dict[str, Any]


def abc_classes(
    histories: Sequence[MemberHistory], limits: tuple[float, float] = (0.7, 0.9)
) -> dict[int, AbcResult]:
    """Sort by lifetime spend; a member is A while the members ranked above hold less than
    limits[0] of the revenue, B while less than limits[1], C after (and with no spend)."""
    ranked = sorted(histories, key=lambda h: (-h.spend_cents, h.member_id))
    total = sum(h.spend_cents for h in ranked)
    out: dict[int, AbcResult] = {}
    before = 0
    bounds = {"A": (0.0, limits[0]), "B": (limits[0], limits[1]), "C": (limits[1], 1.0)}
    for rank, h in enumerate(ranked, start=1):
        if h.spend_cents <= 0 or total <= 0:
            out[h.member_id] = AbcResult("C", R_ABC_NONE, {})
            continue
        share = before / total
        cls = "A" if share < limits[0] else "B" if share < limits[1] else "C"
        low, high = bounds[cls]
        out[h.member_id] = AbcResult(
            cls,
            R_ABC,
            {
                "spend": yuan(h.spend_cents),
                "rank": rank,
                "members": len(ranked),
                "before": share * 100,
                "cls": cls,
                "low": low * 100,
                "high": high * 100,
            },
        )
        before += h.spend_cents
    return out


# --- RFM --------------------------------------------------------------------------------

SEGMENTS = (
    "champions",
    "loyal",
    "potential_loyalist",
    "new",
    "promising",
    "need_attention",
    "at_risk",
    "cant_lose",
    "hibernating",
    "lost",
)
SEGMENT_NAMES = {
    key: define(f"analytics.segment.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("champions", "Champions", "核心会员"),
        ("loyal", "Loyal", "忠实会员"),
        ("potential_loyalist", "Potential loyalist", "潜力会员"),
        ("new", "New", "新会员"),
        ("promising", "Promising", "潜力新客"),
        ("need_attention", "Need attention", "需要关注"),
        ("at_risk", "At risk", "流失风险"),
        ("cant_lose", "Can't lose", "重要挽回会员"),
        ("hibernating", "Hibernating", "沉睡会员"),
        ("lost", "Lost", "已流失"),
    )
}
R_RFM = define(
    "analytics.rfm_reason",
    en="Last visit {days} days ago (R={r}), {visits} visits in {window} days (F={f}), "
    "¥{spend} in {window} days (M={m}).",
    zh="最近一次到店 {days} 天前（R={r}），{window} 天内到店 {visits} 次（F={f}），"
    "消费 ¥{spend}（M={m}）。",
)


@dataclass(frozen=True)
class RfmResult:
    r: int
    f: int
    m: int
    segment: str
    params: dict[str, Any]


def quintile_score(sorted_values: Sequence[float], value: float, higher_is_better: bool) -> int:
    """1–5: 1 + floor(5 x share of members strictly worse). Ties always score alike."""
    n = len(sorted_values)
    worse = (
        bisect_left(sorted_values, value)
        if higher_is_better
        else n - bisect_right(sorted_values, value)
    )
    return min(5, 1 + (5 * worse) // n)


def rfm_segment(r: int, f: int, m: int) -> str:
    """The named segment for scores r, f, m (first matching rule; see docs/reports.md)."""
    if r >= 4 and f >= 4 and m >= 4:
        return "champions"
    if r <= 2 and f >= 4 and m >= 4:
        return "cant_lose"
    if r >= 3 and f >= 4:
        return "loyal"
    if r <= 2 and f >= 3:
        return "at_risk"
    if r == 5 and f == 1:
        return "new"
    if r == 4 and f == 1:
        return "promising"
    if r >= 4:
        return "potential_loyalist"  # f is 2 or 3
    if r == 3 and f >= 2:
        return "need_attention"
    if r >= 2:
        return "hibernating"  # r 3 with f 1, or r 2 with f <= 2
    return "lost"  # r 1, f <= 2


def rfm_scores(
    histories: Sequence[MemberHistory], as_of: date, window_days: int = DEFAULT_RFM_WINDOW
) -> dict[int, RfmResult]:
    """Scores for the members who have visited at least once (by as_of).

    R is scored among all of them; F and M among those who visited inside the window
    (members not seen in the window score F = M = 1), so a one-visit newcomer has F = 1.
    """
    seen = [h for h in histories if h.last is not None]
    if not seen:
        return {}
    recency = {h.member_id: (as_of - h.last).days for h in seen if h.last}
    rs = sorted(recency.values())
    active = [h for h in seen if h.window_days > 0]
    fs = sorted(h.window_days for h in active)
    ms = sorted(h.window_cents for h in active)
    out = {}
    for h in seen:
        r = quintile_score(rs, recency[h.member_id], higher_is_better=False)
        f = m = 1
        if h.window_days > 0:
            f = quintile_score(fs, h.window_days, higher_is_better=True)
            m = quintile_score(ms, h.window_cents, higher_is_better=True)
        out[h.member_id] = RfmResult(
            r,
            f,
            m,
            rfm_segment(r, f, m),
            {
                "days": recency[h.member_id],
                "r": r,
                "visits": h.window_days,
                "f": f,
                "spend": yuan(h.window_cents),
                "m": m,
                "window": window_days,
            },
        )
    return out


# --- lifecycle --------------------------------------------------------------------------

STAGES = ("exploration", "development", "stable", "decline", "none")
STAGE_NAMES = {
    key: define(f"analytics.stage.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("exploration", "Exploration", "新客期"),
        ("development", "Development", "成长期"),
        ("stable", "Stable", "稳定期"),
        ("decline", "Decline", "衰退期"),
        ("none", "No visits", "未到店"),
    )
}
R_NONE = define("analytics.stage_none", en="No visits yet.", zh="尚未到店。")
R_EXPLORING = define(
    "analytics.stage_exploring",
    en="One visit so far, {days} days ago (within {limit} days).",
    zh="目前只来过一次，{days} 天前（{limit} 天内）。",
)
R_ONCE_GONE = define(
    "analytics.stage_once_gone",
    en="Came once, {days} days ago, and not again for over {limit} days.",
    zh="只来过一次，{days} 天前，超过 {limit} 天没有再来。",
)
R_OVERDUE = define(
    "analytics.stage_overdue",
    en="Last visit {days} days ago; usually every {gap:.0f} days (overdue after {limit:.0f} days).",
    zh="最近一次到店 {days} 天前；平时约每 {gap:.0f} 天来一次（超过 {limit:.0f} 天即逾期）。",
)
R_FALLING = define(
    "analytics.stage_falling",
    en="Spend falling: ¥{recent} in the last 180 days against ¥{prior} in the 180 days before.",
    zh="消费下降：近 180 天 ¥{recent}，之前 180 天 ¥{prior}。",
)
R_STABLE = define(
    "analytics.stage_stable",
    en="{visits} visits, about every {gap:.0f} days, steady (gaps vary {cv:.0f}%).",
    zh="到店 {visits} 次，约每 {gap:.0f} 天一次，节奏稳定（间隔波动 {cv:.0f}%）。",
)
R_DEVELOPING = define(
    "analytics.stage_developing",
    en="{visits} visits, about every {gap:.0f} days; cadence still settling (gaps vary {cv:.0f}%).",
    zh="到店 {visits} 次，约每 {gap:.0f} 天一次；节奏尚未稳定（间隔波动 {cv:.0f}%）。",
)


@dataclass(frozen=True)
class StageResult:
    stage: str
    reason_id: str
    params: dict[str, Any]


def lifecycle_stage(
    h: MemberHistory, as_of: date, p: LifecycleParams = LifecycleParams()
) -> StageResult:
    """The stage of one member (rules in order; see docs/reports.md)."""
    if h.days == 0 or h.last is None:
        return StageResult("none", R_NONE, {})
    since = (as_of - h.last).days
    if h.days == 1:
        if since <= p.exploration_days:
            return StageResult(
                "exploration", R_EXPLORING, {"days": since, "limit": p.exploration_days}
            )
        return StageResult("decline", R_ONCE_GONE, {"days": since, "limit": p.exploration_days})
    limit = max(p.overdue_factor * h.gap_mean, float(p.overdue_floor_days))
    if since > limit:
        return StageResult("decline", R_OVERDUE, {"days": since, "gap": h.gap_mean, "limit": limit})
    if h.days >= 3 and h.prior_cents > 0 and h.recent_cents < p.falling_ratio * h.prior_cents:
        return StageResult(
            "decline", R_FALLING, {"recent": yuan(h.recent_cents), "prior": yuan(h.prior_cents)}
        )
    cv = h.gap_sd / h.gap_mean if h.gap_mean > 0 else 0.0
    params = {"visits": h.days, "gap": h.gap_mean, "cv": cv * 100}
    if h.days >= p.stable_min_visits and cv <= p.stable_max_cv:
        return StageResult("stable", R_STABLE, params)
    return StageResult("development", R_DEVELOPING, params)
