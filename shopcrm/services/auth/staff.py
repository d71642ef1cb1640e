"""Staff members and their PINs, and switching roles on and off."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import Staff
from .pins import E_PIN_LENGTH, check_pin_format, hash_pin, pin_min_digits
from .roles import (
    PERM_ROLES_MANAGE,
    PERM_STAFF_MANAGE,
    ROLE_OWNER,
    ROLE_STAFF,
    ROLES,
    Actor,
    require_permission,
)

SETTING_ROLES = "auth.roles_enabled"

E_UNKNOWN_STAFF = define(
    "auth.unknown_staff", en="No active staff member {who}.", zh="没有在职员工 {who}。"
)
E_STAFF_EXISTS = define(
    "auth.staff_exists",
    en="A staff member named {name} exists already.",
    zh="已有名为 {name} 的员工。",
)
E_STAFF_NAME = define(
    "auth.staff_name",
    en="A staff name is 1 to 60 characters.",
    zh="员工姓名须为 1 到 60 个字符。",
)
E_BAD_ROLE = define("auth.bad_role", en="Unknown role {role}.", zh="未知角色 {role}。")
E_NEED_OWNER_PIN = define(
    "auth.need_owner_pin",
    en="Roles need an owner with a PIN first: set the owner's PIN, then switch roles on.",
    zh="启用角色前，须先为店主设置 PIN 码。",
)
E_LAST_OWNER_PIN = define(
    "auth.last_owner_pin",
    en="Roles are on and {name} is the only owner with a PIN: switch roles off first.",
    zh="已启用角色，且 {name} 是唯一有 PIN 码的店主：请先关闭角色。",
)


def find_staff(session: Session, who: str | int) -> Staff:
    """The active staff member named or numbered `who`; a clear error otherwise."""
    staff: Staff | None = None
    if isinstance(who, int) and not isinstance(who, bool):
        staff = session.get(Staff, who) if 0 < who < 2**31 else None
    elif isinstance(who, str) and 0 < len(who.strip()) <= 60 and who.isprintable():
        name = who.strip()
        if name.isascii() and name.isdigit() and len(name) <= 9:
            staff = session.get(Staff, int(name))
        if staff is None:
            staff = session.scalar(select(Staff).where(Staff.name == name))
    if staff is None or not staff.active:
        raise ShopError(E_UNKNOWN_STAFF, who=str(who)[:60])
    return staff


def owner_has_pin(session: Session) -> bool:
    """Whether an active owner has a PIN (roles can be switched on only then)."""
    return (
        session.scalar(
            select(Staff.id)
            .where(Staff.role == ROLE_OWNER, Staff.active.is_(True), Staff.pin_hash.is_not(None))
            .limit(1)
        )
        is not None
    )


def add_staff(session: Session, name: str, role: str = ROLE_STAFF, *, actor: Actor) -> int:
    """Add a staff member; the first owner may be added by anyone (first-time setup)."""
    from ..audit import record

    if role not in ROLES:
        raise ShopError(E_BAD_ROLE, role=str(role)[:20])
    first_owner = role == ROLE_OWNER and not owner_has_pin(session)
    if not first_owner:
        require_permission(actor, PERM_STAFF_MANAGE)
    clean = name.strip() if isinstance(name, str) else ""
    if not clean or len(clean) > 60 or not clean.isprintable():
        raise ShopError(E_STAFF_NAME)
    if session.scalar(select(Staff.id).where(Staff.name == clean)) is not None:
        raise ShopError(E_STAFF_EXISTS, name=clean)
    staff = Staff(name=clean, role=role, active=True)
    session.add(staff)
    session.flush()
    record(session, actor, "staff", staff.id, "create", name=clean, role=role)
    return staff.id


def set_pin(session: Session, staff_id: int, pin: str, *, actor: Actor) -> None:
    """Set a staff member's PIN.

    Owner-only, except that anyone may set an owner's PIN while no owner has one yet
    (first-time setup) and that a logged-in person may change their own PIN.
    """
    from ..audit import record

    check_pin_format(pin)
    staff = find_staff(session, int(staff_id))
    digits = pin_min_digits(session, staff.role)
    if len(pin) < digits:
        raise ShopError(E_PIN_LENGTH, name=staff.name, digits=digits)
    first_setup = staff.role == ROLE_OWNER and not owner_has_pin(session)
    own = actor is not None and actor.staff_id == staff.id
    if not (first_setup or own):
        require_permission(actor, PERM_STAFF_MANAGE)
    staff.pin_hash = hash_pin(pin)
    session.flush()
    record(session, actor, "staff", staff.id, "set_pin")  # never the PIN or its hash


def clear_pin(session: Session, staff_id: int, *, actor: Actor) -> None:
    """Remove a staff member's PIN (owner-only); they cannot log in until a new one is set.

    Refused for the last owner with a PIN while roles are on: nobody could switch them off.
    """
    from ..audit import record

    require_permission(actor, PERM_STAFF_MANAGE)
    staff = find_staff(session, int(staff_id))
    if staff.pin_hash is None:
        return
    if staff.role == ROLE_OWNER and roles_enabled(session):
        others = session.scalar(
            select(Staff.id)
            .where(
                Staff.role == ROLE_OWNER,
                Staff.active.is_(True),
                Staff.pin_hash.is_not(None),
                Staff.id != staff.id,
            )
            .limit(1)
        )
        if others is None:
            raise ShopError(E_LAST_OWNER_PIN, name=staff.name)
    staff.pin_hash = None
    session.flush()
    record(session, actor, "staff", staff.id, "clear_pin")


def roles_enabled(session: Session) -> bool:
    from ..settings import get_setting

    return bool(get_setting(session, SETTING_ROLES, default=False))


def set_roles_enabled(session: Session, enabled: bool, *, actor: Actor) -> None:
    """Switch roles on (needs an owner with a PIN) or off (everyone acts as the owner)."""
    from ..settings import change_setting

    require_permission(actor, PERM_ROLES_MANAGE)
    if enabled and not owner_has_pin(session):
        raise ShopError(E_NEED_OWNER_PIN)
    change_setting(session, SETTING_ROLES, bool(enabled), actor=actor)
