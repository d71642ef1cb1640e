"""When a birthday falls: solar and lunar (农历) occurrences, and the names of lunar dates.

Rules (docs/followups.md):

* A solar 29 February falls on 28 February in common years.
* A lunar birthday is the solar day of (lunar year, month, day). When that year's month has
  only 29 days, a birthday on day 30 falls on day 29.
* A birthday in a leap month (闰月) is kept in the leap month when the lunar year has that
  leap month, and falls in the ordinary month of the same number otherwise. A birthday in an
  ordinary month always stays in the ordinary month, even in a year with the leap month.
* Lunar years and solar years do not line up: a 腊月 birthday of lunar year Y falls in
  January or February of solar year Y + 1, so searches look at the neighbouring lunar years.

`birthday_in_year` answers for one year *of the birthday's own calendar* (a solar year for a
solar birthday, a lunar year for a lunar one); `next_birthday` gives the first occurrence on
or after a solar date, whichever calendar the birthday is in.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar, LunarMonth, LunarYear, Solar

SOLAR = "solar"
LUNAR = "lunar"
KINDS = (SOLAR, LUNAR)

_MONTH_NAMES = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_DAY_TENS = ("初", "十", "廿", "三")
_DIGITS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


class InvalidBirthday(ValueError):
    """Month or day outside what the calendar allows (e.g. solar 31 April, lunar day 31)."""


def check_birthday(kind: str, month: int, day: int, leap: bool = False) -> None:
    """Raise InvalidBirthday unless (month, day) can be a birthday in `kind`'s calendar."""
    if kind not in KINDS:
        raise InvalidBirthday(f"unknown birthday kind {kind!r}")
    if not 1 <= month <= 12:
        raise InvalidBirthday(f"month {month} out of range")
    if kind == SOLAR:
        if leap:
            raise InvalidBirthday("a solar birthday has no leap month")
        # 2000 is a leap year, so 29 February is accepted.
        if not 1 <= day <= _stdcal.monthrange(2000, month)[1]:
            raise InvalidBirthday(f"day {day} out of range for month {month}")
    elif not 1 <= day <= 30:
        raise InvalidBirthday(f"lunar day {day} out of range")


def solar_in_year(month: int, day: int, year: int) -> date:
    """The solar birthday in `year` (29 February on 28 February in common years)."""
    if month == 2 and day == 29 and not _stdcal.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


@lru_cache(maxsize=4096)
def lunar_in_year(month: int, day: int, leap: bool, lunar_year: int) -> date:
    """The solar date of a lunar birthday in `lunar_year` (leap month and day 30 rules)."""
    use_leap = leap and LunarYear.fromYear(lunar_year).getLeapMonth() == month
    signed_month = -month if use_leap else month
    days_in_month = LunarMonth.fromYm(lunar_year, signed_month).getDayCount()
    solar = Lunar.fromYmd(lunar_year, signed_month, min(day, days_in_month)).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def birthday_in_year(kind: str, month: int, day: int, leap: bool, year: int) -> date:
    """The birthday in `year` of its own calendar (solar year, or lunar year for lunar)."""
    check_birthday(kind, month, day, leap)
    if kind == SOLAR:
        return solar_in_year(month, day, year)
    return lunar_in_year(month, day, bool(leap), year)


def next_birthday(kind: str, month: int, day: int, leap: bool, on_or_after: date) -> date:
    """The first occurrence of the birthday on or after `on_or_after` (a solar date)."""
    check_birthday(kind, month, day, leap)
    if kind == SOLAR:
        for year in (on_or_after.year, on_or_after.year + 1):
            occurrence = solar_in_year(month, day, year)
            if occurrence >= on_or_after:
                return occurrence
        raise AssertionError("unreachable")  # pragma: no cover
    # Lunar year Y starts between 21 January and 20 February of solar year Y, and its last
    # months run into solar year Y + 1: the candidates are lunar years Y - 1 .. Y + 1.
    candidates = (
        lunar_in_year(month, day, bool(leap), y)
        for y in range(on_or_after.year - 1, on_or_after.year + 2)
    )
    return min(d for d in candidates if d >= on_or_after)


@lru_cache(maxsize=2048)
def lunar_of(day: date) -> tuple[int, int, int, bool]:
    """(lunar year, month, day, is leap month) of a solar date."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    month = lunar.getMonth()
    return lunar.getYear(), abs(month), lunar.getDay(), month < 0


def lunar_birthdays_on(day: date) -> set[tuple[int, int, bool]]:
    """Every lunar birthday (month, day, leap) whose occurrence falls on solar `day`.

    The inverse of `lunar_in_year`, used to find members by an indexable (month, day) key.
    """
    year, month, lday, is_leap = lunar_of(day)
    leap_month = LunarYear.fromYear(year).getLeapMonth()
    signed = -month if is_leap else month
    last_day = LunarMonth.fromYm(year, signed).getDayCount()
    days = [lday, 30] if lday == last_day == 29 else [lday]
    found: set[tuple[int, int, bool]] = set()
    for d in days:
        if is_leap:
            found.add((month, d, True))  # only leap birthdays keep to the leap month
        else:
            found.add((month, d, False))
            if leap_month != month:  # no leap month of that number this year
                found.add((month, d, True))
    return found


def solar_birthdays_on(day: date) -> set[tuple[int, int]]:
    """Every solar birthday (month, day) whose occurrence falls on `day`."""
    found = {(day.month, day.day)}
    if day.month == 2 and day.day == 28 and not _stdcal.isleap(day.year):
        found.add((2, 29))
    return found


def days_between(start: date, end: date) -> list[date]:
    """Every day from `start` to `end`, both included."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def lunar_day_name(day: int) -> str:
    """初一 .. 初十, 十一 .. 二十, 廿一 .. 廿九, 三十."""
    if day == 10:
        return "初十"
    if day == 20:
        return "二十"
    if day == 30:
        return "三十"
    return _DAY_TENS[day // 10] + _DIGITS[day % 10]


def lunar_month_name(month: int, leap: bool = False) -> str:
    """正月, 二月 .. 十月, 冬月, 腊月; a leap month is prefixed 闰 (闰四月)."""
    return ("闰" if leap else "") + _MONTH_NAMES[month - 1] + "月"


def lunar_date_name(month: int, day: int, leap: bool = False) -> str:
    """A lunar month and day as Chinese say it: 八月十五, 闰四月初二, 腊月三十."""
    return lunar_month_name(month, leap) + lunar_day_name(day)
