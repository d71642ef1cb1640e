"""`shopcrm selfcheck` reports every late-loaded part, and fails loudly when one is missing."""

from __future__ import annotations

import json

from click.testing import CliRunner

from shopcrm.cli import main
from shopcrm.cli import selfcheck as module


def test_selfcheck_passes_in_a_complete_installation(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = CliRunner().invoke(main, ["--lang", "en", "selfcheck", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == set(module.CHECKS)
    assert all(item["ok"] for item in report.values()), report
    assert report["phone"]["detail"] == "+8613800138000"
    assert report["pinyin"]["detail"] == "zhangsan/zs"


def test_selfcheck_names_what_is_missing_and_exits_1(monkeypatch):
    def broken() -> str:
        raise ModuleNotFoundError("No module named 'openpyxl'")

    monkeypatch.setitem(module.CHECKS, "excel", broken)
    result = CliRunner().invoke(main, ["--lang", "en", "selfcheck"])
    assert result.exit_code == 1
    assert "FAIL excel" in result.output and "openpyxl" in result.output
    assert f"1 of {len(module.CHECKS)} checks failed." in result.output


def test_selfcheck_reports_console_folders_and_chinese_fonts(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "张三 的 数据"))
    result = CliRunner().invoke(main, ["--lang", "en", "selfcheck", "--json"])
    report = json.loads(result.output)
    assert "utf8_mode=" in report["console"]["detail"]
    data = report["data_folder"]
    assert (
        data["ok"]
        and data["detail"] == f"{tmp_path / '张三 的 数据' / 'ShopCRM'} (local disk, writable)"
    )
    assert report["backup_folder"]["ok"] and "backups" in report["backup_folder"]["detail"]
    assert report["fonts"]["ok"] and "CJK" in report["fonts"]["detail"]  # fonts-noto-cjk
    assert not list((tmp_path / "张三 的 数据").rglob(".shopcrm-selfcheck"))  # probes removed


def test_selfcheck_fails_on_a_network_share_and_an_unwritable_backup_folder(tmp_path, monkeypatch):
    from shopcrm import paths

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(paths, "network_location", lambda path, **_: "cifs mount")
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    monkeypatch.setattr(paths, "default_backup_dir", lambda platform=None: blocked / "backups")
    result = CliRunner().invoke(main, ["--lang", "en", "selfcheck"])
    assert result.exit_code == 1
    assert "FAIL data_folder" in result.output and "network share (cifs mount)" in result.output
    assert "FAIL backup_folder" in result.output


def test_windows_fonts_are_looked_for_in_the_fonts_folder(tmp_path):
    assert module.chinese_fonts("win32", tmp_path) == []
    (tmp_path / "msyh.ttc").write_bytes(b"x")
    (tmp_path / "simsun.ttc").write_bytes(b"x")
    assert module.chinese_fonts("win32", tmp_path) == ["msyh.ttc", "simsun.ttc"]
