"""The month's workbook for the accountant, written by xlsxwriter in its constant-memory
mode (why: excel/cells.py).

Sheets: Summary, Daily sales, Daily takings, Payments, Ledger, Stored value ledger, Cards
(excel/cards.py), Voids and adjustments, Members, Follow-ups, Segments, Levels, Charts. Every
sheet prints landscape, one page wide, header repeated (layout.py). The big sheets stream
rows fetched in chunks; the file is written to a temporary name beside the target and
renamed at the end, so a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import ShopError, current_language, define, translate
from ..analytics import (
    SEGMENT_NAMES,
    STAGE_NAMES,
    SegmentCounts,
    class_overview,
    cohort_retention,
)
from ..auth import Actor, require_owner
from ..reports import MonthlyReport, month_bounds, monthly_report
from ..reports.labels import label
from .bookings_sheet import write_bookings_sheet
from .cards import write_cards
from .care_sheet import write_care
from .cells import DATE, INT, MONEY, PCT, Book, set_widths, text_width
from .commission_sheet import write_commission
from .layout import ID, prepare_print
from .levels_sheet import write_levels
from .money import (
    PaymentsRef,
    write_daily_takings,
    write_payments,
    write_stored_value,
    write_voids_adjustments,
)
from .money_rows import method_words
from .money_summary import write_money_summary
from .rows import (
    FOLLOWUP_KEYS,
    LEDGER_KEYS,
    MEMBER_KEYS,
    count_lines,
    followup_rows,
    ledger_rows,
    member_rows,
)
from .summary import write_charts, write_daily, write_segments, write_summary

Progress = Callable[[float, str], None]
E_CANCELLED = define(
    "excel.cancelled", en="Export cancelled; no file was written.", zh="导出已取消，未生成文件。"
)
SHEETS = {
    key: define(f"excel.sheet.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("summary", "Summary", "汇总"),
        ("daily", "Daily sales", "每日销售"),
        ("takings", "Daily takings", "每日收款"),
        ("payments", "Payments", "收付款明细"),
        ("ledger", "Ledger", "流水明细"),
        ("stored", "Stored value ledger", "储值明细"),
        ("cards", "Cards", "次卡"),
        ("voids", "Voids and adjustments", "作废与调整"),
        ("members", "Members", "会员"),
        ("followups", "Follow-ups", "回访"),
        ("segments", "Segments", "会员分群"),
        ("levels", "Levels", "会员等级"),
        ("charts", "Charts", "图表"),
        ("commission", "Commission", "提成"),
        ("care", "Care", "会员关怀"),
        ("bookings", "Bookings", "预约"),
    )
}
COLUMNS = {
    key: define(f"excel.col.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("visit_id", "Visit ID", "单号"),
        ("date", "Date", "日期"),
        ("time", "Time", "时间"),
        ("member_id", "Member ID", "会员号"),
        ("member", "Member", "会员"),
        ("service", "Service", "服务项目"),
        ("category", "Category", "类别"),
        ("staff", "Staff", "员工"),
        ("quantity", "Quantity", "数量"),
        ("list_price", "List price", "单价"),
        ("discount", "Discount", "折扣"),
        ("amount", "Amount", "金额"),
        ("payment", "Payment", "支付方式"),
        ("name", "Name", "姓名"),
        ("phone", "Phone", "手机号"),
        ("card_no", "Card no.", "卡号"),
        ("level", "Level", "等级"),
        ("join_date", "Joined", "入会日期"),
        ("month_visits", "Visits this month", "本月到店"),
        ("month_spend", "Spend this month", "本月消费"),
        ("stored_value", "Stored value at month end", "月末储值余额"),
        ("points", "Points at month end", "月末积分"),
        ("abc", "ABC", "ABC"),
        ("segment", "RFM segment", "RFM 分群"),
        ("stage", "Lifecycle", "生命周期"),
        ("followup_id", "Follow-up ID", "回访号"),
        ("kind", "Kind", "类型"),
        ("rule", "Rule", "规则"),
        ("occasion", "Occasion", "事由日期"),
        ("due", "Due", "到期"),
        ("status", "Status", "状态"),
        ("created", "Raised", "生成日期"),
        ("closed", "Closed", "关闭日期"),
        ("outcome", "Last outcome", "最近结果"),
        ("channel", "Channel", "方式"),
    )
}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    ledger_rows: int
    member_rows: int
    followup_rows: int


class _Cancelled(Exception):
    pass


def sheet_title(key: str, lang: str) -> str:
    return translate(SHEETS[key], lang)


def _columns(keys: tuple[str, ...], lang: str) -> list[str]:
    return [translate(COLUMNS[k], lang) for k in keys]


def export_month_workbook(
    session: Session,
    year: int,
    month: int,
    path: str | os.PathLike[str],
    lang: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    actor: Actor,
    report: MonthlyReport | None = None,
) -> ExportResult:
    """Write the month's workbook to `path` (owner only); progress(fraction, message);
    setting `cancel` stops the export and leaves no file. `report`: the month's report if
    the caller already has it (it is not computed again)."""
    require_owner(actor, "export")
    lang = lang or current_language()
    report_fn = progress or (lambda _f, _m: None)
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(
        prefix=".shopcrm-", suffix=".xlsx.part", dir=target.parent if str(target.parent) else "."
    )
    os.close(fd)
    try:
        result = _write(
            session, year, month, Path(tmp_name), lang, report_fn, cancel, report, actor
        )
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        os.replace(tmp_name, target)
    except _Cancelled:
        Path(tmp_name).unlink(missing_ok=True)
        raise ShopError(E_CANCELLED) from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    report_fn(1.0, "done")
    return ExportResult(target, *result)


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise _Cancelled


def _write(
    session: Session,
    year: int,
    month: int,
    tmp: Path,
    lang: str,
    report_fn: Progress,
    cancel: threading.Event | None,
    report: MonthlyReport | None,
    actor: Actor,
) -> tuple[int, int, int]:
    report_fn(0.0, "figures")
    start, end = month_bounds(year, month)
    as_of = date.fromordinal(end.toordinal() - 1)
    # the classes first: the report's segment counts then come from the same reading of
    # the visits (analytics.cache), and the workbook needs no per-member reasons
    classes, by_member = class_overview(session, as_of, lang, with_comeback=True)
    _check(cancel)
    if report is None:
        report = monthly_report(session, year, month, lang, actor=actor)
    elif (report.year, report.month, report.lang) != (year, month, lang):
        raise ValueError(f"report {report.title} ({report.lang}) given for {year}-{month} ({lang})")
    elif report.segments is None:
        counts = SegmentCounts(abc=classes.abc, segments=classes.segments, stages=classes.stages)
        report = replace(report, segments=counts)
    cohorts = cohort_retention(session, as_of, 12)
    _check(cancel)
    report_fn(0.1, "ledger")
    book = Book(str(tmp))
    try:
        return _sheets(
            book, session, report, classes, by_member, cohorts, lang, report_fn, cancel, actor
        )
    except BaseException:
        book.abandon()
        raise


def _sheets(
    book: Book,
    session: Session,
    report: MonthlyReport,
    classes: Any,
    by_member: Any,
    cohorts: Any,
    lang: str,
    report_fn: Progress,
    cancel: threading.Event | None,
    actor: Actor,
) -> tuple[int, int, int]:
    """Every sheet, in order, then the file written."""
    sheets = {key: book.sheet(sheet_title(key, lang)) for key in SHEETS}
    for key, sheet in sheets.items():
        rows = {"summary": "1:2", "charts": None}.get(key, "1:1")
        tall = 1 if key == "segments" else 0  # a bounded sheet: one page, not 1 + 5 lines
        prepare_print(sheet.ws, report.shop_name, report.title, lang, rows, tall)
    total_lines = count_lines(session, report.start, report.end)

    ledger = sheets["ledger"]
    set_widths(ledger.ws, [10, 10, 6, 9, 10, 24, 10, 10, 8, 12, 12, 12])
    ledger.ws.freeze_panes = "A2"
    ledger.header(_columns(LEDGER_KEYS, lang))

    def ledger_tick(n: int) -> None:
        _check(cancel)
        report_fn(0.1 + 0.5 * n / max(total_lines, 1), f"ledger {n}/{total_lines}")

    ledger.stream(
        ledger_rows(session, report.start, report.end, lang),
        [ID, DATE, None, ID, None, None, None, None, INT, None, None, None],
        tick=ledger_tick,
    )
    last_line = ledger.row
    ledger.ws.auto_filter.ref = f"A1:L{max(last_line, 2)}"
    ledger.blank()
    ledger.append(
        [ledger.cell(label("total", lang), bold=True)]
        + [None] * 7
        + [
            ledger.cell(f"=SUM(I2:I{last_line})", INT, bold=True),
            None,
            ledger.cell(f"=SUM(K2:K{last_line})", MONEY, bold=True),
            ledger.cell(f"=SUM(L2:L{last_line})", MONEY, bold=True),
        ]
    )
    _check(cancel)

    report_fn(0.6, "payments")
    last_payment = write_payments(sheets["payments"], session, report, lang, cancel)
    _check(cancel)
    pay = PaymentsRef(sheet_title("payments", lang), last_payment)
    write_daily_takings(sheets["takings"], session, report, lang, pay)
    report_fn(0.66, "stored value")
    _first, stored_closing = write_stored_value(sheets["stored"], session, report, lang, cancel)
    write_voids_adjustments(sheets["voids"], session, report, lang)
    write_cards(sheets["cards"], session, report, lang)
    _check(cancel)

    report_fn(0.72, "members")
    members = sheets["members"]
    set_widths(members.ws, [9, 10, 15, 10, 8, 11, 10, 12, 14, 12, 5, 12, 8])
    members.ws.freeze_panes = "A2"
    members.header(_columns(MEMBER_KEYS, lang))
    members.stream(
        member_rows(session, report.start, report.end, by_member),
        [ID, None, "@", "@", None, DATE, INT, None, None, INT, None, None, None],
        tick=lambda _n: _check(cancel),
    )
    last_member = members.row
    members.ws.auto_filter.ref = f"A1:M{max(last_member, 2)}"

    report_fn(0.85, "follow-ups")
    followups = sheets["followups"]
    set_widths(followups.ws, [10, 10, 10, 16, 11, 11, 10, 11, 11, 12, 10, 10])
    followups.ws.freeze_panes = "A2"
    followups.header(_columns(FOLLOWUP_KEYS, lang))
    followups.stream(followup_rows(session, report.start, report.end, lang), [None] * 12)
    followups.ws.auto_filter.ref = f"A1:L{max(followups.row, 2)}"
    _check(cancel)

    report_fn(0.9, "summary")
    refs = {
        "ledger": sheet_title("ledger", lang),
        "last_line": last_line,
        "members": sheet_title("members", lang),
        "last_member": last_member,
        "daily": sheet_title("daily", lang),
        "summary": sheet_title("summary", lang),
        "money_summary": lambda sheet: write_money_summary(
            sheet,
            report,
            lang,
            pay,
            method_words(session, lang),
            (sheet_title("stored", lang), stored_closing),
        ),
    }
    daily_rows = write_daily(sheets["daily"], report, lang)
    refs["last_day"] = daily_rows
    positions = write_summary(sheets["summary"], report, lang, refs)
    write_segments(
        sheets["segments"],
        report,
        classes,
        cohorts,
        lang,
        {k: SEGMENT_NAMES[k] for k in SEGMENT_NAMES},
        {k: STAGE_NAMES[k] for k in STAGE_NAMES},
    )
    write_levels(sheets["levels"], session, report, lang)
    write_charts(sheets["charts"], book, report, lang, refs, positions)
    write_commission(sheets["commission"], session, report, lang, actor=actor)
    write_care(sheets["care"], report, lang)
    write_bookings_sheet(sheets["bookings"], session, report, lang)  # excel/bookings_sheet.py
    _check(cancel)
    report_fn(0.95, "saving")
    book.close()
    return last_line - 1, last_member - 1, followups.row - 1


__all__ = ["E_CANCELLED", "ExportResult", "PCT", "export_month_workbook", "text_width"]
