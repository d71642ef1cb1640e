"""Money amounts outside the ORM: cents summed in SQL become `Decimal`, and an amount's plain
text in messages and CLI lines. (Screens add the currency sign with `ui.formatting.money`;
stored amounts are `models.base.Money` columns.)"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..models.base import CENT

ZERO = Decimal("0.00")


def from_cents(cents: int | None) -> Decimal:
    """Whole cents (a SQL sum of a Money column) → ``Decimal`` yuan; None → 0.00."""
    return (Decimal(int(cents or 0)) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def amount_text(value: Decimal | int) -> str:
    """``Decimal('1234.5')`` → ``'1,234.50'``: how amounts appear inside messages (the ¥
    sign, where wanted, is part of the message text)."""
    return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
