"""Making bookings and moving them through their states.

No double booking: a live booking claims a `booking_slots` row per 5-minute slot for its
staff member and its table. The check below (`_conflict`) only words the refusal; what
refuses is the primary key of `booking_slots`: two counters that pass the check at the
same moment both insert their claims, and the database lets exactly one commit (the other
gets an IntegrityError, turned into `E_TAKEN_RACE` here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, Word
from ...models import Followup, FollowupRule, Member, Service, Staff, Visit
from ...models.booking import (
    BOOKING_ARRIVED,
    BOOKING_BOOKED,
    BOOKING_CANCELLED,
    BOOKING_DONE,
    BOOKING_NOSHOW,
    LIVE_STATES,
    SLOT_MINUTES,
    Booking,
    BookingSlot,
    BookingTable,
)
from ...models.followup import FOLLOWUP_DISMISSED, FOLLOWUP_OPEN
from ..audit import record
from ..auth import PERM_VISITS_LOG, Actor, require_permission
from ..followups.rules import DEFAULT_PARAMS
from ..followups.texts import DEFAULT_TEMPLATES, KIND_BOOKING
from ..phones import normalize_phone
from .texts import (
    ACTIONS,
    E_BY,
    E_MINUTES,
    E_NOT_FOUND,
    E_PARTY,
    E_REASON,
    E_STATE,
    E_STEP,
    E_TAKEN,
    E_TAKEN_RACE,
    E_VISIT,
    E_WHO,
    STATE_NAMES,
)

MIN_MINUTES, MAX_MINUTES = SLOT_MINUTES, 24 * 60
MAX_PARTY = 200
DEFAULT_MINUTES = 60  # no service with a duration, no --minutes


@dataclass(frozen=True)
class BookingDraft:
    """What a counter types for a new booking."""

    starts_at: datetime
    member_id: int | None = None
    guest_name: str = ""
    guest_phone: str = ""
    staff_id: int | None = None  # None: anyone
    table_id: int | None = None
    service_ids: tuple[int, ...] = ()
    minutes: int | None = None  # None: the services' durations (or DEFAULT_MINUTES)
    party_size: int | None = None
    note: str = ""


def resource_keys(staff_id: int | None, table_id: int | None) -> list[str]:
    keys = []
    if staff_id is not None:
        keys.append(f"staff:{staff_id}")
    if table_id is not None:
        keys.append(f"table:{table_id}")
    return keys


def slots(start: datetime, end: datetime) -> list[datetime]:
    step = timedelta(minutes=SLOT_MINUTES)
    out, at = [], start
    while at < end:
        out.append(at)
        at += step
    return out


def _check_step(when: datetime) -> None:
    if when.second or when.microsecond or when.minute % SLOT_MINUTES:
        raise ShopError(E_STEP, step=SLOT_MINUTES, time=when.strftime("%H:%M:%S"))


def services_minutes(session: Session, service_ids: tuple[int, ...]) -> int:
    """The booking's length from its services' durations (each rounded up to a step)."""
    if not service_ids:
        return DEFAULT_MINUTES
    query = select(Service.id, Service.duration_min).where(Service.id.in_(service_ids))
    rows = dict(session.execute(query).all())
    total = sum(int(rows.get(sid) or 0) for sid in service_ids)
    if total <= 0:
        return DEFAULT_MINUTES
    return -(-total // SLOT_MINUTES) * SLOT_MINUTES


def _resource_name(session: Session, key: str) -> str:
    kind, _, ident = key.partition(":")
    model: Any = Staff if kind == "staff" else BookingTable
    row = session.get(model, int(ident))
    return row.name if row is not None else key


def _conflict(
    session: Session, keys: list[str], start: datetime, end: datetime, exclude: int | None
) -> None:
    """Raise E_TAKEN naming the booking that already holds a slot (a kind refusal)."""
    if not keys:
        return
    query = (
        select(BookingSlot.resource, Booking.id, Booking.starts_at, Booking.ends_at)
        .join(Booking, Booking.id == BookingSlot.booking_id)
        .where(
            BookingSlot.resource.in_(keys),
            BookingSlot.slot_at >= start,
            BookingSlot.slot_at < end,
        )
        .limit(1)
    )
    if exclude is not None:
        query = query.where(BookingSlot.booking_id != exclude)
    row = session.execute(query).first()
    if row is not None:
        raise ShopError(
            E_TAKEN,
            resource=_resource_name(session, row.resource),
            start=row.starts_at.strftime("%m-%d %H:%M"),
            end=row.ends_at.strftime("%H:%M"),
            id=row.id,
        )


def claim(session: Session, booking: Booking) -> None:
    """Insert the booking's slot claims; the database refuses a slot already held."""
    keys = resource_keys(booking.staff_id, booking.table_id)
    rows = [
        {"resource": key, "slot_at": at, "booking_id": booking.id}
        for key in keys
        for at in slots(booking.starts_at, booking.ends_at)
    ]
    if not rows:
        return
    try:
        session.execute(insert(BookingSlot), rows)
    except IntegrityError as exc:
        if "booking_slots" in str(exc.orig) or "pk_booking_slots" in str(exc.orig):
            raise ShopError(E_TAKEN_RACE) from exc
        raise


