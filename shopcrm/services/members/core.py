"""Member records: create, update (optimistic), archive/restore, tags, the counter card."""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ... import clock
from ...i18n import ShopError, Word, define
from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED, Member, MemberTag
from .. import levels
from ..audit import record
from ..auth import Actor
from ..birthdays import Birthday, birthday_columns, birthday_from_columns, parse_birthday
from ..names import name_keys
from ..phones import Phone, clean_phone_text, display_phone, normalize_phone
from ..settings import get_setting
from . import name_grams
from .fields import clean_profile

MAX_NAME, MAX_TAG, MAX_CARD, MAX_LEVEL, MAX_SOURCE, MAX_NOTES = 100, 40, 40, 40, 60, 5000

E_NOT_FOUND = define("members.not_found", en="No member #{id}", zh="没有编号为 {id} 的会员")
E_NAME_REQUIRED = define("members.name_required", en="A member needs a name", zh="会员需要填写姓名")
E_NAME_LONG = define(
    "members.name_long", en="The name is longer than {max} characters", zh="姓名超过 {max} 个字符"
)
E_PHONE_TAKEN = define(
    "members.phone_taken",
    en="Phone {phone} already belongs to {name} (member #{id}); find that member instead, "
    "or archive one of the two records",
    zh="手机号 {phone} 已属于会员 {name}（#{id}）；请直接查找该会员，或将其中一条记录归档",
)
E_CARD_TAKEN = define(
    "members.card_taken",
    en="Card number {card} already belongs to {name} (member #{id})",
    zh="卡号 {card} 已属于会员 {name}（#{id}）",
)
E_TOO_LONG = define(
    "members.too_long",
    en="{field} has {length} characters; at most {max} are allowed (nothing was cut: shorten it)",
    zh="{field}有 {length} 个字符，最多允许 {max} 个（未作截断：请缩短）",
)
E_TAG_LONG = define(
    "members.tag_long",
    en="The tag “{tag}” has {length} characters; at most {max} are allowed",
    zh="标签“{tag}”有 {length} 个字符，最多允许 {max} 个",
)
FIELD_WORDS = {
    "notes": define("members.field.notes", en="The notes", zh="备注"),
    "level": define("members.field.level", en="The level", zh="等级"),
    "source": define("members.field.source", en="The source", zh="来源"),
}
E_CARD_LONG = define(
    "members.card_long", en="Card number longer than {max} characters", zh="卡号超过 {max} 个字符"
)
E_CONFLICT = define(
    "members.conflict",
    en="This member was changed at another counter while you were editing; "
    "reopen the member and make your change again",
    zh="您编辑期间，该会员已在另一台前台电脑上被修改；请重新打开该会员后再修改",
)
E_NOT_EDITABLE = define(
    "members.not_editable",
    en="Member #{id} was {status} and can no longer be edited",
    zh="会员 #{id} 已{status}，不能再修改",
)
E_GENDER = define(
    "members.gender",
    en="Gender “{value}” not understood (F/M, 女/男)",
    zh="无法识别性别“{value}”（女/男，F/M）",
)
E_REFERRER = define(
    "members.referrer", en="Referring member #{id} does not exist", zh="推荐人会员 #{id} 不存在"
)
E_UNKNOWN_FIELD = define(
    "members.unknown_change", en="Unknown member field “{field}”", zh="未知的会员字段“{field}”"
)
E_ALREADY = define(
    "members.already_status",
    en="Member #{id} is already {status}",
    zh="会员 #{id} 已是{status}状态",
)

_GENDERS = {
    "f": "F",
    "female": "F",
    "女": "F",
    "女士": "F",
    "w": "F",
    "woman": "F",
    "m": "M",
    "male": "M",
    "男": "M",
    "先生": "M",
    "man": "M",
    "": "",
}
_TAG_SPLIT = re.compile(r"[,，、;；|\n]+")


@dataclass(frozen=True)
class MemberForm:
    """What a person types for a member. Unset optional fields stay empty."""

    name: str
    phone: str | None = None
    card_no: str | None = None
    gender: str = ""
    birthday: Birthday | str | None = None
    level: str = ""
    join_date: date | None = None
    source: str = ""
    referred_by_id: int | None = None
    notes: str = ""
    consent_marketing: bool = True
    tags: tuple[str, ...] = ()
    profile: dict[str, Any] = field(default_factory=dict)


FORM_FIELDS = tuple(f.name for f in fields(MemberForm))


