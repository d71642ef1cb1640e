"""Levels and offers from the terminal: `shopcrm level ...`, `levels`, `offer ...`, `offers`,
`service edit --floor`, `visit add --override`, `topup` with an offer."""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner
from sqlalchemy import select

from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.models import LevelDiscount, MemberLevel, VisitLine


def run(db_url: str, *args: str, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db_url, "--lang", lang, *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _shop(db_url: str) -> None:
    assert run(db_url, "service", "add", "洗剪吹", "--price", "68", "--category", "剪发")[0] == 0
    assert run(db_url, "service", "add", "烫发", "--price", "380", "--category", "染烫")[0] == 0


def test_level_add_pairs_each_category_with_the_discount_after_it(db_url):
    _shop(db_url)
    code, out = run(
        db_url, "level", "add", "金卡", "--discount", "0.95", "--category", "剪发",
        "--discount", "0.88", "--category-discount", "染烫:9折", "--upgrade-spend", "2000",
        "--window-days", "365", "--points-rate", "1.5",
    )  # fmt: skip
    assert code == 0, out
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        level = s.scalars(select(MemberLevel)).one()
        cats = {d.category_id: d.discount for d in s.scalars(select(LevelDiscount))}
        assert (level.discount, level.upgrade_kind, level.upgrade_amount, level.window_days) == (
            Decimal("0.95"),
            "spend",
            Decimal("2000.00"),
            365,
        )
        assert sorted(cats.values()) == [Decimal("0.88"), Decimal("0.9")]
    engine.dispose()
    code, out = run(db_url, "levels", "--json")
    (row,) = json.loads(out)
    assert row["category_discounts"] == {"剪发": "0.8800", "染烫": "0.9000"}
    code, out = run(db_url, "levels", lang="zh")
    assert "8.8折" in out and "累计消费" in out


def test_level_add_refuses_a_category_without_its_discount(db_url):
    _shop(db_url)
    code, out = run(db_url, "level", "add", "金卡", "--discount", "0.9", "--category", "剪发")
    assert code == 1 and "--category" in out
    code, out = run(db_url, "level", "add", "金卡", "--discount", "1.5")
    assert code == 1 and "not a rate" in out
    assert json.loads(run(db_url, "levels", "--json")[1]) == []


def test_priced_visit_override_and_offer_from_the_terminal(db_url):
    _shop(db_url)
    run(db_url, "level", "add", "金卡", "--discount", "1", "--category-discount", "剪发:0.88")
    assert run(db_url, "offer", "add", "--topup", "500", "--bonus", "50")[0] == 0
    assert run(db_url, "offer", "add", "--topup", "1000", "--bonus", "150")[0] == 0
    assert json.loads(run(db_url, "offers", "--json")[1])[1]["bonus"] == "150.00"
    run(db_url, "member", "add", "--name", "王五", "--phone", "13800138001", "--level", "金卡")
    code, out = run(db_url, "visit", "add", "--member", "13800138001", "--service", "洗剪吹")
    assert code == 0 and "¥59.84" in out
    code, out = run(
        db_url, "visit", "add", "--member", "13800138001", "--service", "洗剪吹",
        "--override", "洗剪吹:50",
    )  # fmt: skip
    assert code == 1 and "reason" in out
    code, out = run(
        db_url, "visit", "add", "--member", "13800138001", "--service", "洗剪吹",
        "--override", "洗剪吹:50", "--reason", "老顾客",
    )  # fmt: skip
    assert code == 0 and "¥50.00" in out
    code, out = run(db_url, "topup", "--member", "13800138001", "1000")
    assert code == 0 and "bonus ¥150.00" in out
    code, out = run(db_url, "service", "edit", "洗剪吹", "--floor", "0.9")
    assert code == 0
    code, out = run(db_url, "visit", "add", "--member", "13800138001", "--service", "洗剪吹")
    assert "¥61.20" in out  # 68 × 0.9: the floor wins
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        reasons = s.scalars(select(VisitLine.override_reason)).all()
    engine.dispose()
    assert reasons == ["", "老顾客", ""]
    code, out = run(db_url, "level", "history", "13800138001")
    assert "金卡" in out
