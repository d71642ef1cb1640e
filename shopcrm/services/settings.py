"""Shop-wide settings stored in the database, with defaults."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Setting

SHOP_SALON = "salon"
SHOP_RESTAURANT = "restaurant"
SHOP_KINDS = (SHOP_SALON, SHOP_RESTAURANT)

DEFAULTS: dict[str, Any] = {
    "shop.name": "",
    "shop.kind": SHOP_SALON,
    "shop.currency": "CNY",
    "shop.phone_region": "CN",
    "ui.language": "",  # '' follows the system
    "setup.done": False,
    "demo.seed": None,  # set when the database was filled by `shopcrm demo`
}


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    if row is not None:
        return row.value
    if default is not None:
        return default
    return DEFAULTS.get(key)


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def all_settings(session: Session) -> dict[str, Any]:
    values = dict(DEFAULTS)
    values.update({row.key: row.value for row in session.scalars(select(Setting))})
    return values
