"""What staff did about a follow-up. Every outcome is a new event; nothing is overwritten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, current_language, translate
from ...models import (
    FOLLOWUP_DISMISSED,
    FOLLOWUP_DONE,
    FOLLOWUP_OPEN,
    Followup,
    FollowupEvent,
    FollowupRule,
    Staff,
)
from ..auth import Actor
from .texts import (
    ACTION_NAMES,
    CHANNEL_NAMES,
    E_BAD_ACTION,
    E_BAD_CHANNEL,
    E_CLOSED,
    E_COMPLAINT_OUTCOME,
    E_NOT_FOUND,
    E_SNOOZE_DATE,
    EV_CLOSED_BY_VISIT,
    EV_EXPIRED,
    KIND_COMPLAINT,
)

ACTIONS = ("done", "noanswer", "snooze", "dismiss")
CHANNELS = ("call", "message", "in_person")


@dataclass(frozen=True)
class OutcomeResult:
    followup_id: int
    event_id: int
    status: str
    snoozed_until: date | None
    attempts: int


@dataclass(frozen=True)
class HistoryEntry:
    event_id: int
    at: datetime
    action: str  # done | noanswer | snooze | dismiss | closed | expired
    action_text: str
    channel: str
    channel_text: str
    snooze_to: date | None
    note: str  # staff's note, or what the system did
    staff_id: int | None
    staff_name: str


def record_outcome(
    session: Session,
    followup_id: int,
    action: str,
    *,
    channel: str | None = None,
    snooze_to: date | None = None,
    note: str = "",
    actor: Actor,
    today: date | None = None,
) -> OutcomeResult:
    """Record what was done: done (by call, message, in person), noanswer (stays due and
    counts an attempt), snooze to a later date (reappears then), or dismiss."""
    if action not in ACTIONS:
        raise ShopError(E_BAD_ACTION, action=action)
    if channel is not None and channel not in CHANNELS:
        raise ShopError(E_BAD_CHANNEL, channel=channel)
    followup = session.get(Followup, followup_id)
    if followup is None:
        raise ShopError(E_NOT_FOUND, id=followup_id)
    if followup.status != FOLLOWUP_OPEN:
        raise ShopError(E_CLOSED, id=followup_id, status=followup.status)
    if action in ("done", "dismiss"):
        rule = session.get(FollowupRule, followup.rule_id)
        if rule is not None and rule.kind == KIND_COMPLAINT:
            raise ShopError(E_COMPLAINT_OUTCOME, id=followup_id)  # closed by resolving it
    today = today or clock.today()
    if action == "snooze":
        if snooze_to is None or snooze_to <= today:
            raise ShopError(
                E_SNOOZE_DATE,
                today=today.isoformat(),
                date=snooze_to.isoformat() if snooze_to else "",
            )
        followup.snoozed_until = snooze_to
    elif action in ("done", "dismiss"):
        followup.status = FOLLOWUP_DONE if action == "done" else FOLLOWUP_DISMISSED
        followup.closed_at = clock.now()
    event = FollowupEvent(
        followup_id=followup.id,
        action=action,
        channel=channel or "",
        snooze_to=snooze_to if action == "snooze" else None,
        note=note or "",
        staff_id=actor.staff_id if actor else None,
        created_at=clock.now(),
    )
    session.add(event)
    session.flush()
    attempts = len(
        session.scalars(
            select(FollowupEvent.id).where(
                FollowupEvent.followup_id == followup.id, FollowupEvent.action == "noanswer"
            )
        ).all()
    )
    return OutcomeResult(
        followup_id=followup.id,
        event_id=event.id,
        status=followup.status,
        snoozed_until=followup.snoozed_until,
        attempts=attempts,
    )


def followup_history(
    session: Session, followup_id: int, lang: str | None = None
) -> list[HistoryEntry]:
    """Every event of a follow-up, oldest first."""
    lang = lang or current_language()
    if session.get(Followup, followup_id) is None:
        raise ShopError(E_NOT_FOUND, id=followup_id)
    query = (
        select(FollowupEvent, Staff.name)
        .outerjoin(Staff, Staff.id == FollowupEvent.staff_id)
        .where(FollowupEvent.followup_id == followup_id)
        .order_by(FollowupEvent.id)
    )
    out = []
    for event, staff_name in session.execute(query):
        note = event.note
        if event.action == "closed":
            note = translate(EV_CLOSED_BY_VISIT, lang)
        elif event.action == "expired":
            note = translate(EV_EXPIRED, lang)
        action_id = ACTION_NAMES.get(event.action)
        channel_id = CHANNEL_NAMES.get(event.channel)
        out.append(
            HistoryEntry(
                event_id=event.id,
                at=event.created_at,
                action=event.action,
                action_text=translate(action_id, lang) if action_id else event.action,
                channel=event.channel,
                channel_text=translate(channel_id, lang) if channel_id else "",
                snooze_to=event.snooze_to,
                note=note,
                staff_id=event.staff_id,
                staff_name=staff_name or "",
            )
        )
    return out
