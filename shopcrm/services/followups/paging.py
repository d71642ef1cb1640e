"""The day's list a page at a time, one row per member (issue 21: the first page of 46,000
follow-ups inside one frame).

**The order.** The list is read as a stream of follow-ups in *lanes*: first the overdue ones
(past their natural day: the care date, the birthday, the day a lapse was raised) rule by
rule in the rules' order, then the others rule by rule; within a lane by due date, then id.
A member is listed once, at her first follow-up in that stream — her most pressing one,
the one `by_member` puts first — and her row carries all her follow-ups of the day. So a
member whose first follow-up is overdue is in the Overdue group, the others in the group of
their first follow-up's rule; within a group the order is that of the first follow-ups.
(Before paging, the Overdue group was ordered by each member's earliest follow-up of any
kind; now by her most pressing overdue one, which the screen shows first anyway.)

**Why no member appears twice.** A page reads lane rows after the cursor (an index range:
`followups (status, rule_id, due_date)`, migration 0018), reads all listed follow-ups of the
members those rows belong to (`ix_followups_member`), and keeps a row only when it *is* the
member's first follow-up. Every member therefore belongs to exactly one row of the stream,
on exactly one page, whatever the page size; the cursor (lane, due date, id of the last row
read) continues the stream. Counting the groups (`due_totals`) ranks each member's
follow-ups the same way in SQL (`ROW_NUMBER() OVER (PARTITION BY member_id ...)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from ...i18n import current_language
from ...models import FOLLOWUP_OPEN, Followup, Member
from .by_member import MemberDue, by_member
from .due_sql import (
    MB,
    ON,
    ActiveRule,
    F,
    Rules,
    active_rules,
    due_clause,
    listed_clause,
    listed_params,
    member_clause,
    rule_clause,
)
from .finders import CHUNK
from .listing import DueItem, _due_items, _light_statement, _rules, due_count, rule_rank
from .texts import KIND_WINBACK

PAGE = 40  # members a page: more than a window shows (about 25), small enough for one frame


@dataclass(frozen=True)
class PageCursor:
    """Where the next page starts: after row (`due_date`, `id`) of lane `lane`."""

    lane: int
    due_date: date | None  # None: from the lane's start
    id: int


@dataclass(frozen=True)
class DuePage:
    on: date
    members: tuple[MemberDue, ...]  # in list order, each member once across all pages
    items: tuple[DueItem, ...]  # their follow-ups, member by member
    next: PageCursor | None  # None: the list ends with this page


@dataclass(frozen=True)
class DueTotals:
    """The whole day's figures (what the pages add up to)."""

    items: int  # follow-ups (= due_count)
    members: int  # rows of the list
    overdue: int  # members in the Overdue group
    by_rule: dict[int, int]  # rule id -> members in that rule's group (not overdue)


def _lanes(active: Rules) -> list[tuple[bool, ActiveRule]]:
    return [(True, r) for r in active] + [(False, r) for r in active]


@lru_cache(maxsize=256)
def _lane_statement(overdue: bool, rule: ActiveRule, resume: bool) -> Any:
    """One lane's rows (after the cursor when `resume`): only what the index holds and the
    member's conditions, so the lane is read from the index (0018) and `members` by key."""
    where = [
        F.status == FOLLOWUP_OPEN,
        F.rule_id == rule.id,
        due_clause(),
        rule.base < ON if overdue else rule.base >= ON,
        rule_clause(rule),
        member_clause((rule,)),
    ]
    if resume:
        after = bindparam("after_due", type_=Date())
        where += [F.due_date >= after, or_(F.due_date > after, F.id > bindparam("after_id"))]
    return (
        select(F.id, F.member_id, F.due_date)
        .join(Member.__table__, MB.id == F.member_id)
        .where(*where)
        .order_by(F.due_date, F.id)
        .limit(bindparam("limit"))
    )


@lru_cache(maxsize=16)
def _members_statement(active: Rules) -> Any:
    members = F.member_id.in_(bindparam("members", expanding=True))
    return _light_statement(and_(listed_clause(active), members))


def _stream_key(rank: dict[int, int], on: date, winback: set[int]) -> Any:
    """A row's place in the stream (and `by_member`'s order within a member)."""

    def key(row: Any) -> tuple:
        base = row.due_date if row.rule_id in winback else row.occasion_date
        return (not on > base, rank[row.rule_id], row.rule_id, row.due_date, row.id)

    return key


