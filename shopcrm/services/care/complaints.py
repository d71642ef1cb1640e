"""Complaints to resolution (投诉处理).

A complaint comes from a visit (its complaint text, picked up when follow-ups are raised)
or is entered on the member. Each opens a complaint follow-up for the owner, due the same
day, which stays on the list until the complaint is resolved (with what was done: redo,
refund, apology, voucher) or dropped. States: open → contacted → resolved | dropped. Every
change is audited; nothing is overwritten except the complaint's current state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define, translate
from ...models import (
    COMPLAINT_CONTACTED,
    COMPLAINT_DROPPED,
    COMPLAINT_LIVE,
    COMPLAINT_OPEN,
    COMPLAINT_RESOLVED,
    FOLLOWUP_DISMISSED,
    FOLLOWUP_DONE,
    FOLLOWUP_OPEN,
    Complaint,
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    Service,
    Staff,
    Visit,
)
from ..audit import record
from ..auth import Actor
from ..followups import KIND_COMPLAINT, ensure_default_rules

RESOLUTIONS = ("redo", "refund", "apology", "voucher")
STATUSES = (COMPLAINT_OPEN, COMPLAINT_CONTACTED, COMPLAINT_RESOLVED, COMPLAINT_DROPPED)

E_NOT_FOUND = define(
    "care.complaint_not_found", en="No complaint with number {id}.", zh="找不到编号为 {id} 的投诉。"
)
E_CLOSED = define(
    "care.complaint_closed",
    en="Complaint {id} is already {status}.",
    zh="投诉 {id} 已经是“{status}”状态。",
)
E_EMPTY = define(
    "care.complaint_empty", en="Say what the complaint is about.", zh="请填写投诉内容。"
)
E_MEMBER = define(
    "care.complaint_member", en="No member with number {id}.", zh="找不到编号为 {id} 的会员。"
)
E_VISIT = define(
    "care.complaint_visit", en="No visit with number {id}.", zh="找不到编号为 {id} 的消费记录。"
)
E_RESOLUTION = define(
    "care.complaint_resolution",
    en="Resolve with redo, refund, apology or voucher, not {value!r}.",
    zh="处理方式须为 redo（返工）、refund（退款）、apology（道歉）或 voucher（代金券），不能是 {value!r}。",
)
STATUS_NAMES = {
    COMPLAINT_OPEN: define("care.complaint.open", en="open", zh="待处理"),
    COMPLAINT_CONTACTED: define("care.complaint.contacted", en="contacted", zh="已联系"),
    COMPLAINT_RESOLVED: define("care.complaint.resolved", en="resolved", zh="已解决"),
    COMPLAINT_DROPPED: define("care.complaint.dropped", en="dropped", zh="已放弃"),
}
RESOLUTION_NAMES = {
    "redo": define("care.resolution.redo", en="redo", zh="返工"),
    "refund": define("care.resolution.refund", en="refund", zh="退款"),
    "apology": define("care.resolution.apology", en="apology", zh="道歉"),
    "voucher": define("care.resolution.voucher", en="voucher", zh="代金券"),
}


@dataclass(frozen=True)
class ComplaintInfo:
    id: int
    member_id: int
    member_name: str
    text: str
    source: str  # visit | member
    status: str
    status_text: str
    resolution: str
    resolution_text: str
    resolution_note: str
    opened_at: datetime
    contacted_at: datetime | None
    closed_at: datetime | None
    staff_name: str
    service_name: str
    visit_id: int | None
    followup_id: int | None
    hours_to_resolve: float | None  # resolved ones: opened → resolved


def _rule_id(session: Session) -> int:
    ensure_default_rules(session)
    rule_id = session.scalar(
        select(FollowupRule.id)
        .where(FollowupRule.kind == KIND_COMPLAINT)
        .order_by(FollowupRule.builtin.desc(), FollowupRule.id)
    )
    assert rule_id is not None  # ensure_default_rules made it
    return rule_id


def complaint_followup(session: Session, complaint: Complaint) -> Followup | None:
    """The complaint's follow-up: linked, or raised for its member and day (and then linked)."""
    if complaint.followup_id is not None:
        return session.get(Followup, complaint.followup_id)
    found = session.scalar(
        select(Followup).where(
            Followup.member_id == complaint.member_id,
            Followup.rule_id == _rule_id(session),
            Followup.occasion_date == complaint.opened_at.date(),
        )
    )
    if found is not None:
        complaint.followup_id = found.id
    return found