@dataclass(frozen=True)
class MemberCard:
    """Everything the counter card shows about a member (visits and wallet come elsewhere)."""

    id: int
    name: str
    phone: str | None  # E.164
    phone_display: str
    card_no: str | None
    gender: str
    birthday: Birthday | None
    level: str
    join_date: date
    source: str
    referred_by_id: int | None
    referred_by_name: str
    notes: str
    consent_marketing: bool
    tags: tuple[str, ...]
    profile: dict[str, Any]
    status: str
    merged_into_id: int | None
    first_visit_on: date | None
    last_visit_on: date | None
    visit_count: int
    lifetime_spend: Decimal
    created_at: datetime
    version: int


# ------------------------------------------------------------------ cleaning helpers


def clean_text(value: Any, limit: int) -> str:
    """Text from a cell or box: NFC, control characters dropped, trimmed, cut to `limit`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # the common case skips the per-character filter
        text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return text.strip()[:limit]


def clean_limited(value: Any, field: str) -> str:
    """`clean_text` of notes, level or source, refused in words when longer than allowed
    (before, a 6,000-character note was cut to 5,000 without a word)."""
    limit = {"notes": MAX_NOTES, "level": MAX_LEVEL, "source": MAX_SOURCE}[field]
    text = clean_text(value, sys.maxsize)
    if len(text) > limit:
        raise ShopError(E_TOO_LONG, field=Word(FIELD_WORDS[field]), length=len(text), max=limit)
    return text


def clean_name(value: Any) -> str:
    name = " ".join(clean_text(value, 10_000).split())
    if not name:
        raise ShopError(E_NAME_REQUIRED)
    if len(name) > MAX_NAME:
        raise ShopError(E_NAME_LONG, max=MAX_NAME)
    return name


def clean_gender(value: Any) -> str:
    text = clean_text(value, 20).lower()
    if text not in _GENDERS:
        raise ShopError(E_GENDER, value=text)
    return _GENDERS[text]


def clean_card(value: Any) -> str | None:
    text = (
        clean_phone_text(value)
        if isinstance(value, int | float | Decimal)
        else clean_text(value, 1000)
    )
    text = "".join(text.split())
    if len(text) > MAX_CARD:
        raise ShopError(E_CARD_LONG, max=MAX_CARD)
    return text or None


def clean_tags(value: Any) -> tuple[str, ...]:
    items = _TAG_SPLIT.split(value) if isinstance(value, str) else list(value or ())
    seen: dict[str, None] = {}
    for item in items:
        tag = clean_text(item, sys.maxsize)
        if len(tag) > MAX_TAG:
            shown = tag if len(tag) <= 20 else tag[:17] + "..."
            raise ShopError(E_TAG_LONG, tag=shown, length=len(tag), max=MAX_TAG)
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def phone_region(session: Session) -> str:
    return str(get_setting(session, "shop.phone_region") or "CN")


def parse_phone(session: Session, value: Any, region: str | None = None) -> Phone | None:
    if value is None or not clean_phone_text(value):
        return None
    return normalize_phone(value, region or phone_region(session))


def phone_columns(phone: Phone | None) -> dict[str, Any]:
    if phone is None:
        return {"phone": None, "phone_digits": "", "phone_rev": ""}
    return {"phone": phone.e164, "phone_digits": phone.national, "phone_rev": phone.reversed_digits}


# ------------------------------------------------------------------ uniqueness checks


def status_in(*statuses: str) -> ColumnElement[bool]:
    """A status filter that no index serves: without statistics SQLite would otherwise pick
    the low-selectivity status index over the phone, card or name index of the look-up."""
    return func.coalesce(Member.status, "").in_(statuses)


def check_phone_free(session: Session, e164: str | None, member_id: int | None) -> None:
    """Refuse a phone held by another active member, naming that member."""
    if not e164:
        return
    # phone_rev carries a full index (the unique index on phone is partial, which SQLite
    # only uses for literal predicates), so the lookup goes through it.
    row = session.execute(
        select(Member.id, Member.name).where(
            Member.phone_rev == normalize_phone(e164).reversed_digits,
            Member.phone == e164,
            status_in(MEMBER_ACTIVE),
        )
    ).first()
    if row is not None and row.id != member_id:
        raise ShopError(E_PHONE_TAKEN, phone=display_phone(e164), name=row.name, id=row.id)


def check_card_free(session: Session, card: str | None, member_id: int | None) -> None:
    if not card:
        return
    row = session.execute(
        select(Member.id, Member.name).where(Member.card_no == card, status_in(MEMBER_ACTIVE))
    ).first()
    if row is not None and row.id != member_id:
        raise ShopError(E_CARD_TAKEN, card=card, name=row.name, id=row.id)


# ------------------------------------------------------------------ create / update


def _values(session: Session, form: MemberForm, only: set[str] | None = None) -> dict[str, Any]:
    """Validated column values for the fields of `form` named in `only` (all when None)."""
    wanted = set(FORM_FIELDS) if only is None else only
    out: dict[str, Any] = {}
    if "name" in wanted:
        out["name"] = clean_name(form.name)
        out["name_pinyin"], out["name_initials"] = name_keys(out["name"])
    if "phone" in wanted:
        out.update(phone_columns(parse_phone(session, form.phone)))
    if "card_no" in wanted:
        out["card_no"] = clean_card(form.card_no)
    if "gender" in wanted:
        out["gender"] = clean_gender(form.gender)
    if "birthday" in wanted:
        out.update(birthday_columns(parse_birthday(form.birthday)))
    if "level" in wanted:
        out["level"] = clean_limited(form.level, "level")
        out["level_id"] = levels.level_id_for_label(session, out["level"])
    if "source" in wanted:
        out["source"] = clean_limited(form.source, "source")
    if "notes" in wanted:
        out["notes"] = clean_limited(form.notes, "notes")
    if "join_date" in wanted:
        out["join_date"] = form.join_date or clock.today()
    if "consent_marketing" in wanted:
        out["consent_marketing"] = bool(form.consent_marketing)
    if "referred_by_id" in wanted:
        ref = form.referred_by_id
        if ref is not None and session.get(Member, ref) is None:
            raise ShopError(E_REFERRER, id=ref)
        out["referred_by_id"] = ref
    return out


def flush_member(
    session: Session, e164: str | None, card: str | None, member_id: int | None
) -> None:
    """Flush in a savepoint so that a constraint race becomes a clear message."""
    try:
        with session.begin_nested():
            session.flush()
    except StaleDataError:
        raise ShopError(E_CONFLICT) from None
    except IntegrityError:
        check_phone_free(session, e164, member_id)
        check_card_free(session, card, member_id)
        raise


def create_member(session: Session, form: MemberForm, *, actor: Actor) -> int:
    """Add an active member; returns the id. Phone and card must not be in active use."""
    values = _values(session, form)
    check_phone_free(session, values["phone"], None)
    check_card_free(session, values["card_no"], None)
    profile = clean_profile(session, {}, dict(form.profile))
    member = Member(**values, profile=profile, status=MEMBER_ACTIVE)
    member.tags = [MemberTag(tag=t) for t in clean_tags(form.tags)]
    session.add(member)
    flush_member(session, values["phone"], values["card_no"], None)
    name_grams.add_new(session, [{"id": member.id, "name": member.name}])
    levels.record_label_change(session, member.id, None, member.level_id, actor=actor)
    record(session, actor, "member", member.id, "create", name=member.name)
    return member.id


def load_member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise ShopError(E_NOT_FOUND, id=member_id)
    return member


def update_member(
    session: Session, member_id: int, version: int, *, actor: Actor, **changes: Any
) -> int:
    """Change the named fields of a member read at `version`; returns the new version.

    `changes` uses MemberForm's field names; `profile` merges key by key (None removes a key),
    `tags` replaces the tag list. A member changed since `version` was read raises the
    "changed at another counter" ShopError and nothing is saved.
    """
    unknown = set(changes) - set(FORM_FIELDS)
    if unknown:
        raise ShopError(E_UNKNOWN_FIELD, field=sorted(unknown)[0])
    member = load_member(session, member_id)
    if member.status not in (MEMBER_ACTIVE, MEMBER_ARCHIVED):
        raise ShopError(E_NOT_EDITABLE, id=member_id, status=member.status)
    if member.version != version:
        raise ShopError(E_CONFLICT)
    base = MemberForm(name=member.name)
    form = replace(base, **{k: v for k, v in changes.items() if k not in ("profile", "tags")})
    values = _values(session, form, set(changes) - {"profile", "tags"})
    active = member.status == MEMBER_ACTIVE
    if active and "phone" in values:
        check_phone_free(session, values["phone"], member.id)
    if active and values.get("card_no"):
        check_card_free(session, values["card_no"], member.id)
    if "profile" in changes:  # validated before any attribute changes (no autoflush)
        values["profile"] = clean_profile(session, member.profile, dict(changes["profile"] or {}))
    before = {k: getattr(member, k) for k in values}
    for key, value in values.items():
        setattr(member, key, value)
    if "tags" in changes:
        _set_tags(member, clean_tags(changes["tags"]))
    flush_member(session, member.phone, member.card_no, member.id)
    if "name" in values and before["name"] != member.name:
        name_grams.set_names(session, {member.id: member.name})
    if "level_id" in values:
        levels.record_label_change(
            session, member.id, before["level_id"], member.level_id, actor=actor
        )
    changed = sorted(k for k in values if before[k] != values[k] and k != "level_id")
    record(
        session,
        actor,
        "member",
        member.id,
        "update",
        fields=changed + (["tags"] if "tags" in changes else []),
    )
    return member.version


def _set_tags(member: Member, tags: tuple[str, ...]) -> None:
    current = {t.tag: t for t in member.tags}
    member.tags = [current.get(t) or MemberTag(tag=t) for t in tags]


def add_tags(
    session: Session, member_id: int, tags: list[str] | str, *, actor: Actor
) -> tuple[str, ...]:
    """Add tags (no version check: adding a tag never overwrites anyone's work)."""
    member = load_member(session, member_id)
    have = {t.tag for t in member.tags}
    new = [t for t in clean_tags(tags) if t not in have]
    if new:
        session.execute(insert(MemberTag), [{"member_id": member_id, "tag": t} for t in new])
        session.expire(member, ["tags"])
        record(session, actor, "member", member_id, "tag", added=new)
    return tuple(sorted(have | set(new)))


def remove_tags(
    session: Session, member_id: int, tags: list[str] | str, *, actor: Actor
) -> None:
    member = load_member(session, member_id)
    gone = clean_tags(tags)
    session.execute(
        delete(MemberTag).where(MemberTag.member_id == member_id, MemberTag.tag.in_(gone))
    )
    session.expire(member, ["tags"])
    record(session, actor, "member", member_id, "untag", removed=list(gone))


def all_tags(session: Session) -> list[tuple[str, int]]:
    """Every tag in use with its number of active members, most used first."""
    rows = session.execute(
        select(MemberTag.tag, func.count())
        .join(Member)
        .where(Member.status == MEMBER_ACTIVE)
        .group_by(MemberTag.tag)
        .order_by(func.count().desc(), MemberTag.tag)
    )
    return [(tag, count) for tag, count in rows]


# ------------------------------------------------------------------ archive / restore


def archive_member(session: Session, member_id: int, *, actor: Actor) -> None:
    member = load_member(session, member_id)
    if member.status != MEMBER_ACTIVE:
        raise ShopError(E_ALREADY, id=member_id, status=member.status)
    member.status = MEMBER_ARCHIVED
    flush_member(session, None, None, member_id)
    record(session, actor, "member", member_id, "archive")


def restore_member(session: Session, member_id: int, *, actor: Actor) -> None:
    """Make an archived member active again, unless the phone or card went to someone else."""
    member = load_member(session, member_id)
    if member.status != MEMBER_ARCHIVED:
        raise ShopError(E_ALREADY, id=member_id, status=member.status)
    check_phone_free(session, member.phone, member.id)
    check_card_free(session, member.card_no, member.id)
    member.status = MEMBER_ACTIVE
    flush_member(session, member.phone, member.card_no, member_id)
    record(session, actor, "member", member_id, "restore")


# ------------------------------------------------------------------ reading


_MEMBERS = Member.__table__
_REFERRER = _MEMBERS.alias("referrer")
_TAGS = MemberTag.__table__.c
_TAG_GLUE = "\n"  # never inside a tag (clean_tags splits on new lines)
_CARD = (
    select(
        _MEMBERS,
        _REFERRER.c.name.label("referrer_name"),
        select(func.aggregate_strings(_TAGS.tag, _TAG_GLUE))
        .where(_TAGS.member_id == _MEMBERS.c.id)
        .scalar_subquery()
        .label("tag_list"),
    )
    .outerjoin(_REFERRER, _REFERRER.c.id == _MEMBERS.c.referred_by_id)
    .where(_MEMBERS.c.id == bindparam("member_id"))
)


def get_member(session: Session, member_id: int) -> MemberCard:
    """The display-ready card of one member (any status): one Core statement built once
    (the row with its referrer's name and its tags), no ORM object loaded."""
    session.flush()  # Core reads: changes made in this session must show
    m = session.execute(_CARD, {"member_id": member_id}).first()
    if m is None:
        raise ShopError(E_NOT_FOUND, id=member_id)
    tags = m.tag_list.split(_TAG_GLUE) if m.tag_list else []
    return MemberCard(
        id=m.id,
        name=m.name,
        phone=m.phone,
        phone_display=display_phone(m.phone),
        card_no=m.card_no,
        gender=m.gender or "",
        birthday=birthday_from_columns(
            m.birthday_kind, m.birth_year, m.birth_month, m.birth_day, m.birth_leap
        ),
        level=m.level or "",
        join_date=m.join_date,
        source=m.source or "",
        referred_by_id=m.referred_by_id,
        referred_by_name=(m.referrer_name or "") if m.referred_by_id else "",
        notes=m.notes or "",
        consent_marketing=bool(m.consent_marketing),
        tags=tuple(sorted(tags)),
        profile=dict(m.profile or {}),
        status=m.status,
        merged_into_id=m.merged_into_id,
        first_visit_on=m.first_visit_on,
        last_visit_on=m.last_visit_on,
        visit_count=m.visit_count or 0,
        lifetime_spend=m.lifetime_spend or Decimal(0),
        created_at=m.created_at,
        version=m.version,
    )
