"""The fast paths of the reports agree with the reference rules, member by member.

history_arrays (one pass + numpy) against hand-built shops, the vectorised ABC/RFM/stage
codes against the per-member functions in segments.py, the per-transaction cache, the
BG/NBD likelihood shortcut against the paper's formula, and the export reusing a report.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcrm.models import Member, Visit
from shopcrm.services.analytics import (
    ABC_CLASSES,
    SEGMENTS,
    STAGES,
    HistoryArrays,
    LifecycleParams,
    abc_classes,
    history_arrays,
    lifecycle_stage,
    load_histories,
    log_likelihood,
    member_classes,
    rfm_scores,
    segment_counts,
)
from shopcrm.services.analytics.bgnbd import _Likelihood
from shopcrm.services.analytics.cache import KEY
from shopcrm.services.analytics.history import histories_from
from shopcrm.services.analytics.sqlfuncs import EPOCH_ORDINAL
from shopcrm.services.analytics.vector import NO_SEGMENT, class_arrays
from shopcrm.services.auth import SYSTEM
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.services.excel import export_month_workbook
from shopcrm.services.reports import monthly_report

TODAY = date(2026, 11, 23)
CDNOW = Path(__file__).parent.parent / "data" / "cdnow_customers_summary.csv"


def _assert_same_classes(arrays: HistoryArrays, limits, params: LifecycleParams) -> None:
    histories = histories_from(arrays, [""] * arrays.size)
    codes = class_arrays(arrays, limits, params)
    abc = abc_classes(histories, limits)
    rfm = rfm_scores(histories, arrays.as_of, arrays.window_days)
    for i, h in enumerate(histories):
        assert ABC_CLASSES[codes.abc[i]] == abc[h.member_id].cls, h
        s = rfm.get(h.member_id)
        if s is None:
            assert codes.segment[i] == NO_SEGMENT and codes.r[i] == 0
        else:
            assert (codes.r[i], codes.f[i], codes.m[i]) == (s.r, s.f, s.m), h
            assert SEGMENTS[codes.segment[i]] == s.segment
        assert STAGES[codes.stage[i]] == lifecycle_stage(h, arrays.as_of, params).stage, h


@pytest.fixture
def demo(demo_shop, session):
    demo_shop(DemoOptions(members=220, months=15, seed=5, today=TODAY))
    return session


@pytest.mark.parametrize("as_of", [TODAY, date(2026, 6, 30)])
def test_vector_codes_match_the_per_member_rules_on_a_demo_shop(demo, as_of):
    arrays = history_arrays(demo, as_of, 365)
    by_id = {h.member_id: h for h in load_histories(demo, as_of, 365)}
    assert arrays.member_id.tolist() == sorted(by_id)
    _assert_same_classes(arrays, (0.7, 0.9), LifecycleParams())
    _assert_same_classes(arrays, (0.5, 0.8), LifecycleParams(stable_max_cv=0.3))
    counts = segment_counts(demo, as_of)
    classes = member_classes(demo, as_of, "en", with_comeback=False)
    assert counts.abc == classes.abc and counts.stages == classes.stages
    assert counts.segments == classes.segments
    assert sum(counts.abc.values()) == len(by_id)


@st.composite
def shop_histories(draw) -> HistoryArrays:
    as_of = date(2026, 11, 30)
    today = as_of.toordinal() - EPOCH_ORDINAL
    n = draw(st.integers(1, 40))
    fields: dict[str, list[int]] = {k: [] for k in ("days", "first", "last", "spend", "wd")}
    extra: dict[str, list[int]] = {k: [] for k in ("wc", "recent", "prior", "gsum", "gsq")}
    for _ in range(n):
        days = draw(st.integers(0, 8))
        if days == 0:
            for key, value in (("days", 0), ("first", -1), ("last", -1), ("spend", 0), ("wd", 0)):
                fields[key].append(value)
            for key in extra:
                extra[key].append(0)
            continue
        gaps = draw(st.lists(st.integers(1, 120), min_size=days - 1, max_size=days - 1))
        last = today - draw(st.integers(0, 500))
        first = last - sum(gaps)
        spend = draw(st.sampled_from([0, 5000, 12000, 30000]))  # ties on purpose
        wd = draw(st.integers(0, days))
        fields["days"].append(days)
        fields["first"].append(first)
        fields["last"].append(last)
        fields["spend"].append(spend)
        fields["wd"].append(wd)
        extra["wc"].append(spend if wd else 0)
        extra["recent"].append(draw(st.sampled_from([0, 1000, 4000])))
        extra["prior"].append(draw(st.sampled_from([0, 1000, 9000])))
        extra["gsum"].append(sum(gaps))
        extra["gsq"].append(sum(g * g for g in gaps))

    def arr(values: list[int]) -> np.ndarray:
        return np.asarray(values, dtype=np.int64)

    return HistoryArrays(
        as_of=as_of,
        window_days=365,
        member_id=np.arange(1, n + 1, dtype=np.int64),
        days=arr(fields["days"]),
        first=arr(fields["first"]),
        last=arr(fields["last"]),
        spend=arr(fields["spend"]),
        window_days_seen=arr(fields["wd"]),
        window_cents=arr(extra["wc"]),
        recent=arr(extra["recent"]),
        prior=arr(extra["prior"]),
        gap_sum=arr(extra["gsum"]),
        gap_sq=arr(extra["gsq"]),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shop_histories())
def test_vector_codes_match_the_per_member_rules_on_random_shops(arrays):
    _assert_same_classes(arrays, (0.7, 0.9), LifecycleParams())


def _visit(session, mid: int | None, when: datetime, amount: str, status: str = "ok") -> None:
    session.add(Visit(member_id=mid, visited_at=when, total_amount=Decimal(amount), status=status))


def test_history_arrays_on_a_hand_built_shop(session):
    for mid, joined, status in (
        (1, date(2025, 1, 1), "active"),
        (2, date(2025, 1, 1), "merged"),
        (3, date(2026, 12, 1), "active"),  # joins after the as-of day
        (4, date(2025, 1, 1), "archived"),  # no visits
    ):
        session.add(Member(id=mid, name=f"m{mid}", join_date=joined, status=status))
    session.flush()
    for mid, when, amount, status in (
        (1, datetime(2026, 1, 10, 9), "10", "ok"),
        (1, datetime(2026, 1, 10, 18), "5", "ok"),  # same day: one visit day
        (1, datetime(2026, 1, 20, 9), "20", "ok"),
        (1, datetime(2026, 2, 19, 9), "99", "voided"),
        (1, datetime(2026, 3, 1, 9), "40", "ok"),
        (1, datetime(2026, 12, 1, 9), "70", "ok"),  # after the as-of day
        (2, datetime(2026, 1, 5, 9), "30", "ok"),
        (3, datetime(2026, 1, 5, 9), "30", "ok"),
        (None, datetime(2026, 1, 5, 9), "30", "ok"),
    ):
        _visit(session, mid, when, amount, status)
    session.flush()
    as_of = date(2026, 11, 30)
    h = history_arrays(session, as_of, 365)
    assert h.member_id.tolist() == [1, 4]
    day = lambda d: d.toordinal() - EPOCH_ORDINAL  # noqa: E731
    assert h.days.tolist() == [3, 0]
    assert h.first.tolist() == [day(date(2026, 1, 10)), -1]
    assert h.last.tolist() == [day(date(2026, 3, 1)), -1]
    assert h.spend.tolist() == [7500, 0]
    assert h.gap_sum.tolist() == [50, 0] and h.gap_sq.tolist() == [10 * 10 + 40 * 40, 0]
    assert h.recent.tolist() == [0, 0]  # nothing in the last 180 days
    assert h.prior.tolist() == [7500, 0]
    mean, sd = h.gap_stats()
    assert mean.tolist() == [25.0, 0.0] and sd.tolist() == [15.0, 0.0]
    empty = history_arrays(session, date(2025, 6, 1), 365)
    assert empty.member_id.tolist() == [1, 4] and empty.days.tolist() == [0, 0]


def test_the_cache_forgets_on_flush_and_at_the_end_of_the_transaction(session):
    session.add(Member(id=1, name="m1", join_date=date(2026, 1, 1)))
    session.flush()
    as_of = date(2026, 11, 30)
    assert segment_counts(session, as_of).stages["none"] == 1
    assert session.info.get(KEY)
    _visit(session, 1, datetime(2026, 11, 29, 10), "10")
    # pending changes: never answered from the cache (they are flushed first)
    assert segment_counts(session, as_of).stages["exploration"] == 1
    assert session.info.get(KEY)
    _visit(session, 1, datetime(2026, 11, 1, 10), "10")
    session.flush()  # a flush that writes empties the cache
    assert not session.info.get(KEY)
    assert segment_counts(session, as_of).stages["development"] == 1
    assert session.info.get(KEY)
    session.commit()
    assert not session.info.get(KEY)


def test_the_likelihood_shortcut_is_bit_for_bit_the_formula():
    with CDNOW.open() as fh:
        rows = list(csv.DictReader(fh))
    x, tx, t = (np.array([float(r[k]) for r in rows]) for k in ("frequency", "recency", "T"))
    fast = _Likelihood(x, tx, t)
    for params in ((0.243, 4.414, 0.793, 2.426), (1.5, 0.3, 0.2, 0.9), (0.05, 20.0, 3.0, 0.5)):
        assert np.array_equal(fast(params), log_likelihood(params, x, tx, t))


def test_export_takes_the_report_it_is_given(engine, session, tmp_path):
    create_demo_shop(engine, DemoOptions(members=60, months=6, seed=3, today=TODAY))
    report = monthly_report(session, 2026, 10, "en", with_segments=False, actor=SYSTEM)
    done = export_month_workbook(
        session, 2026, 10, tmp_path / "m.xlsx", "en", report=report, actor=SYSTEM
    )
    assert done.path.exists() and done.ledger_rows > 0
    with pytest.raises(ValueError):
        export_month_workbook(
            session, 2026, 9, tmp_path / "n.xlsx", "en", report=report, actor=SYSTEM
        )
    assert not (tmp_path / "n.xlsx").exists()
    full = monthly_report(session, 2026, 10, "en", actor=SYSTEM)
    counts = Counter(m.abc for m in member_classes(session, date(2026, 10, 31), "en").members)
    assert full.segments is not None and full.segments.abc == {k: counts[k] for k in ABC_CLASSES}
