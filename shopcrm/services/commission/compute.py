"""What each person earned in a month, line by line, from the raw rows and the rules.

For each source (line, top-up, card sale) and each person on it:
1. the base: 实收 (`paid`) or list, split between the people on a shared line in exact
   cents (largest remainder, ties to the first person);
2. the rule: among the versions in force when the source was recorded, the most specific
   match wins — who (staff 2, role 1, anyone 0), then what (service 2, category 1, any 0),
   then mode (designated/rotation 1, either 0);
3. the amount: base × rate, or fixed × quantity × share; a tiered rule's rate comes from
   the person's month base under that rule (zero-based: all of it at the rate reached;
   progressive: each band at its own rate, the lines filling the bands in time order);
4. the cents: a source's parts are rounded together so that they add up to the rounded
   sum — two people at 50/50 under one rule sum exactly to the one-person figure.

A month's own earnings depend only on rows booked in it (voids after it ended do not
remove them), so they never change once the month is over; a later void is taken back in
its own month with the exact amounts the month paid (`month_earnings`).
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import MoneyMovement, Staff
from ...models.base import CENT
from ...models.commission import (
    BASE_LIST,
    MODE_DESIGNATED,
    MODE_ROTATION,
    RULE_SERVICE,
    TIERS_PROGRESSIVE,
)
from .money import ZERO, allocate, round_parts
from .refunds import refund_takebacks, refunded_before
from .rules import RuleView, all_versions
from .sources import Source, bounds, own_lines, own_movements, voided_lines, voided_topups

ONE = Decimal(1)


@dataclass(frozen=True)
class Earning:
    """One person's commission on one source, in the month it is paid in."""

    period: str
    staff_id: int
    kind: str  # service | topup | card_sale
    ref_id: int  # visit_lines.id or money_movements.id
    visit_id: int | None
    at: datetime  # the visit's or the movement's time (the void's for a reversal)
    item: str
    designated: bool
    share: Decimal  # this person's share of the line (1 when alone)
    base: Decimal
    rule_id: int | None
    rate: Decimal | None  # the rate applied (the tier's for a tiered rule)
    fixed: Decimal | None
    commission: Decimal
    reversal: bool = False  # taking back a line of an earlier month, voided in this one


def _mode_of(source: Source) -> str:
    return MODE_DESIGNATED if source.designated else MODE_ROTATION


def _in_force(rule: RuleView, when: datetime) -> bool:
    return rule.valid_from <= when and (rule.valid_to is None or when < rule.valid_to)


def pick_rule(rules: list[RuleView], source: Source, staff_id: int, title: str) -> RuleView | None:
    """The most specific version in force when `source` was recorded (module doc, 2)."""
    best: tuple[tuple[int, int, int], RuleView] | None = None
    for rule in rules:
        if rule.kind != source.kind or not _in_force(rule, source.recorded):
            continue
        if rule.staff_id is not None and rule.staff_id != staff_id:
            continue
        if rule.role and rule.role != title:
            continue
        if rule.service_id is not None and rule.service_id != source.service_id:
            continue
        if rule.category_id is not None and rule.category_id != source.category_id:
            continue
        if rule.mode and (source.kind != RULE_SERVICE or rule.mode != _mode_of(source)):
            continue
        key = (
            2 if rule.staff_id is not None else 1 if rule.role else 0,
            2 if rule.service_id is not None else 1 if rule.category_id is not None else 0,
            1 if rule.mode else 0,
        )
        if best is None or key > best[0]:
            best = (key, rule)
    return best[1] if best else None


@dataclass
class _Part:
    source: Source
    position: int
    staff_id: int
    share: Decimal
    base: Decimal
    rule: RuleView
    rate: Decimal | None = None
    raw: Decimal = ZERO


def _shares(people: list[tuple[int, Decimal | None]]) -> list[Decimal]:
    if all(share is None for _, share in people):
        return [ONE / len(people)] * len(people)
    return [share or ZERO for _, share in people]


