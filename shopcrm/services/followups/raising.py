"""Raising follow-ups: which occasions are due in a window of days, set-based and idempotent.

`raise_due(session, on)` looks at the window from the day after the last run (setting
``followups.last_run``) to `on`, so days the app was closed are caught up in one pass. An
occasion is raised when the days it belongs on the list overlap that window; one occasion
(member, rule, occasion date) gives one follow-up however often this runs (the unique key
``uq_followups_occasion`` plus a pre-check). Afterwards it closes win-back lapses that a
visit has ended and expires follow-ups whose days on the list are over.
"""

from __future__ import annotations

import logging
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ...models import (
    FOLLOWUP_DISMISSED,
    FOLLOWUP_DONE,
    FOLLOWUP_OPEN,
    MEMBER_ACTIVE,
    VISIT_OK,
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    Service,
    Staff,
    Visit,
    VisitLine,
    utcnow,
)
from .. import calendar as cal
from ..auth import Actor
from ..settings import get_setting, set_setting
from .rules import ensure_default_rules, rule_params
from .texts import (
    KIND_AFTERCARE,
    KIND_ANNIVERSARY,
    KIND_BIRTHDAY,
    KIND_WINBACK,
    MARKETING_KINDS,
)

log = logging.getLogger(__name__)

LAST_RUN_KEY = "followups.last_run"
CATCHUP_MAX_KEY = "followups.catchup_max_days"
CATCHUP_MAX_DEFAULT = 60  # a shop closed longer than this is caught up for this many days
CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class RaiseResult:
    on: date
    window_start: date  # first day caught up (== on when nothing was missed)
    raised: int
    by_kind: dict[str, int] = field(default_factory=dict)
    closed_by_visit: int = 0
    expired: int = 0


@dataclass
class _Candidate:
    member_id: int
    occasion_date: date
    due_date: date
    detail: dict[str, Any]
    visit_id: int | None = None
    service_id: int | None = None


def _chunks(items: list[Any], size: int = CHUNK) -> Any:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _active_members(rule_kind: str) -> list[Any]:
    """Conditions every raised member meets: active, and consent for greetings/offers."""
    conds: list[Any] = [Member.status == MEMBER_ACTIVE]
    if rule_kind in MARKETING_KINDS:
        conds.append(Member.consent_marketing.is_(True))
    return conds


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


# --- birthdays -------------------------------------------------------------------------


def _birthday_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[_Candidate]:
    lead, keep = int(params["lead_days"]), int(params["keep_days"])
    # On the list from occurrence - lead to occurrence + keep; overlapping [start, on].
    days = cal.days_between(start - timedelta(days=keep), on + timedelta(days=lead))
    solar: dict[int, list[date]] = defaultdict(list)
    lunar: dict[tuple[int, bool], list[date]] = defaultdict(list)
    for day in days:
        for month, mday in cal.solar_birthdays_on(day):
            solar[month * 100 + mday].append(day)
        for month, lday, leap in cal.lunar_birthdays_on(day):
            lunar[(month * 100 + lday, leap)].append(day)
    key = Member.birth_month * 100 + Member.birth_day
    lunar_plain = sorted(k for k, leap in lunar if not leap)
    lunar_leap = sorted(k for k, leap in lunar if leap)
    query = select(
        Member.id,
        Member.birthday_kind,
        Member.birth_month,
        Member.birth_day,
        Member.birth_leap,
        Member.birth_year,
    ).where(
        *_active_members(KIND_BIRTHDAY),
        or_(
            and_(Member.birthday_kind == cal.SOLAR, key.in_(sorted(solar))),
            and_(
                Member.birthday_kind == cal.LUNAR,
                Member.birth_leap.is_(False),
                key.in_(lunar_plain),
            ),
            and_(
                Member.birthday_kind == cal.LUNAR, Member.birth_leap.is_(True), key.in_(lunar_leap)
            ),
        ),
    )
    out = []
    for mid, kind, month, mday, leap, year in session.execute(query):
        k = month * 100 + mday
        occurrences = solar[k] if kind == cal.SOLAR else lunar[(k, bool(leap))]
        for occ in occurrences:
            detail = {"kind": kind, "month": month, "day": mday, "leap": bool(leap)}
            if year:
                age_year = occ.year if kind == cal.SOLAR else cal.lunar_of(occ)[0]
                detail["age"] = age_year - year
            out.append(_Candidate(mid, occ, occ - timedelta(days=lead), detail))
    return out


