"""Logging in with a PIN at the counter or the CLI, and the lockout after wrong tries.

Failed logins are written to the audit log in their own short transaction (they must
survive the caller's rollback). After `LOCK_AFTER` failures in a row the person they are
charged to waits `LOCK_BASE`, doubled per extra failure, up to `LOCK_MAX` for staff and
`OWNER_LOCK_MAX` (30 s) for an owner: anyone at a fresh login screen or a CLI without a
login can fail the owner's PIN, and must not be able to keep the owner out of the shop for
long (docs/reliability.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ... import clock
from ...i18n import ShopError, define
from ...models import AuditEntry, Staff
from .pins import hash_pin, needs_rehash, verify_pin
from .roles import ROLE_OWNER, Actor
from .staff import E_NEED_OWNER_PIN, find_staff

log = logging.getLogger(__name__)

LOCK_AFTER = 5
LOCK_BASE = timedelta(seconds=30)
LOCK_MAX = timedelta(minutes=15)  # staff
OWNER_LOCK_MAX = timedelta(seconds=30)  # an owner: anyone can fail their PIN, keep it short
SQLITE_BUSY_MS = 10000  # as set by shopcrm.db for every connection

E_CANNOT_RECORD = define(
    "auth.cannot_record",
    en="Cannot record this login attempt (the database is read-only or busy): PIN logins "
    "need a writable database. Try again, or copy the file somewhere writable.",
    zh="无法记录本次登录尝试（数据库只读或繁忙）：PIN 登录需要可写的数据库。请重试，或将文件复制到可写位置。",
)
E_WRONG_PIN = define("auth.wrong_pin", en="Wrong PIN for {name}.", zh="{name} 的 PIN 码不正确。")
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
E_NO_OWNER_MATCH = define(
    "auth.owner_pin_wrong", en="That is not an owner's PIN.", zh="这不是店主的 PIN 码。"
)


def _recent_attempts(session: Session, person_id: int) -> tuple[int, datetime | None]:
    """Failed attempts charged to `person_id` since their last good login, and the newest.

    An attempt is written (action ``login_attempt``, charged to whoever is trying) before the
    PIN is checked and turned into ``login`` when it was right, so a failure counts even if
    the process is killed while scrypt runs. ``login_failed`` rows are from older versions.
    """
    query = (
        select(AuditEntry.action, AuditEntry.created_at)
        .where(
            AuditEntry.entity == "staff",
            AuditEntry.staff_id == person_id,
            AuditEntry.action.in_(("login_failed", "login_attempt", "login")),
        )
        .order_by(AuditEntry.id.desc())
        .limit(LOCK_AFTER + 12)
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


def lock_max(session: Session, staff_id: int) -> timedelta:
    """The longest wait for `staff_id`: `OWNER_LOCK_MAX` for an owner, else `LOCK_MAX`."""
    role = session.scalar(select(Staff.role).where(Staff.id == staff_id))
    return OWNER_LOCK_MAX if role == ROLE_OWNER else LOCK_MAX


def lockout_remaining(session: Session, staff_id: int, now: datetime | None = None) -> int:
    """Seconds until `staff_id` may try a PIN again (0: now); an owner waits 30 s at most."""
    failures, last = _recent_attempts(session, staff_id)
    if failures < LOCK_AFTER or last is None:
        return 0
    wait = min(LOCK_BASE * 2 ** min(failures - LOCK_AFTER, 16), lock_max(session, staff_id))
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
        return int(
            conn.execute(
                insert(AuditEntry).values(
                    staff_id=charged_id,
                    actor=charged.name,
                    entity="staff",
                    entity_id=target.id,
                    action="login_attempt",
                    detail={},
                )
            ).inserted_primary_key[0]
        )

    try:
        return int(_outside(session, write))
    except SQLAlchemyError:
        log.warning("could not record a login attempt on staff %s", target.id, exc_info=True)
        raise ShopError(E_CANNOT_RECORD) from None


def _resolve_attempt(
    session: Session, attempt_id: int, staff: Staff, pin: str, drop: tuple[int, ...] = ()
) -> None:
    """Turn a pending attempt into a good login (charged to the person now logged in) and
    re-hash an older PIN hash with today's cost; `drop`: other pending rows of this call."""
    old = staff.pin_hash or ""
    new = hash_pin(pin) if needs_rehash(old) else None

    def write(conn: Connection) -> None:
        conn.execute(
            update(AuditEntry)
            .where(AuditEntry.id == attempt_id)
            .values(action="login", staff_id=staff.id, actor=staff.name)
        )
        if drop:
            conn.execute(
                delete(AuditEntry).where(
                    AuditEntry.id.in_(drop), AuditEntry.action == "login_attempt"
                )
            )
        if new is not None:
            conn.execute(
                update(Staff)
                .where(Staff.id == staff.id, Staff.pin_hash == old)
                .values(pin_hash=new)
            )

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


def login(
    session: Session, staff_name_or_id: str | int, pin: str, by: Actor | None = None
) -> Actor:
    """The `Actor` for a staff member whose PIN is right; a clear error otherwise.

    Failures lock out the person they are charged to: the target, or `by` (who is logged in
    at this counter, e.g. a staff member switching to the owner) — so a logged-in staff
    member's wrong tries at the owner's PIN lock that staff member out, not the owner.
    """
    staff = find_staff(session, staff_name_or_id)
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
        select(Staff)
        .where(Staff.role == ROLE_OWNER, Staff.active.is_(True), Staff.pin_hash.is_not(None))
        .order_by(Staff.id)
    ).all()
    if not owners:
        raise ShopError(E_NEED_OWNER_PIN)
    attempter = _attempter(by, -1)
    _check_waits(session, *(o.id for o in owners), *([attempter.staff_id] if attempter else []))
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
