"""Merging two records of one person, and the derived visit statistics on members.

Rules (see docs/members.md): visits and follow-ups move to the kept member; tags are united;
the kept member's empty fields and profile keys are filled from the other; notes are
appended; consent is kept only when both consented; each wallet account's balance moves by
a `merge_out` entry on the other's ledger and a `merge_in` entry on the kept one's (ledgers
stay append-only, so the other's history stays where it was written). The other record is
kept with status 'merged' and `merged_into_id`, so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import (
    MEMBER_ACTIVE,
    MEMBER_ARCHIVED,
    MEMBER_MERGED,
    Followup,
    FollowupEvent,
    Member,
    MemberCard,
    MemberTag,
    Visit,
)
from ..audit import record
from ..auth import Actor
from ..visits.stats import refresh_member_stats
from .core import check_card_free, check_phone_free, flush_member, load_member

E_MERGE_SELF = define(
    "members.merge_self", en="A member cannot be merged with itself", zh="不能把会员与自己合并"
)
E_MERGE_STATUS = define(
    "members.merge_status",
    en="Member #{id} is {status}; only active or archived members merge",
    zh="会员 #{id} 状态为{status}，只能合并在册或已归档的会员",
)

_FILLABLE = ("gender", "card_no", "level", "source", "referred_by_id")
_BIRTHDAY = ("birthday_kind", "birth_year", "birth_month", "birth_day", "birth_leap")


@dataclass(frozen=True)
class MergeResult:
    keep_id: int
    other_id: int
    visits_moved: int
    followups_moved: int
    balances_moved: dict[str, Decimal]
    tags_added: tuple[str, ...]
    fields_filled: tuple[str, ...]


def merge_members(
    session: Session, keep_id: int, other_id: int, *, actor: Actor
) -> MergeResult:
    """Fold member `other_id` into `keep_id` (see the module docstring for the rules)."""
    if keep_id == other_id:
        raise ShopError(E_MERGE_SELF)
    keep, other = load_member(session, keep_id), load_member(session, other_id)
    for m in (keep, other):
        if m.status not in (MEMBER_ACTIVE, MEMBER_ARCHIVED):
            raise ShopError(E_MERGE_STATUS, id=m.id, status=m.status)
    filled = _fill_fields(keep, other)
    tags_added = _merge_tags(session, keep, other)
    other_was_active = other.status == MEMBER_ACTIVE
    other.status, other.merged_into_id = MEMBER_MERGED, keep.id
    flush_member(session, None, None, other.id)  # frees the phone and card before keep takes them
    if other_was_active and keep.status != MEMBER_ACTIVE:
        check_phone_free(session, keep.phone or other.phone, keep.id)
        keep.status = MEMBER_ACTIVE
    if not keep.phone and other.phone:
        check_phone_free(session, other.phone, keep.id)
        keep.phone, keep.phone_digits, keep.phone_rev = (
            other.phone,
            other.phone_digits,
            other.phone_rev,
        )
        filled.append("phone")
    if keep.card_no and keep.status == MEMBER_ACTIVE:
        check_card_free(session, keep.card_no, keep.id)
    flush_member(session, keep.phone, keep.card_no, keep.id)

    moved = (
        session.execute(
            update(Visit)
            .where(Visit.member_id == other.id)
            .values(member_id=keep.id, version=Visit.version + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        or 0
    )
    followups = _move_followups(session, keep.id, other.id)
    session.execute(  # count cards (services/cards) go with the member, their ledgers with them
        update(MemberCard)
        .where(MemberCard.member_id == other.id)
        .values(member_id=keep.id)
        .execution_options(synchronize_session=False)
    )
    balances = _move_balances(session, keep.id, other.id, actor)
    session.execute(
        update(Member)
        .where(Member.referred_by_id == other.id)
        .values(referred_by_id=keep.id)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Member)
        .where(Member.merged_into_id == other.id, Member.id != keep.id)
        .values(merged_into_id=keep.id)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    refresh_member_stats(session, [keep.id, other.id])
    for obj in session.identity_map.values():
        if isinstance(obj, Visit | Member) and obj not in (keep, other):
            session.expire(obj)
    record(
        session,
        actor,
        "member",
        keep.id,
        "merge",
        other_id=other.id,
        visits=moved,
        followups=followups,
        balances={k: str(v) for k, v in balances.items()},
        tags=list(tags_added),
        fields=filled,
    )
    return MergeResult(
        keep.id, other.id, moved, followups, balances, tuple(tags_added), tuple(filled)
    )


def _fill_fields(keep: Member, other: Member) -> list[str]:
    filled: list[str] = []
    for name in _FILLABLE:
        if not getattr(keep, name) and getattr(other, name) and getattr(other, name) != keep.id:
            setattr(keep, name, getattr(other, name))
            filled.append(name)
    if "level" in filled:  # the label came over: its level (and pricing) with it
        keep.level_id = other.level_id
    if not keep.birthday_kind and other.birthday_kind:
        for name in _BIRTHDAY:
            setattr(keep, name, getattr(other, name))
        filled.append("birthday")
    if other.join_date and (keep.join_date is None or other.join_date < keep.join_date):
        keep.join_date = other.join_date
        filled.append("join_date")
    if not other.consent_marketing and keep.consent_marketing:
        keep.consent_marketing = False
        filled.append("consent_marketing")
    profile = dict(keep.profile or {})
    gaps = {
        k: v
        for k, v in (other.profile or {}).items()
        if v not in (None, "") and profile.get(k) in (None, "")
    }
    if gaps:
        profile.update(gaps)
        keep.profile = profile
        filled.extend(f"profile.{k}" for k in sorted(gaps))
    note = (other.notes or "").strip()
    if note and note not in (keep.notes or ""):
        header = f"[#{other.id} {other.name}]"
        keep.notes = f"{keep.notes}\n{header} {note}".strip() if keep.notes else f"{header} {note}"
        filled.append("notes")
    return filled


def _merge_tags(session: Session, keep: Member, other: Member) -> list[str]:
    have = {t.tag for t in keep.tags}
    new = sorted({t.tag for t in other.tags} - have)
    for tag in new:
        keep.tags.append(MemberTag(tag=tag))
    return new


def _move_followups(session: Session, keep_id: int, other_id: int) -> int:
    """Move follow-ups; one occasion both records have keeps the kept member's row and gets
    the other's outcome history (its events), so no outcome is lost."""
    mine = {
        (f.rule_id, f.occasion_date): f
        for f in session.scalars(select(Followup).where(Followup.member_id == keep_id))
    }
    moved = 0
    for fu in session.scalars(select(Followup).where(Followup.member_id == other_id)).all():
        twin = mine.get((fu.rule_id, fu.occasion_date))
        if twin is None:
            fu.member_id = keep_id
            moved += 1
            continue
        session.execute(
            update(FollowupEvent)
            .where(FollowupEvent.followup_id == fu.id)
            .values(followup_id=twin.id)
            .execution_options(synchronize_session=False)
        )
        if twin.status == "open" and fu.status != "open":
            twin.status, twin.closed_at = fu.status, fu.closed_at
        session.expire(fu, ["events"])
        session.flush()
        session.execute(
            delete(Followup)
            .where(Followup.id == fu.id)
            .execution_options(synchronize_session=False)
        )
        session.expunge(fu)
        moved += 1
    session.flush()
    return moved


def _move_balances(
    session: Session, keep_id: int, other_id: int, actor: Actor
) -> dict[str, Decimal]:
    """Move each non-zero balance to the kept member (merge_out / merge_in entries, written
    by the wallet, principal and bonus kept apart)."""
    from ..wallet import transfer_balances

    return transfer_balances(session, other_id, keep_id, actor=actor)
