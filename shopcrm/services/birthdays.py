"""Birthdays as shops write them: solar or lunar, with or without a year.

`parse_birthday` reads the forms found in real member lists (``1990-05-01``, ``1990/5/1``,
``5月1日``, ``1990年5月1日``, ``农历八月十五``, ``阴历腊月初八``, ``农历闰四月初二``, ``May 1``,
Excel date serials and date cells) and refuses impossible dates with a message a person
understands (``2月30日`` → "February has no 30th"). `format_birthday` writes one back in
either language, in a form `parse_birthday` reads again (export → import round-trips).

The year of a lunar birthday is the lunar year (农历1990年腊月 falls in January 1991).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .. import clock
from ..i18n import ShopError, Word, define, translate

SOLAR = "solar"
LUNAR = "lunar"
MIN_YEAR = 1900

E_BAD_FORMAT = define(
    "birthdays.bad_format",
    en="“{text}” is not a birthday this program can read (try 1990-05-01, 5月1日 or 农历八月十五)",
    zh="无法识别生日“{text}”（可写作 1990-05-01、5月1日 或 农历八月十五）",
)
E_BAD_MONTH = define("birthdays.bad_month", en="There is no month {month}", zh="没有 {month} 月")
E_NO_SUCH_DAY = define("birthdays.no_such_day", en="{month} has no {day}", zh="{month}没有{day}")
E_NOT_LEAP_YEAR = define(
    "birthdays.not_leap_year", en="{year} had no 29 February", zh="{year}年没有2月29日"
)
E_BAD_YEAR = define(
    "birthdays.bad_year", en="Birth year {year} is not plausible", zh="出生年份 {year} 不合理"
)
E_LUNAR_DAY = define(
    "birthdays.lunar_day",
    en="A lunar month has days 1 to 30, not {day}",
    zh="农历日期只能是初一到三十，不能是 {day}",
)
E_LUNAR_NO_LEAP = define(
    "birthdays.lunar_no_leap",
    en="Lunar year {year} had no leap month {month}",
    zh="农历{year}年没有闰{month}月",
)
E_LUNAR_SHORT = define(
    "birthdays.lunar_short",
    en="Lunar month {month} of {year} had only 29 days",
    zh="农历{year}年{month}月只有29天",
)
M_LUNAR = define("birthdays.lunar_word", en="lunar", zh="农历")

MONTHS_EN = [
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
]
_MONTH_ABBR = {m[:3].lower(): i for i, m in enumerate(MONTHS_EN, start=1)}
_MONTH_ABBR["sept"] = 9
_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_LUNAR_MONTH_NAMES = {"正": 1, "元": 1, "冬": 11, "腊": 12, "臘": 12}
_LUNAR_MONTH_TEXT = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]
_LUNAR_DAY_TEXT = (
    ["初" + c for c in "一二三四五六七八九十"]
    + ["十" + c for c in "一二三四五六七八九"]
    + ["二十"]
    + ["廿" + c for c in "一二三四五六七八九"]
    + ["三十"]
)


@dataclass(frozen=True)
class Birthday:
    kind: str  # SOLAR | LUNAR
    month: int
    day: int
    year: int | None = None
    leap: bool = False  # lunar only: born in the leap (闰) month


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def validate_birthday(b: Birthday, today: date | None = None) -> Birthday:
    """Return `b` when it is a possible birthday; raise ShopError saying why not."""
    today = today or clock.today()
    if b.year is not None and not (MIN_YEAR <= b.year <= today.year):
        raise ShopError(E_BAD_YEAR, year=b.year)
    if not 1 <= b.month <= 12:
        raise ShopError(E_BAD_MONTH, month=b.month)
    if b.kind == LUNAR:
        return _validate_lunar(b)
    if b.kind != SOLAR:
        raise ShopError(E_BAD_FORMAT, text=str(b))
    if not 1 <= b.day <= _MONTH_DAYS[b.month - 1]:
        raise ShopError(
            E_NO_SUCH_DAY,
            month=Word(_MONTH_NAME[b.month - 1]),
            day=Word(_DAY_ORDINAL[b.day - 1]),
        )
    if b.month == 2 and b.day == 29 and b.year is not None and not _is_leap_year(b.year):
        raise ShopError(E_NOT_LEAP_YEAR, year=b.year)
    if b.leap:
        return Birthday(SOLAR, b.month, b.day, b.year, False)
    return b


def _validate_lunar(b: Birthday) -> Birthday:
    if not 1 <= b.day <= 30:
        raise ShopError(E_LUNAR_DAY, day=b.day)
    if b.year is None:
        return b
    from lunar_python import LunarMonth, LunarYear

    if b.leap and LunarYear.fromYear(b.year).getLeapMonth() != b.month:
        raise ShopError(E_LUNAR_NO_LEAP, year=b.year, month=b.month)
    month = LunarMonth.fromYm(b.year, -b.month if b.leap else b.month)
    if month is not None and b.day > month.getDayCount():
        raise ShopError(E_LUNAR_SHORT, year=b.year, month=b.month)
    return b


# ---------------------------------------------------------------- parsing

_ISO = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_YMD8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MD_CN = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
_MD_NUM = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})$")
_DMY_NUM = re.compile(r"^(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})$")
_EN_MD = re.compile(r"^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*,?\s*(\d{4}))?$")
_EN_DM = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?:\s*,?\s*(\d{4}))?$")
_LUNAR_PREFIX = re.compile(r"^(农历|阴历|陰曆|農曆|旧历|舊曆|lunar)\s*", re.IGNORECASE)
_YEAR_CN = re.compile(r"^(\d{4})\s*年\s*")
_LUNAR_EN = re.compile(r"^(leap\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*,?\s*(\d{4}))?$")
_YEAR_LUNAR = re.compile(r"^(\d{4})\s*年\s*(农历|阴历)\s*")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")


def _excel_serial(value: float) -> date | None:
    from openpyxl.utils.datetime import from_excel

    try:
        result = from_excel(value)
    except (ValueError, OverflowError, TypeError):
        return None
    return result.date() if isinstance(result, datetime) else result


def _from_date(d: date, today: date) -> Birthday:
    return validate_birthday(Birthday(SOLAR, d.month, d.day, d.year), today)


def parse_birthday(value: object, today: date | None = None) -> Birthday | None:
    """A Birthday from a cell or typed text; None for blank; ShopError when unreadable."""
    today = today or clock.today()
    if value is None:
        return None
    if isinstance(value, Birthday):
        return validate_birthday(value, today)
    if isinstance(value, datetime):
        return _from_date(value.date(), today)
    if isinstance(value, date):
        return _from_date(value, today)
    if isinstance(value, bool):
        raise ShopError(E_BAD_FORMAT, text=str(value))
    if isinstance(value, int | float | Decimal):
        return _parse_number(value, today)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    year_first = _YEAR_LUNAR.match(text)  # 1990年农历八月十五
    if year_first:
        text = f"{year_first[2]}{year_first[1]}年{text[year_first.end() :]}"
    lunar = _LUNAR_PREFIX.match(text)
    if lunar:
        return _parse_lunar(text[lunar.end() :].strip(), text, today)
    return _parse_solar(text.lower(), text, today)


def _parse_number(value: int | float | Decimal, today: date) -> Birthday:
    text = str(value)
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise ShopError(E_BAD_FORMAT, text=text) from None
    if not number.is_finite():
        raise ShopError(E_BAD_FORMAT, text=text)
    whole = int(number)
    if number == whole and 19000101 <= whole <= 99991231:
        return _parse_solar(str(whole), text, today)
    if 1 <= number < 100000:
        day = _excel_serial(float(number))
        if day is not None:
            return _from_date(day, today)
    raise ShopError(E_BAD_FORMAT, text=text)


def _solar(month: int, day: int, year: int | None, today: date) -> Birthday:
    return validate_birthday(Birthday(SOLAR, month, day, year), today)


def _parse_solar(text: str, original: str, today: date) -> Birthday:
    for pattern in (_ISO, _YMD8):
        m = pattern.match(text)
        if m:
            return _solar(int(m[2]), int(m[3]), int(m[1]), today)
    m = _MD_CN.match(text) or _MD_NUM.match(text)
    if m:
        return _solar(int(m[1]), int(m[2]), None, today)
    m = _DMY_NUM.match(text)  # 1/5/1990 is read month first, as Excel in China writes it
    if m:
        return _solar(int(m[1]), int(m[2]), int(m[3]), today)
    m = _EN_MD.match(text)
    if m and m[1][:3] in _MONTH_ABBR:
        return _solar(_MONTH_ABBR[m[1][:3]], int(m[2]), int(m[3]) if m[3] else None, today)
    m = _EN_DM.match(text)
    if m and m[2][:3] in _MONTH_ABBR:
        return _solar(_MONTH_ABBR[m[2][:3]], int(m[1]), int(m[3]) if m[3] else None, today)
    if _SERIAL.match(text):
        day = _excel_serial(float(text))
        if day is not None:
            return _from_date(day, today)
    raise ShopError(E_BAD_FORMAT, text=original)


def _cn_number(text: str) -> int | None:
    """Chinese numerals up to 39 (十五, 廿一, 三十) or plain digits."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


