"""Restoring a backup: checked first, the current database kept aside, never half-done.

Order of work (any failure before step 5 leaves the shop exactly as it was):

1. the file must exist and start with the SQLite header;
2. it is copied to a staging file beside the database (the backup itself is never touched);
3. the staging copy must pass ``PRAGMA integrity_check``, hold ShopCRM's tables and a schema
   revision this ShopCRM knows (a newer one is refused: "made by a newer ShopCRM"), and be of
   this shop: a backup whose shop name differs from the current shop's (a restaurant's backup
   into a salon) is refused unless the caller gives that shop's name (`shop=`, ``--shop``);
4. an older schema is migrated forward on the staging copy;
5. the current database is copied aside as ``<name>.before-restore-<time>.db`` (with SQLite's
   backup API; a damaged file that the API cannot read is copied byte for byte with its WAL);
6. the staging copy is written into the database with the backup API (other connections see
   the new content; the WAL is handled by SQLite), or, when the current file is too damaged
   for that, the file is replaced by an atomic rename.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import make_url

from .. import clock
from ..db import is_sqlite, make_engine, resolve_db_url
from ..i18n import ShopError, define
from ..migrate import alembic_config, head_revision, upgrade_to
from .auth import PERM_BACKUP_RESTORE, Actor, require_permission
from .backup import SQLITE_HEADER, backup_sqlite_file, check_folder
from .files import database_in_use_error

log = logging.getLogger(__name__)

OUR_TABLES = frozenset({"alembic_version", "members", "visits", "visit_lines", "settings",
                        "staff", "wallet_entries", "audit_log"})

E_PG_RESTORE = define(
    "restore.postgres",
    en="This shop uses PostgreSQL: restore it on the server with pg_restore "
    "(see docs/reliability.md), e.g. pg_restore --clean --if-exists -d {database} shop.dump",
    zh="本店使用 PostgreSQL：请在服务器上用 pg_restore 恢复（见 docs/reliability.md），例如 "
    "pg_restore --clean --if-exists -d {database} shop.dump",
)
E_NOT_FOUND = define("restore.not_found", en="No backup file at {path}.",
                     zh="{path} 处没有备份文件。")
E_NOT_SQLITE = define(
    "restore.not_sqlite", en="{path} is not a ShopCRM backup (not a SQLite database). "
    "Nothing was changed.", zh="{path} 不是 ShopCRM 备份（不是 SQLite 数据库）。未做任何更改。",
)
E_CORRUPT = define(
    "restore.corrupt",
    en="The backup {path} is damaged ({detail}). Nothing was changed; try an older backup.",
    zh="备份 {path} 已损坏（{detail}）。未做任何更改，请改用更早的备份。",
)
E_FOREIGN = define(
    "restore.foreign",
    en="{path} is a SQLite database but not a ShopCRM backup (missing: {missing}). "
    "Nothing was changed.",
    zh="{path} 是 SQLite 数据库，但不是 ShopCRM 备份（缺少：{missing}）。未做任何更改。",
)
E_NEWER = define(
    "restore.newer",
    en="The backup {path} was made by a newer ShopCRM (schema {revision}). Update ShopCRM "
    "first, then restore it. Nothing was changed.",
    zh="备份 {path} 由更新版本的 ShopCRM 生成（结构版本 {revision}）。请先升级 ShopCRM 再恢复。"
    "未做任何更改。",
)
E_SAME_FILE = define(
    "restore.same_file", en="{path} is the shop's own database, not a backup.",
    zh="{path} 是本店正在使用的数据库，而不是备份。",
)
E_IN_USE = define(
    "restore.in_use",
    en="The database is in use at another counter ({detail}). Close ShopCRM everywhere, then "
    "restore again. Nothing was changed.",
    zh="数据库正被另一台前台电脑使用（{detail}）。请关闭所有 ShopCRM 后再恢复。未做任何更改。",
)


E_OTHER_SHOP = define(
    "restore.other_shop",
    en="This backup is of another shop: “{backup_shop}” (made {when}; {members} members, "
    "{visits} visits), and this shop is “{current_shop}”. To put it in place anyway, give "
    "the backup's shop name (--shop \"{backup_shop}\"). Nothing was changed.",
    zh="这是另一家店的备份：“{backup_shop}”（备份于 {when}；{members} 位会员，{visits} 次到店），"
    "而本店是“{current_shop}”。如确要恢复，请输入该备份的店名（--shop \"{backup_shop}\"）。"
    "未做任何更改。",
)
M_FACTS = define(
    "restore.facts",
    en="Backup of “{shop}”, made {when}: {members} members, {visits} visits.",
    zh="“{shop}”的备份，备份于 {when}：{members} 位会员，{visits} 次到店。",
)

M_TYPE_SHOP = define(
    "restore.type_shop",
    en="This is the backup of another shop (“{backup_shop}”; this shop is “{current_shop}”). "
    "Type the backup's shop name to restore it:",
    zh="这是另一家店的备份（“{backup_shop}”；本店是“{current_shop}”）。如确要恢复，请输入该备份的"
    "店名：",
)


@dataclass(frozen=True)
class BackupFacts:
    """What a person needs to see before restoring: whose backup, when, how much."""

    path: Path
    shop_name: str  # "" when the backup has none (a shop never named)
    made_at: datetime
    members: int
    visits: int

    @property
    def when(self) -> str:
        return self.made_at.strftime("%Y-%m-%d %H:%M")


def _read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    options = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)


def read_shop_name(path: Path, *, immutable: bool = False) -> str:
    """The shop name stored in a ShopCRM file ("" when none or unreadable)."""
    try:
        conn = _read_only(path, immutable=immutable)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'shop.name'").fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row and row[0] else ""
    except (OSError, sqlite3.Error, ValueError):
        return ""
    return str(value or "").strip()


def backup_facts(backup_path: str | Path) -> BackupFacts:
    """Shop name, date and counts of a backup, read without changing it."""
    path = Path(backup_path).expanduser()
    _check_header(path)
    try:
        conn = _read_only(path, immutable=True)
        try:
            members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
            visits = conn.execute("SELECT count(*) FROM visits").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ShopError(E_CORRUPT, path=str(path), detail=str(exc)[:300]) from exc
    return BackupFacts(path, read_shop_name(path, immutable=True), _made_at(path), int(members),
                       int(visits))


def _made_at(path: Path) -> datetime:
    """When the backup was made: from its file name (or the file's time)."""
    from .backup import read_backup_info

    return read_backup_info(path, read_revision_too=False).created_at


def current_shop_name(engine_url: str) -> str:
    """The shop name in the database at `engine_url` ("" when none or unreadable)."""
    database = make_url(resolve_db_url(engine_url)).database
    if not database or database == ":memory:" or not Path(database).is_file():
        return ""
    return read_shop_name(Path(database))


def _same_name(a: str, b: str) -> bool:
    def key(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return key(a) == key(b)


def other_shop(facts: BackupFacts, current: str) -> bool:
    """Whether the backup is of another shop than `current` (both must be named)."""
    return bool(facts.shop_name and current and not _same_name(facts.shop_name, current))


def _check_shop(facts: BackupFacts, current: str, shop: str | None) -> None:
    if other_shop(facts, current) and not (shop and _same_name(shop, facts.shop_name)):
        raise ShopError(E_OTHER_SHOP, backup_shop=facts.shop_name, current_shop=current,
                        when=facts.when, members=facts.members, visits=facts.visits)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    database: Path
    kept_aside: Path | None  # the previous database, None when there was none
    backup_revision: str
    revision: str  # the schema after restoring (the app's head)
    members: int
    visits: int


@dataclass(frozen=True)
class BackupCheck:
    revision: str
    members: int
    visits: int


def restore(engine_url: str, backup_path: str | Path, *, actor: Actor,
            now: datetime | None = None, shop: str | None = None) -> RestoreResult:
    """Put the backup at `backup_path` in place of the database at `engine_url`.

    A backup of another shop (see `other_shop`) is refused unless `shop` is its shop name."""
    require_permission(actor, PERM_BACKUP_RESTORE)
    engine_url = resolve_db_url(engine_url)
    if not is_sqlite(engine_url):
        raise ShopError(E_PG_RESTORE, database=make_url(engine_url).database or "shop")
    database = make_url(engine_url).database
    if not database or database == ":memory:":
        raise ShopError(E_PG_RESTORE, database="?")
    target = Path(database).resolve()
    source = Path(backup_path).expanduser()
    _check_header(source)
    if target.exists() and source.resolve() == target:
        raise ShopError(E_SAME_FILE, path=str(source))
    stamp = (now or clock.now()).strftime("%Y-%m-%d_%H%M%S")
    target.parent.mkdir(parents=True, exist_ok=True)
    need = source.stat().st_size * 2 + (target.stat().st_size if target.exists() else 0)
    check_folder(target.parent, need)
    staging = target.with_name(f".{target.name}.restore-{stamp}.tmp")
    try:
        _copy_with_sidecars(source, staging)
        check = check_backup_file(staging, shown_as=source)
        facts = BackupFacts(source, read_shop_name(staging), _made_at(source), check.members,
                            check.visits)
        _check_shop(facts, read_shop_name(target) if target.exists() else "", shop)
        if check.revision != head_revision():
            _migrate(staging)
        aside = _keep_aside(target, stamp) if target.exists() else None
        try:
            _write_into(staging, target)
        except BaseException:
            if aside is not None:  # the database is as it was: no copy of it is left over
                for extra in ("", "-wal", "-journal"):
                    Path(str(aside) + extra).unlink(missing_ok=True)
            raise
    finally:
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(str(staging) + extra).unlink(missing_ok=True)
    after = check_backup_file(target, shown_as=target)
    log.info("restored %s into %s (previous database kept as %s)", source, target, aside)
    return RestoreResult(restored_from=source, database=target, kept_aside=aside,
                         backup_revision=check.revision, revision=after.revision,
                         members=after.members, visits=after.visits)


def _check_header(source: Path) -> None:
    if not source.is_file():
        raise ShopError(E_NOT_FOUND, path=str(source))
    with source.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise ShopError(E_NOT_SQLITE, path=str(source))


def check_backup_file(path: Path, *, shown_as: Path | None = None) -> BackupCheck:
    """Integrity, tables and schema revision of a SQLite file (opened read-write: use a copy)."""
    shown = str(shown_as or path)
    _check_header(path)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
            if result != ["ok"]:
                raise ShopError(E_CORRUPT, path=shown, detail="; ".join(map(str, result))[:300])
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = sorted(OUR_TABLES - tables)
            if missing:
                raise ShopError(E_FOREIGN, path=shown, missing=", ".join(missing))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
            visits = conn.execute("SELECT count(*) FROM visits").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ShopError(E_CORRUPT, path=shown, detail=str(exc)[:300]) from exc
    if not row or not row[0]:
        raise ShopError(E_FOREIGN, path=shown, missing="alembic_version")
    revision = str(row[0])
    if not _known_revision(revision):
        raise ShopError(E_NEWER, path=shown, revision=revision)
    return BackupCheck(revision=revision, members=int(members), visits=int(visits))


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory  # loaded when a restore needs it
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
    except Exception:  # alembic raises ResolutionError and friends for unknown ids
        return False


def _copy_with_sidecars(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    wal = Path(str(source) + "-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(str(target) + "-wal"))


def _migrate(staging: Path) -> None:
    engine = make_engine(str(staging))
    try:
        upgrade_to(engine, "head")
    finally:
        engine.dispose()


def _keep_aside(target: Path, stamp: str) -> Path:
    """Copy the current database aside; a damaged one byte for byte (with its WAL)."""
    aside = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
    try:
        backup_sqlite_file(target, aside)
    except (sqlite3.Error, ShopError):
        log.warning("current database unreadable; copying it aside byte for byte",
                    exc_info=True)
        for extra in ("", "-wal"):
            src = Path(str(target) + extra)
            if src.exists():
                shutil.copy2(src, Path(str(aside) + extra))
    return aside


def _write_into(staging: Path, target: Path) -> None:
    """Write the staging database into `target` (backup API, or rename if that fails)."""
    src = sqlite3.connect(str(staging))
    try:
        dst = sqlite3.connect(str(target), timeout=5)
        try:
            # The backup API retries a locked destination forever: take and release the
            # write lock first, so another counter holding it gives "in use" after 5 s.
            dst.execute("BEGIN IMMEDIATE")
            dst.execute("ROLLBACK")
            src.backup(dst)
            return
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ShopError(E_IN_USE, detail=str(exc)) from exc
            log.warning("backup API could not write into %s (%s); replacing the file",
                        target, exc)
        except sqlite3.DatabaseError as exc:
            log.warning("current database damaged (%s); replacing the file", exc)
        finally:
            dst.close()
    finally:
        src.close()
    replacement = target.with_name(target.name + ".restoring")
    backup_sqlite_file(staging, replacement)
    _replace_file(replacement, target)


def _replace_file(replacement: Path, target: Path) -> None:
    """Rename `replacement` over `target`, its WAL and shared memory out of the way.

    Windows refuses (PermissionError, winerror 32) while another program has the database
    open: then the WAL and shared-memory files are put back, the replacement is removed and
    the message says to close the other window; the database is as it was. The WAL is moved
    aside, not deleted, before the rename (a stale WAL must not meet the new file), so a
    refused rename loses nothing.
    """
    parked: list[tuple[Path, Path]] = []
    try:
        for extra in ("-wal", "-shm"):
            side = Path(str(target) + extra)
            if side.exists():
                aside = Path(str(replacement) + extra + ".old")
                os.replace(side, aside)
                parked.append((aside, side))
        os.replace(replacement, target)
    except PermissionError as exc:
        for aside, side in reversed(parked):
            os.replace(aside, side)
        replacement.unlink(missing_ok=True)
        raise database_in_use_error(target) from exc
    for aside, _ in parked:
        aside.unlink(missing_ok=True)
