"""Starter catalogues: a new shop's typical categories and services, in one step.

`starter_catalogue(kind, lang)` lists what a shop of that type usually offers (names in the
shop's language, suggested prices, durations and care offsets); the owner confirms or types
the prices and `apply_starter_catalogue` writes them through the catalogue service (owner
only, audited). Applying again adds nothing that is already there: a service or category
whose name the shop already has is left alone, so the step is safe to repeat.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..i18n import ShopError, define, for_language
from . import catalog
from .auth import Actor, require_owner
from .starter_data import CATEGORY_NAMES, STARTER_ITEMS, StarterItem
from .tables import TableColumn

E_UNKNOWN_KIND = define(
    "starter.unknown_kind",
    en="There is no starter catalogue for “{kind}” (try: {kinds}).",
    zh="没有“{kind}”类型的入门价目表（可选：{kinds}）。",
)
E_UNKNOWN_KEY = define(
    "starter.unknown_key",
    en="The starter catalogue has no service “{key}”.",
    zh="入门价目表里没有“{key}”这一项。",
)
M_APPLIED = define(
    "starter.applied",
    en="Starter catalogue: {created} services added, {skipped} already there.",
    zh="入门价目表：新增 {created} 个服务项目，{skipped} 个已存在。",
)

STARTER_KINDS = tuple(STARTER_ITEMS)

# `shopcrm starter-catalogue KIND` prints these (the catalogue's own header words).
STARTER_COLUMNS = (
    TableColumn("key", define("starter.col.key", en="Key", zh="代码")),
    TableColumn("category", "catalog.col.category"),
    TableColumn("name", "catalog.col.name"),
    TableColumn(
        "price", define("starter.col.price", en="Suggested price", zh="建议价格"), right=True
    ),
    TableColumn("minutes", "catalog.col.minutes", right=True),
    TableColumn("care", "catalog.col.care"),
)


@dataclass(frozen=True)
class StarterRow:
    """One offered service, named in the shop's language."""

    key: str
    category: str
    name: str
    price: Decimal  # the suggestion
    minutes: int
    care_days: tuple[int, ...]


@dataclass(frozen=True)
class StarterResult:
    created: tuple[int, ...]  # new service ids
    skipped: tuple[str, ...]  # names the shop already had


def _items(kind: str) -> tuple[StarterItem, ...]:
    items = STARTER_ITEMS.get(kind)
    if items is None:
        raise ShopError(E_UNKNOWN_KIND, kind=kind, kinds=", ".join(STARTER_KINDS))
    return items


def starter_catalogue(kind: str, lang: str | None = None) -> list[StarterRow]:
    """What the starter catalogue for `kind` offers, in `lang` (None: the current one)."""
    return [
        StarterRow(
            item.key,
            for_language(CATEGORY_NAMES[item.category], lang),
            for_language(item.names, lang),
            Decimal(item.price),
            item.minutes,
            item.care_days,
        )
        for item in _items(kind)
    ]


def apply_starter_catalogue(
    session: Session,
    kind: str,
    prices: Mapping[str, Decimal | int | str | None] | None,
    *,
    actor: Actor,
    lang: str | None = None,
    only: set[str] | frozenset[str] | None = None,
) -> StarterResult:
    """Add the starter catalogue for `kind` to the shop's catalogue.

    `prices` maps a row's key to the price the owner typed (missing or None: the
    suggestion); `only` limits the rows written (None: all of them). Prices are checked
    by the catalogue service; a bad one refuses the whole step (nothing half-written: the
    caller's transaction rolls back).
    """
    require_owner(actor, "edit prices")
    rows = starter_catalogue(kind, lang)
    keys = {r.key for r in rows}
    for key in (prices or {}).keys() | (only or set()):
        if key not in keys:
            raise ShopError(E_UNKNOWN_KEY, key=key)
    created: list[int] = []
    skipped: list[str] = []
    categories: dict[str, int] = {}
    for row in rows:
        if only is not None and row.key not in only:
            continue
        price = (prices or {}).get(row.key)
        price = row.price if price is None or price == "" else price
        if catalog.service_by_name(session, row.name) is not None:
            skipped.append(row.name)
            continue
        if row.category not in categories:
            categories[row.category] = catalog.category_named(session, row.category, actor=actor)
        created.append(
            catalog.create_service(
                session,
                row.name,
                price,
                category_id=categories[row.category],
                duration_min=row.minutes,
                care_offsets=list(row.care_days),
                actor=actor,
            )
        )
    return StarterResult(tuple(created), tuple(skipped))


__all__ = [
    "M_APPLIED",
    "STARTER_COLUMNS",
    "STARTER_KINDS",
    "StarterResult",
    "StarterRow",
    "apply_starter_catalogue",
    "starter_catalogue",
]
