"""Segments of members a campaign or a holiday greeting goes to, each member with why.

A segment is written as criteria joined by commas, all of which a member meets::

    abc:A            ABC class (A, B or C)
    rfm:champions    RFM segment (champions, loyal, at_risk, hibernating, ...)
    stage:stable     lifecycle stage (exploration, development, stable, decline)
    level:金卡       member level (by name)
    tag:教师         a tag the member carries
    gender:F         F or M
    lapsed:60        not seen for at least 60 days (members with a visit)
    points:500       points balance above 500
    card:30          holds a package card with uses left whose last day is within 30 days
    all              every active member

A card criterion names the member's package card (services/cards) that ends first; its name,
last day and uses left are in why and in the placeholders {card}, {card_ends}, {card_uses}.

Only active members are in a segment. Consent is not a criterion: callers count the
members a greeting or offer must leave out (`Target.consent`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from ...i18n import ShopError, define, join_list, translate
from ...models import ACCOUNT_POINTS, MEMBER_ACTIVE, Member, MemberCard, MemberTag, WalletEntry
from ..dates import day_text
from ..names import name_sort_key

KEYS = ("abc", "rfm", "stage", "level", "tag", "gender", "lapsed", "points", "card", "all")
CLASS_KEYS = ("abc", "rfm", "stage")  # need the analytics (numpy), loaded only for them
CHUNK = 500

E_BAD_SEGMENT = define(
    "care.bad_segment",
    en="Not a segment: {text!r}. Use e.g. abc:A, rfm:champions, stage:stable, level:Gold, "
    "tag:teacher, gender:F, lapsed:60, points:500, card:30 or all, joined by commas.",
    zh="无法识别的客群：{text!r}。请写成 abc:A、rfm:champions、stage:stable、level:金卡、"
    "tag:教师、gender:F、lapsed:60、points:500、card:30 或 all，多个条件用逗号分隔。",
)
E_EMPTY_SEGMENT = define("care.empty_segment", en="Choose a segment first.", zh="请先选择客群。")
WHY = {
    "abc": define("care.why.abc", en="class {value}", zh="{value}类会员"),
    "rfm": define("care.why.rfm", en="RFM: {value}", zh="RFM：{value}"),
    "stage": define("care.why.stage", en="stage: {value}", zh="阶段：{value}"),
    "level": define("care.why.level", en="level {value}", zh="等级：{value}"),
    "tag": define("care.why.tag", en="tagged {value}", zh="标签：{value}"),
    "gender": define("care.why.gender", en="gender {value}", zh="性别：{value}"),
    "lapsed": define("care.why.lapsed", en="not seen for {value} days", zh="已{value}天未到店"),
    "points": define("care.why.points", en="{value} points", zh="积分{value}"),
    "card": define(
        "care.why.card",
        en="package card “{card}” ends {date}; left: {uses}",
        zh="次卡“{card}”{date}到期，剩余：{uses}",
    ),
    "all": define("care.why.all", en="every member", zh="全部会员"),
}


@dataclass(frozen=True)
class Criterion:
    key: str
    value: str


@dataclass(frozen=True)
class Target:
    """A member in a segment: who, why, and the values a message may use."""

    member_id: int
    name: str
    phone: str | None
    consent: bool
    level: str
    points: Decimal
    days_since: int | None  # days since the last visit
    why: tuple[tuple[str, str], ...]  # (criterion key, its value for this member)
    card: str = ""  # card criterion: the package card ending first, its last day, uses left
    card_ends: date | None = None
    card_uses: str = ""


def parse_segment(text: str) -> tuple[Criterion, ...]:
    """The criteria of a segment text; ShopError when it is not one."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    if not parts:
        raise ShopError(E_EMPTY_SEGMENT)
    out = []
    for part in parts:
        key, _, value = part.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "all" and not value:
            out.append(Criterion("all", ""))
            continue
        if key not in KEYS or not value:
            raise ShopError(E_BAD_SEGMENT, text=part)
        if key == "abc":
            value = value.upper()
            if value not in ("A", "B", "C"):
                raise ShopError(E_BAD_SEGMENT, text=part)
        elif key == "gender":
            value = value.upper()
            if value not in ("F", "M"):
                raise ShopError(E_BAD_SEGMENT, text=part)
        elif key in ("lapsed", "points", "card"):
            try:
                number = Decimal(value)
            except ArithmeticError:
                raise ShopError(E_BAD_SEGMENT, text=part) from None
            whole = key in ("lapsed", "card")
            if not number.is_finite() or number < 0 or (whole and number != int(number)):
                raise ShopError(E_BAD_SEGMENT, text=part)
            if key == "card":
                value = str(int(number))
        elif key in ("rfm", "stage"):
            from ..analytics import SEGMENTS, STAGES

            if value not in (SEGMENTS if key == "rfm" else STAGES):
                raise ShopError(E_BAD_SEGMENT, text=part)
        out.append(Criterion(key, value))
    return tuple(out)


def check_segment(text: str) -> str:
    """`text` normalised (criteria re-joined), or ShopError."""
    return ",".join(f"{c.key}:{c.value}" if c.value else c.key for c in parse_segment(text))


def _points(session: Session, ids: list[int]) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for i in range(0, len(ids), CHUNK):
        query = (
            select(WalletEntry.member_id, func.sum(type_coerce(WalletEntry.amount, BigInteger)))
            .where(
                WalletEntry.account == ACCOUNT_POINTS,
                WalletEntry.member_id.in_(ids[i : i + CHUNK]),
            )
            .group_by(WalletEntry.member_id)
        )
        for mid, cents in session.execute(query):
            out[mid] = Decimal(int(cents or 0)) / 100
    return out


