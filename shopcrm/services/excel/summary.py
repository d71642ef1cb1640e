"""The small sheets: Summary, Daily sales, Segments and Charts."""

from __future__ import annotations

from typing import Any

from ...i18n import define, translate
from ..analytics import ABC_CLASSES, SEGMENTS, STAGES, Classes, Cohort
from ..reports import MonthlyReport
from ..reports.labels import label
from .cells import DATE, INT, MONEY, PCT, PCT1, TITLE, Book, Sheet, fit, set_widths

WEEKDAY = define("excel.weekday", en="Weekday", zh="星期")
WEEKDAYS = tuple(  # Monday first, as date.weekday() counts; under the "星期" header
    define(f"excel.weekday.{n}", en=en, zh=zh)
    for n, (en, zh) in enumerate(
        zip(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "一二三四五六日", strict=True)
    )
)
COHORT_TITLE = define(
    "excel.cohort.title", en="Cohort retention (by joining month)", zh="会员留存（按入会月份）"
)
COHORT_JOINED = define("excel.cohort.joined", en="Joined", zh="月份")


def q(title: str) -> str:
    """A sheet name quoted for a formula."""
    return "'" + title.replace("'", "''") + "'"


def write_daily(sheet: Sheet, report: MonthlyReport, lang: str) -> int:
    """Daily sales: one row per day and a total row of SUM formulas. Returns the last day row."""
    heads = [
        label("date", lang),
        translate(WEEKDAY, lang),
        label("visits", lang),
        label("distinct_members", lang),
        label("list_total", lang),
        label("discounts", lang),
        label("net_revenue", lang),
    ]
    set_widths(sheet.ws, fit([heads], [10, 6, 8, 8, 14, 12, 14]))
    sheet.ws.freeze_panes = "A2"
    sheet.header(heads)
    names = [translate(msg_id, lang) for msg_id in WEEKDAYS]
    for d in report.daily:
        sheet.append(
            [
                sheet.cell(d.day),
                names[d.day.weekday()],
                sheet.cell(d.visits, INT),
                sheet.cell(d.members, INT),
                sheet.cell(d.list_total),
                sheet.cell(d.discounts),
                sheet.cell(d.net_revenue),
            ]
        )
    last = sheet.row
    sheet.ws.auto_filter.ref = f"A1:G{last}"
    sheet.blank()
    sheet.append(
        [
            sheet.cell(label("total", lang), bold=True),
            None,
            sheet.cell(f"=SUM(C2:C{last})", INT, bold=True),
            None,
            sheet.cell(f"=SUM(E2:E{last})", MONEY, bold=True),
            sheet.cell(f"=SUM(F2:F{last})", MONEY, bold=True),
            sheet.cell(f"=SUM(G2:G{last})", MONEY, bold=True),
        ]
    )
    return last


def _table(
    sheet: Sheet,
    title: str,
    heads: list[str],
    rows: list[list[Any]],
    sum_cols: list[int],
    fmts: list[str | None],
) -> tuple[int, int]:
    """A titled table with a total row of SUMs over `sum_cols` (1-based). Returns the first
    and last data rows."""
    sheet.blank()
    sheet.append([sheet.cell(title, font=TITLE)])
    sheet.header(heads)
    first = sheet.row + 1
    for row in rows:
        sheet.append(
            [
                sheet.cell(v, f) if not isinstance(v, str) else v
                for v, f in zip(row, fmts, strict=True)
            ]
        )
    last = max(sheet.row, first)
    total: list[Any] = [None] * len(heads)
    total[0] = sheet.cell(_TOTAL[0], bold=True)
    for c in sum_cols:
        letter = chr(64 + c)
        total[c - 1] = sheet.cell(f"=SUM({letter}{first}:{letter}{last})", fmts[c - 1], bold=True)
    sheet.append(total)
    return first, last


_TOTAL = ["Total"]


