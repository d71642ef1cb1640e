"""Follow-up rules: the built-in defaults, the owner's own rules, and their settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, for_language, translate
from ...models import FollowupRule
from .. import holidays
from ..audit import record
from ..auth import Actor, require_owner
from .texts import (
    BIRTHDAY_BELATED,
    BIRTHDAY_ON_THE_DAY,
    DEFAULT_TEMPLATES,
    E_BAD_KIND,
    E_BAD_PARAM,
    E_RULE_NOT_FOUND,
    KIND_AFTERCARE,
    KIND_ANNIVERSARY,
    KIND_BIRTHDAY,
    KIND_BOOKING,
    KIND_CAMPAIGN,
    KIND_CARD_EXPIRING,
    KIND_COMPLAINT,
    KIND_HOLIDAY,
    KIND_LOW_SCORE,
    KIND_WINBACK,
    KINDS,
    OLD_DEFAULT_TEMPLATES,
    RULE_NAMES,
)

# Every parameter a rule kind understands, with its default. `keep_days`: how many days a
# follow-up stays on the list after its last natural day (see docs/followups.md).
DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    KIND_BIRTHDAY: {"lead_days": 3, "keep_days": 0},
    KIND_AFTERCARE: {"offsets": None, "service_ids": [], "keep_days": 7},
    KIND_WINBACK: {"floor_days": 45, "factor": 2.0, "min_visits": 2, "keep_days": 30},
    KIND_ANNIVERSARY: {"years": [1], "lead_days": 0, "keep_days": 0},
    KIND_CARD_EXPIRING: {"lead_days": 30, "keep_days": 0},
    KIND_BOOKING: {"lead_days": 1, "keep_days": 0},
    # care kinds (docs/care.md); `segment` as in services/care/segments.py ('' = everyone)
    KIND_HOLIDAY: {"holiday": "spring_festival", "lead_days": 3, "keep_days": 0, "segment": ""},
    KIND_CAMPAIGN: {"keep_days": 14},
    KIND_COMPLAINT: {"lookback_days": 30},  # visits whose complaint text opens a complaint
    KIND_LOW_SCORE: {"max_score": 2, "keep_days": 7},
}
# Checks a care module adds for its parameters (`segment`): key -> callable(value) -> value.
PARAM_CHECKS: dict[str, Any] = {}
# The built-in rules seeded into every shop: (kind, active, sort order).
BUILTIN_RULES = (
    (KIND_BIRTHDAY, True, 10),
    (KIND_AFTERCARE, True, 20),
    (KIND_WINBACK, True, 30),
    (KIND_ANNIVERSARY, False, 40),
    (KIND_COMPLAINT, True, 15),
    (KIND_LOW_SCORE, True, 25),
)
# Seeded when the shop creates its first card type (services/cards), not in every shop.
CARD_RULE = (KIND_CARD_EXPIRING, True, 50)


@dataclass(frozen=True)
class RuleInfo:
    id: int
    kind: str
    name: str  # display name in the requested language
    active: bool
    builtin: bool
    params: dict[str, Any]  # complete: stored values over the kind's defaults
    template_zh: str
    template_en: str
    sort_order: int


def rule_params(rule: FollowupRule) -> dict[str, Any]:
    """The rule's parameters with the kind's defaults filled in."""
    params = dict(DEFAULT_PARAMS.get(rule.kind, {}))
    params.update(rule.params or {})
    return params


def rule_display_name(rule: FollowupRule, lang: str | None = None) -> str:
    if not rule.name and rule.kind == KIND_HOLIDAY:
        return holidays.holiday_name((rule.params or {}).get("holiday", ""), lang)
    return rule.name or translate(RULE_NAMES[rule.kind], lang)


def rule_template(rule: FollowupRule, lang: str, days_to: int | None = None) -> str:
    """The owner's template in `lang`, or the default one when it is empty.

    `days_to` is how many days the occasion is ahead of the day the message is for (0: it
    is today, negative: it has passed). A birthday rule on the default text then says
    happy birthday on the day and belatedly after it, not "in advance"."""
    own = for_language({"zh": rule.template_zh, "en": rule.template_en}, lang)
    if not own and rule.kind == KIND_HOLIDAY:
        return holidays.greeting_template((rule.params or {}).get("holiday", ""), lang)
    default = for_language(DEFAULT_TEMPLATES[rule.kind], lang)
    if own and own != default and own not in OLD_DEFAULT_TEMPLATES.get(rule.kind, ()):
        return own
    if rule.kind == KIND_BIRTHDAY and days_to is not None and days_to <= 0:
        return for_language(BIRTHDAY_ON_THE_DAY if days_to == 0 else BIRTHDAY_BELATED, lang)
    return default


def _info(rule: FollowupRule, lang: str | None) -> RuleInfo:
    return RuleInfo(
        id=rule.id,
        kind=rule.kind,
        name=rule_display_name(rule, lang),
        active=rule.active,
        builtin=rule.builtin,
        params=rule_params(rule),
        template_zh=rule_template(rule, "zh"),
        template_en=rule_template(rule, "en"),
        sort_order=rule.sort_order,
    )


def ensure_card_rule(session: Session) -> bool:
    """Add the "card expiring soon" rule once the shop sells cards; True when added."""
    kind, active, order = CARD_RULE
    if session.scalar(select(FollowupRule.id).where(FollowupRule.kind == kind).limit(1)):
        return False
    session.add(
        FollowupRule(
            kind=kind, name="", active=active, builtin=True, params=dict(DEFAULT_PARAMS[kind]),
            sort_order=order, template_zh=DEFAULT_TEMPLATES[kind]["zh"],
            template_en=DEFAULT_TEMPLATES[kind]["en"],
        )
    )  # fmt: skip
    session.flush()
    return True


def ensure_default_rules(session: Session) -> int:
    """Add the built-in rules a shop does not have yet; returns how many were added."""
    have = set(session.scalars(select(FollowupRule.kind).where(FollowupRule.builtin)))
    added = 0
    for kind, active, order in BUILTIN_RULES:
        if kind in have:
            continue
        session.add(
            FollowupRule(
                kind=kind,
                name="",
                active=active,
                builtin=True,
                params=dict(DEFAULT_PARAMS[kind]),
                sort_order=order,
                template_zh=DEFAULT_TEMPLATES[kind]["zh"],
                template_en=DEFAULT_TEMPLATES[kind]["en"],
            )
        )
        added += 1
    added += _ensure_holiday_rules(session)
    if added:
        session.flush()
    return added


def _ensure_holiday_rules(session: Session) -> int:
    """One built-in rule per holiday (services/holidays.py); 春节 and 中秋 on by default."""
    have = {
        (params or {}).get("holiday")
        for params in session.scalars(
            select(FollowupRule.params).where(
                FollowupRule.kind == KIND_HOLIDAY, FollowupRule.builtin
            )
        )
    }
    added = 0
    for order, holiday in enumerate(holidays.HOLIDAYS, start=50):
        if holiday.key in have:
            continue
        params = dict(DEFAULT_PARAMS[KIND_HOLIDAY], holiday=holiday.key, segment=holiday.segment)
        session.add(
            FollowupRule(
                kind=KIND_HOLIDAY,
                name="",
                active=holiday.on_by_default,
                builtin=True,
                params=params,
                sort_order=order,
                template_zh="",
                template_en="",
            )
        )
        added += 1
    return added


def list_rules(
    session: Session, lang: str | None = None, *, active_only: bool = False
) -> list[RuleInfo]:
    query = (
        select(FollowupRule)
        .where(FollowupRule.kind != KIND_CAMPAIGN)  # a campaign's rule is shown as a campaign
        .order_by(FollowupRule.sort_order, FollowupRule.id)
    )
    if active_only:
        query = query.where(FollowupRule.active)
    return [_info(rule, lang) for rule in session.scalars(query)]


def get_rule(session: Session, rule_id: int, lang: str | None = None) -> RuleInfo:
    return _info(_load(session, rule_id), lang)


def _load(session: Session, rule_id: int) -> FollowupRule:
    rule = session.get(FollowupRule, rule_id)
    if rule is None:
        raise ShopError(E_RULE_NOT_FOUND, id=rule_id)
    return rule


def _int_list(key: str, value: Any, *, minimum: int) -> list[int]:
    if not isinstance(value, list | tuple) or not value:
        raise ShopError(E_BAD_PARAM, key=key, value=value)
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or item < minimum:
            raise ShopError(E_BAD_PARAM, key=key, value=value)
        out.append(item)
    return sorted(set(out))


def validate_params(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    """Check the owner's parameters for `kind`; returns them cleaned (unknown keys refused)."""
    if kind not in KINDS:
        raise ShopError(E_BAD_KIND, kind=kind)
    allowed = DEFAULT_PARAMS[kind]
    clean: dict[str, Any] = {}
    for key, value in params.items():
        if key not in allowed:
            raise ShopError(E_BAD_PARAM, key=key, value=value)
        if key == "offsets":
            clean[key] = None if value is None else _int_list(key, value, minimum=1)
        elif key == "service_ids":
            clean[key] = [] if not value else _int_list(key, value, minimum=1)
        elif key == "years":
            clean[key] = _int_list(key, value, minimum=1)
        elif key == "holiday":
            if value not in holidays.BY_KEY:
                raise ShopError(E_BAD_PARAM, key=key, value=value)
            clean[key] = value
        elif key in PARAM_CHECKS:
            clean[key] = PARAM_CHECKS[key](value)
        elif key == "max_score":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
                raise ShopError(E_BAD_PARAM, key=key, value=value)
            clean[key] = value
        elif key == "factor":
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
                raise ShopError(E_BAD_PARAM, key=key, value=value)
            clean[key] = float(value)
        else:  # whole numbers of days / visits
            low = 2 if key == "min_visits" else 0
            limit = 366 if key != "min_visits" else 1000
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= limit:
                raise ShopError(E_BAD_PARAM, key=key, value=value)
            clean[key] = value
    return clean


