"""Display formats: money, numbers and dates in the current language (no business rules)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import define, translate
from ..services import dates
from ..services.amounts import amount_text

CENT = Decimal("0.01")

# Dates as each language writes them: catalogue patterns over month names (the one rule
# lives in services/dates.py).
_DAY, _SHORT_DAY, _MONTH, _MONTH_ABBR = dates.DAY, dates.SHORT_DAY, dates.MONTH, dates.MONTH_ABBR
_MONTH_NAME = tuple(
    define(f"format.month_name.{n}", en=name, zh=f"{n}月")
    for n, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
)


def money(amount: Decimal | int | None, *, symbol: str = "¥") -> str:
    """``Decimal('1234.5')`` → ``¥1,234.50``; negatives as ``-¥12.00``; None → empty."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{amount_text(abs(value))}"


def number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def day(value: date | datetime | None, lang: str | None = None) -> str:
    """A date by the one rule: ``3月5日`` / ``5 Mar`` this year, ``2025年3月5日`` /
    ``5 Mar 2025`` another year (services/dates.py)."""
    return dates.day_text(value, lang)


def short_day(value: date | datetime | None, lang: str | None = None) -> str:
    """The same rule (kept for the tables that call it)."""
    return dates.day_text(value, lang)


def full_day(value: date | datetime | None, lang: str | None = None) -> str:
    """Always with the year (a month picker's own day, a backup's time)."""
    return "" if value is None else dates.full_day(value, lang)


def day_time(value: datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return f"{short_day(value, lang)} {value:%H:%M}"


def month(year: int, month_no: int, lang: str | None = None) -> str:
    """``2026年3月`` / ``March 2026``."""
    return translate(_MONTH, lang, month=translate(_MONTH_NAME[month_no - 1], lang), year=year)