class _Picker:
    """`pick_rule`, remembered per (kind, stretch of time between rule edits, person,
    service, category, mode): every line with the same key gets the same version."""

    def __init__(self, rules: list[RuleView], titles: dict[int, str]) -> None:
        self.rules, self.titles = rules, titles
        ends = {r.valid_to for r in rules if r.valid_to is not None}
        self.edges = sorted({r.valid_from for r in rules} | ends)
        self.seen: dict[tuple, RuleView | None] = {}

    def __call__(self, source: Source, staff_id: int) -> RuleView | None:
        key = (
            source.kind,
            bisect_right(self.edges, source.recorded),
            staff_id,
            source.service_id,
            source.category_id,
            source.designated,
        )
        try:
            return self.seen[key]
        except KeyError:
            title = self.titles.get(staff_id, "")
            rule = self.seen[key] = pick_rule(self.rules, source, staff_id, title)
            return rule


def _parts(sources: list[Source], rules: list[RuleView], titles: dict[int, str]) -> list[_Part]:
    pick = _Picker(rules, titles)
    parts: list[_Part] = []
    append = parts.append
    for source in sources:
        if len(source.people) == 1 and source.people[0][1] is None:
            # one person, the whole line: the base is the source's own (whole cents)
            staff_id = source.people[0][0]
            rule = pick(source, staff_id) if staff_id is not None else None
            if rule is not None:
                base = source.listed if rule.base == BASE_LIST else source.paid
                append(_Part(source, 0, staff_id, ONE, base, rule))
            continue
        people = [(s, share) for s, share in source.people if s is not None]
        if not people:
            continue
        shares = _shares(people)
        paid = allocate(source.paid, shares)
        listed = allocate(source.listed, shares)
        for n, (staff_id, _) in enumerate(people):
            rule = pick(source, staff_id)
            if rule is None:
                continue
            base = listed[n] if rule.base == BASE_LIST else paid[n]
            append(_Part(source, n, staff_id, shares[n], base, rule))
    return parts


def _tier_rate(rule: RuleView, reached: Decimal) -> Decimal:
    rate = rule.rate or ZERO
    for start, tier_rate in rule.tiers:
        if reached >= start:
            rate = tier_rate
    return rate


def _progressive(rule: RuleView, before: Decimal, base: Decimal) -> Decimal:
    """Commission on the base from `before` to `before + base`, band by band."""
    edges = [(ZERO, rule.rate or ZERO), *rule.tiers]
    total = ZERO
    for i, (start, rate) in enumerate(edges):
        stop = edges[i + 1][0] if i + 1 < len(edges) else None
        low = max(before, start)
        high = before + base if stop is None else min(before + base, stop)
        if high > low:
            total += (high - low) * rate
    return total


def _price(parts: list[_Part]) -> None:
    tiered: dict[tuple[int, int], list[_Part]] = defaultdict(list)
    for part in parts:
        rule = part.rule
        if rule.tier_mode and rule.tiers:
            tiered[(part.staff_id, rule.family_id)].append(part)
        elif rule.fixed is not None:
            sign = -1 if part.base < 0 else 1
            qty = part.source.quantity if part.source.kind == RULE_SERVICE else 1
            part.raw = rule.fixed * qty * part.share * sign
        else:
            part.rate = rule.rate or ZERO
            part.raw = part.base * part.rate
    for group in tiered.values():
        group.sort(key=lambda p: (p.source.at, p.source.ref_id, p.position))
        month_base = sum((p.base for p in group), ZERO)
        before = ZERO
        for part in group:
            if part.rule.tier_mode == TIERS_PROGRESSIVE:
                if part.base >= 0:
                    part.raw = _progressive(part.rule, before, part.base)
                else:  # a negative sale row takes back the bands it empties
                    part.raw = -_progressive(part.rule, before + part.base, -part.base)
                before += part.base
                part.rate = (
                    (part.raw / part.base).quantize(Decimal("0.0001")) if part.base else None
                )
            else:
                part.rate = _tier_rate(part.rule, month_base)
                part.raw = part.base * part.rate


