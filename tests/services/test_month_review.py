"""The Reports screen's month review: the same figures as the monthly report, compared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shopcrm.db import session_scope
from shopcrm.i18n import ShopError
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.services.reports import monthly_report
from shopcrm.services.reports.monthly import ledgers, month_bounds
from shopcrm.services.reports.review import (
    FIGURES,
    default_month,
    month_review,
    pct_change,
    report_months,
)

TODAY = date(2026, 3, 15)


def test_default_month_is_the_last_full_month():
    assert default_month(date(2026, 3, 15)) == (2026, 2)
    assert default_month(date(2026, 1, 1)) == (2025, 12)


def test_pct_change():
    assert pct_change(Decimal(110), Decimal(100)) == Decimal("10.0")
    assert pct_change(Decimal(50), Decimal(200)) == Decimal("-75.0")
    assert pct_change(Decimal(5), Decimal(0)) is None


def test_review_matches_the_monthly_report(engine):
    create_demo_shop(engine, DemoOptions(members=40, months=14, seed=3, today=TODAY))
    with session_scope(engine) as s:
        review = month_review(s, 2026, 2, "en", actor=SYSTEM)
        report = monthly_report(s, 2026, 2, "en", with_segments=False, actor=SYSTEM)
        months = report_months(s, TODAY)
        prev_sv, _ = ledgers(s, *month_bounds(2026, 1))
    assert months[0] == date(2026, 3, 1) and months[-1] <= date(2025, 4, 1)
    lines = {f.key: f for f in review.figures}
    assert [f.key for f in review.figures] == [k for k, _ in FIGURES]
    assert review.report.figures == report.figures
    for change in report.vs_previous_month:
        assert lines[change.key].current == change.current
        assert lines[change.key].previous == change.previous
        assert lines[change.key].pct_previous == change.pct
    for change in report.vs_last_year:
        assert lines[change.key].year_ago == change.previous
        assert lines[change.key].pct_year_ago == change.pct
    assert lines["closing"].current == report.stored_value.closing
    assert lines["topups"].current == report.stored_value.added
    assert lines["spent"].current == report.stored_value.used
    assert lines["closing"].previous == prev_sv.closing
    assert lines["followups_raised"].current == report.followups.raised
    assert lines["net_revenue"].label == "Net revenue"
    assert len(review.weekday_hour) == 7 and sum(map(sum, review.weekday_hour)) == (
        report.figures.visits
    )
    assert review.mix[-1].month == date(2026, 2, 1)


def test_staff_may_not_see_it(engine):
    with session_scope(engine) as s, pytest.raises(ShopError) as err:
        month_review(s, 2026, 2, actor=Actor(3, "Li", "staff"))
    assert err.value.msg_id == "auth.owner_only"