def release(session: Session, booking_id: int) -> None:
    session.execute(delete(BookingSlot).where(BookingSlot.booking_id == booking_id))


def _member_or_guest(session: Session, draft: BookingDraft) -> tuple[int | None, str, str]:
    if draft.member_id is not None:
        if session.get(Member, draft.member_id) is None:
            raise ShopError(E_WHO)
        return draft.member_id, "", ""
    name = draft.guest_name.strip()[:100]
    if not name or not draft.guest_phone.strip():
        raise ShopError(E_WHO)
    phone = normalize_phone(draft.guest_phone).e164
    existing = session.scalar(select(Member.id).where(Member.phone == phone).limit(1))
    if existing is not None:  # the "newcomer" is a member already: book them as one
        return existing, "", ""
    return None, name, phone


def ensure_reminder_rule(session: Session) -> None:
    """The "booking tomorrow" follow-up rule, added with a shop's first booking (so shops
    without bookings keep their four rules)."""
    if session.scalar(select(FollowupRule.id).where(FollowupRule.kind == KIND_BOOKING).limit(1)):
        return
    session.add(
        FollowupRule(
            kind=KIND_BOOKING, name="", active=True, builtin=True,
            params=dict(DEFAULT_PARAMS[KIND_BOOKING]), sort_order=50,
            template_zh=DEFAULT_TEMPLATES[KIND_BOOKING]["zh"],
            template_en=DEFAULT_TEMPLATES[KIND_BOOKING]["en"],
        )
    )  # fmt: skip


def create_booking(session: Session, draft: BookingDraft, *, actor: Actor) -> int:
    """Book; returns the id. Refused when the staff member or table is taken meanwhile."""
    require_permission(actor, PERM_VISITS_LOG)
    _check_step(draft.starts_at)
    minutes = (
        draft.minutes if draft.minutes is not None else services_minutes(session, draft.service_ids)
    )
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ShopError(E_MINUTES, low=MIN_MINUTES, high=MAX_MINUTES, minutes=minutes)
    if minutes % SLOT_MINUTES:
        raise ShopError(E_STEP, step=SLOT_MINUTES, time=f"+{minutes}min")
    if draft.party_size is not None and not 1 <= draft.party_size <= MAX_PARTY:
        raise ShopError(E_PARTY, high=MAX_PARTY, size=draft.party_size)
    member_id, guest_name, guest_phone = _member_or_guest(session, draft)
    start = draft.starts_at
    end = start + timedelta(minutes=minutes)
    keys = resource_keys(draft.staff_id, draft.table_id)
    _conflict(session, keys, start, end, None)
    booking = Booking(
        member_id=member_id,
        guest_name=guest_name,
        guest_phone=guest_phone,
        staff_id=draft.staff_id,
        table_id=draft.table_id,
        starts_at=start,
        ends_at=end,
        service_ids=list(draft.service_ids),
        party_size=draft.party_size,
        note=draft.note.strip()[:500],
        state=BOOKING_BOOKED,
        created_by_id=actor.staff_id,
    )
    session.add(booking)
    ensure_reminder_rule(session)
    session.flush()
    claim(session, booking)
    record(
        session, actor, "booking", booking.id, "create",
        start=start.isoformat(timespec="minutes"), minutes=minutes,
        staff_id=draft.staff_id, table_id=draft.table_id,
    )  # fmt: skip
    return booking.id