def update_rule(
    session: Session,
    rule_id: int,
    *,
    actor: Actor,
    name: str | None = None,
    active: bool | None = None,
    params: dict[str, Any] | None = None,
    template_zh: str | None = None,
    template_en: str | None = None,
    sort_order: int | None = None,
) -> RuleInfo:
    """Change a rule (owner only). `params` are merged into the stored ones.

    An empty template means "use the default text" again.
    """
    require_owner(actor, "followups.update_rule")
    rule = _load(session, rule_id)
    changes: dict[str, Any] = {}
    if name is not None:
        rule.name = changes["name"] = name.strip()[:80]
    if active is not None:
        rule.active = changes["active"] = bool(active)
    if params is not None:
        merged = dict(rule.params or {})
        merged.update(validate_params(rule.kind, params))
        rule.params = changes["params"] = merged
    if template_zh is not None:
        rule.template_zh = changes["template_zh"] = template_zh
    if template_en is not None:
        rule.template_en = changes["template_en"] = template_en
    if sort_order is not None:
        rule.sort_order = changes["sort_order"] = int(sort_order)
    session.flush()
    record(session, actor, "followup_rule", rule.id, "update", **changes)
    return _info(rule, None)


def add_rule(
    session: Session,
    kind: str,
    name: str,
    *,
    actor: Actor,
    params: dict[str, Any] | None = None,
    template_zh: str = "",
    template_en: str = "",
    active: bool = True,
    sort_order: int = 100,
) -> RuleInfo:
    """Add the shop's own rule of one of the kinds (owner only), e.g. "joined a year ago"."""
    require_owner(actor, "followups.add_rule")
    if kind not in KINDS:
        raise ShopError(E_BAD_KIND, kind=kind)
    clean = dict(DEFAULT_PARAMS[kind])
    clean.update(validate_params(kind, params or {}))
    rule = FollowupRule(
        kind=kind,
        name=name.strip()[:80],
        active=active,
        builtin=False,
        params=clean,
        template_zh=template_zh or DEFAULT_TEMPLATES[kind]["zh"],
        template_en=template_en or DEFAULT_TEMPLATES[kind]["en"],
        sort_order=sort_order,
    )
    session.add(rule)
    session.flush()
    record(session, actor, "followup_rule", rule.id, "add", kind=kind, name=rule.name, params=clean)
    return _info(rule, None)
