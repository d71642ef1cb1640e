"""The visit, wallet and catalogue commands, run for real through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from visit_helpers import make_member, make_shop

from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope


def _run(db_url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args])
    return result.exit_code, result.output


def test_topup_visit_balance_void_and_listing(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        make_shop(s)
        make_member(s, card_no="880001")
    engine.dispose()
    code, out = _run(
        db_url, "topup", "--member", "13800138000", "300", "--bonus", "30", "--pay", "微信"
    )
    assert code == 0 and "balance ¥330.00" in out
    code, out = _run(
        db_url,
        "visit",
        "add",
        "--member",
        "880001",
        "--service",
        "xjc",
        "--service",
        "头皮护理:150",
        "--pay",
        "stored_value:200",
        "--pay",
        "cash",
        "--staff",
        "Tony",
        "--at",
        "2025-03-01 10:00",
    )
    assert code == 0 and "¥238.00" in out, out
    code, out = _run(db_url, "balance", "--member", "13800138000", "--json")
    data = json.loads(out)
    assert data["stored_value"] == "130.00" and data["points"] == 238
    code, out = _run(
        db_url,
        "visit",
        "add",
        "--member",
        "880001",
        "--service",
        "xjc",
        "--pay",
        "stored_value:200",
    )
    assert code == 1 and "add up to ¥200.00" in out
    code, out = _run(db_url, "visits", "--member", "880001", "--json")
    visits = json.loads(out)
    assert len(visits) == 1 and visits[0]["items"] == "洗剪吹, 头皮护理"
    assert visits[0]["payments"] == {"stored_value": "200.00", "cash": "38.00"}
    code, out = _run(db_url, "visit", "void", str(visits[0]["id"]), "--reason", "test")
    assert code == 0
    code, out = _run(db_url, "balance", "--member", "880001")
    assert "Stored value ¥330.00; points 0" in out
    code, out = _run(db_url, "visits", "--member", "880001")
    head, _, row = out.splitlines()  # headers from the service's VISIT_COLUMNS, then the visit
    assert head.split()[-1] == "Status" and row.startswith("#1 ") and row.split()[-1] == "voided"
    code, out = _run(db_url, "services", "--json")
    assert {s["name"] for s in json.loads(out)} == {"洗剪吹", "烫发", "头皮护理"}
    code, out = _run(db_url, "staff")
    assert "Tony" in out and "小李" in out


def test_import_visits_command_dry_run_and_report(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        make_shop(s)
        make_member(s)
    engine.dispose()
    path = tmp_path / "v.csv"
    path.write_text(
        "手机号,日期,项目,金额,技师,付款方式\n"
        "13800138000,2024-01-02 10:00,洗剪吹,88,Tony,微信\n"
        "13800138000,2024-01-03,美甲,50,,现金\n",
        encoding="gb18030",
    )
    code, out = _run(db_url, "import-visits", str(path), "--dry-run", "--json")
    data = json.loads(out)
    assert code == 0 and data["visits_created"] == 1 and data["rows_failed"] == 1
    assert data["problems"] == [{"row": 3, "reason": "unknown service “美甲”"}]
    code, out = _run(
        db_url,
        "--lang",
        "zh",
        "import-visits",
        str(path),
        "--create-missing",
        "--report",
        str(tmp_path / "r.xlsx"),
    )
    assert code == 0 and "新增消费记录: 2" in out and (tmp_path / "r.xlsx").exists()
    code, out = _run(db_url, "import-visits", str(path), "--json")
    assert json.loads(out)["rows_already_imported"] == 2
