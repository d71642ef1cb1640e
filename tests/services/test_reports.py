"""The monthly report against figures computed in plain Python from the raw rows."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from shopcrm.i18n import ShopError
from shopcrm.models import (
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    Service,
    ServiceCategory,
    Staff,
    Visit,
    VisitLine,
    VisitPayment,
    WalletEntry,
)
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.demo import DemoOptions
from shopcrm.services.reports import monthly_report, parse_month

TODAY = date(2026, 11, 23)
YEAR, MONTH = 2026, 10
START, END = datetime(2026, 10, 1), datetime(2026, 11, 1)


def _extras(session) -> None:
    """What the demo lacks: a walk-in, a voided visit, a refund and an adjustment, follow-ups with outcomes."""
    walk = Visit(
        member_id=None,
        visited_at=datetime(2026, 10, 9, 12, 30),
        total_list=Decimal("88"),
        total_discount=Decimal("8"),
        total_amount=Decimal("80"),
    )
    walk.lines.append(
        VisitLine(
            line_no=1,
            service_id=None,
            item_name="自带产品护理",
            quantity=2,
            unit_price=Decimal("44"),
            discount=Decimal("8"),
            amount=Decimal("80"),
        )
    )
    walk.payments.append(VisitPayment(method="cash", amount=Decimal("80")))
    session.add(walk)
    # A visit voided the same month: counted as voided, never in the revenue.
    session.add(
        Visit(
            member_id=None,
            visited_at=datetime(2026, 10, 10, 15, 0),
            total_list=Decimal("50"),
            total_amount=Decimal("50"),
            status="voided",
            void_reason="录错",
        )
    )
    holder = session.execute(
        select(WalletEntry.member_id, WalletEntry.seq, WalletEntry.balance_after)
        .where(WalletEntry.account == "stored_value", WalletEntry.created_at < START)
        .order_by(WalletEntry.member_id.desc(), WalletEntry.seq.desc())
    ).first()
    mid = holder.member_id
    last = (
        session.execute(
            select(WalletEntry)
            .where(WalletEntry.member_id == mid, WalletEntry.account == "stored_value")
            .order_by(WalletEntry.seq.desc())
        )
        .scalars()
        .first()
    )
    seq, bal = last.seq, last.balance_after
    for kind, amount, when in (
        ("refund", Decimal("-30"), datetime(2026, 10, 15, 10)),
        ("adjust", Decimal("12.50"), datetime(2026, 10, 16, 10)),
    ):
        seq += 1
        bal += amount
        session.add(
            WalletEntry(
                member_id=mid,
                account="stored_value",
                seq=seq,
                entry_type=kind,
                amount=amount,
                balance_after=bal,
                reason="test",
                created_at=when,
            )
        )
    rule = FollowupRule(kind="birthday", name="生日")
    care = FollowupRule(kind="aftercare", name="护理回访")
    session.add_all([rule, care])
    session.flush()
    f1 = Followup(
        member_id=1,
        rule_id=rule.id,
        occasion_date=date(2026, 10, 12),
        due_date=date(2026, 10, 9),
        created_at=datetime(2026, 10, 9, 8),
    )
    f2 = Followup(
        member_id=2,
        rule_id=care.id,
        occasion_date=date(2026, 9, 28),
        due_date=date(2026, 9, 28),
        created_at=datetime(2026, 9, 28, 8),
        status="done",
        closed_at=datetime(2026, 10, 2, 9),
    )
    f3 = Followup(
        member_id=3,
        rule_id=care.id,
        occasion_date=date(2026, 10, 20),
        due_date=date(2026, 10, 20),
        created_at=datetime(2026, 10, 20, 8),
    )
    session.add_all([f1, f2, f3])
    session.flush()
    session.add_all(
        [
            FollowupEvent(
                followup_id=f2.id,
                action="done",
                channel="call",
                created_at=datetime(2026, 10, 2, 9),
            ),
            FollowupEvent(
                followup_id=f3.id,
                action="noanswer",
                channel="call",
                created_at=datetime(2026, 10, 21, 9),
            ),
        ]
    )
    session.flush()


@pytest.fixture
def shop(engine, demo_shop, session):
    demo_shop(DemoOptions(members=260, months=15, seed=11, today=TODAY))
    _extras(session)
    session.commit()
    return session


def _in(when: datetime, start: datetime = START, end: datetime = END) -> bool:
    return start <= when < end


def _raw_figures(s, start: datetime, end: datetime) -> dict:
    visits = s.execute(
        select(
            Visit.id,
            Visit.member_id,
            Visit.visited_at,
            Visit.status,
            Visit.total_list,
            Visit.total_discount,
            Visit.total_amount,
        )
    ).all()
    month = [v for v in visits if _in(v.visited_at, start, end)]
    ok = [v for v in month if v.status == "ok"]
    members = {v.member_id for v in ok if v.member_id is not None}
    before = {v.member_id for v in visits if v.status == "ok" and v.visited_at < start}
    joins = s.execute(select(Member.join_date, Member.status)).all()
    net = sum((v.total_amount for v in ok), Decimal(0))
    return {
        "net_revenue": net,
        "list_total": sum((v.total_list for v in ok), Decimal(0)),
        "discounts": sum((v.total_discount for v in ok), Decimal(0)),
        "visits": len(ok),
        "walk_in_visits": sum(1 for v in ok if v.member_id is None),
        "voided_visits": sum(1 for v in month if v.status == "voided"),
        "distinct_members": len(members),
        "returning_members": len(members & before),
        "first_time_members": len(members - before),
        "new_members": sum(
            1 for j, st in joins if start.date() <= j < end.date() and st != "merged"
        ),
        "average_ticket": (net / len(ok)).quantize(Decimal("0.01")) if ok else Decimal("0.00"),
        "returning_rate": (Decimal(len(members & before)) / len(members)).quantize(
            Decimal("0.0001")
        )
        if members
        else Decimal("0"),
        "ok_ids": {v.id for v in ok},
    }


def test_headline_figures_match_raw_rows(shop):
    report = monthly_report(shop, YEAR, MONTH, "zh", actor=SYSTEM)
    raw = _raw_figures(shop, START, END)
    f = report.figures
    for key, value in raw.items():
        if key != "ok_ids":
            assert getattr(f, key) == value, key
    # The walk-in _extras added (the demo makes none) and every voided visit of the month
    # (the one _extras added, plus the demo's occasional mistakes), counted from raw rows.
    voided = shop.scalars(
        select(Visit.id).where(
            Visit.status == "voided", Visit.visited_at >= START, Visit.visited_at < END
        )
    ).all()
    assert f.walk_in_visits == 1
    assert len(voided) >= 1 and f.voided_visits == len(voided)
    assert f.net_revenue == f.list_total - f.discounts


def test_breakdowns_match_raw_rows(shop):
    report = monthly_report(shop, YEAR, MONTH, "en", actor=SYSTEM)
    ok_ids = _raw_figures(shop, START, END)["ok_ids"]
    pay: dict[str, Decimal] = defaultdict(Decimal)
    for vid, method, amount in shop.execute(
        select(VisitPayment.visit_id, VisitPayment.method, VisitPayment.amount)
    ):
        if vid in ok_ids:
            pay[method] += amount
    assert {b.key: b.amount for b in report.by_payment} == dict(pay)
    assert next(b for b in report.by_payment if b.key == "stored_value").label == "Stored value"
    services = {s.id: (s.name, s.category_id) for s in shop.scalars(select(Service))}
    cats = {c.id: c.name for c in shop.scalars(select(ServiceCategory))}
    staff = {s.id: s.name for s in shop.scalars(select(Staff))}
    by_cat: dict[str, Decimal] = defaultdict(Decimal)
    by_svc: dict[str, Decimal] = defaultdict(Decimal)
    by_staff: dict[str, Decimal] = defaultdict(Decimal)
    for line in shop.scalars(select(VisitLine)):
        if line.visit_id not in ok_ids:
            continue
        name, cat = services.get(line.service_id, (line.item_name, None))
        by_cat[cats.get(cat, "Other items")] += line.amount
        by_svc[name] += line.amount
        by_staff[staff.get(line.staff_id, "Unassigned")] += line.amount
    assert {b.label: b.amount for b in report.by_category} == dict(by_cat)
    assert {b.label: b.amount for b in report.by_service} == dict(by_svc)
    assert {b.label: b.amount for b in report.by_staff} == dict(by_staff)
    assert sum(pay.values()) == report.figures.net_revenue
    daily = defaultdict(Decimal)
    for vid, when, amount in shop.execute(select(Visit.id, Visit.visited_at, Visit.total_amount)):
        if vid in ok_ids:
            daily[when.date()] += amount
    assert len(report.daily) == 31
    assert {d.day: d.net_revenue for d in report.daily if d.visits} == dict(daily)


def test_stored_value_and_points_match_the_ledger(shop):
    report = monthly_report(shop, YEAR, MONTH, "zh", actor=SYSTEM)
    entries = shop.execute(
        select(
            WalletEntry.account, WalletEntry.entry_type, WalletEntry.amount, WalletEntry.created_at
        )
    ).all()
    sv = [e for e in entries if e.account == "stored_value"]
    opening = sum((e.amount for e in sv if e.created_at < START), Decimal(0))
    closing = sum((e.amount for e in sv if e.created_at < END), Decimal(0))
    month = Counter()
    for e in sv:
        if _in(e.created_at):
            month[e.entry_type] += e.amount
    s = report.stored_value
    assert s.opening == opening and s.closing == closing
    assert s.added == month["topup"] and s.bonus == month["bonus"]
    assert s.used == -month["spend"]
    assert s.other == Decimal("-17.50") == month["refund"] + month["adjust"]
    assert s.other_by_type == {"adjust": Decimal("12.50"), "refund": Decimal("-30.00")}
    assert s.closing == s.opening + s.added + s.bonus - s.used + s.other
    pts = [e for e in entries if e.account == "points"]
    assert report.points.added == sum(
        (e.amount for e in pts if _in(e.created_at) and e.entry_type == "earn"), Decimal(0)
    )
    assert report.points.closing == sum((e.amount for e in pts if e.created_at < END), Decimal(0))


def test_followups_comparisons_segments_and_json(shop):
    report = monthly_report(shop, YEAR, MONTH, "zh", actor=SYSTEM)
    assert report.followups.raised == 2  # f1 and f3 were raised in October
    assert report.followups.raised_by_kind == {"birthday": 1, "aftercare": 1}
    assert report.followups.done == 1 and report.followups.done_by_kind == {"aftercare": 1}
    prev = _raw_figures(shop, datetime(2026, 9, 1), START)
    year_ago = _raw_figures(shop, datetime(2025, 10, 1), datetime(2025, 11, 1))
    for changes, raw in ((report.vs_previous_month, prev), (report.vs_last_year, year_ago)):
        for ch in changes:
            assert ch.previous == Decimal(raw[ch.key]), ch.key
            assert ch.delta == ch.current - ch.previous
            if ch.previous:
                assert ch.pct == ((ch.delta / ch.previous) * 100).quantize(Decimal("0.1"))
    joined = shop.scalars(select(Member.join_date)).all()
    members = sum(1 for j in joined if j <= date(2026, 10, 31))  # classified as of month end
    assert report.segments is not None
    assert sum(report.segments.abc.values()) == members
    assert sum(report.segments.stages.values()) == members
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["figures"]["net_revenue"] == str(report.figures.net_revenue)
    assert data["stored_value"]["closing"] == str(report.stored_value.closing)
    assert data["labels"]["net_revenue"] == "净营业额"


def test_voided_visits_are_excluded(shop):
    before = monthly_report(shop, YEAR, MONTH, "en", with_segments=False, actor=SYSTEM)
    visit = shop.scalars(
        select(Visit).where(Visit.status == "ok", Visit.visited_at >= START, Visit.visited_at < END)
    ).first()
    visit.status = "voided"
    shop.flush()
    after = monthly_report(shop, YEAR, MONTH, "en", with_segments=False, actor=SYSTEM)
    assert after.figures.voided_visits == before.figures.voided_visits + 1
    assert after.figures.visits == before.figures.visits - 1
    assert after.figures.net_revenue == before.figures.net_revenue - visit.total_amount
    assert sum(d.net_revenue for d in after.daily) == after.figures.net_revenue


def test_owner_only_and_month_parsing(shop):
    with pytest.raises(ShopError):
        monthly_report(shop, YEAR, MONTH, "en", actor=Actor(staff_id=2, name="x", role="staff"))
    assert parse_month("2026-03") == (2026, 3)
    for bad in ("2026-13", "march", "2026"):
        with pytest.raises(ShopError):
            parse_month(bad)
    empty = monthly_report(shop, 2020, 1, "en", with_segments=False, actor=SYSTEM)
    assert empty.figures.visits == 0 and empty.figures.average_ticket == Decimal("0.00")


def test_cli_report_json_segments_and_charts(shop, db_url, tmp_path):
    from shopcrm.cli import main

    runner = CliRunner()
    out = runner.invoke(
        main, ["--db", db_url, "--lang", "zh", "report", "--month", "2026-10", "--json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert Decimal(data["figures"]["net_revenue"]) == _raw_figures(shop, START, END)["net_revenue"]
    out = runner.invoke(
        main, ["--db", db_url, "--lang", "en", "segments", "--json", "--as-of", "2026-10-31"]
    )
    assert out.exit_code == 0, out.output
    seg = json.loads(out.output)
    assert seg["as_of"] == "2026-10-31" and seg["members"][0]["abc_reason"]
    out = runner.invoke(main, ["--db", db_url, "report", "--month", "2026-13"])
    assert out.exit_code == 1
    folder = tmp_path / "charts"
    out = runner.invoke(main, ["--db", db_url, "charts", "--month", "2026-10", "-o", str(folder)])
    assert out.exit_code == 0, out.output
    pngs = sorted(p.name for p in folder.glob("*.png"))
    assert len(pngs) == 6 and all(p.startswith("2026-10-") for p in pngs)
    assert all((folder / p).read_bytes()[:4] == b"\x89PNG" for p in pngs)
