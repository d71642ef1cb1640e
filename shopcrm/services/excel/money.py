"""The accountant's money sheets: Payments, Daily takings, Stored value ledger, Voids and
adjustments.

Payments has one row per money movement of the month (services.money.ledger); Daily
takings is a day × method table whose every cell is a SUMIFS over Payments, so the
accountant can audit each figure against the rows. The Stored value ledger lists every
stored-value entry with its principal and bonus parts and the shop's running balances.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ...i18n import define, translate
from ...models import INTERNAL_METHODS
from ..reports import MonthlyReport
from ..reports.labels import label
from .cells import (
    BOLD,
    DATE,
    MONEY,
    STAMP,
    TIME,
    TITLE,
    Sheet,
    col,
    fit,
    set_widths,
    text_width,
    until_cancelled,
)
from .layout import ID, text_cell
from .money_rows import (
    PAYMENT_KEYS,
    STORED_KEYS,
    method_words,
    opening_parts,
    payment_rows,
    stored_value_rows,
)

COLUMNS = {
    key: define(f"excel.money.col.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("movement_id", "Movement ID", "流水号"),
        ("date", "Date", "日期"),
        ("time", "Time", "时间"),
        ("kind", "Kind", "类型"),
        ("member_id", "Member ID", "会员号"),
        ("member", "Member", "会员"),
        ("method", "Method", "支付方式"),
        ("amount", "Amount", "金额"),
        ("bonus_share", "Bonus share", "其中赠送"),
        ("visit_id", "Visit ID", "单号"),
        ("wallet_entry_id", "Stored-value entry", "储值流水号"),
        ("staff", "Staff", "员工"),
        ("booked_month", "Booked month", "入账月份"),
        ("prior_period", "Prior period", "所属以前期间"),
        ("entry_id", "Entry ID", "储值流水号"),
        ("entry_type", "Entry", "业务"),
        ("principal", "Principal", "本金"),
        ("bonus", "Bonus", "赠送"),
        ("principal_balance", "Principal held", "本金余额"),
        ("bonus_balance", "Bonus held", "赠送余额"),
        ("member_balance", "Member's balance after", "会员余额"),
        ("visited_at", "Visit time", "消费时间"),
        ("voided_at", "Voided at", "作废时间"),
        ("reason", "Reason", "原因"),
        ("voided_by", "Voided by", "作废人"),
        ("adjustment", "Adjustment", "调整"),
        ("revenue_effect", "Revenue effect", "影响营业收入"),
        ("note", "Note", "备注"),
    )
}
W_ADJUSTMENTS = define("excel.money.adjustments", en="Prior-period adjustments", zh="以前期间调整")
W_NONE = define("excel.money.none", en="None this month.", zh="本月无。")
W_CHECK = define(
    "excel.money.check",
    en="Money in (the report's figure)",
    zh="实收款（报表数字）",
)


@dataclass(frozen=True)
class PaymentsRef:
    """Where Payments' columns are, for the SUMIFS of Daily takings and the Summary."""

    title: str
    last: int  # last data row (>= 2)
    date_col: str = "B"
    kind_col: str = "D"
    method_col: str = "G"
    amount_col: str = "H"
    prior_col: str = "N"

    def rng(self, column: str) -> str:
        q = "'" + self.title.replace("'", "''") + "'"
        return f"{q}!${column}$2:${column}${self.last}"


def heads(keys: tuple[str, ...], lang: str) -> list[str]:
    return [translate(COLUMNS[k], lang) for k in keys]


def write_payments(
    sheet: Sheet,
    session: Session,
    report: MonthlyReport,
    lang: str,
    cancel: threading.Event | None = None,
) -> int:
    """One row per money movement booked in the month; returns the last data row."""
    names = heads(PAYMENT_KEYS, lang)
    set_widths(sheet.ws, fit([names], [9, 10, 15, 12, 8, 12, 10, 11, 9, 8, 9, 9, 8, 9]))
    sheet.ws.freeze_panes = "A2"
    sheet.header(names)
    sheet.stream(
        until_cancelled(payment_rows(session, report.title, lang), cancel),
        [ID, DATE, STAMP, None, ID, None, None, MONEY, MONEY, ID, ID, None, None, None],
    )
    last = max(sheet.row, 2)
    sheet.ws.auto_filter.ref = f"A1:N{last}"
    return last