def _anniversary_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[_Candidate]:
    lead, keep = int(params["lead_days"]), int(params["keep_days"])
    years = [int(y) for y in params["years"]]
    by_join: dict[date, list[tuple[date, int]]] = defaultdict(list)
    for day in cal.days_between(start - timedelta(days=keep), on + timedelta(days=lead)):
        for n in years:
            for month, mday in cal.solar_birthdays_on(day):
                try:
                    by_join[date(day.year - n, month, mday)].append((day, n))
                except ValueError:  # 29 February of a common year
                    continue
    out = []
    joins = sorted(by_join)
    for part in _chunks(joins):
        query = select(Member.id, Member.join_date).where(
            *_active_members(KIND_ANNIVERSARY), Member.join_date.in_(part)
        )
        for mid, joined in session.execute(query):
            for occ, n in by_join[joined]:
                out.append(
                    _Candidate(
                        mid,
                        occ,
                        occ - timedelta(days=lead),
                        {"years": n, "join_date": joined.isoformat()},
                    )
                )
    return out


# --- aftercare -------------------------------------------------------------------------


def _offsets_to_services(session: Session, params: dict[str, Any]) -> dict[int, set[int] | None]:
    """offset in days -> the service ids it applies to (None: every service)."""
    wanted = set(params.get("service_ids") or [])
    if params.get("offsets"):
        return {int(o): (wanted or None) for o in params["offsets"]}
    result: dict[int, set[int] | None] = defaultdict(set)
    for sid, offsets in session.execute(select(Service.id, Service.care_offsets)):
        if wanted and sid not in wanted:
            continue
        for offset in offsets or []:
            if isinstance(offset, int) and offset > 0:
                result[offset].add(sid)  # type: ignore[union-attr]
    return dict(result)


def _aftercare_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[_Candidate]:
    keep = int(params["keep_days"])
    merged: dict[tuple[int, date], _Candidate] = {}
    for offset, services in sorted(_offsets_to_services(session, params).items()):
        # care date = visit date + offset, on the list until care date + keep.
        first = start - timedelta(days=keep + offset)
        last = on - timedelta(days=offset)
        query = (
            select(
                Visit.id,
                Visit.member_id,
                Visit.visited_at,
                Visit.status,
                VisitLine.service_id,
                VisitLine.item_name,
                Staff.name,
            )
            .join(VisitLine, VisitLine.visit_id == Visit.id)
            .outerjoin(Staff, Staff.id == VisitLine.staff_id)
            .where(
                Visit.visited_at >= _day_start(first),
                Visit.visited_at < _day_start(last + timedelta(days=1)),
                Visit.member_id.is_not(None),
            )
            .order_by(Visit.visited_at, Visit.id, VisitLine.line_no)
        )
        for vid, mid, visited_at, status, sid, item, staff in session.execute(query):
            # Status and service are checked here, not in SQL, so that SQLite walks the
            # visited_at index (a service or status index matches far more rows).
            if status != VISIT_OK or (services is not None and sid not in services):
                continue
            visit_day = visited_at.date()
            care = visit_day + timedelta(days=offset)
            cand = merged.get((mid, care))
            if cand is None:
                merged[(mid, care)] = _Candidate(
                    mid,
                    care,
                    care,
                    {
                        "services": [item],
                        "visit_date": visit_day.isoformat(),
                        "offset": offset,
                        "staff": staff or "",
                    },
                    visit_id=vid,
                    service_id=sid,
                )
            elif item not in cand.detail["services"]:
                cand.detail["services"].append(item)
    eligible = _eligible(session, KIND_AFTERCARE, sorted({mid for mid, _ in merged}))
    return [c for (mid, _), c in merged.items() if mid in eligible]


def _eligible(session: Session, kind: str, member_ids: list[int]) -> set[int]:
    """Those of `member_ids` a rule of `kind` may raise for (checked by primary key)."""
    found: set[int] = set()
    for part in _chunks(member_ids):
        found.update(
            session.scalars(select(Member.id).where(Member.id.in_(part), *_active_members(kind)))
        )
    return found


# --- win-back --------------------------------------------------------------------------


def _visit_days(session: Session, member_ids: list[int]) -> dict[int, list[date]]:
    """The days of each member's ok visits, in order (a day twice for two visits)."""
    days: dict[int, list[date]] = defaultdict(list)
    for part in _chunks(member_ids):
        # status is checked here, not in SQL: SQLite would pick the (unselective) status
        # index over the member index.
        query = select(Visit.member_id, Visit.visited_at, Visit.status).where(
            Visit.member_id.in_(part)
        )
        for mid, visited_at, status in session.execute(query):
            if status == VISIT_OK:
                days[mid].append(visited_at.date())
    return {mid: sorted(d) for mid, d in days.items()}


