"""Migration 0019 (the monthly report's covering indexes) and the figures read through them.

- ix_wallet_entries_parts: stored value's principal and bonus rolled forward over a month
  (`money.figures.stored_value_parts`) and the refunds commission takes back from;
- ix_visits_scores: the month's satisfaction scores, by staff and service, and the trend.

The figures stay those of the raw rows: each is computed here from the rows themselves.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from followup_helpers import add_member, add_service, add_staff, add_visit
from rel_helpers import check_index_migration
from sqlalchemy import event, select

from shopcrm import clock
from shopcrm.db import is_sqlite
from shopcrm.models import SatisfactionScore, Service, Staff, Visit, VisitLine, WalletEntry
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.care.satisfaction import record_score, satisfaction_series, score_figures
from shopcrm.services.commission import refunds
from shopcrm.services.money.figures import stored_value_parts

PARTS = "ix_wallet_entries_parts"
SCORES = "ix_visits_scores"


def test_the_upgrade_from_the_previous_schema_adds_both_indexes_and_the_downgrade_drops_them(
    tmp_path,
):
    check_index_migration(
        tmp_path, "0019", {("wallet_entries", PARTS): None, ("visits", SCORES): None}
    )


# --- a small shop with scores, stored value and a refund ------------------------------------


@pytest.fixture
def shop(session):
    cut, colour = add_service(session, "剪发", []), add_service(session, "染发", [])
    tony, amy = add_staff(session, "Tony"), add_staff(session, "Amy")
    ann, bob = add_member(session, "安"), add_member(session, "博")
    plan = [  # (member, day, services, staff, score)
        (ann, date(2026, 8, 30), [cut], tony, 5),
        (ann, date(2026, 9, 3), [cut, colour], tony, 2),
        (bob, date(2026, 9, 10), [cut], amy, 4),
        (bob, date(2026, 9, 30), [colour], None, 1),
        (ann, date(2026, 10, 1), [cut], amy, None),
    ]
    visits = []
    for member, day, services, staff, score in plan:
        visit = add_visit(session, member, day, services, staff=staff)
        visit.satisfaction = score
        visits.append(visit)
    visits[1].lines[1].staff_id = amy.id  # two people on one visit: it counts for both
    session.flush()
    with clock.frozen("2026-09-12 11:00"):  # a call's score about a September visit
        record_score(session, 3, visit_id=visits[2].id, actor=SYSTEM)
    with clock.frozen("2026-09-15 11:00"):  # and one about no visit
        record_score(session, 5, member_id=ann.id, actor=SYSTEM)
    for moment, what in (
        (
            "2026-08-01 10:00",
            lambda: wallet.topup(session, ann.id, "500", bonus="100", actor=SYSTEM),
        ),
        ("2026-09-02 10:00", lambda: wallet.spend(session, ann.id, "120", actor=SYSTEM)),
        ("2026-09-05 10:00", lambda: wallet.topup(session, bob.id, "300", bonus="0", actor=SYSTEM)),
        ("2026-09-20 10:00", lambda: wallet.refund(session, bob.id, "100", actor=SYSTEM)),
        ("2026-10-03 10:00", lambda: wallet.spend(session, ann.id, "60", actor=SYSTEM)),
    ):
        with clock.frozen(moment):
            what()
    session.flush()
    return session


def _raw_scores(session, start: date, end: date) -> list[tuple[int, int | None]]:
    lo, hi = clock.day_bounds(start)[0], clock.day_bounds(end)[0]
    out = [
        (v.satisfaction, v.id)
        for v in session.scalars(select(Visit))
        if v.satisfaction is not None and v.status == "ok" and lo <= v.visited_at < hi
    ]
    out += [
        (s.score, s.visit_id)
        for s in session.scalars(select(SatisfactionScore))
        if lo <= s.created_at < hi
    ]
    return out


def test_the_months_scores_by_staff_and_service_are_those_of_the_rows(shop):
    figures = score_figures(shop, 2026, 9)
    scored = _raw_scores(shop, date(2026, 9, 1), date(2026, 10, 1))
    assert figures.count == len(scored) == 5
    assert figures.average == round(statistics.fmean(s for s, _ in scored), 2)
    assert figures.low == sum(1 for s, _ in scored if s <= 2)
    staff_names = dict(shop.execute(select(Staff.id, Staff.name)).all())
    service_names = dict(shop.execute(select(Service.id, Service.name)).all())
    by_staff: dict[str, list[int]] = defaultdict(list)
    by_service: dict[str, list[int]] = defaultdict(list)
    for score, vid in scored:
        lines = shop.scalars(select(VisitLine).where(VisitLine.visit_id == vid)).all()
        for name in {staff_names[x.staff_id] for x in lines if x.staff_id}:
            by_staff[name].append(score)
        for name in {service_names.get(x.service_id) or x.item_name for x in lines}:
            by_service[name].append(score)
    for groups, expected in ((figures.by_staff, by_staff), (figures.by_service, by_service)):
        assert {g.name: (g.count, g.average, g.low) for g in groups} == {
            name: (len(s), round(statistics.fmean(s), 2), sum(1 for x in s if x <= 2))
            for name, s in expected.items()
        }
    assert {g.name: g.count for g in figures.by_staff} == {"Tony": 1, "Amy": 3}


def test_the_trend_is_the_rows_month_by_month(shop):
    series = satisfaction_series(shop, 2026, 10, 4)
    expected = []
    for year, month in ((2026, 7), (2026, 8), (2026, 9), (2026, 10)):
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        scores = [s for s, _ in _raw_scores(shop, start, end)]
        expected.append(
            (
                start,
                len(scores),
                round(statistics.fmean(scores), 2) if scores else None,
                sum(1 for s in scores if s <= 2),
            )
        )
    assert [(m.month, m.count, m.average, m.low) for m in series] == expected
    assert expected[2][1] == 5 and expected[1][1] == 1


def test_stored_value_parts_roll_forward_from_the_entries(shop):
    principal, bonus = stored_value_parts(shop, date(2026, 9, 1), date(2026, 10, 1))
    entries = shop.scalars(select(WalletEntry).where(WalletEntry.account == "stored_value")).all()

    def total(part: str, lo: str | None, hi: str) -> Decimal:
        return sum(
            (
                getattr(e, part)
                for e in entries
                if (lo is None or e.created_at >= clock.start_of_day(date.fromisoformat(lo)))
                and e.created_at < clock.start_of_day(date.fromisoformat(hi))
            ),
            Decimal("0.00"),
        )

    assert principal.opening == total("principal", None, "2026-09-01") == Decimal("500.00")
    assert bonus.opening == total("bonus", None, "2026-09-01") == Decimal("100.00")
    assert principal.closing == total("principal", None, "2026-10-01")
    assert bonus.closing == total("bonus", None, "2026-10-01")
    assert principal.refunded == Decimal("100.00") and principal.added == Decimal("300.00")


def test_refunds_come_sorted_by_time(shop):
    rows = refunds._refunds(shop, None, clock.start_of_day(date(2026, 11, 1)))
    assert [(r.created_at.date(), r.paid_amount) for r in rows] == [
        (date(2026, 9, 20), Decimal("-100.00"))
    ]


# --- the plans -------------------------------------------------------------------------------


def _plans(engine, session, run, table: str) -> list[str]:
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cur, statement, params, _ctx, _many):
        if table in statement:
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        run(session)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert seen
    return [
        " ".join(
            str(row[-1])
            for row in session.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, tuple(params)
            )
        )
        for statement, params in seen
    ]


def test_stored_value_parts_read_the_covering_index(engine, shop):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    plans = _plans(
        engine,
        shop,
        lambda s: stored_value_parts(s, date(2026, 9, 1), date(2026, 10, 1)),
        "wallet_entries",
    )
    for plan in plans:
        assert f"COVERING INDEX {PARTS}" in plan, plan


def test_refunds_are_sought_through_the_parts_index(engine, shop):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    [plan] = _plans(
        engine,
        shop,
        lambda s: refunds._refunds(s, None, clock.start_of_day(date(2026, 11, 1))),
        "wallet_entries",
    )
    assert PARTS in plan and "account=?" in plan, plan


def test_the_scores_are_read_from_the_scores_index(engine, shop):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")

    def run(s) -> None:
        score_figures(s, 2026, 9)
        satisfaction_series(s, 2026, 10, 6)

    plans = _plans(engine, shop, run, "visits.satisfaction")
    assert len(plans) >= 3  # the month's scores, the groups by staff and service, the trend
    for plan in plans:
        assert f"COVERING INDEX {SCORES}" in plan, plan
        assert "SCAN visits" not in plan, plan
