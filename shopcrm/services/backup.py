"""Online backups of the SQLite database."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup_sqlite_file(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently with SQLite's backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target
