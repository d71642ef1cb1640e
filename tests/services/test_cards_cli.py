"""Count cards from the terminal, opening balances, and the 0009 migration on a 0008 shop."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

from click.testing import CliRunner
from rel_helpers import revision_before
from sqlalchemy import func, select, text

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import make_engine, open_database, session_scope
from shopcrm.migrate import SCHEMA_HEAD, current_revision, upgrade_to
from shopcrm.models import CardEntry, MoneyMovement, VisitLine, WalletEntry

D = Decimal


def run(db_url: str, *args: str, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", lang, *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _shop(db_url: str) -> None:
    for args in (
        ("service", "add", "洗剪吹", "--price", "68"),
        ("service", "add", "护理", "--price", "150"),
        ("member", "add", "--name", "张三", "--phone", "13800138000"),
        ("staff", "add", "Tony"),
        ("card-type", "add", "洗剪吹10次", "--price", "800", "--uses", "洗剪吹:10",
         "--bonus-uses", "洗剪吹:2", "--valid-until", "2026-06-30"),
    ):  # fmt: skip
        code, out = run(db_url, *args)
        assert code == 0, out


def test_sell_use_list_and_refuse_from_the_terminal(db_url, monkeypatch):
    monkeypatch.setenv("SHOPCRM_NOW", "2026-06-01 10:00")
    with clock.frozen("2026-06-01 10:00"):
        _shop(db_url)
        code, out = run(db_url, "card", "sell", "--member", "13800138000", "洗剪吹10次",
                        "--pay", "wechat", "--staff", "Tony", "--json")  # fmt: skip
        assert code == 0, out
        card = json.loads(out)
        assert card["services"][0]["paid_left"] == 10 and card["services"][0]["gifted_left"] == 2
        code, out = run(db_url, "visit", "add", "--member", "13800138000", "--service", "洗剪吹",
                        "--use-card")  # fmt: skip
        assert code == 0 and "¥80.00" in out, out
        code, out = run(db_url, "cards", "--member", "13800138000", "--json")
        listed = json.loads(out)[0]
        assert listed["services"][0]["paid_left"] == 9 and listed["value_left"] == "720.00"
        code, out = run(db_url, "visit", "add", "--member", "13800138000", "--service", "护理",
                        "--use-card", str(card["id"]), lang="zh")  # fmt: skip
        assert code == 1 and "不含“护理”" in out
        code, out = run(db_url, "card-types", "--json")
        assert json.loads(out)[0]["uses"][0] == {
            "service_id": 1,
            "service": "洗剪吹",
            "paid": 10,
            "gifted": 2,
        }
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        sale = s.scalars(select(MoneyMovement).where(MoneyMovement.kind == "sale")).one()
        assert (sale.amount, sale.method, sale.staff_id) == (D("800.00"), "wechat", 1)
        line = s.scalars(select(VisitLine)).one()
        assert line.amount == D("80.00")
    engine.dispose()
    monkeypatch.setenv("SHOPCRM_NOW", "2026-07-01 09:00")
    with clock.frozen("2026-07-01 09:00"):
        code, out = run(db_url, "visit", "add", "--member", "13800138000", "--service", "洗剪吹",
                        "--use-card")  # fmt: skip
        assert code == 1 and "has no card" in out
        code, out = run(db_url, "report", "--month", "2026-06", "--json")
        figures = json.loads(out)["cards"]
    assert figures["breakage"] == "720.00" and figures["closing"] == "0.00"


def test_refund_shows_the_formula_first(db_url, monkeypatch):
    monkeypatch.setenv("SHOPCRM_NOW", "2026-06-01 10:00")
    with clock.frozen("2026-06-01 10:00"):
        _shop(db_url)
        run(db_url, "card", "sell", "--member", "13800138000", "洗剪吹10次")
        run(
            db_url, "visit", "add", "--member", "13800138000", "--service", "洗剪吹:2", "--use-card"
        )  # a line with its own amount is paid as usual
        run(db_url, "visit", "add", "--member", "13800138000", "--service", "洗剪吹", "--use-card")
        result = CliRunner().invoke(
            main,
            ["--db", db_url, "--lang", "en", "card", "refund", "1", "--reason", "搬家"],
            input="n\n",
        )
        assert "¥800.00 paid − ¥80.00 recognised for 1 paid uses = ¥720.00" in result.output
        code, out = run(db_url, "card", "refund", "1", "--reason", "搬家", "--yes")
        assert code == 0 and "¥720.00" in out, out
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        refund = s.scalars(select(MoneyMovement).where(MoneyMovement.kind == "refund")).one()
        assert refund.amount == D("-720.00")
    engine.dispose()


def _balances_file(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["手机号", "储值本金", "储值赠送", "积分", "次卡类型", "剩余次数", "到期日"]
        )
        writer.writerows(rows)


def test_opening_balances_land_on_the_ledgers_but_not_in_money_received(db_url, tmp_path,
                                                                       monkeypatch):  # fmt: skip
    monkeypatch.setenv("SHOPCRM_NOW", "2026-06-01 10:00")
    with clock.frozen("2026-06-01 10:00"):
        _shop(db_url)
        file = tmp_path / "balances.csv"
        _balances_file(file, [
            ["13800138000", "500", "50", "1200", "洗剪吹10次", "7", "2026-12-31"],
            ["13900000000", "100", "", "", "", "", ""],
            ["13800138000", "", "", "", "洗剪吹10次", "abc", ""],
        ])  # fmt: skip
        code, out = run(db_url, "import-balances", str(file), "--dry-run", "--json")
        dry = json.loads(out)
        assert (dry["created"], dry["errors"]) == (1, 2)
        code, out = run(db_url, "import-balances", str(file), "--json")
        assert json.loads(out)["created"] == 1
        code, out = run(db_url, "import-balances", str(file), "--json")
        again = json.loads(out)
        assert (again["created"], again["unchanged"]) == (0, 1)
        code, out = run(db_url, "cards", "--member", "13800138000", "--json")
        card = json.loads(out)[0]
        # 7 uses × ¥80 (the type's value per use), last day as given
        assert card["services"][0]["paid_left"] == 7 and card["value_left"] == "560.00"
        assert card["expires_on"] == "2026-12-31" and card["opening"] is True
        code, out = run(db_url, "balance", "--member", "13800138000", "--json")
        bal = json.loads(out)
        assert (bal["principal"], bal["bonus"], bal["points"]) == ("500.00", "50.00", 1200)
        code, out = run(db_url, "report", "--month", "2026-06", "--json")
        report = json.loads(out)
    assert report["money_in"]["total"] == "0.00"
    assert report["cards"]["opening_imported"] == "560.00" and report["cards"]["sold"] == "0.00"
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(MoneyMovement)) == 0
        kinds = set(s.scalars(select(CardEntry.kind))) | set(
            s.scalars(select(WalletEntry.entry_type))
        )
        assert kinds == {"opening"}
    engine.dispose()


def test_balances_template_imports_as_it_is(db_url, tmp_path):
    _shop(db_url)
    path = tmp_path / "t.xlsx"
    code, out = run(db_url, "template", "balances", "-o", str(path), lang="zh")
    assert code == 0, out
    code, out = run(db_url, "import-balances", str(path), "--json")
    assert json.loads(out)["created"] == 1, out


def test_0009_upgrades_a_0008_shop_and_keeps_its_rows(tmp_path):
    engine = make_engine(str(tmp_path / "old.db"))
    upgrade_to(engine, revision_before("0009"))
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO services (id, name, name_pinyin, list_price, duration_min, active,"
            " care_offsets, description, created_at, no_level_discount) VALUES"
            " (1, '洗剪吹', 'xjc', 6800, 45, 1, '[]', '', '2026-01-01 10:00:00', 0)"
        ))  # fmt: skip
    engine.dispose()
    upgraded = open_database(str(tmp_path / "old.db"))
    assert current_revision(upgraded) == SCHEMA_HEAD
    with upgraded.connect() as conn:
        assert conn.execute(text("SELECT name FROM services")).scalar() == "洗剪吹"
        method = conn.execute(
            text("SELECT internal FROM payment_methods WHERE code = 'package'")
        ).scalar()
        assert method
        assert conn.execute(text("SELECT count(*) FROM card_entries")).scalar() == 0
    upgraded.dispose()
