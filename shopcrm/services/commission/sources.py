"""The raw rows commission is paid on, for one month: visit lines, top-ups, card sales.

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

from sqlalchemy import Integer, and_, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from ... import clock
from ...models import (
    ClosedMonth,
    MoneyMovement,
    Service,
    Visit,
    VisitLine,
    WalletEntry,
)
from ...models.commission import RULE_CARD_SALE, RULE_SERVICE, RULE_TOPUP, VisitLineStaff
from ...models.money import KIND_SALE, KIND_TOPUP, KIND_VISIT_PAYMENT, KIND_VOID_REVERSAL
from .money import ZERO, allocate, allocate_cents

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


def _cents(column):  # noqa: ANN001, ANN202
    """A Money column read as its stored whole cents (no Decimal per row)."""
    return type_coerce(column, Integer)


def from_cents(value: int) -> Decimal:
    """Whole cents as the Decimal the Money type gives (two places: 128.00)."""
    return Decimal(value).scaleb(-2)


_LINE_COLS = (
    VisitLine.id,
    VisitLine.visit_id,
    VisitLine.service_id,
    VisitLine.item_name,
    VisitLine.quantity,
    _cents(VisitLine.unit_price),
    _cents(VisitLine.amount),
    VisitLine.staff_id,
    VisitLine.designated,
    Visit.visited_at,
    Visit.created_at,
    Visit.voided_at,
    Service.category_id,
)


def _line_rows(session: Session, where: object) -> list[tuple]:  # noqa: ANN401
    query = (
        select(*_LINE_COLS)
        .join(Visit, Visit.id == VisitLine.visit_id)
        .outerjoin(Service, Service.id == VisitLine.service_id)
        .where(where)
        .order_by(Visit.visited_at, VisitLine.visit_id, VisitLine.line_no)
    )
    return session.execute(query).all()


def _split(session: Session, where: object) -> dict[int, list[tuple[int, Decimal | None]]]:
    """The people of every shared line of the visits `where` selects, in position order."""
    split: dict[int, list[tuple[int, Decimal | None]]] = defaultdict(list)
    for line_id, staff_id, share in session.execute(
        select(VisitLineStaff.line_id, VisitLineStaff.staff_id, VisitLineStaff.share)
        .join(VisitLine, VisitLine.id == VisitLineStaff.line_id)
        .join(Visit, Visit.id == VisitLine.visit_id)
        .where(where)
        .order_by(VisitLineStaff.line_id, VisitLineStaff.position)
    ):
        split[line_id].append((staff_id, share))
    return split


def _unpaid(session: Session, where: object) -> dict[int, int]:
    """Cents of each visit's payments that earn nothing: the bonus share of stored value
    and the points paid with (neither is money the member paid; see docs/commission.md)."""
    unpaid: dict[int, int] = defaultdict(int)
    for visit_id, method, amount, bonus in session.execute(
        select(
            MoneyMovement.visit_id,
            MoneyMovement.method,
            _cents(MoneyMovement.amount),
            _cents(MoneyMovement.bonus_part),
        )
        .join(Visit, Visit.id == MoneyMovement.visit_id)
        .where(
            where,
            MoneyMovement.kind == KIND_VISIT_PAYMENT,
            or_(MoneyMovement.method == "points", _cents(MoneyMovement.bonus_part) != 0),
        )
    ):
        unpaid[visit_id] += amount if method == "points" else bonus
    return unpaid


def _held(unpaid: int, amounts: list[int]) -> list[int]:
    """`unpaid` cents spread over a visit's line amounts as `money.allocate` does."""
    if any(a < 0 for a in amounts) or unpaid < 0:  # not seen in practice: the exact path
        held = allocate(from_cents(unpaid), [from_cents(a) for a in amounts])
        return [int(h * 100) for h in held]
    return allocate_cents(unpaid, amounts)


def _sources_from_lines(session: Session, rows: list[tuple], where: object) -> list[Source]:
    split = _split(session, where) if rows else {}
    unpaid = _unpaid(session, where) if rows else {}
    by_visit: dict[int, list[tuple]] = defaultdict(list)
    for r in rows:
        by_visit[r[1]].append(r)
    out: list[Source] = []
    append = out.append
    for visit_id, lines in by_visit.items():
        left = unpaid.get(visit_id)
        held = _held(left, [r[6] for r in lines]) if left else None
        for n, r in enumerate(lines):
            (line_id, _, service_id, item, quantity, unit_price, amount, staff_id,
             designated, visited_at, created_at, _, category_id) = r  # fmt: skip
            people = split.get(line_id) or ([(staff_id, None)] if staff_id else [])
            append(
                Source(
                    RULE_SERVICE,
                    line_id,
                    visit_id,
                    visited_at,
                    created_at,
                    item,
                    service_id,
                    category_id,
                    bool(designated),
                    quantity,
                    from_cents(amount - held[n] if held else amount),
                    from_cents(unit_price * quantity),
                    people,
                )
            )
    return out


def own_lines(session: Session, period: str) -> list[Source]:
    """The visit lines that earn in `period` (booked there, not voided before it ended).

    One pass: the lines, their shared people and their visits' payments are each read by
    one statement over the same visits (a range on visited_at), as plain tuples."""
    start, end = bounds(period)
    closed = _closed(session)
    where = and_(Visit.visited_at >= start, Visit.visited_at < end)
    if closed:  # backdated into a month closed by then: booked when recorded
        where = or_(where, and_(Visit.created_at >= start, Visit.created_at < end))
    rows = [
        r
        for r in _line_rows(session, where)
        if (r[11] is None or r[11] >= end)
        and (not closed or booking_period(r[9], r[10], closed) == period)
    ]
    return _sources_from_lines(session, rows, where)


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


def _void_times(session: Session, entries: dict[int, int | None]) -> dict[int, datetime]:
    """Top-up wallet entry id → when its void was posted; `entries`: entry id → member id.

    A void's money row carries the member of the top-up it reverses (`wallet.void_topup`),
    so the voids are sought through the members' rows (ix_money_movements_member), not by
    scanning every money row for the void kind."""
    out: dict[int, datetime] = {}
    members = sorted({m for m in entries.values() if m is not None})
    for chunk in _chunks(members):
        for original, when in session.execute(
            select(WalletEntry.reverses_id, MoneyMovement.occurred_at)
            .join(WalletEntry, WalletEntry.id == MoneyMovement.wallet_entry_id)
            .where(MoneyMovement.member_id.in_(chunk), MoneyMovement.kind == KIND_VOID_REVERSAL)
        ):
            if original in entries:
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
    voids = _void_times(
        session, {m.wallet_entry_id: m.member_id for m in rows if m.wallet_entry_id}
    )
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
