"""Pricing a line at the member's level.

The rate for a catalogue service: the level's discount for the service's category, else
the level's default; a service's floor wins over a deeper discount; a service excluded
from level discounts and a walk-in pay the list price. The amount is
`quantity × unit price × rate` rounded half up to the cent, once per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ...models import LevelDiscount, Member, MemberLevel, Service
from ...models.base import CENT

ONE = Decimal("1")


@dataclass(frozen=True)
class MemberPricing:
    """What a member's level does to prices and points, read once per visit."""

    level_id: int
    level_name: str
    default: Decimal
    by_category: dict[int, Decimal] = field(default_factory=dict)
    points_rate: Decimal = ONE

    def rate_for(self, service: Any) -> Decimal:
        """`service`: a Service or a row with its category_id, level_floor and
        no_level_discount."""
        if service.no_level_discount:
            return ONE
        rate = self.by_category.get(service.category_id or 0, self.default)
        floor = service.level_floor
        if floor is not None and rate < floor:
            rate = floor
        return min(rate, ONE)


# One statement, built once (it runs on every visit save and every F2): the member's level
# with its category discounts, one row per category (one row of NULLs when it has none).
_PRICING = (
    select(
        MemberLevel.id,
        MemberLevel.name,
        MemberLevel.discount,
        MemberLevel.points_rate,
        LevelDiscount.category_id,
        LevelDiscount.discount.label("category_discount"),
    )
    .join(Member, Member.level_id == MemberLevel.id)
    .outerjoin(LevelDiscount, LevelDiscount.level_id == MemberLevel.id)
    .where(Member.id == bindparam("member_id"))
)


def member_pricing(session: Session, member_id: int | None) -> MemberPricing | None:
    """The member's level pricing; None for a walk-in or a member without a level."""
    if member_id is None:
        return None
    rows = session.execute(_PRICING, {"member_id": member_id}).all()
    if not rows:
        return None
    row = rows[0]
    cats = {r.category_id: r.category_discount for r in rows if r.category_id is not None}
    return MemberPricing(row.id, row.name, row.discount, cats, row.points_rate)


def apply_rate(gross: Decimal, rate: Decimal) -> Decimal:
    """The amount charged for `gross` at `rate`: exact cents, half up (¥68 × 0.88 = ¥59.84)."""
    return (gross * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def service_rate(session: Session, member_id: int | None, service_id: int) -> Decimal:
    """The rate a member pays for one service today (1 for a walk-in)."""
    pricing = member_pricing(session, member_id)
    service = session.get(Service, service_id)
    if pricing is None or service is None:
        return ONE
    return pricing.rate_for(service)


@dataclass(frozen=True)
class LevelRates:
    """The rate of every active service for one member (what the visit dialog shows)."""

    level_name: str
    rates: dict[int, Decimal]  # service id -> rate (1: list price)


def service_rates(session: Session, member_id: int | None) -> LevelRates | None:
    """The member's level rate for each active service; None for walk-ins and no level."""
    pricing = member_pricing(session, member_id)
    if pricing is None:
        return None
    services = session.execute(_ACTIVE_SERVICES)
    return LevelRates(pricing.level_name, {s.id: pricing.rate_for(s) for s in services})


# what a rate needs of each active service, built once (no ORM objects loaded for F2)
_ACTIVE_SERVICES = select(
    Service.id, Service.category_id, Service.level_floor, Service.no_level_discount
).where(Service.active.is_(True))


def level_discount(quantity: int, unit_price: Decimal, rate: Decimal) -> Decimal:
    """The discount a line of `quantity × unit_price` gets at `rate` (what the sale charges)."""
    gross = Decimal(unit_price) * max(int(quantity), 0)
    return gross - apply_rate(gross, rate)
