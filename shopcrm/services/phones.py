"""Phone numbers: normalised to E.164 with `phonenumbers`, China by default."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import phonenumbers

from ..i18n import ShopError, define

E_PHONE_INVALID = define(
    "phone.invalid",
    en="“{phone}” is not a valid phone number",
    zh="“{phone}”不是有效的电话号码",
)
E_PHONE_INCOMPLETE = define(
    "phone.incomplete",
    en="“{phone}” looks incomplete: a mobile number has 11 digits",
    zh="“{phone}”不完整：手机号应为 11 位",
)

E_PHONE_LETTERS = define(
    "phone.letters",
    en="“{phone}” has letters in it: a phone number is written with digits only",
    zh="“{phone}”含有字母：电话号码只能由数字组成",
)

_FLOATISH = re.compile(r"^\s*\d+\.0+\s*$")


@dataclass(frozen=True)
class Phone:
    e164: str  # "+8613800138000"
    national: str  # "13800138000": the digits a person types

    @property
    def reversed_digits(self) -> str:
        return self.national[::-1]


def clean_phone_text(raw: object) -> str:
    """Undo what spreadsheets do to phone numbers (13800138000.0, 1.38001380E10)."""
    if isinstance(raw, float | int | Decimal):
        try:
            return str(int(Decimal(str(raw))))
        except (InvalidOperation, ValueError, OverflowError):
            return str(raw)  # NaN, Infinity: refused later as "not a valid phone number"
    text = str(raw or "").strip()
    if _FLOATISH.match(text):
        text = text.split(".")[0]
    return text


_CN_MOBILE = re.compile(r"^(?:\+86|0086|86)?(1\d{10})$")
_SEPARATORS = re.compile(r"[\s\-().（）]")


@lru_cache(maxsize=4096)
def _cn_block_valid(number: str) -> bool:
    """Whether the 7-digit number block (号段) of `number` holds valid mobile numbers.

    Validity of an 11-digit Chinese mobile number is decided by its block, so one full
    phonenumbers check per block serves every number in it (bulk imports)."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
    except phonenumbers.NumberParseException:
        return False


def _fast_cn_mobile(text: str) -> Phone | None:
    m = _CN_MOBILE.match(_SEPARATORS.sub("", text))
    if m is None or not _cn_block_valid(m[1][:7] + "0000"):
        return None
    return Phone(e164="+86" + m[1], national=m[1])


def normalize_phone(raw: object, region: str = "CN") -> Phone:
    """Parse any common way of writing a number; raise ShopError when it is not one."""
    if isinstance(raw, float | Decimal) and not Decimal(str(raw)).is_finite():
        raise ShopError(E_PHONE_INVALID, phone=str(raw))  # a spreadsheet's NaN or Infinity
    text = clean_phone_text(raw)
    if any(ch.isalpha() for ch in text):
        # phonenumbers reads letters as a keypad would (13800abc001 -> 13800222001)
        raise ShopError(E_PHONE_LETTERS, phone=text)
    if region == "CN":
        fast = _fast_cn_mobile(text)
        if fast is not None:
            return fast
    digits = re.sub(r"\D", "", text)
    if not digits:
        raise ShopError(E_PHONE_INVALID, phone=text)
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ShopError(E_PHONE_INVALID, phone=text) from exc
    if not phonenumbers.is_valid_number(parsed):
        if region == "CN" and digits.startswith("1") and len(digits) < 11:
            raise ShopError(E_PHONE_INCOMPLETE, phone=text)
        raise ShopError(E_PHONE_INVALID, phone=text)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    national = str(parsed.national_number)
    if parsed.italian_leading_zero:
        national = "0" * (parsed.number_of_leading_zeros or 1) + national
    return Phone(e164=e164, national=national)


_FAST_DISPLAY = tuple(f"+861{d}" for d in "3456789")


def display_phone(e164: str | None, region: str = "CN") -> str:
    """A number as the shop writes it: national format at home, international abroad."""
    if not e164:
        return ""
    if region == "CN" and len(e164) == 14 and e164.startswith(_FAST_DISPLAY):
        # A mainland mobile (13x-19x; not 179xx, a carrier prefix phonenumbers strips):
        # what the parse below gives, in a fraction of its time (lists show thousands).
        national = e164[3:]
        if national.isdigit() and not national.startswith("179"):
            return f"{national[:3]} {national[3:7]} {national[7:]}"
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(parsed) == region:
        national = str(parsed.national_number)
        if len(national) == 11:
            return f"{national[:3]} {national[3:7]} {national[7:]}"
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
