"""Bookings: no double booking by the database (also in a race), states, arrive → visit,
no-shows, across midnight and on a day clocks change elsewhere."""

from __future__ import annotations

import contextlib
import os
import threading
import time as systime
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.db import make_engine, session_scope
from shopcrm.i18n import ShopError, translate
from shopcrm.models import Booking, BookingSlot, Followup, FollowupRule, Member
from shopcrm.services import bookings
from shopcrm.services.auth import SYSTEM
from shopcrm.services.bookings import core
from shopcrm.services.bookings.texts import E_TAKEN, E_TAKEN_RACE
from shopcrm.services.boundary import write_session
from shopcrm.services.followups import raise_due
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

AT = datetime(2026, 11, 24, 14, 0)


def _count(session, *where) -> int:
    return session.scalar(select(func.count(Booking.id)).where(*where))


def _book(session, shop, member_id, at=AT, minutes=None, staff="tony", **kw) -> int:
    draft = bookings.BookingDraft(
        starts_at=at,
        member_id=member_id,
        staff_id=shop[staff] if staff else None,
        service_ids=kw.pop("service_ids", (shop["cut"],)),
        minutes=minutes,
        **kw,
    )
    return bookings.create_booking(session, draft, actor=SYSTEM)


@pytest.fixture
def shop(session):
    ids = make_shop(session)
    ids["a"] = make_member(session, "张三", "13800138000")
    ids["b"] = make_member(session, "李四", "13900139000")
    session.commit()
    return ids


def test_length_comes_from_the_services_and_claims_follow_it(session, shop):
    booking_id = _book(session, shop, shop["a"])  # 洗剪吹: 45 minutes
    b = session.get(Booking, booking_id)
    assert (b.ends_at - b.starts_at) == timedelta(minutes=45)
    claims = session.scalars(
        select(BookingSlot.slot_at).where(BookingSlot.booking_id == booking_id)
    ).all()
    assert sorted(claims) == [AT + timedelta(minutes=5 * i) for i in range(9)]


def test_overlapping_booking_for_the_same_staff_is_refused(session, shop):
    _book(session, shop, shop["a"], minutes=90)  # 14:00-15:30
    with pytest.raises(ShopError) as err:
        _book(session, shop, shop["b"], at=AT + timedelta(minutes=85))
    assert err.value.msg_id == E_TAKEN
    assert "Tony" in err.value.message("en") and "14:00" in err.value.message("en")
    # back to back, another stylist, or "anyone" are fine
    _book(session, shop, shop["b"], at=AT + timedelta(minutes=90))
    _book(session, shop, shop["b"], staff="li")
    _book(session, shop, shop["b"], staff=None)
    assert _count(session) == 4


def test_the_database_itself_refuses_when_the_check_is_skipped(session, shop, monkeypatch):
    _book(session, shop, shop["a"], minutes=60)
    session.commit()
    monkeypatch.setattr(core, "_conflict", lambda *a, **k: None)  # as a racing counter
    with pytest.raises(ShopError) as err:
        _book(session, shop, shop["b"], at=AT + timedelta(minutes=30))
    assert err.value.msg_id == E_TAKEN_RACE
    assert "another counter" in err.value.message("en")
    session.rollback()
    assert _count(session) == 1
    # and a raw insert of an overlapping claim is refused by the primary key
    other = Booking(
        member_id=shop["b"], staff_id=shop["tony"], starts_at=AT, ends_at=AT,
        service_ids=[], state="booked",
    )  # fmt: skip
    session.add(other)
    session.flush()
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        session.execute(
            insert(BookingSlot),
            [{"resource": f"staff:{shop['tony']}", "slot_at": AT + timedelta(minutes=10),
              "booking_id": other.id}],
        )  # fmt: skip
    session.rollback()


