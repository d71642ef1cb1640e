"""Which open follow-ups belong on the list of a day, said in SQL (issue 21).

The list of day `on` holds a follow-up when it is open, of an active rule and an active
member (who accepts greetings and offers, unless its rule is a service: care, complaints),
due (`due_date <= on` and not snoozed past `on`), its days on the list are not over, and it
is not a win-back a visit has ended:

- days on the list (`raising.last_listed_day >= on`): `base + keep_days >= on` or
  `snoozed_until >= on` (with "due" above: snoozed to exactly `on`); `base` is the due date
  for a win-back (the day the lapse was raised) and the occasion date for every other kind;
  a complaint stays until it is resolved;
- a win-back ends when the member came back after the lapse began:
  `last_visit_on > occasion_date`.

Until issue 21 the list read every due row and checked these in Python (0.5 s at 46,000 due);
that filter is kept as the oracle in tests/services/test_followups_paging.py, which checks
this one against it on varied data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, bindparam, false, or_

from ...models import FOLLOWUP_OPEN, MEMBER_ACTIVE, Followup, Member
from .rules import rule_params
from .texts import KIND_COMPLAINT, KIND_WINBACK, MARKETING_KINDS

F = Followup.__table__.c
MB = Member.__table__.c


@dataclass(frozen=True)
class ActiveRule:
    id: int
    kind: str
    order: int  # the rule's sort_order: the list's rule order is (order, id)
    keep_days: int | None  # None: never leaves the list by time (complaints)

    @property
    def base(self) -> Any:
        """The column a follow-up's natural day is in (overdue = past it)."""
        return F.due_date if self.kind == KIND_WINBACK else F.occasion_date


Rules = tuple[ActiveRule, ...]


def active_rules(rules: dict[int, Any]) -> tuple[ActiveRule, ...]:
    """The active rules (rows or ORM objects) in the list's order."""
    out = []
    for r in rules.values():
        if not r.active:
            continue
        keep = None if r.kind == KIND_COMPLAINT else int(rule_params(r).get("keep_days", 0))
        out.append(ActiveRule(r.id, r.kind, r.sort_order, keep))
    return tuple(sorted(out, key=lambda r: (r.order, r.id)))


ON = bindparam("on", type_=Date())


def _since(rule: ActiveRule) -> Any:
    return bindparam(f"since_{rule.id}", type_=Date())


def listed_params(rules: Rules, on: date) -> dict[str, Any]:
    """The values the clauses below are bound to for day `on` (the statements themselves
    depend on the rules only, so they are built and compiled once)."""
    params: dict[str, Any] = {"on": on}
    for rule in rules:
        if rule.keep_days is not None:
            try:
                params[f"since_{rule.id}"] = on - timedelta(days=rule.keep_days)
            except OverflowError:  # a keep beyond the calendar: always kept, or never
                params[f"since_{rule.id}"] = date.min if rule.keep_days > 0 else date.max
    return params


def due_clause() -> ColumnElement[bool]:
    """Due on day `on`: its first day has come and it is not snoozed past `on`."""
    return and_(F.due_date <= ON, or_(F.snoozed_until.is_(None), F.snoozed_until <= ON))


def rule_clause(rule: ActiveRule) -> ColumnElement[bool]:
    """A follow-up of `rule` whose days on the list of `on` are not over (and, for a
    win-back, whose lapse no visit has ended)."""
    parts: list[ColumnElement[bool]] = [F.rule_id == rule.id]
    if rule.keep_days is not None:
        parts.append(or_(rule.base >= _since(rule), F.snoozed_until >= ON))
    if rule.kind == KIND_WINBACK:
        parts.append(or_(MB.last_visit_on.is_(None), MB.last_visit_on <= F.occasion_date))
    return and_(*parts)


def member_clause(rules: Rules) -> ColumnElement[bool]:
    """An active member, who accepts greetings and offers unless the rule is a service."""
    service = [r.id for r in rules if r.kind not in MARKETING_KINDS]
    consent: ColumnElement[bool] = MB.consent_marketing.is_(True)
    if service:
        consent = or_(consent, F.rule_id.in_(service))
    return and_(MB.status == MEMBER_ACTIVE, consent)


def listed_clause(rules: Rules, *, due_only: bool = True) -> Any:
    """On the list of day `on` (`due_only=False`: open and on the list on `on` or later,
    due or not yet: the member card's open follow-ups). Join `members` to use it; bind it
    with `listed_params`."""
    if not rules:
        return false()
    parts = [
        F.status == FOLLOWUP_OPEN,
        F.rule_id.in_([r.id for r in rules]),  # the index's seeks; the ORs below refine
        member_clause(rules),
        or_(*(rule_clause(r) for r in rules)),
    ]
    if due_only:
        parts.append(due_clause())
    return and_(*parts)
