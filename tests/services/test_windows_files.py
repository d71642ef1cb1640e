"""Windows as the shop has it, proven on this machine: locked files, paths and file names.

Windows refuses to replace or delete a file another program holds open (Excel's workbook,
a database open in another ShopCRM window): `os.replace`/`os.unlink` raise PermissionError
(winerror 32). `_lock` makes those OS calls fail the same way for one file name. Each case
must give the message naming the file and leave every file as it was.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from rel_helpers import add_member
from sqlalchemy import select

from shopcrm.cli import main
from shopcrm.db import open_database, session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import Member
from shopcrm.services import backup as bk
from shopcrm.services import restore as rs
from shopcrm.services.auth import SYSTEM
from shopcrm.services.files import E_DATABASE_IN_USE, safe_filename

IN_USE = "The process cannot access the file because it is being used by another process"


def _lock(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """Renames onto/from and deletes of files called `name` fail as on Windows."""
    tried: list[str] = []
    real_replace, real_unlink = os.replace, os.unlink

    def replace(src, dst, *args, **kwargs):
        if name in (Path(src).name, Path(dst).name):
            tried.append(str(dst))
            raise PermissionError(13, IN_USE, str(src), None, str(dst))
        return real_replace(src, dst, *args, **kwargs)

    def unlink(path, *args, **kwargs):
        if Path(path).name == name:
            tried.append(str(path))
            raise PermissionError(13, IN_USE, str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "unlink", unlink)
    return tried


def _shop(folder: Path, name: str = "我的 店.db") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    engine = open_database(str(path))
    with session_scope(engine, write=True) as s:
        add_member(s, "张三", "+8613800138000")
    engine.dispose()
    return path


def _cli(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _names(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM members ORDER BY id")]
    finally:
        conn.close()


# ------------------------------------------------------------------------- locked files


def test_export_onto_a_workbook_open_in_excel_says_close_it(tmp_path, monkeypatch):
    db = _shop(tmp_path / "店 数据")
    out = tmp_path / "导出 文件"
    out.mkdir()
    (out / "会员.xlsx").write_bytes(b"the owner's open workbook")
    (out / "十月 报表.xlsx").write_bytes(b"last month's open report")
    before = _files(out)
    tried = _lock(monkeypatch, "会员.xlsx")
    _lock(monkeypatch, "十月 报表.xlsx")

    code, output = _cli(db, "export-members", str(out / "会员.xlsx"))
    assert code == 1 and tried
    assert "close 会员.xlsx there and try again" in output and "Excel" in output
    code, output = _cli(db, "report", "--month", "2026-10", "-o", str(out / "十月 报表.xlsx"))
    assert code == 1, output
    assert "close 十月 报表.xlsx there and try again" in output
    assert _files(out) == before  # the open workbooks untouched, no temp file left over


def test_export_message_is_in_chinese_too(tmp_path, monkeypatch):
    db = _shop(tmp_path / "店")
    _lock(monkeypatch, "会员.xlsx")
    result = CliRunner().invoke(
        main, ["--db", str(db), "--lang", "zh", "export-members", str(tmp_path / "会员.xlsx")]
    )
    assert result.exit_code == 1
    assert "请先关闭 会员.xlsx 再重试" in result.output and "未做任何更改" in result.output
    assert not (tmp_path / "会员.xlsx").exists() and not list(tmp_path.glob(".*part"))


def test_restore_onto_a_database_open_elsewhere_changes_nothing(tmp_path, monkeypatch):
    db = _shop(tmp_path / "C 盘 用户" / "张三 的 数据")
    backup_dir = tmp_path / "备份 U 盘"
    backup_dir.mkdir()
    assert _cli(db, "backup", "--to", str(backup_dir))[0] == 0
    backup = next(backup_dir.glob("*.db"))
    engine = open_database(str(db))
    with session_scope(engine, write=True) as s:
        add_member(s, "李四", "+8613900139000")
    engine.dispose()
    # The backup API fails over to renaming the file; Windows refuses the rename.
    real_write = rs._write_into

    def write_by_rename(staging: Path, target: Path) -> None:
        replacement = target.with_name(target.name + ".restoring")
        rs.backup_sqlite_file(staging, replacement)
        rs._replace_file(replacement, target)

    monkeypatch.setattr(rs, "_write_into", write_by_rename)

    def listing() -> list[str]:
        # SQLite's own -wal/-shm files come and go with connections; they are not copies
        return sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))

    folder_before = listing()
    _lock(monkeypatch, db.name)

    code, output = _cli(db, "restore", str(backup), "--yes")

    assert code == 1
    assert f"The database {db.name} is open in another ShopCRM window" in output
    assert listing() == folder_before  # no copy left over
    assert _names(db) == ["张三", "李四"]
    monkeypatch.setattr(rs, "_write_into", real_write)


def test_backup_into_a_locked_file_names_it_and_keeps_the_old_backups(tmp_path, monkeypatch):
    db = _shop(tmp_path / "店")
    folder = tmp_path / "备份"
    folder.mkdir()
    old = folder / f"我的 店_{datetime(2026, 11, 1, 9):{bk.STAMP_FORMAT}}.db"
    old.write_bytes(b"an old backup")
    monkeypatch.setenv("SHOPCRM_NOW", "2026-11-27T10:00:00")
    _lock(monkeypatch, "我的 店_2026-11-27_100000.db")

    code, output = _cli(db, "backup", "--to", str(folder))

    assert code == 1
    assert "close 我的 店_2026-11-27_100000.db there and try again" in output
    assert _files(folder) == {old.name: b"an old backup"}  # no .part, nothing rotated


def test_rotation_keeps_a_backup_open_elsewhere_and_says_so(tmp_path, monkeypatch, caplog):
    db = _shop(tmp_path / "店")
    folder = tmp_path / "备份"
    folder.mkdir()
    now = datetime(2026, 11, 27, 10, 0)
    old = [
        folder / f"我的 店_{now - timedelta(days=d, hours=1):{bk.STAMP_FORMAT}}.db"
        for d in range(1, 12)
    ]
    for path in old:
        path.write_bytes(b"x")
    locked = old[-1]  # the oldest: the rotation deletes it
    _lock(monkeypatch, locked.name)
    engine = open_database(str(db))
    with caplog.at_level(logging.WARNING):
        info = bk.backup_now(engine, folder, now=now, actor=SYSTEM)
    engine.dispose()
    assert info.path.exists() and locked.exists()
    assert not old[-2].exists()  # the rest of the rotation went on
    assert f"close {locked.name} there and try again" in caplog.text or (
        f"关闭 {locked.name}" in caplog.text
    )


def test_a_refused_rename_puts_the_wal_back(tmp_path, monkeypatch):
    target = tmp_path / "店 数据.db"
    target.write_bytes(b"current")
    Path(str(target) + "-wal").write_bytes(b"committed pages not yet in the file")
    Path(str(target) + "-shm").write_bytes(b"shm")
    replacement = tmp_path / "店 数据.db.restoring"
    replacement.write_bytes(b"restored")
    before = _files(tmp_path)
    _lock(monkeypatch, target.name)
    with pytest.raises(ShopError) as raised:
        rs._replace_file(replacement, target)
    assert raised.value.msg_id == E_DATABASE_IN_USE
    before.pop(replacement.name)
    assert _files(tmp_path) == before


# ------------------------------------------------------------------ names and paths


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ('美发:沙龙*1号?"店"<A>|B', "美发_沙龙_1号__店__A__B"),
        ("CON", "CON_"),
        ("con.db", "con_.db"),
        ("COM1", "COM1_"),
        ("Lpt9.xlsx", "Lpt9_.xlsx"),
        ("CONSOLE", "CONSOLE"),
        ("  小店. . ", "小店"),
        ("a/b\\c", "a_b_c"),
        ("", "shop"),
        ("???", "shop"),
        ("我的 店", "我的 店"),
        ("tab\there\nnewline", "tab_here_newline"),
    ],
)
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_safe_filename_is_short_and_accepted_by_the_file_system(tmp_path):
    name = safe_filename("店" * 300 + ".")
    assert len(name) <= 100 and len(name.encode()) <= 180
    (tmp_path / name).write_text("ok", encoding="utf-8")


def test_shop_with_forbidden_characters_backs_up_and_restores(tmp_path):
    """A database named from the shop's name as typed: its backups get a clean name (a USB
    stick formatted FAT refuses the same characters as Windows)."""
    db = _shop(tmp_path / "张三 的 AppData" / "ShopCRM", name="美发:沙龙*1号<A>.db")
    usb = tmp_path / "U 盘 备份"
    usb.mkdir()
    assert _cli(db, "backup", "--to", str(usb))[0] == 0
    (made,) = usb.glob("*.db")
    assert made.name.startswith("美发_沙龙_1号_A__") and bk.NAME_RE.match(made.name)
    engine = open_database(str(db))
    assert [b.path for b in bk.list_backups(usb, shop=bk.backup_stem(db))] == [made]
    with session_scope(engine, write=True) as s:
        s.scalars(select(Member)).first().name = "改名"
    engine.dispose()
    code, output = _cli(db, "restore", str(made), "--yes")
    assert code == 0, output
    assert _names(db) == ["张三"]


def test_default_data_folder_with_chinese_and_spaces_end_to_end(tmp_path, monkeypatch):
    """demo, export, backup and restore in the user data folder of 张三, by default."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "C Users 张三" / "AppData Local"))
    monkeypatch.delenv("SHOPCRM_DB", raising=False)
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(main, ["--lang", "zh", *args])
        assert result.exit_code == 0, result.output
        return result.output

    cli("demo", "--members", "25", "--months", "2", "--seed", "3")
    data = tmp_path / "C Users 张三" / "AppData Local" / "ShopCRM"
    assert (data / "shopcrm.db").exists()
    out = tmp_path / "导出 文件夹"
    out.mkdir()
    cli("export-members", str(out / "会员 名单.xlsx"))
    assert (out / "会员 名单.xlsx").stat().st_size > 1000
    cli("backup")
    (made,) = (data / "backups").glob("shopcrm_*.db")
    before = _names(data / "shopcrm.db")
    cli("member", "add", "--name", "新会员", "--phone", "13700137000")
    cli("restore", str(made), "--yes")
    assert _names(data / "shopcrm.db") == before
