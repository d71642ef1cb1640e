"""Who is acting: roles, permissions, PINs and logging in at the counter.

Services that change data take an ``actor`` argument. Owner-only work (reports, export,
prices, balance adjustments, erasing members, settings) starts with
``require_permission(actor, PERM_...)`` (or the older ``require_owner(actor, "what")``).
The actor is always explicit: ``SYSTEM`` (owner rights, named "system" in the audit) for
the demo, migrations, start-up work, tests and everyone while roles are off; ``None`` is
refused with a TypeError (it used to mean owner rights silently).

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

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

# PIN hashing: scrypt with n=2**17, r=8, p=1 (128 MB, about 0.4-0.7 s per try on the shop's
# two-core machine, so trying all 10**6 six-digit PINs of a copied file takes days: see
# docs/reliability.md). Older hashes carry their own parameters, keep verifying and are
# re-hashed with these on the next good login. Tests lower SCRYPT_COST (tests/conftest.py).
SCRYPT_COST_DEFAULT = (2**17, 8, 1)
SCRYPT_COST = SCRYPT_COST_DEFAULT
PIN_RE = re.compile(r"[0-9]{4,12}")
OWNER_PIN_MIN, STAFF_PIN_MIN, SHORT_STAFF_PIN_MIN = 6, 6, 4
SETTING_SHORT_STAFF_PINS = "auth.short_staff_pins"  # the owner allows 4-digit staff PINs
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
E_PIN_LENGTH = define(
    "auth.pin_length",
    en="{name}'s PIN needs at least {digits} digits.",
    zh="{name} 的 PIN 码至少需要 {digits} 位数字。",
)
E_CANNOT_RECORD = define(
    "auth.cannot_record",
    en="Cannot record this login attempt (the database is read-only or busy): PIN logins "
    "need a writable database. Try again, or copy the file somewhere writable.",
    zh="无法记录本次登录尝试（数据库只读或繁忙）：PIN 登录需要可写的数据库。请重试，或将文件复制到可写位置。",
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


def explicit_actor(actor: object) -> Actor:
    """`actor` itself; a TypeError for None or anything else (a programming error)."""
    if not isinstance(actor, Actor):
        raise TypeError(f"an explicit Actor is required (auth.SYSTEM for system work), "
                        f"got {actor!r}")
    return actor


def require_owner(actor: Actor, action: str) -> None:
    """Refuse `action` unless the actor is an owner."""
    if not explicit_actor(actor).is_owner:
        raise ShopError(E_OWNER_ONLY, action=action)


def can(actor: Actor, perm: str) -> bool:
    """Whether `actor` may do `perm` (SYSTEM, used while roles are off, may do everything)."""
    allowed = PERMISSIONS.get(perm)
    if allowed is None:
        raise ValueError(f"unknown permission {perm!r}")
    return explicit_actor(actor).role in allowed


class PermissionDenied(ShopError):
    """'Only the owner may ...', with the action named in the reader's language."""

    def message(self, lang: str | None = None) -> str:
        action = self.params.get("action", "")
        params = {**self.params, "action": translate(action, lang) if action in CATALOG
                  else action}
        return translate(self.msg_id, lang, **params)


def require_permission(actor: Actor, perm: str) -> None:
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
    """A salted scrypt hash as ``scrypt$n=131072,r=8,p=1$<salt b64>$<hash b64>``."""
    check_pin_format(pin)
    salt = os.urandom(16)
    n, r, p = SCRYPT_COST
    digest = _scrypt(pin, salt, n, r, p)
    return f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(digest)}"


def needs_rehash(stored: str) -> bool:
    """Whether `stored` was hashed with other parameters than today's SCRYPT_COST."""
    n, r, p = SCRYPT_COST
    return not stored.startswith(f"scrypt$n={n},r={r},p={p}$")


