"""A consistent copy of a live SQLite file (SQLite's backup API), for backups, restores and
the copy taken before a schema upgrade. Below the services: `shopcrm.migrate` uses it too."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .i18n import ShopError, define

E_COPY_BAD = define(
    "backup.copy_bad",
    en="The backup copy failed its check ({detail}); the old backups were kept.",
    zh="备份副本检查未通过（{detail}），已保留原有备份。",
)


def backup_sqlite_file(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently with SQLite's backup API.

    One step (all pages at once) inside one read transaction: a consistent snapshot even
    while other connections write. The copy uses a rollback journal (one self-contained file)
    and passes ``quick_check`` before it is renamed to `target`.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    try:
        src = sqlite3.connect(str(source), timeout=30)
        try:
            dst = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                result = dst.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise ShopError(E_COPY_BAD, detail=str(result)[:200])
            finally:
                dst.close()
        finally:
            src.close()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for extra in ("-journal", "-wal", "-shm"):
            Path(str(tmp) + extra).unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return target


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; its rename is durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
