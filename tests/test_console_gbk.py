"""Every CLI command in the README runs under a Chinese Windows console's code page.

`PYTHONIOENCODING=cp936` gives the child process the encoding a Chinese Windows uses for its
console, for a redirect to a file and for a pipe (stdout here is a pipe). Each command must
end as it should (exit 0, or its one-line refusal), with no UnicodeEncodeError and no
traceback, and Chinese must come out readable as GBK.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shopcrm.console import ERROR_HANDLER, SUBSTITUTES, make_stream_safe

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-27T10:00:00"


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONIOENCODING="cp936",
        XDG_DATA_HOME=str(tmp / "数据 folder"),
        HOME=str(tmp / "home"),
        SHOPCRM_NOW=NOW,
        SHOPCRM_NEW_PIN="246813",
    )
    env.pop("SHOPCRM_DB", None)
    return env


def run(db: Path, *args: str, ok: bool = True) -> str:
    """Run `shopcrm --db db args...` as a GBK console would; return stdout decoded as GBK."""
    proc = subprocess.run(
        [sys.executable, "-m", "shopcrm", "--db", str(db), "--lang", "zh", *args],
        capture_output=True,
        env=_env(db.parent),
        cwd=db.parent,
        timeout=120,
    )
    out = proc.stdout.decode("cp936")  # raises if the output is not valid GBK
    err = proc.stderr.decode("cp936")
    for text in (out, err):
        assert "UnicodeEncodeError" not in text, (args, text)
        assert "Traceback" not in text, (args, text)
        assert "意外错误" not in text, (args, text)  # boundary.unexpected
    if ok:
        assert proc.returncode == 0, (args, out, err)
    else:
        assert proc.returncode == 1 and err.strip(), (args, out, err)
    return out


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gbk") / "我的 店"
    folder.mkdir()
    db = folder / "演示 店.db"
    run(db, "demo", "--members", "60", "--months", "3", "--seed", "7")
    return db


# The README's commands (section "Command line"), each once, in an order that works.
def test_every_readme_command_runs_under_gbk(shop):
    db = shop
    covered: set[str] = {"demo"}  # the fixture made the shop with `demo`

    def cli(*args: str, ok: bool = True) -> str:
        covered.add(args[0])
        return run(db, *args, ok=ok)

    assert "ShopCRM" in cli("--version")
    assert "visits" in cli("info")
    found = json.loads(cli("find", "8000", "--json", "--limit", "3") or "[]")
    name = json.loads(cli("member", "show", "1", "--json"))["name"]
    assert name in cli("find", name), "Chinese is readable when decoded as GBK"
    assert name in cli("member", "show", "1")
    cli("member", "add", "--name", "周九", "--phone", "13800138000", "--birthday", "农历八月十五")
    cli("member", "show", "周九")
    cli("member", "add", "--name", "周九二", "--phone", "13800138001", "--tag", "VIP")
    keep = json.loads(cli("member", "show", "13800138000", "--json"))["id"]
    other = json.loads(cli("member", "show", "13800138001", "--json"))["id"]
    cli("member", "merge", str(keep), str(other))
    cli("member", "archive", "2")
    cli("member", "restore", "2")
    cli("export-members", "会员 名单.xlsx")
    cli("import-members", "会员 名单.xlsx", "--dry-run", "--report", "报告 1.xlsx")
    cli("services", "--all")
    cli("service", "add", "洗剪吹 特价", "--price", "68", "--category", "美发", "--care-days", "3")
    cli("service", "edit", "洗剪吹 特价", "--price", "70")
    cli("staff", "--all")
    cli("level", "add", "黑金卡", "--discount", "0.8", "--upgrade-spend", "20000")
    cli("levels")
    cli("level", "history", "1")
    cli("offer", "add", "--topup", "5000", "--bonus", "900")
    cli("offers")
    booked = json.loads(cli("book", "--member", "13800138000", "--staff", "Tony", "--service",
                            "洗剪吹", "--at", "2026-12-01T09:00", "--json"))  # fmt: skip
    cli("book", "--member", "13800138000", "--staff", "Tony", "--at", "2026-12-01T09:30",
        ok=False)  # fmt: skip
    cli("booking", "hours", "09:00", "22:00")
    cli("booking", "hours", "--closed", "--day", "sun", "--json")
    cli("booking", "table", "A3", "--area", "大厅", "--seats", "4")
    cli("book", "--name", "王五", "--phone", "13700137000", "--table", "A3", "--party-size", "4",
        "--at", "2026-12-01T18:30", "--minutes", "120")  # fmt: skip
    assert "已预约" in cli("bookings", "--day", "2026-12-01")
    cli("bookings", "--week", "--json")
    cli("booking", "move", str(booked["id"]), "--at", "2026-12-01T10:00", "--json")  # 改约
    cli("booking", "arrive", str(booked["id"]), "--json")
    cli("booking", "cancel", str(booked["id"]), "--reason", "改期", "--by", "shop")
    cli("card-type", "add", "洗剪吹 次卡", "--price", "500", "--uses", "洗剪吹:10",
        "--bonus-uses", "洗剪吹:1", "--valid-days", "365")  # fmt: skip
    cli("card-types")
    cli("staff", "add", "小王")
    cli("starter-catalogue", "salon")
    cli("first-steps")
    cli("template", "services", "-o", "服务 模板.xlsx")
    cli("import-services", "服务 模板.xlsx", "--dry-run", "--report", "报告 2.xlsx")
    cli("template", "staff", "-o", "员工 模板.xlsx")
    cli("import-staff", "员工 模板.xlsx", "--dry-run")
    cli("visits", "--member", "13800138000")
    cli("topup", "--member", "13800138000", "1000", "--bonus", "100", "--pay", "微信")
    cli(
        "visit",
        "add",
        "--member",
        "13800138000",
        "--service",
        "洗剪吹 特价",
        "--pay",
        "stored_value:70",
        "--staff",
        "小王",
    )
    cli("card", "sell", "--member", "13800138000", "洗剪吹 次卡", "--pay", "微信")
    cli("visit", "add", "--member", "13800138000", "--service", "洗剪吹", "--use-card")
    # voided before the card's refund: a refunded card's uses are not given back
    visits = json.loads(cli("visits", "--member", "13800138000", "--json"))
    visit_id = (visits.get("visits") if isinstance(visits, dict) else visits)[0]["id"]
    cli("visit", "void", str(visit_id), "--reason", "录错会员")
    held = json.loads(cli("cards", "--member", "13800138000", "--json"))
    cli("card", "refund", str(held[0]["id"]), "--reason", "搬家", "--yes")
    cli("template", "balances", "-o", "期初 余额.xlsx")
    cli("import-balances", "期初 余额.xlsx", "--dry-run", "--report", "报告 3.xlsx")
    assert "￥" in cli("balance", "--member", "13800138000")  # ¥ is not in GBK
    cli("refund", "--member", "13800138000", "250", "--pay", "wechat", "--reason", "搬家")
    cli("topup", "--member", "13800138000", "100", "--pay", "cash")
    ledger = json.loads(cli("balance", "--member", "13800138000", "--ledger", "--json"))
    topup = next(e for e in ledger["ledger"] if e["type"] == "topup")  # newest first
    assert topup["amount"] == "100.00"
    cli("void-topup", str(topup["id"]), "--reason", "刷错卡")
    cli("payment-methods")
    cli("payment-method", "add", "云闪付", "--code", "unionpay", "--en", "UnionPay QR")
    cli("payment-method", "rename", "unionpay", "--zh", "银联云闪付")
    cli("payment-method", "retire", "unionpay")
    cli("service", "retire", "洗剪吹 特价")
    cli("staff", "retire", "小王")
    cli("import-visits", "会员 名单.xlsx", "--dry-run", ok=False)  # not a visit file
    due = json.loads(cli("due", "--json", "--export", "待办 清单.xlsx"))
    doable = [i for i in due["items"] if i["rule_kind"] != "complaint"]  # closed by resolving
    if doable:
        cli("followup", str(doable[0]["id"]), "done", "--note", "已回访")
    cli("rules")
    cli("commission-rule", "add", "--designated", "--rate", "20%")
    cli("commission-rule", "add", "--topups", "--rate", "2%", "--tier", "5000:3%", "--tiers",
        "progressive")  # fmt: skip
    cli("commission-rules")
    cli("visit", "add", "--member", "13800138000", "--service", "洗剪吹", "--staff", "Tony",
        "--designated", "--split", "小雪:30")  # fmt: skip
    assert "Tony" in cli("commission", "--month", "2026-11")
    cli("commission", "--month", "2026-11", "--json")
    cli("holidays", "--year", "2027")
    cli("holiday", "christmas", "--on", "--lead-days", "5")
    cli("campaign", "new", "--segment", "tag:VIP", "--message", "{name}您好，{level}专享", "--dry-run")
    cli("campaign", "new", "--segment", "lapsed:30", "--message", "{name}，好久不见～")
    cli("campaigns")
    complaint = json.loads(cli("complaint", "add", "--member", "1", "--text", "等太久", "--json"))
    cli("complaint", "contact", str(complaint["id"]), "--note", "已电话致歉")
    cli("complaint", "resolve", str(complaint["id"]), "--how", "voucher", "--note", "送代金券")
    cli("complaint", "drop", str(complaint["id"]), ok=False)  # resolved already
    cli("complaints", "--all")
    cli("score", "1", "--member", "1", "--note", "不满意")
    cli("satisfaction", "--months", "3")
    cli("sms-export", "短信 清单.csv")
    cli("report", "--month", "2026-10", "-o", "十月 报表.xlsx")
    cli("report", "--month", "2026-10", "--json")
    cli("segments")
    cli("charts", "--month", "2026-10", "-o", "图表 文件夹")
    cli("close-month", "2026-10")
    cli("reopen-month", "2026-10", "--reason", "补录发票")
    (db.parent / "备份 文件夹").mkdir()  # a chosen folder must exist (a USB stick)
    cli("backup", "--to", str(db.parent / "备份 文件夹"))
    backups = sorted((db.parent / "备份 文件夹").glob("*.db"))
    cli("check")
    cli("audit", "--since", "2026-11-01", "-o", "审计 记录.xlsx")
    cli("member-export", "1", "-o", "会员 1.json")
    cli("member-erase", "3", "--reason", "会员要求删除", "--yes")
    cli("staff-pin", "林店长")
    cli("roles", "off")
    cli("selfcheck")
    cli("restore", str(backups[-1]), "--yes")
    assert found is not None

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^shopcrm (?:--db \S+ )?([a-z][a-z-]*)", readme, flags=re.M))
    documented |= {"--version"}
    assert documented <= covered, f"README commands not run here: {documented - covered}"


def test_substitutes_exist_in_gbk_and_stand_in_for_what_gbk_lacks(tmp_path):
    for stand_in in SUBSTITUTES.values():
        stand_in.encode("gbk")
    assert "✓ ¥12 张三 ✗ 🙂".encode("gbk", ERROR_HANDLER).decode("gbk") == "√ ￥12 张三 × ?"
    with (tmp_path / "out.txt").open("w", encoding="cp936") as stream:
        assert make_stream_safe(stream)
        stream.write("✓ 会员 ¥5")
    assert (tmp_path / "out.txt").read_bytes().decode("gbk") == "√ 会员 ￥5"
    with (tmp_path / "utf8.txt").open("w", encoding="utf-8") as stream:
        assert not make_stream_safe(stream)  # nothing can fail in UTF-8: left alone
