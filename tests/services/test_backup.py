"""Backups: consistent while the shop writes, rotated, restorable; bad files refused."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rel_helpers import add_member, add_visit, count, sqlite_only
from sqlalchemy import select, text

from shopcrm.db import make_engine, session_scope
from shopcrm.i18n import ShopError
from shopcrm.migrate import head_revision
from shopcrm.models import Member, Visit, VisitLine
from shopcrm.services import backup as bk
from shopcrm.services.auth import SYSTEM
from shopcrm.services.restore import restore
from shopcrm.services.settings import set_setting


def _db_path(db_url: str) -> Path:
    return Path(db_url)


def _names(engine) -> list[str]:
    with session_scope(engine) as s:
        return list(s.scalars(select(Member.name).order_by(Member.id)))


def test_backup_restore_gives_back_the_backups_data(engine, db_url, tmp_path):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        add_member(s, "张三", "+8613800138000")
    (tmp_path / "usb").mkdir()  # a chosen folder must exist (a USB stick plugged in)
    info = bk.backup_now(engine, tmp_path / "usb", actor=SYSTEM)
    assert info.path.parent == tmp_path / "usb"
    assert bk.NAME_RE.match(info.path.name) and info.revision == head_revision()
    with session_scope(engine, write=True) as s:
        add_member(s, "李四", "+8613900139000")
        s.get(Member, 1).name = "张三改"
    assert _names(engine) == ["张三改", "李四"]

    result = restore(db_url, info.path, actor=SYSTEM)

    assert _names(engine) == ["张三"]
    assert result.members == 1 and result.revision == head_revision()
    assert result.kept_aside is not None and result.kept_aside.exists()
    aside = make_engine(str(result.kept_aside))
    assert _names(aside) == ["张三改", "李四"]  # the replaced database was kept
    aside.dispose()
    assert info.path.exists()  # the backup itself is untouched


def test_backup_is_consistent_while_another_connection_writes(engine, db_url, tmp_path):
    """A writer commits visits (each with two lines) while backups are taken."""
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        member = add_member(s)
    stop = threading.Event()
    written = []

    def writer() -> None:
        conn = sqlite3.connect(db_url, timeout=30, isolation_level=None)
        i = 0
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute(
                "INSERT INTO visits (member_id, visited_at, total_list, total_discount,"
                " total_amount, status, note, complaint, void_reason, created_at, updated_at, version)"
                " VALUES (?, '2025-01-01', 100, 0, 100, 'ok', '', '', '', '2025-01-01',"
                " '2025-01-01', 1)",
                (member,),
            )
            for line in (1, 2):
                conn.execute(
                    "INSERT INTO visit_lines (visit_id, line_no, item_name, quantity,"
                    " unit_price, discount, amount) VALUES (?, ?, 'x', 1, 50, 0, 50)",
                    (cur.lastrowid, line),
                )
            conn.execute("COMMIT")
            written.append(cur.lastrowid)
            i += 1
        conn.close()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    try:
        infos = []
        while len(infos) < 3:
            assert thread.is_alive() and time.monotonic() < deadline, "writer stopped"
            time.sleep(0.01)
            if len(written) > 20 * (len(infos) + 1):
                infos.append(
                    bk.backup_now(
                        engine,
                        tmp_path,
                        rotate_old=False,
                        now=datetime(2025, 1, 1, 12, 0, len(infos)),
                        actor=SYSTEM,
                    )
                )
    finally:
        stop.set()
        thread.join()
    counts = []
    for info in infos:
        conn = sqlite3.connect(info.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_visit = conn.execute(
            "SELECT v.id, count(l.id) FROM visits v LEFT JOIN visit_lines"
            " l ON l.visit_id = v.id GROUP BY v.id"
        ).fetchall()
        assert per_visit and all(n == 2 for _, n in per_visit)  # no half transaction
        counts.append(len(per_visit))
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        conn.close()
    assert counts == sorted(counts) and counts[-1] <= len(written)


def _fake_backup(folder: Path, shop: str, when: datetime) -> Path:
    path = folder / f"{shop}_{when.strftime(bk.STAMP_FORMAT)}.db"
    path.write_bytes(b"x")
    return path


def test_rotation_keeps_daily_weekly_monthly(tmp_path):
    now = datetime(2025, 6, 30, 20, 0)  # a Monday
    made = {}
    for days_ago in range(0, 400):
        when = now - timedelta(days=days_ago, hours=1)
        made[when] = _fake_backup(tmp_path, "shop", when)
    extra_today = _fake_backup(tmp_path, "shop", now - timedelta(hours=3))
    other_shop = _fake_backup(tmp_path, "demo", now - timedelta(days=300))
    unrelated = tmp_path / "shop.before-upgrade-0001.db"
    unrelated.write_bytes(b"x")

    deleted = bk.rotate(tmp_path, "shop", now=now, keep={"daily": 7, "weekly": 5, "monthly": 12})

    kept = {info.created_at for info in bk.list_backups(tmp_path, "shop", read_revision=False)}
    daily = {now - timedelta(days=d, hours=1) for d in range(7)}
    # newest of each ISO week for the current week and the 4 before (Sundays 20:00-1h)
    weekly = {now - timedelta(hours=1)} | {
        datetime(2025, 6, 29, 19) - timedelta(weeks=w) for w in range(4)
    }
    # newest of each month: this month's newest and the last day of the 11 months before
    monthly = {now - timedelta(hours=1)}
    for back in range(1, 12):
        month = (6 - back - 1) % 12 + 1
        year = 2025 if month <= 6 else 2024
        nxt = datetime(year + (month == 12), month % 12 + 1, 1)
        monthly.add(nxt - timedelta(days=1) + timedelta(hours=19))
    assert kept == daily | weekly | monthly
    assert len(kept) == 7 + 4 + 11 - 1  # the 29 June Sunday is both daily and weekly
    assert not extra_today.exists()  # an older backup of the same day
    assert other_shop.exists() and unrelated.exists()  # not this shop's rotation
    assert len(deleted) == 401 - len(kept)


def test_rotation_with_injected_dates_follows_settings(engine, tmp_path):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        set_setting(s, "backup.folder", str(tmp_path))
        set_setting(s, "backup.keep_daily", 2)
        set_setting(s, "backup.keep_weekly", 0)
        set_setting(s, "backup.keep_monthly", 0)
    start = datetime(2025, 1, 1, 9, 0)
    for day in range(5):
        bk.backup_now(engine, now=start + timedelta(days=day), actor=SYSTEM)
    left = [info.created_at for info in bk.list_backups(tmp_path)]
    assert left == [start + timedelta(days=4), start + timedelta(days=3)]


def test_maybe_daily_backup_runs_once_a_day(engine, tmp_path):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        set_setting(s, "backup.folder", str(tmp_path))
    first = bk.maybe_daily_backup(engine, now=datetime(2025, 5, 1, 9))
    assert first is not None and first.path.exists()
    assert bk.maybe_daily_backup(engine, now=datetime(2025, 5, 1, 18)) is None
    assert bk.maybe_daily_backup(engine, now=datetime(2025, 5, 2, 8)) is not None
    assert len(bk.list_backups(tmp_path)) == 2
    with session_scope(engine, write=True) as s:
        set_setting(s, "backup.daily", False)
    assert bk.maybe_daily_backup(engine, now=datetime(2025, 5, 3, 8)) is None


def test_on_open_hook_never_raises_and_default_folder_is_beside_the_db(engine, db_url):
    sqlite_only(engine)
    from shopcrm.services import hooks

    hooks.on_open(engine)
    folder = Path(db_url).parent / "backups"
    assert len(bk.list_backups(folder)) == 1
    with session_scope(engine, write=True) as s:
        set_setting(s, "backup.folder", "/nonexistent/usb-stick")
    hooks.on_open(engine)  # missing folder: logged, not raised


def test_missing_folder_and_unwritable_folder_are_explained(engine, tmp_path):
    sqlite_only(engine)
    with pytest.raises(ShopError) as missing:
        bk.backup_now(engine, tmp_path / "not-plugged-in", actor=SYSTEM)
    assert missing.value.msg_id == bk.E_FOLDER_MISSING
    assert "USB" in missing.value.message("en") and "U 盘" in missing.value.message("zh")
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(ShopError) as not_dir:
        bk.backup_now(engine, a_file, actor=SYSTEM)
    assert not_dir.value.msg_id == bk.E_FOLDER_MISSING


def test_full_folder_is_explained(engine, tmp_path, monkeypatch):
    sqlite_only(engine)
    import shutil as real_shutil

    usage = real_shutil.disk_usage(tmp_path)
    monkeypatch.setattr(bk.shutil, "disk_usage", lambda _p: usage._replace(free=1000))
    usb = tmp_path / "usb"
    usb.mkdir()
    with pytest.raises(ShopError) as full:
        bk.backup_now(engine, usb, actor=SYSTEM)
    assert full.value.msg_id == bk.E_FOLDER_FULL
    assert "MB" in full.value.message("en")
    assert list(usb.iterdir()) == []


def test_postgres_is_refused_with_pg_dump_hint(engine, db_url):
    if bk.is_sqlite(engine):
        pytest.skip("PostgreSQL only")
    with pytest.raises(ShopError) as exc:
        bk.backup_now(engine, actor=SYSTEM)
    assert "pg_dump" in exc.value.message("en")
    with pytest.raises(ShopError) as exc2:
        restore(db_url, "/tmp/whatever.db", actor=SYSTEM)
    assert "pg_restore" in exc2.value.message("zh")
    assert bk.maybe_daily_backup(engine) is None


# --- refused restores change nothing -----------------------------------------------------


def _snapshot(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return "\n".join(conn.iterdump()).encode()
    finally:
        conn.close()


def _bad_files(tmp_path: Path, good: Path) -> dict[str, Path]:
    files = {}
    files["random"] = tmp_path / "random.db"
    files["random"].write_bytes(os.urandom(8192))
    files["truncated"] = tmp_path / "truncated.db"
    files["truncated"].write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    files["text"] = tmp_path / "notes.db"
    files["text"].write_text("名单\n张三 13800138000\n", encoding="utf-8")
    files["empty"] = tmp_path / "empty.db"
    files["empty"].write_bytes(b"")
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers VALUES (1, 'x')")
    conn.commit()
    conn.close()
    files["foreign"] = foreign
    damaged = tmp_path / "damaged.db"
    raw = bytearray(good.read_bytes())
    raw[4096 * 3 : 4096 * 6] = os.urandom(4096 * 3)  # garbage over some table pages
    damaged.write_bytes(bytes(raw))
    files["damaged"] = damaged
    return files


def test_corrupt_or_foreign_files_are_refused_and_nothing_changes(engine, db_url, tmp_path):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        member = add_member(s)
        for _ in range(30):
            add_visit(s, member, note="好" * 200)
    (tmp_path / "good").mkdir()
    good = bk.backup_now(engine, tmp_path / "good", actor=SYSTEM).path
    files = _bad_files(tmp_path, good)
    before = _snapshot(_db_path(db_url))
    listing = sorted(p.name for p in _db_path(db_url).parent.iterdir())
    expected = {
        "random": "restore.not_sqlite",
        "text": "restore.not_sqlite",
        "empty": "restore.not_sqlite",
        "truncated": "restore.corrupt",
        "foreign": "restore.foreign",
        "damaged": "restore.corrupt",
    }
    for kind, path in files.items():
        with pytest.raises(ShopError) as exc:
            restore(db_url, path, actor=SYSTEM)
        assert exc.value.msg_id == expected[kind], kind
        assert "Nothing was changed" in exc.value.message("en")
        assert _snapshot(_db_path(db_url)) == before, kind
        assert sorted(p.name for p in _db_path(db_url).parent.iterdir()) == listing, kind
    with pytest.raises(ShopError) as missing:
        restore(db_url, tmp_path / "nope.db", actor=SYSTEM)
    assert missing.value.msg_id == "restore.not_found"


def test_newer_schema_backup_is_refused(engine, db_url, tmp_path):
    sqlite_only(engine)
    info = bk.backup_now(engine, tmp_path, actor=SYSTEM)
    conn = sqlite3.connect(info.path)
    conn.execute("UPDATE alembic_version SET version_num = 'zz_future_9'")
    conn.commit()
    conn.close()
    with pytest.raises(ShopError) as exc:
        restore(db_url, info.path, actor=SYSTEM)
    assert exc.value.msg_id == "restore.newer"
    assert "newer ShopCRM" in exc.value.message("en") and "更新版本" in exc.value.message("zh")


def test_older_schema_backup_is_migrated_on_restore(engine, db_url, tmp_path, monkeypatch):
    """A backup at an older revision is brought up to head after restoring."""
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        add_member(s, "王五", "+8613700137000")
    info = bk.backup_now(engine, tmp_path, actor=SYSTEM)
    calls = []
    import shopcrm.services.restore as rs

    monkeypatch.setattr(rs, "head_revision", lambda: "pretend_newer_head")
    monkeypatch.setattr(rs, "_migrate", lambda path: calls.append(path))
    result = restore(db_url, info.path, actor=SYSTEM)
    assert calls and result.members == 1


def test_restore_over_a_damaged_database(engine, db_url, tmp_path):
    """The main use: the shop's file is broken; the backup replaces it, the wreck is kept."""
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        add_member(s, "赵六", "+8613600136000")
    info = bk.backup_now(engine, tmp_path, actor=SYSTEM)
    engine.dispose()
    path = _db_path(db_url)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path.write_bytes(os.urandom(path.stat().st_size))
    result = restore(db_url, info.path, actor=SYSTEM)
    assert result.kept_aside is not None and result.kept_aside.exists()
    fresh = make_engine(db_url)
    assert _names(fresh) == ["赵六"]
    with fresh.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    fresh.dispose()


def test_restore_refuses_its_own_database(engine, db_url):
    sqlite_only(engine)
    with pytest.raises(ShopError) as exc:
        restore(db_url, db_url, actor=SYSTEM)
    assert exc.value.msg_id == "restore.same_file"


def test_list_backups_reads_revision_and_skips_other_files(engine, tmp_path):
    sqlite_only(engine)
    info = bk.backup_now(engine, tmp_path, now=datetime(2025, 2, 3, 4, 5, 6), actor=SYSTEM)
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "shop_2025-13-45_999999.db").write_text("x")
    listed = bk.list_backups(tmp_path)
    assert [b.path for b in listed] == [info.path]
    assert listed[0].created_at == datetime(2025, 2, 3, 4, 5, 6)
    assert listed[0].revision == head_revision() and listed[0].shop == "shop"
    assert count  # helper imported for other tests
    assert Visit and VisitLine
