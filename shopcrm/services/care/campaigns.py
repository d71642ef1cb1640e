"""Campaigns: one message to a segment of members, one follow-up each, outcomes counted.

The owner picks a segment (services/care/segments.py), writes one message with
placeholders ({name}, {shop}, {points}, {level}, {days}; {card}, {card_ends}, {card_uses}
for a package-card segment), previews who gets it and why,
and launches it. Launching makes the campaign's own follow-up rule (kind 'campaign', its
template the message) and one follow-up per consenting member of the segment, due on the
campaign's day, with the message text ready in its detail. Members who declined offers are
left out and counted. The same segment, message and day is the same campaign: launching it
again adds only members who were not reached yet (normally none).

Outcomes per campaign: reached (follow-ups done), visited within 30 days of the day, and
what those visits spent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, current_language, define, every_language, translate
from ...models import (
    FOLLOWUP_DONE,
    FOLLOWUP_OPEN,
    VISIT_OK,
    Campaign,
    Followup,
    FollowupRule,
    Visit,
)
from ..amounts import from_cents
from ..audit import record
from ..auth import Actor, require_owner
from ..followups import KIND_CAMPAIGN, fill_placeholders
from ..followups.messages import shop_name
from ..phones import display_phone
from ..settings import get_setting
from .segments import Target, check_segment, message_values, segment_members, why_text

OUTCOME_DAYS = 30
E_EMPTY_MESSAGE = define(
    "care.empty_message", en="Write the message first.", zh="请先写好要发送的内容。"
)
E_MESSAGE_LONG = define(
    "care.message_long",
    en="The message is {n} characters; keep it under 500.",
    zh="内容有 {n} 个字，请控制在 500 字以内。",
)
M_DEFAULT_NAME = define("care.campaign_name", en="Campaign {date}", zh="{date} 营销活动")


@dataclass(frozen=True)
class Recipient:
    member_id: int
    name: str
    phone: str
    why: str
    text: str  # the message as this member gets it


@dataclass(frozen=True)
class CampaignPreview:
    segment: str
    on: date
    recipients: list[Recipient]
    no_consent: int  # members of the segment left out: they declined offers


@dataclass(frozen=True)
class LaunchResult:
    campaign_id: int
    created: int  # follow-ups made by this launch
    already: int  # members the campaign had reached before
    no_consent: int
    new_campaign: bool


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    segment: str
    message: str
    on: date
    followups: int
    reached: int  # follow-ups done (called, messaged, seen)
    open: int
    visited: int  # members with a visit within 30 days from the day
    spent: Decimal  # what those visits came to
    no_consent: int


def _key(segment: str, message: str, on: date) -> str:
    return hashlib.sha256(f"{segment}\n{on.isoformat()}\n{message}".encode()).hexdigest()


def _check_message(message: str) -> str:
    text = (message or "").strip()
    if not text:
        raise ShopError(E_EMPTY_MESSAGE)
    if len(text) > 500:
        raise ShopError(E_MESSAGE_LONG, n=len(text))
    return text


def _text(message: str, target: Target, shop: str, lang: str | None = None) -> str:
    values = {"name": target.name, "shop": shop, **message_values(target, lang)}
    return fill_placeholders(message, values)


def preview_campaign(
    session: Session, segment: str, message: str, on: date | None = None, lang: str | None = None
) -> CampaignPreview:
    """Who would get the message and why (consenting members of the segment), read-only."""
    on = on or clock.today()
    segment = check_segment(segment)
    message = _check_message(message)
    shop = shop_name(session, lang or current_language())
    targets = segment_members(session, segment, on, lang)
    region = get_setting(session, "shop.phone_region") or "CN"
    recipients = [
        Recipient(
            t.member_id,
            t.name,
            display_phone(t.phone, region) if t.phone else "",
            why_text(t.why, lang),
            _text(message, t, shop, lang),
        )
        for t in targets
        if t.consent
    ]
    return CampaignPreview(segment, on, recipients, sum(1 for t in targets if not t.consent))


def launch_campaign(
    session: Session,
    segment: str,
    message: str,
    *,
    actor: Actor,
    on: date | None = None,
    name: str = "",
) -> LaunchResult:
    """Create (or find again) the campaign and raise one follow-up per recipient (owner)."""
    require_owner(actor, "care.campaign")
    on = on or clock.today()
    segment = check_segment(segment)
    message = _check_message(message)
    key = _key(segment, message, on)
    campaign = session.scalar(select(Campaign).where(Campaign.key == key))
    new = campaign is None
    if campaign is None:
        rule = FollowupRule(
            kind=KIND_CAMPAIGN,
            name=(name.strip() or translate(M_DEFAULT_NAME, None, date=on.isoformat()))[:80],
            active=True,
            builtin=False,
            params={"keep_days": 14},
            template_zh=message,
            template_en=message,
            sort_order=60,
        )
        session.add(rule)
        session.flush()
        campaign = Campaign(
            key=key,
            name=rule.name,
            segment=segment,
            message=message,
            on_date=on,
            rule_id=rule.id,
            staff_id=actor.staff_id,
        )
        session.add(campaign)
        session.flush()
    targets = segment_members(session, segment, on)
    have = set(
        session.scalars(select(Followup.member_id).where(Followup.rule_id == campaign.rule_id))
    )
    shops = {lang: shop_name(session, lang) for lang in ("zh", "en")}
    created = 0
    for t in targets:
        if not t.consent or t.member_id in have:
            continue
        why = {lang: why_text(t.why, lang) for lang in ("zh", "en")}
        session.add(
            Followup(
                member_id=t.member_id,
                rule_id=campaign.rule_id,
                occasion_date=on,
                due_date=on,
                status=FOLLOWUP_OPEN,
                detail={
                    "campaign_id": campaign.id,
                    "values": {k: str(v) for k, v in message_values(t).items()},
                    "why": why,
                    "text": _text(message, t, shops["zh"]),
                },
                created_at=clock.now(),
            )
        )
        created += 1
    campaign.no_consent = sum(1 for t in targets if not t.consent)
    session.flush()
    record(
        session,
        actor,
        "campaign",
        campaign.id,
        "launch",
        segment=segment,
        created=created,
        on=on.isoformat(),
    )
    already = sum(1 for t in targets if t.consent and t.member_id in have)
    return LaunchResult(campaign.id, created, already, campaign.no_consent, new)


def list_campaigns(
    session: Session, *, since: date | None = None, until: date | None = None
) -> list[CampaignInfo]:
    """Every campaign (newest first) with its outcomes; `since`/`until` bound its day."""
    query = select(Campaign).order_by(Campaign.on_date.desc(), Campaign.id.desc())
    if since is not None:
        query = query.where(Campaign.on_date >= since)
    if until is not None:
        query = query.where(Campaign.on_date < until)
    out = []
    for c in session.scalars(query):
        counts = dict(
            session.execute(
                select(Followup.status, func.count())
                .where(Followup.rule_id == c.rule_id)
                .group_by(Followup.status)
            ).all()
        )
        members = select(Followup.member_id).where(Followup.rule_id == c.rule_id)
        start = clock.day_bounds(c.on_date)[0]
        end = clock.day_bounds(c.on_date + timedelta(days=OUTCOME_DAYS - 1))[1]
        visited, cents = session.execute(
            select(
                func.count(func.distinct(Visit.member_id)),
                func.sum(type_coerce(Visit.total_amount, BigInteger)),
            ).where(
                Visit.member_id.in_(members),
                Visit.visited_at >= start,
                Visit.visited_at < end,
                Visit.status == VISIT_OK,
            )
        ).one()
        out.append(
            CampaignInfo(
                id=c.id,
                name=c.name,
                segment=c.segment,
                message=c.message,
                on=c.on_date,
                followups=sum(counts.values()),
                reached=counts.get(FOLLOWUP_DONE, 0),
                open=counts.get(FOLLOWUP_OPEN, 0),
                visited=int(visited or 0),
                spent=from_cents(cents),
                no_consent=c.no_consent,
            )
        )
    return out


def default_name(on: date) -> tuple[str, ...]:
    """The name a campaign gets when none is given, in every language."""
    return every_language(M_DEFAULT_NAME, date=on.isoformat())
