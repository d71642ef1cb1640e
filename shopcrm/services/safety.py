"""Saving safely: database errors during a save become clear messages; nothing half-written.

A save runs in one transaction (``session_scope``); when it fails, the whole transaction rolls
back. This module turns the failures a shop can meet into `ShopError`s the UI can show:

- the disk (or a size limit) is full — SQLite "database or disk is full", PostgreSQL
  "could not extend file" / disk full;
- the database file is read-only (a read-only share, a write-protected USB stick);
- another counter holds the database for longer than the busy timeout ("database is locked",
  PostgreSQL lock timeouts and serialisation failures);
- another counter changed the same record since it was loaded (SQLAlchemy `StaleDataError`
  from the optimistic ``version`` column): reload and try again;
- the file is damaged or is not a ShopCRM database at all ("file is not a database",
  "database disk image is malformed"): restore a backup;
- the file cannot be opened at all (a missing or unwritable folder).

The CLI's ``handle_errors`` and the UI's op layer both go through `translate_db_error` (the
CLI by way of `services.boundary`), so a shop reads the same sentence on either side.

Use ``safe_session(engine, write=True)`` instead of ``session_scope`` for a save, or wrap any
block with ``translate_db_errors()``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..db import session_scope
from ..i18n import ShopError, define

E_DISK_FULL = define(
    "safety.disk_full",
    en="The disk is full, so nothing was saved. Free some space (or move the database), "
    "then save again.",
    zh="磁盘已满，本次内容未保存。请清理空间（或移动数据库）后再保存。",
)
E_READ_ONLY = define(
    "safety.read_only",
    en="The database cannot be written (read-only file or folder), so nothing was saved. "
    "Check the file's permissions or the USB stick's write protection.",
    zh="数据库无法写入（文件或文件夹为只读），本次内容未保存。请检查文件权限或 U 盘写保护。",
)
E_BUSY = define(
    "safety.busy",
    en="Another counter is using the database right now, so nothing was saved. "
    "Wait a moment and save again.",
    zh="另一台前台电脑正在使用数据库，本次内容未保存。请稍候再保存。",
)
E_CONFLICT = define(
    "safety.conflict",
    en="This record was changed at another counter; reload it and try again.",
    zh="此记录已在另一台前台电脑上被修改，请重新载入后再试。",
)


E_DAMAGED = define(
    "safety.damaged",
    en="The database file is damaged or is not a ShopCRM database, so nothing was saved. "
    "Run `shopcrm check`, then restore the newest backup.",
    zh="数据库文件已损坏或不是 ShopCRM 数据库，本次内容未保存。请运行 shopcrm check，"
    "然后恢复最新的备份。",
)
E_CANNOT_OPEN = define(
    "safety.cannot_open",
    en="The database file cannot be opened (missing folder, no permission or read-only "
    "media), so nothing was saved. Check the path and its permissions.",
    zh="无法打开数据库文件（文件夹不存在、无权限或介质只读），本次内容未保存。"
    "请检查路径及其权限。",
)


class SaveError(ShopError):
    """A save failed for a reason the user can act on; the transaction was rolled back."""


class DiskFullError(SaveError):
    pass


class ReadOnlyError(SaveError):
    pass


class BusyError(SaveError):
    pass


class ConflictError(SaveError):
    """Another counter saved the record first (optimistic version check)."""


class DamagedError(SaveError):
    """The file is not a (healthy) SQLite database."""


class CannotOpenError(SaveError):
    """SQLite could not open the file (folder missing, not writable, no permission)."""


_PATTERNS: tuple[tuple[type[SaveError], str, tuple[str, ...]], ...] = (
    (DiskFullError, E_DISK_FULL, ("database or disk is full", "disk full", "no space left",
                                  "could not extend file", "diskfull")),
    (ReadOnlyError, E_READ_ONLY, ("readonly database", "read-only", "read only",
                                  "readonlysqltransaction")),
    (BusyError, E_BUSY, ("database is locked", "database table is locked", "lock timeout",
                         "lock_timeout", "could not obtain lock", "deadlock detected",
                         "could not serialize access")),
    (DamagedError, E_DAMAGED, ("file is not a database", "disk image is malformed",
                               "file is encrypted or is not a database")),
    (CannotOpenError, E_CANNOT_OPEN, ("unable to open database file",)),
)
_SQLSTATES = {
    "53100": DiskFullError,  # disk_full
    "25006": ReadOnlyError,  # read_only_sql_transaction
    "55P03": BusyError,  # lock_not_available
    "40001": BusyError,  # serialization_failure
    "40P01": BusyError,  # deadlock_detected
}


def translate_db_error(exc: BaseException) -> SaveError | None:
    """The user-facing error for a database failure, or None when it is not one we know."""
    if isinstance(exc, SaveError):
        return exc
    if isinstance(exc, StaleDataError):
        return ConflictError(E_CONFLICT)
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    for cls in (DiskFullError, ReadOnlyError, BusyError):
        if _SQLSTATES.get(str(sqlstate)) is cls:
            return cls(_msg_for(cls))
    text = str(orig).lower()
    for cls, msg_id, needles in _PATTERNS:
        if any(needle in text for needle in needles):
            return cls(msg_id)
    return None


def _msg_for(cls: type[SaveError]) -> str:
    return next(msg for kind, msg, _ in _PATTERNS if kind is cls)


@contextmanager
def translate_db_errors() -> Iterator[None]:
    """Re-raise known database failures inside the block as `SaveError`s."""
    try:
        yield
    except (SQLAlchemyError, OSError, sqlite3.Error) as exc:
        translated = translate_db_error(exc)
        if translated is None:
            raise
        raise translated from exc


@contextmanager
def safe_session(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """``session_scope`` whose failures roll back and come out as `SaveError`s."""
    with translate_db_errors(), session_scope(engine, write=write) as session:
        yield session
