# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""Count cards on screen: the Settings page adds a type, F6 sells one at the counter, the
member card lists the cards left (with the 30-day warning), the visit dialog pays a line
with the member's card."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.models import CardEntry, MoneyMovement, VisitLine, VisitPayment
from shopcrm.services import cards
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import service_by_name

from .settings_helpers import open_page
from .shop_fixtures import shop, window  # noqa: F401 - fixtures
from .test_counter import counter_of, find_and_open


def test_settings_page_adds_a_card_type_from_typed_uses(ctx, qtbot, engine, small_demo):
    _, page = open_page(ctx, qtbot, "cards")
    before = page.table.rowCount()
    page.name_edit.setText("洗剪吹12次卡")
    page.price_edit.setText("600")
    page.uses_edit.setText("洗剪吹:10")
    page.bonus_edit.setText("洗剪吹：1")
    page.validity_combo.setCurrentIndex(0)
    page.days_spin.setValue(180)
    qtbot.keyClick(page.bonus_edit, Qt.Key.Key_Return)
    assert not page.error.isVisible(), page.error.text()
    with session_scope(engine) as s:
        view = cards.get_card_type(s, "洗剪吹12次卡")
    assert (view.price, view.valid_days) == (Decimal("600.00"), 180)
    assert [(i.service, i.paid, i.bonus) for i in view.items] == [("洗剪吹", 10, 1)]
    assert page.table.rowCount() == before + 1
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == view.name)
    assert page.table.item(row, 4).text() == "洗剪吹 ¥60.00"  # ¥600 / 10 paid uses
    page.name_edit.setText("坏卡")
    page.uses_edit.setText("不存在的项目:3")
    page.add_button.click()
    assert page.error.isVisible() and "不存在的项目" in page.error.text()


def _card_type(engine, name="洗剪吹5次", days=365, price="300"):
    with session_scope(engine, write=True) as s:
        cut = service_by_name(s, "洗剪吹")
        cards.create_card_type(s, name, price, {cut.id: 5}, valid_days=days, actor=SYSTEM)
        return cut


def test_sell_at_the_counter_then_a_visit_uses_the_card(window, qtbot, engine, shop):
    cut = _card_type(engine)
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    assert not counter.cards.box.isVisible()  # no cards yet
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F6)
    dialog = counter.dialog
    assert dialog is not None and dialog.objectName() == "sellCardDialog"
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findText("洗剪吹5次", Qt.MatchStartsWith))
    assert "¥60.00" in dialog.details.text()  # ¥300 / 5
    dialog.method.setCurrentIndex(dialog.method.findData("wechat"))
    qtbot.keyClick(dialog.type_combo, Qt.Key.Key_Return)
    with session_scope(engine) as s:
        sale = s.scalars(
            select(MoneyMovement).where(
                MoneyMovement.kind == "sale", MoneyMovement.member_id == shop
            )
        ).one()
        assert (sale.amount, sale.method) == (Decimal("300.00"), "wechat")
    assert counter.cards.box.isVisible()
    assert "洗剪吹 5" in counter.cards.box.body.text()

    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    visit = counter.dialog
    qtbot.keyClicks(visit.service_search, "xjc")
    visit.service_search.flush()
    qtbot.keyClick(visit.service_search, Qt.Key.Key_Return)
    (line,) = visit.lines.lines
    assert line.card.currentData() is not None  # the member's card is offered first
    assert visit.lines.total() == Decimal("0.00")  # nothing to pay at the till
    assert "¥60.00" in line.amount.text()
    qtbot.keyClick(visit.service_search, Qt.Key.Key_Return)  # Enter on nothing: save
    with session_scope(engine) as s:
        assert visit.visit_id is not None
        row = s.scalars(select(VisitLine).where(VisitLine.visit_id == visit.visit_id)).one()
        assert row.service_id == cut.id
        use = s.scalars(select(CardEntry).where(CardEntry.visit_line_id == row.id)).one()
        pays = s.scalars(select(VisitPayment).where(VisitPayment.visit_id == row.visit_id)).all()
    assert row.amount == Decimal("60.00") and use.paid_uses == -1
    assert [(p.method, p.amount) for p in pays] == [("package", Decimal("60.00"))]
    assert "洗剪吹 4" in counter.cards.box.body.text()


def test_member_card_warns_30_days_before_a_card_ends(window, qtbot, engine, shop):
    with session_scope(engine, write=True) as s:
        cut = service_by_name(s, "洗剪吹")
        last = clock.today() + timedelta(days=20)
        cards.create_card_type(s, "短期卡", "100", {cut.id: 2}, valid_until=last, actor=SYSTEM)
        cards.sell_card(s, shop, "短期卡", method="cash", actor=SYSTEM)
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    text = counter.cards.box.body.text()
    assert "短期卡" in text and "⚠" in text and "20" in text


def test_a_line_switched_to_pay_is_paid_as_usual(window, qtbot, engine, shop):
    _card_type(engine)
    with session_scope(engine, write=True) as s:
        cards.sell_card(s, shop, "洗剪吹5次", method="cash", actor=SYSTEM)
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    visit = counter.dialog
    qtbot.keyClicks(visit.service_search, "xjc")
    visit.service_search.flush()
    qtbot.keyClick(visit.service_search, Qt.Key.Key_Return)
    (line,) = visit.lines.lines
    line.card.setCurrentIndex(0)  # "(pay)"
    assert visit.lines.total() == line.service.list_price
    assert visit.lines.drafts()[0].use_card is False
