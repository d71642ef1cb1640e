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
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ... import clock
from ...models import (
    FOLLOWUP_DISMISSED,
    FOLLOWUP_DONE,
    FOLLOWUP_OPEN,
    VISIT_OK,
    Followup,
    FollowupEvent,
    FollowupRule,
    Visit,
)
from ..auth import Actor
from ..settings import get_setting, set_setting
from .finders import FINDERS, Candidate, chunks, day_start
from .rules import ensure_default_rules, rule_params
from .texts import (
    KIND_COMPLAINT,
    KIND_WINBACK,
)

log = logging.getLogger(__name__)

LAST_RUN_KEY = "followups.last_run"
CATCHUP_MAX_KEY = "followups.catchup_max_days"
CATCHUP_MAX_DEFAULT = 60  # a shop closed longer than this is caught up for this many days


@dataclass(frozen=True)
class RaiseResult:
    on: date
    window_start: date  # first day caught up (== on when nothing was missed)
    raised: int
    by_kind: dict[str, int] = field(default_factory=dict)
    closed_by_visit: int = 0
    expired: int = 0


# --- writing ---------------------------------------------------------------------------


def _insert_new(session: Session, rule_id: int, cands: list[Candidate]) -> int:
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
                "created_at": clock.now(),
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
    for part in chunks(rows):
        session.execute(stmt, part)
    return len(rows)


def _add_events(
    session: Session, ids: list[int], action: str, note: str, actor: Actor
) -> None:
    now = clock.now()
    staff_id = actor.staff_id if actor else None
    for part in chunks(ids):
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
    now = clock.now()
    for part in chunks(ids):
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
    if not open_lapses:
        return []
    since = day_start(min(row.occasion_date for row in open_lapses) + timedelta(days=1))
    latest: dict[int, date] = {}
    mids = sorted({row.member_id for row in open_lapses})
    for part in chunks(mids):
        # status is checked in Python so that SQLite walks the (member, time) index
        visits = select(Visit.member_id, Visit.visited_at, Visit.status).where(
            Visit.member_id.in_(part), Visit.visited_at >= since
        )
        for mid, visited_at, status in session.execute(visits):
            if status == VISIT_OK and visited_at.date() > latest.get(mid, date.min):
                latest[mid] = visited_at.date()
    return [fid for fid, mid, occasion in open_lapses if mid in latest and latest[mid] > occasion]


def close_lapses(
    session: Session, member_ids: list[int] | None = None, *, actor: Actor
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
    if kind == KIND_COMPLAINT:
        return date.max  # on the list until the complaint is resolved or dropped
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
    session: Session, on: date, *, actor: Actor, catch_up: bool = True
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
    closed = close_lapses(session, None, actor=actor)
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