def _members_rows(
    session: Session, params: dict[str, Any], active: Rules, member_ids: list[int]
) -> dict[int, list[Any]]:
    """member id -> all her follow-ups on the list of the day."""
    out: dict[int, list[Any]] = {}
    stmt = _members_statement(active)
    for i in range(0, len(member_ids), CHUNK):
        chunk = member_ids[i : i + CHUNK]
        for row in session.execute(stmt, {**params, "members": chunk}):
            out.setdefault(row.member_id, []).append(row)
    return out


def due_page(
    session: Session,
    on: date,
    after: PageCursor | None = None,
    limit: int | None = PAGE,
    lang: str | None = None,
) -> DuePage:
    """The members (one row each, with all their follow-ups of the day) that come after
    `after` on the list of day `on`, at most `limit` of them (None: all the rest). Pass
    the page's `next` for the following page. Read-only: call `raise_due` first."""
    lang = lang or current_language()
    session.flush()  # Core reads: what this session changed must show
    rules = _rules(session)
    active = active_rules(rules)
    lanes = _lanes(active)
    params = listed_params(active, on)
    rank = {r.id: n for n, r in enumerate(active)}
    key = _stream_key(rank, on, {r.id for r in active if r.kind == KIND_WINBACK})
    cursor = after or PageCursor(0, None, 0)
    chosen: dict[int, list[Any]] = {}  # member id -> her rows, most pressing first
    while cursor.lane < len(lanes) and (limit is None or len(chosen) < limit):
        want = CHUNK if limit is None else limit - len(chosen)
        overdue, rule = lanes[cursor.lane]
        resume = cursor.due_date is not None
        stmt = _lane_statement(overdue, rule, resume)
        lane_params = {**params, "limit": want}
        if resume:
            lane_params.update(after_due=cursor.due_date, after_id=cursor.id)
        rows = session.execute(stmt, lane_params).all()
        new = sorted({r.member_id for r in rows} - chosen.keys())
        theirs = _members_rows(session, params, active, new) if new else {}
        for row in rows:
            cursor = PageCursor(cursor.lane, row.due_date, row.id)
            mine = theirs.get(row.member_id)
            if row.member_id in chosen or not mine:
                continue  # her row is on this page already (from a more pressing one)
            mine.sort(key=key)
            if mine[0].id != row.id:
                continue  # her first follow-up came earlier: her row is on an earlier page
            chosen[row.member_id] = mine
            if limit is not None and len(chosen) >= limit:
                break
        else:
            if len(rows) < want:  # the lane is over
                cursor = PageCursor(cursor.lane + 1, None, 0)
    rows_by_id = {row.id: row for mine in chosen.values() for row in mine}
    items = _due_items(session, list(rows_by_id), on, lang, rules, rows_by_id)
    members = by_member(session, items, on)
    more = cursor.lane < len(lanes)
    return DuePage(on, tuple(members), tuple(items), cursor if more else None)


def due_totals(session: Session, on: date) -> DueTotals:
    """The figures of the whole day's list: follow-ups, members, members per group (the
    same ranking as `due_page`, done in SQL)."""
    session.flush()
    active = active_rules(_rules(session))
    if not active:
        return DueTotals(0, 0, 0, {})
    late, by_rule = 0, {}
    rows = session.execute(_totals_statement(active), listed_params(active, on))
    for is_overdue, rule_id, count in rows:
        if is_overdue:
            late += count
        else:
            by_rule[rule_id] = count
    return DueTotals(due_count(session, on), late + sum(by_rule.values()), late, by_rule)


@lru_cache(maxsize=16)
def _totals_statement(active: Rules) -> Any:
    """Members per group: each member's follow-ups ranked as `due_page` orders them, the
    first of each counted by (overdue, rule)."""
    winback = [r.id for r in active if r.kind == KIND_WINBACK]
    overdue = (
        case((F.rule_id.in_(winback), F.due_date < ON), else_=F.occasion_date < ON)
        if winback
        else F.occasion_date < ON
    )
    flag = case((overdue, 1), else_=0)
    first = func.row_number().over(
        partition_by=F.member_id,
        order_by=(flag.desc(), rule_rank(active), F.rule_id, F.due_date, F.id),
    )
    ranked = (
        select(F.rule_id.label("rule_id"), flag.label("overdue"), first.label("n"))
        .select_from(Followup.__table__.join(Member.__table__, MB.id == F.member_id))
        .where(listed_clause(active))
        .subquery()
    )
    return (
        select(ranked.c.overdue, ranked.c.rule_id, func.count())
        .where(ranked.c.n == 1)
        .group_by(ranked.c.overdue, ranked.c.rule_id)
    )
