"""Overview figures and the shop settings service (no Qt)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from shopcrm.i18n import ShopError
from shopcrm.models import VISIT_OK, Member, Visit, WalletEntry
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.services.reports.overview import shop_overview
from shopcrm.services.settings import get_setting
from shopcrm.services.shop_setup import (
    complete_first_run,
    needs_first_run,
    profile_field_labels,
    save_shop_settings,
)


def test_overview_of_an_empty_shop(session):
    o = shop_overview(session, date(2025, 3, 10))
    assert (o.members, o.visits_month, o.visits_today, o.stored_value) == (0, 0, 0, Decimal("0"))


def test_overview_matches_the_tables(engine, session):
    today = date(2025, 6, 15)
    create_demo_shop(engine, DemoOptions(members=60, months=6, today=today, seed=3))
    o = shop_overview(session, today)
    month_visits = session.scalar(
        select(func.count())
        .select_from(Visit)
        .where(
            Visit.status == VISIT_OK,
            Visit.visited_at >= datetime(2025, 6, 1),
            Visit.visited_at < datetime(2025, 6, 16),
        )
    )
    assert o.visits_month == month_visits > 0
    latest = {}
    for e in session.scalars(
        select(WalletEntry).where(WalletEntry.account == "stored_value").order_by(WalletEntry.seq)
    ):
        latest[e.member_id] = e.balance_after
    assert o.stored_value == sum(latest.values(), Decimal("0")) > 0
    assert o.members <= session.scalar(select(func.count()).select_from(Member))


def test_save_shop_settings_checks_and_reports_changes(session):
    changed = save_shop_settings(session, {"shop.name": " 小店 ", "shop.kind": "restaurant"}, actor=SYSTEM)
    assert changed == {"shop.name": "小店", "shop.kind": "restaurant"}
    assert save_shop_settings(session, {"shop.name": "小店"}, actor=SYSTEM) == {}
    with pytest.raises(ShopError) as err:
        save_shop_settings(session, {"shop.name": ""}, actor=SYSTEM)
    assert err.value.message("zh") == "请填写店名。"
    with pytest.raises(ShopError):
        save_shop_settings(session, {"shop.kind": "bakery"}, actor=SYSTEM)
    with pytest.raises(ShopError):
        save_shop_settings(session, {"setup.done": True}, actor=SYSTEM)
    with pytest.raises(ShopError):
        save_shop_settings(session, {"shop.name": "x"}, actor=Actor(3, "小雪", "staff"))


def test_first_run_answers(session):
    assert needs_first_run(session)
    complete_first_run(session, "悦色", "salon", "zh", actor=SYSTEM)
    assert get_setting(session, "setup.done") is True and not needs_first_run(session)
    assert profile_field_labels("salon", "zh")[0] == "发质"
    assert "Favourite dishes" in profile_field_labels("restaurant", "en")
