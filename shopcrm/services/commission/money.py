"""Exact cents for commission: largest-remainder allocation, so parts sum to the whole.

Ties go to the earlier part (the first person on a line, the first line of a visit), so the
same rows always give the same cents.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ...models.base import CENT

ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    """Half up to the cent (away from zero for negative amounts)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split `total` (whole cents) in proportion to `weights` (≥ 0), summing exactly."""
    n = len(weights)
    if n == 0:
        return []
    if n == 1:  # what the general case gives for one part, without the division
        return [(Decimal(int(total * 100)) / 100).quantize(CENT)]
    wsum = sum(weights, Decimal(0))
    if wsum == 0:
        weights, wsum = [Decimal(1)] * n, Decimal(n)
    whole = int(total * 100)
    raw = [Decimal(whole) * w / wsum for w in weights]
    return _by_remainder(whole, raw)


def allocate_cents(whole: int, weights: Sequence[int]) -> list[int]:
    """`allocate` in whole cents for cents ≥ 0 and weights ≥ 0, in int arithmetic.

    The same parts as `allocate`: the floors of whole × w / Σw, the cents left over to the
    largest exact remainders, ties to the earlier part."""
    n = len(weights)
    if n <= 1:
        return [whole] * n
    wsum = sum(weights)
    if wsum == 0:
        weights, wsum = [1] * n, n
    scaled = [whole * w for w in weights]
    floors = [x // wsum for x in scaled]
    left = whole - sum(floors)
    if left:
        order = sorted(range(n), key=lambda i: (-(scaled[i] % wsum), i))
        for i in order[:left]:
            floors[i] += 1
    return floors


def round_parts(raw: Sequence[Decimal]) -> list[Decimal]:
    """Round parts to cents so that they sum to the rounded sum of the exact parts."""
    if len(raw) == 1:  # one part: it is the rounded sum
        return [cents(raw[0])]
    whole = int(cents(sum(raw, Decimal(0))) * 100)
    return _by_remainder(whole, [r * 100 for r in raw])


def _by_remainder(whole: int, raw_cents: Sequence[Decimal]) -> list[Decimal]:
    floors = [int(r.to_integral_value(rounding=ROUND_FLOOR)) for r in raw_cents]
    left = whole - sum(floors)
    if not 0 <= left <= len(floors):  # parts of mixed signs: round each on its own
        return [cents(r / 100) for r in raw_cents]
    order = sorted(range(len(floors)), key=lambda i: (-(raw_cents[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [(Decimal(f) / 100).quantize(CENT) for f in floors]