def _open_followup(session: Session, complaint: Complaint) -> None:
    found = complaint_followup(session, complaint)
    if found is None:
        day = complaint.opened_at.date()
        found = Followup(
            member_id=complaint.member_id,
            rule_id=_rule_id(session),
            occasion_date=day,
            due_date=day,
            status=FOLLOWUP_OPEN,
            visit_id=complaint.visit_id,
            service_id=complaint.service_id,
            detail={"complaint_id": complaint.id, "text": complaint.text[:200]},
            created_at=clock.now(),
        )
        session.add(found)
        session.flush()
        complaint.followup_id = found.id


def open_complaint(
    session: Session,
    member_id: int,
    text: str,
    *,
    actor: Actor,
    visit_id: int | None = None,
    staff_id: int | None = None,
    service_id: int | None = None,
) -> ComplaintInfo:
    """Enter a complaint on a member (or on one of their visits) and open its follow-up."""
    text = (text or "").strip()
    if not text:
        raise ShopError(E_EMPTY)
    member = session.get(Member, member_id)
    if member is None:
        raise ShopError(E_MEMBER, id=member_id)
    opened = clock.now()
    if visit_id is not None:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.member_id != member_id:
            raise ShopError(E_VISIT, id=visit_id)
        existing = session.scalar(select(Complaint).where(Complaint.visit_id == visit_id))
        if existing is not None:  # the visit's complaint: add to its text
            existing.text = f"{existing.text}\n{text}".strip()
            session.flush()
            return complaint_info(session, existing.id)
        if visit.lines:
            staff_id = staff_id or visit.lines[0].staff_id
            service_id = service_id or visit.lines[0].service_id
    complaint = Complaint(
        member_id=member_id,
        visit_id=visit_id,
        staff_id=staff_id,
        service_id=service_id,
        text=text,
        source="visit" if visit_id else "member",
        status=COMPLAINT_OPEN,
        opened_at=opened,
        created_by=actor.staff_id,
    )
    session.add(complaint)
    session.flush()
    _open_followup(session, complaint)
    record(session, actor, "complaint", complaint.id, "open", member_id=member_id, text=text)
    return complaint_info(session, complaint.id)


