"""The Summary's money tables: money in by method (SUMIFS over Payments), revenue with the
bonus used apart, principal and bonus rolled forward, prior-period adjustments.

Each formula's result equals the figure of the report (`report --json`): money in by
method is the sum of Payments' rows of that method; an adjustment line is the sum of the
Payments rows labelled "prior-period adjustment (YYYY-MM)".
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ...i18n import define, translate
from ..reports import MonthlyReport
from ..reports.labels import label
from .cells import INT, MONEY, TITLE, Sheet
from .money import PaymentsRef

WORDS = {
    key: define(f"excel.money.summary.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("money_in", "Money in by payment method", "实收款（按支付方式）"),
        ("method", "Payment method", "支付方式"),
        ("movements", "Movements", "笔数"),
        ("revenue", "Revenue", "营业收入"),
        ("paid", "Paid for visits (money)", "消费实收（现金类）"),
        ("principal_used", "Stored value used: principal share", "储值消费：本金部分"),
        ("revenue_total", "Revenue (paid + principal share)", "营业收入（实收 + 本金部分）"),
        (
            "bonus_used",
            "Stored value used: bonus share (not revenue)",
            "储值消费：赠送部分（不计收入）",
        ),
        ("points_used", "Paid with points", "积分抵扣"),
        ("roll", "Stored value: principal and bonus", "储值：本金与赠送"),
        ("added", "Added (top-ups)", "增加（充值）"),
        ("used", "Used on visits", "消费使用"),
        ("refunded", "Refunded", "退款"),
        ("other", "Corrections and other", "更正及其他"),
        ("closing_ledger", "Closing (Stored value ledger)", "期末余额（储值明细）"),
        ("adjustments", "Prior-period adjustments", "以前期间调整"),
        ("money", "Money", "金额"),
        ("revenue_effect", "Revenue effect", "影响营业收入"),
        ("none", "None this month.", "本月无。"),
    )
}


def write_money_summary(
    sheet: Sheet,
    report: MonthlyReport,
    lang: str,
    pay: PaymentsRef,
    names: dict[str, str],
    stored_closing: tuple[str, int] | None = None,
) -> dict[str, int]:
    """The money tables, appended to the Summary. `names`: method code -> the words the
    Payments sheet uses; `stored_closing`: (sheet title, row) of the Stored value ledger's
    closing row. Returns the rows of the totals (for tests and charts)."""
    w = {k: translate(v, lang) for k, v in WORDS.items()}
    rows: dict[str, int] = {}
    amounts, methods, kinds = (
        pay.rng(pay.amount_col), pay.rng(pay.method_col), pay.rng(pay.kind_col)
    )  # fmt: skip
    sheet.blank()
    sheet.append([sheet.cell(w["money_in"], font=TITLE)])
    sheet.header([w["method"], w["movements"], label("amount", lang)])
    first = sheet.row + 1
    for m in report.money_in.by_method if report.money_in else []:
        r = sheet.row + 1
        sheet.append(
            [
                names.get(m.method, m.method),
                sheet.cell(f"=COUNTIFS({methods},A{r})", INT),
                sheet.cell(f"=SUMIFS({amounts},{methods},A{r})", MONEY),
            ]
        )
    last = max(sheet.row, first)
    rows["money_in"] = sheet.append(
        [
            sheet.cell(label("total", lang), bold=True),
            sheet.cell(f"=SUM(B{first}:B{last})", INT, bold=True),
            sheet.cell(f"=SUM(C{first}:C{last})", MONEY, bold=True),
        ]
    )

    rev = report.revenue
    if rev is not None:
        sheet.blank()
        sheet.append([sheet.cell(w["revenue"], font=TITLE)])
        p = sheet.append([w["paid"], sheet.cell(rev.paid, MONEY)])
        s = sheet.append([w["principal_used"], sheet.cell(rev.stored_value_principal, MONEY)])
        rows["revenue"] = sheet.append(
            [sheet.cell(w["revenue_total"], bold=True), sheet.cell(f"=B{p}+B{s}", MONEY, bold=True)]
        )
        rows["bonus_used"] = sheet.append([w["bonus_used"], sheet.cell(rev.bonus_used, MONEY)])
        sheet.append([w["points_used"], sheet.cell(rev.points_used, MONEY)])

    parts = report.stored_value.parts or {}
    principal, bonus = parts.get("principal"), parts.get("bonus")
    if principal is not None and bonus is not None:
        sheet.blank()
        sheet.append([sheet.cell(w["roll"], font=TITLE)])
        sheet.header(
            [label("figure", lang), label("principal", lang), label("bonus_part", lang),
             label("total", lang)]
        )  # fmt: skip
        at: dict[str, int] = {}
        for key, text in (
            ("opening", label("opening", lang)),
            ("added", w["added"]),
            ("used", w["used"]),
            ("refunded", w["refunded"]),
            ("other", w["other"]),
        ):
            r = sheet.row + 1
            at[key] = sheet.append(
                [
                    text,
                    sheet.cell(getattr(principal, key), MONEY),
                    sheet.cell(getattr(bonus, key), MONEY),
                    sheet.cell(f"=B{r}+C{r}", MONEY),
                ]
            )
        r = sheet.row + 1
        rows["sv_parts_closing"] = sheet.append(
            [sheet.cell(label("closing", lang), bold=True)]
            + [
                sheet.cell(
                    f"={c}{at['opening']}+{c}{at['added']}-{c}{at['used']}"
                    f"-{c}{at['refunded']}+{c}{at['other']}",
                    MONEY,
                    bold=True,
                )
                for c in "BC"
            ]
            + [sheet.cell(f"=B{r}+C{r}", MONEY, bold=True)]
        )
        if stored_closing is not None:
            title, row = stored_closing
            q = "'" + title.replace("'", "''") + "'"
            rows["sv_ledger_closing"] = sheet.append(
                [
                    w["closing_ledger"],
                    sheet.cell(f"={q}!L{row}", MONEY),
                    sheet.cell(f"={q}!M{row}", MONEY),
                    sheet.cell(f"={q}!N{row}", MONEY),
                ]
            )

    sheet.blank()
    sheet.append([sheet.cell(w["adjustments"], font=TITLE)])
    sheet.header([label("adjustments", lang), w["money"], w["revenue_effect"]])
    effect: dict[str, Decimal] = defaultdict(Decimal)
    words: dict[str, str] = {}
    for a in report.adjustments:
        effect[a.prior_period] += a.revenue
        words[a.prior_period] = a.label
    for period in sorted(effect):
        r = sheet.row + 1
        sheet.append(
            [
                words[period],  # "prior-period adjustment (2026-10)", as on Payments
                sheet.cell(f"=SUMIFS({amounts},{kinds},A{r})", MONEY),
                sheet.cell(effect[period], MONEY),
            ]
        )
    if not effect:
        sheet.append([w["none"]])
    return rows
