"""The workbook reopened: sheets, headers, formats, no numbers as text, SUMs = figures."""

from __future__ import annotations

import logging
import re
import threading
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from matplotlib.figure import Figure
from openpyxl.utils import range_boundaries

from shopcrm.i18n import ShopError
from shopcrm.services import charts
from shopcrm.services.auth import SYSTEM
from shopcrm.services.demo import DemoOptions
from shopcrm.services.excel import export_month_workbook
from shopcrm.services.reports import monthly_report

TODAY = date(2026, 11, 23)
SUM = re.compile(r"SUM\((?:'((?:[^']|'')+)'!)?([A-Z]+\d+:[A-Z]+\d+)\)")
NUMBER_TEXT = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


@pytest.fixture
def shop(demo_shop, session):
    demo_shop(DemoOptions(members=200, months=14, seed=21, today=TODAY))
    return session


def _sum(wb, sheet: str, ref: str) -> Decimal:
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    total = Decimal(0)
    for row in wb[sheet].iter_rows(
        min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True
    ):
        for value in row:
            if isinstance(value, int | float):
                total += Decimal(str(value))
    return total


def _value(wb, sheet: str, cell: str) -> Decimal:
    """Evaluate a cell: a number, a SUM over a range, or +/- of cells on the same sheet."""
    raw = wb[sheet][cell].value
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    m = SUM.fullmatch(raw[1:])
    if m:
        return _sum(wb, (m.group(1) or sheet).replace("''", "'"), m.group(2))
    total = Decimal(0)
    for sign, ref in re.findall(r"([+-]?)([A-Z]+\d+)", raw[1:]):
        total += -_value(wb, sheet, ref) if sign == "-" else _value(wb, sheet, ref)
    return total


def _row_of(ws, text: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == text:
            return row[0].row
    raise AssertionError(f"{text!r} not on {ws.title}")


def test_workbook_sheets_formats_and_totals(shop, tmp_path):
    path = tmp_path / "month.xlsx"
    seen: list[float] = []
    result = export_month_workbook(
        shop, 2026, 10, path, "zh", progress=lambda f, _m: seen.append(f), actor=SYSTEM
    )
    report = monthly_report(shop, 2026, 10, "zh", actor=SYSTEM)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "汇总", "每日销售", "每日收款", "收付款明细", "流水明细", "储值明细", "次卡", "作废与调整",
        "会员", "回访", "会员分群", "会员等级", "图表", "提成", "会员关怀", "预约",
    ]  # fmt: skip
    ledger = wb["流水明细"]
    assert [c.value for c in ledger[1]][:3] == ["单号", "日期", "时间"]
    assert ledger.freeze_panes == "A2"
    assert ledger.auto_filter.ref == f"A1:L{result.ledger_rows + 1}"
    assert ledger.column_dimensions["F"].width > 10
    assert result.ledger_rows == sum(1 for _ in ledger.iter_rows(min_row=2)) - 2
    first = ledger[2]
    assert isinstance(first[1].value, datetime) and first[1].number_format == "yyyy-mm-dd"
    assert "0.00" in first[11].number_format and isinstance(first[11].value, int | float)
    assert wb["每日销售"].freeze_panes == "A2" and wb["汇总"].freeze_panes == "A3"
    # no number stored as text, anywhere (identifiers such as card numbers are text-formatted)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if (
                    isinstance(value, str)
                    and not value.startswith("=")
                    and cell.number_format != "@"
                ):
                    assert not NUMBER_TEXT.match(value), (ws.title, cell.coordinate, value)
    # every SUM formula's range equals the figure it stands for
    summary = wb["汇总"]
    f, lab = report.figures, report.labels
    expect = {
        "net_revenue": f.net_revenue,
        "list_total": f.list_total,
        "discounts": f.discounts,
        "visits": f.visits,
    }
    for key, figure in expect.items():
        assert _value(wb, "汇总", f"B{_row_of(summary, lab[key])}") == figure, key
    closing_rows = [
        r
        for r in range(1, summary.max_row + 1)
        if str(summary.cell(r, 1).value or "").startswith(lab["closing"])
    ]
    assert _value(wb, "汇总", f"B{closing_rows[0]}") == report.stored_value.closing
    assert _value(wb, "汇总", f"B{closing_rows[1]}") == report.stored_value.closing  # members
    assert _value(wb, "汇总", f"B{closing_rows[2]}") == report.points.closing
    total = _row_of(ledger, "合计")
    assert _value(wb, "流水明细", f"L{total}") == f.net_revenue
    assert _value(wb, "流水明细", f"K{total}") == f.discounts
    daily_total = _row_of(wb["每日销售"], "合计")
    assert _value(wb, "每日销售", f"G{daily_total}") == f.net_revenue
    assert _value(wb, "每日销售", f"C{daily_total}") == f.visits
    # breakdown totals on the summary add up to net revenue
    totals = [r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "合计"]
    # (totals[0] is money in by method: tests/services/test_excel_money.py)
    assert _value(wb, "汇总", f"C{totals[1]}") == f.net_revenue  # by payment
    assert _value(wb, "汇总", f"D{totals[2]}") == f.net_revenue  # by category
    assert _value(wb, "汇总", f"D{totals[3]}") == f.net_revenue  # by staff
    assert _value(wb, "汇总", f"E{totals[4]}") == f.net_revenue  # by service
    with path.open("rb") as fh:
        import zipfile

        names = zipfile.ZipFile(fh).namelist()
    assert sum(1 for n in names if n.startswith("xl/charts/chart")) == 3


def test_cancel_leaves_no_file(shop, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    path = out / "month.xlsx"
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ShopError):
        export_month_workbook(shop, 2026, 10, path, "en", cancel=cancel, actor=SYSTEM)
    assert list(out.iterdir()) == []
    later = threading.Event()

    def progress(fraction: float, _message: str) -> None:
        if fraction >= 0.1:
            later.set()  # cancel once the ledger has started

    with pytest.raises(ShopError):
        export_month_workbook(
            shop, 2026, 10, path, "en", progress=progress, cancel=later, actor=SYSTEM
        )
    assert list(out.iterdir()) == []


def test_charts_are_figures_with_words(shop, caplog):
    figures = charts.month_charts(shop, 2026, 10, "zh", actor=SYSTEM)
    assert set(figures) == {
        "revenue_by_day",
        "visits_weekday_hour",
        "revenue_by_category",
        "new_vs_returning",
        "cohort_retention",
        "segment_sizes",
    }
    for fig in figures.values():
        assert isinstance(fig, Figure) and fig.axes
    assert "净营业额" in figures["revenue_by_day"].axes[0].get_title()
    en = charts.month_charts(shop, 2026, 10, "en", actor=SYSTEM)
    assert "Net revenue" in en["revenue_by_day"].axes[0].get_title()
    charts.cjk_font.cache_clear()
    real = charts.font_manager.fontManager.ttflist
    try:
        charts.font_manager.fontManager.ttflist = []
        with caplog.at_level(logging.WARNING):
            assert charts.cjk_font() is None
        assert "No CJK font" in caplog.text
    finally:
        charts.font_manager.fontManager.ttflist = real
        charts.cjk_font.cache_clear()
