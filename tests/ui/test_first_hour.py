"""The first hour of a real restaurant, as an owner would do it: name and type, the starter
catalogue accepted (a price typed, Enter moves down), a staff member added from the
checklist, a member added from the counter, a quick bill of ¥356 for 4 saved with three
keys after the card opens, and the checklist ticking those steps off."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import Visit
from shopcrm.services import wallet
from shopcrm.services.catalog import list_services
from shopcrm.services.shop_setup import first_steps
from shopcrm.services.visits import member_visits
from shopcrm.ui.app import AppController
from shopcrm.ui.first_run import CHOICE_NEW, FirstRunDialog
from shopcrm.ui.widgets.starter_table import PRICE_COLUMN


def price_editor(table: QTableWidget) -> QLineEdit:
    """The open price editor (offscreen windows get no focus, so find it as a child)."""
    editors = [e for e in table.viewport().findChildren(QLineEdit) if not e.isHidden()]
    assert len(editors) == 1
    return editors[0]


def activate(qtbot, window) -> None:  # noqa: ANN001
    """Make the window the active one (the counter's keys are window shortcuts)."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_first_hour_of_a_restaurant(ctx, engine, languages, qtbot) -> None:
    # 1. first run: name, type, the starter catalogue with one price typed over
    dialog = FirstRunDialog(languages)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Lucky Noodles")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("restaurant"))
    table = dialog.starter_table
    assert dialog.starter_check.isChecked() and table.rowCount() >= 5
    assert table.item(0, 0).text().startswith("Set meal for two")
    table.setFocus()
    table.setCurrentCell(0, PRICE_COLUMN)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # edit the first price
    editor = price_editor(table)
    editor.selectAll()
    qtbot.keyClicks(editor, "188")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # saved; the next price is being edited
    qtbot.waitUntil(lambda: table.item(0, PRICE_COLUMN).text() == "188")
    assert table.currentRow() == 1 and table.state() == table.State.EditingState
    qtbot.keyClick(price_editor(table), Qt.Key.Key_Escape)
    table.item(table.rowCount() - 1, 0).setCheckState(Qt.CheckState.Unchecked)  # no cake
    dialog.start_button.click()
    assert dialog.choice == CHOICE_NEW
    controller = AppController(languages)
    controller.finish_new_shop(ctx, *dialog.values(), starter=dialog.starter_choice())
    window = controller.window
    qtbot.addWidget(window)
    activate(qtbot, window)
    with session_scope(engine) as s:
        prices = {v.name: v.list_price for v in list_services(s)}
    assert prices["Set meal for two"] == Decimal("188.00")
    assert prices["Set meal for four"] == Decimal("328.00")  # the suggestion
    assert "Birthday cake" not in prices

    # 2. the checklist on the idle counter: shop and services done, the rest to do
    counter = window.screen("counter")
    counter.refresh()
    box = counter.idle.first_steps
    assert not box.isHidden()
    assert box.buttons["shop"].text().startswith("✓") and box.buttons["services"].text().startswith(
        "✓"
    )
    assert box.buttons["staff"].text().startswith("○")

    # 3. a staff member, from the checklist's step (it opens Settings → Staff)
    box.buttons["staff"].click()
    settings = window.current_screen()
    assert settings.screen_id == "settings"
    page = settings.current_page()
    assert page.page_id == "staff"
    page.new_staff()
    page.name_edit.setText("Xiao Li")
    page.save_button.click()
    activate(qtbot, window)
    window.show_screen(window.screens.index(counter))
    counter.focus_search()

    # 4. a member from the counter: type the phone, Ctrl+N, a name, Enter
    qtbot.keyClicks(counter.search, "13900001111")
    counter.search.flush()
    qtbot.keyClick(counter.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    member_dialog = counter.dialog
    member_dialog.name.setText("Zhang San")
    qtbot.keyClick(member_dialog.name, Qt.Key.Key_Return)
    assert counter.stack.currentWidget() is counter.card
    member_id = counter.member_id
    assert member_id is not None

    # 5. the quick bill: F2, the amount, Tab, the party size, Enter
    assert counter.quick_bill and counter.visit_button.text().startswith("Quick bill")
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    bill = counter.dialog
    assert bill.objectName() == "quickBillDialog"
    qtbot.waitUntil(bill.amount_edit.hasFocus)  # the amount is where the typing goes
    qtbot.keyClicks(bill.amount_edit, "356")
    qtbot.keyClick(bill.amount_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(bill.party_spin.hasFocus)
    qtbot.keyClicks(bill.party_spin, "4")
    qtbot.keyClick(bill.party_spin, Qt.Key.Key_Return)
    assert not bill.isVisible()
    with session_scope(engine) as s:
        visits = member_visits(s, member_id)
        visit = s.scalars(select(Visit)).one()
        points = wallet.balances(s, member_id).points
        steps = first_steps(s)
    assert [v.total_amount for v in visits] == [Decimal("356.00")]
    assert visits[0].payments == (("cash", Decimal("356.00")),)
    assert visit.party_size == 4
    assert points == 356

    # 6. the checklist shows those steps done; the rest still to do
    assert [s.key for s in steps.steps if s.done] == [
        "shop",
        "services",
        "staff",
        "members",
        "first_visit",
    ]
    counter.show_idle()
    counter.refresh()
    for key in ("shop", "services", "staff", "members", "first_visit"):
        assert box.buttons[key].text().startswith("✓"), key
    assert box.buttons["backup"].text().startswith("○")
    assert not box.isHidden()
    box.hide_button.click()  # dismissed: gone, and stays gone
    counter.refresh()
    assert box.isHidden()
