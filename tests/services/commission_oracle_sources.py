"""The commission sources as they were before the speed work (issue 21): the test oracle.

A copy of services/commission/sources.py at 59ea6f3; only the tests use it.

A visit line belongs to the month of its visit, unless that month was already closed when
the visit was recorded (a backdated visit): then to the month it was recorded in, so a
closed month never changes. A visit voided before its month ended earns nothing; one voided
later earns in its month and is taken back in the month of the void (`voided_in`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from shopcrm import clock
from shopcrm.models import (
    ClosedMonth,
    MoneyMovement,
    Service,
    Visit,
    VisitLine,
    WalletEntry,
)
from shopcrm.models.commission import RULE_CARD_SALE, RULE_SERVICE, RULE_TOPUP, VisitLineStaff
from shopcrm.models.money import KIND_SALE, KIND_TOPUP, KIND_VISIT_PAYMENT, KIND_VOID_REVERSAL
from shopcrm.services.commission.money import ZERO, allocate

CHUNK = 500


@dataclass
class Source:
    """One thing that earns: a visit line, a top-up or a card sale."""

    kind: str  # RULE_SERVICE | RULE_TOPUP | RULE_CARD_SALE
    ref_id: int  # visit_lines.id or money_movements.id
    visit_id: int | None
    at: datetime  # when it happened (the visit's time, the movement's time)
    recorded: datetime  # when it was recorded: the rule in force then applies
    item: str
    service_id: int | None = None
    category_id: int | None = None
    designated: bool = False
    quantity: int = 1
    paid: Decimal = ZERO  # 实收 base
    listed: Decimal = ZERO  # list base
    people: list[tuple[int, Decimal | None]] = field(default_factory=list)


def period_of(when: datetime) -> str:
    return f"{when:%Y-%m}"


def bounds(period: str) -> tuple[datetime, datetime]:
    year, month = (int(p) for p in period.split("-"))
    return clock.month_bounds(year, month)


def _closed(session: Session) -> dict[str, datetime]:
    return dict(session.execute(select(ClosedMonth.period, ClosedMonth.closed_at)).all())


def booking_period(visited_at: datetime, created_at: datetime, closed: dict[str, datetime]) -> str:
    own = period_of(visited_at)
    closed_at = closed.get(own)
    if closed_at is not None and closed_at <= created_at:
        return period_of(created_at)
    return own


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


_LINE_COLS = (
    VisitLine.id,
    VisitLine.visit_id,
    VisitLine.line_no,
    VisitLine.service_id,
    VisitLine.item_name,
    VisitLine.quantity,
    VisitLine.unit_price,
    VisitLine.amount,
    VisitLine.staff_id,
    VisitLine.designated,
    Visit.visited_at,
    Visit.created_at,
    Visit.voided_at,
    Service.category_id,
)


def _line_rows(session: Session, where: object) -> list:  # noqa: ANN401
    query = (
        select(*_LINE_COLS)
        .join(Visit, Visit.id == VisitLine.visit_id)
        .outerjoin(Service, Service.id == VisitLine.service_id)
        .where(where)
        .order_by(Visit.visited_at, VisitLine.visit_id, VisitLine.line_no)
    )
    return list(session.execute(query))


def _sources_from_lines(session: Session, rows: list) -> list[Source]:  # noqa: ANN401
    line_ids = [r.id for r in rows]
    visit_ids = sorted({r.visit_id for r in rows})
    split: dict[int, list[tuple[int, Decimal | None]]] = defaultdict(list)
    for chunk in _chunks(line_ids):
        for line_id, _pos, staff_id, share in session.execute(
            select(
                VisitLineStaff.line_id,
                VisitLineStaff.position,
                VisitLineStaff.staff_id,
                VisitLineStaff.share,
            )
            .where(VisitLineStaff.line_id.in_(chunk))
            .order_by(VisitLineStaff.line_id, VisitLineStaff.position)
        ):
            split[line_id].append((staff_id, share))
    # what a visit's payments hold that earns nothing: the bonus share of stored value and
    # the points paid with (neither is money the member paid; see docs/commission.md)
    unpaid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for chunk in _chunks(visit_ids):
        for visit_id, method, amount, bonus in session.execute(
            select(
                MoneyMovement.visit_id,
                MoneyMovement.method,
                MoneyMovement.amount,
                MoneyMovement.bonus_part,
            ).where(MoneyMovement.visit_id.in_(chunk), MoneyMovement.kind == KIND_VISIT_PAYMENT)
        ):
            unpaid[visit_id] += amount if method == "points" else bonus
    by_visit: dict[int, list] = defaultdict(list)
    for r in rows:
        by_visit[r.visit_id].append(r)
    out: list[Source] = []
    for visit_id, lines in by_visit.items():
        held = allocate(unpaid[visit_id], [r.amount for r in lines]) if unpaid[visit_id] else None
        for n, r in enumerate(lines):
            people = split.get(r.id) or ([(r.staff_id, None)] if r.staff_id else [])
            out.append(
                Source(
                    RULE_SERVICE,
                    r.id,
                    visit_id,
                    r.visited_at,
                    r.created_at,
                    r.item_name,
                    r.service_id,
                    r.category_id,
                    bool(r.designated),
                    r.quantity,
                    r.amount - (held[n] if held else ZERO),
                    r.unit_price * r.quantity,
                    people,
                )
            )
    return out


def own_lines(session: Session, period: str) -> list[Source]:
    """The visit lines that earn in `period` (booked there, not voided before it ended)."""
    start, end = bounds(period)
    closed = _closed(session)
    where = and_(Visit.visited_at >= start, Visit.visited_at < end)
    if closed:  # backdated into a month closed by then: booked when recorded
        where = or_(where, and_(Visit.created_at >= start, Visit.created_at < end))
    rows = [
        r
        for r in _line_rows(session, where)
        if booking_period(r.visited_at, r.created_at, closed) == period
        and (r.voided_at is None or r.voided_at >= end)
    ]
    return _sources_from_lines(session, rows)


def voided_lines(session: Session, period: str) -> dict[str, set[int]]:
    """Visits voided in `period` that earned in an earlier month: {that month: visit ids}."""
    start, end = bounds(period)
    closed = _closed(session)
    found: dict[str, set[int]] = defaultdict(set)
    for visit_id, visited_at, created_at in session.execute(
        select(Visit.id, Visit.visited_at, Visit.created_at).where(
            Visit.voided_at >= start, Visit.voided_at < end
        )
    ):
        booked = booking_period(visited_at, created_at, closed)
        if booked < period:
            found[booked].add(visit_id)
    return found


def _void_times(session: Session, entry_ids: list[int]) -> dict[int, datetime]:
    """Top-up wallet entry id → when its void was posted."""
    out: dict[int, datetime] = {}
    for chunk in _chunks(entry_ids):
        for original, when in session.execute(
            select(WalletEntry.reverses_id, MoneyMovement.occurred_at)
            .join(MoneyMovement, MoneyMovement.wallet_entry_id == WalletEntry.id)
            .where(WalletEntry.reverses_id.in_(chunk), MoneyMovement.kind == KIND_VOID_REVERSAL)
        ):
            out[original] = when
    return out


def _movement_source(m: MoneyMovement, kind: str) -> Source:
    base = m.amount - m.bonus_part
    return Source(
        kind,
        m.id,
        None,
        m.occurred_at,
        m.occurred_at,
        kind,
        paid=base,
        listed=base,
        people=[(m.staff_id, None)],
    )


def own_movements(session: Session, period: str) -> list[Source]:
    """Top-ups (principal paid) and card sales booked in `period` with a seller."""
    _, end = bounds(period)
    rows = list(
        session.scalars(
            select(MoneyMovement)
            .where(
                MoneyMovement.period == period,
                MoneyMovement.kind.in_((KIND_TOPUP, KIND_SALE)),
                MoneyMovement.staff_id.is_not(None),
            )
            .order_by(MoneyMovement.occurred_at, MoneyMovement.id)
        )
    )
    voids = _void_times(session, [m.wallet_entry_id for m in rows if m.wallet_entry_id])
    out = []
    for m in rows:
        voided = voids.get(m.wallet_entry_id) if m.wallet_entry_id else None
        if voided is not None and voided < end:
            continue  # voided within its month: it never earned
        out.append(_movement_source(m, RULE_TOPUP if m.kind == KIND_TOPUP else RULE_CARD_SALE))
    return out


def voided_topups(session: Session, period: str) -> dict[str, set[int]]:
    """Top-ups voided in `period` that earned in an earlier month: {month: movement ids}."""
    start, end = bounds(period)
    reversal_entry = aliased(WalletEntry)
    original = aliased(MoneyMovement)
    found: dict[str, set[int]] = defaultdict(set)
    for movement_id, booked in session.execute(
        select(original.id, original.period)
        .select_from(MoneyMovement)
        .join(reversal_entry, reversal_entry.id == MoneyMovement.wallet_entry_id)
        .join(original, original.wallet_entry_id == reversal_entry.reverses_id)
        .where(
            MoneyMovement.kind == KIND_VOID_REVERSAL,
            MoneyMovement.occurred_at >= start,
            MoneyMovement.occurred_at < end,
            original.kind == KIND_TOPUP,
            original.staff_id.is_not(None),
        )
    ):
        if booked < period:
            found[booked].add(movement_id)
    return found