def write_summary(
    sheet: Sheet, report: MonthlyReport, lang: str, refs: dict[str, Any]
) -> dict[str, tuple[int, int]]:
    """The owner's page: figures (totals as formulas over the other sheets), ledgers,
    breakdowns and comparisons. Returns where the breakdown tables are, for the charts."""
    _TOTAL[0] = label("total", lang)
    lab = report.labels
    f = report.figures
    sv, pts = report.stored_value, report.points
    set_widths(sheet.ws, fit([[v] for v in lab.values()], [24, 16, 14, 14, 14, 12]))
    ledger, daily, members = q(refs["ledger"]), q(refs["daily"]), q(refs["members"])
    ll, ld, lm = refs["last_line"], refs["last_day"], refs["last_member"]
    shop = f"{report.shop_name} " if report.shop_name else ""
    sheet.ws.freeze_panes = "A3"  # write-only sheets take this before the first row
    sheet.append([sheet.cell(shop + label("report_title", lang, month=report.title), font=TITLE)])
    sheet.header([lab["figure"], lab["value"]])
    rows: dict[str, int] = {}

    def put(key: str, value: Any, fmt: str | None = None) -> None:
        rows[key] = sheet.append([lab.get(key, key), sheet.cell(value, fmt)])

    put("net_revenue", f"=SUM({ledger}!L2:L{max(ll, 2)})", MONEY)
    put("list_total", f"=SUM({daily}!E2:E{ld})", MONEY)
    put("discounts", f"=SUM({daily}!F2:F{ld})", MONEY)
    put("visits", f"=SUM({daily}!C2:C{ld})", INT)
    put("walk_in_visits", f.walk_in_visits, INT)
    put("voided_visits", f.voided_visits, INT)
    put("distinct_members", f.distinct_members, INT)
    put("returning_members", f.returning_members, INT)
    put("first_time_members", f"=B{rows['distinct_members']}-B{rows['returning_members']}", INT)
    put(
        "returning_rate",
        f"=IF(B{rows['distinct_members']}=0,0,"
        f"ROUND(B{rows['returning_members']}/B{rows['distinct_members']},4))",
        PCT,
    )
    put("new_members", f.new_members, INT)
    put(
        "average_ticket",
        f"=IF(B{rows['visits']}=0,0,ROUND(B{rows['net_revenue']}/B{rows['visits']},2))",
        MONEY,
    )
    sheet.blank()
    sheet.append([sheet.cell(lab["stored_value"], font=TITLE)])
    for key, value in (
        ("opening", sv.opening),
        ("topups", sv.added),
        ("bonus", sv.bonus),
        ("spent", sv.used),
        ("other", sv.other),
    ):
        rows[f"sv_{key}"] = sheet.append([lab[key], sheet.cell(value, MONEY)])
    rows["sv_closing"] = sheet.append(
        [
            sheet.cell(lab["closing"], bold=True),
            sheet.cell(
                f"=B{rows['sv_opening']}+B{rows['sv_topups']}+B{rows['sv_bonus']}"
                f"-B{rows['sv_spent']}+B{rows['sv_other']}",
                MONEY,
                bold=True,
            ),
        ]
    )
    rows["sv_members"] = sheet.append(
        [
            f"{lab['closing']} ({refs['members']})",
            sheet.cell(f"=SUM({members}!I2:I{max(lm, 2)})", MONEY),
        ]
    )
    sheet.blank()
    sheet.append([sheet.cell(lab["points"], font=TITLE)])
    for key, value in (
        ("opening", pts.opening),
        ("points_issued", pts.added),
        ("points_redeemed", pts.used),
        ("other", pts.other),
    ):
        rows[f"pt_{key}"] = sheet.append([lab[key], sheet.cell(value, INT)])
    rows["pt_closing"] = sheet.append(
        [
            sheet.cell(lab["closing"], bold=True),
            sheet.cell(
                f"=B{rows['pt_opening']}+B{rows['pt_points_issued']}"
                f"-B{rows['pt_points_redeemed']}+B{rows['pt_other']}",
                INT,
                bold=True,
            ),
        ]
    )
    sheet.blank()
    put("followups_raised", report.followups.raised, INT)
    put("followups_done", report.followups.done, INT)
    if "money_summary" in refs:  # money in by method, revenue, principal and bonus (money.py)
        refs["money_summary"](sheet)

    where: dict[str, tuple[int, int]] = {}
    where["by_payment"] = _table(
        sheet,
        lab["by_payment"],
        [lab["by_payment"], lab["visits"], lab["amount"]],
        [[b.label, b.count, b.amount] for b in report.by_payment],
        [3],
        [None, INT, MONEY],
    )
    where["by_category"] = _table(
        sheet,
        lab["by_category"],
        [lab["by_category"], lab["count"], lab["discounts"], lab["amount"]],
        [[b.label, b.count, b.discount, b.amount] for b in report.by_category],
        [2, 3, 4],
        [None, INT, MONEY, MONEY],
    )
    where["by_staff"] = _table(
        sheet,
        lab["by_staff"],
        [lab["by_staff"], lab["count"], lab["discounts"], lab["amount"]],
        [[b.label, b.count, b.discount, b.amount] for b in report.by_staff],
        [2, 3, 4],
        [None, INT, MONEY, MONEY],
    )
    where["by_service"] = _table(
        sheet,
        lab["by_service"],
        [lab["by_service"], lab["by_category"], lab["count"], lab["discounts"], lab["amount"]],
        [[b.label, b.category, b.count, b.discount, b.amount] for b in report.by_service],
        [3, 4, 5],
        [None, None, INT, MONEY, MONEY],
    )
    for key, changes in (
        ("vs_previous_month", report.vs_previous_month),
        ("vs_last_year", report.vs_last_year),
    ):
        sheet.blank()
        sheet.append([sheet.cell(lab[key], font=TITLE)])
        sheet.header(
            [lab["figure"], lab["current"], lab["previous"], lab["change"], lab["change_pct"]]
        )
        for ch in changes:
            fmt = (
                PCT
                if ch.key == "returning_rate"
                else MONEY
                if ch.key in ("net_revenue", "discounts", "average_ticket")
                else INT
            )
            sheet.append(
                [
                    lab[ch.key],
                    sheet.cell(ch.current, fmt),
                    sheet.cell(ch.previous, fmt),
                    sheet.cell(ch.delta, fmt),
                    sheet.cell(ch.pct, PCT1) if ch.pct is not None else "-",
                ]
            )
    return where