def load_booking(session: Session, booking_id: int) -> Booking:
    booking = session.get(Booking, booking_id)
    if booking is None:
        raise ShopError(E_NOT_FOUND, id=booking_id)
    return booking


def _move(
    session: Session,
    booking_id: int,
    action: str,
    allowed: tuple[str, ...],
    new_state: str,
    actor: Actor,
    **values: Any,
) -> Booking:
    require_permission(actor, PERM_VISITS_LOG)
    booking = load_booking(session, booking_id)
    if booking.state not in allowed:
        raise ShopError(
            E_STATE,
            id=booking_id,
            state=Word(STATE_NAMES[booking.state]),
            action=Word(ACTIONS[action]),
        )
    booking.state = new_state
    booking.state_at = clock.now()
    booking.state_by_id = actor.staff_id
    for key, value in values.items():
        setattr(booking, key, value)
    if new_state not in LIVE_STATES:
        release(session, booking.id)
    if new_state in (BOOKING_NOSHOW, BOOKING_CANCELLED):
        _drop_reminder(session, booking)
    session.flush()
    record(session, actor, "booking", booking.id, action, **{k: v for k, v in values.items()})
    return booking


def _drop_reminder(session: Session, booking: Booking) -> None:
    """An open day-before reminder for a booking that will not happen is dismissed (when
    the member has no other live booking that day)."""
    if booking.member_id is None:
        return
    day = booking.starts_at.date()
    day_start = datetime.combine(day, datetime.min.time())
    others = session.scalar(
        select(Booking.id)
        .where(
            Booking.member_id == booking.member_id,
            Booking.id != booking.id,
            Booking.state.in_(LIVE_STATES),
            Booking.starts_at >= day_start,
            Booking.starts_at < day_start + timedelta(days=1),
        )
        .limit(1)
    )
    if others is not None:
        return
    rules = select(FollowupRule.id).where(FollowupRule.kind == KIND_BOOKING)
    session.execute(
        update(Followup)
        .where(
            Followup.member_id == booking.member_id,
            Followup.rule_id.in_(rules),
            Followup.occasion_date == day,
            Followup.status == FOLLOWUP_OPEN,
        )
        .values(status=FOLLOWUP_DISMISSED, closed_at=clock.now())
        .execution_options(synchronize_session=False)
    )


def arrive(session: Session, booking_id: int, *, actor: Actor) -> int:
    """The guest is here (the visit dialog opens next). Returns the booking id.

    A newcomer booked with a name and phone becomes a member now (or is linked to the
    member who has that phone meanwhile), so the visit fills the CRM with no extra typing.
    """
    booking = _move(session, booking_id, "arrive", (BOOKING_BOOKED,), BOOKING_ARRIVED, actor)
    if booking.member_id is None and booking.guest_phone:
        from ..members.core import MemberForm, create_member

        found = session.scalar(
            select(Member.id).where(Member.phone == booking.guest_phone).limit(1)
        )
        booking.member_id = found or create_member(
            session,
            MemberForm(name=booking.guest_name, phone=booking.guest_phone, source="booking"),
            actor=actor,
        )
        session.flush()
    return booking.id


def mark_noshow(session: Session, booking_id: int, *, actor: Actor) -> int:
    return _move(session, booking_id, "noshow", (BOOKING_BOOKED,), BOOKING_NOSHOW, actor).id


def cancel(
    session: Session, booking_id: int, reason: str, *, by: str = "client", actor: Actor
) -> int:
    """Cancel with a reason, by the client or by the shop."""
    if by not in ("client", "shop"):
        raise ShopError(E_BY, by=by)
    reason = (reason or "").strip()[:500]
    if not reason:
        raise ShopError(E_REASON)
    return _move(
        session, booking_id, "cancel", LIVE_STATES, BOOKING_CANCELLED, actor,
        reason=reason, cancelled_by=by,
    ).id  # fmt: skip


def complete(session: Session, booking_id: int, visit_id: int, *, actor: Actor) -> int:
    """The booking became visit `visit_id` (saved in the same transaction as the visit)."""
    if session.get(Visit, visit_id) is None:
        raise ShopError(E_VISIT, id=visit_id)
    return _move(
        session, booking_id, "complete", LIVE_STATES, BOOKING_DONE, actor, visit_id=visit_id
    ).id
