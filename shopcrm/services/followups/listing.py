"""What is due: the day's list, a member's open follow-ups, reasons and message texts."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import String, and_, bindparam, case, func, literal, select, true, type_coerce
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, current_language, translate
from ...models import (
    FOLLOWUP_OPEN,
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
)
from ..names import name_sort_key
from ..phones import display_phone
from ..settings import get_settings
from .due_sql import Rules, active_rules, listed_clause, listed_params
from .finders import CHUNK
from .messages import fill_placeholders, message_values, reason_text, shop_name
from .rules import rule_display_name, rule_template
from .texts import (
    E_NOT_FOUND,
    KIND_WINBACK,
    SHOP_FALLBACK,
)

SORTS = ("rule", "due", "member")


@dataclass(frozen=True)
class DueItem:
    id: int
    member_id: int
    member_name: str
    member_pinyin: str  # for sorting by name (pinyin order, as the member list does)
    phone: str  # display form, '' when the member has none
    rule_id: int
    rule_kind: str
    rule_name: str
    rule_order: int
    due_date: date
    occasion_date: date
    reason: str
    message: str
    status: str  # 'open' (snoozed ones whose date has come are open again)
    snoozed_until: date | None
    overdue: bool  # past its natural day (birthday, care date, day the lapse began)
    attempts: int  # how many times nobody answered
    last_outcome: str | None  # action of the latest event: noanswer, snooze, ...
    last_outcome_at: datetime | None
    is_due: bool  # on the list for the listing day (False: raised, not yet / snoozed)


_F = Followup.__table__.c
_E = FollowupEvent.__table__.c
_MB = Member.__table__.c
_RULES = select(FollowupRule.__table__)
# The reason parameters as stored (JSON text on SQLite): decoded only for the rows that are
# rendered (a day's ids do not need them), each distinct text once.
_DETAIL = type_coerce(_F.detail, String).label("detail")


@lru_cache(maxsize=4096)
def _decoded(text: str) -> dict[str, Any]:
    return json.loads(text)


def _detail(value: Any) -> dict[str, Any]:
    """A row's detail (read-only: the decoded dict is shared between rows)."""
    if isinstance(value, str):
        return _decoded(value) or {}
    return value or {}


_HISTORY = (
    select(_E.followup_id, _E.action, _E.created_at)
    .where(_E.followup_id.in_(bindparam("ids", expanding=True)))
    .order_by(_E.followup_id, _E.id)
)


def _rules(session: Session) -> dict[int, Any]:
    """Every rule as a plain row (the rule helpers read the same attribute names)."""
    return {r.id: r for r in session.execute(_RULES)}


def _history_summary(session: Session, ids: list[int]) -> dict[int, tuple[int, str, datetime]]:
    """followup id -> (no-answer attempts, last action, its time)."""
    out: dict[int, tuple[int, str, datetime]] = {}
    attempts: dict[int, int] = defaultdict(int)
    for i in range(0, len(ids), CHUNK):
        for fid, action, at in session.execute(_HISTORY, {"ids": ids[i : i + CHUNK]}):
            if action == "noanswer":
                attempts[fid] += 1
            out[fid] = (attempts[fid], action, at)
    return out


def _light_statement(where: Any, full: bool = True) -> Any:
    """The list's rows: what picks them, and with `full` what renders them too (the
    member's name is there for sorting by member)."""
    rendered = (_F.member_id, _F.status, _DETAIL, _MB.phone) if full else ()
    return (
        select(
            _F.id,
            _F.rule_id,
            _F.due_date,
            _F.occasion_date,
            _F.snoozed_until,
            _MB.last_visit_on,
            _MB.name_pinyin,
            _MB.name,
            *rendered,
        )
        .join(Member.__table__, _MB.id == _F.member_id)
        .where(where)
    )


def rule_rank(active: Rules) -> Any:
    """The rules' order as an SQL expression over `rule_id` (0, 1, ... in list order)."""
    if not active:
        return literal(0)
    return case({r.id: n for n, r in enumerate(active)}, value=_F.rule_id, else_=len(active))


def _order(sort: str, active: Rules) -> tuple[Any, ...]:
    if sort == "due":
        return (_F.due_date, rule_rank(active), _F.rule_id, _F.id)
    return (rule_rank(active), _F.rule_id, _F.due_date, _F.id)


