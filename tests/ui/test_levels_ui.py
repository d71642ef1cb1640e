"""The Member levels settings page, the visit dialog's level prices, the level history."""

from __future__ import annotations

from decimal import Decimal

from shopcrm.db import session_scope
from shopcrm.services import catalog, levels
from shopcrm.services.auth import SYSTEM

from .settings_helpers import open_page


def test_levels_page_adds_a_level_with_a_category_discount_and_an_offer(ctx, qtbot, engine):
    with session_scope(engine, write=True) as s:
        catalog.create_category(s, "剪发", actor=SYSTEM)
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


def _gold_member(engine) -> tuple[int, int]:
    from shopcrm.services.members import MemberForm, create_member

    with session_scope(engine, write=True) as s:
        cut = catalog.create_category(s, "剪发", actor=SYSTEM)
        service = catalog.create_service(s, "洗剪吹", Decimal("68"), category_id=cut, actor=SYSTEM)
        levels.create_level(
            s, "金卡", discount="0.95", category_discounts={"剪发": "0.88"}, actor=SYSTEM
        )
        member = create_member(
            s, MemberForm(name="金先生", phone="13800138000", level="金卡"), actor=SYSTEM
        )
    return member, service


def _add_service(qtbot, dialog, typed: str) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClicks(dialog.service_search, typed)
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)


def test_visit_dialog_prices_lines_at_the_level_and_asks_why_for_an_override(
    ctx, qtbot, engine, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from shopcrm.models import VisitLine
    from shopcrm.ui.counter.visit_dialog import VisitDialog

    member, _service = _gold_member(engine)
    dialog = VisitDialog(ctx, member)
    qtbot.addWidget(dialog)
    dialog.show()
    _add_service(qtbot, dialog, "xjc")
    (line,) = dialog.lines.lines
    assert dialog.lines.total() == Decimal("59.84")  # ¥68 × 0.88
    assert "8.8" in dialog.lines.item(0, 0).text()
    line.quantity.setValue(2)
    assert dialog.lines.total() == Decimal("119.68")  # the level price follows the quantity
    line.discount.set_value(Decimal("36"))  # staff give ¥100 for two: an override
    asked: list[str] = []

    def answer(_parent, _title, label, *args, **kwargs):
        asked.append(label)
        return "老顾客生日", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    dialog.pay_edits["cash"].set_value(Decimal("100"))
    dialog.save()
    assert asked and "洗剪吹" in asked[0]
    assert dialog.visit_id is not None
    with session_scope(engine) as s:
        row = s.query(VisitLine).one()
    assert (row.amount, row.override_reason) == (Decimal("100.00"), "老顾客生日")


def test_member_card_opens_the_level_history(ctx, qtbot, engine):
    from shopcrm.services import wallet
    from shopcrm.ui.counter.level_history import LevelHistoryDialog

    member, _ = _gold_member(engine)
    with session_scope(engine, write=True) as s:
        levels.create_level(
            s, "钻石卡", discount="0.8", upgrade_kind="topup", upgrade_amount="500", actor=SYSTEM
        )
        wallet.topup(s, member, Decimal("500"), bonus=0, actor=SYSTEM)
    dialog = LevelHistoryDialog(ctx, member, "金先生")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "钻石卡"
    assert "topped up ¥500.00" in dialog.table.item(0, 3).text()
    assert dialog.table.item(1, 2).text() == "金卡"


def test_top_up_dialog_shows_the_offer_before_saving_and_applies_it(ctx, qtbot, engine):
    from shopcrm.services import wallet
    from shopcrm.services.counter import member_panel
    from shopcrm.ui.counter.topup_dialog import TopupDialog

    member, _ = _gold_member(engine)
    with session_scope(engine, write=True) as s:
        levels.create_offer(s, "500", "50", actor=SYSTEM)
        levels.create_offer(s, "1000", "150", actor=SYSTEM)
        panel = member_panel(s, member)
    dialog = TopupDialog(ctx, panel)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.amount, "1200")
    assert "150.00" in dialog.offer_label.text()
    assert dialog.balance_label.text() == "¥1,350.00"
    dialog.save()
    with session_scope(engine) as s:
        b = wallet.balances(s, member)
    assert (b.principal, b.bonus) == (Decimal("1200.00"), Decimal("150.00"))
