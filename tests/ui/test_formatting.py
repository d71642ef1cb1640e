from datetime import date, datetime
from decimal import Decimal

from shopcrm import clock
from shopcrm.ui import formatting as fmt


def test_money():
    assert fmt.money(Decimal("1234.5")) == "¥1,234.50"
    assert fmt.money(Decimal("-12")) == "-¥12.00"
    assert fmt.money(Decimal("0.005")) == "¥0.01"
    assert fmt.money(None) == ""
    assert fmt.money(1234567) == "¥1,234,567.00"


def test_dates_follow_the_language():
    d = date(2025, 3, 5)
    assert fmt.day(d, "zh") == "2025年3月5日"
    assert fmt.day(d, "en") == "5 Mar 2025"
    assert fmt.month(2025, 3, "zh") == "2025年3月"
    assert fmt.short_day(datetime(2024, 1, 2, 9, 30), "zh") == "2024年1月2日"  # the one date rule
    today = clock.today()
    assert fmt.short_day(today, "zh") == f"{today.month}月{today.day}日"
    assert fmt.day_time(datetime(today.year, 3, 5, 9, 7), "en") == "5 Mar 09:07"