_LUNAR_CN = re.compile(r"^(闰|閏)?\s*([^月]{1,3})\s*月\s*(.{1,3}?)\s*[日号]?$")


def _parse_lunar(text: str, original: str, today: date) -> Birthday:
    year: int | None = None
    m = _YEAR_CN.match(text)
    if m:
        year, text = int(m[1]), text[m.end() :]
    en = _LUNAR_EN.match(text.lower())
    if en:
        y = int(en[4]) if en[4] else year
        return validate_birthday(Birthday(LUNAR, int(en[2]), int(en[3]), y, bool(en[1])), today)
    m = _LUNAR_CN.match(text)
    if not m:
        raise ShopError(E_BAD_FORMAT, text=original)
    month_text, day_text = m[2], m[3]
    month = _LUNAR_MONTH_NAMES.get(month_text) or _cn_number(month_text)
    day = _cn_number(day_text[1:]) if day_text.startswith("初") else _cn_number(day_text)
    if month is None or day is None:
        raise ShopError(E_BAD_FORMAT, text=original)
    return validate_birthday(Birthday(LUNAR, month, day, year, bool(m[1])), today)


# ---------------------------------------------------------------- formatting


# How a birthday reads in each language: catalogue messages over the month and day names
# below (the Chinese lunar names are the data here, not a language branch).
_SOLAR = define("birthdays.solar", en="{day} {month}", zh="{month}{day}日")
_SOLAR_YEAR = define("birthdays.solar_year", en="{day} {month} {year}", zh="{year}年{month}{day}日")
_LUNAR = define("birthdays.lunar", en="lunar {month}/{day}", zh="农历{month}{day}")
_LUNAR_YEAR = define(
    "birthdays.lunar_year", en="lunar {month}/{day}, {year}", zh="农历{year}年{month}{day}"
)
_LEAP = define("birthdays.leap_month", en="leap {month}", zh="闰{month}")
_MONTH_NAME = tuple(
    define(f"birthdays.month.{n}", en=name, zh=f"{n}月")
    for n, name in enumerate(MONTHS_EN, start=1)
)
_DAY_ORDINAL = tuple(
    define(f"birthdays.day_ordinal.{n}", en=_ordinal(n), zh=f"{n}日") for n in range(1, 32)
)
_LUNAR_MONTH_NAME = tuple(
    define(f"birthdays.lunar_month.{n}", en=str(n), zh=f"{name}月")
    for n, name in enumerate(_LUNAR_MONTH_TEXT, start=1)
)
_LUNAR_DAY_NAME = tuple(
    define(f"birthdays.lunar_day.{n}", en=str(n), zh=name)
    for n, name in enumerate(_LUNAR_DAY_TEXT, start=1)
)