def _race(db_url, shop, monkeypatch, *, both_pass_the_check: bool) -> list[object]:
    """Two counters (own engine and connection each) book Tony at 14:00 at once."""
    if both_pass_the_check:
        gate = threading.Barrier(2, timeout=3)
        real = core._conflict

        def slow_check(*args, **kwargs):
            real(*args, **kwargs)
            # both have checked before either inserts (SQLite: the other counter waits for
            # the write lock meanwhile, so the gate breaks after its timeout)
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()

        monkeypatch.setattr(core, "_conflict", slow_check)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def counter(member_id: int) -> None:
        engine = make_engine(db_url)
        try:
            start.wait()
            with write_session(engine, SYSTEM) as scope:
                outcomes.append(_book(scope.session, shop, member_id, minutes=60))
        except ShopError as exc:
            outcomes.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=counter, args=(m,)) for m in (shop["a"], shop["b"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes


@pytest.mark.parametrize("both_pass_the_check", [False, True])
def test_two_counters_racing_for_one_slot_give_exactly_one_booking(
    engine, db_url, shop, monkeypatch, both_pass_the_check
):
    """SQLite: two threads; PostgreSQL (SHOPCRM_TEST_PG_URL): two connections."""
    outcomes = _race(db_url, shop, monkeypatch, both_pass_the_check=both_pass_the_check)
    won = [o for o in outcomes if isinstance(o, int)]
    lost = [o for o in outcomes if isinstance(o, ShopError)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert lost[0].msg_id in (E_TAKEN, E_TAKEN_RACE)
    if both_pass_the_check and engine.url.get_backend_name() == "postgresql":
        assert lost[0].msg_id == E_TAKEN_RACE  # the unique key decided, not the check
    assert translate(lost[0].msg_id, "zh", **lost[0].params)  # a clear line in both languages
    with session_scope(engine) as s:
        assert _count(s) == 1
        assert s.scalar(select(func.count()).select_from(BookingSlot)) == 12


def test_cancel_needs_a_reason_and_frees_the_slot(session, shop):
    first = _book(session, shop, shop["a"])
    with pytest.raises(ShopError):
        bookings.cancel(session, first, "  ", actor=SYSTEM)
    with pytest.raises(ShopError):
        bookings.cancel(session, first, "ill", by="nobody", actor=SYSTEM)
    bookings.cancel(session, first, "感冒了", by="client", actor=SYSTEM)
    b = session.get(Booking, first)
    assert (b.state, b.reason, b.cancelled_by) == ("cancelled", "感冒了", "client")
    assert _book(session, shop, shop["b"])  # the same slot again
    with pytest.raises(ShopError) as err:
        bookings.arrive(session, first, actor=SYSTEM)
    assert "cancelled" in err.value.message("en")


def test_arrive_then_the_visit_completes_the_booking(session, shop):
    booking_id = _book(session, shop, shop["a"], service_ids=(shop["cut"], shop["care"]))
    bookings.arrive(session, booking_id, actor=SYSTEM)
    row = bookings.get_booking(session, booking_id)
    assert (row.state, row.member_id, row.staff_id) == ("arrived", shop["a"], shop["tony"])
    assert row.services == ("洗剪吹", "头皮护理")
    # what the visit dialog saves, pre-filled from the booking, in one transaction
    lines = tuple(LineDraft(service_id=s, staff_id=row.staff_id) for s in row.service_ids)
    payment = PaymentDraft("cash", _total(session, lines))
    visit_id = record_visit(session, VisitDraft(row.member_id, lines, (payment,)), actor=SYSTEM)
    bookings.complete(session, booking_id, visit_id, actor=SYSTEM)
    session.commit()
    b = session.get(Booking, booking_id)
    assert (b.state, b.visit_id) == ("done", visit_id)
    assert session.scalar(select(func.count()).select_from(BookingSlot)) == 0


def _total(session, lines):
    from shopcrm.services.visits import price_lines

    return price_lines(session, list(lines), None).total_amount


def test_noshow_counts_on_the_card_and_raises_no_aftercare(session, shop):
    with clock.frozen("2026-11-20 10:00"):
        perm = _book(session, shop, shop["a"], service_ids=(shop["perm"],), minutes=120)
        kept = _book(session, shop, shop["a"], at=AT + timedelta(days=7), minutes=60)
    with clock.frozen("2026-11-24 18:00"):
        bookings.mark_noshow(session, perm, actor=SYSTEM)
        card = bookings.member_bookings(session, shop["a"])
    assert card.no_shows == 1
    assert [r.id for r in card.upcoming] == [kept]
    session.commit()
    # the perm has care calls at 3 and 30 days: nothing is raised for a no-show
    for day in (date(2026, 11, 27), date(2026, 12, 24)):
        raise_due(session, day, actor=SYSTEM, catch_up=True)
    aftercare = session.scalar(
        select(func.count(Followup.id))
        .join(FollowupRule, FollowupRule.id == Followup.rule_id)
        .where(FollowupRule.kind == "aftercare", Followup.member_id == shop["a"])
    )
    assert aftercare == 0


def test_a_booking_across_midnight_belongs_to_both_days(session, shop):
    table = bookings.add_table(session, "A1", area="大厅", seats=4, actor=SYSTEM)
    late = datetime(2026, 11, 24, 23, 0)
    booking_id = _book(session, shop, shop["a"], at=late, minutes=120, staff=None,
                       table_id=table, party_size=4, service_ids=())  # fmt: skip
    first = bookings.day_view(session, date(2026, 11, 24))
    second = bookings.day_view(session, date(2026, 11, 25))
    assert [r.id for r in first.bookings] == [booking_id] == [r.id for r in second.bookings]
    assert first.last_minute == 24 * 60 and second.first_minute == 0
    assert second.bookings[0].ends_at == datetime(2026, 11, 25, 1, 0)
    with pytest.raises(ShopError):  # the table is still held at 00:30
        _book(session, shop, shop["b"], at=datetime(2026, 11, 25, 0, 30), minutes=60,
              staff=None, table_id=table, service_ids=())  # fmt: skip
    assert _book(session, shop, shop["b"], at=datetime(2026, 11, 25, 1, 0), minutes=60,
                 staff=None, table_id=table, service_ids=())  # fmt: skip


def test_the_day_clocks_change_elsewhere_uses_the_shops_wall_clock(session, shop):
    """On 2026-03-08 New York skips 02:00-03:00; the shop's clock is wall time: a 90-minute
    booking at 01:30 ends at 03:00 on the wall and holds 18 slots, whatever the zone."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    systime.tzset()
    try:
        with clock.frozen("2026-03-08 00:30"):
            booking_id = _book(session, shop, shop["a"], at=datetime(2026, 3, 8, 1, 30), minutes=90)
            view = bookings.day_view(session)
        row = view.bookings[0]
        assert (row.id, row.starts_at, row.ends_at, row.minutes) == (
            booking_id, datetime(2026, 3, 8, 1, 30), datetime(2026, 3, 8, 3, 0), 90
        )  # fmt: skip
        assert session.scalar(select(func.count()).select_from(BookingSlot)) == 18
        with pytest.raises(ShopError):
            _book(session, shop, shop["b"], at=datetime(2026, 3, 8, 2, 30), minutes=30)
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        systime.tzset()


def test_refusals_leave_nothing_behind(session, shop):
    for kwargs, words in (
        ({"at": AT.replace(minute=3)}, "whole 5 minutes"),
        ({"minutes": 0}, "lasts from"),
        ({"minutes": 47}, "whole 5 minutes"),
        ({"party_size": 0}, "Party size"),
    ):
        with pytest.raises(ShopError) as err:
            _book(session, shop, shop["a"], **kwargs)
        assert words in err.value.message("en")
    with pytest.raises(ShopError):  # nobody
        bookings.create_booking(session, bookings.BookingDraft(starts_at=AT), actor=SYSTEM)
    assert _count(session) == 0


def test_a_newcomer_books_with_name_and_phone(session, shop):
    draft = bookings.BookingDraft(starts_at=AT, guest_name="王五", guest_phone="137 0013 7000",
                                  staff_id=shop["li"])  # fmt: skip
    row = bookings.get_booking(session, bookings.create_booking(session, draft, actor=SYSTEM))
    assert (row.member_id, row.who, row.phone_tail) == (None, "王五", "7000")
    # arriving makes the newcomer a member: the visit fills the CRM with no extra typing
    newcomer = row.id
    bookings.arrive(session, newcomer, actor=SYSTEM)
    arrived = bookings.get_booking(session, newcomer)
    member = session.get(Member, arrived.member_id)
    assert (member.name, member.phone, member.source) == ("王五", "+8613700137000", "booking")
    # a "newcomer" whose phone is a member's is booked as that member
    draft = bookings.BookingDraft(starts_at=AT, guest_name="x", guest_phone="13800138000")
    row = bookings.get_booking(session, bookings.create_booking(session, draft, actor=SYSTEM))
    assert row.member_id == shop["a"]


def test_day_view_columns_and_hours(session, shop):
    _book(session, shop, shop["a"], at=datetime(2026, 11, 24, 8, 0))  # before opening
    bookings.set_opening_hours(session, "10:00", "20:00", actor=SYSTEM)
    view = bookings.day_view(session, date(2026, 11, 24))
    assert view.kind == "staff"
    assert {c.name for c in view.columns} == {"Tony", "小李"}
    assert (view.first_minute, view.last_minute) == (8 * 60, 20 * 60)
    with pytest.raises(ShopError):
        bookings.set_opening_hours(session, "20:00", "10:00", actor=SYSTEM)
