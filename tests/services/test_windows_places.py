"""Where Windows puts databases: network shares are recognised and warned about; the daily
backups go to the owner's Documents on Windows (the platform is injected here)."""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs
import pytest
from click.testing import CliRunner

from shopcrm import paths
from shopcrm.cli import main
from shopcrm.db import open_database
from shopcrm.services import hooks
from shopcrm.services.files import network_share_warning

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//server/share /mnt/shop\\040share cifs rw,vers=3.0 0 0
nas:/export /srv/nfs nfs4 rw 0 0
/dev/sdb1 /srv/nfs/local ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/shop share/ShopCRM/shopcrm.db", "cifs mount"),
        ("/srv/nfs/data/shop.db", "nfs4 mount"),
        ("/srv/nfs/local/shop.db", None),  # a local disk mounted inside the share
        ("/home/张三/.local/share/ShopCRM/shopcrm.db", None),
        ("/tmp/x.db", None),
    ],
)
def test_linux_network_mounts_are_found_by_file_system_type(path, expected):
    assert paths.network_location(path, platform="linux", mounts=MOUNTS) == expected


@pytest.mark.parametrize(
    ("path", "drive_type", "expected"),
    [
        (r"\\server\share\ShopCRM\shopcrm.db", None, "UNC path"),
        ("//server/share/shopcrm.db", None, "UNC path"),
        (r"\\?\UNC\server\share\shopcrm.db", None, "UNC path"),
        (r"Z:\ShopCRM\shopcrm.db", 4, "network drive Z:"),  # DRIVE_REMOTE: a mapped drive
        (r"C:\Users\张三\AppData\Local\ShopCRM\shopcrm.db", 3, None),  # DRIVE_FIXED
        (r"\\?\C:\Users\张三\shopcrm.db", 3, None),
    ],
)
def test_windows_unc_paths_and_mapped_drives(path, drive_type, expected):
    found = paths.network_location(path, platform="win32", drive_type=drive_type)
    assert found == expected


def test_network_share_is_warned_at_start_and_in_info(tmp_path, monkeypatch, caplog):
    db = tmp_path / "店 数据.db"
    engine = open_database(str(db))
    assert network_share_warning(engine) is None
    mounts = f"/dev/sda1 / ext4 rw 0 0\n//nas/shop {tmp_path} cifs rw 0 0\n"
    real = paths.network_location
    monkeypatch.setattr(paths, "network_location", lambda p, **kw: real(p, mounts=mounts))
    warning = network_share_warning(engine)
    assert warning is not None and "PostgreSQL" in warning.message("en")
    assert "cifs" in warning.message("zh") and str(db) in warning.message("zh")
    with caplog.at_level(logging.WARNING):
        hooks.on_open(engine)
    engine.dispose()
    assert "SQLite must not be shared" in caplog.text or "不能这样共享" in caplog.text
    result = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", "info", "--json"])
    assert result.exit_code == 0
    assert '"network_share": "The database' in result.output


def test_daily_backups_go_to_documents_on_windows_and_stay_put_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "文档"))
    assert paths.default_backup_dir("win32") == tmp_path / "文档" / "ShopCRM backups"
    assert paths.default_backup_dir("linux") == tmp_path / "data" / "ShopCRM" / "backups"
    assert paths.default_backup_dir() == Path(paths.data_dir()) / "backups"  # this machine