def winback_threshold(days: list[date], floor_days: int, factor: float) -> tuple[float, float]:
    """(median gap, threshold in days) for a member's visit days (at least two)."""
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    median = float(statistics.median(gaps))
    return median, max(factor * median, float(floor_days))


def _winback_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[_Candidate]:
    floor_days, factor = int(params["floor_days"]), float(params["factor"])
    min_visits, keep = int(params["min_visits"]), int(params["keep_days"])
    # Step 1, from the members' derived stats: lapsed beyond the floor at least.
    query = select(
        Member.id, Member.first_visit_on, Member.last_visit_on, Member.visit_count
    ).where(
        *_active_members(KIND_WINBACK),
        Member.visit_count >= min_visits,
        Member.last_visit_on <= on - timedelta(days=floor_days + 1),
    )
    earliest_due = start - timedelta(days=keep)
    ids = []
    for mid, first, last, count in session.execute(query):
        # At least half of the n = count - 1 gaps are >= their median, so the median is at
        # most span / ceil(n / 2): an upper bound of the threshold. Members whose lapse began
        # before the window even at that bound are skipped without reading their visits.
        span = (last - first).days if first else 0
        upper = max(factor * span / max(1, math.ceil((count - 1) / 2)), float(floor_days))
        if last + timedelta(days=math.floor(upper) + 1) >= earliest_due:
            ids.append(mid)
    # Step 2, only for those: their own cadence from the visits.
    out = []
    for mid, days in _visit_days(session, ids).items():
        if len(days) < min_visits:
            continue
        median, threshold = winback_threshold(days, floor_days, factor)
        last = days[-1]
        due = last + timedelta(days=math.floor(threshold) + 1)  # days since > threshold
        if due <= on and due >= earliest_due:
            out.append(
                _Candidate(mid, last, due, {"gap": round(median), "threshold": round(threshold, 1)})
            )
    return out


FINDERS = {
    KIND_BIRTHDAY: _birthday_candidates,
    KIND_ANNIVERSARY: _anniversary_candidates,
    KIND_AFTERCARE: _aftercare_candidates,
    KIND_WINBACK: _winback_candidates,
}


# --- writing ---------------------------------------------------------------------------


def _insert_new(session: Session, rule_id: int, cands: list[_Candidate]) -> int:
    if not cands:
        return 0
    low = min(c.occasion_date for c in cands)
    high = max(c.occasion_date for c in cands)
    existing = {
        (mid, day)
        for mid, day in session.execute(
            select(Followup.member_id, Followup.occasion_date).where(
                Followup.rule_id == rule_id,
                Followup.occasion_date >= low,
                Followup.occasion_date <= high,
            )
        )
    }
    rows, seen = [], set(existing)
    for c in cands:
        key = (c.member_id, c.occasion_date)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "member_id": c.member_id,
                "rule_id": rule_id,
                "occasion_date": c.occasion_date,
                "due_date": c.due_date,
                "status": FOLLOWUP_OPEN,
                "visit_id": c.visit_id,
                "service_id": c.service_id,
                "detail": c.detail,
                "created_at": utcnow(),
            }
        )
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    keys = ["member_id", "rule_id", "occasion_date"]
    if dialect == "sqlite":
        stmt: Any = sqlite.insert(Followup).on_conflict_do_nothing(index_elements=keys)
    elif dialect == "postgresql":
        stmt = postgresql.insert(Followup).on_conflict_do_nothing(index_elements=keys)
    else:
        stmt = insert(Followup)
    for part in _chunks(rows):
        session.execute(stmt, part)
    return len(rows)


def _add_events(
    session: Session, ids: list[int], action: str, note: str, actor: Actor | None
) -> None:
    now = utcnow()
    staff_id = actor.staff_id if actor else None
    for part in _chunks(ids):
        session.execute(
            insert(FollowupEvent),
            [
                {
                    "followup_id": i,
                    "action": action,
                    "channel": "",
                    "note": note,
                    "staff_id": staff_id,
                    "created_at": now,
                }
                for i in part
            ],
        )


def _set_status(session: Session, ids: list[int], status: str) -> None:
    now = utcnow()
    for part in _chunks(ids):
        session.execute(
            update(Followup)
            .where(Followup.id.in_(part))
            .values(status=status, closed_at=now)
            .execution_options(synchronize_session=False)
        )


