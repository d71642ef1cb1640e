"""Is the database file healthy? A fast check at start-up and a full one on demand.

``quick_check`` runs ``PRAGMA quick_check`` (seconds even on a large shop) and
``integrity_check`` runs ``PRAGMA integrity_check`` (also checks indexes against tables).
Both return an `IntegrityResult` the UI shows as is: when the check fails, the message names
the newest backup and says how to restore it. PostgreSQL checks its own pages; the result
there is "not applicable".

A file on read-only media (a write-protected USB stick, a read-only share) cannot be opened
the usual way — SQLite wants to write its WAL index next to it — and that is not damage: the
check then reads the file with ``mode=ro`` (or ``immutable=1``) and says "healthy, but
read-only" or "damaged", and says "read-only, could not be read" only when even that fails.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..db import is_sqlite, sqlite_path
from ..i18n import define, translate
from .safety import CannotOpenError, ReadOnlyError, translate_db_error

KIND_QUICK = "quick"
KIND_FULL = "full"
KIND_SKIPPED = "skipped"
MAX_PROBLEMS = 20

M_OK = define(
    "integrity.ok", en="The database is healthy ({kind} check).", zh="数据库完好（{kind}检查）。"
)
M_NOT_SQLITE = define(
    "integrity.not_sqlite",
    en="This shop uses PostgreSQL, which checks its own data; nothing to do here.",
    zh="本店使用 PostgreSQL，由数据库服务器自行检查数据，此处无需检查。",
)
M_BAD_WITH_BACKUP = define(
    "integrity.bad_with_backup",
    en="The database is damaged ({problem}). Stop working in it and restore the newest "
    'backup: shopcrm restore "{backup}" (made {when}). Your current file is kept aside.',
    zh='数据库已损坏（{problem}）。请停止使用，并恢复最新备份：shopcrm restore "{backup}"'
    "（备份于 {when}）。当前文件会另存保留。",
)
M_BAD_NO_BACKUP = define(
    "integrity.bad_no_backup",
    en="The database is damaged ({problem}) and no backup was found in {folder}. Stop "
    "working in it, copy the file somewhere safe and ask for help.",
    zh="数据库已损坏（{problem}），且在 {folder} 中没有找到备份。请停止使用，把文件复制到安全的"
    "地方并寻求技术帮助。",
)
M_OK_READ_ONLY = define(
    "integrity.ok_read_only",
    en="The database is healthy ({kind} check), but its file or folder is read-only: nothing "
    "can be saved. Copy it to a writable folder, or remove the write protection.",
    zh="数据库完好（{kind}检查），但文件或所在文件夹是只读的：无法保存任何更改。请把它复制到"
    "可写的文件夹，或取消写保护。",
)
M_READ_ONLY = define(
    "integrity.read_only",
    en="The database file or its folder is read-only or not accessible ({problem}), so it "
    "could not be checked. This is not damage: copy the file to a writable folder and "
    "check it there.",
    zh="数据库文件或所在文件夹是只读的或无法访问（{problem}），因此无法检查。这不代表文件已"
    "损坏：请把文件复制到可写的文件夹后再检查。",
)
KIND_WORDS = {
    KIND_QUICK: define("integrity.kind.quick", en="quick", zh="快速"),
    KIND_FULL: define("integrity.kind.full", en="full", zh="完整"),
}


@dataclass(frozen=True)
class IntegrityResult:
    ok: bool
    kind: str  # quick | full | skipped
    problems: tuple[str, ...]
    latest_backup: Path | None
    latest_backup_at: str | None
    backup_folder: Path | None
    read_only: bool = False  # the file or its folder cannot be written (not damage)

    def message(self, lang: str | None = None) -> str:
        if self.kind == KIND_SKIPPED:
            return translate(M_NOT_SQLITE, lang)
        problem = self.problems[0] if self.problems else "?"
        if self.ok:
            kind = translate(KIND_WORDS[self.kind], lang)
            return translate(M_OK_READ_ONLY if self.read_only else M_OK, lang, kind=kind)
        if self.read_only:
            return translate(M_READ_ONLY, lang, problem=problem)
        if self.latest_backup is not None:
            return translate(
                M_BAD_WITH_BACKUP,
                lang,
                problem=problem,
                backup=str(self.latest_backup),
                when=self.latest_backup_at,
            )
        return translate(
            M_BAD_NO_BACKUP, lang, problem=problem, folder=str(self.backup_folder or "")
        )


def quick_check(engine: Engine) -> IntegrityResult:
    """``PRAGMA quick_check``: fast enough for every start."""
    return _check(engine, KIND_QUICK)


def integrity_check(engine: Engine) -> IntegrityResult:
    """``PRAGMA integrity_check``: the full check, on demand."""
    return _check(engine, KIND_FULL)


def _check(engine: Engine, kind: str) -> IntegrityResult:
    if not is_sqlite(engine):
        return IntegrityResult(True, KIND_SKIPPED, (), None, None, None)
    pragma = "quick_check" if kind == KIND_QUICK else "integrity_check"
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(f"PRAGMA {pragma}({MAX_PROBLEMS})").scalars().all()
            # The check reads pages; the foreign keys it does not look at.
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all() if kind == KIND_FULL else []
    except SQLAlchemyError as exc:
        if isinstance(translate_db_error(exc), ReadOnlyError | CannotOpenError):
            return _check_read_only(engine, kind, str(getattr(exc, "orig", exc)))
        rows = [str(getattr(exc, "orig", exc))]
        fk = []
    problems = [str(row) for row in rows if row != "ok"]
    problems += [f"foreign key: {row[0]} row {row[1]} -> {row[2]}" for row in fk]
    if not problems:
        return IntegrityResult(True, kind, (), None, None, None)
    return _failed(engine, kind, problems)


def _check_read_only(engine: Engine, kind: str, reason: str) -> IntegrityResult:
    """The check again, reading the file without writing anything next to it."""
    path = sqlite_path(engine)
    if path is not None and str(path).startswith("file:"):  # a URI filename
        path = Path(str(path)[len("file:") :].split("?", 1)[0])
    if path is None or not path.is_file():
        return IntegrityResult(False, kind, (reason,), None, None, None, read_only=True)
    pragma = "quick_check" if kind == KIND_QUICK else "integrity_check"
    base = path.resolve().as_uri()
    damaged: str | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{base}?{options}", uri=True)
        except sqlite3.Error:
            continue
        try:
            rows = conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
            fk = conn.execute("PRAGMA foreign_key_check").fetchall() if kind == KIND_FULL else []
        except sqlite3.Error as exc:
            error = translate_db_error(exc)
            if isinstance(error, ReadOnlyError | CannotOpenError):
                continue  # no WAL index can be made: try without one
            damaged = str(exc)
            break
        finally:
            conn.close()
        problems = [str(row[0]) for row in rows if row[0] != "ok"]
        problems += [f"foreign key: {row[0]} row {row[1]} -> {row[2]}" for row in fk]
        if not problems:
            return IntegrityResult(True, kind, (), None, None, None, read_only=True)
        return _failed(engine, kind, problems)
    if damaged is not None:
        return _failed(engine, kind, [damaged])
    return IntegrityResult(False, kind, (reason,), None, None, None, read_only=True)


def _failed(engine: Engine, kind: str, problems: list[str]) -> IntegrityResult:
    from .backup import backup_folder, default_folder, latest_backup, sqlite_path

    latest = latest_backup(engine)
    try:
        folder = backup_folder(engine)
    except Exception:
        path = sqlite_path(engine)
        folder = default_folder(path) if path else None
    return IntegrityResult(
        False,
        kind,
        tuple(problems[:MAX_PROBLEMS]),
        latest.path if latest else None,
        latest.created_at.strftime("%Y-%m-%d %H:%M") if latest else None,
        folder,
    )
