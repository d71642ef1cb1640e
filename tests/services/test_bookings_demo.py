"""The demo shop's book: a dozen bookings across the stylists today, a restaurant evening."""

from __future__ import annotations

from datetime import date

from shopcrm.db import session_scope
from shopcrm.services import bookings
from shopcrm.services.demo import DemoOptions, create_demo_shop

TODAY = date(2026, 11, 23)


def test_salon_demo_has_a_dozen_bookings_across_staff_today(engine):
    create_demo_shop(engine, DemoOptions(members=40, months=2, seed=7, today=TODAY))
    with session_scope(engine) as s:
        view = bookings.day_view(s, TODAY)
        tomorrow = bookings.day_view(s, date(2026, 11, 24))
    assert view.kind == "staff"
    assert len(view.bookings) >= 12
    assert len({r.staff_id for r in view.bookings}) >= 4
    states = [r.state for r in view.bookings]
    assert {"booked", "arrived", "noshow", "cancelled"} <= set(states)
    assert tomorrow.bookings  # tomorrow's reminders have something to remind of


def test_restaurant_demo_has_tables_and_an_evening(engine):
    opts = DemoOptions(members=40, months=2, seed=7, today=TODAY, kind="restaurant")
    create_demo_shop(engine, opts)
    with session_scope(engine) as s:
        view = bookings.day_view(s, TODAY)
    assert view.kind == "table" and len(view.columns) == 8
    evening = [r for r in view.bookings if r.starts_at.hour >= 17]
    assert len(evening) >= 6 and all(r.party_size for r in evening)
    assert view.last_minute >= 22 * 60
