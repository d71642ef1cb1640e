"""Issue 25 in the window: keys in sight (sidebar Ctrl+1…7, Switch user Ctrl+L), date pickers
by the one date rule in both languages, and the idle counter's takings and today's list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import INTERNAL_METHODS, MoneyMovement
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.ui import formatting as fmt
from shopcrm.ui.main_window import MainWindow
from shopcrm.ui.widgets.nav_keys import KEYS_ROLE

TODAY = date(2026, 11, 23)


@pytest.fixture
def window(ctx, qtbot):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_sidebar_and_switch_user_show_their_keys(window, languages):
    keys = [window.nav.item(n).data(KEYS_ROLE) for n in range(window.nav.count())]
    assert keys == [f"Ctrl+{n + 1}" for n in range(window.nav.count())]
    assert window.session.switch_button.text().endswith("Ctrl+L")
    languages.apply("zh")
    assert window.nav.item(0).text() == "前台" and window.nav.item(0).data(KEYS_ROLE) == "Ctrl+1"
    assert window.session.switch_button.text() == "切换用户  Ctrl+L"


def test_date_pickers_follow_the_date_rule(window, languages):
    followups = window.screen("followups")
    followups.day_edit.setDate(QDate(2026, 3, 5))
    assert followups.day_edit.text() == "5 Mar 2026"
    languages.apply("zh")
    assert followups.day_edit.text() == "2026年3月5日"
    bookings = window.screen("bookings")
    bookings.day_edit.setDate(QDate(2026, 3, 5))
    assert bookings.day_edit.text() == "2026年3月5日 周四"
    languages.apply("en")
    assert bookings.day_edit.text() == "Thu 5 Mar 2026"
    assert "-" not in followups.snooze_edit.text()


@pytest.mark.usefixtures("frozen_clock")
def test_idle_counter_shows_takings_and_todays_list(engine, ctx, languages, qtbot):
    create_demo_shop(engine, DemoOptions(members=40, months=2, seed=7, today=TODAY))
    with session_scope(engine) as s:
        moved = s.execute(
            select(MoneyMovement.method, MoneyMovement.amount, MoneyMovement.booked_on)
        ).all()
    taken = sum(
        (m.amount for m in moved if m.booked_on == TODAY and m.method not in INTERNAL_METHODS),
        Decimal("0"),
    )
    assert taken > 0
    languages.apply("zh")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    box = win.screen("counter").today_box
    assert box.isVisible()
    assert box.takings_title.text() == "今日收款"
    assert fmt.money(taken) in box.takings_body.text()
    assert "今日到店" in box.list_body.text() and "待到店预约" in box.list_body.text()
    languages.apply("en")
    assert box.takings_title.text() == "Taken today"
    assert "Visits so far" in box.list_body.text()