def format_month_day(month: int, day: int, lang: str | None = None, year: int | None = None) -> str:
    """A calendar day as the language writes it: "5月1日" / "1 May" (with the year if given)."""
    month_name = translate(_MONTH_NAME[month - 1], lang)
    if year:
        return translate(_SOLAR_YEAR, lang, day=day, month=month_name, year=year)
    return translate(_SOLAR, lang, day=day, month=month_name)


def format_birthday(b: Birthday | None, lang: str | None = None, *, with_year: bool = True) -> str:
    """ "农历八月十五" / "lunar 8/15", "5月1日" / "1 May" (with the year when known).

    `lang` None: the current language.
    """
    if b is None:
        return ""
    year = b.year if with_year else None
    if b.kind == LUNAR:
        month = translate(_LUNAR_MONTH_NAME[b.month - 1], lang)
        if b.leap:
            month = translate(_LEAP, lang, month=month)
        day = translate(_LUNAR_DAY_NAME[b.day - 1], lang)
        if year:
            return translate(_LUNAR_YEAR, lang, month=month, day=day, year=year)
        return translate(_LUNAR, lang, month=month, day=day)
    return format_month_day(b.month, b.day, lang, year)


def birthday_from_columns(
    kind: str | None, year: int | None, month: int | None, day: int | None, leap: bool | None
) -> Birthday | None:
    """The Birthday stored on a member row, or None."""
    if kind not in (SOLAR, LUNAR) or not month or not day:
        return None
    return Birthday(kind, month, day, year, bool(leap) and kind == LUNAR)


def birthday_columns(b: Birthday | None) -> dict[str, object]:
    """The member columns for `b` (all None/False for no birthday)."""
    if b is None:
        return {
            "birthday_kind": None,
            "birth_year": None,
            "birth_month": None,
            "birth_day": None,
            "birth_leap": False,
        }
    return {
        "birthday_kind": b.kind,
        "birth_year": b.year,
        "birth_month": b.month,
        "birth_day": b.day,
        "birth_leap": b.leap,
    }