def open_visit_complaint(session: Session, visit_id: int, *, actor: Actor) -> ComplaintInfo | None:
    """Open the complaint typed on a member's visit right away (the counter's visit dialog,
    `visit add --complaint`), instead of waiting for the next raise of follow-ups to pick it
    up. None for a walk-in or an empty text; once per visit (a second call changes nothing)."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.member_id is None or not (visit.complaint or "").strip():
        return None
    if session.scalar(select(Complaint.id).where(Complaint.visit_id == visit_id)) is not None:
        return None
    return open_complaint(session, visit.member_id, visit.complaint, actor=actor, visit_id=visit_id)


def _live(session: Session, complaint_id: int) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise ShopError(E_NOT_FOUND, id=complaint_id)
    if complaint.status not in COMPLAINT_LIVE:
        raise ShopError(E_CLOSED, id=complaint_id, status=translate(STATUS_NAMES[complaint.status]))
    return complaint


def _others_live(session: Session, complaint: Complaint, followup_id: int) -> bool:
    """Whether another live complaint shares the follow-up (two complaints of one member on
    one day share it): it stays on the list until the last of them is closed."""
    return (
        session.scalar(
            select(Complaint.id).where(
                Complaint.followup_id == followup_id,
                Complaint.id != complaint.id,
                Complaint.status.in_(COMPLAINT_LIVE),
            )
        )
        is not None
    )


def _event(session: Session, complaint: Complaint, action: str, note: str, actor: Actor) -> None:
    followup = complaint_followup(session, complaint)
    if followup is None:
        return
    if action in ("done", "dismiss") and not _others_live(session, complaint, followup.id):
        followup.status = FOLLOWUP_DONE if action == "done" else FOLLOWUP_DISMISSED
        followup.closed_at = clock.now()
    session.add(
        FollowupEvent(
            followup_id=followup.id,
            action=action,
            channel="",
            note=note,
            staff_id=actor.staff_id,
            created_at=clock.now(),
        )
    )


def contact_complaint(
    session: Session, complaint_id: int, note: str = "", *, actor: Actor
) -> ComplaintInfo:
    """The member was contacted; the complaint stays on the list until resolved."""
    complaint = _live(session, complaint_id)
    complaint.status = COMPLAINT_CONTACTED
    complaint.contacted_at = complaint.contacted_at or clock.now()
    _event(session, complaint, "contacted", note, actor)
    session.flush()
    record(session, actor, "complaint", complaint.id, "contact", note=note)
    return complaint_info(session, complaint.id)


def resolve_complaint(
    session: Session, complaint_id: int, how: str, note: str = "", *, actor: Actor
) -> ComplaintInfo:
    """Resolved by `how` (redo, refund, apology, voucher); closes its follow-up (done)."""
    if how not in RESOLUTIONS:
        raise ShopError(E_RESOLUTION, value=how)
    complaint = _live(session, complaint_id)
    complaint.status = COMPLAINT_RESOLVED
    complaint.resolution = how
    complaint.resolution_note = note
    complaint.closed_at = clock.now()
    _event(session, complaint, "done", note, actor)
    session.flush()
    record(session, actor, "complaint", complaint.id, "resolve", how=how, note=note)
    return complaint_info(session, complaint.id)


def drop_complaint(
    session: Session, complaint_id: int, note: str = "", *, actor: Actor
) -> ComplaintInfo:
    """Given up on (the member cannot be reached, or it was not a complaint)."""
    complaint = _live(session, complaint_id)
    complaint.status = COMPLAINT_DROPPED
    complaint.resolution_note = note
    complaint.closed_at = clock.now()
    _event(session, complaint, "dismiss", note, actor)
    session.flush()
    record(session, actor, "complaint", complaint.id, "drop", note=note)
    return complaint_info(session, complaint.id)


_SELECT = (
    select(Complaint, Member.name, Staff.name, Service.name)
    .join(Member, Member.id == Complaint.member_id)
    .outerjoin(Staff, Staff.id == Complaint.staff_id)
    .outerjoin(Service, Service.id == Complaint.service_id)
)


def _info(row: tuple, lang: str | None) -> ComplaintInfo:
    c, member_name, staff_name, service_name = row
    hours = None
    if c.status == COMPLAINT_RESOLVED and c.closed_at:
        hours = round((c.closed_at - c.opened_at).total_seconds() / 3600, 1)
    return ComplaintInfo(
        id=c.id,
        member_id=c.member_id,
        member_name=member_name,
        text=c.text,
        source=c.source,
        status=c.status,
        status_text=translate(STATUS_NAMES[c.status], lang),
        resolution=c.resolution,
        resolution_text=translate(RESOLUTION_NAMES[c.resolution], lang) if c.resolution else "",
        resolution_note=c.resolution_note,
        opened_at=c.opened_at,
        contacted_at=c.contacted_at,
        closed_at=c.closed_at,
        staff_name=staff_name or "",
        service_name=service_name or "",
        visit_id=c.visit_id,
        followup_id=c.followup_id,
        hours_to_resolve=hours,
    )


def complaint_info(session: Session, complaint_id: int, lang: str | None = None) -> ComplaintInfo:
    row = session.execute(_SELECT.where(Complaint.id == complaint_id)).first()
    if row is None:
        raise ShopError(E_NOT_FOUND, id=complaint_id)
    return _info(tuple(row), lang)


def list_complaints(
    session: Session,
    *,
    live_only: bool = False,
    member_id: int | None = None,
    since: date | None = None,
    lang: str | None = None,
) -> list[ComplaintInfo]:
    """Complaints, live ones (open, contacted) first, then newest first."""
    query = _SELECT
    if live_only:
        query = query.where(Complaint.status.in_(COMPLAINT_LIVE))
    if member_id is not None:
        query = query.where(Complaint.member_id == member_id)
    if since is not None:
        query = query.where(Complaint.opened_at >= clock.day_bounds(since)[0])
    rows = session.execute(query.order_by(Complaint.opened_at.desc(), Complaint.id.desc())).all()
    infos = [_info(tuple(r), lang) for r in rows]
    return sorted(infos, key=lambda i: i.status not in COMPLAINT_LIVE)


def complaint_of_followup(session: Session, followup_id: int) -> int | None:
    """The complaint a complaint follow-up is about (the oldest live one when two share it),
    so the Follow-ups screen can open it on the Care screen; None when there is none."""
    rows = session.execute(
        select(Complaint.id, Complaint.status)
        .where(Complaint.followup_id == followup_id)
        .order_by(Complaint.opened_at, Complaint.id)
    ).all()
    live = [cid for cid, status in rows if status in COMPLAINT_LIVE]
    if live or rows:
        return (live or [rows[0][0]])[0]
    followup = session.get(Followup, followup_id)
    found = (followup.detail or {}).get("complaint_id") if followup is not None else None
    return int(found) if found and session.get(Complaint, int(found)) is not None else None


def member_open_complaints(session: Session, member_id: int) -> int:
    """How many of a member's complaints are not resolved yet (the card shows them in red)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(Complaint)
            .where(Complaint.member_id == member_id, Complaint.status.in_(COMPLAINT_LIVE))
        )
        or 0
    )
