"""Amounts of money typed by people or handed to services: one parser, one set of refusals.

Money is `Decimal` yuan with at most two decimals (stored as cents, see `models.base.Money`).
Text a person types goes through `parse_amount`: it accepts ``300``, ``300.5``, ``¥1,000``,
``１２０元`` (full-width digits and signs are folded by NFKC) and refuses, in words, what is not
an amount: ``abc``, ``""``, ``NaN``, ``Infinity``, ``1e20``, a negative amount where none is
allowed, more than two decimals, and anything above the ceiling for one entry (`MAX_AMOUNT`,
¥1,000,000 for a visit line, a payment, a top-up or a refund).

Services check what they are given with `check_amount` (numbers and text alike) so that the
CLI, the screens and the imports are all refused the same way, whichever path the value took.
The ceiling keeps every sum a report makes far inside the 64-bit cents column: before it, two
top-ups of 90000000000000000 made a month's report fail for good with "integer overflow".
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from ..i18n import ShopError, define

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000")  # ¥1,000,000 for one line, payment, top-up or refund

E_EMPTY = define("amount.empty", en="An amount is needed.", zh="请输入金额。")
E_NOT_AMOUNT = define(
    "amount.not_amount",
    en="“{value}” is not an amount of money (e.g. 300 or 300.50).",
    zh="“{value}”不是金额（例如 300 或 300.50）。",
)
E_NEGATIVE = define(
    "amount.negative",
    en="“{value}”: the amount cannot be negative.",
    zh="“{value}”：金额不能为负数。",
)
E_ZERO = define(
    "amount.zero", en="“{value}”: the amount must be more than 0.", zh="“{value}”：金额必须大于 0。"
)
E_DECIMALS = define(
    "amount.decimals",
    en="“{value}” has more than two decimals (the smallest amount is ¥0.01).",
    zh="“{value}”的小数超过两位（最小金额为 ¥0.01）。",
)
E_CEILING = define(
    "amount.ceiling",
    en="“{value}” is above the limit of ¥{limit} for one entry.",
    zh="“{value}”超过单笔上限 ¥{limit}。",
)


class AmountError(ShopError):
    """An amount was refused; the message says why."""


_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_DECORATION = re.compile(r"^[¥$]|元$|^rmb|rmb$|^cny|cny$", re.IGNORECASE)


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _limit_text(ceiling: Decimal) -> str:
    return f"{ceiling:,.2f}"


def _text_to_decimal(value: str) -> Decimal:
    text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    if not text:
        raise AmountError(E_EMPTY)
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    text = _DECORATION.sub("", text).strip()
    text = _DECORATION.sub("", text).strip()  # "¥300元"
    candidate = sign + text
    if _GROUPED.fullmatch(candidate):
        candidate = candidate.replace(",", "")
    elif not _PLAIN.fullmatch(candidate):
        raise AmountError(E_NOT_AMOUNT, value=_show(value))
    return Decimal(candidate)


def check_amount(
    value: Any,
    *,
    ceiling: Decimal = MAX_AMOUNT,
    allow_negative: bool = False,
    allow_zero: bool = True,
) -> Decimal:
    """`value` (text, int, Decimal or float) as a Decimal amount, or an `AmountError`.

    Refuses: empty text, anything not a plain amount (letters, exponents, NaN, Infinity),
    negative amounts unless `allow_negative`, zero unless `allow_zero`, more than two
    decimals, and a size above `ceiling` (either sign).
    """
    if value is None:
        raise AmountError(E_EMPTY)
    if isinstance(value, bool):
        raise AmountError(E_NOT_AMOUNT, value=_show(value))
    if isinstance(value, str):
        amount = _text_to_decimal(value)
    else:
        try:
            amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            raise AmountError(E_NOT_AMOUNT, value=_show(value)) from None
        if not amount.is_finite():
            raise AmountError(E_NOT_AMOUNT, value=_show(value))
    if abs(amount) > ceiling:
        raise AmountError(E_CEILING, value=_show(value), limit=_limit_text(ceiling))
    if amount < 0 and not allow_negative:
        raise AmountError(E_NEGATIVE, value=_show(value))
    if amount == 0 and not allow_zero:
        raise AmountError(E_ZERO, value=_show(value))
    if amount != amount.quantize(CENT):
        raise AmountError(E_DECIMALS, value=_show(value))
    return amount.quantize(CENT)


def parse_amount(
    text: str,
    *,
    ceiling: Decimal = MAX_AMOUNT,
    allow_negative: bool = False,
    allow_zero: bool = True,
) -> Decimal:
    """Text a person typed (CLI argument, screen field, import cell) as an amount."""
    return check_amount(
        str(text), ceiling=ceiling, allow_negative=allow_negative, allow_zero=allow_zero
    )


def within_ceiling(value: Any, *, ceiling: Decimal = MAX_AMOUNT) -> Decimal:
    """`value` as a Decimal when it is a finite number no larger than `ceiling`; else refused.

    For services that keep their own sign and decimals rules and messages but must not let
    NaN, Infinity, text or an enormous number through.
    """
    if isinstance(value, str):
        amount = _text_to_decimal(value)
    else:
        try:
            amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            raise AmountError(E_NOT_AMOUNT, value=_show(value)) from None
    if not amount.is_finite():
        raise AmountError(E_NOT_AMOUNT, value=_show(value))
    if abs(amount) > ceiling:
        raise AmountError(E_CEILING, value=_show(value), limit=_limit_text(ceiling))
    return amount


ZERO = Decimal("0.00")


def from_cents(cents: int | None) -> Decimal:
    """Whole cents (a SQL sum of a Money column) → ``Decimal`` yuan; None → 0.00."""
    return (Decimal(int(cents or 0)) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def amount_text(value: Decimal | int) -> str:
    """``Decimal('1234.5')`` → ``'1,234.50'``: how amounts appear inside messages (the ¥
    sign, where wanted, is part of the message text)."""
    return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
