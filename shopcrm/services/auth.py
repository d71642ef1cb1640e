"""Who is acting: roles, permissions, PINs and logging in at the counter.

Services that change data take an ``actor`` argument. Owner-only work (reports, export,
prices, balance adjustments, erasing members, settings) starts with
``require_permission(actor, PERM_...)`` (or the older ``require_owner(actor, "what")``).
``actor=None`` means "roles are off": everyone acts as the owner, as before roles existed.

Roles are switched on with ``set_roles_enabled`` (setting ``auth.roles_enabled``); then the
UI asks for a PIN at the counter and passes the `Actor` that ``login`` returns. PINs are
stored as a self-describing scrypt string ``scrypt$n=..,r=..,p=..$salt$hash`` (base64), so the
parameters can be raised later without breaking old hashes. Failed logins are written to the
audit log in their own short transaction (they must survive the caller's rollback) and a
staff member is locked out for a while after repeated failures.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .. import clock
from ..i18n import CATALOG, ShopError, define, translate
from ..models import AuditEntry, Staff

log = logging.getLogger(__name__)

ROLE_OWNER = "owner"
ROLE_STAFF = "staff"
ROLES = (ROLE_OWNER, ROLE_STAFF)

SETTING_ROLES = "auth.roles_enabled"

# What each role may do. The UI hides what `can(actor, perm)` refuses; services enforce it
# with `require_permission`. Anything not listed for staff is owner-only.
PERM_MEMBERS_FIND = "members.find"
PERM_MEMBERS_EDIT = "members.edit"
PERM_VISITS_LOG = "visits.log"
PERM_FOLLOWUPS_WORK = "followups.work"
PERM_REPORTS_VIEW = "reports.view"
PERM_EXPORT = "data.export"
PERM_PRICES_EDIT = "prices.edit"
PERM_WALLET_ADJUST = "wallet.adjust"
PERM_MEMBERS_ERASE = "members.erase"
PERM_MEMBERS_EXPORT = "members.export_data"
PERM_SETTINGS_CHANGE = "settings.change"
PERM_AUDIT_VIEW = "audit.view"
PERM_BACKUP_MAKE = "backup.make"
PERM_BACKUP_RESTORE = "backup.restore"
PERM_STAFF_MANAGE = "staff.manage"
PERM_ROLES_MANAGE = "roles.manage"

PERMISSIONS: dict[str, frozenset[str]] = {
    PERM_MEMBERS_FIND: frozenset(ROLES),
    PERM_MEMBERS_EDIT: frozenset(ROLES),
    PERM_VISITS_LOG: frozenset(ROLES),
    PERM_FOLLOWUPS_WORK: frozenset(ROLES),
    PERM_REPORTS_VIEW: frozenset({ROLE_OWNER}),
    PERM_EXPORT: frozenset({ROLE_OWNER}),
    PERM_PRICES_EDIT: frozenset({ROLE_OWNER}),
    PERM_WALLET_ADJUST: frozenset({ROLE_OWNER}),
    PERM_MEMBERS_ERASE: frozenset({ROLE_OWNER}),
    PERM_MEMBERS_EXPORT: frozenset({ROLE_OWNER}),
    PERM_SETTINGS_CHANGE: frozenset({ROLE_OWNER}),
    PERM_AUDIT_VIEW: frozenset({ROLE_OWNER}),
    PERM_BACKUP_MAKE: frozenset({ROLE_OWNER}),
    PERM_BACKUP_RESTORE: frozenset({ROLE_OWNER}),
    PERM_STAFF_MANAGE: frozenset({ROLE_OWNER}),
    PERM_ROLES_MANAGE: frozenset({ROLE_OWNER}),
}

# PIN hashing: scrypt with n=2**14, r=8, p=1 (~16 MB, tens of milliseconds per try).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
PIN_RE = re.compile(r"[0-9]{4,12}")
# Lockout: after LOCK_AFTER failures in a row, wait LOCK_BASE doubled per extra failure.
LOCK_AFTER = 5
LOCK_BASE = timedelta(seconds=30)
LOCK_MAX = timedelta(minutes=15)
SQLITE_BUSY_MS = 10000  # as set by shopcrm.db for every connection

E_OWNER_ONLY = define(
    "auth.owner_only",
    en="Only the owner may do this ({action}). Switch to the owner's login first.",
    zh="只有店主可以执行此操作（{action}）。请先切换到店主登录。",
)
E_PIN_FORMAT = define(
    "auth.pin_format", en="A PIN is 4 to 12 digits.", zh="PIN 码须为 4 到 12 位数字。"
)
E_WRONG_PIN = define(
    "auth.wrong_pin", en="Wrong PIN for {name}.", zh="{name} 的 PIN 码不正确。"
)
E_NO_PIN = define(
    "auth.no_pin",
    en="{name} has no PIN yet; the owner sets one first.",
    zh="{name} 还没有 PIN 码，请店主先设置。",
)
E_LOCKED = define(
    "auth.locked",
    en="Too many wrong PINs for {name}. Try again in {seconds} seconds.",
    zh="{name} 的 PIN 码错误次数过多，请 {seconds} 秒后再试。",
)
E_UNKNOWN_STAFF = define(
    "auth.unknown_staff", en="No active staff member {who}.", zh="没有在职员工 {who}。"
)
E_STAFF_EXISTS = define(
    "auth.staff_exists", en="A staff member named {name} exists already.",
    zh="已有名为 {name} 的员工。",
)
E_STAFF_NAME = define(
    "auth.staff_name", en="A staff name is 1 to 60 characters.",
    zh="员工姓名须为 1 到 60 个字符。",
)
E_BAD_ROLE = define("auth.bad_role", en="Unknown role {role}.", zh="未知角色 {role}。")
E_NEED_OWNER_PIN = define(
    "auth.need_owner_pin",
    en="Roles need an owner with a PIN first: set the owner's PIN, then switch roles on.",
    zh="启用角色前，须先为店主设置 PIN 码。",
)
E_NO_OWNER_MATCH = define(
    "auth.owner_pin_wrong", en="That is not an owner's PIN.", zh="这不是店主的 PIN 码。"
)
A_PERMISSION = {
    PERM_REPORTS_VIEW: define("auth.perm.reports", en="view reports", zh="查看报表"),
    PERM_EXPORT: define("auth.perm.export", en="export data", zh="导出数据"),
    PERM_PRICES_EDIT: define("auth.perm.prices", en="edit prices", zh="修改价格"),
    PERM_WALLET_ADJUST: define("auth.perm.wallet", en="adjust balances", zh="调整余额"),
    PERM_MEMBERS_ERASE: define("auth.perm.erase", en="erase a member", zh="删除会员数据"),
    PERM_MEMBERS_EXPORT: define("auth.perm.member_export", en="export a member's data",
                                zh="导出会员个人数据"),
    PERM_SETTINGS_CHANGE: define("auth.perm.settings", en="change settings", zh="修改设置"),
    PERM_AUDIT_VIEW: define("auth.perm.audit", en="view the audit log", zh="查看操作日志"),
    PERM_BACKUP_MAKE: define("auth.perm.backup", en="make a backup", zh="备份数据"),
    PERM_BACKUP_RESTORE: define("auth.perm.restore", en="restore a backup", zh="恢复备份"),
    PERM_STAFF_MANAGE: define("auth.perm.staff", en="manage staff and PINs",
                              zh="管理员工和 PIN 码"),
    PERM_ROLES_MANAGE: define("auth.perm.roles", en="switch roles on or off",
                              zh="启用或关闭角色"),
}


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    name: str
    role: str

    @property
    def is_owner(self) -> bool:
        return self.role == ROLE_OWNER


SYSTEM = Actor(staff_id=None, name="system", role=ROLE_OWNER)


def require_owner(actor: Actor | None, action: str) -> None:
    """Refuse `action` unless the actor is an owner (None means roles are off: allowed)."""
    if actor is not None and not actor.is_owner:
        raise ShopError(E_OWNER_ONLY, action=action)


def can(actor: Actor | None, perm: str) -> bool:
    """Whether `actor` may do `perm` (None: roles are off, everything is allowed)."""
    allowed = PERMISSIONS.get(perm)
    if allowed is None:
        raise ValueError(f"unknown permission {perm!r}")
    return actor is None or actor.role in allowed


class PermissionDenied(ShopError):
    """'Only the owner may ...', with the action named in the reader's language."""

    def message(self, lang: str | None = None) -> str:
        action = self.params.get("action", "")
        params = {**self.params, "action": translate(action, lang) if action in CATALOG
                  else action}
        return translate(self.msg_id, lang, **params)


