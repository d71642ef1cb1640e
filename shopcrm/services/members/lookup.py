"""Find the member a CLI `--member QUERY` means: exact phone, card number or member id.

Deliberately small: the members module's search will replace it (one function to repoint).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import MEMBER_ACTIVE, MEMBER_ERASED, MEMBER_MERGED, Member
from ..phones import normalize_phone

E_NO_MEMBER = define(
    "lookup.no_member", en="No member matches “{query}”.", zh="没有找到与“{query}”匹配的会员。"
)
E_AMBIGUOUS = define(
    "lookup.ambiguous",
    en="“{query}” matches several members ({ids}); use the member id.",
    zh="“{query}”匹配到多位会员（{ids}），请使用会员编号。",
)


def _follow_merge(session: Session, member: Member) -> Member:
    seen = set()
    while member.status == MEMBER_MERGED and member.merged_into_id and member.id not in seen:
        seen.add(member.id)
        target = session.get(Member, member.merged_into_id)
        if target is None:
            break
        member = target
    return member


def _pick(session: Session, query: str, found: list[Member]) -> int | None:
    found = [_follow_merge(session, m) for m in found]
    found = [m for m in {m.id: m for m in found}.values() if m.status != MEMBER_ERASED]
    if not found:
        return None
    active = [m for m in found if m.status == MEMBER_ACTIVE] or found
    if len(active) > 1:
        raise ShopError(E_AMBIGUOUS, query=query, ids=", ".join(str(m.id) for m in active))
    return active[0].id


def resolve_member(session: Session, query: str) -> int:
    """Member id for an exact phone number, a card number, or '#id' / a plain id."""
    text = str(query or "").strip()
    if not text:
        raise ShopError(E_NO_MEMBER, query=text)
    if text.startswith("#") and text[1:].isdigit():
        member = session.get(Member, int(text[1:]))
        if member is None:
            raise ShopError(E_NO_MEMBER, query=text)
        return _follow_merge(session, member).id
    try:
        phone = normalize_phone(text)
    except ShopError:
        phone = None
    if phone is not None:
        found = list(session.scalars(select(Member).where(Member.phone == phone.e164)))
        picked = _pick(session, text, found)
        if picked is not None:
            return picked
    picked = _pick(
        session, text, list(session.scalars(select(Member).where(Member.card_no == text)))
    )
    if picked is not None:
        return picked
    if text.isdigit() and len(text) <= 9:
        member = session.get(Member, int(text))
        if member is not None and member.status != MEMBER_ERASED:
            return _follow_merge(session, member).id
    raise ShopError(E_NO_MEMBER, query=text)
