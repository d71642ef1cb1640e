# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""The Bookings screen: the day by staff, the keyboard, a new booking, arrive → visit
pre-filled → saved → booking done, a refusal shown in the dialog, the week."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import BookingSlot
from shopcrm.services import bookings
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import service_by_name
from shopcrm.services.staff import list_staff
from shopcrm.ui.bookings.booking_dialog import BookingDialog
from shopcrm.ui.counter.visit_dialog import VisitDialog

from .shop_fixtures import shop, window  # noqa: F401 - fixtures

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def booked(engine, shop):
    """Our member booked for 洗剪吹 with the owner at 14:00 today (the demo's own bookings
    are with the other stylists)."""
    with session_scope(engine, write=True) as s:
        cut = service_by_name(s, "洗剪吹")
        stylist = next(p for p in list_staff(s) if p.role == "owner")
        draft = bookings.BookingDraft(
            starts_at=datetime(2026, 11, 23, 14, 0),
            member_id=shop,
            staff_id=stylist.id,
            service_ids=(cut.id,),
        )
        booking_id = bookings.create_booking(s, draft, actor=SYSTEM)
    return booking_id, stylist, cut


def column(screen, stylist):
    return [c.id for c in screen.view.columns].index(stylist.id)


def open_screen(window):
    window.show_screen([s.screen_id for s in window.screens].index("bookings"))
    return window.current_screen()


def test_day_view_arrive_opens_the_visit_prefilled_and_saving_completes(
    window, qtbot, engine, shop, booked
):
    booking_id, stylist, cut = booked
    screen = open_screen(window)
    grid = screen.grid
    assert screen.view is not None and screen.view.day == TODAY
    assert stylist.name in [c.name for c in screen.view.columns]
    assert len(screen.view.bookings) > 12  # the demo's and ours
    assert window.focusWidget() is grid
    # keyboard: → to the stylist's column, then Shift+↓ jumps to the booking, Enter opens it
    grid.col = 0
    grid.minute = screen.view.first_minute
    for _ in range(column(screen, stylist)):
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.col == column(screen, stylist)
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert grid.minute == 14 * 60 and grid.at_cursor().id == booking_id
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    detail = screen.dialog
    assert detail is not None and detail.row.id == booking_id
    qtbot.mouseClick(detail.arrive_button, Qt.MouseButton.LeftButton)
    visit = screen.dialog
    assert isinstance(visit, VisitDialog) and visit.member_id == shop
    assert [line.service.name for line in visit.lines.lines] == ["洗剪吹"]
    assert visit.lines.lines[0].staff.currentData() == stylist.id
    assert visit.staff_combo.currentData() == stylist.id
    qtbot.keyClick(visit.service_search, Qt.Key.Key_Return)  # nothing typed: Enter saves
    assert not visit.isVisible()
    with session_scope(engine) as s:
        row = bookings.get_booking(s, booking_id)
        from shopcrm.services.visits import member_visits

        last = member_visits(s, shop)[0]
    assert row.state == "done" and row.visit_id == last.id
    assert last.total_amount == cut.list_price


def test_n_books_at_the_cursor_and_a_clash_is_explained(window, qtbot, engine, shop, booked):
    booking_id, stylist, _cut = booked
    screen = open_screen(window)
    grid = screen.grid
    grid.col = column(screen, stylist)
    grid.minute = 14 * 60 + 15  # inside the 14:00-14:45 booking
    qtbot.keyClick(grid, Qt.Key.Key_N)
    dialog = screen.dialog
    assert isinstance(dialog, BookingDialog)
    assert dialog.staff_combo.currentData() == stylist.id
    dialog.guest_name.setText("新客")
    dialog.guest_phone.setText("13700137000")
    qtbot.keyClicks(dialog.service_search, "xjc")
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    assert dialog.minutes.value() == 45  # from the service
    dialog.save()
    assert dialog.isVisible()
    assert "already has a booking" in dialog.error_label.text()
    dialog.when_edit.setDateTime(datetime(2026, 11, 23, 15, 0))
    dialog.save()
    assert not dialog.isVisible()
    with session_scope(engine) as s:
        rows = bookings.day_view(s, TODAY).bookings
    new = [r for r in rows if r.who == "新客"]
    assert [(r.starts_at.hour, r.staff_id, r.member_id) for r in new] == [(15, stylist.id, None)]
    assert [r.id for r in screen.view.bookings] == [r.id for r in rows]  # the view followed


def test_typing_finds_the_member_and_selects_their_booking(window, qtbot, shop, booked):
    booking_id, _stylist, _cut = booked
    screen = open_screen(window)
    screen.grid.minute = screen.view.first_minute
    qtbot.keyClicks(screen.grid, "7788")  # the phone's tail, typed on the grid
    assert screen.search.text() == "7788"
    screen.search.flush()
    assert screen.hits and screen.hits[0].id == shop
    assert screen.grid.highlight == {booking_id}
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.grid.at_cursor().id == booking_id


def test_week_view_and_cancel_with_reason(window, qtbot, engine, booked, languages):
    booking_id, stylist, _cut = booked
    screen = open_screen(window)
    qtbot.mouseClick(screen.week_mode, Qt.MouseButton.LeftButton)
    table = screen.week_table
    assert table.columnCount() == 7
    monday_col = 0  # 2026-11-23 is a Monday
    assert "14:00 王测试" in table.item(column(screen, stylist), monday_col).text()
    qtbot.mouseClick(screen.day_mode, Qt.MouseButton.LeftButton)
    screen.open_booking(booking_id)
    detail = screen.dialog
    qtbot.mouseClick(detail.cancel_button, Qt.MouseButton.LeftButton)
    assert detail.isVisible() and "reason" in detail.error_label.text()
    detail.reason_edit.setText("改天再来")
    qtbot.mouseClick(detail.cancel_button, Qt.MouseButton.LeftButton)
    with session_scope(engine) as s:
        row = bookings.get_booking(s, booking_id)
        mine = select(BookingSlot.slot_at).where(BookingSlot.booking_id == booking_id)
        claims = s.execute(mine).all()
    assert (row.state, row.reason) == ("cancelled", "改天再来") and claims == []
    languages.apply("zh")
    assert screen.title() == "预约" and screen.day_mode.text() == "日"


def test_member_card_shows_upcoming_bookings_and_no_shows(qtbot, engine, shop, booked, languages):
    from shopcrm.services.counter import member_panel
    from shopcrm.ui.counter.member_card import MemberCardView

    booking_id, stylist, cut = booked
    with session_scope(engine, write=True) as s:
        old = bookings.BookingDraft(
            starts_at=datetime(2026, 11, 20, 10, 0), member_id=shop, service_ids=(cut.id,)
        )
        bookings.mark_noshow(s, bookings.create_booking(s, old, actor=SYSTEM), actor=SYSTEM)
        panel = member_panel(s, shop)
    card = MemberCardView()
    qtbot.addWidget(card)
    card.show_panel(panel)
    text = card.bookings_label.text()
    assert f"14:00 · {stylist.name}" in text and "1 no-show(s)" in text
    assert [r.id for r in panel.bookings.upcoming] == [booking_id]
