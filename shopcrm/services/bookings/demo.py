"""The demo shop's book: a dozen bookings across the stylists today (a few arrived, one
no-show, one cancelled), some tomorrow (their reminders are due) and later in the week; a
restaurant gets its tables and a full evening.

Written through the booking service on the demo's own connection, so the claims and the
reminder rule are exactly what a shop's own bookings make.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ...i18n import ShopError
from ...models import MEMBER_ACTIVE, Member, Service, Staff
from ..auth import SYSTEM
from ..settings import SHOP_RESTAURANT, set_setting
from .core import BookingDraft, arrive, cancel, create_booking, mark_noshow
from .hours import CLOSES_KEY, OPENS_KEY, add_table

DEMO_TABLES = (  # name, area, seats
    ("A1", "大厅", 2), ("A2", "大厅", 2), ("A3", "大厅", 4), ("A4", "大厅", 4),
    ("B1", "窗边", 4), ("B2", "窗边", 6), ("包间1", "包间", 10), ("包间2", "包间", 12),
)  # fmt: skip
NOTES = ("", "", "", "老位置", "要安静点", "带小孩", "过敏：花生", "生日聚餐")


def demo_bookings(conn: Connection, kind: str, today: date, seed: int = 7) -> int:
    """Write the demo's bookings; returns how many."""
    rng = random.Random(seed * 31 + 19)
    session = Session(bind=conn)
    members = list(
        session.scalars(
            select(Member.id).where(Member.status == MEMBER_ACTIVE).order_by(Member.id).limit(80)
        )
    )
    if not members:
        return 0
    rng.shuffle(members)
    if kind == SHOP_RESTAURANT:
        count = _restaurant(session, rng, members, today)
    else:
        count = _salon(session, rng, members, today)
    session.flush()
    return count


def _salon(session: Session, rng: random.Random, members: list[int], today: date) -> int:
    staff = list(
        session.scalars(
            select(Staff.id).where(Staff.active.is_(True), Staff.role != "owner").order_by(Staff.id)
        )
    )
    services = [
        (sid, minutes)
        for sid, minutes in session.execute(
            select(Service.id, Service.duration_min).where(Service.active.is_(True))
        )
        if minutes
    ]
    if not staff or not services:
        return 0
    made: list[tuple[int, datetime]] = []
    who = iter(members * 3)
    for day, per_staff in (
        (today, 3),
        (today + timedelta(days=1), 1),
        (today + timedelta(days=3), 1),
    ):
        for n, person in enumerate(staff):
            at = datetime.combine(day, time(10)) + timedelta(minutes=30 * (n % 3))
            for _ in range(per_staff if day != today or n < 4 else 2):
                picked = rng.sample(services, k=1 if rng.random() < 0.7 else 2)
                draft = BookingDraft(
                    starts_at=at,
                    member_id=next(who),
                    staff_id=person,
                    service_ids=tuple(s for s, _m in picked),
                    note=rng.choice(("", "", "想换个发色", "上次的剪法")),
                )
                booking_id = _book(session, draft)
                if booking_id is not None:
                    made.append((booking_id, at))
                minutes = sum(m for _s, m in picked)
                at += timedelta(minutes=-(-minutes // 15) * 15 + rng.choice((15, 30, 60)))
    _states(session, made, today, rng)
    return len(made)


def _book(session: Session, draft: BookingDraft) -> int | None:
    """A booking, or None when the made-up time clashes (the demo just skips it)."""
    try:
        return create_booking(session, draft, actor=SYSTEM)
    except ShopError:
        return None


def _states(session: Session, made: list[tuple[int, datetime]], today: date, rng: random.Random):
    """This morning's first ones arrived, one did not come, one cancelled."""
    todays = sorted((at, bid) for bid, at in made if at.date() == today)
    for _at, booking_id in todays[:3]:
        arrive(session, booking_id, actor=SYSTEM)
    if len(todays) > 5:
        mark_noshow(session, todays[3][1], actor=SYSTEM)
        cancel(session, todays[-1][1], "临时出差，改天再约", by="client", actor=SYSTEM)


def _restaurant(session: Session, rng: random.Random, members: list[int], today: date) -> int:
    set_setting(session, OPENS_KEY, "11:00")
    set_setting(session, CLOSES_KEY, "23:00")
    tables = [
        (add_table(session, name, area=area, seats=seats, actor=SYSTEM), seats)
        for name, area, seats in DEMO_TABLES
    ]
    made: list[tuple[int, datetime]] = []
    who = iter(members * 3)
    for day in (today, today + timedelta(days=1), today + timedelta(days=4)):
        for table_id, seats in tables:
            slots = (time(11, 30), time(17, 30), time(19, 45)) if day == today else (time(18),)
            for start in slots:
                if rng.random() < (0.35 if start.hour < 15 else 0.8):
                    at = datetime.combine(day, start) + timedelta(minutes=rng.choice((0, 15, 30)))
                    draft = BookingDraft(
                        starts_at=at,
                        member_id=next(who),
                        table_id=table_id,
                        minutes=120 if seats <= 6 else 150,
                        party_size=max(1, seats - rng.choice((0, 0, 1, 2))),
                        note=rng.choice(NOTES),
                    )
                    booking_id = _book(session, draft)
                    if booking_id is not None:
                        made.append((booking_id, at))
    _states(session, made, today, rng)
    return len(made)
