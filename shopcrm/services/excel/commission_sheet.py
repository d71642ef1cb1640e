"""The workbook's Commission sheet (提成), ready for payroll.

Top: one row per staff member (lines, base, commission, a space to sign), each figure a
formula pointing at that person's subtotal below, and a total. Below: each person's
earning lines (date, visit, item, designated or rotation, share, base, rate, commission)
followed by a subtotal row of formulas. Figures come from services.commission, the same as
`shopcrm commission --month` and the Reports screen's Commission tab.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from ...i18n import define, translate
from ..auth import Actor
from ..commission import CommissionReport, Earning, commission_report
from ..reports import MonthlyReport
from ..reports.labels import label
from .cells import DATE, INT, MONEY, PCT, Sheet, set_widths
from .layout import ID, text_cell

COLS = {
    key: define(f"excel.commission.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("staff", "Staff", "员工"),
        ("lines", "Lines", "项目数"),
        ("base", "Base", "提成基数"),
        ("commission", "Commission", "提成"),
        ("signature", "Signature", "签字"),
        ("date", "Date", "日期"),
        ("visit", "Visit", "单号"),
        ("item", "Item", "项目"),
        ("mode", "Designated / rotation", "指定/轮牌"),
        ("share", "Share", "分成"),
        ("rate", "Rate", "比例"),
        ("note", "Note", "备注"),
    )
}
W_DESIGNATED = define("excel.commission.designated", en="designated", zh="指定")
W_ROTATION = define("excel.commission.rotation", en="rotation", zh="轮牌")
W_TOPUP = define("excel.commission.topup", en="Top-up", zh="充值")
W_CARD_SALE = define("excel.commission.card_sale", en="Card sale", zh="售卡")
W_TAKEN_BACK = define("excel.commission.taken_back", en="voided: taken back", zh="已作废，冲回")
W_SUBTOTAL = define("excel.commission.subtotal", en="Total {name}", zh="{name} 合计")
W_FIXED = define("excel.commission.fixed", en="¥{amount} each", zh="每项 ¥{amount}")
W_NONE = define("excel.commission.none", en="No commission this month.", zh="本月没有提成。")

SUMMARY_KEYS = ("staff", "lines", "base", "commission", "signature")
DETAIL_KEYS = (
    "staff",
    "date",
    "visit",
    "item",
    "mode",
    "share",
    "base",
    "rate",
    "commission",
    "note",
)


def _h(keys: tuple[str, ...], lang: str) -> list[str]:
    return [translate(COLS[k], lang) for k in keys]


def _item(e: Earning, lang: str) -> str:
    if e.kind == "topup":
        return translate(W_TOPUP, lang)
    if e.kind == "card_sale":
        return translate(W_CARD_SALE, lang)
    return e.item


def write_commission(
    sheet: Sheet, session: Session, report: MonthlyReport, lang: str, *, actor: Actor
) -> CommissionReport:
    """Write the sheet; returns the figures it shows."""
    rep = commission_report(session, f"{report.year:04d}-{report.month:02d}", actor=actor)
    set_widths(sheet.ws, [14, 11, 9, 22, 12, 8, 12, 10, 12, 16])
    sheet.ws.freeze_panes = "A2"
    lines: dict[int, list[Earning]] = defaultdict(list)
    for e in rep.earnings:
        lines[e.staff_id].append(e)
    people = list(rep.staff)
    n = len(people)
    # rows are known in advance (a write-only sheet cannot go back): summary 1..n+2, a
    # blank, the detail header, then each person's lines and their subtotal row
    first_detail = n + 5
    subtotal: dict[int, int] = {}
    row = first_detail
    for s in people:
        row += len(lines[s.staff_id])
        subtotal[s.staff_id] = row
        row += 1
    sheet.header(_h(SUMMARY_KEYS, lang))
    for s in people:
        r = subtotal[s.staff_id]
        sheet.append([
            text_cell(sheet.ws, s.name),
            sheet.cell(s.lines, INT),
            sheet.cell(f"=G{r}", MONEY),
            sheet.cell(f"=I{r}", MONEY, bold=True),
            None,
        ])  # fmt: skip
    sheet.append([
        sheet.cell(label("total", lang), bold=True),
        sheet.cell(f"=SUM(B2:B{n + 1})", INT, bold=True),
        sheet.cell(f"=SUM(C2:C{n + 1})", MONEY, bold=True),
        sheet.cell(f"=SUM(D2:D{n + 1})", MONEY, bold=True),
        None,
    ])  # fmt: skip
    if not people:
        sheet.append([translate(W_NONE, lang)])
    sheet.blank()
    sheet.header(_h(DETAIL_KEYS, lang))
    designated, rotation, taken_back = (
        translate(w, lang) for w in (W_DESIGNATED, W_ROTATION, W_TAKEN_BACK)
    )
    formats = [None, DATE, ID, None, None, PCT, MONEY, PCT, MONEY, None]
    for s in people:
        start = sheet.row + 1
        sheet.stream(
            (
                (
                    s.name,
                    e.at.date(),
                    e.visit_id or None,
                    _item(e, lang),
                    (designated if e.designated else rotation) if e.kind == "service" else None,
                    e.share,
                    e.base,
                    e.rate
                    if e.rate is not None
                    else translate(W_FIXED, lang, amount=f"{e.fixed or Decimal(0):.2f}"),
                    e.commission,
                    taken_back if e.reversal else None,
                )
                for e in lines[s.staff_id]
            ),
            formats,
        )
        end = sheet.row
        sheet.append(
            [sheet.cell(translate(W_SUBTOTAL, lang, name=s.name), bold=True)]
            + [None] * 5
            + [
                sheet.cell(f"=SUM(G{start}:G{end})", MONEY, bold=True),
                None,
                sheet.cell(f"=SUM(I{start}:I{end})", MONEY, bold=True),
                None,
            ]
        )
    return rep