_WHERE = {
    "day": lambda: true(),
    "rule": lambda: _F.rule_id == bindparam("rule_id"),
    "member": lambda: _F.member_id == bindparam("member_id"),
}


@lru_cache(maxsize=64)
def _listed_statement(active: Rules, where: str, sort: str, due_only: bool, full: bool) -> Any:
    """Built once per set of active rules (and compiled once: the day is a parameter)."""
    stmt = _light_statement(and_(listed_clause(active, due_only=due_only), _WHERE[where]()), full)
    return stmt if sort == "member" else stmt.order_by(*_order(sort, active))


def _read_listed(
    session: Session,
    on: date,
    where: str = "day",
    *,
    sort: str = "rule",
    due_only: bool = True,
    full: bool = True,
    rules: dict[int, Any] | None = None,
    **params: Any,
) -> list[Any]:
    """The follow-ups on the list of day `on` (see due_sql: the filter is SQL's) of the
    whole day, a rule (`rule_id=`) or a member (`member_id=`), in `sort` order
    ('rule' | 'due' | 'member')."""
    session.flush()  # Core reads: what this session changed must show
    active = active_rules(rules if rules is not None else _rules(session))
    stmt = _listed_statement(active, where, sort, due_only, full)
    rows = session.execute(stmt, {**listed_params(active, on), **params}).all()
    if sort == "member":
        # the raw name: the surname-syllable key, as the member list sorts
        rows.sort(key=lambda r: (name_sort_key(r.name or r.name_pinyin), r.due_date, r.id))
    return rows


def _is_due(due: date, snoozed_until: date | None, on: date) -> bool:
    return due <= on and (snoozed_until is None or snoozed_until <= on)


def due_ids(
    session: Session, on: date, *, rule_id: int | None = None, sort: str = "rule"
) -> list[int]:
    """Ids of the follow-ups to work on day `on` (due today, overdue, snoozed ones whose
    date has come), sorted by rule then due date (`sort`: 'rule' | 'due' | 'member').

    Filtered and sorted in SQL (due_sql). The whole day's ids: a screen pages with
    `followups.paging.due_page` instead. Read-only: call `raise_due` first.
    """
    if rule_id is None:
        return [r.id for r in _read_listed(session, on, sort=sort, full=False)]
    rows = _read_listed(session, on, "rule", sort=sort, full=False, rule_id=rule_id)
    return [r.id for r in rows]


def due_count(session: Session, on: date) -> int:
    """How many follow-ups `due_ids` lists for day `on`: one COUNT in SQL (the counter's
    figure at start-up; nothing read into Python)."""
    session.flush()
    active = active_rules(_rules(session))
    return int(session.execute(_count_statement(active), listed_params(active, on)).scalar_one())


@lru_cache(maxsize=16)
def _count_statement(active: Rules) -> Any:
    return (
        select(func.count())
        .select_from(Followup.__table__.join(Member.__table__, _MB.id == _F.member_id))
        .where(listed_clause(active))
    )


_ITEMS = (
    select(
        _F.id,
        _F.member_id,
        _F.rule_id,
        _F.occasion_date,
        _F.due_date,
        _F.status,
        _F.snoozed_until,
        _DETAIL,
        _MB.name,
        _MB.name_pinyin,
        _MB.phone,
    )
    .join(Member.__table__, _MB.id == _F.member_id)
    .where(_F.id.in_(bindparam("ids", expanding=True)))
)


def due_items(session: Session, ids: list[int], on: date, lang: str | None = None) -> list[DueItem]:
    """Display rows (reason and message in `lang`, seen from day `on`) for `ids`, in that
    order; ids that no longer exist are left out. Ask for a page of ids at a time."""
    return _due_items(session, ids, on, lang)