def real_methods(session: Session, report: MonthlyReport, lang: str) -> list[tuple[str, str]]:
    """(code, name) of the money methods with movements in the month, largest first."""
    words = method_words(session, lang)
    found = [m.method for m in report.money_in.by_method] if report.money_in else []
    return [(code, words.get(code, code)) for code in found if code not in INTERNAL_METHODS]


def write_daily_takings(
    sheet: Sheet, session: Session, report: MonthlyReport, lang: str, pay: PaymentsRef
) -> int:
    """Day × method: each cell a SUMIFS over Payments (date and method), totals as SUMs.
    Returns the row of the totals."""
    methods = real_methods(session, report, lang)
    n = len(methods)
    total_col = col(n + 2)
    set_widths(sheet.ws, [11] + [max(12, text_width(name)) for _c, name in methods] + [13])
    sheet.ws.freeze_panes = "B2"
    sheet.header([label("date", lang)] + [name for _c, name in methods] + [label("total", lang)])
    dates, names, amounts = pay.rng(pay.date_col), pay.rng(pay.method_col), pay.rng(pay.amount_col)
    first = sheet.row + 1
    for ordinal in range(report.start.toordinal(), report.end.toordinal()):
        r = sheet.row + 1
        cells = [sheet.cell(date.fromordinal(ordinal), DATE)]
        for i in range(n):
            c = col(i + 2)
            cells.append(sheet.cell(f"=SUMIFS({amounts},{dates},$A{r},{names},{c}$1)", MONEY))
        cells.append(sheet.cell(f"=SUM(B{r}:{col(n + 1)}{r})" if n else 0, MONEY, bold=True))
        sheet.append(cells)
    last = sheet.row
    sheet.ws.auto_filter.ref = f"A1:{total_col}{last}"
    totals = [sheet.cell(label("total", lang), bold=True)]
    for i in range(n + 1):
        c = col(i + 2)
        totals.append(sheet.cell(f"=SUM({c}{first}:{c}{last})", MONEY, bold=True))
    row = sheet.append(totals)
    if report.money_in is not None:
        sheet.append(
            [sheet.cell(translate(W_CHECK, lang), font=BOLD)]
            + [None] * n
            + [sheet.cell(report.money_in.total, MONEY)]
        )
    return row


def write_stored_value(
    sheet: Sheet,
    session: Session,
    report: MonthlyReport,
    lang: str,
    cancel: threading.Event | None = None,
) -> tuple[int, int]:
    """Every stored-value entry of the month, opening and closing rows; returns (first
    entry row, closing row)."""
    names = heads(STORED_KEYS, lang)
    edges = [[label("opening", lang)], [label("closing", lang)]]  # the first and last rows
    set_widths(sheet.ws, fit([names, *edges], [9, 10, 15, 8, 12, 9, 10, 8, 11, 11, 11, 12, 12, 12]))
    sheet.ws.freeze_panes = "A2"
    sheet.header(names)
    opening = opening_parts(session, report.start)
    sheet.append(
        [sheet.cell(label("opening", lang), bold=True), sheet.cell(report.start, DATE)]
        + [None] * 9
        + [sheet.cell(opening[0], MONEY, bold=True), sheet.cell(opening[1], MONEY, bold=True)]
    )
    first = sheet.row + 1
    rows = stored_value_rows(session, report.start, report.end, lang, opening)
    sheet.stream(
        until_cancelled(rows, cancel),
        [ID, DATE, STAMP, ID, None, None, None, ID, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY],
    )
    last = sheet.row
    sheet.ws.auto_filter.ref = f"A1:N{last}"
    o, c = first - 1, last + 1  # the opening and closing rows
    span = (first, max(last, first))
    sheet.append(
        [sheet.cell(label("closing", lang), bold=True), sheet.cell(report.end, DATE)]
        + [None] * 6
        + [
            sheet.cell(f"=SUM(I{span[0]}:I{span[1]})", MONEY, bold=True),
            sheet.cell(f"=SUM(J{span[0]}:J{span[1]})", MONEY, bold=True),
            sheet.cell(f"=SUM(K{span[0]}:K{span[1]})", MONEY, bold=True),
            sheet.cell(f"=L{o}+J{c}", MONEY, bold=True),
            sheet.cell(f"=M{o}+K{c}", MONEY, bold=True),
            sheet.cell(f"=L{c}+M{c}", MONEY, bold=True),
        ]
    )
    return first, c


