"""Settings → Services & prices → Add a starter catalogue: the shop's type preselected,
prices typed in the table, only the ticked rows added, the page refreshed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from shopcrm.db import session_scope
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import create_service, list_services
from shopcrm.services.settings import set_setting

from .settings_helpers import open_page


def test_add_a_starter_catalogue_from_settings(ctx, engine, qtbot) -> None:
    with session_scope(engine, write=True) as s:
        set_setting(s, "shop.kind", "nail")
        create_service(s, "Gel removal", Decimal("25"), actor=SYSTEM)  # already there: left alone
    _, page = open_page(ctx, qtbot, "catalog")
    assert page.starter_button.isEnabled()
    page.starter_button.click()
    dialog = page.starter_dialog
    assert dialog.kind_combo.currentData() == "nail"
    table = dialog.table
    keys = [r.key for r in table.rows]
    table.set_price(keys.index("gel_colour"), "99")
    table.item(keys.index("pedicure"), 0).setCheckState(Qt.CheckState.Unchecked)
    dialog.save_button.click()
    assert not dialog.isVisible() and "6 services added, 1 already there" in dialog.result_message
    with session_scope(engine) as s:
        prices = {v.name: v.list_price for v in list_services(s)}
    assert prices["Gel polish, one colour"] == Decimal("99.00")
    assert prices["Gel removal"] == Decimal("25.00")
    assert "Pedicure" not in prices
    assert page.table.rowCount() == len(prices)
