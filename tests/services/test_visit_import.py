"""Importing visit history: messy files, grouping, idempotence, encodings, cancel."""

from __future__ import annotations

import csv
import threading
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from visit_helpers import make_member, make_shop

from shopcrm.i18n import ShopError
from shopcrm.models import (
    Member,
    MoneyMovement,
    Service,
    Staff,
    Visit,
    VisitLine,
    VisitPayment,
    WalletEntry,
)
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.visit_import import detect_encoding, import_visits, write_report
from shopcrm.services.visit_import.fields import parse_amount, parse_when

D = Decimal


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _messy_xlsx(path: Path) -> Path:
    """Chinese headers in an odd order, an Excel serial, text dates, a blank row, bad rows."""
    wb = Workbook()
    ws = wb.active
    ws.append(["店内导出 2024"])  # a title row above the header
    ws.append(["付款方式", "金额（元）", "服务项目", "手机号", "消费日期", "时间", "技师", "卡号"])
    rows = [
        ["微信", 88, "洗剪吹", "138 0013 8000", datetime(2024, 3, 5), "14:30", "Tony", None],
        ["储值", "¥380.00", "烫发", "13800138000", "2024/3/5", "14:30", "Tony", None],  # same visit
        ["现金", 50.5, "头皮护理", None, 45359, None, "小李", "880002"],  # serial = 2024-03-08
        [None, None, None, None, None, None, None, None],  # blank: ignored
        ["支付宝", "12.345", "洗剪吹", "13800138000", "2024-03-09", None, None, None],  # bad amount
        ["现金", 30, "洗剪吹", "13800138000", "昨天", None, None, None],  # bad date
        ["比特币", 30, "洗剪吹", "13800138000", "2024-03-10", None, None, None],  # bad method
        ["现金", 30, "洗剪吹", "13999999999", "2024-03-10", None, None, None],  # no such member
        ["现金", 45, "美甲", "13800138000", "2024年3月12日", "下午3:05", "阿美", None],  # unknown
        ["积分", 10, "洗剪吹", "13800138000", "2024-03-12 15:05", None, "Tony", None],  # + row 11
        ["", 20, "", None, "2024-03-13", None, None, None],  # walk-in, no item, no payment
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def shop(session: Session) -> dict[str, int]:
    ids = make_shop(session)
    ids["zhang"] = make_member(session)
    ids["wang"] = make_member(session, "王五", "13700137000", card_no="880002")
    wallet.topup(session, ids["zhang"], "100", actor=SYSTEM)
    return ids


def test_messy_xlsx_reports_and_groups(session: Session, shop, tmp_path: Path) -> None:
    path = _messy_xlsx(tmp_path / "messy.xlsx")
    result = import_visits(session, path, actor=SYSTEM)
    reasons = {p.row: p.text("en") for p in result.problems}
    assert reasons == {
        7: "amount “12.345” not understood",
        8: "date “昨天” not understood",
        9: "payment method “比特币” not understood",
        10: "no member with phone “13999999999”",
        11: "unknown service “美甲”",
        12: "not imported: another row of the same visit failed (row 11)",
    }
    assert {p.row: p.text("zh") for p in result.problems}[11] == "未知的服务项目“美甲”"
    assert result.rows_read == 10 and result.rows_imported == 4 and result.rows_failed == 6
    assert result.rows_read == result.rows_imported + result.rows_failed
    assert result.visits_created == 3 and result.lines_created == 4
    assert result.missing_services == {"美甲": 1} and result.missing_staff == {"阿美": 1}
    assert result.rows_without_payment == 1
    first = session.scalar(select(Visit).where(Visit.member_id == shop["zhang"]))
    assert first.visited_at == datetime(2024, 3, 5, 14, 30)
    assert first.total_amount == D("468.00") and first.source_ref
    assert sorted((p.method, p.amount) for p in first.payments) == [
        ("stored_value", D("380.00")),
        ("wechat", D("88.00")),
    ]
    # each imported payment is on the money ledger, booked on its visit's day
    booked = session.execute(
        select(MoneyMovement.method, MoneyMovement.amount, MoneyMovement.booked_on).where(
            MoneyMovement.visit_id == first.id
        )
    ).all()
    assert sorted(booked) == [
        ("stored_value", D("380.00"), date(2024, 3, 5)),
        ("wechat", D("88.00"), date(2024, 3, 5)),
    ]
    assert [ln.item_name for ln in first.lines] == ["洗剪吹", "烫发"]
    # historic stored value payments leave the wallet alone
    assert wallet.balances(session, shop["zhang"]).stored_value == D("100.00")
    assert _count(session, WalletEntry) == 1
    wang = session.get(Member, shop["wang"])
    assert (wang.visit_count, wang.first_visit_on, wang.lifetime_spend) == (
        1,
        date(2024, 3, 8),
        D("50.50"),
    )
    walk_in = session.scalar(select(Visit).where(Visit.member_id.is_(None)))
    assert walk_in.lines[0].item_name == "—" and walk_in.payments[0].method == "cash"
    report = write_report(result, tmp_path / "report.xlsx", "zh")
    wb = load_workbook(report)
    assert wb.sheetnames == ["汇总", "未导入的行"]
    assert wb["未导入的行"]["A2"].value == 7
    assert wb["未导入的行"]["B6"].value == "未知的服务项目“美甲”"


def test_reimport_adds_nothing_and_create_missing(session: Session, shop, tmp_path: Path) -> None:
    path = _messy_xlsx(tmp_path / "messy.xlsx")
    import_visits(session, path, actor=SYSTEM)
    visits, lines = _count(session, Visit), _count(session, VisitLine)
    again = import_visits(session, path, actor=SYSTEM)
    assert again.visits_created == 0 and again.rows_already_imported == 4
    assert (_count(session, Visit), _count(session, VisitLine)) == (visits, lines)
    # now create the unknown service and staff: only the two formerly failing rows land
    third = import_visits(session, path, create_missing=True, actor=SYSTEM)
    assert third.created_services == ["美甲"] and third.created_staff == ["阿美"]
    assert third.visits_created == 1 and third.rows_imported == 2
    assert third.rows_already_imported == 4
    nail = session.scalar(select(Service).where(Service.name == "美甲"))
    assert nail.active is False and nail.list_price == D("45.00")
    assert nail.name_pinyin == "mj meijia"
    amei = session.scalar(select(Staff).where(Staff.name == "阿美"))
    assert amei.active is False
    zhang = session.get(Member, shop["zhang"])
    assert (zhang.visit_count, zhang.last_visit_on) == (2, date(2024, 3, 12))


def _write_csv(path: Path, encoding: str, rows: list[list[str]]) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


CSV_ROWS = [
    ["Phone", "Card No", "Date", "Service", "Amount", "Staff", "Payment", "Receipt"],
    ["13800138000", "", "2024-05-01 10:00", "洗剪吹", "88", "Tony", "会员卡", "A1"],
    ["", "880002", "2024-05-01 10:10", "头皮护理", "168.5", "小李", "刷卡", "A2"],
    ["", "880002", "2024-05-01 10:20", "洗剪吹", "80", "小李", "cash", "A2"],  # same receipt
    ["13800138000", "", "5/2/2024", "洗剪吹", "88", "", "WeChat", ""],
]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_csv_encodings_import_the_same(
    session: Session, shop, tmp_path: Path, encoding: str
) -> None:
    path = _write_csv(tmp_path / f"v-{encoding}.csv", encoding, CSV_ROWS)
    assert detect_encoding(path) == ("gb18030" if encoding == "gb18030" else "utf-8-sig")
    result = import_visits(session, path, actor=SYSTEM)
    assert result.problems == [] and result.visits_created == 3
    receipt = session.scalar(select(Visit).where(Visit.member_id == shop["wang"]))
    assert receipt.visited_at == datetime(2024, 5, 1, 10, 10)
    assert [ln.item_name for ln in receipt.lines] == ["头皮护理", "洗剪吹"]
    assert dict((p.method, p.amount) for p in receipt.payments) == {
        "card": D("168.50"),
        "cash": D("80.00"),
    }
    names = set(session.scalars(select(VisitLine.item_name)))
    assert names == {"洗剪吹", "头皮护理"}  # Chinese decoded right in every encoding
    assert session.scalar(select(func.max(Visit.visited_at))) == datetime(2024, 5, 2)


def test_cancel_leaves_nothing(engine, tmp_path: Path) -> None:
    from shopcrm.db import session_scope

    with session_scope(engine, write=True) as s:
        make_shop(s)
        make_member(s)
    rows = [CSV_ROWS[0]] + [
        ["13800138000", "", f"2024-01-01 {h:02d}:{m:02d}", "洗剪吹", "88", "", "cash", ""]
        for h in range(24)
        for m in range(60)
    ]
    path = _write_csv(tmp_path / "big.csv", "utf-8", rows)
    cancel = threading.Event()

    def progress(fraction: float, message: str) -> None:
        if fraction > 0.6:
            cancel.set()

    with pytest.raises(ShopError) as err, session_scope(engine, write=True) as s:
        import_visits(s, path, progress=progress, cancel=cancel, actor=SYSTEM)
    assert err.value.msg_id == "visit_import.cancelled"
    with session_scope(engine) as s:
        assert _count(s, Visit) == 0 and _count(s, VisitPayment) == 0
        assert s.scalar(select(Member.visit_count)) == 0


def test_import_is_owner_only(session: Session, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", "utf-8", CSV_ROWS)
    with pytest.raises(ShopError):
        import_visits(session, path, actor=Actor(None, "clerk", "staff"))


def test_no_header_is_a_clear_error(session: Session, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", "utf-8", [["a", "b"], ["1", "2"]])
    with pytest.raises(ShopError) as err:
        import_visits(session, path, actor=SYSTEM)
    assert err.value.msg_id == "visit_import.no_header"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", datetime(2024, 3, 5)),
        ("2024/3/5 9:07", datetime(2024, 3, 5, 9, 7)),
        ("2024.03.05 21:07:09", datetime(2024, 3, 5, 21, 7, 9)),
        ("2024年3月5日 下午2:30", datetime(2024, 3, 5, 14, 30)),
        ("20240305", datetime(2024, 3, 5)),
        (20240305, datetime(2024, 3, 5)),
        (45356, datetime(2024, 3, 5)),
        (45356.5, datetime(2024, 3, 5, 12, 0)),
        ("45356", datetime(2024, 3, 5)),
        ("3/5/2024", datetime(2024, 3, 5)),
        ("25/3/2024", datetime(2024, 3, 25)),
        ("2024-02-30", None),
        ("soon", None),
    ],
)
def test_dates(value, expected) -> None:
    assert parse_when(value) == expected


def test_amounts() -> None:
    assert parse_amount("¥1,200.50") == D("1200.50")
    assert parse_amount("88元") == D("88.00")
    assert parse_amount(0.1 + 0.2) == D("0.30")
    assert parse_amount("-5") is None and parse_amount("abc") is None
