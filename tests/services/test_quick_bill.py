"""The quick bill: a visit that is the bill (amount, party, table), no service lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.orm import Session
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import make_engine, open_database, session_scope
from shopcrm.i18n import ShopError
from shopcrm.migrate import upgrade_to
from shopcrm.models import Visit, VisitLine
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.reports import monthly_report
from shopcrm.services.settings import set_setting
from shopcrm.services.visits import (
    SETTING_QUICK_BILL,
    BillDraft,
    PaymentDraft,
    quick_bill_enabled,
    record_bill,
    void_visit,
)


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """The CLI's --lang sets the process's language: put it back for the next tests."""
    from shopcrm.i18n import current_language, set_language

    before = current_language()
    yield
    set_language(before)


def test_quick_bill_is_on_for_restaurants_and_by_setting(session: Session) -> None:
    assert quick_bill_enabled(session) is False  # a salon by default
    set_setting(session, "shop.kind", "restaurant")
    assert quick_bill_enabled(session) is True
    set_setting(session, SETTING_QUICK_BILL, False)
    assert quick_bill_enabled(session) is False
    set_setting(session, "shop.kind", "nail")
    set_setting(session, SETTING_QUICK_BILL, True)
    assert quick_bill_enabled(session) is True


def test_a_bill_is_a_visit_with_points_stored_value_and_a_bills_line(session: Session) -> None:
    member = make_member(session)
    wallet.topup(session, member, "500", actor=SYSTEM)
    with clock.frozen("2026-11-23 19:30"):
        visit_id = record_bill(
            session,
            BillDraft(
                member, Decimal("356"), 4, " A3 ", (PaymentDraft("stored_value", Decimal("356")),)
            ),
            lang="zh",actor=SYSTEM
        )
    visit = session.get(Visit, visit_id)
    assert (visit.total_amount, visit.party_size, visit.table_no) == (Decimal("356.00"), 4, "A3")
    line = session.scalars(select(VisitLine).where(VisitLine.visit_id == visit_id)).one()
    assert (line.service_id, line.item_name, line.amount) == (None, "账单", Decimal("356.00"))
    b = wallet.balances(session, member)
    assert b.stored_value == Decimal("144.00")
    assert b.points == 356  # one point per yuan by default, stored value counts
    report = monthly_report(session, 2026, 11, lang="en", with_segments=False, actor=SYSTEM)
    assert [(r.key, r.label, r.amount) for r in report.by_service] == [
        ("bills", "Bills", Decimal("356.00"))
    ]
    void_visit(session, visit_id, "wrong table", actor=SYSTEM)
    assert wallet.balances(session, member).stored_value == Decimal("500.00")


def test_a_bill_without_an_amount_is_refused(session: Session) -> None:
    with pytest.raises(ShopError):
        record_bill(session, BillDraft(None, Decimal("0")), actor=SYSTEM)
    assert session.scalar(select(Visit.id)) is None


def test_cli_visit_add_amount_records_a_bill(db_url: str) -> None:
    runner = CliRunner()
    base = ["--db", db_url, "--lang", "en"]
    out = runner.invoke(main, [*base, "member", "add", "--name", "张三", "--phone", "13800138000"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(
        main,
        [
            *base,
            "visit",
            "add",
            "--member",
            "13800138000",
            "--amount",
            "356",
            "--party-size",
            "4",
            "--table",
            "7",
            "--pay",
            "wechat",
        ],
    )
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, [*base, "visits", "--member", "13800138000", "--json"])
    rows = json.loads(out.output)
    assert rows[0]["amount"] == "356.00" and rows[0]["payments"] == {"wechat": "356.00"}
    assert rows[0]["items"] == "Bill"
    out = runner.invoke(main, [*base, "visit", "add", "--amount", "5", "--item", "x:5"])
    assert out.exit_code == 1 and "not both" in out.output
    out = runner.invoke(main, [*base, "visit", "add"])
    assert out.exit_code == 1 and "--amount" in out.output


def test_migration_0007_adds_the_table_to_old_visits(tmp_path) -> None:
    url = str(tmp_path / "old.db")
    engine = make_engine(url)
    upgrade_to(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO visits (id, visited_at, total_list, total_discount, total_amount,"
                " status, note, complaint, created_at, updated_at, void_reason, version)"
                " VALUES (1, '2026-01-02 12:00:00', 100, 0, 100, 'ok', '', '',"
                " '2026-01-02 12:00:00', '2026-01-02 12:00:00', '', 1)"
            )
        )
    engine.dispose()
    engine = open_database(url)
    with session_scope(engine) as s:
        visit = s.get(Visit, 1)
        assert visit.table_no is None and visit.total_amount == Decimal("1.00")
    engine.dispose()


def test_editing_a_bill_keeps_its_table_and_party_unless_changed(session: Session) -> None:
    from shopcrm.services.visits import LineDraft, VisitDraft, edit_visit

    member = make_member(session)
    with clock.frozen("2026-11-23 19:30"):
        first = record_bill(
            session,
            BillDraft(member, Decimal("356"), 4, "A3", (PaymentDraft("cash", Decimal("356")),)),
            actor=SYSTEM,
        )
        # the amount was wrong: the corrected visit says nothing about the table
        lines = (LineDraft(item_name="Bill", unit_price=Decimal("386")),)
        fixed = edit_visit(
            session,
            first,
            VisitDraft(member, lines, (PaymentDraft("cash", Decimal("386")),)),
            "amount typed wrong",
            actor=SYSTEM,
        )
    visit = session.get(Visit, fixed)
    assert (visit.total_amount, visit.table_no, visit.party_size) == (Decimal("386.00"), "A3", 4)
    assert visit.replaces_id == first and session.get(Visit, first).status != "ok"
    with clock.frozen("2026-11-23 19:40"):
        moved = edit_visit(
            session,
            fixed,
            VisitDraft(member, lines, (PaymentDraft("cash", Decimal("386")),), table_no="B1"),
            "moved table",
            actor=SYSTEM,
        )
    assert (session.get(Visit, moved).table_no, session.get(Visit, moved).party_size) == ("B1", 4)
