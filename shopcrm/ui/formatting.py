"""Display formats: money, numbers and dates in the current language (no business rules)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .. import clock
from ..i18n import define, translate
from ..services.amounts import amount_text

CENT = Decimal("0.01")

# Dates as each language writes them: catalogue patterns over month names.
_DAY = define("format.day", en="{day} {month} {year}", zh="{year}年{month}{day}日")
_SHORT_DAY = define("format.short_day", en="{day} {month}", zh="{month}{day}日")
_MONTH = define("format.month", en="{month} {year}", zh="{year}年{month}")
_MONTH_ABBR = tuple(
    define(f"format.month_abbr.{n}", en=name, zh=f"{n}月")
    for n, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1,
    )
)
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
    """A date: ``2026年3月5日`` in Chinese, ``5 Mar 2026`` in English."""
    if value is None:
        return ""
    abbr = translate(_MONTH_ABBR[value.month - 1], lang)
    return translate(_DAY, lang, day=value.day, month=abbr, year=value.year)


def short_day(value: date | datetime | None, lang: str | None = None) -> str:
    """A compact date for tables: ``3月5日`` / ``5 Mar`` this year, full date otherwise."""
    if value is None:
        return ""
    if value.year != clock.today().year:
        return value.strftime("%Y-%m-%d")
    abbr = translate(_MONTH_ABBR[value.month - 1], lang)
    return translate(_SHORT_DAY, lang, day=value.day, month=abbr)


def day_time(value: datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return f"{short_day(value, lang)} {value:%H:%M}"


def month(year: int, month_no: int, lang: str | None = None) -> str:
    """``2026年3月`` / ``March 2026``."""
    return translate(_MONTH, lang, month=translate(_MONTH_NAME[month_no - 1], lang), year=year)