def require_permission(actor: Actor | None, perm: str) -> None:
    """Raise a translated 'owner only' error unless `actor` may do `perm`."""
    if not can(actor, perm):
        raise PermissionDenied(E_OWNER_ONLY, action=A_PERMISSION.get(perm, perm))


# --- PIN hashing -------------------------------------------------------------------------


def check_pin_format(pin: object) -> str:
    if not isinstance(pin, str) or not PIN_RE.fullmatch(pin):
        raise ShopError(E_PIN_FORMAT)
    return pin


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r * p + 1024 * 1024, dklen=32)


def hash_pin(pin: str) -> str:
    """A salted scrypt hash as ``scrypt$n=16384,r=8,p=1$<salt b64>$<hash b64>``."""
    check_pin_format(pin)
    salt = os.urandom(16)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt$n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether `pin` matches `stored` (constant-time compare; malformed hashes never match)."""
    if not stored or not isinstance(pin, str):
        return False
    try:
        scheme, params, salt_b64, digest_b64 = stored.split("$")
        values = dict(item.split("=") for item in params.split(","))
        n, r, p = int(values["n"]), int(values["r"]), int(values["p"])
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except (ValueError, KeyError):
        return False
    if scheme != "scrypt" or not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
        return False
    try:
        actual = _scrypt(pin, salt, n, r, p)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


# --- staff and PINs ----------------------------------------------------------------------


def _find_staff(session: Session, who: str | int) -> Staff:
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
    return session.scalar(
        select(Staff.id).where(Staff.role == ROLE_OWNER, Staff.active.is_(True),
                               Staff.pin_hash.is_not(None)).limit(1)
    ) is not None


def add_staff(session: Session, name: str, role: str = ROLE_STAFF,
              actor: Actor | None = None) -> int:
    """Add a staff member; the first owner may be added by anyone (first-time setup)."""
    from .audit import record

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


def set_pin(session: Session, staff_id: int, pin: str, actor: Actor | None = None) -> None:
    """Set a staff member's PIN.

    Owner-only, except that anyone may set an owner's PIN while no owner has one yet
    (first-time setup) and that a logged-in person may change their own PIN.
    """
    from .audit import record

    check_pin_format(pin)
    staff = _find_staff(session, int(staff_id))
    first_setup = staff.role == ROLE_OWNER and not owner_has_pin(session)
    own = actor is not None and actor.staff_id == staff.id
    if not (first_setup or own):
        require_permission(actor, PERM_STAFF_MANAGE)
    staff.pin_hash = hash_pin(pin)
    session.flush()
    record(session, actor, "staff", staff.id, "set_pin")  # never the PIN or its hash


E_LAST_OWNER_PIN = define(
    "auth.last_owner_pin",
    en="Roles are on and {name} is the only owner with a PIN: switch roles off first.",
    zh="已启用角色，且 {name} 是唯一有 PIN 码的店主：请先关闭角色。",
)


def clear_pin(session: Session, staff_id: int, actor: Actor | None = None) -> None:
    """Remove a staff member's PIN (owner-only); they cannot log in until a new one is set.

    Refused for the last owner with a PIN while roles are on: nobody could switch them off.
    """
    from .audit import record

    require_permission(actor, PERM_STAFF_MANAGE)
    staff = _find_staff(session, int(staff_id))
    if staff.pin_hash is None:
        return
    if staff.role == ROLE_OWNER and roles_enabled(session):
        others = session.scalar(
            select(Staff.id).where(Staff.role == ROLE_OWNER, Staff.active.is_(True),
                                   Staff.pin_hash.is_not(None), Staff.id != staff.id).limit(1)
        )
        if others is None:
            raise ShopError(E_LAST_OWNER_PIN, name=staff.name)
    staff.pin_hash = None
    session.flush()
    record(session, actor, "staff", staff.id, "clear_pin")


def _recent_attempts(session: Session, staff_id: int) -> tuple[int, datetime | None]:
    """Failures in a row since the last good login, and when the last one happened."""
    query = (
        select(AuditEntry.action, AuditEntry.created_at)
        .where(AuditEntry.entity == "staff", AuditEntry.entity_id == staff_id,
               AuditEntry.action.in_(("login_failed", "login")))
        .order_by(AuditEntry.id.desc()).limit(LOCK_AFTER + 12)
    )
    # A fresh transaction: the caller's may hold an older snapshot (SQLite WAL readers do)
    # that does not yet see the attempts written by _record_outside.
    with Session(bind=session.get_bind()) as side:
        rows = side.execute(query).all()
    failures, last = 0, None
    for action, created in rows:
        if action == "login":
            break
        failures += 1
        last = last or created
    return failures, last


def lockout_remaining(session: Session, staff_id: int, now: datetime | None = None) -> int:
    """Seconds until `staff_id` may try a PIN again (0: now)."""
    failures, last = _recent_attempts(session, staff_id)
    if failures < LOCK_AFTER or last is None:
        return 0
    wait = min(LOCK_BASE * 2 ** (failures - LOCK_AFTER), LOCK_MAX)
    left = (last + wait - (now or clock.now())).total_seconds()
    return max(0, int(left + 0.999))


def _record_outside(session: Session, staff: Staff, action: str) -> None:
    """Write a login attempt in its own transaction so that it outlives a rollback."""
    bind = session.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    try:
        with bind.connect() as conn:
            try:
                if sqlite:  # the caller may hold the write lock: do not stall the counter
                    conn.exec_driver_sql("PRAGMA busy_timeout = 1000")
                    conn.commit()
                conn.execute(insert(AuditEntry).values(
                    staff_id=staff.id, actor=staff.name, entity="staff", entity_id=staff.id,
                    action=action, detail={}))
                conn.commit()
            finally:
                conn.rollback()
                if sqlite:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
                    conn.commit()
    except SQLAlchemyError:  # a locked or read-only database must not block the login
        log.warning("could not record %s for staff %s", action, staff.id, exc_info=True)


def login(session: Session, staff_name_or_id: str | int, pin: str) -> Actor:
    """The `Actor` for a staff member whose PIN is right; a clear error otherwise."""
    staff = _find_staff(session, staff_name_or_id)
    if not staff.pin_hash:
        raise ShopError(E_NO_PIN, name=staff.name)
    wait = lockout_remaining(session, staff.id)
    if wait:
        raise ShopError(E_LOCKED, name=staff.name, seconds=wait)
    if not verify_pin(pin, staff.pin_hash):
        _record_outside(session, staff, "login_failed")
        raise ShopError(E_WRONG_PIN, name=staff.name)
    _record_outside(session, staff, "login")
    return Actor(staff_id=staff.id, name=staff.name, role=staff.role)


def login_owner_by_pin(session: Session, pin: str) -> Actor:
    """The owner whose PIN this is (for the CLI, where only a PIN is typed)."""
    owners = session.scalars(
        select(Staff).where(Staff.role == ROLE_OWNER, Staff.active.is_(True),
                            Staff.pin_hash.is_not(None)).order_by(Staff.id)
    ).all()
    if not owners:
        raise ShopError(E_NEED_OWNER_PIN)
    for owner in owners:
        wait = lockout_remaining(session, owner.id)
        if wait:
            raise ShopError(E_LOCKED, name=owner.name, seconds=wait)
    for owner in owners:
        if verify_pin(pin, owner.pin_hash):
            _record_outside(session, owner, "login")
            return Actor(staff_id=owner.id, name=owner.name, role=ROLE_OWNER)
    for owner in owners:
        _record_outside(session, owner, "login_failed")
    raise ShopError(E_NO_OWNER_MATCH)


# --- switching roles on and off ------------------------------------------------------------


def roles_enabled(session: Session) -> bool:
    from .settings import get_setting

    return bool(get_setting(session, SETTING_ROLES, default=False))


def set_roles_enabled(session: Session, enabled: bool, actor: Actor | None = None) -> None:
    """Switch roles on (needs an owner with a PIN) or off (everyone acts as the owner)."""
    from .settings import change_setting

    require_permission(actor, PERM_ROLES_MANAGE)
    if enabled and not owner_has_pin(session):
        raise ShopError(E_NEED_OWNER_PIN)
    change_setting(session, SETTING_ROLES, bool(enabled), actor)
