"""Setting up the shop from the terminal: `shopcrm service ...` and `shopcrm staff ...`."""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner
from sqlalchemy import func, select

from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.models import Service, ServiceCategory, Staff
from shopcrm.models.system import AuditEntry
from shopcrm.services import catalog


def run(db_url: str, *args: str, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", lang, *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _services(db_url: str) -> list[tuple]:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        rows = s.execute(
            select(Service.name, Service.list_price, Service.active, ServiceCategory.name)
            .outerjoin(ServiceCategory, Service.category_id == ServiceCategory.id)
            .order_by(Service.id)
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def _staff(db_url: str) -> list[tuple]:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        rows = s.execute(select(Staff.name, Staff.role, Staff.active).order_by(Staff.id)).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_service_add_edit_retire_and_list(db_url):
    code, out = run(
        db_url,
        "service",
        "add",
        "洗剪吹",
        "--price",
        "68",
        "--category",
        "美发",
        "--minutes",
        "45",
        "--care-days",
        "30,3",
    )
    assert code == 0 and "Service #1 added: 洗剪吹 ¥68.00" in out
    assert _services(db_url) == [("洗剪吹", Decimal("68.00"), True, "美发")]

    code, out = run(db_url, "service", "add", "烫发", "--price", "380", "--json")
    added = json.loads(out)
    assert code == 0 and added == {
        "id": 2,
        "name": "烫发",
        "category": "",
        "list_price": "380.00",
        "duration_min": 0,
        "care_offsets": [],
        "active": True,
        "pinyin": "tf tangfa",
    }
    # the same shape as the catalogue listing
    listed = json.loads(run(db_url, "services", "--json")[1])
    assert added in listed

    code, out = run(
        db_url,
        "service",
        "edit",
        "烫发",
        "--price",
        "398.5",
        "--name",
        "热烫",
        "--category",
        "美发",
        "--json",
    )
    assert code == 0
    edited = json.loads(out)
    assert (edited["id"], edited["name"], edited["list_price"], edited["category"]) == (
        2,
        "热烫",
        "398.50",
        "美发",
    )
    code, out = run(db_url, "service", "edit", "1", "--minutes", "50")
    assert code == 0 and "Service #1 saved" in out

    code, out = run(db_url, "service", "retire", "热烫")
    assert code == 0 and "retired" in out
    assert _services(db_url) == [
        ("洗剪吹", Decimal("68.00"), True, "美发"),
        ("热烫", Decimal("398.50"), False, "美发"),
    ]
    active = [s["name"] for s in json.loads(run(db_url, "services", "--json")[1])]
    everything = json.loads(run(db_url, "service", "--all", "--json")[1])
    assert active == ["洗剪吹"]
    assert [(s["name"], s["active"]) for s in everything] == [("洗剪吹", True), ("热烫", False)]
    code, out = run(db_url, "services")
    assert "洗剪吹" in out and "热烫" not in out


def test_service_refusals_change_nothing(db_url):
    assert run(db_url, "service", "add", "洗剪吹", "--price", "68")[0] == 0
    code, out = run(db_url, "service", "add", "洗剪吹", "--price", "70")
    assert code == 1 and out.strip() == "There is already a service or category called “洗剪吹”."
    code, out = run(db_url, "service", "add", "洗剪吹", "--price", "70", lang="zh")
    assert code == 1 and "已存在名为“洗剪吹”的服务项目" in out
    for price in ("abc", "NaN", "-1", "1.234", "1e20", "Infinity"):
        code, out = run(db_url, "service", "add", "烫发", "--price", price)
        assert code == 1 and price in out and out.count("\n") == 1, (price, out)
    code, out = run(db_url, "service", "add", "烫发", "--price", "1", "--care-days", "3,x")
    assert code == 1 and "3,30" in out
    code, out = run(db_url, "service", "edit", "洗剪吹", "--price", "1e20")
    assert code == 1
    code, out = run(db_url, "service", "edit", "洗剪吹")
    assert code == 1 and "Nothing to change" in out
    code, out = run(db_url, "service", "retire", "烫发", lang="zh")
    assert code == 1 and "没有名为“烫发”的服务项目" in out
    assert _services(db_url) == [("洗剪吹", Decimal("68.00"), True, None)]


def test_retired_service_keeps_its_history_and_cannot_be_sold(db_url):
    run(db_url, "service", "add", "洗剪吹", "--price", "68")
    run(db_url, "member", "add", "--name", "张三", "--phone", "13800138000")
    code, out = run(
        db_url, "visit", "add", "--member", "13800138000", "--service", "洗剪吹", "--pay", "cash"
    )
    assert code == 0, out
    assert run(db_url, "service", "retire", "洗剪吹")[0] == 0
    code, out = run(db_url, "visits", "--member", "13800138000", "--json")
    assert code == 0 and "洗剪吹" in out  # the old visit still names it
    code, out = run(
        db_url, "visit", "add", "--member", "13800138000", "--service", "洗剪吹", "--pay", "cash"
    )
    assert code == 1


def test_staff_add_retire_and_list(db_url):
    code, out = run(db_url, "staff", "add", "老板", "--role", "owner", "--json")
    assert code == 0
    assert json.loads(out) == {
        "id": 1,
        "name": "老板",
        "role": "owner",
        "title": "",
        "active": True,
    }
    code, out = run(db_url, "staff", "add", "Tony")
    assert code == 0 and "Staff #2 added: Tony (staff)" in out
    code, out = run(db_url, "staff", "add", "tony", lang="zh")
    assert code == 1 and "已有名为“tony”的员工" in out
    code, out = run(db_url, "staff", "add", "小李", "--role", "boss")
    assert code == 2 and "boss" in out  # click refuses the choice
    code, out = run(db_url, "staff")
    assert "老板" in out and "Tony" in out
    assert run(db_url, "staff", "retire", "Tony")[0] == 0
    code, out = run(db_url, "staff", "retire", "老板")  # the last owner stays
    assert code == 1 and "last active owner" in out
    assert _staff(db_url) == [("老板", "owner", True), ("Tony", "staff", False)]
    listed = json.loads(run(db_url, "staff", "--json")[1])
    assert [s["name"] for s in listed] == ["老板"]
    everyone = json.loads(run(db_url, "staff", "--all", "--json")[1])
    assert [(s["name"], s["active"]) for s in everyone] == [("老板", True), ("Tony", False)]
    code, out = run(db_url, "staff", "retire", "Nobody", lang="zh")
    assert code == 1 and "没有名为“Nobody”的员工" in out


def test_staff_and_service_changes_are_audited(db_url):
    run(db_url, "service", "add", "洗剪吹", "--price", "68")
    run(db_url, "staff", "add", "Tony")
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        actions = s.execute(select(AuditEntry.entity, AuditEntry.action)).all()
        assert ("service", "create") in actions and ("staff", "create") in actions
        assert s.scalar(select(func.count()).select_from(Service)) == 1
        assert catalog.service_by_name(s, "洗剪吹").list_price == Decimal("68.00")
    engine.dispose()
