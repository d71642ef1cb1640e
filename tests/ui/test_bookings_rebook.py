# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""With real widgets: the counter's "rebook?" bar after a visit (Enter books, a slot taken
meanwhile is refused with the nearest free time, typing goes back to the search), the
counter following the Bookings screen, and Settings → Opening hours and tables."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import AuditEntry, Booking, Member
from shopcrm.services import bookings
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import service_by_name
from shopcrm.services.staff import list_staff

from .settings_helpers import open_page, owner_and_staff
from .shop_fixtures import PHONE, shop, window  # noqa: F401 - fixtures

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")  # 2026-11-23 10:00, a Monday


def save_a_cut(qtbot, window):
    counter = window.screen("counter")
    qtbot.keyClicks(counter.search, PHONE[-4:])
    counter.search.flush()
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    dialog = counter.dialog
    combo = dialog.staff_combo  # done by the first stylist of the list
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i)))
    qtbot.keyClicks(dialog.service_search, "xjc")
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)  # nothing typed: Enter saves
    assert not dialog.isVisible()
    return counter


def member_bookings(engine, member_id):
    with session_scope(engine) as s:
        return s.execute(
            select(Booking.starts_at, Booking.staff_id, Booking.service_ids).where(
                Booking.member_id == member_id
            )
        ).all()


def test_enter_books_the_offer_and_the_card_shows_it(window, qtbot, engine, shop):
    counter = save_a_cut(qtbot, window)
    bar = counter.rebook
    offer = bar.offer
    assert bar.isVisible() and window.focusWidget() is bar
    assert offer is not None and offer.member_id == shop and offer.services == ("洗剪吹",)
    assert offer.interval_days == 35 and offer.starts_at.date().isoformat() == "2026-12-28"
    assert offer.staff_id is not None and offer.staff_name in bar.question.text()
    assert "王测试" in bar.question.text() and "洗剪吹" in bar.question.text()
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    assert not bar.isVisible() and window.focusWidget() is counter.search
    rows = member_bookings(engine, shop)
    with session_scope(engine) as s:
        cut = service_by_name(s, "洗剪吹").id
    assert [(r.starts_at, r.staff_id, r.service_ids) for r in rows] == [
        (offer.starts_at, offer.staff_id, [cut])
    ]
    label = counter.card.bookings_label.text()  # the card followed the new booking
    assert label == f"Booked 28 Dec 10:00 · {offer.staff_name}"


def test_a_slot_taken_meanwhile_is_refused_with_the_nearest_free_time(window, qtbot, engine, shop):
    counter = save_a_cut(qtbot, window)
    bar = counter.rebook
    offer = bar.offer
    assert offer is not None and offer.staff_id is not None
    with session_scope(engine, write=True) as s:  # another counter takes that time first
        bookings.create_booking(
            s,
            bookings.BookingDraft(
                starts_at=offer.starts_at, guest_name="客", guest_phone="13700137001",
                staff_id=offer.staff_id, minutes=offer.minutes,
            ),
            actor=SYSTEM,
        )  # fmt: skip
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    assert bar.isVisible() and "already has a booking" in bar.message.text()
    assert "Nearest free" in bar.message.text()
    moved = bar.when_edit.dateTime().toPython()
    assert moved != offer.starts_at and moved.date() == offer.starts_at.date()
    assert member_bookings(engine, shop) == []  # nothing half-written
    qtbot.keyClick(bar, Qt.Key.Key_Return)  # Enter books the nearest free time
    assert not bar.isVisible()
    assert [r.starts_at for r in member_bookings(engine, shop)] == [moved]


def test_typing_the_next_guest_hands_the_keys_back_without_booking(window, qtbot, engine, shop):
    counter = save_a_cut(qtbot, window)
    qtbot.keyClick(counter.rebook, Qt.Key.Key_W)
    assert not counter.rebook.isVisible()
    assert window.focusWidget() is counter.search and counter.search.text() == "w"
    assert member_bookings(engine, shop) == []


