"""Satisfaction over time (满意度): scores 1–5, entered on the visit at the counter or on the
care call afterwards; a low score raises a care follow-up; figures by month, staff, service.

A score given on a call (`record_score` with a follow-up, or a member without a visit) is a
`satisfaction_scores` row; a score for a visit that has none yet is written on the visit, as
the counter does. Low means at most the low-score rule's `max_score` (default 2).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select, union_all
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
from ..analytics.sqlfuncs import month_number, unindexed
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
# Visits' scores are read from ix_visits_scores (scored visits only, migration 0019): the
# month's range of it, never the visits table. `unindexed` keeps SQLite off the status index.


def _scored_visits(lo: datetime, hi: datetime):  # noqa: ANN202
    return (
        Visit.visited_at >= lo,
        Visit.visited_at < hi,
        unindexed(Visit.status) == VISIT_OK,
        Visit.satisfaction.is_not(None),
    )


def _scores(session: Session, start: date, end: date) -> list[tuple[int, int | None]]:
    """(score, visit id or None) of every score in [start, end): visits' and calls'."""
    lo, hi = clock.day_bounds(start)[0], clock.day_bounds(end)[0]
    visits = select(Visit.satisfaction, Visit.id).where(*_scored_visits(lo, hi))
    calls = select(SatisfactionScore.score, SatisfactionScore.visit_id).where(
        SatisfactionScore.created_at >= lo, SatisfactionScore.created_at < hi
    )
    return [(int(s), v) for s, v in session.execute(visits)] + [
        (int(s), v) for s, v in session.execute(calls)
    ]


def _month_score(month: date, scores: list[int], top: int) -> MonthScore:
    return _month_score_of(month, len(scores), sum(scores), sum(1 for s in scores if s <= top))


def _month_score_of(month: date, count: int, total: int, low: int) -> MonthScore:
    """A month's figures from its count, sum and number of low scores (the mean of whole
    numbers: `statistics.fmean` of the scores gives the same float as total / count)."""
    if not count:
        return MonthScore(month, 0, None, 0, None)
    return MonthScore(month, count, round(total / count, 2), low, round(low / count, 3))


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
    wanted = _months_back(year, month, months)
    lo = clock.month_bounds(*wanted[0])[0]
    hi = clock.month_bounds(*wanted[-1])[1]
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    # two grouped sums over the whole span (visits' by visit time, calls'), by month
    for when, score, where in (
        (Visit.visited_at, Visit.satisfaction, _scored_visits(lo, hi)),
        (
            SatisfactionScore.created_at,
            SatisfactionScore.score,
            (SatisfactionScore.created_at >= lo, SatisfactionScore.created_at < hi),
        ),
    ):
        number = month_number(when)
        query = (
            select(
                number, func.count(), func.sum(score), func.sum(case((score <= top, 1), else_=0))
            )
            .where(*where)
            .group_by(number)
        )
        for key, count, total, low in session.execute(query):
            entry = sums[int(key)]
            entry[0] += int(count)
            entry[1] += int(total or 0)
            entry[2] += int(low or 0)
    return [_month_score_of(date(y, m, 1), *sums.get(y * 12 + m - 1, (0, 0, 0))) for y, m in wanted]


def _month_scored(start: date, end: date):  # noqa: ANN202
    """(visit id, score) of every score in [start, end) that belongs to a visit."""
    lo, hi = clock.day_bounds(start)[0], clock.day_bounds(end)[0]
    return union_all(
        select(Visit.id.label("vid"), Visit.satisfaction.label("score")).where(
            *_scored_visits(lo, hi)
        ),
        select(SatisfactionScore.visit_id, SatisfactionScore.score).where(
            SatisfactionScore.created_at >= lo,
            SatisfactionScore.created_at < hi,
            SatisfactionScore.visit_id.is_not(None),
        ),
    ).cte("scored")


def _groups(
    session: Session, start: date, end: date, top: int
) -> tuple[list[ScoreGroup], list[ScoreGroup]]:
    """The month's scores by staff and by service: each score counts once for every name
    among its visit's lines (two lines by one person: once), summed in SQL."""
    scored = _month_scored(start, end)
    lines = VisitLine.visit_id.in_(select(scored.c.vid))
    staff_names = (
        select(VisitLine.visit_id.label("vid"), Staff.name.label("name"))
        .join(Staff, Staff.id == VisitLine.staff_id)
        .where(lines, Staff.name != "")
        .distinct()
        .subquery()
    )
    service_names = (
        select(
            VisitLine.visit_id.label("vid"),
            func.coalesce(func.nullif(Service.name, ""), VisitLine.item_name).label("name"),
        )
        .outerjoin(Service, Service.id == VisitLine.service_id)
        .where(lines)
        .distinct()
        .subquery()
    )

    def group(names) -> list[ScoreGroup]:  # noqa: ANN001
        low = func.sum(case((scored.c.score <= top, 1), else_=0))
        query = (
            select(names.c.name, func.count(), func.sum(scored.c.score), low)
            .join(names, names.c.vid == scored.c.vid)
            .group_by(names.c.name)
        )
        rows = [
            ScoreGroup(name, int(n), round(int(total) / int(n), 2), int(lows or 0))
            for name, n, total, lows in session.execute(query)
        ]
        return sorted(rows, key=lambda g: (g.average, -g.count, name_sort_key(g.name)))

    return group(staff_names), group(service_names)


def score_figures(session: Session, year: int, month: int, trend_months: int = 6) -> ScoreFigures:
    """The month's scores: average, low share, by staff and service (lowest first), trend."""
    top = low_limit(session)
    start, end = clock.month_bounds(year, month)
    scored = _scores(session, start.date(), end.date())
    this = _month_score(date(year, month, 1), [s for s, _ in scored], top)
    by_staff, by_service = _groups(session, start.date(), end.date(), top)
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