def write_segments(
    sheet: Sheet,
    report: MonthlyReport,
    classes: Classes,
    cohorts: list[Cohort],
    lang: str,
    segment_names: dict[str, str],
    stage_names: dict[str, str],
) -> None:
    lab = report.labels
    set_widths(sheet.ws, [22, 12] + [9] * 12)
    sheet.ws.freeze_panes = "A2"  # the title row stays in view (and is printed on each page)
    sheet.append([sheet.cell(f"{lab['segments']} · {classes.as_of.isoformat()}", font=TITLE)])
    tables = (
        (lab["abc"], [(k, classes.abc[k]) for k in ABC_CLASSES]),
        (
            lab["segments"],
            [(translate(segment_names[k], lang), classes.segments[k]) for k in SEGMENTS],
        ),
        (lab["stages"], [(translate(stage_names[k], lang), classes.stages[k]) for k in STAGES]),
    )
    for title, rows in tables:
        _table(sheet, title, [title, lab["members"]], [[n, c] for n, c in rows], [2], [None, INT])
    sheet.blank()
    sheet.append([sheet.cell("BG/NBD", font=TITLE)])
    sheet.append([classes.model.message])
    if classes.model.params:
        p = classes.model.params
        for name, value in (("r", p.r), ("alpha", p.alpha), ("a", p.a), ("b", p.b)):
            sheet.append([name, sheet.cell(round(value, 6), "0.000")])
    sheet.blank()
    sheet.append([sheet.cell(translate(COHORT_TITLE, lang), font=TITLE)])
    sheet.header(
        [translate(COHORT_JOINED, lang), lab["members"]] + [f"M+{k}" for k in range(1, 12)]
    )
    for c in cohorts:
        sheet.append(
            [c.month.isoformat()[:7], sheet.cell(c.size, INT)]
            + [sheet.cell(round(r, 4), PCT) for r in c.rates()]
        )


def write_charts(
    sheet: Sheet,
    book: Book,
    report: MonthlyReport,
    lang: str,
    refs: dict[str, Any],
    where: dict[str, tuple[int, int]],
) -> None:
    """Native Excel charts over the Daily sales and Summary tables (sizes in pixels: the
    revenue chart 24 × 9 cm, the category bars 14 × 9 cm, the pie 12 × 9 cm)."""
    lab = report.labels
    daily, summary = refs["daily"], refs["summary"]
    sheet.append([sheet.cell(label("report_title", lang, month=report.title), font=TITLE)])
    last_day = refs["last_day"]  # rows below are 0-based, as xlsxwriter counts them
    bar = book.wb.add_chart({"type": "column"})
    bar.add_series(
        {
            "name": [daily, 0, 6],
            "categories": [daily, 1, 0, last_day - 1, 0],
            "values": [daily, 1, 6, last_day - 1, 6],
        }
    )
    bar.set_title({"name": f"{lab['net_revenue']} · {lab['date']}"})
    # the axes show the cells' own formats (dates, yuan), as openpyxl's linked formats did
    bar.set_x_axis({"num_format": DATE, "num_font": {"rotation": -45}})
    bar.set_y_axis({"name": lab["amount"], "num_format": MONEY})
    bar.set_size({"width": 907, "height": 340})
    sheet.ws.xl.insert_chart("A3", bar)
    first, last = where["by_category"]
    cat = book.wb.add_chart({"type": "bar"})
    cat.add_series(
        {
            "name": [summary, first - 2, 3],
            "categories": [summary, first - 1, 0, last - 1, 0],
            "values": [summary, first - 1, 3, last - 1, 3],
        }
    )
    cat.set_title({"name": lab["by_category"]})
    cat.set_x_axis({"num_format": MONEY})  # a bar chart's x axis is its value axis
    cat.set_y_axis({"num_format": MONEY})
    cat.set_size({"width": 529, "height": 340})
    sheet.ws.xl.insert_chart("A22", cat)
    first, last = where["by_payment"]
    pie = book.wb.add_chart({"type": "pie"})
    pie.add_series(
        {
            "name": [summary, first - 2, 2],
            "categories": [summary, first - 1, 0, last - 1, 0],
            "values": [summary, first - 1, 2, last - 1, 2],
        }
    )
    pie.set_title({"name": lab["by_payment"]})
    pie.set_size({"width": 454, "height": 340})
    sheet.ws.xl.insert_chart("J22", pie)
    sheet.ws.sheet_view.showGridLines = False