def pin_min_digits(session: Session, role: str) -> int:
    """Six digits for an owner; six for staff unless the owner allows four (a setting)."""
    from .settings import get_setting

    if role == ROLE_OWNER:
        return OWNER_PIN_MIN
    short = bool(get_setting(session, SETTING_SHORT_STAFF_PINS, default=False))
    return SHORT_STAFF_PIN_MIN if short else STAFF_PIN_MIN


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
              *, actor: Actor) -> int:
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


def set_pin(session: Session, staff_id: int, pin: str, *, actor: Actor) -> None:
    """Set a staff member's PIN.

    Owner-only, except that anyone may set an owner's PIN while no owner has one yet
    (first-time setup) and that a logged-in person may change their own PIN.
    """
    from .audit import record

    check_pin_format(pin)
    staff = _find_staff(session, int(staff_id))
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


E_LAST_OWNER_PIN = define(
    "auth.last_owner_pin",
    en="Roles are on and {name} is the only owner with a PIN: switch roles off first.",
    zh="已启用角色，且 {name} 是唯一有 PIN 码的店主：请先关闭角色。",
)


def clear_pin(session: Session, staff_id: int, *, actor: Actor) -> None:
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


def _recent_attempts(session: Session, person_id: int) -> tuple[int, datetime | None]:
    """Failed attempts charged to `person_id` since their last good login, and the newest.

    An attempt is written (action ``login_attempt``, charged to whoever is trying) before the
    PIN is checked and turned into ``login`` when it was right, so a failure counts even if
    the process is killed while scrypt runs. ``login_failed`` rows are from older versions.
    """
    query = (
        select(AuditEntry.action, AuditEntry.created_at)
        .where(AuditEntry.entity == "staff", AuditEntry.staff_id == person_id,
               AuditEntry.action.in_(("login_failed", "login_attempt", "login")))
        .order_by(AuditEntry.id.desc()).limit(LOCK_AFTER + 12)
    )
    # A fresh transaction: the caller's may hold an older snapshot (SQLite WAL readers do)
    # that does not yet see the attempts written by _record_attempt.
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


def _outside(session: Session, work: Callable[[Connection], Any]) -> Any:
    """Run `work` on a connection of its own and commit, so that it outlives a rollback."""
    bind = session.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    with bind.connect() as conn:
        try:
            if sqlite:  # the caller may hold the write lock: do not stall the counter
                conn.exec_driver_sql("PRAGMA busy_timeout = 1000")
                conn.commit()
            result = work(conn)
            conn.commit()
            return result
        finally:
            conn.rollback()
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
                conn.commit()


def _record_attempt(session: Session, charged: Staff | Actor, target: Staff) -> int:
    """Write a pending attempt on `target`, charged to `charged`, before the PIN is checked.

    When it cannot be written (read-only file, locked database) the login is refused: a
    lockout that cannot be recorded would not hold.
    """
    charged_id = charged.staff_id if isinstance(charged, Actor) else charged.id

    def write(conn: Connection) -> int:
        return int(conn.execute(insert(AuditEntry).values(
            staff_id=charged_id, actor=charged.name, entity="staff", entity_id=target.id,
            action="login_attempt", detail={})).inserted_primary_key[0])

    try:
        return int(_outside(session, write))
    except SQLAlchemyError:
        log.warning("could not record a login attempt on staff %s", target.id, exc_info=True)
        raise ShopError(E_CANNOT_RECORD) from None


def _resolve_attempt(session: Session, attempt_id: int, staff: Staff, pin: str,
                     drop: tuple[int, ...] = ()) -> None:
    """Turn a pending attempt into a good login (charged to the person now logged in) and
    re-hash an older PIN hash with today's cost; `drop`: other pending rows of this call."""
    old = staff.pin_hash or ""
    new = hash_pin(pin) if needs_rehash(old) else None

    def write(conn: Connection) -> None:
        conn.execute(update(AuditEntry).where(AuditEntry.id == attempt_id).values(
            action="login", staff_id=staff.id, actor=staff.name))
        if drop:
            conn.execute(delete(AuditEntry).where(AuditEntry.id.in_(drop),
                                                  AuditEntry.action == "login_attempt"))
        if new is not None:
            conn.execute(update(Staff).where(Staff.id == staff.id, Staff.pin_hash == old)
                         .values(pin_hash=new))

    try:
        _outside(session, write)
    except SQLAlchemyError:  # the attempt stays counted; the login itself was right
        log.warning("could not resolve login attempt %s", attempt_id, exc_info=True)
        return
    if new is not None and session.get(Staff, staff.id) is staff:
        set_committed_value(staff, "pin_hash", new)


