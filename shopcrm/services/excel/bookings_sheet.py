"""The workbook's Bookings sheet: the month's rates, then one row per staff member."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ...i18n import define, translate
from ..bookings.figures import month_bookings
from ..bookings.texts import STATE_NAMES
from .cells import INT, PCT, TITLE, Sheet, fit, set_widths

_WORDS = {
    key: define(f"bookings.sheet.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("title", "Bookings", "预约"),
        ("bookings", "Bookings", "预约数"),
        ("no_show_rate", "No-show rate", "爽约率"),
        ("cancellation_rate", "Cancellation rate", "取消率"),
        ("rebooking_rate", "Rebooked within a day of the visit", "到店后一天内再预约"),
        ("staff", "Staff", "员工"),
        ("done", "Done", "已完成"),
        ("no_shows", "No-shows", "爽约"),
        ("hours", "Hours booked", "预约时长（小时）"),
        ("utilisation", "Utilisation", "利用率"),
    )
}


def write_bookings_sheet(sheet: Sheet, session: Session, report: Any, lang: str) -> None:
    """`report` is the month's MonthlyReport (its year and month are used)."""
    figures = month_bookings(session, report.year, report.month)
    word = {k: translate(v, lang) for k, v in _WORDS.items()}
    heads = [word["staff"], word["bookings"], word["done"], word["no_shows"], word["hours"],
             word["utilisation"]]  # fmt: skip
    set_widths(sheet.ws, fit([heads], [16, 10, 10, 10, 12, 12]))
    sheet.ws.freeze_panes = "A2"
    sheet.append([sheet.cell(word["title"], font=TITLE)])
    sheet.append([word["bookings"], sheet.cell(figures.bookings, INT)])
    for state, count in figures.by_state.items():
        sheet.append([translate(STATE_NAMES[state], lang), sheet.cell(count, INT)])
    for key in ("no_show_rate", "cancellation_rate", "rebooking_rate"):
        sheet.append([word[key], sheet.cell(float(getattr(figures, key)), PCT)])
    sheet.blank()
    sheet.header(heads)
    for s in figures.staff:
        sheet.append(
            [
                s.staff,
                sheet.cell(s.bookings, INT),
                sheet.cell(s.done, INT),
                sheet.cell(s.no_shows, INT),
                sheet.cell(round(s.booked_minutes / 60, 2), "0.00"),
                sheet.cell(float(s.utilisation), PCT),
            ]
        )
