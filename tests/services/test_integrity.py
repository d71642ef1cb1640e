"""Integrity checks, and saves that fail (disk full, read-only, busy, conflict) cleanly."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from rel_helpers import add_member, add_visit, count, sqlite_only
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from shopcrm.db import make_engine, session_scope
from shopcrm.models import Member, Visit
from shopcrm.services import backup as bk
from shopcrm.services.auth import SYSTEM
from shopcrm.services.integrity import integrity_check, quick_check
from shopcrm.services.safety import (
    BusyError,
    ConflictError,
    DiskFullError,
    ReadOnlyError,
    safe_session,
    translate_db_errors,
)


def test_healthy_database_passes_both_checks(engine):
    quick, full = quick_check(engine), integrity_check(engine)
    assert quick.ok and full.ok
    if bk.is_sqlite(engine):
        assert (quick.kind, full.kind) == ("quick", "full")
        assert "healthy" in full.message("en") and "完好" in full.message("zh")
    else:
        assert quick.kind == "skipped" and "PostgreSQL" in quick.message("en")


def _damage(db_file: Path) -> None:
    """Overwrite the root page of the visits table's index with garbage."""
    with sqlite3.connect(db_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_visits_member_time'"
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db_file.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + os.urandom(page_size - 1))


def test_damaged_database_fails_and_names_the_latest_backup(engine, db_url, tmp_path):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        member = add_member(s)
        for _ in range(200):
            add_visit(s, member)
    info = bk.backup_now(engine, actor=SYSTEM)  # default folder beside the database
    engine.dispose()
    _damage(Path(db_url))
    damaged = make_engine(db_url)
    result = integrity_check(damaged)
    assert not result.ok and result.problems
    assert result.latest_backup == info.path
    assert str(info.path) in result.message("en") and "shopcrm restore" in result.message("en")
    assert "恢复最新备份" in result.message("zh")
    # The next day's backup does not copy the damaged database over the good backup.
    assert not quick_check(damaged).ok
    next_day = info.created_at + timedelta(days=1)
    assert bk.maybe_daily_backup(damaged, now=next_day) is None
    assert sorted(info.path.parent.iterdir()) == [info.path]
    damaged.dispose()


def test_damaged_database_without_backups_says_so(engine, db_url):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        member = add_member(s)
        for _ in range(200):
            add_visit(s, member)
    engine.dispose()
    _damage(Path(db_url))
    damaged = make_engine(db_url)
    result = integrity_check(damaged)
    assert not result.ok and result.latest_backup is None
    assert "no backup" in result.message("en")
    damaged.dispose()


def test_not_a_database_fails_the_quick_check(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(os.urandom(4096))
    eng = make_engine(str(path))
    result = quick_check(eng)
    assert not result.ok and "not a database" in result.problems[0]
    eng.dispose()


# --- failing saves ----------------------------------------------------------------------------


def _members_and_visits(engine) -> tuple[int, int]:
    with session_scope(engine) as s:
        return count(s, Member), count(s, Visit)


def test_disk_full_rolls_back_and_says_so(engine):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        add_member(s)
    before = _members_and_visits(engine)
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(engine, "connect")
    def _small(dbapi_conn, _rec):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    engine.dispose()  # new connections get the limit
    with pytest.raises(DiskFullError) as exc, safe_session(engine) as s:
        for i in range(300):  # a batch far bigger than two pages
            add_visit(s, 1, note="满" * 500)
            if i == 0:
                s.add(Member(name="新会员", phone="+8613900000000", phone_digits="13900000000"))
    assert "disk is full" in exc.value.message("en") and "磁盘已满" in exc.value.message("zh")
    event.remove(engine, "connect", _small)
    engine.dispose()
    assert _members_and_visits(engine) == before  # nothing half-written
    assert integrity_check(engine).ok


def test_read_only_database_refuses_the_save_cleanly(engine, db_url):
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        add_member(s)
    engine.dispose()
    read_only = make_engine(f"sqlite:///file:{db_url}?mode=ro&uri=true")
    with session_scope(read_only) as s:
        assert s.scalar(select(Member.name)) == "张三"
    with pytest.raises(ReadOnlyError) as exc, safe_session(read_only) as s:
        s.get(Member, 1).name = "改名"
        add_visit(s, 1)
    assert "read-only" in exc.value.message("en") and "只读" in exc.value.message("zh")
    read_only.dispose()
    assert _members_and_visits(engine) == (1, 0)
    with session_scope(engine) as s:
        assert s.get(Member, 1).name == "张三"


def test_locked_database_is_reported_as_busy(engine, db_url):
    sqlite_only(engine)
    holder = sqlite3.connect(db_url, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    impatient = make_engine(db_url, connect_args={"timeout": 0.2})

    @event.listens_for(impatient, "connect")
    def _short(dbapi_conn, _rec):
        dbapi_conn.execute("PRAGMA busy_timeout = 200")

    try:
        with pytest.raises(BusyError) as exc, safe_session(impatient) as s:
            add_member(s)
        assert "Another counter" in exc.value.message("en")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.dispose()
    assert _members_and_visits(engine) == (0, 0)


# --- several counters: optimistic version conflict ----------------------------------------


def test_two_counters_editing_one_member_get_one_conflict(engine):
    with session_scope(engine, write=True) as s:
        member_id = add_member(s)
    counter_a, counter_b = (
        Session(engine, expire_on_commit=False),
        Session(engine, expire_on_commit=False),
    )
    try:
        a, b = counter_a.get(Member, member_id), counter_b.get(Member, member_id)
        counter_a.commit()  # both screens show version 1; no transaction stays open
        counter_b.commit()
        a.notes = "A 的备注"
        counter_a.commit()
        b.notes = "B 的备注"
        with pytest.raises(ConflictError) as exc, translate_db_errors():
            counter_b.commit()
        counter_b.rollback()
        assert "changed at another counter" in exc.value.message("en")
        assert "另一台前台电脑" in exc.value.message("zh")
    finally:
        counter_a.close()
        counter_b.close()
    with session_scope(engine) as s:
        stored = s.get(Member, member_id)
        assert (stored.notes, stored.version) == ("A 的备注", 2)  # B did not overwrite A


def test_conflict_through_safe_session_rolls_back_the_whole_save(engine):
    """A stale member save inside a bigger save: the conflict undoes all of it."""
    with session_scope(engine, write=True) as s:
        member_id = add_member(s)
    stale_session = Session(engine, expire_on_commit=False)
    stale = stale_session.get(Member, member_id)
    stale_session.close()  # the screen keeps a detached copy at version 1
    with session_scope(engine, write=True) as s:
        s.get(Member, member_id).notes = "first"
    with pytest.raises(ConflictError), safe_session(engine) as s:
        add_visit(s, member_id)  # other work in the same save, already flushed
        s.add(stale)
        stale.notes = "second"
        s.flush()  # UPDATE ... WHERE version = 1 matches nothing: StaleDataError
    with session_scope(engine) as s:
        assert count(s, Visit) == 0
        assert s.get(Member, member_id).notes == "first"
