"""Profile fields: the shop type's built-in ones and the owner's custom fields.

Both live in ``Member.profile`` (JSON) under their key. The definitions are exposed as data
(`FieldSpec`, with labels in both languages) so the UI can build its forms and the importer
can recognise columns by label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define, for_language
from ...models import CustomField
from ..audit import record
from ..auth import Actor, require_owner
from ..settings import SHOP_RESTAURANT, SHOP_SALON, get_setting

TEXT, NUMBER, DATE, CHOICE = "text", "number", "date", "choice"
FIELD_TYPES = (TEXT, NUMBER, DATE, CHOICE)
MAX_TEXT = 500

E_FIELD_TYPE = define(
    "members.field_type",
    en="Unknown field type “{kind}” (text, number, date, choice)",
    zh="未知字段类型“{kind}”（可选 text、number、date、choice）",
)
E_FIELD_LABEL = define("members.field_label", en="A field needs a name", zh="字段需要名称")
E_FIELD_EXISTS = define(
    "members.field_exists",
    en="There is already a field called “{label}”",
    zh="已有名为“{label}”的字段",
)
E_FIELD_CHOICES = define(
    "members.field_choices",
    en="A choice field needs at least one choice",
    zh="选项字段至少需要一个选项",
)
E_FIELD_UNKNOWN = define(
    "members.field_unknown", en="No profile field “{key}”", zh="没有资料字段“{key}”"
)
E_VALUE_NUMBER = define(
    "members.value_number", en="{label}: “{value}” is not a number", zh="{label}：“{value}”不是数字"
)
E_VALUE_DATE = define(
    "members.value_date",
    en="{label}: “{value}” is not a date (YYYY-MM-DD)",
    zh="{label}：“{value}”不是日期（年-月-日）",
)
E_VALUE_CHOICE = define(
    "members.value_choice",
    en="{label}: “{value}” is not one of {choices}",
    zh="{label}：“{value}”不在可选项 {choices} 中",
)
E_VALUE_LONG = define(
    "members.value_long",
    en="{label}: text longer than {max} characters",
    zh="{label}：文字超过 {max} 个字符",
)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label_zh: str
    label_en: str
    field_type: str = TEXT
    choices: tuple[str, ...] = ()
    custom: bool = False
    active: bool = True

    @property
    def labels(self) -> dict[str, str]:
        """The field's label by language: the shop's own words, kept on the field."""
        return {"zh": self.label_zh, "en": self.label_en}

    def label(self, lang: str | None = None) -> str:
        """The label in `lang` (default: the current language)."""
        return for_language(self.labels, lang)


SALON_FIELDS = (
    FieldSpec("hair_type", "发质", "Hair type"),
    FieldSpec("scalp", "头皮", "Scalp"),
    FieldSpec("face_shape", "脸型", "Face shape"),
    FieldSpec("colour_formula", "染发配方", "Colour formula"),
    FieldSpec("allergies", "过敏", "Allergies"),
    FieldSpec("preferred_stylist", "指定发型师", "Preferred stylist"),
)
RESTAURANT_FIELDS = (
    FieldSpec("favourite_dishes", "爱吃的菜", "Favourite dishes"),
    FieldSpec("dietary", "饮食要求", "Dietary needs"),
    FieldSpec("allergies", "过敏", "Allergies"),
    FieldSpec("party_size", "常用人数", "Usual party size", NUMBER),
    FieldSpec("seating", "座位偏好", "Seating preference"),
)
SHOP_FIELDS = {SHOP_SALON: SALON_FIELDS, SHOP_RESTAURANT: RESTAURANT_FIELDS}


def _custom_spec(row: Any) -> FieldSpec:
    return FieldSpec(
        row.key,
        row.label,
        row.label,
        row.field_type,
        tuple(row.choices or ()),
        custom=True,
        active=row.active,
    )


_CF = CustomField.__table__.c
_ALL_CUSTOM = select(CustomField.__table__).order_by(_CF.sort_order, _CF.id)
_ACTIVE_CUSTOM = _ALL_CUSTOM.where(_CF.active.is_(True))
_NO_KIND = object()


def profile_fields(
    session: Session, *, include_inactive: bool = False, kind: Any = _NO_KIND
) -> list[FieldSpec]:
    """The shop type's fields, then the owner's custom fields in their order.

    `kind`: the shop.kind setting when the caller has read it already."""
    if kind is _NO_KIND:
        kind = get_setting(session, "shop.kind")
    specs = list(SHOP_FIELDS.get(kind, SALON_FIELDS))
    session.flush()  # a Core read: fields added in this session must show
    query = _ALL_CUSTOM if include_inactive else _ACTIVE_CUSTOM
    specs.extend(_custom_spec(row) for row in session.execute(query))
    return specs


def _field_key(label: str) -> str:
    from pypinyin import lazy_pinyin  # heavy: imported on first use, not at start

    base = "_".join(lazy_pinyin(label)).lower()
    base = re.sub(r"[^a-z0-9]+", "_", base).strip("_")[:30] or "field"
    return f"cf_{base}"


def add_custom_field(
    session: Session,
    label: str,
    field_type: str = TEXT,
    choices: list[str] | tuple[str, ...] = (),
    *,
    actor: Actor,
) -> str:
    """Define a custom profile field (owner only); returns its key."""
    require_owner(actor, "custom fields")
    label = (label or "").strip()[:60]
    if not label:
        raise ShopError(E_FIELD_LABEL)
    if field_type not in FIELD_TYPES:
        raise ShopError(E_FIELD_TYPE, kind=field_type)
    clean_choices = [c.strip() for c in choices if c and c.strip()]
    if field_type == CHOICE and not clean_choices:
        raise ShopError(E_FIELD_CHOICES)
    taken = {s.label_zh for s in profile_fields(session, include_inactive=True)} | {
        s.label_en for s in profile_fields(session, include_inactive=True)
    }
    if label in taken:
        raise ShopError(E_FIELD_EXISTS, label=label)
    key, n = _field_key(label), 1
    keys = set(session.scalars(select(CustomField.key)))
    while key in keys:
        n += 1
        key = f"{_field_key(label)}_{n}"
    order = (session.scalar(select(func.max(CustomField.sort_order))) or 0) + 1
    session.add(
        CustomField(
            key=key,
            label=label,
            field_type=field_type,
            choices=clean_choices,
            sort_order=order,
            active=True,
        )
    )
    session.flush()
    record(session, actor, "custom_field", None, "add", key=key, label=label, type=field_type)
    return key


def set_custom_field_active(
    session: Session, key: str, active: bool, *, actor: Actor
) -> None:
    """Hide (or show again) a custom field; values already stored are kept."""
    require_owner(actor, "custom fields")
    row = session.scalar(select(CustomField).where(CustomField.key == key))
    if row is None:
        raise ShopError(E_FIELD_UNKNOWN, key=key)
    row.active = active
    session.flush()
    record(session, actor, "custom_field", row.id, "activate" if active else "deactivate", key=key)


def coerce_value(spec: FieldSpec, value: Any, lang: str | None = None) -> Any:
    """The JSON value to store for `value` in field `spec` (None: clear); ShopError if invalid.

    Numbers are stored as int when whole, else as float (these are sizes and counts, not
    money); dates as ISO text; choices must be one of the field's choices.
    """
    label = spec.label(lang)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if spec.field_type == NUMBER:
        if isinstance(value, bool):
            raise ShopError(E_VALUE_NUMBER, label=label, value=value)
        try:
            number = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            raise ShopError(E_VALUE_NUMBER, label=label, value=str(value)[:40]) from None
        if not number.is_finite() or abs(number) > Decimal(10) ** 12:
            raise ShopError(E_VALUE_NUMBER, label=label, value=str(value)[:40])
        return int(number) if number == number.to_integral_value() else float(number)
    if spec.field_type == DATE:
        return _coerce_date(value, label)
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if len(text) > MAX_TEXT:
        raise ShopError(E_VALUE_LONG, label=label, max=MAX_TEXT)
    if spec.field_type == CHOICE and text not in spec.choices:
        raise ShopError(
            E_VALUE_CHOICE, label=label, value=text[:40], choices="/".join(spec.choices)
        )
    return text


def _coerce_date(value: Any, label: str) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", text)
    try:
        if not m:
            raise ValueError(text)
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        raise ShopError(E_VALUE_DATE, label=label, value=text[:40]) from None


def clean_profile(
    session: Session,
    current: dict[str, Any],
    changes: dict[str, Any],
    lang: str | None = None,
    specs: list[FieldSpec] | None = None,
) -> dict[str, Any]:
    """`current` with `changes` applied and validated; a None/blank value removes the key."""
    by_key = {s.key: s for s in (specs or profile_fields(session, include_inactive=True))}
    result = dict(current or {})
    for key, value in changes.items():
        spec = by_key.get(key)
        if spec is None:
            raise ShopError(E_FIELD_UNKNOWN, key=key)
        stored = coerce_value(spec, value, lang)
        if stored is None:
            result.pop(key, None)
        else:
            result[key] = stored
    return result
