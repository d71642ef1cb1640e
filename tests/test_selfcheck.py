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