def _by_source(parts: list[_Part]) -> list[list[_Part]]:
    """The parts of each source together, sources in order (`_parts` makes them adjacent)."""
    groups: list[list[_Part]] = []
    last = None
    for part in parts:
        if part.source is last:
            groups[-1].append(part)
        else:
            groups.append([part])
            last = part.source
    return groups


def earnings_of(
    session: Session, period: str, sources: list[Source], rules: list[RuleView] | None = None
) -> list[Earning]:
    """The earnings of `sources`, all booked in `period` (tiers count them together)."""
    rules = all_versions(session) if rules is None else rules
    titles = {i: t or "" for i, t in session.execute(select(Staff.id, Staff.title)).all()}
    parts = _parts(sources, rules, titles)
    _price(parts)
    out: list[Earning] = []
    for group in _by_source(parts):
        if len(group) == 1:
            amounts = [group[0].raw.quantize(CENT, rounding=ROUND_HALF_UP)]
        else:
            amounts = round_parts([p.raw for p in group])
        for part, amount in zip(group, amounts, strict=True):
            s = part.source
            out.append(
                Earning(
                    period,
                    part.staff_id,
                    s.kind,
                    s.ref_id,
                    s.visit_id,
                    s.at,
                    s.item,
                    s.designated,
                    part.share,
                    part.base,
                    part.rule.id,
                    part.rate,
                    part.rule.fixed,
                    amount,
                )  # fmt: skip
            )
    out.sort(key=attrgetter("at", "ref_id", "staff_id"))
    return out


def own_earnings(
    session: Session, period: str, rules: list[RuleView] | None = None
) -> list[Earning]:
    """What `period` pays for its own rows (before any later void)."""
    sources = own_lines(session, period) + own_movements(session, period)
    return earnings_of(session, period, sources, rules)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while a month is worked out: it builds some 200,000
    small objects that all stay alive (rows, sources, parts, earnings), so the passes
    the allocations trigger find nothing to free and cost about a sixth of the time."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def month_earnings(session: Session, period: str) -> list[Earning]:
    """`period`'s own earnings plus the take-backs of earlier months' rows voided in it."""
    with _collector_paused():
        return _month_earnings(session, period)


def _month_earnings(session: Session, period: str) -> list[Earning]:
    rules = all_versions(session)
    done: dict[str, list[Earning]] = {}

    def own(s: Session, month: str) -> list[Earning]:  # each month worked out once
        if month not in done:
            done[month] = own_earnings(s, month, rules)
        return done[month]

    out = list(own(session, period))
    lines = voided_lines(session, period)
    topups = voided_topups(session, period)
    for earlier in sorted(set(lines) | set(topups)):
        visits, moves = lines.get(earlier, set()), topups.get(earlier, set())
        for e in own(session, earlier):
            taken = e.visit_id in visits if e.kind == RULE_SERVICE else e.ref_id in moves
            if taken:
                out.append(_taken_back(session, period, e))
    # a stored-value refund takes back top-up commission in proportion (refunds.py)
    out.extend(refund_takebacks(session, period, own))
    return out


def _taken_back(session: Session, period: str, e: Earning) -> Earning:
    """A void in `period` takes back `e`; a top-up only as far as no refund already did."""
    base, amount = e.base, e.commission
    if e.kind != RULE_SERVICE and e.base:
        row = session.get(MoneyMovement, e.ref_id)
        _, end = bounds(period)
        refunded = refunded_before(session, e.ref_id, row.member_id, end) if row else ZERO
        if refunded:
            paid = row.amount - row.bonus_part
            base = e.base - refunded
            amount = e.commission - (e.commission * refunded / paid).quantize(
                CENT, rounding=ROUND_HALF_UP
            )
    return replace(e, period=period, base=-base, commission=-amount, reversal=True)
