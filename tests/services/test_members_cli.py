"""The member commands, run for real through click."""

from __future__ import annotations

import json

from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from shopcrm.cli import main


def run(db_url, *args):
    result = CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_add_find_show_archive_restore_merge(db_url):
    code, out = run(
        db_url,
        "--lang",
        "en",
        "member",
        "add",
        "--name",
        "曾小贤",
        "--phone",
        "138 0013 8000",
        "--birthday",
        "农历八月十五",
        "--tag",
        "VIP",
    )
    assert code == 0 and "Member #1 added" in out
    code, out = run(
        db_url, "--lang", "zh", "member", "add", "--name", "X", "--phone", "13800138000"
    )
    assert code == 1 and "已属于会员 曾小贤" in out
    code, out = run(db_url, "--lang", "zh", "member", "add", "--name", "Y", "--birthday", "2月30日")
    assert code == 1 and "2月没有30日" in out
    run(db_url, "member", "add", "--name", "曾小贤", "--phone", "13900138000", "--card", "88")
    code, out = run(db_url, "find", "zeng", "--json")
    hits = json.loads(out)
    assert [h["id"] for h in hits] == [1, 2] and hits[0]["match"] == "pinyin"
    code, out = run(db_url, "find", "8000")
    assert "138 0013 8000" in out and "phone_tail" in out
    code, out = run(db_url, "--lang", "zh", "member", "show", "13800138000")
    assert "农历八月十五" in out and "生日" in out
    code, out = run(db_url, "member", "show", "zeng")  # two match: ask to be precise
    assert code == 1 and "#2" in out
    code, out = run(db_url, "member", "show", "1", "--json")
    assert json.loads(out)["birthday"]["kind"] == "lunar"
    assert run(db_url, "--lang", "en", "member", "archive", "2")[1].startswith("Member #2 archived")
    assert run(db_url, "find", "13900138000")[1].startswith("No member")
    assert run(db_url, "--lang", "en", "member", "restore", "2")[0] == 0
    code, out = run(db_url, "--lang", "en", "member", "merge", "1", "2")
    assert code == 0 and "merged into #1" in out
    assert json.loads(run(db_url, "member", "show", "2", "--json")[1])["status"] == "merged"


def test_import_with_report_dry_run_and_export(db_url, tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "手机", "生日"])
    wb.active.append(["张三", "13800138000", "1990-05-01"])
    wb.active.append(["李四", "1380013", None])
    src = tmp_path / "in.xlsx"
    wb.save(src)
    code, out = run(db_url, "--lang", "en", "import-members", str(src), "--dry-run")
    assert code == 0 and "Dry run" in out and "1 created" in out
    assert "No member" in run(db_url, "find", "8000")[1]
    report = tmp_path / "report.xlsx"
    code, out = run(db_url, "--lang", "zh", "import-members", str(src), "--report", str(report))
    assert code == 0 and "新建 1 位" in out and "未导入 1 行" in out and "不完整" in out
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["新建", "未导入"]
    out_file = tmp_path / "out.xlsx"
    code, out = run(db_url, "--lang", "en", "export-members", str(out_file))
    assert code == 0 and "1 members written" in out
    assert load_workbook(out_file).active["A2"].value == "张三"
    code, out = run(db_url, "--lang", "en", "import-members", str(tmp_path / "nope.xlsx"))
    assert code == 1 and "File not found" in out
