"""The shop's own settings as the Settings screen and the first run change them.

Shop type presets: the type decides which profile fields a member card offers (and the demo
fills). Only the shop's settings are written here; members keep whatever fields they have.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..i18n import LANGUAGES, ShopError, define, translate
from .audit import record
from .auth import Actor, require_owner
from .first_steps import FirstSteps, Step, dismiss_first_steps, first_steps
from .settings import SHOP_KINDS, SHOP_RESTAURANT, SHOP_SALON, get_setting, set_setting

BACKUP_FOLDER = "backup.folder"
EDITABLE_KEYS = ("shop.name", "shop.kind", "ui.language", BACKUP_FOLDER)

# The member profile fields each shop type offers, in the order a card shows them.
PROFILE_FIELDS: dict[str, tuple[str, ...]] = {
    SHOP_SALON: (
        "hair_type",
        "scalp",
        "face_shape",
        "colour_formula",
        "allergies",
        "preferred_stylist",
    ),
    SHOP_RESTAURANT: ("favourite_dishes", "dietary", "allergies", "seating", "party_size"),
}
# beauty, nail and massage shops keep a salon's card (the member fields default to it too)
for _kind in SHOP_KINDS:
    PROFILE_FIELDS.setdefault(_kind, PROFILE_FIELDS[SHOP_SALON])
_FIELD_LABELS = {
    "hair_type": ("Hair type", "发质"),
    "scalp": ("Scalp", "头皮"),
    "face_shape": ("Face shape", "脸型"),
    "colour_formula": ("Colour formula", "染发配方"),
    "allergies": ("Allergies", "过敏"),
    "preferred_stylist": ("Preferred stylist", "指定发型师"),
    "favourite_dishes": ("Favourite dishes", "爱吃的菜"),
    "dietary": ("Dietary needs", "饮食忌口"),
    "seating": ("Preferred seating", "座位偏好"),
    "party_size": ("Usual party size", "常来人数"),
}
FIELD_LABEL = {
    key: define(f"shop_setup.field.{key}", en=en, zh=zh) for key, (en, zh) in _FIELD_LABELS.items()
}

E_NAME_EMPTY = define(
    "shop_setup.name_empty", en="Please enter the shop's name.", zh="请填写店名。"
)
E_BAD_KIND = define(
    "shop_setup.bad_kind", en="Unknown shop type: {kind}", zh="未知的店铺类型：{kind}"
)
E_BAD_LANGUAGE = define(
    "shop_setup.bad_language", en="Unknown language: {lang}", zh="未知的语言：{lang}"
)
E_BAD_KEY = define(
    "shop_setup.bad_key",
    en="This setting cannot be changed here: {key}",
    zh="此处不能修改该设置：{key}",
)


def profile_field_labels(kind: str, lang: str | None = None) -> list[str]:
    """The names of the profile fields the shop type offers, in `lang`."""
    return [translate(FIELD_LABEL[key], lang) for key in PROFILE_FIELDS.get(kind, ())]


def save_shop_settings(
    session: Session, values: dict[str, Any], *, actor: Actor
) -> dict[str, Any]:
    """Check and store the shop settings in `values`; returns what actually changed."""
    require_owner(actor, "settings")
    for key in values:
        if key not in EDITABLE_KEYS:
            raise ShopError(E_BAD_KEY, key=key)
    if "shop.name" in values:
        values = {**values, "shop.name": str(values["shop.name"]).strip()}
        if not values["shop.name"]:
            raise ShopError(E_NAME_EMPTY)
    if "shop.kind" in values and values["shop.kind"] not in SHOP_KINDS:
        raise ShopError(E_BAD_KIND, kind=values["shop.kind"])
    if "ui.language" in values and values["ui.language"] not in ("", *LANGUAGES):
        raise ShopError(E_BAD_LANGUAGE, lang=values["ui.language"])
    changed: dict[str, Any] = {}
    for key, value in values.items():
        if get_setting(session, key) != value:
            set_setting(session, key, value)
            changed[key] = value
    if changed:
        record(session, actor, "setting", None, "update", **changed)
    return changed


def complete_first_run(
    session: Session, name: str, kind: str, language: str, *, actor: Actor
) -> None:
    """Store the first-run answers and mark the setup done."""
    save_shop_settings(
        session, {"shop.name": name, "shop.kind": kind, "ui.language": language}, actor=actor
    )
    set_setting(session, "setup.done", True)


def needs_first_run(session: Session) -> bool:
    """True for a new shop: setup not done and no members yet."""
    from sqlalchemy import exists, select

    from ..models import Member

    if get_setting(session, "setup.done"):
        return False
    return not session.scalar(select(exists().where(Member.id.isnot(None))))


def member_count(engine: Engine) -> int:
    """Members stored in the database at `engine`, in any state (the demo fills only an
    empty shop)."""
    from sqlalchemy import func, select

    from ..models import Member

    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Member)) or 0


__all__ = [
    "FirstSteps",
    "Step",
    "dismiss_first_steps",
    "first_steps",
    "PROFILE_FIELDS",
    "SHOP_RESTAURANT",
    "SHOP_SALON",
    "complete_first_run",
    "member_count",
    "needs_first_run",
    "profile_field_labels",
    "save_shop_settings",
]
