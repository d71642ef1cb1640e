"""Birthday calendar: solar and lunar occurrences, checked against a second lunar library."""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunardate import LunarDate

from shopcrm.services import calendar as cal


def ld(year: int, month: int, day: int, leap: bool = False) -> date:
    """The independent library's solar date for a lunar date."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return LunarDate(year, month, day, leap).toSolarDate()


def test_mid_autumn_birthday_across_years_matches_lunardate():
    for year in range(2020, 2036):
        assert cal.birthday_in_year("lunar", 8, 15, False, year) == ld(year, 8, 15)
    # seen from the solar calendar: the next one after each new year's day
    assert cal.next_birthday("lunar", 8, 15, False, date(2025, 1, 1)) == date(2025, 10, 6)
    assert cal.next_birthday("lunar", 8, 15, False, date(2025, 10, 7)) == date(2026, 9, 25)


def test_lunar_birthday_in_every_month_matches_lunardate_over_years():
    for year in range(2021, 2031):
        for month in range(1, 13):
            assert cal.birthday_in_year("lunar", month, 1, False, year) == ld(year, month, 1)


def test_lunar_day_30_in_a_29_day_month_falls_on_day_29():
    # 腊月 of lunar year 2024 has 29 days: 腊月三十 is kept on 腊月廿九 (除夕, 28 Jan 2025).
    assert cal.birthday_in_year("lunar", 12, 30, False, 2024) == ld(2024, 12, 29)
    assert cal.birthday_in_year("lunar", 12, 30, False, 2024) == date(2025, 1, 28)
    with pytest.raises(ValueError):
        ld(2024, 12, 30)  # the other library agrees the day does not exist
    # in a year whose 腊月 has 30 days it stays on day 30
    assert cal.birthday_in_year("lunar", 12, 30, False, 2023) == ld(2023, 12, 30)


def test_leap_month_birthday_kept_in_leap_month_when_the_year_has_it():
    # 2023 has 闰二月, 2025 has 闰六月.
    assert cal.birthday_in_year("lunar", 2, 10, True, 2023) == ld(2023, 2, 10, True)
    assert cal.birthday_in_year("lunar", 6, 8, True, 2025) == ld(2025, 6, 8, True)
    assert cal.birthday_in_year("lunar", 6, 8, True, 2025) == date(2025, 8, 1)
    # ... an ordinary-month birthday stays in the ordinary month in those years
    assert cal.birthday_in_year("lunar", 2, 10, False, 2023) == ld(2023, 2, 10)
    assert cal.birthday_in_year("lunar", 6, 8, False, 2025) == ld(2025, 6, 8)
    # ... and without the leap month the leap birthday falls in the ordinary month
    for year in (2024, 2026, 2027):
        assert cal.birthday_in_year("lunar", 2, 10, True, year) == ld(year, 2, 10)
        assert cal.birthday_in_year("lunar", 6, 8, True, year) == ld(year, 6, 8)
    # next occurrence of 闰二月初十 after the 2023 ordinary one is the leap one
    assert cal.next_birthday("lunar", 2, 10, True, ld(2023, 2, 10)) == ld(2023, 2, 10, True)


def test_leap_month_day_30_when_the_leap_month_has_29_days():
    assert cal.birthday_in_year("lunar", 2, 30, True, 2023) == ld(2023, 2, 29, True)


def test_29_february_in_common_and_leap_years():
    assert cal.birthday_in_year("solar", 2, 29, False, 2025) == date(2025, 2, 28)
    assert cal.birthday_in_year("solar", 2, 29, False, 2028) == date(2028, 2, 29)
    assert cal.next_birthday("solar", 2, 29, False, date(2025, 3, 1)) == date(2026, 2, 28)
    assert cal.next_birthday("solar", 2, 29, False, date(2027, 3, 1)) == date(2028, 2, 29)


def test_new_years_day_birthday_seen_from_late_december():
    assert cal.next_birthday("solar", 1, 1, False, date(2026, 12, 29)) == date(2027, 1, 1)
    assert cal.next_birthday("solar", 12, 31, False, date(2026, 12, 29)) == date(2026, 12, 31)


def test_lunar_la_yue_birthday_falls_in_the_next_solar_year():
    # 腊月二十 of lunar year 2025 is in January 2026.
    assert cal.next_birthday("lunar", 12, 20, False, date(2026, 1, 1)) == ld(2025, 12, 20)
    assert ld(2025, 12, 20).year == 2026
    # seen from just after it, the next one is lunar 2026's, in solar 2027
    after = ld(2025, 12, 20) + timedelta(days=1)
    assert cal.next_birthday("lunar", 12, 20, False, after) == ld(2026, 12, 20)
    # 正月初一 seen from late December
    assert cal.next_birthday("lunar", 1, 1, False, date(2026, 12, 20)) == ld(2027, 1, 1)


def test_lunar_names():
    assert cal.lunar_date_name(8, 15) == "八月十五"
    assert cal.lunar_date_name(4, 2, True) == "闰四月初二"
    assert cal.lunar_date_name(12, 30) == "腊月三十"
    assert cal.lunar_date_name(11, 20) == "冬月二十"
    assert cal.lunar_date_name(1, 10) == "正月初十"
    assert cal.lunar_date_name(3, 21) == "三月廿一"


def test_invalid_birthdays_are_refused():
    for args in (
        ("solar", 4, 31, False),
        ("solar", 13, 1, False),
        ("lunar", 1, 31, False),
        ("solar", 1, 1, True),
        ("moon", 1, 1, False),
    ):
        with pytest.raises(cal.InvalidBirthday):
            cal.next_birthday(*args, date(2026, 1, 1))


@st.composite
def birthdays(draw):
    kind = draw(st.sampled_from(["solar", "lunar"]))
    month = draw(st.integers(1, 12))
    if kind == "solar":
        day = draw(st.integers(1, [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]))
        return kind, month, day, False
    return kind, month, draw(st.integers(1, 30)), draw(st.booleans())


@settings(max_examples=60, deadline=None)
@given(bday=birthdays(), on=st.dates(date(2001, 1, 1), date(2095, 12, 31)))
def test_next_birthday_is_a_real_occurrence_on_or_after(bday, on):
    kind, month, day, leap = bday
    occ = cal.next_birthday(kind, month, day, leap, on)
    assert on <= occ < on + timedelta(days=400)
    if kind == "solar":
        expected = (2, 28) if (month, day) == (2, 29) and occ.year % 4 else (month, day)
        assert (occ.month, occ.day) == expected
    else:
        lyear, lmonth, lday, is_leap = cal.lunar_of(occ)
        assert lmonth == month
        assert lday == day or (day == 30 and lday == 29)
        assert ld(lyear, lmonth, lday, is_leap) == occ  # the other library agrees
        if is_leap:
            assert leap
    # the inverse used by the set-based raise finds this birthday on that day
    found = cal.solar_birthdays_on(occ) if kind == "solar" else cal.lunar_birthdays_on(occ)
    assert ((month, day) if kind == "solar" else (month, day, leap)) in found
    # and no earlier day from `on` carries it (it is the first occurrence)
    before = occ - timedelta(days=1)
    if before >= on:
        prev = cal.solar_birthdays_on(before) if kind == "solar" else cal.lunar_birthdays_on(before)
        assert ((month, day) if kind == "solar" else (month, day, leap)) not in prev
