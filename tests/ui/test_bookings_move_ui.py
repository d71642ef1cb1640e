# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""Moving a booking on the Bookings screen (改约): M on the booking, a taken time refused in
the dialog with the nearest free time put in the field, Enter again moves it, same number;
and "Move…" from the booking's detail."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDateTime, Qt

from shopcrm.db import session_scope
from shopcrm.services import bookings
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import service_by_name
from shopcrm.services.staff import list_staff
from shopcrm.ui.bookings.move_dialog import MoveDialog

from .shop_fixtures import shop, window  # noqa: F401 - fixtures

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")


def _book(engine, member_id, hour):
    with session_scope(engine, write=True) as s:
        cut = service_by_name(s, "洗剪吹")
        owner = next(p for p in list_staff(s) if p.role == "owner")
        draft = bookings.BookingDraft(
            starts_at=datetime(2026, 11, 23, hour, 0), member_id=member_id,
            staff_id=owner.id, service_ids=(cut.id,),
        )  # fmt: skip
        return bookings.create_booking(s, draft, actor=SYSTEM), owner


def _screen(window):
    window.show_screen([s.screen_id for s in window.screens].index("bookings"))
    return window.current_screen()


def test_m_moves_the_booking_and_a_taken_time_offers_the_nearest(window, qtbot, engine, shop):
    mine, owner = _book(engine, shop, 11)  # 11:00-11:45
    _book(engine, shop, 14)  # the owner is busy 14:00-14:45
    screen = _screen(window)
    grid = screen.grid
    grid.select_booking(mine)
    assert grid.at_cursor().id == mine
    qtbot.keyClick(grid, Qt.Key.Key_M)
    dialog = screen.dialog
    assert isinstance(dialog, MoveDialog) and dialog.row.id == mine
    assert dialog.who_combo.currentData() == owner.id
    dialog.when_edit.setDateTime(QDateTime(datetime(2026, 11, 23, 14, 15)))
    qtbot.keyClick(dialog.when_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "nothing was moved" in dialog.error_label.text()
    offered = dialog.when_edit.dateTime().toPython()
    assert offered == datetime(2026, 11, 23, 14, 45)  # right after the other booking
    with session_scope(engine) as s:
        assert bookings.get_booking(s, mine).starts_at.hour == 11  # nothing changed
    qtbot.keyClick(dialog.when_edit, Qt.Key.Key_Return)  # Enter takes the offered time
    assert not dialog.isVisible()
    with session_scope(engine) as s:
        row = bookings.get_booking(s, mine)
    assert (row.id, row.starts_at, row.staff_id) == (mine, offered, owner.id)
    assert any(r.id == mine and r.starts_at == offered for r in screen.view.bookings)


def test_move_from_the_booking_detail(window, qtbot, engine, shop):
    mine, _owner = _book(engine, shop, 11)
    screen = _screen(window)
    screen.grid.select_booking(mine)
    qtbot.keyClick(screen.grid, Qt.Key.Key_Return)
    detail = screen.dialog
    assert detail.move_button.isEnabled()
    qtbot.mouseClick(detail.move_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, MoveDialog)
    dialog.when_edit.setDateTime(QDateTime(datetime(2026, 11, 24, 10, 0)))
    dialog.who_combo.setCurrentIndex(0)  # anyone
    dialog.save()
    assert not dialog.isVisible()
    with session_scope(engine) as s:
        row = bookings.get_booking(s, mine)
    assert (row.starts_at, row.staff_id) == (datetime(2026, 11, 24, 10, 0), None)
    assert screen.day == date(2026, 11, 24)  # the view followed the booking


def test_arrive_then_visit_saved_offers_the_rebook_prompt(window, qtbot, engine, shop):
    mine, owner = _book(engine, shop, 11)
    screen = _screen(window)
    screen.grid.select_booking(mine)
    qtbot.keyClick(screen.grid, Qt.Key.Key_Return)
    qtbot.mouseClick(screen.dialog.arrive_button, Qt.MouseButton.LeftButton)
    visit = screen.dialog
    qtbot.keyClick(visit.service_search, Qt.Key.Key_Return)  # nothing typed: Enter saves
    assert not visit.isVisible()
    bar = screen.rebook
    qtbot.waitUntil(lambda: bar.isVisible())
    assert bar.offer is not None and bar.offer.member_id == shop
    assert bar.offer.staff_id == owner.id
    offered = bar.offer.starts_at
    qtbot.keyClick(bar, Qt.Key.Key_Return)  # Enter books it
    assert not bar.isVisible()
    with session_scope(engine) as s:
        mine_later = [
            b for b in bookings.member_bookings(s, shop).upcoming if b.starts_at == offered
        ]
    assert len(mine_later) == 1
