"""One boundary for errors and transactions, shared by the CLI and the UI.

Every piece of work that touches the database runs inside one transaction and comes out as
either its result or a `ShopError` the user can read — never a half-written change, never a
traceback for a failure a shop can meet:

- ``write_session(engine, actor)`` — a writing transaction (SQLite ``BEGIN IMMEDIATE``) that
  commits on success and rolls back on any error; database failures (disk full, read-only
  file or folder, locked, damaged file, a record changed at another counter) come out as
  `safety.SaveError`s with one-line zh/en messages. It yields a `WriteScope` whose
  ``session`` and ``actor`` the services take (the actor is required: who acts is never
  implied).
- ``read_session(engine)`` — the same for reading (nothing to roll back, same messages).
- ``translate_failure(exc)`` — any exception as the `ShopError` to show, or None when it is a
  programming error. The CLI's ``handle_errors`` uses it; the UI's op layer uses
  ``safety.translate_db_errors``; both end in the same `safety.translate_db_error`.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..i18n import ShopError, define
from .auth import Actor
from .safety import (
    E_DISK_FULL,
    E_READ_ONLY,
    DiskFullError,
    ReadOnlyError,
    safe_session,
    translate_db_error,
)

E_FILE_MISSING = define(
    "boundary.file_missing", en="File not found: {path}", zh="找不到文件：{path}"
)
E_FILE_DENIED = define(
    "boundary.file_denied",
    en="No permission to use {path}; nothing was changed.",
    zh="无权使用 {path}，未做任何更改。",
)
E_FILE_OTHER = define(
    "boundary.file_other",
    en="Cannot use {path} ({reason}); nothing was changed.",
    zh="无法使用 {path}（{reason}），未做任何更改。",
)
E_UNEXPECTED = define(
    "boundary.unexpected",
    en="Unexpected error ({kind}: {detail}); nothing was changed. Run with -v for details "
    "and report it.",
    zh="意外错误（{kind}：{detail}），未做任何更改。可加 -v 查看详情并反馈。",
)


@dataclass(frozen=True)
class WriteScope:
    """What a writing service call needs: the open transaction and who is acting."""

    session: Session
    actor: Actor


@contextmanager
def write_session(engine: Engine, actor: Actor) -> Iterator[WriteScope]:
    """One writing transaction for `actor`; failures roll back and come out as ShopErrors."""
    if not isinstance(actor, Actor):
        raise TypeError("write_session needs an Actor (use auth.SYSTEM for the system)")
    with safe_session(engine, write=True) as session:
        yield WriteScope(session, actor)


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """One reading transaction; database failures come out as ShopErrors."""
    with safe_session(engine, write=False) as session:
        yield session


def _file_error(exc: OSError) -> ShopError:
    from .files import error_path, file_in_use_error, is_folder_error

    path = error_path(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(E_DISK_FULL)
    if exc.errno == errno.EROFS:
        return ReadOnlyError(E_READ_ONLY)
    if isinstance(exc, FileNotFoundError):
        return ShopError(E_FILE_MISSING, path=str(path))
    if isinstance(exc, PermissionError):
        if path and not is_folder_error(exc):  # Windows: a file another program holds open
            return file_in_use_error(exc)
        return ShopError(E_FILE_DENIED, path=str(path))
    return ShopError(E_FILE_OTHER, path=str(path), reason=exc.strerror or type(exc).__name__)


def translate_failure(exc: BaseException) -> ShopError | None:
    """The message to show for `exc`: ShopErrors as they are, database and file failures
    translated; None for anything else (a bug: the caller decides how to report it)."""
    if isinstance(exc, ShopError):
        return exc
    if isinstance(exc, SQLAlchemyError | sqlite3.Error | OSError):
        translated = translate_db_error(exc)
        if translated is not None:
            return translated
    if isinstance(exc, OSError):
        return _file_error(exc)
    return None


def unexpected(exc: BaseException) -> ShopError:
    """A one-line stand-in for an exception nobody translated (the log keeps the trace)."""
    detail = " ".join(str(exc).split())[:160]
    return ShopError(E_UNEXPECTED, kind=type(exc).__name__, detail=detail)