def test_the_counter_card_follows_a_no_show_on_the_bookings_screen(window, qtbot, engine, shop):
    with session_scope(engine, write=True) as s:
        owner = next(p for p in list_staff(s) if p.role == "owner")
        booking_id = bookings.create_booking(
            s,
            bookings.BookingDraft(starts_at=datetime(2026, 11, 23, 16, 0), member_id=shop,
                                  staff_id=owner.id, minutes=30),
            actor=SYSTEM,
        )  # fmt: skip
    counter = window.screen("counter")
    qtbot.keyClicks(counter.search, PHONE[-4:])
    counter.search.flush()
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert "16:00" in counter.card.bookings_label.text()
    window.show_screen([s.screen_id for s in window.screens].index("bookings"))
    screen = window.current_screen()
    screen.open_booking(booking_id)
    detail = screen.dialog
    qtbot.mouseClick(detail.noshow_button, Qt.MouseButton.LeftButton)
    window.show_screen([s.screen_id for s in window.screens].index("counter"))
    text = counter.card.bookings_label.text()
    assert "16:00" not in text and "1 no-show" in text


def test_opening_hours_page_saves_by_keyboard_and_audits(window, qtbot, engine, languages):
    languages.apply("zh")
    window.show_screen([s.screen_id for s in window.screens].index("settings"))
    page = window.current_screen().show_page("hours")  # in the window: its shortcuts work
    assert page.heading.text() == "营业时间与桌位"
    sunday = page.closed_checks[6]
    sunday.setFocus()
    qtbot.keyClick(sunday, Qt.Key.Key_Space)
    assert sunday.isChecked() and not page.opens_edits[6].isVisibleTo(page)
    page.opens_edits[0].setTime(page.opens_edits[0].time().addSecs(3600))  # Monday 10:00
    qtbot.keyClick(sunday, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with session_scope(engine) as s:
        week = bookings.week_hours(s)
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()
    assert week[6].closed and week[0].opens.hour == 10 and not week[1].closed
    assert [e.detail["key"] for e in audit] == ["bookings.week"]
    window.show_screen([s.screen_id for s in window.screens].index("bookings"))
    book = window.current_screen()
    book.show_day(date(2026, 11, 29))  # a Sunday: the day view says the shop is closed
    assert "休息日" in book.summary.text()
    book.show_day(date(2026, 11, 28))
    assert "休息日" not in book.summary.text()
    window.show_screen([s.screen_id for s in window.screens].index("settings"))
    # a table: Enter in the name adds it; Del retires it
    qtbot.keyClicks(page.name_edit, "A1")
    qtbot.keyClicks(page.area_edit, "hall")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "A1"
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)  # nothing typed: refused in one line
    assert page.message.isVisible() and "桌位名称" in page.message.text()
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.table.item(0, 3).text() == "已停用"
    assert page.retire_button.text() == "恢复使用"


def test_opening_hours_page_is_the_owners(ctx, qtbot, engine):
    _owner, staff = owner_and_staff(engine)
    ctx.set_actor(staff)
    _screen, page = open_page(ctx, qtbot, "hours")
    assert page.owner_banner.isVisible()
    assert not page.save_button.isEnabled() and not page.add_button.isEnabled()
    page.save_hours()  # a shortcut would land here: nothing is written
    with session_scope(engine) as s:
        assert not s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()


def test_the_idle_counter_counts_todays_bookings_and_arrivals(window, qtbot, engine, shop):
    counter = window.screen("counter")
    card = counter.idle.cards["bookings_today"]
    with session_scope(engine) as s:
        booked, arrived = bookings.day_counts(s, TODAY)
    assert card.value.text() == f"{arrived} / {booked}"
    with session_scope(engine, write=True) as s:
        owner = next(p for p in list_staff(s) if p.role == "owner")
    window.show_screen([s.screen_id for s in window.screens].index("bookings"))
    screen = window.current_screen()
    screen.new_booking(owner.id, datetime(2026, 11, 23, 18, 0))
    dialog = screen.dialog
    dialog.guest_name.setText("新客")
    dialog.guest_phone.setText("13700137000")
    dialog.save()
    assert not dialog.isVisible()
    window.show_screen([s.screen_id for s in window.screens].index("counter"))
    assert card.value.text() == f"{arrived} / {booked + 1}"  # no restart: the card followed


def test_opening_the_next_member_drops_the_last_offer(window, qtbot, engine, shop):
    counter = save_a_cut(qtbot, window)
    assert counter.rebook.isVisible()
    counter.open_member(shop)  # the same member again: the offer stays
    assert counter.rebook.isVisible()
    with session_scope(engine) as s:
        other = s.scalar(select(Member.id).where(Member.id != shop).limit(1))
    counter.open_member(other)
    assert not counter.rebook.isVisible() and counter.rebook.offer is None
    assert member_bookings(engine, shop) == []
