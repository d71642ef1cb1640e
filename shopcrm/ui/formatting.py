"""Display formats: money, numbers and dates in the current language (no business rules)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .. import clock
from ..i18n import current_language

CENT = Decimal("0.01")


def money(amount: Decimal | int | None, *, symbol: str = "¥") -> str:
    """``Decimal('1234.5')`` → ``¥1,234.50``; negatives as ``-¥12.00``; None → empty."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"


def number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def day(value: date | datetime | None, lang: str | None = None) -> str:
    """A date: ``2026年3月5日`` in Chinese, ``5 Mar 2026`` in English."""
    if value is None:
        return ""
    if (lang or current_language()) == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value.strftime('%b')} {value.year}"


def short_day(value: date | datetime | None, lang: str | None = None) -> str:
    """A compact date for tables: ``3月5日`` / ``5 Mar`` this year, full date otherwise."""
    if value is None:
        return ""
    if value.year != clock.today().year:
        return value.strftime("%Y-%m-%d")
    if (lang or current_language()) == "zh":
        return f"{value.month}月{value.day}日"
    return f"{value.day} {value.strftime('%b')}"


def day_time(value: datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return f"{short_day(value, lang)} {value:%H:%M}"


def month(year: int, month_no: int, lang: str | None = None) -> str:
    """``2026年3月`` / ``March 2026``."""
    if (lang or current_language()) == "zh":
        return f"{year}年{month_no}月"
    return date(year, month_no, 1).strftime("%B %Y")
