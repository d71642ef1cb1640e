"""The "rebook?" offer (usual interval, nearest free slot) and the opening hours per weekday
(closed days, in the day view and the utilisation)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import AuditEntry
from shopcrm.services import bookings
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.bookings.figures import month_bookings
from shopcrm.services.bookings.rebook import DEFAULT_DAYS
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

OPEN = bookings.DayHoursDraft("09:00", "21:00")


@pytest.fixture
def shop(session):
    ids = make_shop(session)
    ids["a"] = make_member(session, "张三", "13800138000")
    session.commit()
    return ids


def _visit(session, shop, at: datetime, staff="tony") -> int:
    draft = VisitDraft(
        shop["a"],
        (LineDraft(service_id=shop["cut"], staff_id=shop[staff]),),
        (PaymentDraft("cash", Decimal("88")),),
        visited_at=at,
    )
    return record_visit(session, draft, actor=SYSTEM)


def _book(session, shop, at: datetime, member=None) -> int:
    draft = bookings.BookingDraft(
        starts_at=at, member_id=member, guest_name="" if member else "客",
        guest_phone="" if member else "13700137000", staff_id=shop["tony"],
        service_ids=(shop["cut"],),
    )  # fmt: skip
    return bookings.create_booking(session, draft, actor=SYSTEM)


def test_offer_uses_the_members_usual_interval_same_staff_service_and_time(session, shop):
    with clock.frozen("2026-11-23 15:00"):
        _visit(session, shop, datetime(2026, 9, 7, 15, 0))
        _visit(session, shop, datetime(2026, 10, 12, 15, 0))  # 35 days
        _visit(session, shop, datetime(2026, 11, 2, 15, 0))  # 21 days
        visit_id = _visit(session, shop, datetime(2026, 11, 23, 15, 2))  # 21 days
        offer = bookings.rebook_offer(session, visit_id)
    assert offer is not None and offer.usual and offer.interval_days == 21
    assert offer.member_id == shop["a"] and offer.service_ids == (shop["cut"],)
    assert offer.staff_id == shop["tony"] and offer.services == ("洗剪吹",)
    assert offer.starts_at == datetime(2026, 12, 14, 15, 0)  # rounded to the 5-minute step
    assert offer.minutes == 45 and not offer.moved


def test_offer_defaults_to_five_weeks_and_moves_to_the_nearest_free_slot(session, shop):
    with clock.frozen("2026-11-23 15:00"):
        visit_id = _visit(session, shop, datetime(2026, 11, 23, 15, 0))
        wanted = datetime(2026, 11, 23, 15, 0) + timedelta(days=DEFAULT_DAYS)
        _book(session, shop, wanted)  # a newcomer holds Tony 15:00-15:45 that day
        offer = bookings.rebook_offer(session, visit_id)
    assert offer is not None and not offer.usual and offer.interval_days == DEFAULT_DAYS
    # 14:15-15:00 is as near as 15:45: the earlier one is not preferred, the later is
    assert offer.moved and offer.starts_at == datetime(2026, 12, 28, 15, 45)
    with pytest.raises(ShopError):  # the wanted time itself is refused by the service
        _book(session, shop, wanted, member=shop["a"])


def test_no_offer_for_a_member_already_booked_ahead_or_a_walk_in(session, shop):
    with clock.frozen("2026-11-23 15:00"):
        _book(session, shop, datetime(2026, 12, 20, 10, 0), member=shop["a"])
        visit_id = _visit(session, shop, datetime(2026, 11, 23, 15, 0))
        assert bookings.rebook_offer(session, visit_id) is None
        walk_in = record_visit(
            session,
            VisitDraft(None, (LineDraft(service_id=shop["cut"]),), (PaymentDraft("cash", 88),)),
            actor=SYSTEM,
        )
        assert bookings.rebook_offer(session, walk_in) is None


def test_nearest_free_skips_closed_days_and_keeps_inside_the_hours(session, shop):
    week = [OPEN] * 7
    week[6] = bookings.DayHoursDraft("", "", closed=True)  # Sundays closed
    week[0] = bookings.DayHoursDraft("10:00", "18:00")
    assert bookings.set_week_hours(session, week, actor=SYSTEM)
    sunday = datetime(2026, 11, 29, 15, 0)
    assert bookings.nearest_free(session, shop["tony"], sunday, 45) == datetime(2026, 11, 30, 15, 0)
    late_monday = datetime(2026, 11, 30, 17, 50)  # 45 minutes do not fit before 18:00
    assert bookings.nearest_free(session, shop["tony"], late_monday, 45) == datetime(
        2026, 11, 30, 17, 15
    )


def test_week_hours_saved_checked_audited_and_shown_in_the_day_view(session, shop):
    assert [d.closed for d in bookings.week_hours(session)] == [False] * 7
    week = [OPEN] * 7
    week[1] = bookings.DayHoursDraft("21:00", "10:00")  # Tuesday backwards
    before = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    with pytest.raises(ShopError) as refused:
        bookings.set_week_hours(session, week, actor=SYSTEM)
    assert "21:00" in refused.value.message()
    assert session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) == before
    week[1] = bookings.DayHoursDraft("12:00", "24:00")
    week[2] = bookings.DayHoursDraft("", "", closed=True)
    assert bookings.set_week_hours(session, week, actor=SYSTEM)
    assert not bookings.set_week_hours(session, week, actor=SYSTEM)  # nothing changed
    days = bookings.week_hours(session)
    assert (days[1].opens, days[1].closes) == (time(12), time(23, 59)) and days[2].closed
    tuesday = bookings.day_view(session, date(2026, 11, 24))
    assert (tuesday.first_minute, tuesday.closed) == (12 * 60, False)
    assert bookings.day_view(session, date(2026, 11, 25)).closed
    entries = session.scalars(select(AuditEntry).where(AuditEntry.id > (before or 0))).all()
    assert [e.action for e in entries] == ["change"]
    # days left at the shop-wide hours follow `booking hours`
    bookings.set_opening_hours(session, "10:00", "20:00", actor=SYSTEM)
    assert bookings.week_hours(session)[0].opens == time(10)
    assert bookings.week_hours(session)[1].opens == time(12)


def test_week_hours_and_tables_are_the_owners(session, shop):
    clerk = Actor(staff_id=shop["li"], name="小李", role="staff")
    with pytest.raises(ShopError):
        bookings.set_week_hours(session, [OPEN] * 7, actor=clerk)
    table_id = bookings.add_table(session, "A1", area="大厅", actor=SYSTEM)
    with pytest.raises(ShopError):
        bookings.set_table_active(session, table_id, False, actor=clerk)
    bookings.set_table_active(session, table_id, False, actor=SYSTEM)
    assert bookings.list_tables(session) == []
    assert [t.active for t in bookings.list_tables(session, include_inactive=True)] == [False]


def test_utilisation_counts_no_opening_minutes_on_closed_days(session, shop):
    with clock.frozen("2026-11-01 08:00"):
        _book(session, shop, datetime(2026, 11, 10, 10, 0), member=shop["a"])
        open_all = month_bookings(session, 2026, 11)
        week = [OPEN] * 7
        week[6] = bookings.DayHoursDraft("", "", closed=True)
        bookings.set_week_hours(session, week, actor=SYSTEM)
        closed_sundays = month_bookings(session, 2026, 11)
    # November 2026 has 30 days, 5 of them Sundays: 25 open days of 12 hours instead of 30
    assert (open_all.open_minutes, closed_sundays.open_minutes) == (30 * 720, 25 * 720)
    assert closed_sundays.staff[0].utilisation > open_all.staff[0].utilisation
