"""One clock: in Shanghai, a top-up at 03:00 on 1 November is November's and a visit at 23:59
on 31 October is October's, in `report --json` and in the month workbook; a backdated visit's
wallet entries carry the visit's time."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.excel import sheet_title
from shopcrm.services.excel.rows import MEMBER_KEYS
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

PHONE = "13800138000"
LATE_VISIT = datetime(2026, 10, 31, 23, 59)
EARLY_TOPUP = datetime(2026, 11, 1, 3, 0)


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _run(db_url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def shop(db_url: str, shanghai: None) -> str:
    """A top-up typed at 03:00 on 1 Nov, and a cash visit backdated to 23:59 on 31 Oct
    (typed a few minutes after the top-up), both through the CLI."""
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        make_shop(s)
        make_member(s, phone=PHONE)
    engine.dispose()
    with clock.frozen(EARLY_TOPUP):
        _run(db_url, "topup", "--member", PHONE, "300", "--pay", "cash")
    with clock.frozen("2026-11-01 03:05"):
        _run(
            db_url,
            "visit", "add", "--member", PHONE, "--service", "洗剪吹", "--pay", "cash",
            "--at", "2026-10-31 23:59",
        )  # fmt: skip
    return db_url


def _report(db_url: str, month: str) -> dict:
    with clock.frozen("2026-11-01 03:10"):
        return json.loads(_run(db_url, "report", "--month", month, "--json"))


def test_report_json_puts_each_record_in_its_own_local_month(shop):
    october, november = _report(shop, "2026-10"), _report(shop, "2026-11")
    assert october["figures"]["visits"] == 1 and november["figures"]["visits"] == 0
    assert october["figures"]["net_revenue"] == "88.00"
    # the top-up at 03:00 on 1 Nov is November's, not October's (it was 19:00 UTC on 31 Oct)
    assert october["stored_value"]["added"] == "0.00"
    assert october["stored_value"]["closing"] == "0.00"
    assert november["stored_value"]["opening"] == "0.00"
    assert november["stored_value"]["added"] == "300.00"
    # the visit's points are earned on 31 Oct, at the visit, although typed on 1 Nov
    assert Decimal(october["points"]["added"]) == 88
    assert Decimal(november["points"]["added"]) == 0


def _workbook(db_url: str, month: str, folder: Path) -> openpyxl.Workbook:
    target = folder / f"{month}.xlsx"
    with clock.frozen("2026-11-01 03:10"):
        _run(db_url, "report", "--month", month, "-o", str(target))
    return openpyxl.load_workbook(target)


def _member_row(wb: openpyxl.Workbook) -> dict[str, object]:
    sheet = wb[sheet_title("members", "en")]
    rows = list(sheet.iter_rows(values_only=True))
    found = [dict(zip(MEMBER_KEYS, row, strict=False)) for row in rows[1:] if row[0] is not None]
    assert len(found) == 1, found
    return found[0]


def test_month_workbook_puts_each_record_in_its_own_local_month(shop, tmp_path):
    october = _workbook(shop, "2026-10", tmp_path)
    ledger = list(october[sheet_title("ledger", "en")].iter_rows(values_only=True))
    lines = [row for row in ledger[1:] if isinstance(row[0], int)]
    assert len(lines) == 1
    assert lines[0][1].date().isoformat() == "2026-10-31"  # the date column
    member = _member_row(october)
    assert member["month_visits"] == 1
    assert not member["stored_value"]  # the top-up came after October's midnight

    november = _workbook(shop, "2026-11", tmp_path)
    ledger = list(november[sheet_title("ledger", "en")].iter_rows(values_only=True))
    assert [row for row in ledger[1:] if isinstance(row[0], int)] == []
    assert Decimal(str(_member_row(november)["stored_value"])) == 300


def _entries(session, member: int) -> list[wallet.LedgerEntry]:
    return [e for account in wallet.ACCOUNTS for e in wallet.ledger(session, member, account)]


def test_backdated_visit_writes_its_wallet_entries_at_the_visit_time(session, shanghai):
    ids = make_shop(session)
    member = make_member(session)
    with clock.frozen("2026-10-01 12:00"):
        wallet.topup(session, member, "500", actor=SYSTEM)
    with clock.frozen("2026-11-27 10:00"):  # typed in almost a month later
        record_visit(
            session,
            VisitDraft(
                member,
                (LineDraft(ids["cut"]),),
                (PaymentDraft("stored_value", Decimal("88")),),
                visited_at=LATE_VISIT,
            ),
            actor=SYSTEM,
        )
    entries = [e for e in _entries(session, member) if e.visit_id is not None]
    assert {(e.entry_type, e.created_at) for e in entries} == {
        ("spend", LATE_VISIT),
        ("earn", LATE_VISIT),
    }


def test_visit_without_a_time_and_its_entries_take_the_clock_now(session):
    ids = make_shop(session)
    member = make_member(session)
    with clock.frozen("2026-11-01 03:00:07"):
        vid = record_visit(
            session,
            VisitDraft(member, (LineDraft(ids["cut"]),), (PaymentDraft("cash", Decimal("88")),)),
            actor=SYSTEM,
        )
    entries = [e for e in _entries(session, member) if e.visit_id == vid]
    assert [e.created_at for e in entries] == [datetime(2026, 11, 1, 3, 0, 7)]
