"""The idle counter's lower half: today's takings by payment method and today's list.

* takings: the real money the shop took today (the money ledger's movements booked on
  today, internal tenders — stored value, points, package uses — left out), by method in
  the shop's order, with a total; a top-up counts, a refund or a reversal subtracts;
* visits so far: today's visits that stand (not voided), newest first, with who, what and
  how much;
* bookings due: today's bookings still to be served (booked or arrived), by time.

Figures only (no words): the counter's widget names them. Plain Python, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from .. import clock
from ..i18n import current_language
from ..models import INTERNAL_METHODS, VISIT_OK, Member, MoneyMovement, Visit, VisitLine
from ..models.booking import BOOKING_ARRIVED, BOOKING_BOOKED
from .bookings.queries import day_bookings
from .money.methods import list_methods, method_names

CENT = Decimal("0.01")
LIST_LIMIT = 4  # rows of each list the counter shows; the counts tell the rest


@dataclass(frozen=True)
class MethodTaking:
    method: str  # the method's code
    label: str  # its name in the reader's language
    amount: Decimal
    count: int  # movements


@dataclass(frozen=True)
class VisitSoFar:
    visit_id: int
    at: datetime
    who: str  # the member's name; '' for a walk-in
    what: tuple[str, ...]  # the lines' items
    amount: Decimal


@dataclass(frozen=True)
class BookingDue:
    booking_id: int
    starts_at: datetime
    who: str
    what: tuple[str, ...]  # the services
    staff: str  # or the table, for a restaurant
    arrived: bool


@dataclass(frozen=True)
class CounterDay:
    day: date
    takings: Decimal
    by_method: tuple[MethodTaking, ...]
    visits: int  # every visit today that stands
    visit_rows: tuple[VisitSoFar, ...]  # the newest LIST_LIMIT of them
    bookings_due: int
    booking_rows: tuple[BookingDue, ...]  # the first LIST_LIMIT by time


def _money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def takings_today(
    session: Session, day: date, lang: str | None = None
) -> tuple[Decimal, tuple[MethodTaking, ...]]:
    """(total, by method) of the real money booked on `day`, methods in the shop's order."""
    rows = session.execute(
        select(
            MoneyMovement.method,
            func.sum(type_coerce(MoneyMovement.amount, BigInteger)),
            func.count(),
        )
        .where(MoneyMovement.booked_on == day, MoneyMovement.method.not_in(INTERNAL_METHODS))
        .group_by(MoneyMovement.method)
    ).all()
    found = {method: (int(cents or 0), int(n)) for method, cents, n in rows}
    names = method_names(session, lang or current_language())
    order = {m.code: n for n, m in enumerate(list_methods(session))}
    by_method = tuple(
        MethodTaking(code, names.get(code, code), _money(cents), n)
        for code, (cents, n) in sorted(found.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    )
    return _money(sum(c for c, _ in found.values())), by_method


def visits_today(session: Session, day: date) -> tuple[int, tuple[VisitSoFar, ...]]:
    start = datetime.combine(day, time.min)
    today = (
        Visit.status == VISIT_OK,
        Visit.visited_at >= start,
        Visit.visited_at < start + timedelta(days=1),
    )
    count = session.scalar(select(func.count()).select_from(Visit).where(*today)) or 0
    rows = session.execute(
        select(Visit.id, Visit.visited_at, Visit.total_amount, Member.name)
        .outerjoin(Member, Member.id == Visit.member_id)
        .where(*today)
        .order_by(Visit.visited_at.desc(), Visit.id.desc())
        .limit(LIST_LIMIT)
    ).all()
    items: dict[int, list[str]] = defaultdict(list)
    if rows:
        for visit_id, name in session.execute(
            select(VisitLine.visit_id, VisitLine.item_name)
            .where(VisitLine.visit_id.in_([r.id for r in rows]))
            .order_by(VisitLine.visit_id, VisitLine.line_no)
        ):
            items[visit_id].append(name)
    return count, tuple(
        VisitSoFar(r.id, r.visited_at, r.name or "", tuple(items[r.id]), r.total_amount)
        for r in rows
    )


def bookings_due_today(session: Session, day: date) -> tuple[int, tuple[BookingDue, ...]]:
    due = [
        b
        for b in day_bookings(session, day)
        if b.state in (BOOKING_BOOKED, BOOKING_ARRIVED) and b.starts_at.date() == day
    ]
    return len(due), tuple(
        BookingDue(
            b.id, b.starts_at, b.who, b.services, b.table or b.staff, b.state == BOOKING_ARRIVED
        )
        for b in due[:LIST_LIMIT]
    )


def counter_day(session: Session, day: date | None = None, lang: str | None = None) -> CounterDay:
    day = day or clock.today()
    total, by_method = takings_today(session, day, lang)
    visits, visit_rows = visits_today(session, day)
    bookings, booking_rows = bookings_due_today(session, day)
    return CounterDay(day, total, by_method, visits, visit_rows, bookings, booking_rows)
