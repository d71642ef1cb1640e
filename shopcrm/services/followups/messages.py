"""Follow-up words: why a follow-up is on the list (reason) and the values that fill a
rule's message template."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import join_list, translate
from .. import calendar as cal
from ..birthdays import format_month_day
from ..dates import day_text
from ..settings import get_setting
from .texts import (
    KIND_AFTERCARE,
    KIND_ANNIVERSARY,
    KIND_BIRTHDAY,
    KIND_BOOKING,
    KIND_CARD_EXPIRING,
    KIND_WINBACK,
    R_AFTERCARE,
    R_ANNIVERSARY,
    R_BIRTHDAY_IN,
    R_BIRTHDAY_PAST,
    R_BIRTHDAY_TODAY,
    R_BIRTHDAY_TOMORROW,
    R_BOOKING_TODAY,
    R_BOOKING_TOMORROW,
    R_BOOKING_WHAT,
    R_CARD_EXPIRING,
    R_LUNAR,
    R_WINBACK,
    SHOP_FALLBACK,
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Words of the care kinds (followups/care_kinds.py registers them): kind -> callable.
# REASONS: (detail, occasion, on, lang) -> reason; VALUES: (same) -> placeholder values.
REASONS: dict[str, Any] = {}
VALUES: dict[str, Any] = {}


@lru_cache(maxsize=512)
def _template_parts(template: str) -> tuple[tuple[tuple[str, str, str], ...], str]:
    """A template split once into (text before, key, placeholder as written) and the tail."""
    parts, pos = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append((template[pos : match.start()], match.group(1), match.group(0)))
        pos = match.end()
    return tuple(parts), template[pos:]


def fill_placeholders(template: str, values: dict[str, Any]) -> str:
    """Replace {key} by its value; unknown placeholders and stray braces stay as written.

    (The template is parsed once: a day's list fills the same few templates thousands of
    times.)"""
    parts, tail = _template_parts(template)
    out = []
    for text, key, written in parts:
        out.append(text)
        out.append(str(values[key]) if key in values else written)
    out.append(tail)
    return "".join(out)


def _date_words(day: date, lang: str) -> str:
    return format_month_day(day.month, day.day, lang)


def _day(iso: str | None, lang: str, on: date) -> str:
    """A stored ISO day by the one date rule (services/dates.py)."""
    return day_text(date.fromisoformat(iso), lang, on) if iso else ""


def _join(items: list[str], lang: str) -> str:
    return join_list(items, lang)


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
            visit_date=_day(detail.get("visit_date"), lang, on),
            offset=detail.get("offset"),
        )
    if kind == KIND_WINBACK:
        return translate(R_WINBACK, lang, gap=detail.get("gap"), days=(on - occasion).days)
    if kind == KIND_CARD_EXPIRING:
        return translate(
            R_CARD_EXPIRING, lang, card=detail.get("card", ""), date=occasion.isoformat(),
            uses=detail.get("uses", ""),
        )  # fmt: skip
    if kind == KIND_ANNIVERSARY:
        return translate(
            R_ANNIVERSARY,
            lang,
            years=detail.get("years"),
            date=day_text(occasion, lang, on),
            join_date=_day(detail.get("join_date"), lang, on),
        )
    if kind == KIND_BOOKING:
        what = _join([w for w in (*detail.get("services", []), detail.get("staff")) if w], lang)
        what = translate(R_BOOKING_WHAT, lang, what=what) if what else ""
        message = R_BOOKING_TODAY if occasion <= on else R_BOOKING_TOMORROW
        return translate(message, lang, time=detail.get("time", ""), what=what)
    if kind in REASONS:
        return str(REASONS[kind](detail, occasion, on, lang))
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
    elif kind == KIND_CARD_EXPIRING:
        values["service"] = detail.get("card", "")
    elif kind == KIND_BOOKING:
        values.update(
            service=_join(detail.get("services", []), lang),
            staff=detail.get("staff", ""),
            time=detail.get("time", ""),
        )
    elif kind in VALUES:
        values.update(VALUES[kind](detail, occasion, on, lang))
    return values


def shop_name(session: Session, lang: str) -> str:
    return get_setting(session, "shop.name") or translate(SHOP_FALLBACK, lang)
