"""One row of a member list read into validated member columns (or the reason it cannot be)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ...i18n import ShopError, define, translate
from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED
from ..birthdays import birthday_columns, parse_birthday
from ..names import name_keys
from ..phones import Phone, clean_phone_text, normalize_phone
from .columns import ACTIVE_WORDS, ARCHIVED_WORDS, HeaderMap, normalize_header, parse_yes_no
from .core import (
    clean_card,
    clean_gender,
    clean_limited,
    clean_name,
    clean_tags,
    clean_text,
)
from .fields import coerce_value

E_FIELD = define("members.import_field", en="{column}: {reason}", zh="{column}：{reason}")
E_NO_KEY = define(
    "members.no_key",
    en="No phone and no card number: the member could not be found again",
    zh="没有手机号也没有卡号，无法识别该会员",
)
E_YES_NO = define(
    "members.yes_no", en="“{value}” is neither yes nor no (是/否)", zh="“{value}”不是“是”或“否”"
)
E_STATUS = define(
    "members.status_word",
    en="“{value}” is not a status (active / archived)",
    zh="“{value}”不是有效状态（在册／已归档）",
)
E_JOIN_DATE = define("members.join_date", en="“{value}” is not a date", zh="“{value}”不是日期")
E_UNREADABLE = define("members.unreadable", en="value cannot be read", zh="无法读取该值")


@dataclass
class ParsedRow:
    row: int
    name_text: str = ""
    phone_text: str = ""
    phone: Phone | None = None
    values: dict[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    referrer: str | None = None  # E.164
    referrer_text: str = ""
    error: tuple[str, dict[str, Any]] | None = None
    error_id: str = ""


def _cell(cells: tuple[Any, ...], header: HeaderMap, key: str) -> Any:
    i = header.positions.get(key)
    if i is None or i >= len(cells):
        return None
    value = cells[i]
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _join_date(value: Any, today: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    b = parse_birthday(value, today)  # reads every date writing and Excel serials
    if b is None or b.year is None or b.kind != "solar":
        raise ShopError(E_JOIN_DATE, value=str(value)[:40])
    return date(b.year, b.month, b.day)


def parse_row(
    number: int, cells: tuple[Any, ...], header: HeaderMap, region: str, today: date, lang: str
) -> ParsedRow:
    """Read one data row; a bad value sets `error` (column and reason in `lang`)."""
    row = ParsedRow(number)
    row.name_text = clean_text(_cell(cells, header, "name"), 100)
    raw_phone = _cell(cells, header, "phone")
    row.phone_text = clean_text(clean_phone_text(raw_phone) if raw_phone is not None else "", 40)
    for key in header.positions:
        value = _cell(cells, header, key)
        try:
            if key == "name":
                name = clean_name(value)
                pinyin, initials = name_keys(name)
                row.values.update(name=name, name_pinyin=pinyin, name_initials=initials)
            elif value is not None:
                _read(row, key, value, header, region, today, lang)
        except ShopError as exc:
            _fail(row, header, key, exc.msg_id, exc.message(lang), lang)
            return row
        except (ValueError, TypeError, OverflowError, ArithmeticError):
            _fail(row, header, key, E_UNREADABLE, translate(E_UNREADABLE, lang), lang)
            return row
    if not row.values.get("phone") and not row.values.get("card_no"):
        row.error, row.error_id = (E_NO_KEY, {}), E_NO_KEY
    return row


def _fail(row: ParsedRow, header: HeaderMap, key: str, msg_id: str, reason: str, lang: str) -> None:
    row.error = (E_FIELD, {"column": header.columns[key].header(lang), "reason": reason})
    row.error_id = msg_id


def _read(
    row: ParsedRow, key: str, value: Any, header: HeaderMap, region: str, today: date, lang: str
) -> None:
    v = row.values
    if key == "phone":
        row.phone = normalize_phone(value, region)
        v.update(
            phone=row.phone.e164,
            phone_digits=row.phone.national,
            phone_rev=row.phone.reversed_digits,
        )
    elif key == "card_no":
        card = clean_card(value)
        if card:
            v["card_no"] = card
    elif key == "gender":
        v["gender"] = clean_gender(value)
    elif key == "birthday":
        b = parse_birthday(value, today)
        if b is not None:
            v.update(birthday_columns(b))
    elif key in ("level", "source", "notes"):
        text = clean_limited(value, key)
        if text:
            v[key] = text
    elif key == "join_date":
        v["join_date"] = _join_date(value, today)
    elif key == "tags":
        row.tags = clean_tags(value if isinstance(value, str) else str(value))
    elif key == "consent":
        answer = parse_yes_no(value)
        if answer is None:
            raise ShopError(E_YES_NO, value=str(value)[:40])
        v["consent_marketing"] = answer
    elif key == "status":
        word = normalize_header(value)
        if word in ACTIVE_WORDS:
            v["status"] = MEMBER_ACTIVE
        elif word in ARCHIVED_WORDS:
            v["status"] = MEMBER_ARCHIVED
        else:
            raise ShopError(E_STATUS, value=str(value)[:40])
    elif key == "referrer_phone":
        row.referrer_text = clean_text(clean_phone_text(value), 40)
        if row.referrer_text:
            row.referrer = normalize_phone(value, region).e164
    elif key.startswith("profile:"):
        spec = header.columns[key].profile
        assert spec is not None
        stored = coerce_value(spec, value, lang)
        if stored is not None:
            v.setdefault("profile", {})[spec.key] = stored
