"""The monthly report as frozen dataclasses that turn into plain JSON with `to_dict()`."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..amounts import ZERO
from ..money.figures import AdjustmentRow, MoneyIn, PartRoll, Revenue, VoidRow

if TYPE_CHECKING:  # numpy/scipy behind it load only when segments are computed
    from ..analytics import SegmentCounts


def plain(value: Any) -> Any:
    """Decimals become strings ("12.30"), dates ISO strings, dataclasses dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class MonthFigures:
    """The headline figures of one month (also computed for the comparison months)."""

    net_revenue: Decimal  # sum of the ok visits' amounts (= their service lines' amounts)
    list_total: Decimal  # before discounts
    discounts: Decimal
    visits: int  # ok visits, walk-ins included
    walk_in_visits: int
    voided_visits: int  # left out of every other figure
    distinct_members: int  # members with at least one ok visit in the month
    returning_members: int  # ...of whom had an ok visit before the month
    first_time_members: int  # ...of whom had none
    returning_rate: Decimal  # returning_members / distinct_members, 4 decimals (0..1)
    new_members: int  # members whose join date is in the month (merged duplicates excluded)
    average_ticket: Decimal  # net_revenue / visits


@dataclass(frozen=True)
class Breakdown:
    key: str
    label: str
    amount: Decimal
    count: int = 0  # visits for payment methods, lines for staff, quantity for services
    discount: Decimal = ZERO
    category: str = ""


@dataclass(frozen=True)
class DayRow:
    day: date
    visits: int
    members: int
    list_total: Decimal
    discounts: Decimal
    net_revenue: Decimal


@dataclass(frozen=True)
class LedgerMovement:
    """A ledger account over the month: closing = opening + movements, exactly."""

    opening: Decimal
    added: Decimal  # stored value: top-ups paid in; points: issued (earn)
    bonus: Decimal  # stored value: bonus given with top-ups; points: always 0
    used: Decimal  # stored value: spent on visits; points: redeemed (shown positive)
    other: Decimal  # refunds, reversals, adjustments, expiry: signed net
    closing: Decimal
    other_by_type: dict[str, Decimal]
    # stored value: {"principal": PartRoll, "bonus": PartRoll} (services.money.figures)
    parts: dict[str, PartRoll] | None = None


@dataclass(frozen=True)
class FollowupFigures:
    raised: int
    done: int
    raised_by_kind: dict[str, int]
    done_by_kind: dict[str, int]


@dataclass(frozen=True)
class Change:
    key: str
    current: Decimal
    previous: Decimal
    delta: Decimal
    pct: Decimal | None  # None when the earlier figure is zero


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    start: date
    end: date  # first day of the next month
    lang: str
    shop_name: str
    figures: MonthFigures
    by_payment: list[Breakdown]
    by_category: list[Breakdown]
    by_service: list[Breakdown]
    by_staff: list[Breakdown]
    daily: list[DayRow]
    stored_value: LedgerMovement
    points: LedgerMovement
    followups: FollowupFigures
    segments: SegmentCounts | None
    vs_previous_month: list[Change]
    vs_last_year: list[Change]
    previous_month: MonthFigures
    same_month_last_year: MonthFigures
    labels: dict[str, str]  # figure key -> words in `lang`, for screens and the workbook
    # from the money ledger (services.money.figures): money received by method and by day,
    # revenue (paid + principal share of stored value), the month's voids and adjustments
    money_in: MoneyIn | None = None
    revenue: Revenue | None = None
    voids: list[VoidRow] = dataclasses.field(default_factory=list)
    adjustments: list[AdjustmentRow] = dataclasses.field(default_factory=list)
    # member levels (services.levels.figures): members by level, upgrades, discount given
    levels: dict[str, Any] | None = None
    # count cards (services.cards.figures): sold, uses, recognised, breakage, the liability
    cards: dict[str, Any] | None = None
    # care (services.care.figures): campaigns and outcomes, complaints, satisfaction
    care: dict[str, Any] | None = None

    @property
    def title(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def to_dict(self) -> dict[str, Any]:
        out = plain(self)
        out["title"] = self.title
        return out


def _decode(kind: Any, value: Any) -> Any:
    """`plain()` undone for one value of type `kind` (the report's own types only)."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return _decode(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_decode(item, v) for v in value]
    if origin is dict:
        _key, item = typing.get_args(kind)
        return {k: _decode(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind):
        return from_plain(kind, value)
    if kind is Decimal:
        return Decimal(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return value


def _hints(cls: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except NameError:  # SegmentCounts is imported for type checking only (numpy behind it)
        from ..analytics import SegmentCounts

        return typing.get_type_hints(cls, localns={"SegmentCounts": SegmentCounts})


def from_plain(cls: Any, data: dict[str, Any]) -> Any:
    """A report dataclass rebuilt from its `plain()` JSON data (a closed month's snapshot)."""
    hints = _hints(cls)
    return cls(
        **{f.name: _decode(hints[f.name], data.get(f.name)) for f in dataclasses.fields(cls)}
    )
