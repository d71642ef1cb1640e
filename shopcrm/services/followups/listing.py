"""What is due: the day's list, a member's open follow-ups, reasons and message texts."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ...i18n import ShopError, current_language, translate
from ...models import (
    FOLLOWUP_OPEN,
    MEMBER_ACTIVE,
    VISIT_OK,
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    Visit,
)
from .. import calendar as cal
from ..phones import display_phone
from ..settings import get_setting
from .raising import CHUNK, last_listed_day
from .rules import rule_display_name, rule_params, rule_template
from .texts import (
    E_NOT_FOUND,
    KIND_AFTERCARE,
    KIND_ANNIVERSARY,
    KIND_BIRTHDAY,
    KIND_WINBACK,
    MARKETING_KINDS,
    R_AFTERCARE,
    R_ANNIVERSARY,
    R_BIRTHDAY_IN,
    R_BIRTHDAY_PAST,
    R_BIRTHDAY_TODAY,
    R_BIRTHDAY_TOMORROW,
    R_LUNAR,
    R_WINBACK,
    SHOP_FALLBACK,
)

SORTS = ("rule", "due", "member")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class DueItem:
    id: int
    member_id: int
    member_name: str
    member_pinyin: str  # for sorting by name (pinyin order, as the member list does)
    phone: str  # display form, '' when the member has none
    rule_id: int
    rule_kind: str
    rule_name: str
    rule_order: int
    due_date: date
    occasion_date: date
    reason: str
    message: str
    status: str  # 'open' (snoozed ones whose date has come are open again)
    snoozed_until: date | None
    overdue: bool  # past its natural day (birthday, care date, day the lapse began)
    attempts: int  # how many times nobody answered
    last_outcome: str | None  # action of the latest event: noanswer, snooze, ...
    last_outcome_at: datetime | None
    is_due: bool  # on the list for the listing day (False: raised, not yet / snoozed)


def fill_placeholders(template: str, values: dict[str, Any]) -> str:
    """Replace {key} by its value; unknown placeholders and stray braces stay as written."""

    def sub(match: re.Match[str]) -> str:
        key = match.group(1)
        return str(values[key]) if key in values else match.group(0)

    return _PLACEHOLDER.sub(sub, template)


def _date_words(day: date, lang: str) -> str:
    return f"{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {day:%B}"


def _join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def _lunar_name(detail: dict[str, Any]) -> str:
    if detail.get("kind") != cal.LUNAR:
        return ""
    return cal.lunar_date_name(int(detail["month"]), int(detail["day"]), bool(detail.get("leap")))


def reason_text(
    kind: str, detail: dict[str, Any], occasion: date, due: date, on: date, lang: str
) -> str:
    """Why the follow-up is on the list, in `lang`, seen from day `on`."""
    if kind == KIND_BIRTHDAY:
        name = _lunar_name(detail)
        lunar = translate(R_LUNAR, lang, lunar=name) if name else ""
        days = (occasion - on).days
        if days > 1:
            return translate(R_BIRTHDAY_IN, lang, days=days, lunar=lunar)
        if days == 1:
            return translate(R_BIRTHDAY_TOMORROW, lang, lunar=lunar)
        if days == 0:
            return translate(R_BIRTHDAY_TODAY, lang, lunar=lunar)
        return translate(R_BIRTHDAY_PAST, lang, days=-days, lunar=lunar)
    if kind == KIND_AFTERCARE:
        return translate(
            R_AFTERCARE,
            lang,
            service=_join(detail.get("services", []), lang),
            visit_date=detail.get("visit_date", ""),
            offset=detail.get("offset"),
        )
    if kind == KIND_WINBACK:
        return translate(R_WINBACK, lang, gap=detail.get("gap"), days=(on - occasion).days)
    if kind == KIND_ANNIVERSARY:
        return translate(
            R_ANNIVERSARY,
            lang,
            years=detail.get("years"),
            date=occasion.isoformat(),
            join_date=detail.get("join_date", ""),
        )
    return kind


def message_values(
    kind: str,
    detail: dict[str, Any],
    occasion: date,
    on: date,
    member_name: str,
    shop: str,
    lang: str,
) -> dict[str, Any]:
    """The placeholder values of one follow-up (see docs/followups.md)."""
    values: dict[str, Any] = {
        "name": member_name,
        "shop": shop,
        "service": "",
        "staff": "",
        "years": "",
        "lunar": _lunar_name(detail),
        "gap": "",
        "date": _date_words(occasion, lang),
        "days": abs((occasion - on).days),
    }
    if kind == KIND_BIRTHDAY and detail.get("age"):
        values["years"] = detail["age"]
    elif kind == KIND_AFTERCARE:
        visit_day = date.fromisoformat(detail["visit_date"])
        values.update(
            service=_join(detail.get("services", []), lang),
            staff=detail.get("staff", ""),
            date=_date_words(visit_day, lang),
            days=(on - visit_day).days,
        )
    elif kind == KIND_WINBACK:
        values.update(gap=detail.get("gap", ""), days=(on - occasion).days)
    elif kind == KIND_ANNIVERSARY:
        values["years"] = detail.get("years", "")
    return values


def shop_name(session: Session, lang: str) -> str:
    return get_setting(session, "shop.name") or translate(SHOP_FALLBACK, lang)


def _history_summary(session: Session, ids: list[int]) -> dict[int, tuple[int, str, datetime]]:
    """followup id -> (no-answer attempts, last action, its time)."""
    out: dict[int, tuple[int, str, datetime]] = {}
    attempts: dict[int, int] = defaultdict(int)
    for i in range(0, len(ids), CHUNK):
        query = (
            select(FollowupEvent.followup_id, FollowupEvent.action, FollowupEvent.created_at)
            .where(FollowupEvent.followup_id.in_(ids[i : i + CHUNK]))
            .order_by(FollowupEvent.followup_id, FollowupEvent.id)
        )
        for fid, action, at in session.execute(query):
            if action == "noanswer":
                attempts[fid] += 1
            out[fid] = (attempts[fid], action, at)
    return out


def _winback_answered(session: Session, rows: list[Any]) -> set[int]:
    """Open win-back rows whose member visited after the lapse began (closed by that visit)."""
    lapses = [r for r in rows if r.kind == KIND_WINBACK]
    mids = sorted({r.member_id for r in lapses})
    latest: dict[int, datetime] = {}
    for i in range(0, len(mids), CHUNK):
        latest.update(
            session.execute(
                select(Visit.member_id, func.max(Visit.visited_at))
                .where(Visit.member_id.in_(mids[i : i + CHUNK]), Visit.status == VISIT_OK)
                .group_by(Visit.member_id)
            ).all()
        )
    return {
        r.id
        for r in lapses
        if r.member_id in latest and latest[r.member_id].date() > r.occasion_date
    }


def _base_query() -> Any:
    return (
        select(
            Followup.id,
            Followup.member_id,
            Followup.rule_id,
            Followup.due_date,
            Followup.occasion_date,
            Followup.status,
            Followup.snoozed_until,
            Followup.detail,
            Member.name,
            Member.name_pinyin,
            Member.phone,
            FollowupRule.kind,
        )
        .join(Member, Member.id == Followup.member_id)
        .join(FollowupRule, FollowupRule.id == Followup.rule_id)
        .where(
            Followup.status == FOLLOWUP_OPEN,
            Member.status == MEMBER_ACTIVE,
            FollowupRule.active.is_(True),
            or_(
                Member.consent_marketing.is_(True),
                FollowupRule.kind.not_in(sorted(MARKETING_KINDS)),
            ),
        )
    )


def _build(
    session: Session, rows: list[Any], on: date, lang: str, only_listed: bool
) -> list[DueItem]:
    rules = {r.id: r for r in session.scalars(select(FollowupRule))}
    answered = _winback_answered(session, rows)
    region = get_setting(session, "shop.phone_region") or "CN"
    shop = shop_name(session, lang)
    kept = []
    for r in rows:
        rule = rules[r.rule_id]
        if r.id in answered:
            continue
        if (
            last_listed_day(
                rule.kind, rule_params(rule), r.occasion_date, r.due_date, r.snoozed_until
            )
            < on
        ):
            continue  # its days on the list are over (expired at the next raise)
        is_due = r.due_date <= on and (r.snoozed_until is None or r.snoozed_until <= on)
        if only_listed and not is_due:
            continue
        kept.append((r, rule, is_due))
    history = _history_summary(session, [r.id for r, _, _ in kept])
    items = []
    for r, rule, is_due in kept:
        detail = r.detail or {}
        attempts, last_action, last_at = history.get(r.id, (0, None, None))
        values = message_values(r.kind, detail, r.occasion_date, on, r.name, shop, lang)
        items.append(
            DueItem(
                id=r.id,
                member_id=r.member_id,
                member_name=r.name,
                member_pinyin=r.name_pinyin or r.name,
                phone=display_phone(r.phone, region) if r.phone else "",
                rule_id=rule.id,
                rule_kind=rule.kind,
                rule_name=rule_display_name(rule, lang),
                rule_order=rule.sort_order,
                due_date=r.due_date,
                occasion_date=r.occasion_date,
                reason=reason_text(r.kind, detail, r.occasion_date, r.due_date, on, lang),
                message=fill_placeholders(rule_template(rule, lang), values),
                status=r.status,
                snoozed_until=r.snoozed_until,
                overdue=on > (r.due_date if r.kind == KIND_WINBACK else r.occasion_date),
                attempts=attempts,
                last_outcome=last_action,
                last_outcome_at=last_at,
                is_due=is_due,
            )
        )
    return items


def _sort(items: list[DueItem], sort: str) -> list[DueItem]:
    if sort == "due":
        return sorted(items, key=lambda i: (i.due_date, i.rule_order, i.rule_id, i.id))
    if sort == "member":
        return sorted(items, key=lambda i: (i.member_pinyin, i.member_name, i.due_date, i.id))
    return sorted(items, key=lambda i: (i.rule_order, i.rule_id, i.due_date, i.id))


def due_list(
    session: Session,
    on: date,
    lang: str | None = None,
    *,
    rule_id: int | None = None,
    sort: str = "rule",
) -> list[DueItem]:
    """Open follow-ups to work on day `on`: due today, overdue, and snoozed ones whose date
    has come. Read-only (call `raise_due` first). Sorted by rule, then due date (`sort`:
    'rule' | 'due' | 'member')."""
    lang = lang or current_language()
    query = _base_query().where(
        Followup.due_date <= on, or_(Followup.snoozed_until.is_(None), Followup.snoozed_until <= on)
    )
    if rule_id is not None:
        query = query.where(Followup.rule_id == rule_id)
    return _sort(_build(session, session.execute(query).all(), on, lang, True), sort)


def member_open_followups(
    session: Session, member_id: int, on: date, lang: str | None = None
) -> list[DueItem]:
    """A member's open follow-ups for the member card (also those not due yet or snoozed;
    see `DueItem.is_due`), by due date."""
    lang = lang or current_language()
    query = _base_query().where(Followup.member_id == member_id)
    return _sort(_build(session, session.execute(query).all(), on, lang, False), "due")


def render_message(
    session: Session, followup_id: int, lang: str | None = None, on: date | None = None
) -> str:
    """The message text for one follow-up, from its rule's template, ready to copy."""
    lang = lang or current_language()
    row = session.execute(
        select(Followup, Member.name, FollowupRule)
        .join(Member, Member.id == Followup.member_id)
        .join(FollowupRule, FollowupRule.id == Followup.rule_id)
        .where(Followup.id == followup_id)
    ).first()
    if row is None:
        raise ShopError(E_NOT_FOUND, id=followup_id)
    followup, name, rule = row
    values = message_values(
        rule.kind,
        followup.detail or {},
        followup.occasion_date,
        on or date.today(),
        name,
        shop_name(session, lang),
        lang,
    )
    return fill_placeholders(rule_template(rule, lang), values)