def expiring_cards(session: Session, on: date, days: int) -> dict[int, Any]:
    """member id -> her package card (a `cards.CardView`) with uses left (paid or gifted)
    whose last day is from `on` to `on + days`, the one ending first. Refunded, used-up and
    expired cards and cards without a last day are not."""
    from ..cards.holding import card_views

    cards = session.scalars(
        select(MemberCard)
        .options(selectinload(MemberCard.items))
        .where(
            MemberCard.refunded_at.is_(None),
            MemberCard.expires_on >= on,
            MemberCard.expires_on <= on + timedelta(days=days),
        )
    ).all()
    out: dict[int, Any] = {}
    for view in card_views(session, list(cards), on):
        if not view.usable or view.uses_left <= 0:
            continue
        best = out.get(view.member_id)
        if best is None or (view.expires_on, view.id) < (best.expires_on, best.id):
            out[view.member_id] = view
    return out


def points_text(value: Decimal) -> str:
    """1200 rather than 1200.00 for whole points."""
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value)


def segment_members(session: Session, text: str, on: date, lang: str | None = None) -> list[Target]:
    """The active members in segment `text` on day `on`, by name, each with why."""
    criteria = parse_segment(text)
    query = select(
        Member.id,
        Member.name,
        Member.name_pinyin,
        Member.phone,
        Member.consent_marketing,
        Member.level,
        Member.last_visit_on,
    ).where(Member.status == MEMBER_ACTIVE)
    for c in criteria:
        if c.key == "level":
            query = query.where(Member.level == c.value)
        elif c.key == "gender":
            query = query.where(Member.gender == c.value)
        elif c.key == "tag":
            tagged = select(MemberTag.member_id).where(MemberTag.tag == c.value)
            query = query.where(Member.id.in_(tagged))
        elif c.key == "lapsed":
            query = query.where(Member.last_visit_on <= on - timedelta(days=int(c.value)))
    rows = session.execute(query.order_by(Member.id)).all()
    rows.sort(key=lambda r: name_sort_key(r.name))  # by surname syllable, like every list
    ids = [r.id for r in rows]
    points = _points(session, ids)
    classes = _classes(session, on, lang) if any(c.key in CLASS_KEYS for c in criteria) else {}
    days = [int(c.value) for c in criteria if c.key == "card"]
    cards = expiring_cards(session, on, min(days)) if days else {}
    out = []
    for r in rows:
        card = cards.get(r.id)
        if days and card is None:
            continue
        pts = points.get(r.id, Decimal(0))
        since = (on - r.last_visit_on).days if r.last_visit_on else None
        why: list[tuple[str, str]] = []
        keep = True
        for c in criteria:
            if c.key in CLASS_KEYS:
                abc, seg, seg_name, stage, stage_name = classes.get(r.id, ("", "", "", "", ""))
                have = {"abc": abc, "rfm": seg, "stage": stage}[c.key]
                if have != c.value:
                    keep = False
                    break
                shown = {"abc": abc, "rfm": seg_name, "stage": stage_name}[c.key]
                why.append((c.key, shown))
            elif c.key == "points":
                if pts <= Decimal(c.value):
                    keep = False
                    break
                why.append((c.key, points_text(pts)))
            elif c.key == "lapsed":
                why.append((c.key, str(since)))
            elif c.key == "card":
                why.append((c.key, f"{card.name}\t{card.expires_on}\t{card.uses_text()}"))
            elif c.key == "level":
                why.append((c.key, r.level))
            else:
                why.append((c.key, c.value))
        if keep:
            out.append(
                Target(
                    r.id,
                    r.name,
                    r.phone,
                    bool(r.consent_marketing),
                    r.level or "",
                    pts,
                    since,
                    tuple(why),
                    card.name if card else "",
                    card.expires_on if card else None,
                    card.uses_text() if card else "",
                )
            )
    return out


def segment_ids(session: Session, text: str, on: date) -> set[int]:
    return {t.member_id for t in segment_members(session, text, on)}


def _classes(session: Session, on: date, lang: str | None) -> dict[int, tuple[str, ...]]:
    from ..analytics import member_classes

    found = member_classes(session, on, lang, with_comeback=False)
    return {
        m.member_id: (m.abc, m.segment or "", m.segment_name, m.stage, m.stage_name)
        for m in found.members
    }


def why_text(why: Iterable[tuple[str, str]], lang: str | None = None) -> str:
    """Why a member is in the segment, in words: '{A}类客户、积分1200'."""
    return join_list([_why(key, value, lang) for key, value in why], lang)


def _why(key: str, value: str, lang: str | None) -> str:
    if key == "card":  # name, last day (ISO) and uses left, joined by tabs
        name, day, uses = value.split("\t")
        return translate(
            WHY[key], lang, card=name, date=day_text(date.fromisoformat(day), lang), uses=uses
        )
    return translate(WHY[key], lang, value=value)


def message_values(target: Target, lang: str | None = None) -> dict[str, Any]:
    """Placeholders a campaign message may use beyond {name} and {shop}."""
    return {
        "points": points_text(target.points),
        "level": target.level,
        "days": target.days_since if target.days_since is not None else "",
        "card": target.card,
        "card_ends": day_text(target.card_ends, lang) if target.card_ends else "",
        "card_uses": target.card_uses,
    }
