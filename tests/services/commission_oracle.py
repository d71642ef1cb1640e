"""The commission computation as it was before the speed work (issue 21): the test oracle.

A copy of services/commission/compute.py at 59ea6f3; only the tests use it.

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

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from commission_oracle_sources import (
    Source,
    bounds,
    own_lines,
    own_movements,
    voided_lines,
    voided_topups,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.models import MoneyMovement, Staff
from shopcrm.models.base import CENT
from shopcrm.models.commission import (
    BASE_LIST,
    MODE_DESIGNATED,
    MODE_ROTATION,
    RULE_CARD_SALE,
    RULE_SERVICE,
    RULE_TOPUP,
    TIERS_PROGRESSIVE,
)
from shopcrm.services.commission.money import ZERO, allocate, round_parts
from shopcrm.services.commission.refunds import refund_takebacks, refunded_before
from shopcrm.services.commission.report import StaffCommission
from shopcrm.services.commission.rules import RuleView, all_versions
from shopcrm.services.names import name_sort_key

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


def _parts(sources: list[Source], rules: list[RuleView], titles: dict[int, str]) -> list[_Part]:
    parts: list[_Part] = []
    for source in sources:
        people = [(s, share) for s, share in source.people if s is not None]
        if not people:
            continue
        shares = _shares(people)
        paid = allocate(source.paid, shares)
        listed = allocate(source.listed, shares)
        for n, (staff_id, _) in enumerate(people):
            rule = pick_rule(rules, source, staff_id, titles.get(staff_id, ""))
            if rule is None:
                continue
            base = listed[n] if rule.base == BASE_LIST else paid[n]
            parts.append(_Part(source, n, staff_id, shares[n], base, rule))
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


def earnings_of(
    session: Session, period: str, sources: list[Source], rules: list[RuleView] | None = None
) -> list[Earning]:
    """The earnings of `sources`, all booked in `period` (tiers count them together)."""
    rules = all_versions(session) if rules is None else rules
    titles = {i: t or "" for i, t in session.execute(select(Staff.id, Staff.title)).all()}
    parts = _parts(sources, rules, titles)
    _price(parts)
    by_source: dict[tuple[str, int], list[_Part]] = defaultdict(list)
    for part in parts:
        by_source[(part.source.kind, part.source.ref_id)].append(part)
    out: list[Earning] = []
    for group in by_source.values():
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
    out.sort(key=lambda e: (e.at, e.ref_id, e.staff_id))
    return out


def own_earnings(
    session: Session, period: str, rules: list[RuleView] | None = None
) -> list[Earning]:
    """What `period` pays for its own rows (before any later void)."""
    sources = own_lines(session, period) + own_movements(session, period)
    return earnings_of(session, period, sources, rules)


def month_earnings(session: Session, period: str) -> list[Earning]:
    """`period`'s own earnings plus the take-backs of earlier months' rows voided in it."""
    rules = all_versions(session)
    out = own_earnings(session, period, rules)
    lines = voided_lines(session, period)
    topups = voided_topups(session, period)
    for earlier in sorted(set(lines) | set(topups)):
        visits, moves = lines.get(earlier, set()), topups.get(earlier, set())
        for e in own_earnings(session, earlier, rules):
            taken = e.visit_id in visits if e.kind == RULE_SERVICE else e.ref_id in moves
            if taken:
                out.append(_taken_back(session, period, e))
    # a stored-value refund takes back top-up commission in proportion (refunds.py)
    out.extend(refund_takebacks(session, period, lambda s, m: own_earnings(s, m, rules)))
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


def summarise(earnings: list[Earning], names: dict[int, str]) -> list[StaffCommission]:
    groups: dict[int, list[Earning]] = defaultdict(list)
    for e in earnings:
        groups[e.staff_id].append(e)
    out = []
    for staff_id, rows in groups.items():
        own = [e for e in rows if not e.reversal]
        service = [e for e in own if e.kind == RULE_SERVICE]
        sales = [e for e in own if e.kind in (RULE_TOPUP, RULE_CARD_SALE)]
        out.append(
            StaffCommission(
                staff_id,
                names.get(staff_id, f"#{staff_id}"),
                len(service),
                sum((e.base for e in service), ZERO),
                sum((e.base for e in service if e.designated), ZERO),
                sum((e.base for e in sales), ZERO),
                sum((e.commission for e in service), ZERO),
                sum((e.commission for e in sales), ZERO),
                sum((e.commission for e in rows if e.reversal), ZERO),
                sum((e.commission for e in rows), ZERO),
            )
        )
    out.sort(key=lambda s: (-s.commission, name_sort_key(s.name)))
    return out
