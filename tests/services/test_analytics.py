"""Analytics: BG/NBD against the paper and simulated data, ABC/RFM/lifecycle by hand."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from shopcrm.models import Member, Visit
from shopcrm.services.analytics import (
    BGNBDParams,
    LifecycleParams,
    MemberHistory,
    NotEnoughHistory,
    abc_classes,
    cohort_retention,
    comeback_model,
    expected_visits,
    fit_bgnbd,
    lifecycle_stage,
    load_histories,
    log_likelihood,
    member_classes,
    p_alive,
    quintile_score,
    rfm_scores,
    rfm_segment,
    simulate,
)
from shopcrm.services.demo import DemoOptions

DATA = Path(__file__).parent.parent / "data" / "cdnow_customers_summary.csv"
TODAY = date(2026, 11, 23)


def _cdnow() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with DATA.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2357
    return tuple(np.array([float(r[k]) for r in rows]) for k in ("frequency", "recency", "T"))


def test_fit_matches_the_papers_cdnow_estimates():
    x, tx, t = _cdnow()
    params = fit_bgnbd(x, tx, t, min_history=13)  # CDNOW is in weeks
    assert params.r == pytest.approx(0.243, abs=0.001)
    assert params.alpha == pytest.approx(4.414, abs=0.002)
    assert params.a == pytest.approx(0.793, abs=0.001)
    assert params.b == pytest.approx(2.426, abs=0.002)
    assert params.log_likelihood == pytest.approx(-9582.4, abs=0.1)
    # the customer of the paper's worked example: 2 repeats, last at 30.43, T = 38.86
    one = np.array([2.0]), np.array([30.43]), np.array([38.86])
    assert expected_visits(params, 39, *one)[0] == pytest.approx(1.226, abs=0.002)
    assert 0 < p_alive(params, *one)[0] < 1


def test_fit_recovers_parameters_of_simulated_customers():
    true = BGNBDParams(r=0.8, alpha=30.0, a=0.9, b=4.0)
    t_obs = np.random.default_rng(11).uniform(90, 720, 5000)
    x, tx, t = simulate(true, t_obs, seed=3)
    fitted = fit_bgnbd(x, tx, t)
    assert fitted.r == pytest.approx(true.r, rel=0.12)
    assert fitted.alpha == pytest.approx(true.alpha, rel=0.12)
    assert fitted.a / (fitted.a + fitted.b) == pytest.approx(true.a / (true.a + true.b), rel=0.15)
    assert fitted.a == pytest.approx(true.a, rel=0.35)
    assert fitted.b == pytest.approx(true.b, rel=0.35)
    # a maximum: no worse than the true parameters on the same data
    at_true = log_likelihood((true.r, true.alpha, true.a, true.b), x, tx, t).sum()
    assert fitted.log_likelihood >= at_true


def test_not_enough_history_is_said_not_fitted():
    x = np.array([1.0] * 10 + [0.0] * 50)
    tx = np.where(x > 0, 20.0, 0.0)
    t = np.full(60, 200.0)
    with pytest.raises(NotEnoughHistory):
        fit_bgnbd(x, tx, t)
    with pytest.raises(NotEnoughHistory):
        fit_bgnbd(np.ones(100), np.full(100, 10.0), np.full(100, 40.0))  # 40 days only
    histories = [
        _h(i, days=2, first=TODAY - timedelta(days=30), last=TODAY - timedelta(days=5))
        for i in range(5)
    ]
    model, per_member = comeback_model(histories, TODAY, "en")
    assert not model.ok and per_member == {}
    assert "Not enough history" in model.message


def test_p_alive_and_expectation_formulas():
    params = BGNBDParams(r=0.5, alpha=10.0, a=0.7, b=2.5)
    assert p_alive(params, [0], [0], [50])[0] == 1.0
    # equation (11) by hand
    x, tx, t = 3, 20.0, 50.0
    odds = (
        params.a / (params.b + x - 1) * ((params.alpha + t) / (params.alpha + tx)) ** (params.r + x)
    )
    assert p_alive(params, [x], [tx], [t])[0] == pytest.approx(1 / (1 + odds))
    recent, stale = expected_visits(params, 90, [3, 3], [49, 5], [50, 50])
    assert recent > stale > 0


def _h(
    mid: int,
    days: int = 0,
    first: date | None = None,
    last: date | None = None,
    spend: int = 0,
    wdays: int = 0,
    wcents: int = 0,
    recent: int = 0,
    prior: int = 0,
    mean: float = 0.0,
    sd: float = 0.0,
) -> MemberHistory:
    return MemberHistory(
        mid, f"m{mid}", days, first, last, spend, wdays, wcents, recent, prior, mean, sd
    )


def test_abc_classes_by_cumulative_share():
    spends = {1: 50000, 2: 30000, 3: 10000, 4: 6000, 5: 4000, 6: 0}
    result = abc_classes([_h(m, spend=c) for m, c in spends.items()], (0.7, 0.9))
    # shares held by the members ranked above: 0, .5, .8, .9, .96
    assert {m: r.cls for m, r in result.items()} == {1: "A", 2: "A", 3: "B", 4: "C", 5: "C", 6: "C"}
    assert result[3].params["rank"] == 3 and result[3].params["before"] == pytest.approx(80.0)


def test_quintile_scores_and_segment_map():
    values = sorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert [quintile_score(values, v, True) for v in (1, 2, 3, 5, 10)] == [1, 1, 2, 3, 5]
    assert [quintile_score(values, v, False) for v in (1, 10)] == [5, 1]
    assert quintile_score([1, 1, 1, 5], 1, True) == 1  # ties score alike
    table = {
        (5, 5, 5): "champions",
        (1, 5, 5): "cant_lose",
        (3, 4, 2): "loyal",
        (2, 3, 1): "at_risk",
        (5, 1, 3): "new",
        (4, 1, 1): "promising",
        (4, 2, 2): "potential_loyalist",
        (3, 3, 3): "need_attention",
        (3, 1, 1): "hibernating",
        (2, 2, 5): "hibernating",
        (1, 1, 1): "lost",
        (1, 2, 3): "lost",
    }
    for (r, f, m), name in table.items():
        assert rfm_segment(r, f, m) == name, (r, f, m)
    every = {rfm_segment(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}
    assert len(every) == 10


def test_rfm_scores_on_hand_built_members():
    as_of = TODAY
    hs = [
        _h(
            i,
            days=1 + i,
            first=as_of - timedelta(days=400),
            last=as_of - timedelta(days=d),
            wdays=w,
            wcents=w * 10000,
        )
        for i, (d, w) in enumerate([(2, 10), (10, 6), (40, 3), (100, 1), (500, 0)], start=1)
    ]
    scores = rfm_scores(hs, as_of)
    # F and M are scored among the four seen in the window: the best has 3 worse -> 4
    assert (scores[1].r, scores[1].f, scores[1].m, scores[1].segment) == (5, 4, 4, "champions")
    assert scores[5].r == 1 and scores[5].f == 1 and scores[5].m == 1
    assert scores[5].segment == "lost"
    assert scores[4].r == 2 and scores[4].f == 1
    assert scores[4].params["days"] == 100


def test_lifecycle_stages_on_hand_built_members():
    p = LifecycleParams()
    d = TODAY
    cases = {
        "none": _h(1),
        "exploration": _h(2, days=1, first=d - timedelta(30), last=d - timedelta(30)),
        "decline_once": _h(3, days=1, first=d - timedelta(200), last=d - timedelta(200)),
        "decline_overdue": _h(
            4,
            days=6,
            first=d - timedelta(300),
            last=d - timedelta(100),
            mean=40.0,
            sd=5.0,
            prior=10000,
            recent=0,
        ),
        "decline_falling": _h(
            5,
            days=8,
            first=d - timedelta(300),
            last=d - timedelta(10),
            mean=40.0,
            sd=5.0,
            prior=40000,
            recent=10000,
        ),
        "stable": _h(
            6,
            days=8,
            first=d - timedelta(300),
            last=d - timedelta(10),
            mean=40.0,
            sd=10.0,
            prior=30000,
            recent=30000,
        ),
        "development": _h(
            7,
            days=3,
            first=d - timedelta(60),
            last=d - timedelta(5),
            mean=27.5,
            sd=17.5,
            recent=20000,
        ),
        "development_irregular": _h(
            8,
            days=6,
            first=d - timedelta(300),
            last=d - timedelta(5),
            mean=59.0,
            sd=40.0,
            prior=10000,
            recent=10000,
        ),
    }
    got = {k: lifecycle_stage(h, d, p) for k, h in cases.items()}
    assert got["none"].stage == "none"
    assert got["exploration"].stage == "exploration"
    assert got["decline_once"].stage == "decline"
    assert got["decline_overdue"].stage == "decline"
    assert got["decline_overdue"].params["limit"] == 80.0
    assert got["decline_falling"].stage == "decline"
    assert got["stable"].stage == "stable"
    assert got["development"].stage == "development"
    assert got["development_irregular"].stage == "development"  # cv 0.68 > 0.5


@pytest.fixture
def demo(demo_shop, session):
    demo_shop(DemoOptions(members=220, months=15, seed=5, today=TODAY))
    return session


def test_histories_match_raw_visits(demo):
    visits = demo.execute(
        select(Visit.member_id, Visit.visited_at, Visit.total_amount).where(Visit.status == "ok")
    ).all()
    per_day: dict[int, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for mid, when, amount in visits:
        per_day[mid][when.date()] += amount
    histories = {h.member_id: h for h in load_histories(demo, TODAY, 365)}
    assert len(histories) == demo.scalar(select(Member.id).order_by(Member.id.desc()).limit(1))
    for mid, days in per_day.items():
        h = histories.get(mid)
        if h is None:
            continue  # an archived member is still counted; merged/erased are not (none here)
        ordered = sorted(days)
        assert h.days == len(ordered) and h.first == ordered[0] and h.last == ordered[-1]
        assert h.spend_cents == int(sum(days.values()) * 100)
        window = [d for d in ordered if (TODAY - d).days < 365]
        assert h.window_days == len(window)
        gaps = [(b - a).days for a, b in zip(ordered, ordered[1:], strict=False)]
        if gaps:
            assert h.gap_mean == pytest.approx(np.mean(gaps))
            assert h.gap_sd == pytest.approx(np.std(gaps))


def test_member_classes_give_reasons_in_both_languages(demo):
    zh = member_classes(demo, TODAY, "zh")
    en = member_classes(demo, TODAY, "en")
    assert zh.model.ok, zh.model.message
    assert sum(zh.abc.values()) == len(zh.members) == 220
    assert sum(zh.stages.values()) == 220
    spend: dict[int, Decimal] = defaultdict(Decimal)
    for mid, amount in demo.execute(
        select(Visit.member_id, Visit.total_amount).where(Visit.status == "ok")
    ):
        spend[mid] += amount
    assert any(spend[m.member_id] == 0 for m in zh.members)  # both reasons are met
    for m in zh.members:  # the reason follows the member's own spend, counted here
        assert ("累计消费" if spend[m.member_id] > 0 else "尚无消费") in m.abc_reason, m
    assert en.members[0].stage_name in {
        "Exploration",
        "Development",
        "Stable",
        "Decline",
        "No visits",
    }
    alive = [m.p_alive for m in zh.members if m.p_alive is not None]
    assert alive and all(0 <= a <= 1 for a in alive)
    assert zh.to_dict()["members"][0]["member_id"] == zh.members[0].member_id


def test_cohort_retention_matches_raw_rows(demo):
    members = demo.execute(select(Member.id, Member.join_date, Member.status)).all()
    visits = demo.execute(
        select(Visit.member_id, Visit.visited_at).where(Visit.status == "ok")
    ).all()
    months_of: dict[int, set[int]] = defaultdict(set)
    for mid, when in visits:
        months_of[mid].add(when.year * 12 + when.month - 1)
    cohorts = cohort_retention(demo, TODAY, 6)
    assert len(cohorts) == 6
    for c in cohorts:
        index = c.month.year * 12 + c.month.month - 1
        joined = [
            m
            for m, j, s in members
            if j.year * 12 + j.month - 1 == index and s in ("active", "archived")
        ]
        assert c.size == len(joined)
        for k, n in enumerate(c.returned, start=1):
            assert n == sum(1 for m in joined if index + k in months_of[m])


def test_cohort_retention_on_a_hand_built_shop(session):
    def member(mid: int, joined: date) -> None:
        session.add(Member(id=mid, name=f"会员{mid}", join_date=joined))

    def visit(mid: int, day: date) -> None:
        session.add(
            Visit(
                member_id=mid,
                visited_at=datetime.combine(day, datetime.min.time()),
                total_amount=Decimal("10"),
            )
        )

    member(1, date(2026, 9, 3))
    member(2, date(2026, 9, 20))
    member(3, date(2026, 10, 1))
    session.flush()
    for mid, day in (
        (1, date(2026, 9, 3)),
        (1, date(2026, 10, 5)),
        (1, date(2026, 10, 25)),
        (2, date(2026, 9, 20)),
        (2, date(2026, 11, 2)),
        (3, date(2026, 11, 1)),
    ):
        visit(mid, day)
    session.flush()
    cohorts = {c.month: c for c in cohort_retention(session, date(2026, 11, 10), 3)}
    assert cohorts[date(2026, 9, 1)].size == 2
    assert cohorts[date(2026, 9, 1)].returned == (1, 1)
    assert cohorts[date(2026, 10, 1)].returned == (1,)
    assert cohorts[date(2026, 11, 1)].returned == ()
