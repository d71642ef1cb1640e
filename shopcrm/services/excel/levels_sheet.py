"""The workbook's Levels sheet (issue 16): members by level, discount given on level-priced
lines and upgrades in the month (the report's `levels` figures, frozen with a closed
month), then every level change of the month with its reason in the workbook's language.

Each figure can be checked against the rows: members by level are the active members'
`level_id`; the discount is the sum of `visit_lines.discount` of the month's valid visits
by the level each line was priced at; the changes are the month's `level_changes`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import define, translate
from ...models import LevelChange, Member, MemberLevel, Staff
from ..levels import level_figures
from ..reports import MonthlyReport
from ..reports.labels import label
from .cells import DATE, INT, MONEY, TIME, TITLE, Sheet, fit, set_widths
from .layout import ID, text_cell

WORDS = {
    key: define(f"excel.levels.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("level", "Level", "等级"),
        ("members", "Members now", "当前会员数"),
        ("upgrades", "Upgrades this month", "本月升级"),
        ("downgrades", "Downgrades this month", "本月降级"),
        ("discount", "Discount given", "折扣让利"),
        ("no_level", "No level", "无等级"),
        ("changes", "Level changes this month", "本月等级变动"),
        ("when", "Changed at", "变动时间"),
        ("member_id", "Member ID", "会员号"),
        ("member", "Member", "会员"),
        ("from", "From", "原等级"),
        ("to", "To", "新等级"),
        ("direction", "Change", "变动"),
        ("reason", "Reason", "原因"),
        ("staff", "Staff", "员工"),
        ("visit_id", "Visit ID", "单号"),
        ("up", "up", "升级"),
        ("down", "down", "降级"),
        ("same", "same level", "等级不变"),
        ("none", "None this month.", "本月无。"),
    )
}


def _w(key: str, lang: str) -> str:
    return translate(WORDS[key], lang)


def change_rows(session: Session, report: MonthlyReport, lang: str) -> list[tuple[Any, ...]]:
    """The month's level changes, oldest first: (changed_at, member id, member, from, to,
    direction key "up"/"down"/"same", reason in `lang`, staff, visit id)."""
    levels = {lv.id: (lv.name, lv.rank) for lv in session.scalars(select(MemberLevel))}
    staff = dict(session.execute(select(Staff.id, Staff.name)).all())
    start, end = clock.month_bounds(report.year, report.month)
    rows = session.execute(
        select(LevelChange, Member.name)
        .join(Member, Member.id == LevelChange.member_id)
        .where(LevelChange.changed_at >= start, LevelChange.changed_at < end)
        .order_by(LevelChange.changed_at, LevelChange.id)
    ).all()
    out = []
    for change, name in rows:
        old = levels.get(change.from_level_id, ("", 0)) if change.from_level_id else ("", 0)
        new = levels.get(change.to_level_id, ("", 0)) if change.to_level_id else ("", 0)
        direction = "up" if new[1] > old[1] else "down" if new[1] < old[1] else "same"
        out.append(
            (
                change.changed_at,
                change.member_id,
                name,
                old[0],
                new[0],
                direction,
                translate(change.reason_id, lang, **(change.reason_params or {})),
                staff.get(change.staff_id, "") if change.staff_id else "",
                change.visit_id,
            )
        )
    return out


def write_levels(sheet: Sheet, session: Session, report: MonthlyReport, lang: str) -> int:
    """Write the sheet; returns the number of level changes listed."""
    figures = report.levels or level_figures(session, report.year, report.month)
    changes = change_rows(session, report, lang)
    downs: dict[str, int] = {}
    for row in changes:
        if row[5] == "down" and row[3]:
            downs[row[3]] = downs.get(row[3], 0) + 1
    ws = sheet.ws
    top = [_w(k, lang) for k in ("level", "members", "upgrades", "downgrades", "discount")]
    keys = ("when", "member_id", "member", "from", "to", "direction", "reason", "staff")
    heads = [_w(k, lang) for k in (*keys, "visit_id")]
    set_widths(ws, fit([top, heads], [17, 10, 14, 12, 12, 8, 44, 10, 9]))
    ws.freeze_panes = "A2"
    sheet.header(top)
    for row in figures["by_level"]:
        sheet.append(
            (
                text_cell(ws, row["level"]),
                sheet.cell(row["members"], INT),
                sheet.cell(row["upgrades"], INT),
                sheet.cell(downs.get(row["level"], 0), INT),
                sheet.cell(Decimal(row["discount_given"]), MONEY),
            )
        )
    sheet.append((_w("no_level", lang), sheet.cell(figures["members_without_level"], INT)))
    members_total = sum(r["members"] for r in figures["by_level"])
    sheet.append(
        (
            sheet.cell(label("total", lang), bold=True),
            sheet.cell(members_total + figures["members_without_level"], INT, bold=True),
            sheet.cell(figures["upgrades_total"], INT, bold=True),
            sheet.cell(sum(downs.values()), INT, bold=True),
            sheet.cell(Decimal(figures["discount_given_total"]), MONEY, bold=True),
        )
    )
    sheet.blank()
    sheet.append([sheet.cell(_w("changes", lang), font=TITLE)])
    sheet.header(heads)
    if not changes:
        sheet.append([_w("none", lang)])
    for at, member_id, name, old, new, direction, reason, who, visit_id in changes:
        sheet.append(
            (
                sheet.cell(at, f"{DATE} {TIME}"),
                sheet.cell(member_id, ID),
                text_cell(ws, name),
                text_cell(ws, old),
                text_cell(ws, new),
                _w(direction, lang),
                text_cell(ws, reason),
                text_cell(ws, who),
                sheet.cell(visit_id, ID) if visit_id is not None else None,
            )
        )
    return len(changes)
