"""The demo shop: believable, repeatable, internally consistent, and never added twice."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import Followup, Member, Visit, VisitLine, VisitPayment, WalletEntry
from shopcrm.services import demo_data as data
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.services.names import name_keys

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo_engine(engine, demo_shop):
    demo_shop(DemoOptions(members=300, months=18, seed=7, today=TODAY))
    return engine


def _fingerprint(engine) -> str:
    digest = hashlib.sha256()
    queries = (
        select(
            Member.name, Member.phone, Member.birth_month, Member.birth_day, Member.card_no
        ).order_by(Member.id),
        select(Visit.member_id, Visit.visited_at, Visit.total_amount).order_by(Visit.id),
    )
    with engine.connect() as conn:
        for query in queries:
            for row in conn.execute(query):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_same_seed_same_shop(db_url, tmp_path):
    from shopcrm.db import open_database

    other = open_database(str(tmp_path / "other.db"))
    first = make_engine(db_url)
    for eng in (first, other):
        create_demo_shop(eng, DemoOptions(members=120, months=12, seed=3, today=TODAY))
    assert _fingerprint(first) == _fingerprint(other)


def test_members_look_real(demo_engine):
    with session_scope(demo_engine) as s:
        members = s.scalars(select(Member)).all()
        assert len(members) == 300
        phones = [m.phone for m in members]
        assert len(set(phones)) == 300
        assert all(p.startswith("+861") and len(p) == 14 for p in phones)
        assert all(m.phone_rev == m.phone_digits[::-1] for m in members)
        assert all((m.name_pinyin, m.name_initials) == name_keys(m.name) for m in members)
        kinds = {m.birthday_kind for m in members}
        assert {"solar", "lunar", None} <= kinds
        # the commonest surnames are the commonest here too
        surnames = defaultdict(int)
        for m in members:
            surnames[m.name[0]] += 1
        assert max(surnames, key=surnames.get) in "王李张刘陈"


def test_visits_are_consistent_with_lines_payments_and_member_stats(demo_engine):
    with session_scope(demo_engine) as s:
        line_sums = dict(
            s.execute(
                select(VisitLine.visit_id, func.sum(VisitLine.amount)).group_by(VisitLine.visit_id)
            ).all()
        )
        pay_sums = dict(
            s.execute(
                select(VisitPayment.visit_id, func.sum(VisitPayment.amount)).group_by(
                    VisitPayment.visit_id
                )
            ).all()
        )
        visits = s.scalars(select(Visit)).all()
        for v in visits:
            assert line_sums[v.id] == v.total_amount == pay_sums.get(v.id, Decimal(0))
            assert v.total_list - v.total_discount == v.total_amount
            assert v.visited_at.date() <= TODAY
        for m in s.scalars(select(Member)):
            ok = [v for v in visits if v.member_id == m.id and v.status == "ok"]
            assert m.visit_count == len(ok)
            assert m.lifetime_spend == sum((v.total_amount for v in ok), Decimal(0))
            if ok:
                assert m.last_visit_on == max(v.visited_at.date() for v in ok)


def test_wallet_ledgers_are_running_sums_and_never_negative(demo_engine):
    with session_scope(demo_engine) as s:
        entries = s.scalars(
            select(WalletEntry).order_by(
                WalletEntry.member_id, WalletEntry.account, WalletEntry.seq
            )
        ).all()
    assert entries, "the demo sells prepaid cards"
    running: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    seqs: dict[tuple[int, str], int] = defaultdict(int)
    for e in entries:
        key = (e.member_id, e.account)
        running[key] += e.amount
        seqs[key] += 1
        assert e.seq == seqs[key]
        assert e.balance_after == running[key] >= 0


def test_stored_value_spends_match_stored_value_payments(demo_engine):
    with session_scope(demo_engine) as s:
        spent = s.scalar(
            select(func.sum(WalletEntry.amount)).where(WalletEntry.entry_type == "spend")
        )
        paid = s.scalar(
            select(func.sum(VisitPayment.amount)).where(VisitPayment.method == "stored_value")
        )
    assert -spent == paid > 0


def test_second_demo_on_same_database_is_refused_and_adds_nothing(demo_engine):
    before = _fingerprint(demo_engine)
    with pytest.raises(ShopError) as err:
        create_demo_shop(demo_engine, DemoOptions(members=10, seed=1, today=TODAY))
    assert err.value.msg_id == "demo.not_empty"
    assert "300" in err.value.message("zh")
    assert _fingerprint(demo_engine) == before


def test_cancel_leaves_database_empty(engine):
    import threading

    cancel = threading.Event()

    def progress(fraction: float, _msg: str) -> None:
        if fraction > 0:
            cancel.set()

    with pytest.raises(ShopError, match="cancelled"):
        create_demo_shop(
            engine, DemoOptions(members=5000, seed=1, today=TODAY), progress=progress, cancel=cancel
        )
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 0
        assert s.scalar(select(func.count()).select_from(Visit)) == 0


def test_visit_target_scales_history(engine):
    summary = create_demo_shop(
        engine, DemoOptions(members=200, months=24, seed=5, visits=4000, today=TODAY)
    )
    assert 3000 <= summary.visits <= 5000


def test_restaurant_demo(engine):
    create_demo_shop(engine, DemoOptions(kind="restaurant", members=50, seed=2, today=TODAY))
    with session_scope(engine) as s:
        names = set(s.scalars(select(VisitLine.item_name)))
    assert "红烧肉" in names


def test_salon_complaints_are_about_a_salon(demo_engine):
    """The salon's complaints never speak of dishes (they once came from one shared list)."""
    with session_scope(demo_engine) as s:
        texts = set(s.scalars(select(Visit.complaint).where(Visit.complaint != "")))
    assert texts and texts <= set(data.SALON_COMPLAINTS)
    assert not any("菜" in text for text in texts)


def test_cli_demo_twice_is_refused(tmp_path):
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    first = runner.invoke(main, ["--db", db, "demo", "--members", "60", "--months", "6"])
    assert first.exit_code == 0, first.output
    assert "60 members" in first.output
    with session_scope(make_engine(db)) as s:
        open_followups = s.scalar(select(func.count()).select_from(Followup))
    assert open_followups > 0, "the demo shop has follow-ups to show on first start"
    second = runner.invoke(main, ["--db", db, "demo", "--members", "60"])
    assert second.exit_code == 1
    assert "already holds 60 members" in second.output


def test_console_script_runs_as_a_module(tmp_path):
    db = tmp_path / "m.db"
    # A read command on a file that is not there yet says so and makes nothing ...
    missing = subprocess.run(
        [sys.executable, "-m", "shopcrm", "--db", str(db), "info"], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "No shop in" in missing.stderr
    assert "Traceback" not in missing.stderr and not db.exists()
    # ... a write command makes the shop, then info reads it.
    subprocess.run(
        [sys.executable, "-m", "shopcrm", "--db", str(db), "rules"],
        capture_output=True,
        text=True,
        check=True,
    )
    out = subprocess.run(
        [sys.executable, "-m", "shopcrm", "--db", str(db), "info", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"members": 0' in out.stdout
    version = subprocess.run(
        [sys.executable, "-m", "shopcrm", "--version"], capture_output=True, text=True, check=True
    )
    assert "0.1.0" in version.stdout
