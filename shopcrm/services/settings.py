"""Shop-wide settings stored in the database, with defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..models import Setting

if TYPE_CHECKING:
    from .auth import Actor

SHOP_SALON = "salon"
SHOP_RESTAURANT = "restaurant"
SHOP_BEAUTY = "beauty"
SHOP_NAIL = "nail"
SHOP_MASSAGE = "massage"
SHOP_KINDS = (SHOP_SALON, SHOP_BEAUTY, SHOP_NAIL, SHOP_MASSAGE, SHOP_RESTAURANT)

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


_SETTINGS = Setting.__table__
# built once: the keys are one expanding parameter (every visit save reads its rates here)
_SOME_SETTINGS = select(_SETTINGS.c.key, _SETTINGS.c.value).where(
    _SETTINGS.c.key.in_(bindparam("keys", expanding=True))
)


def get_settings(session: Session, defaults: dict[str, Any]) -> dict[str, Any]:
    """Several settings in one query: `defaults` maps each key to its default, with the
    same fallbacks as get_setting (a None default falls back to DEFAULTS)."""
    session.flush()  # a Core read: settings changed in this session must show
    stored = dict(session.execute(_SOME_SETTINGS, {"keys": sorted(defaults)}).all())
    out = {}
    for key, default in defaults.items():
        if key in stored:
            out[key] = stored[key]
        elif default is not None:
            out[key] = default
        else:
            out[key] = DEFAULTS.get(key)
    return out


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


def change_setting(session: Session, key: str, value: Any, *, actor: Actor) -> None:
    """Change a setting as a person does it: owner-only, and audited with old → new.

    (`set_setting` stays the low-level call for services' own bookkeeping.)
    """
    from .audit import record
    from .auth import PERM_SETTINGS_CHANGE, require_permission

    require_permission(actor, PERM_SETTINGS_CHANGE)
    row = session.get(Setting, key)
    old = row.value if row is not None else DEFAULTS.get(key)
    if row is not None and old == value:
        return
    set_setting(session, key, value)
    record(session, actor, "setting", None, "change", key=key, old=old, new=value)
