"""Commission from the terminal: `commission-rule add|retire`, `commission-rules`,
`commission --month`, `visit add --designated/--rotation --split`."""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner
from sqlalchemy import text

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import make_engine


def run(db_url: str, *args: str, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", lang, *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _shop(db_url: str) -> None:
    assert run(db_url, "service", "add", "剪发", "--price", "100", "--category", "剪发")[0] == 0
    for name in ("Tony", "小李"):
        assert run(db_url, "staff", "add", name)[0] == 0
    assert run(db_url, "member", "add", "--name", "张三", "--phone", "13800138000")[0] == 0


def _raw(db_url: str, sql: str) -> list[tuple]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(sql))]
    engine.dispose()
    return rows


def test_rules_and_the_month_report_from_the_terminal(db_url):
    _shop(db_url)
    with clock.frozen("2026-11-01 09:00"):
        code, out = run(db_url, "commission-rule", "add", "--designated", "--rate", "20%")
        assert code == 0, out
        assert run(db_url, "commission-rule", "add", "--rotation", "--rate", "15%")[0] == 0
        code, out = run(db_url, "commission-rule", "add", "--staff", "小李", "--topups",
                        "--rate", "2%")  # fmt: skip
        assert code == 0, out
    code, out = run(db_url, "commission-rules", "--json")
    rules = json.loads(out)
    assert [(r["kind"], r["mode"], r["rate"]) for r in rules] == [
        ("service", "designated", "0.2000"),
        ("service", "rotation", "0.1500"),
        ("topup", None, "0.0200"),
    ]
    code, out = run(db_url, "commission-rules", lang="zh")
    assert "指定" in out and "轮牌" in out and "20%" in out
    with clock.frozen("2026-11-10 10:00"):
        code, out = run(db_url, "visit", "add", "--member", "13800138000", "--service", "剪发",
                        "--staff", "Tony", "--designated")  # fmt: skip
        assert code == 0, out
        code, out = run(db_url, "visit", "add", "--member", "13800138000", "--service", "剪发",
                        "--staff", "Tony", "--rotation", "--split", "小李:40")  # fmt: skip
        assert code == 0, out
    assert _raw(db_url, "SELECT designated FROM visit_lines ORDER BY id") == [(1,), (0,)]
    assert _raw(db_url, "SELECT position, share FROM visit_line_staff ORDER BY position") == [
        (0, 6000),
        (1, 4000),
    ]
    code, out = run(db_url, "commission", "--month", "2026-11", "--json")
    assert code == 0, out
    data = json.loads(out)
    by = {s["staff"]: Decimal(s["commission"]) for s in data["staff"]}
    # ¥100 designated 20% = 20; ¥100 rotation 15% = 15 split 60/40 = 9 + 6
    assert by == {"Tony": Decimal("29.00"), "小李": Decimal("6.00")}
    assert Decimal(data["total"]) == Decimal("35.00")
    assert len(data["lines"]) == 3
    code, out = run(db_url, "commission", "--month", "2026-11", "--staff", "小李", "--json")
    assert [s["staff"] for s in json.loads(out)["staff"]] == ["小李"]
    code, out = run(db_url, "commission", "--month", "2026-11", lang="zh")
    assert code == 0 and "提成" in out and "29.00" in out


def test_bad_input_is_one_line_in_the_users_language(db_url):
    _shop(db_url)
    code, out = run(db_url, "commission-rule", "add", "--rate", "abc")
    assert code == 1 and "not a commission rate" in out
    code, out = run(db_url, "commission-rule", "add", "--rate", "abc", lang="zh")
    assert code == 1 and "提成比例" in out
    code, out = run(db_url, "commission-rule", "add", "--topups", "--rate", "2%", "--base", "list")
    assert code == 1 and "money paid" in out
    code, out = run(db_url, "commission-rule", "add", "--staff", "Nobody", "--rate", "2%")
    assert code == 1 and "Nobody" in out
    code, out = run(db_url, "commission", "--month", "2026-13")
    assert code == 1 and "not a month" in out
    code, out = run(db_url, "visit", "add", "--member", "13800138000", "--service", "剪发",
                    "--staff", "Tony", "--split", "小李:140")  # fmt: skip
    assert code == 1 and "100%" in out
    assert _raw(db_url, "SELECT COUNT(*) FROM visits") == [(0,)]
    assert _raw(db_url, "SELECT COUNT(*) FROM commission_rules") == [(0,)]


def test_retire_ends_a_rule(db_url):
    _shop(db_url)
    assert run(db_url, "commission-rule", "add", "--rate", "10%")[0] == 0
    code, out = run(db_url, "commission-rule", "retire", "1")
    assert code == 0, out
    assert json.loads(run(db_url, "commission-rules", "--json")[1]) == []
    assert len(json.loads(run(db_url, "commission-rules", "--all", "--json")[1])) == 1
    code, out = run(db_url, "commission-rule", "retire", "1")
    assert code == 1 and "No commission rule 1" in out
