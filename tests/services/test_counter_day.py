"""The idle counter's takings and today's list (issue 25), checked against the raw rows:
every money movement, visit and booking of the demo shop is read and summed here in Python,
not by the service's query."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import INTERNAL_METHODS, VISIT_OK, Member, MoneyMovement, Service, Visit
from shopcrm.models.booking import Booking
from shopcrm.services.auth import SYSTEM
from shopcrm.services.counter_day import LIST_LIMIT, counter_day
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit, void_visit

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")  # TODAY is the frozen clock's day


def test_takings_and_list_match_the_rows(engine):
    create_demo_shop(engine, DemoOptions(members=60, months=2, seed=7, today=TODAY))
    with session_scope(engine, write=True) as s:  # a walk-in, and a void: its reversal nets out
        service = s.scalars(select(Service.id).order_by(Service.id)).first()
        at = datetime.combine(TODAY, time(9, 5))
        for _ in range(2):
            paid = (PaymentDraft("cash", Decimal("50")),)
            draft = VisitDraft(
                None, (LineDraft(service, unit_price=Decimal("50")),), paid, visited_at=at
            )
            visit_id = record_visit(s, draft, actor=SYSTEM)
        void_visit(s, visit_id, "录错了", actor=SYSTEM)
    with session_scope(engine) as s:
        day = counter_day(s, TODAY, lang="zh")
        movements = s.scalars(select(MoneyMovement)).all()
        visits = s.scalars(select(Visit)).all()
        names = dict(s.execute(select(Member.id, Member.name)).all())
        books = s.scalars(select(Booking)).all()
        items = {
            v.id: tuple(x.item_name for x in sorted(v.lines, key=lambda x: x.line_no))
            for v in visits
        }

    per_method: dict[str, Decimal] = defaultdict(Decimal)
    for m in movements:
        if m.booked_on == TODAY and m.method not in INTERNAL_METHODS:
            per_method[m.method] += m.amount
    assert per_method, "the demo shop takes money today"
    assert {t.method: t.amount for t in day.by_method} == dict(per_method)
    assert day.takings == sum(per_method.values())
    assert {t.label for t in day.by_method} <= {
        "现金",
        "银行卡",
        "微信支付",
        "支付宝",
        "扫码支付",
        "其他",
    }

    standing = [v for v in visits if v.status == VISIT_OK and v.visited_at.date() == TODAY]
    assert visit_id not in [v.id for v in standing]
    assert day.visits == len(standing) > 0
    newest = sorted(standing, key=lambda v: (v.visited_at, v.id), reverse=True)[:LIST_LIMIT]
    assert [r.visit_id for r in day.visit_rows] == [v.id for v in newest]
    for row, v in zip(day.visit_rows, newest, strict=True):
        assert row.amount == v.total_amount
        assert row.who == (names[v.member_id] if v.member_id else "")
        assert row.what == items[v.id]

    due = [b for b in books if b.state in ("booked", "arrived") and b.starts_at.date() == TODAY]
    assert day.bookings_due == len(due) > 0
    first = sorted(due, key=lambda b: (b.starts_at, b.id))[:LIST_LIMIT]
    assert [r.booking_id for r in day.booking_rows] == [b.id for b in first]
    assert [r.arrived for r in day.booking_rows] == [b.state == "arrived" for b in first]


def test_an_empty_day(engine):
    create_demo_shop(engine, DemoOptions(members=20, months=1, seed=3, today=TODAY))
    with session_scope(engine) as s:
        day = counter_day(s, date(2030, 1, 1), lang="en")
    assert (day.takings, day.by_method, day.visits, day.visit_rows) == (Decimal("0.00"), (), 0, ())
    assert (day.bookings_due, day.booking_rows) == (0, ())
