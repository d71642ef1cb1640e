"""The one date rule every screen, message, workbook title and CLI line follows.

* this year: ``11月7日`` / ``7 Nov``;
* another year: ``2025年6月10日`` / ``10 Jun 2025``;
* relative where it helps: ``今天`` / ``today``, ``明天``, ``3天前`` / ``3 days ago``,
  ``3天后`` / ``in 3 days`` (`relative_day`).

"This year" is the year of `today` (the shop's clock unless given), so a list made on
31 December does not change its dates' shape at midnight in a test.
"""

from __future__ import annotations

from datetime import date, datetime

from .. import clock
from ..i18n import define, translate

DAY = define("format.day", en="{day} {month} {year}", zh="{year}年{month}{day}日")
SHORT_DAY = define("format.short_day", en="{day} {month}", zh="{month}{day}日")
MONTH = define("format.month", en="{month} {year}", zh="{year}年{month}")
MONTH_ABBR = tuple(
    define(f"format.month_abbr.{n}", en=name, zh=f"{n}月")
    for n, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1,
    )
)
TODAY = define("dates.today", en="today", zh="今天")
TOMORROW = define("dates.tomorrow", en="tomorrow", zh="明天")
YESTERDAY = define("dates.yesterday", en="yesterday", zh="昨天")
DAYS_AGO = define("dates.days_ago", en="{days:|day} ago", zh="{days}天前")
IN_DAYS = define("dates.in_days", en="in {days:|day}", zh="{days}天后")


def full_day(value: date | datetime, lang: str | None = None) -> str:
    """Always with the year: ``2026年3月5日`` / ``5 Mar 2026``."""
    abbr = translate(MONTH_ABBR[value.month - 1], lang)
    return translate(DAY, lang, day=value.day, month=abbr, year=value.year)


def day_text(
    value: date | datetime | None, lang: str | None = None, today: date | None = None
) -> str:
    """The day by the rule: without the year in the current year, with it otherwise."""
    if value is None:
        return ""
    if value.year != (today or clock.today()).year:
        return full_day(value, lang)
    abbr = translate(MONTH_ABBR[value.month - 1], lang)
    return translate(SHORT_DAY, lang, day=value.day, month=abbr)


def relative_day(value: date, lang: str | None = None, today: date | None = None) -> str:
    """``今天`` / ``明天`` / ``昨天`` / ``3天后`` / ``3天前`` (days from `today`)."""
    days = (value - (today or clock.today())).days
    if days == 0:
        return translate(TODAY, lang)
    if days == 1:
        return translate(TOMORROW, lang)
    if days == -1:
        return translate(YESTERDAY, lang)
    if days > 0:
        return translate(IN_DAYS, lang, days=days)
    return translate(DAYS_AGO, lang, days=-days)


# A date picker always shows the year (any day can be picked), in the rule's own shape:
# 2026年11月7日 / 7 Nov 2026. These are Qt display formats (plain strings: no Qt here);
# the picker's locale gives the month's and the weekday's names.
PICKER = define("format.picker", en="d MMM yyyy", zh="yyyy年M月d日")
PICKER_WEEKDAY = define("format.picker_weekday", en="ddd d MMM yyyy", zh="yyyy年M月d日 ddd")
PICKER_TIME = define("format.picker_time", en="d MMM yyyy HH:mm", zh="yyyy年M月d日 HH:mm")


def picker_format(lang: str | None = None, *, weekday: bool = False, time: bool = False) -> str:
    """The display format of a date (or date-and-time) picker in `lang`."""
    msg = PICKER_TIME if time else PICKER_WEEKDAY if weekday else PICKER
    return translate(msg, lang)
