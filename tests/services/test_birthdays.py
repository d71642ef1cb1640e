"""Birthday parsing, validation and formatting."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.i18n import ShopError
from shopcrm.services.birthdays import (
    LUNAR,
    SOLAR,
    Birthday,
    format_birthday,
    parse_birthday,
)

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-05-01", Birthday(SOLAR, 5, 1, 1990)),
        ("1990/5/1", Birthday(SOLAR, 5, 1, 1990)),
        ("1990.05.01", Birthday(SOLAR, 5, 1, 1990)),
        ("19900501", Birthday(SOLAR, 5, 1, 1990)),
        ("5月1日", Birthday(SOLAR, 5, 1)),
        ("5月1号", Birthday(SOLAR, 5, 1)),
        ("1990年5月1日", Birthday(SOLAR, 5, 1, 1990)),
        ("May 1", Birthday(SOLAR, 5, 1)),
        ("1 May 1990", Birthday(SOLAR, 5, 1, 1990)),
        ("Sept 3rd, 1988", Birthday(SOLAR, 9, 3, 1988)),
        ("农历八月十五", Birthday(LUNAR, 8, 15)),
        ("阴历腊月初八", Birthday(LUNAR, 12, 8)),
        ("农历闰四月初二", Birthday(LUNAR, 4, 2, leap=True)),
        ("农历正月初一", Birthday(LUNAR, 1, 1)),
        ("农历冬月廿九", Birthday(LUNAR, 11, 29)),
        ("农历十二月三十", Birthday(LUNAR, 12, 30)),
        ("1990年农历八月十五", Birthday(LUNAR, 8, 15, 1990)),
        ("农历2020年闰四月初二", Birthday(LUNAR, 4, 2, 2020, leap=True)),
        ("lunar 8/15", Birthday(LUNAR, 8, 15)),
        ("2000-02-29", Birthday(SOLAR, 2, 29, 2000)),
        ("2月29日", Birthday(SOLAR, 2, 29)),
        (32874, Birthday(SOLAR, 1, 1, 1990)),  # Excel serial
        (32874.0, Birthday(SOLAR, 1, 1, 1990)),
        ("32874", Birthday(SOLAR, 1, 1, 1990)),
        (19900501, Birthday(SOLAR, 5, 1, 1990)),
        (datetime(1990, 5, 1, 0, 0), Birthday(SOLAR, 5, 1, 1990)),
        (date(1990, 5, 1), Birthday(SOLAR, 5, 1, 1990)),
    ],
)
def test_parses_the_forms_shops_write(text, expected):
    assert parse_birthday(text, TODAY) == expected


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_is_no_birthday(blank):
    assert parse_birthday(blank, TODAY) is None


@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        ("2月30日", "February has no 30th", "2月没有30日"),
        ("1990-04-31", "April has no 31st", "4月没有31日"),
        ("1991-02-29", "1991 had no 29 February", "1991年没有2月29日"),
        ("13月1日", "There is no month 13", "没有 13 月"),
        ("农历2021年闰四月初二", "Lunar year 2021 had no leap month 4", "农历2021年没有闰4月"),
        ("农历1990年八月三十", "Lunar month 8 of 1990 had only 29 days", "农历1990年8月只有29天"),
        (
            "lunar 8/31",
            "A lunar month has days 1 to 30, not 31",
            "农历日期只能是初一到三十，不能是 31",
        ),
        ("1850-01-01", "Birth year 1850 is not plausible", "出生年份 1850 不合理"),
        ("next tuesday", "is not a birthday", "无法识别生日"),
    ],
)
def test_impossible_dates_say_why_in_both_languages(text, en, zh):
    with pytest.raises(ShopError) as info:
        parse_birthday(text, TODAY)
    assert en in info.value.message("en")
    assert zh in info.value.message("zh")


@pytest.mark.parametrize(
    ("b", "zh", "en"),
    [
        (Birthday(LUNAR, 8, 15), "农历八月十五", "lunar 8/15"),
        (Birthday(LUNAR, 12, 8), "农历腊月初八", "lunar 12/8"),
        (Birthday(LUNAR, 4, 2, 2020, True), "农历2020年闰四月初二", "lunar leap 4/2, 2020"),
        (Birthday(SOLAR, 5, 1), "5月1日", "1 May"),
        (Birthday(SOLAR, 5, 1, 1990), "1990年5月1日", "1 May 1990"),
    ],
)
def test_format_in_both_languages(b, zh, en):
    assert format_birthday(b, "zh") == zh
    assert format_birthday(b, "en") == en
    assert format_birthday(b, "zh", with_year=False) == zh.replace("2020年", "").replace(
        "1990年", ""
    )


def test_leap_flag_is_dropped_for_solar():
    assert parse_birthday(Birthday(SOLAR, 5, 1, None, True), TODAY) == Birthday(SOLAR, 5, 1)


@st.composite
def birthdays(draw):
    kind = draw(st.sampled_from([SOLAR, LUNAR]))
    year = draw(st.none() | st.integers(1920, 2024))
    month = draw(st.integers(1, 12))
    if kind == SOLAR:
        day = draw(st.integers(1, 28))
        return Birthday(SOLAR, month, day, year)
    return Birthday(LUNAR, month, draw(st.integers(1, 29)), year)


@settings(max_examples=80, deadline=None)
@given(birthdays(), st.sampled_from(["zh", "en"]))
def test_format_then_parse_round_trips(b, lang):
    assert parse_birthday(format_birthday(b, lang), TODAY) == b


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(max_size=30), st.integers(), st.floats(), st.dates(), st.booleans(), st.none()
    )
)
def test_any_input_parses_or_raises_shop_error(value):
    try:
        result = parse_birthday(value, TODAY)
    except ShopError:
        return
    assert result is None or isinstance(result, Birthday)
