"""Moving a booking (改约): same id, new slots by the same primary key, a taken slot refused
with the nearest free time and nothing changed, the old slots freed, audited, and two
counters moving into one slot at once give exactly one."""

from __future__ import annotations

import contextlib
import json
import threading
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from visit_helpers import make_member, make_shop

from shopcrm.cli import main
from shopcrm.db import make_engine
from shopcrm.i18n import ShopError
from shopcrm.models import Booking, BookingSlot
from shopcrm.models.system import AuditEntry
from shopcrm.services import bookings
from shopcrm.services.auth import SYSTEM
from shopcrm.services.bookings import core
from shopcrm.services.bookings.move import E_MOVE_TAKEN, MoveRefused
from shopcrm.services.bookings.texts import E_STATE, E_TAKEN, E_TAKEN_RACE
from shopcrm.services.boundary import write_session

AT = datetime(2026, 11, 24, 14, 0)  # a Tuesday, inside the default opening hours


def _book(session, shop, member_id, at=AT, staff="tony", minutes=60) -> int:
    draft = bookings.BookingDraft(
        starts_at=at, member_id=member_id, staff_id=shop[staff] if staff else None,
        service_ids=(shop["cut"],), minutes=minutes,
    )  # fmt: skip
    return bookings.create_booking(session, draft, actor=SYSTEM)


def _slots(session, booking_id):
    return sorted(
        session.execute(
            select(BookingSlot.resource, BookingSlot.slot_at).where(
                BookingSlot.booking_id == booking_id
            )
        ).all()
    )


@pytest.fixture
def shop(session):
    ids = make_shop(session)
    ids["a"] = make_member(session, "张三", "13800138000")
    ids["b"] = make_member(session, "李四", "13900139000")
    ids["c"] = make_member(session, "王五", "13700137000")
    session.commit()
    return ids


def test_move_keeps_the_id_and_frees_the_old_slots_for_someone_else(session, shop):
    moving = _book(session, shop, shop["a"])  # Tony 14:00-15:00
    new = AT + timedelta(hours=2)
    moved = bookings.move_booking(session, moving, new, staff_id=shop["li"], actor=SYSTEM)
    assert (moved.booking_id, moved.starts_at, moved.was_at) == (moving, new, AT)
    b = session.get(Booking, moving)
    assert (b.starts_at, b.ends_at, b.staff_id) == (new, new + timedelta(hours=1), shop["li"])
    assert _slots(session, moving) == [
        (f"staff:{shop['li']}", new + timedelta(minutes=5 * i)) for i in range(12)
    ]
    other = _book(session, shop, shop["b"])  # Tony's old 14:00 is free again
    assert session.get(Booking, other).starts_at == AT
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "booking", AuditEntry.action == "move")
    ).one()
    assert entry.entity_id == moving


def test_move_into_a_taken_slot_is_refused_with_the_nearest_free_time(session, shop):
    moving = _book(session, shop, shop["a"], at=AT - timedelta(hours=3))  # Tony 11:00
    _book(session, shop, shop["b"])  # Tony 14:00-15:00
    session.commit()
    before = _slots(session, moving)
    with pytest.raises(MoveRefused) as err:
        bookings.move_booking(session, moving, AT + timedelta(minutes=30), actor=SYSTEM)
    assert err.value.msg_id == E_MOVE_TAKEN
    # 14:30 wanted for an hour, Tony busy 14:00-15:00: 15:00 (13:00 would be 90 min away)
    assert err.value.nearest == AT + timedelta(hours=1)
    text = err.value.message("en")
    assert "Tony" in text and "nothing was moved" in text
    assert err.value.nearest.strftime("%H:%M") in text
    assert "未改约" in err.value.message("zh")
    session.rollback()
    b = session.get(Booking, moving)
    assert b.starts_at == AT - timedelta(hours=3) and _slots(session, moving) == before
    # the offered time is really free: moving there works
    bookings.move_booking(session, moving, err.value.nearest, actor=SYSTEM)


def test_only_a_booked_booking_moves(session, shop):
    booking_id = _book(session, shop, shop["a"])
    bookings.cancel(session, booking_id, "改期", actor=SYSTEM)
    with pytest.raises(ShopError) as err:
        bookings.move_booking(session, booking_id, AT + timedelta(hours=1), actor=SYSTEM)
    assert err.value.msg_id == E_STATE


@pytest.mark.parametrize("both_pass_the_check", [False, True])
def test_two_movers_racing_for_one_slot_give_exactly_one(
    engine, db_url, session, shop, monkeypatch, both_pass_the_check
):
    first = _book(session, shop, shop["a"], at=AT - timedelta(hours=3))
    second = _book(session, shop, shop["b"], at=AT - timedelta(hours=2))
    session.commit()
    if both_pass_the_check:
        gate = threading.Barrier(2, timeout=3)
        real = core._conflict

        def slow_check(*args, **kwargs):
            real(*args, **kwargs)
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()

        monkeypatch.setattr("shopcrm.services.bookings.move._conflict", slow_check)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def counter(booking_id: int) -> None:
        eng = make_engine(db_url)
        try:
            start.wait()
            with write_session(eng, SYSTEM) as scope:
                moved = bookings.move_booking(scope.session, booking_id, AT, actor=SYSTEM)
                outcomes.append(moved.booking_id)
        except ShopError as exc:
            outcomes.append(exc)
        finally:
            eng.dispose()

    threads = [threading.Thread(target=counter, args=(b,)) for b in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    won = [o for o in outcomes if isinstance(o, int)]
    lost = [o for o in outcomes if isinstance(o, ShopError)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert lost[0].msg_id in (E_MOVE_TAKEN, E_TAKEN, E_TAKEN_RACE)
    session.expire_all()
    loser = second if won == [first] else first
    at_14 = session.scalars(select(Booking.id).where(Booking.starts_at == AT)).all()
    assert at_14 == won
    assert session.get(Booking, loser).starts_at in (
        AT - timedelta(hours=3),
        AT - timedelta(hours=2),
    )
    assert len(_slots(session, loser)) == 12  # the loser keeps its old slots


def test_cli_booking_move(engine, db_url, session, shop, monkeypatch):
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: None)
    moving = _book(session, shop, shop["a"], at=AT - timedelta(hours=3))
    _book(session, shop, shop["b"])
    session.commit()

    def run(*args):
        return CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)

    refused = run("booking", "move", str(moving), "--at", "2026-11-24T14:00", "--json")
    assert refused.exit_code == 1 and "nothing was moved" in refused.output
    assert "Traceback" not in refused.output
    error = json.loads(refused.stdout)["error"]  # a tool reading --json gets the refusal too
    assert error["id"] == "bookings.move_taken" and "nothing was moved" in error["message"]
    assert "free" in error["params"]
    done = run("booking", "move", str(moving), "--at", "2026-11-24T16:00", "--staff", "小李",
               "--json")  # fmt: skip
    assert done.exit_code == 0, done.output
    row = json.loads(done.output)
    assert (row["id"], row["start"], row["staff"]) == (moving, "2026-11-24T16:00", "小李")