def _due_items(
    session: Session,
    ids: list[int],
    on: date,
    lang: str | None = None,
    rules: dict[int, Any] | None = None,
    rows: dict[int, Any] | None = None,
) -> list[DueItem]:
    """Render `ids`; `rows` (id -> row) when the caller has read them already."""
    lang = lang or current_language()
    session.flush()  # Core reads: what this session changed must show
    rules = rules if rules is not None else _rules(session)
    settings = get_settings(session, {"shop.phone_region": None, "shop.name": None})
    region = settings["shop.phone_region"] or "CN"
    shop = settings["shop.name"] or translate(SHOP_FALLBACK, lang)
    if rows is None:
        rows = {}
        for i in range(0, len(ids), CHUNK):
            rows.update((f.id, f) for f in session.execute(_ITEMS, {"ids": ids[i : i + CHUNK]}))
    history = _history_summary(session, [i for i in ids if i in rows])
    items = []
    for fid in ids:
        if fid not in rows:
            continue
        f = rows[fid]
        name, pinyin, phone = f.name, f.name_pinyin, f.phone
        rule = rules[f.rule_id]
        detail = _detail(f.detail)
        attempts, last_action, last_at = history.get(fid, (0, None, None))
        values = message_values(rule.kind, detail, f.occasion_date, on, name, shop, lang)
        items.append(
            DueItem(
                id=fid,
                member_id=f.member_id,
                member_name=name,
                member_pinyin=pinyin or name,
                phone=_phone_text(phone, region),
                rule_id=rule.id,
                rule_kind=rule.kind,
                rule_name=rule_display_name(rule, lang),
                rule_order=rule.sort_order,
                due_date=f.due_date,
                occasion_date=f.occasion_date,
                reason=reason_text(rule.kind, detail, f.occasion_date, f.due_date, on, lang),
                message=fill_placeholders(
                    rule_template(rule, lang, (f.occasion_date - on).days), values
                ),
                status=f.status,
                snoozed_until=f.snoozed_until,
                overdue=on > (f.due_date if rule.kind == KIND_WINBACK else f.occasion_date),
                attempts=attempts,
                last_outcome=last_action,
                last_outcome_at=last_at,
                is_due=f.status == FOLLOWUP_OPEN and _is_due(f.due_date, f.snoozed_until, on),
            )
        )
    return items


def _phone_text(phone: str | None, region: str) -> str:
    """Display form; a mainland mobile is spaced 3-4-4 directly (parsing thousands of
    numbers with phonenumbers would dominate the list's time)."""
    if not phone:
        return ""
    if region == "CN" and len(phone) == 14 and phone.startswith("+861") and phone[1:].isdigit():
        national = phone[3:]
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    return display_phone(phone, region)


def due_list(
    session: Session,
    on: date,
    lang: str | None = None,
    *,
    rule_id: int | None = None,
    sort: str = "rule",
) -> list[DueItem]:
    """The whole list of day `on` (see `due_ids`), rendered in `lang`: read once (the
    rows that pick the list carry what is rendered). A screen showing a page at a time
    asks `due_ids` and then `due_items` per page instead."""
    rules = _rules(session)
    if rule_id is None:
        day = _read_listed(session, on, sort=sort, rules=rules)
    else:
        day = _read_listed(session, on, "rule", sort=sort, rules=rules, rule_id=rule_id)
    rows = {r.id: r for r in day}
    return _due_items(session, list(rows), on, lang, rules, rows)


def member_open_followups(
    session: Session, member_id: int, on: date, lang: str | None = None
) -> list[DueItem]:
    """A member's open follow-ups for the member card (also those not due yet or snoozed;
    see `DueItem.is_due`), by due date."""
    rules = _rules(session)
    light = _read_listed(
        session, on, "member", sort="due", due_only=False, rules=rules, member_id=member_id
    )
    rows = {r.id: r for r in light}
    return _due_items(session, list(rows), on, lang, rules, rows)


def render_message(
    session: Session, followup_id: int, lang: str | None = None, on: date | None = None
) -> str:
    """The message text for one follow-up, from its rule's template, ready to copy."""
    lang = lang or current_language()
    row = session.execute(
        select(Followup, Member.name, FollowupRule)
        .join(Member, Member.id == Followup.member_id)
        .join(FollowupRule, FollowupRule.id == Followup.rule_id)
        .where(Followup.id == followup_id)
    ).first()
    if row is None:
        raise ShopError(E_NOT_FOUND, id=followup_id)
    followup, name, rule = row
    values = message_values(
        rule.kind,
        followup.detail or {},
        followup.occasion_date,
        on or clock.today(),
        name,
        shop_name(session, lang),
        lang,
    )
    day = on or clock.today()
    days_to = (followup.occasion_date - day).days
    return fill_placeholders(rule_template(rule, lang, days_to), values)
