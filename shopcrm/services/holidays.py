"""Holidays a shop greets its members on (节假日问候), solar and lunar, computed per year.

Solar holidays fall on the same day every year. Lunar ones (春节, 元宵, 七夕, 中秋, 重阳) are
converted to the solar calendar with the lunar library birthdays use (`services.calendar`):
lunar year Y's 正月初一 is in solar year Y, and so are all the lunar holidays listed here.

Each holiday has its name and default greeting in both languages; 妇女节 is only for female
members and 教师节 only for members the owner tagged (default tag 教师). Rules in
docs/care.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..i18n import define, for_language, translate
from . import calendar as cal


@dataclass(frozen=True)
class Holiday:
    key: str
    calendar: str  # cal.SOLAR | cal.LUNAR
    month: int
    day: int
    name_id: str  # catalogue message id of its name
    on_by_default: bool = False
    gender: str = ""  # 'F': women's day, only female members
    segment: str = ""  # default segment of its rule (teachers: tag:教师)


def _h(key: str, kind: str, month: int, day: int, en: str, zh: str, **kw: object) -> Holiday:
    return Holiday(key, kind, month, day, define(f"holiday.{key}", en=en, zh=zh), **kw)  # type: ignore[arg-type]


HOLIDAYS: tuple[Holiday, ...] = (
    _h("new_year", cal.SOLAR, 1, 1, "New Year's Day", "元旦"),
    _h("spring_festival", cal.LUNAR, 1, 1, "Spring Festival", "春节", on_by_default=True),
    _h("lantern", cal.LUNAR, 1, 15, "Lantern Festival", "元宵节"),
    _h("valentines", cal.SOLAR, 2, 14, "Valentine's Day", "情人节"),
    _h("womens_day", cal.SOLAR, 3, 8, "Women's Day", "妇女节", gender="F"),
    _h("qixi", cal.LUNAR, 7, 7, "Qixi Festival", "七夕"),
    _h("teachers_day", cal.SOLAR, 9, 10, "Teachers' Day", "教师节", segment="tag:教师"),
    _h("mid_autumn", cal.LUNAR, 8, 15, "Mid-Autumn Festival", "中秋节", on_by_default=True),
    _h("national_day", cal.SOLAR, 10, 1, "National Day", "国庆节"),
    _h("double_ninth", cal.LUNAR, 9, 9, "Double Ninth Festival", "重阳节"),
    _h("christmas", cal.SOLAR, 12, 25, "Christmas", "圣诞节"),
)
BY_KEY = {h.key: h for h in HOLIDAYS}
HOLIDAY_KEYS = tuple(BY_KEY)

R_HOLIDAY = define(
    "holiday.reason",
    en="{holiday} on {date} ({days} days)",
    zh="{date}是{holiday}（还有{days}天）",
)
R_HOLIDAY_TODAY = define("holiday.reason_today", en="{holiday} today", zh="今天是{holiday}")

# Default greetings, per holiday and language (the rule keeps its own copy once edited).
_GREETINGS: dict[str, dict[str, str]] = {
    "spring_festival": {
        "zh": "{name}您好！{shop}给您拜年啦！祝您新春快乐、万事如意，新的一年我们继续为您服务～",
        "en": "Hi {name}, happy Spring Festival from {shop}! Wishing you a year of health "
        "and luck; we look forward to seeing you in the new year.",
    },
    "mid_autumn": {
        "zh": "{name}您好！{shop}祝您中秋快乐，花好月圆，阖家团圆！",
        "en": "Hi {name}, {shop} wishes you a happy Mid-Autumn Festival: a bright moon and "
        "a happy reunion with your family!",
    },
    "womens_day": {
        "zh": "{name}您好！{shop}祝您女神节快乐，愿您永远美丽自信～",
        "en": "Hi {name}, happy Women's Day from {shop}! Stay beautiful and confident.",
    },
    "teachers_day": {
        "zh": "{name}老师您好！{shop}祝您教师节快乐，您辛苦了！",
        "en": "Dear {name}, happy Teachers' Day from {shop}: thank you for all you do!",
    },
}
_GENERIC = {
    "zh": "{name}您好！{shop}祝您{holiday}快乐！",
    "en": "Hi {name}, happy {holiday} from all of us at {shop}!",
}


def holiday_name(key: str, lang: str | None = None) -> str:
    holiday = BY_KEY.get(key)
    return translate(holiday.name_id, lang) if holiday else key


def greeting_templates(key: str) -> dict[str, str]:
    """The default greeting of holiday `key` in each language ({holiday} filled where generic)."""
    own = _GREETINGS.get(key)
    if own is not None:
        return dict(own)
    return {lang: _GENERIC[lang].replace("{holiday}", holiday_name(key, lang)) for lang in _GENERIC}


def greeting_template(key: str, lang: str) -> str:
    return for_language(greeting_templates(key), lang)


def holiday_in_year(key: str, year: int) -> date:
    """The solar date of holiday `key` in solar year `year`."""
    h = BY_KEY[key]
    if h.calendar == cal.SOLAR:
        return date(year, h.month, h.day)
    return cal.lunar_in_year(h.month, h.day, False, year)


def occurrences(key: str, first: date, last: date) -> list[date]:
    """The days of holiday `key` from `first` to `last`, both included."""
    out = []
    for year in range(first.year, last.year + 1):
        day = holiday_in_year(key, year)
        if first <= day <= last:
            out.append(day)
    return out


def holidays_of_year(year: int) -> list[tuple[str, date]]:
    """Every holiday of solar year `year`, by date."""
    return sorted(((h.key, holiday_in_year(h.key, year)) for h in HOLIDAYS), key=lambda x: x[1])


def reason(key: str, occasion: date, on: date, lang: str) -> str:
    days = (occasion - on).days
    name = holiday_name(key, lang)
    if days <= 0:
        return translate(R_HOLIDAY_TODAY, lang, holiday=name)
    return translate(R_HOLIDAY, lang, holiday=name, date=occasion.isoformat(), days=days)
