"""Online backups of the SQLite database, kept in rotation in a folder the owner chooses.

A backup is made with SQLite's backup API from its own connection, in one step: it reads
one consistent snapshot while the app (or another counter) keeps writing (WAL). The copy is
written as ``<name>.part``, switched to a self-contained rollback journal, checked with
``PRAGMA quick_check``, flushed to the disk (USB sticks!) and only then renamed to
``<shop>_<YYYY-MM-DD_HHMMSS>.db`` — a half-written backup never carries a backup's name.

Rotation keeps the newest backup of each of the last 7 days, of each of the last 5 weeks
and of each of the last 12 months (settings ``backup.keep_daily/weekly/monthly``), and never
the files it did not make (``*.before-upgrade-*``, ``*.before-restore-*``).

PostgreSQL databases are backed up with pg_dump (see docs/reliability.md); the functions here
refuse them with a message that says so. Restoring lives in services.restore.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from .. import clock
from ..db import is_sqlite, session_scope, sqlite_path
from ..i18n import ShopError, define
from ..paths import data_dir, default_backup_dir
from ..sqlite_copy import backup_sqlite_file
from .auth import PERM_BACKUP_MAKE, SYSTEM, Actor, require_permission
from .files import file_in_use_error, safe_filename

if TYPE_CHECKING:
    from .restore import RestoreResult

log = logging.getLogger(__name__)

SETTING_FOLDER = "backup.folder"
SETTING_AUTO = "backup.daily"
SETTING_KEEP = {"daily": ("backup.keep_daily", 7), "weekly": ("backup.keep_weekly", 5),
                "monthly": ("backup.keep_monthly", 12)}
STAMP_FORMAT = "%Y-%m-%d_%H%M%S"
NAME_RE = re.compile(r"^(?P<stem>.+)_(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})\.db$")
SQLITE_HEADER = b"SQLite format 3\x00"

E_PG_BACKUP = define(
    "backup.postgres",
    en="This shop uses PostgreSQL: back it up with pg_dump and restore with pg_restore on the "
    "server (see docs/reliability.md), e.g. pg_dump -Fc -f shop.dump {database}",
    zh="本店使用 PostgreSQL 数据库：请在服务器上用 pg_dump 备份、用 pg_restore 恢复"
    "（见 docs/reliability.md），例如 pg_dump -Fc -f shop.dump {database}",
)
E_IN_MEMORY = define(
    "backup.in_memory", en="An in-memory database cannot be backed up.",
    zh="内存数据库无法备份。",
)
E_FOLDER_MISSING = define(
    "backup.folder_missing",
    en="The backup folder {folder} does not exist. Plug in the USB stick or choose another "
    "folder in the settings.",
    zh="备份文件夹 {folder} 不存在。请插入 U 盘，或在设置中选择其他文件夹。",
)
E_FOLDER_NOT_WRITABLE = define(
    "backup.folder_not_writable",
    en="Cannot write to the backup folder {folder} ({detail}). Check that it is not "
    "write-protected, or choose another folder.",
    zh="无法写入备份文件夹 {folder}（{detail}）。请检查是否写保护，或选择其他文件夹。",
)
E_FOLDER_FULL = define(
    "backup.folder_full",
    en="Not enough space in {folder}: the backup needs about {need_mb} MB, {free_mb} MB free. "
    "Delete old files or choose another folder.",
    zh="{folder} 空间不足：备份约需 {need_mb} MB，仅剩 {free_mb} MB。请删除旧文件或选择其他文件夹。",
)
E_NO_DATABASE = define(
    "backup.no_database", en="There is no database file at {path}.",
    zh="{path} 处没有数据库文件。",
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime  # local time, from the file name (a copied file keeps it)
    size: int
    shop: str  # the database file's stem the backup was made from
    revision: str | None  # schema (alembic) revision inside, None when unreadable


# --- folder and settings -----------------------------------------------------------------


def _settings(engine: Engine) -> dict[str, Any]:
    from .settings import get_setting

    try:
        with session_scope(engine) as session:
            values = {key: get_setting(session, key, default=dflt)
                      for key, dflt in SETTING_KEEP.values()}
            values[SETTING_FOLDER] = get_setting(session, SETTING_FOLDER)
            values[SETTING_AUTO] = get_setting(session, SETTING_AUTO, default=True)
            return values
    except Exception:  # an unreadable settings table must not stop a backup
        log.warning("backup settings unreadable; using defaults", exc_info=True)
        values = {key: dflt for key, dflt in SETTING_KEEP.values()}
        values.update({SETTING_FOLDER: None, SETTING_AUTO: True})
        return values


def default_folder(db_file: Path) -> Path:
    """data_dir()/backups for the shop in the user data folder; else `<db folder>/backups`.

    (A shop kept elsewhere, e.g. a test or a second shop, keeps its backups beside it.)
    """
    if db_file.resolve().parent == data_dir().resolve():
        return default_backup_dir()
    return db_file.resolve().parent / "backups"


def backup_folder(engine: Engine) -> Path:
    """Where this shop's backups go: setting ``backup.folder`` or the default folder."""
    source = _source_file(engine)
    chosen = _settings(engine)[SETTING_FOLDER]
    return Path(chosen).expanduser() if chosen else default_folder(source)


