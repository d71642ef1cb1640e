"""Starter catalogues: listed per shop type in the shop's language, applied once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.cli import main
from shopcrm.i18n import ShopError
from shopcrm.models import Service, ServiceCategory
from shopcrm.services import catalog
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.settings import SHOP_KINDS
from shopcrm.services.starter_catalogue import (
    STARTER_KINDS,
    apply_starter_catalogue,
    starter_catalogue,
)
from shopcrm.services.starter_data import CATEGORY_NAMES, STARTER_ITEMS

CLERK = Actor(staff_id=None, name="clerk", role="staff")


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """The CLI's --lang sets the process's language: put it back for the next tests."""
    from shopcrm.i18n import current_language, set_language

    before = current_language()
    yield
    set_language(before)


def test_every_shop_kind_has_a_starter_catalogue_in_both_languages() -> None:
    assert set(STARTER_KINDS) == set(SHOP_KINDS)
    for kind, items in STARTER_ITEMS.items():
        assert len(items) >= 5, kind
        assert len({i.key for i in items}) == len(items)
        for item in items:
            assert item.names["zh"] and item.names["en"], item.key
            assert set(CATEGORY_NAMES[item.category]) == {"zh", "en"}
            assert Decimal(item.price) > 0
    salon_zh = {r.name for r in starter_catalogue("salon", "zh")}
    assert "洗剪吹" in salon_zh
    salon_en = {r.name: r for r in starter_catalogue("salon", "en")}
    assert salon_en["Wash, cut & blow-dry"].care_days == (3, 30)
    assert salon_en["Wash, cut & blow-dry"].minutes == 45


def test_apply_writes_typed_prices_suggestions_and_only_the_ticked(session: Session) -> None:
    result = apply_starter_catalogue(
        session,
        "nail",
        {"gel_colour": "99", "french": None},
        actor=SYSTEM,
        lang="zh",
        only={"gel_colour", "french", "lash_extension"},
    )
    assert len(result.created) == 3 and result.skipped == ()
    rows = {s.name: s for s in catalog.list_services(session)}
    assert set(rows) == {"纯色美甲", "法式美甲", "嫁接睫毛"}
    assert rows["纯色美甲"].list_price == Decimal("99.00")  # typed
    assert rows["法式美甲"].list_price == Decimal("158.00")  # the suggestion
    assert rows["嫁接睫毛"].category == "美睫"
    assert rows["嫁接睫毛"].care_offsets == (3, 21)
    assert rows["嫁接睫毛"].duration_min == 90
    # applying again adds nothing, and keeps the owner's price
    again = apply_starter_catalogue(session, "nail", {"gel_colour": "120"}, actor=SYSTEM, lang="zh")
    assert set(again.skipped) >= {"纯色美甲", "法式美甲", "嫁接睫毛"}
    assert session.scalar(select(func.count()).select_from(Service)) == len(STARTER_ITEMS["nail"])
    assert catalog.service_by_name(session, "纯色美甲").list_price == Decimal("99.00")
    assert session.scalar(select(func.count()).select_from(ServiceCategory)) == 3


def test_a_bad_price_or_a_clerk_writes_nothing(session: Session) -> None:
    with pytest.raises(ShopError), session.begin_nested():
        apply_starter_catalogue(session, "salon", {"perm": "abc"}, actor=SYSTEM, lang="en")
    with pytest.raises(ShopError):
        apply_starter_catalogue(session, "salon", None, actor=CLERK, lang="en")
    with pytest.raises(ShopError):
        apply_starter_catalogue(session, "salon", {"nope": "1"}, actor=SYSTEM, lang="en")
    with pytest.raises(ShopError):
        starter_catalogue("bakery")
    assert session.scalar(select(func.count()).select_from(Service)) == 0


def test_cli_lists_and_applies(db_url: str) -> None:
    db_path = db_url
    runner = CliRunner()
    out = runner.invoke(
        main, ["--db", str(db_path), "--lang", "en", "starter-catalogue", "massage", "--json"]
    )
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert {r["key"] for r in rows} == {i.key for i in STARTER_ITEMS["massage"]}
    out = runner.invoke(
        main,
        [
            "--db",
            str(db_path),
            "--lang",
            "zh",
            "starter-catalogue",
            "massage",
            "--apply",
            "--price",
            "foot_massage=88",
        ],
    )
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, ["--db", str(db_path), "services", "--json"])
    prices = {s["name"]: s["list_price"] for s in json.loads(out.output)}
    assert prices["足疗"] == "88.00" and prices["全身推拿"] == "168.00"
    out = runner.invoke(main, ["--db", str(db_path), "starter-catalogue", "bakery"])
    assert out.exit_code != 0
