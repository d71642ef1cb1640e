"""The workbook's Care sheet (issue 20): the month's campaigns and their outcomes,
complaints opened and resolved with the median time to resolve, and satisfaction (average,
share of low scores, trend, by staff and service). Figures come from the report
(`report.care`, services/care/figures.py), so the sheet equals what the screen shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ...i18n import define, translate
from ..reports.model import MonthlyReport
from .cells import DATE, INT, MONEY, PCT, TITLE, Sheet, set_widths

W = {
    key: define(f"excel.care.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("campaigns", "Campaigns", "营销活动"),
        ("campaign", "Campaign", "活动"),
        ("day", "Day", "日期"),
        ("segment", "Segment", "客群"),
        ("sent", "Sent", "发送"),
        ("reached", "Reached", "已联系"),
        ("visited", "Visited within 30 days", "30天内到店"),
        ("spent", "Spent within 30 days", "30天内消费"),
        ("no_consent", "Left out (no consent)", "未同意接收"),
        ("complaints", "Complaints", "投诉"),
        ("opened", "Opened", "新增投诉"),
        ("resolved", "Resolved", "已解决"),
        ("open_at_end", "Still open at month end", "月末未解决"),
        ("median", "Median hours to resolve", "解决用时中位数（小时）"),
        ("by_staff", "By staff", "按员工"),
        ("by_service", "By service", "按项目"),
        ("count", "Count", "数量"),
        ("satisfaction", "Satisfaction", "满意度"),
        ("scores", "Scores", "评分数"),
        ("average", "Average (1–5)", "平均分（1–5）"),
        ("low_share", "Low scores", "低分占比"),
        ("low", "Low", "低分数"),
        ("month", "Month", "月份"),
        ("name", "Name", "名称"),
        ("none", "None this month.", "本月没有。"),
    )
}


def _w(key: str, lang: str) -> str:
    return translate(W[key], lang)


def write_care(sheet: Sheet, report: MonthlyReport, lang: str) -> None:
    care: dict[str, Any] = report.care or {}
    set_widths(sheet.ws, [22, 12, 16, 10, 10, 14, 14, 12])
    sheet.ws.freeze_panes = "A2"
    sheet.append([sheet.cell(_w("campaigns", lang), font=TITLE)])
    keys = ("campaign", "day", "segment", "sent", "reached", "visited", "spent", "no_consent")
    sheet.header([_w(k, lang) for k in keys])
    campaigns = care.get("campaigns") or []
    for c in campaigns:
        sheet.append(
            [
                c["name"],
                sheet.cell(date.fromisoformat(c["on"]), DATE),
                c["segment"],
                sheet.cell(c["followups"], INT),
                sheet.cell(c["reached"], INT),
                sheet.cell(c["visited_30d"], INT),
                sheet.cell(Decimal(c["spent_30d"]), MONEY),
                sheet.cell(c["no_consent"], INT),
            ]
        )
    if not campaigns:
        sheet.append([_w("none", lang)])
    sheet.blank()

    complaints = care.get("complaints") or {}
    sheet.append([sheet.cell(_w("complaints", lang), font=TITLE)])
    for key, field in (
        ("opened", "opened"),
        ("resolved", "resolved"),
        ("open_at_end", "open_at_month_end"),
        ("median", "median_hours_to_resolve"),
    ):
        value = complaints.get(field)
        sheet.append(
            [
                sheet.cell(_w(key, lang), bold=True),
                sheet.cell(value, INT if key != "median" else "0.0"),
            ]
        )
    for key in ("by_staff", "by_service"):
        groups = complaints.get(key) or {}
        if groups:
            sheet.header([_w(key, lang), _w("opened", lang)])
            for name, n in groups.items():
                sheet.append([name, sheet.cell(n, INT)])
    sheet.blank()

    scores = care.get("satisfaction") or {}
    sheet.append([sheet.cell(_w("satisfaction", lang), font=TITLE)])
    sheet.append([sheet.cell(_w("scores", lang), bold=True), sheet.cell(scores.get("count"), INT)])
    sheet.append(
        [sheet.cell(_w("average", lang), bold=True), sheet.cell(scores.get("average"), "0.00")]
    )
    sheet.append(
        [sheet.cell(_w("low_share", lang), bold=True), sheet.cell(scores.get("low_share"), PCT)]
    )
    sheet.header(
        [_w("month", lang), _w("scores", lang), _w("average", lang), _w("low_share", lang)]
    )
    for m in scores.get("trend") or []:
        sheet.append(
            [
                m["month"],
                sheet.cell(m["count"], INT),
                sheet.cell(m["average"], "0.00"),
                sheet.cell(m["low_share"], PCT),
            ]
        )
    for key in ("by_staff", "by_service"):
        groups = scores.get(key) or []
        if groups:
            sheet.header([_w(key, lang), _w("scores", lang), _w("average", lang), _w("low", lang)])
            for g in groups:
                sheet.append(
                    [
                        g["name"],
                        sheet.cell(g["count"], INT),
                        sheet.cell(g["average"], "0.00"),
                        sheet.cell(g["low"], INT),
                    ]
                )