def lapses_closed_by_visits(session: Session, member_ids: list[int] | None = None) -> list[int]:
    """Open win-back follow-ups whose member has visited after the lapse's last visit."""
    query = (
        select(Followup.id, Followup.member_id, Followup.occasion_date)
        .join(FollowupRule, FollowupRule.id == Followup.rule_id)
        .where(Followup.status == FOLLOWUP_OPEN, FollowupRule.kind == KIND_WINBACK)
    )
    if member_ids is not None:
        query = query.where(Followup.member_id.in_(member_ids))
    open_lapses = session.execute(query).all()
    latest: dict[int, datetime] = {}
    mids = sorted({row.member_id for row in open_lapses})
    for part in _chunks(mids):
        latest.update(
            session.execute(
                select(Visit.member_id, func.max(Visit.visited_at))
                .where(Visit.member_id.in_(part), Visit.status == VISIT_OK)
                .group_by(Visit.member_id)
            ).all()
        )
    return [
        fid for fid, mid, occasion in open_lapses if mid in latest and latest[mid].date() > occasion
    ]


def close_lapses(
    session: Session, member_ids: list[int] | None = None, actor: Actor | None = None
) -> int:
    """Close (done) the open win-back follow-ups a new visit has answered.

    The visit service may call this for one member right after recording a visit; the
    daily raise does it for everyone.
    """
    ids = lapses_closed_by_visits(session, member_ids)
    if ids:
        _set_status(session, ids, FOLLOWUP_DONE)
        _add_events(session, ids, "closed", "closed by visit", actor)
        session.flush()
    return len(ids)


def last_listed_day(
    kind: str, params: dict[str, Any], occasion: date, due: date, snoozed_until: date | None
) -> date:
    """The last day a follow-up belongs on the list (snoozing to later extends it)."""
    base = due if kind == KIND_WINBACK else occasion
    last = base + timedelta(days=int(params.get("keep_days", 0)))
    return max(last, snoozed_until) if snoozed_until else last


def expire_stale(session: Session, on: date) -> int:
    """Dismiss (event 'expired') open follow-ups whose days on the list ended before `on`."""
    rules = {r.id: r for r in session.scalars(select(FollowupRule))}
    query = select(
        Followup.id,
        Followup.rule_id,
        Followup.occasion_date,
        Followup.due_date,
        Followup.snoozed_until,
    ).where(Followup.status == FOLLOWUP_OPEN, Followup.due_date < on)
    stale = [
        fid
        for fid, rid, occasion, due, snoozed in session.execute(query)
        if last_listed_day(rules[rid].kind, rule_params(rules[rid]), occasion, due, snoozed) < on
    ]
    if stale:
        _set_status(session, stale, FOLLOWUP_DISMISSED)
        _add_events(session, stale, "expired", "expired", None)
        session.flush()
    return len(stale)


def _window_start(session: Session, on: date, catch_up: bool) -> date:
    last = get_setting(session, LAST_RUN_KEY)
    if not catch_up or not last:
        return on
    last_day = date.fromisoformat(last)
    if last_day >= on:
        return on
    cap = int(get_setting(session, CATCHUP_MAX_KEY, default=CATCHUP_MAX_DEFAULT))
    return max(last_day + timedelta(days=1), on - timedelta(days=cap - 1))


def raise_due(
    session: Session, on: date, actor: Actor | None = None, *, catch_up: bool = True
) -> RaiseResult:
    """Raise every follow-up due on `on` and on the days missed since the last run."""
    ensure_default_rules(session)
    start = _window_start(session, on, catch_up)
    by_kind: dict[str, int] = {}
    rules = session.scalars(
        select(FollowupRule)
        .where(FollowupRule.active)
        .order_by(FollowupRule.sort_order, FollowupRule.id)
    ).all()
    for rule in rules:
        finder = FINDERS.get(rule.kind)
        if finder is None:
            log.warning("follow-up rule %s has unknown kind %r", rule.id, rule.kind)
            continue
        count = _insert_new(session, rule.id, finder(session, rule_params(rule), start, on))
        by_kind[rule.kind] = by_kind.get(rule.kind, 0) + count
    session.flush()
    closed = close_lapses(session, None, actor)
    expired = expire_stale(session, on)
    last = get_setting(session, LAST_RUN_KEY)
    if not last or date.fromisoformat(last) < on:
        set_setting(session, LAST_RUN_KEY, on.isoformat())
    result = RaiseResult(
        on=on,
        window_start=start,
        raised=sum(by_kind.values()),
        by_kind=by_kind,
        closed_by_visit=closed,
        expired=expired,
    )
    log.info("follow-ups raised: %s", result)
    return result