def write_voids_adjustments(
    sheet: Sheet, session: Session, report: MonthlyReport, lang: str
) -> None:
    """Each visit voided in the month (amount, methods, reason, who, when), then each
    prior-period adjustment booked in it with the month it adjusts."""
    words = method_words(session, lang)
    void_heads = heads(
        ("visit_id", "visited_at", "voided_at", "method", "amount", "voided_by", "reason"), lang
    )
    adjust_heads = heads(
        ("movement_id", "date", "time", "adjustment", "prior_period", "method", "note",
         "amount", "revenue_effect", "visit_id", "wallet_entry_id"), lang
    )  # fmt: skip
    set_widths(sheet.ws, fit([void_heads, adjust_heads], [9, 15, 15, 24, 11, 18, 24, 12, 12]))
    sheet.ws.freeze_panes = "A2"
    ws = sheet.ws
    sheet.header(void_heads)
    for v in report.voids:
        methods = " + ".join(f"{words.get(m, m)} {a:.2f}" for m, a in v.payments.items())
        sheet.append(
            (
                sheet.cell(v.visit_id, ID),
                sheet.cell(v.visited_at, f"{DATE} {TIME}"),
                sheet.cell(v.voided_at, f"{DATE} {TIME}") if v.voided_at else None,
                text_cell(ws, methods),
                sheet.cell(v.amount, MONEY),
                text_cell(ws, v.voided_by),
                text_cell(ws, v.reason),
            )
        )
    if not report.voids:
        sheet.append([translate(W_NONE, lang)])
    sheet.ws.auto_filter.ref = f"A1:G{max(sheet.row, 2)}"
    sheet.blank()
    sheet.append([sheet.cell(translate(W_ADJUSTMENTS, lang), font=TITLE)])
    sheet.header(adjust_heads)
    first = sheet.row + 1
    for a in report.adjustments:
        sheet.append(
            (
                sheet.cell(a.id, ID),
                sheet.cell(a.booked_on, DATE),
                sheet.cell(a.occurred_at, f"{DATE} {TIME}"),
                a.label,
                a.prior_period,
                text_cell(ws, words.get(a.method, a.method)),
                text_cell(ws, a.note),
                sheet.cell(a.amount, MONEY),
                sheet.cell(a.revenue, MONEY),
                sheet.cell(a.visit_id, ID) if a.visit_id is not None else None,
                sheet.cell(a.wallet_entry_id, ID) if a.wallet_entry_id is not None else None,
            )
        )
    if report.adjustments:
        last = sheet.row
        sheet.append(
            [sheet.cell(label("total", lang), bold=True)]
            + [None] * 6
            + [
                sheet.cell(f"=SUM(H{first}:H{last})", MONEY, bold=True),
                sheet.cell(f"=SUM(I{first}:I{last})", MONEY, bold=True),
            ]
        )
    else:
        sheet.append([translate(W_NONE, lang)])


__all__ = [
    "PaymentsRef",
    "write_daily_takings",
    "write_payments",
    "write_stored_value",
    "write_voids_adjustments",
]
