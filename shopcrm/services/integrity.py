"""Is the database file healthy? A fast check at start-up and a full one on demand.

``quick_check`` runs ``PRAGMA quick_check`` (seconds even on a large shop) and
``integrity_check`` runs ``PRAGMA integrity_check`` (also checks indexes against tables).
Both return an `IntegrityResult` the UI shows as is: when the check fails, the message names
the newest backup and says how to restore it. PostgreSQL checks its own pages; the result
there is "not applicable".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..db import is_sqlite
from ..i18n import define, translate

KIND_QUICK = "quick"
KIND_FULL = "full"
KIND_SKIPPED = "skipped"
MAX_PROBLEMS = 20

M_OK = define("integrity.ok", en="The database is healthy ({kind} check).",
              zh="数据库完好（{kind}检查）。")
M_NOT_SQLITE = define(
    "integrity.not_sqlite",
    en="This shop uses PostgreSQL, which checks its own data; nothing to do here.",
    zh="本店使用 PostgreSQL，由数据库服务器自行检查数据，此处无需检查。",
)
M_BAD_WITH_BACKUP = define(
    "integrity.bad_with_backup",
    en="The database is damaged ({problem}). Stop working in it and restore the newest "
    "backup: shopcrm restore \"{backup}\" (made {when}). Your current file is kept aside.",
    zh="数据库已损坏（{problem}）。请停止使用，并恢复最新备份：shopcrm restore \"{backup}\""
    "（备份于 {when}）。当前文件会另存保留。",
)
M_BAD_NO_BACKUP = define(
    "integrity.bad_no_backup",
    en="The database is damaged ({problem}) and no backup was found in {folder}. Stop "
    "working in it, copy the file somewhere safe and ask for help.",
    zh="数据库已损坏（{problem}），且在 {folder} 中没有找到备份。请停止使用，把文件复制到安全的"
    "地方并寻求技术帮助。",
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

    def message(self, lang: str | None = None) -> str:
        if self.kind == KIND_SKIPPED:
            return translate(M_NOT_SQLITE, lang)
        if self.ok:
            kind = translate(KIND_WORDS[self.kind], lang)
            return translate(M_OK, lang, kind=kind)
        problem = self.problems[0] if self.problems else "?"
        if self.latest_backup is not None:
            return translate(M_BAD_WITH_BACKUP, lang, problem=problem,
                             backup=str(self.latest_backup), when=self.latest_backup_at)
        return translate(M_BAD_NO_BACKUP, lang, problem=problem,
                         folder=str(self.backup_folder or ""))


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
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all() if kind == KIND_FULL \
                else []
    except SQLAlchemyError as exc:
        rows = [str(getattr(exc, "orig", exc))]
        fk = []
    problems = [str(row) for row in rows if row != "ok"]
    problems += [f"foreign key: {row[0]} row {row[1]} -> {row[2]}" for row in fk]
    if not problems:
        return IntegrityResult(True, kind, (), None, None, None)
    return _failed(engine, kind, problems)


def _failed(engine: Engine, kind: str, problems: list[str]) -> IntegrityResult:
    from .backup import backup_folder, default_folder, latest_backup, sqlite_path

    latest = latest_backup(engine)
    try:
        folder = backup_folder(engine)
    except Exception:
        path = sqlite_path(engine)
        folder = default_folder(path) if path else None
    return IntegrityResult(
        False, kind, tuple(problems[:MAX_PROBLEMS]),
        latest.path if latest else None,
        latest.created_at.strftime("%Y-%m-%d %H:%M") if latest else None, folder)
