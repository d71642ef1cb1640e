"""The Member levels settings page, the visit dialog's level prices, the level history."""

from __future__ import annotations

from decimal import Decimal

from shopcrm.db import session_scope
from shopcrm.services import catalog, levels

from .settings_helpers import open_page


def test_levels_page_adds_a_level_with_a_category_discount_and_an_offer(ctx, qtbot, engine):
    with session_scope(engine, write=True) as s:
        catalog.create_category(s, "剪发")
    _, page = open_page(ctx, qtbot, "levels")
    assert page.cat_table.rowCount() == 1
    page.new_level()
    page.name_edit.setText("金卡")
    page.discount_edit.setText("0.95")
    page.cat_table.item(0, 1).setText("8.8折")
    page.rule_combo.setCurrentIndex(2)  # cumulative spend
    page.rule_amount.setText("2000")
    page.window_spin.setValue(365)
    page.save_button.click()
    with session_scope(engine) as s:
        (view,) = levels.list_levels(s)
    assert view.name == "金卡" and view.discount == Decimal("0.95")
    assert view.category_discounts == (("剪发", Decimal("0.88")),)
    assert (view.upgrade_kind, view.upgrade_amount, view.window_days) == (
        "spend",
        Decimal("2000.00"),
        365,
    )
    assert page.table.rowCount() == 1 and "2,000.00" in page.table.item(0, 4).text()
    page.offer_topup.setText("1000")
    page.offer_bonus.setText("150")
    page.offer_add.click()
    with session_scope(engine) as s:
        (offer,) = levels.list_offers(s)
    assert (offer.topup, offer.bonus) == (Decimal("1000.00"), Decimal("150.00"))
    assert page.offer_table.rowCount() == 1
