"""Satisfaction over time (满意度): scores 1–5, entered on the visit at the counter or on the
care call afterwards; a low score raises a care follow-up; figures by month, staff, service.

A score given on a call (`record_score` with a follow-up, or a member without a visit) is a
`satisfaction_scores` row; a score for a visit that has none yet is written on the visit, as
the counter does. Low means at most the low-score rule's `max_score` (default 2).
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define
from ...models import (
    FOLLOWUP_OPEN,
    VISIT_OK,
    Followup,
    FollowupRule,
    Member,
    SatisfactionScore,
    Service,
    Staff,
    Visit,
    VisitLine,
)
from ..audit import record
from ..auth import Actor
from ..followups import KIND_LOW_SCORE, ensure_default_rules
from ..followups.rules import rule_params
from ..names import name_sort_key

E_SCORE = define(
    "care.score_range",
    en="A score is 1 to 5, not {value}.",
    zh="满意度须为 1 到 5 分，不能是 {value}。",
)
E_WHO = define(
    "care.score_who",
    en="Say whose score it is: a member, a visit or a follow-up.",
    zh="请指明是谁的评分：会员、消费记录或回访。",
)
E_NOT_FOUND = define(
    "care.score_not_found", en="No {what} with number {id}.", zh="找不到编号为 {id} 的{what}。"
)
WHAT = {
    "member": define("care.what.member", en="member", zh="会员"),
    "visit": define("care.what.visit", en="visit", zh="消费记录"),
    "followup": define("care.what.followup", en="follow-up", zh="回访"),
}
CHUNK = 500


@dataclass(frozen=True)
class ScoreInfo:
    member_id: int
    score: int
    where: str  # 'visit' (written on the visit) | 'call' (a score row)
    visit_id: int | None
    score_id: int | None
    low: bool
    followup_id: int | None  # the care follow-up a low score raised (or found open)


@dataclass(frozen=True)
class MonthScore:
    month: date  # first day
    count: int
    average: float | None
    low: int
    low_share: float | None  # 0..1


@dataclass(frozen=True)
class ScoreGroup:
    name: str
    count: int
    average: float
    low: int


@dataclass(frozen=True)
class ScoreFigures:
    count: int
    average: float | None
    low: int
    low_share: float | None
    max_low: int
    by_staff: list[ScoreGroup] = field(default_factory=list)
    by_service: list[ScoreGroup] = field(default_factory=list)
    trend: list[MonthScore] = field(default_factory=list)


def _low_rule(session: Session) -> FollowupRule:
    ensure_default_rules(session)
    rule = session.scalar(
        select(FollowupRule)
        .where(FollowupRule.kind == KIND_LOW_SCORE)
        .order_by(FollowupRule.builtin.desc(), FollowupRule.id)
    )
    assert rule is not None
    return rule


def low_limit(session: Session) -> int:
    return int(rule_params(_low_rule(session))["max_score"])


def _check(score: object) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ShopError(E_SCORE, value=score)
    return score


def record_score(
    session: Session,
    score: int,
    *,
    actor: Actor,
    member_id: int | None = None,
    visit_id: int | None = None,
    followup_id: int | None = None,
    note: str = "",
) -> ScoreInfo:
    """Keep a score; a low one raises (or finds open) a care follow-up the same day."""
    score = _check(score)
    visit = None
    if followup_id is not None:
        followup = session.get(Followup, followup_id)
        if followup is None:
            raise ShopError(E_NOT_FOUND, what=WHAT["followup"], id=followup_id)
        member_id, visit_id = followup.member_id, visit_id or followup.visit_id
    if visit_id is not None:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.member_id is None:
            raise ShopError(E_NOT_FOUND, what=WHAT["visit"], id=visit_id)
        member_id = visit.member_id
    if member_id is None:
        raise ShopError(E_WHO)
    if session.get(Member, member_id) is None:
        raise ShopError(E_NOT_FOUND, what=WHAT["member"], id=member_id)
    score_id = None
    if visit is not None and followup_id is None and visit.satisfaction is None:
        visit.satisfaction, where = score, "visit"  # the counter's score, entered later
    else:
        row = SatisfactionScore(
            member_id=member_id,
            visit_id=visit_id,
            followup_id=followup_id,
            score=score,
            source="call",
            note=note,
            staff_id=actor.staff_id,
            created_at=clock.now(),
        )
        session.add(row)
        session.flush()
        score_id, where = row.id, "call"
    rule = _low_rule(session)
    low = score <= int(rule_params(rule)["max_score"])
    raised = None
    if low and rule.active:
        raised = _raise_low(session, rule, member_id, visit_id, score)
    session.flush()
    record(session, actor, "satisfaction", member_id, "score", score=score, visit_id=visit_id)
    return ScoreInfo(member_id, score, where, visit_id, score_id, low, raised)


def _raise_low(
    session: Session, rule: FollowupRule, member_id: int, visit_id: int | None, score: int
) -> int:
    today = clock.today()
    found = session.scalar(
        select(Followup).where(
            Followup.member_id == member_id,
            Followup.rule_id == rule.id,
            Followup.occasion_date == today,
        )
    )
    if found is None:
        found = Followup(
            member_id=member_id,
            rule_id=rule.id,
            occasion_date=today,
            due_date=today,
            status=FOLLOWUP_OPEN,
            visit_id=visit_id,
            detail={"score": score, "visit_date": today.isoformat()},
            created_at=clock.now(),
        )
        session.add(found)
        session.flush()
    return found.id


# --- figures -------------------------------------------------------------------------------


def _scores(session: Session, start: date, end: date) -> list[tuple[int, int | None]]:
    """(score, visit id or None) of every score in [start, end): visits' and calls'."""
    lo, hi = clock.day_bounds(start)[0], clock.day_bounds(end)[0]
    visits = select(Visit.satisfaction, Visit.id).where(
        Visit.visited_at >= lo,
        Visit.visited_at < hi,
        # coalesce: no index serves the status test, so the month's range index is used
        func.coalesce(Visit.status, "") == VISIT_OK,
        Visit.satisfaction.is_not(None),
    )
    calls = select(SatisfactionScore.score, SatisfactionScore.visit_id).where(
        SatisfactionScore.created_at >= lo, SatisfactionScore.created_at < hi
    )
    return [(int(s), v) for s, v in session.execute(visits)] + [
        (int(s), v) for s, v in session.execute(calls)
    ]


def _month_score(month: date, scores: list[int], top: int) -> MonthScore:
    if not scores:
        return MonthScore(month, 0, None, 0, None)
    low = sum(1 for s in scores if s <= top)
    return MonthScore(
        month, len(scores), round(statistics.fmean(scores), 2), low, round(low / len(scores), 3)
    )


def _months_back(year: int, month: int, n: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        out.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(out))


def satisfaction_series(
    session: Session, year: int, month: int, months: int = 12
) -> list[MonthScore]:
    """The average score and share of low ones for each of `months` months to (year, month)."""
    top = low_limit(session)
    spans = [clock.month_bounds(y, m) for y, m in _months_back(year, month, months)]
    starts = [start for start, _ in spans]
    by_month: list[list[int]] = [[] for _ in spans]
    # two queries over the whole span (not two a month), each score put in its month
    for when, score in _dated_scores(session, spans[0][0], spans[-1][1]):
        by_month[bisect_right(starts, when) - 1].append(score)
    return [
        _month_score(start.date().replace(day=1), scores, top)
        for start, scores in zip(starts, by_month, strict=True)
    ]


def _dated_scores(session: Session, lo: datetime, hi: datetime) -> list[tuple[datetime, int]]:
    """(when, score) of every score in [lo, hi): visits' (by visit time) and calls'."""
    visits = select(Visit.visited_at, Visit.satisfaction).where(
        Visit.visited_at >= lo,
        Visit.visited_at < hi,
        func.coalesce(Visit.status, "") == VISIT_OK,  # the range index, not the status one
        Visit.satisfaction.is_not(None),
    )
    calls = select(SatisfactionScore.created_at, SatisfactionScore.score).where(
        SatisfactionScore.created_at >= lo, SatisfactionScore.created_at < hi
    )
    return [(w, int(s)) for w, s in session.execute(visits)] + [
        (w, int(s)) for w, s in session.execute(calls)
    ]


def _groups(
    session: Session, scored: list[tuple[int, int | None]], top: int
) -> tuple[list[ScoreGroup], list[ScoreGroup]]:
    visit_ids = sorted({v for _, v in scored if v is not None})
    staff: dict[int, set[str]] = defaultdict(set)
    services: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(visit_ids), CHUNK):
        query = (
            select(VisitLine.visit_id, Staff.name, Service.name, VisitLine.item_name)
            .outerjoin(Staff, Staff.id == VisitLine.staff_id)
            .outerjoin(Service, Service.id == VisitLine.service_id)
            .where(VisitLine.visit_id.in_(visit_ids[i : i + CHUNK]))
        )
        for vid, staff_name, service_name, item in session.execute(query):
            if staff_name:
                staff[vid].add(staff_name)
            services[vid].add(service_name or item)

    def group(names_of: dict[int, set[str]]) -> list[ScoreGroup]:
        by: dict[str, list[int]] = defaultdict(list)
        for score, vid in scored:
            for name in names_of.get(vid, ()) if vid is not None else ():
                by[name].append(score)
        rows = [
            ScoreGroup(name, len(s), round(statistics.fmean(s), 2), sum(1 for x in s if x <= top))
            for name, s in by.items()
        ]
        return sorted(rows, key=lambda g: (g.average, -g.count, name_sort_key(g.name)))

    return group(staff), group(services)


def score_figures(session: Session, year: int, month: int, trend_months: int = 6) -> ScoreFigures:
    """The month's scores: average, low share, by staff and service (lowest first), trend."""
    top = low_limit(session)
    start, end = clock.month_bounds(year, month)
    scored = _scores(session, start.date(), end.date())
    this = _month_score(date(year, month, 1), [s for s, _ in scored], top)
    by_staff, by_service = _groups(session, scored, top)
    return ScoreFigures(
        count=this.count,
        average=this.average,
        low=this.low,
        low_share=this.low_share,
        max_low=top,
        by_staff=by_staff,
        by_service=by_service,
        trend=satisfaction_series(session, year, month, trend_months),
    )