def _check_waits(session: Session, *people: int) -> None:
    for person in people:
        wait = lockout_remaining(session, person)
        if wait:
            staff = session.get(Staff, person)
            raise ShopError(E_LOCKED, name=staff.name if staff else str(person), seconds=wait)


def _attempter(by: Actor | None, target_id: int) -> Actor | None:
    """The logged-in person trying someone else's PIN (their failures are charged to them)."""
    if by is None or by.staff_id is None or by.staff_id == target_id:
        return None
    return by


def login(session: Session, staff_name_or_id: str | int, pin: str,
          by: Actor | None = None) -> Actor:
    """The `Actor` for a staff member whose PIN is right; a clear error otherwise.

    Failures lock out the person they are charged to: the target, or `by` (who is logged in
    at this counter, e.g. a staff member switching to the owner) — so a logged-in staff
    member's wrong tries at the owner's PIN lock that staff member out, not the owner.
    """
    staff = _find_staff(session, staff_name_or_id)
    if not staff.pin_hash:
        raise ShopError(E_NO_PIN, name=staff.name)
    attempter = _attempter(by, staff.id)
    _check_waits(session, staff.id, *([attempter.staff_id] if attempter else []))
    attempt = _record_attempt(session, attempter or staff, staff)
    if not verify_pin(pin, staff.pin_hash):
        raise ShopError(E_WRONG_PIN, name=staff.name)
    _resolve_attempt(session, attempt, staff, pin)
    return Actor(staff_id=staff.id, name=staff.name, role=staff.role)


def login_owner_by_pin(session: Session, pin: str, by: Actor | None = None) -> Actor:
    """The owner whose PIN this is (for the CLI, where only a PIN is typed)."""
    owners = session.scalars(
        select(Staff).where(Staff.role == ROLE_OWNER, Staff.active.is_(True),
                            Staff.pin_hash.is_not(None)).order_by(Staff.id)
    ).all()
    if not owners:
        raise ShopError(E_NEED_OWNER_PIN)
    attempter = _attempter(by, -1)
    _check_waits(session, *(o.id for o in owners),
                 *([attempter.staff_id] if attempter else []))
    if attempter is not None:
        attempts = {o.id: _record_attempt(session, attempter, owners[0]) for o in owners[:1]}
    else:
        attempts = {o.id: _record_attempt(session, o, o) for o in owners}
    for owner in owners:
        if verify_pin(pin, owner.pin_hash):
            mine = attempts.get(owner.id) or next(iter(attempts.values()))
            others = tuple(v for v in attempts.values() if v != mine)
            _resolve_attempt(session, mine, owner, pin, drop=others)
            return Actor(staff_id=owner.id, name=owner.name, role=ROLE_OWNER)
    raise ShopError(E_NO_OWNER_MATCH)


# --- switching roles on and off ------------------------------------------------------------


def roles_enabled(session: Session) -> bool:
    from .settings import get_setting

    return bool(get_setting(session, SETTING_ROLES, default=False))


def set_roles_enabled(session: Session, enabled: bool, *, actor: Actor) -> None:
    """Switch roles on (needs an owner with a PIN) or off (everyone acts as the owner)."""
    from .settings import change_setting

    require_permission(actor, PERM_ROLES_MANAGE)
    if enabled and not owner_has_pin(session):
        raise ShopError(E_NEED_OWNER_PIN)
    change_setting(session, SETTING_ROLES, bool(enabled), actor=actor)