def _source_file(engine: Engine) -> Path:
    if not is_sqlite(engine):
        raise ShopError(E_PG_BACKUP, database=engine.url.database or "shop")
    path = sqlite_path(engine)
    if path is None:
        raise ShopError(E_IN_MEMORY)
    if not path.exists():
        raise ShopError(E_NO_DATABASE, path=str(path))
    return path


def check_folder(folder: Path, need_bytes: int, *, create: bool = False) -> None:
    """Refuse clearly when the folder is missing, not writable or too small."""
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ShopError(E_FOLDER_NOT_WRITABLE, folder=str(folder),
                            detail=exc.strerror or str(exc)) from exc
    if not folder.is_dir():
        raise ShopError(E_FOLDER_MISSING, folder=str(folder))
    probe = folder / f".shopcrm-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"ok")
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise _full(folder, need_bytes) from exc
        raise ShopError(E_FOLDER_NOT_WRITABLE, folder=str(folder),
                        detail=exc.strerror or str(exc)) from exc
    finally:
        probe.unlink(missing_ok=True)
    if shutil.disk_usage(folder).free < need_bytes:
        raise _full(folder, need_bytes)


def _full(folder: Path, need_bytes: int) -> ShopError:
    free = shutil.disk_usage(folder).free if folder.is_dir() else 0
    return ShopError(E_FOLDER_FULL, folder=str(folder), need_mb=need_bytes // 2**20 + 1,
                     free_mb=free // 2**20)


# --- making a backup -------------------------------------------------------------------------


def backup_stem(source: Path) -> str:
    """The shop part of a backup's name: the database's name, made safe for any disk (a USB
    stick formatted FAT refuses ``: * ? " < > |`` as Windows does; ``CON`` is reserved)."""
    return safe_filename(source.stem)


def _unique_target(folder: Path, shop: str, when: datetime) -> Path:
    while True:
        target = folder / f"{shop}_{when.strftime(STAMP_FORMAT)}.db"
        if not target.exists():
            return target
        when += timedelta(seconds=1)


def backup_now(engine: Engine, folder: str | Path | None = None, *,
               actor: Actor, now: datetime | None = None,
               rotate_old: bool = True) -> BackupInfo:
    """Back the shop up into `folder` (default: the backup folder setting), then rotate."""
    require_permission(actor, PERM_BACKUP_MAKE)
    source = _source_file(engine)
    settings = _settings(engine)
    if folder is not None:
        target_dir, create = Path(folder).expanduser(), False
    elif settings[SETTING_FOLDER]:
        target_dir, create = Path(settings[SETTING_FOLDER]).expanduser(), False
    else:
        target_dir, create = default_folder(source), True
    size = source.stat().st_size + _wal_size(source)
    check_folder(target_dir, size + size // 10 + 2**20, create=create)
    when = (now or clock.now()).replace(microsecond=0)
    target = _unique_target(target_dir, backup_stem(source), when)
    try:
        backup_sqlite_file(source, target)
    except PermissionError as exc:  # Windows: another program holds the file open
        raise file_in_use_error(exc, target) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise _full(target_dir, size) from exc
        raise ShopError(E_FOLDER_NOT_WRITABLE, folder=str(target_dir),
                        detail=exc.strerror or str(exc)) from exc
    except sqlite3.OperationalError as exc:
        if "full" in str(exc):
            raise _full(target_dir, size) from exc
        raise ShopError(E_FOLDER_NOT_WRITABLE, folder=str(target_dir), detail=str(exc)) from exc
    info = read_backup_info(target)
    log.info("backup written to %s", target)
    if rotate_old:
        rotate(target_dir, backup_stem(source), now=when, keep=_keep(settings), protect={target})
    return info


def _wal_size(source: Path) -> int:
    wal = Path(str(source) + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _keep(settings: dict[str, Any]) -> dict[str, int]:
    return {name: max(0, int(settings[key])) for name, (key, _) in SETTING_KEEP.items()}


def maybe_daily_backup(engine: Engine, now: datetime | None = None) -> BackupInfo | None:
    """Make today's backup unless one exists (or `backup.daily` is off, or not SQLite).

    A database that fails ``quick_check`` is not backed up: its copy would rotate the good
    backups away.
    """
    if not is_sqlite(engine) or sqlite_path(engine) is None:
        return None
    settings = _settings(engine)
    if not settings[SETTING_AUTO]:
        return None
    source = _source_file(engine)
    folder = Path(settings[SETTING_FOLDER]).expanduser() if settings[SETTING_FOLDER] \
        else default_folder(source)
    moment = now or clock.now()
    if folder.is_dir():
        latest = next(iter(list_backups(folder, shop=backup_stem(source), read_revision=False)), None)
        if latest is not None and latest.created_at.date() == moment.date():
            return None
    from .integrity import quick_check

    check = quick_check(engine)
    if not check.ok:
        log.error("database failed quick_check; daily backup skipped: %s", check.problems)
        return None
    return backup_now(engine, actor=SYSTEM, now=moment)


def on_open(engine: Engine) -> None:
    """Start-up hook: the daily backup, never stopping the shop from opening."""
    try:
        maybe_daily_backup(engine)
    except Exception:
        log.warning("daily backup failed", exc_info=True)


# --- listing and rotation ----------------------------------------------------------------


def parse_backup_name(path: Path) -> tuple[str, datetime] | None:
    match = NAME_RE.match(path.name)
    if not match:
        return None
    try:
        return match["stem"], datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None


def read_revision(path: Path) -> str | None:
    """The alembic revision inside a SQLite file, None when unreadable or not ours."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                return None
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    return str(row[0]) if row else None


def read_backup_info(path: Path, *, read_revision_too: bool = True) -> BackupInfo:
    parsed = parse_backup_name(path)
    stat = path.stat()
    shop, created = parsed or (path.stem, datetime.fromtimestamp(stat.st_mtime))
    return BackupInfo(path=path, created_at=created, size=stat.st_size, shop=shop,
                      revision=read_revision(path) if read_revision_too else None)


def list_backups(folder: str | Path, shop: str | None = None, *,
                 read_revision: bool = True) -> list[BackupInfo]:
    """The backups in `folder` (of shop `shop` when given), newest first."""
    directory = Path(folder).expanduser()
    if not directory.is_dir():
        return []
    found = []
    for path in directory.glob("*.db"):
        parsed = parse_backup_name(path)
        if parsed is None or (shop is not None and parsed[0] != shop):
            continue
        found.append(read_backup_info(path, read_revision_too=read_revision))
    return sorted(found, key=lambda info: (info.created_at, info.path.name), reverse=True)


def plan_rotation(created: list[datetime], now: datetime, keep: dict[str, int]) -> set[int]:
    """Indexes of `created` to keep: newest per day/ISO week/month within the windows."""
    order = sorted(range(len(created)), key=lambda i: created[i], reverse=True)
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    kept: set[int] = set()
    seen: dict[str, set[Any]] = {"daily": set(), "weekly": set(), "monthly": set()}
    for i in order:
        day = created[i].date()
        if day > today:
            kept.add(i)  # from the future (a clock was wrong): not ours to judge
            continue
        monday = day - timedelta(days=day.weekday())
        keys: dict[str, tuple[Any, int]] = {
            "daily": (day, (today - day).days),
            "weekly": (monday, (this_monday - monday).days // 7),
            "monthly": ((day.year, day.month),
                        (today.year * 12 + today.month) - (day.year * 12 + day.month)),
        }
        for name, (key, age) in keys.items():
            if age < keep.get(name, 0) and key not in seen[name]:
                seen[name].add(key)
                kept.add(i)
    if order:
        kept.add(order[0])  # the newest backup is always kept
    return kept


def rotate(folder: Path, shop: str, *, now: datetime | None = None,
           keep: dict[str, int] | None = None, protect: set[Path] | None = None) -> list[Path]:
    """Delete the backups of `shop` in `folder` that the rotation does not keep."""
    backups = list_backups(folder, shop, read_revision=False)
    policy = keep or {name: dflt for name, (_, dflt) in SETTING_KEEP.items()}
    kept = plan_rotation([b.created_at for b in backups], now or clock.now(), policy)
    deleted = []
    for i, info in enumerate(backups):
        if i in kept or info.path in (protect or set()):
            continue
        try:
            info.path.unlink()
            deleted.append(info.path)
        except OSError as exc:  # e.g. open in another program (Windows): kept, next time
            log.warning("%s", file_in_use_error(exc, info.path).message())
    return deleted


def latest_backup(engine: Engine) -> BackupInfo | None:
    """The newest backup of this shop in its backup folder (None when none or not SQLite)."""
    try:
        source = _source_file(engine)
        folder = backup_folder(engine)
    except ShopError:
        return None
    return next(iter(list_backups(folder, shop=backup_stem(source))), None)


def restore(engine_url: str, backup_path: str | Path, *,
            actor: Actor) -> RestoreResult:
    """Restore a backup over the shop's database (see services.restore.restore)."""
    from .restore import restore as _restore

    return _restore(engine_url, backup_path, actor=actor)
