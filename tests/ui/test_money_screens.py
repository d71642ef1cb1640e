# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""Issue 15's screens with real widgets: the payment methods page feeding the visit and
top-up dialogs, the member card's principal and bonus, the stored-value refund dialog."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import ACCOUNT_STORED_VALUE, PaymentMethod, WalletEntry
from shopcrm.services import wallet
from shopcrm.services.auth import ROLE_STAFF, SYSTEM, Actor
from shopcrm.services.members import MemberForm, create_member
from shopcrm.ui import formatting as fmt
from shopcrm.ui.counter.visit_dialog import VisitDialog

from .settings_helpers import open_page
from .shop_fixtures import shop, window  # noqa: F401 - fixtures


def _method_row(page, code: str) -> int:
    return next(n for n, m in enumerate(page.methods) if m.code == code)


def _select(page, code: str) -> None:
    page.table.selectRow(_method_row(page, code))


def _dialog_methods(ctx, qtbot, member_id) -> list[str]:
    dialog = VisitDialog(ctx, member_id)
    qtbot.addWidget(dialog)
    return list(dialog.pay_edits)


def test_add_rename_retire_and_order_a_method_reach_the_visit_dialog(
    window, ctx, qtbot, engine, shop
):
    settings = window.screen("settings")
    window.show_screen(window.screens.index(settings))
    page = settings.show_page("payment-methods")
    page.table.setFocus()
    codes = [m.code for m in page.methods]
    assert {"cash", "card", "wechat", "alipay", "stored_value", "points"} <= set(codes)
    assert page.table.rowCount() == len(codes)

    # add: typed in the form, Enter saves
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.current is None and window.focusWidget() is page.zh_edit
    page.zh_edit.setText("美团")  # QTest types ASCII only
    qtbot.keyClicks(page.en_edit, "Meituan")
    qtbot.keyClick(page.en_edit, Qt.Key.Key_Return)
    with session_scope(engine) as s:
        row = s.scalars(select(PaymentMethod).where(PaymentMethod.name_zh == "美团")).one()
        code = row.code
        assert (row.name_en, row.active, row.internal) == ("Meituan", True, False)
    assert page.current is not None and page.current.code == code
    fields = _dialog_methods(ctx, qtbot, shop)
    assert code in fields
    # money methods first in the shop's order, the wallet's tenders last
    assert fields[-2:] == ["stored_value", "points"]
    assert fields.index("wechat") != fields.index("alipay")

    # rename both names
    _select(page, code)
    page.zh_edit.setText("美团收款")
    page.en_edit.setText("Meituan Pay")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with session_scope(engine) as s:
        row = s.get(PaymentMethod, code)
        assert (row.name_zh, row.name_en) == ("美团收款", "Meituan Pay")
    dialog = VisitDialog(ctx, shop)
    qtbot.addWidget(dialog)
    assert dialog.pay_labels[code].text().startswith("Meituan Pay (&")

    # order: Ctrl+Up moves it one place up among the money methods
    _select(page, code)
    before = [m.code for m in page.methods if not m.internal]
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    after = [m.code for m in page.methods if not m.internal]
    assert after.index(code) == before.index(code) - 1
    fields = _dialog_methods(ctx, qtbot, shop)
    money = [f for f in fields if f not in ("stored_value", "points")]
    assert money.index(code) == after.index(code) - sum(
        1 for m in page.methods[: _method_row(page, code)] if not m.active and not m.internal
    )

    # retire: gone from the visit and top-up dialogs, kept (retired) on the page
    _select(page, code)
    assert page.retire_button.text() == "Retire"
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    with session_scope(engine) as s:
        assert s.get(PaymentMethod, code).active is False
    assert page.table.item(_method_row(page, code), 3).text() == "retired"
    assert code not in _dialog_methods(ctx, qtbot, shop)
    assert code not in _dialog_methods(ctx, qtbot, None)  # walk-ins too
    _select(page, code)
    assert page.retire_button.text() == "Restore"
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    assert code in _dialog_methods(ctx, qtbot, shop)

    # stored value and points cannot be retired or moved
    _select(page, "stored_value")
    assert not page.retire_button.isEnabled() and not page.up_button.isEnabled()


def test_staff_cannot_change_methods(ctx, qtbot, engine):
    ctx.set_actor(Actor(None, "小王", ROLE_STAFF))
    _screen, page = open_page(ctx, qtbot, "payment-methods")
    assert not page.save_button.isEnabled() and not page.zh_edit.isEnabled()
    assert page.owner_banner.isVisibleTo(page)


def test_visit_dialog_pays_by_wechat_and_alipay_apart(window, qtbot, engine, shop):
    counter = window.screen("counter")
    counter.open_member(shop)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    dialog = counter.dialog
    assert "mobile" in dialog.pay_edits  # the old rows' method stays until retired
    qtbot.keyClicks(dialog.service_search, "xjc")
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    total = dialog.lines.total()
    dialog._auto = False
    dialog.pay_edits[dialog.auto_method].clear()
    dialog.pay_edits["wechat"].set_value(Decimal("10.00"))
    dialog.pay_edits["alipay"].set_value(total - Decimal("10.00"))
    dialog._update_totals()
    qtbot.keyClick(dialog.pay_edits["alipay"], Qt.Key.Key_Return)
    assert dialog.visit_id is not None
    from shopcrm.models import VisitPayment

    with session_scope(engine) as s:
        paid = dict(
            s.execute(
                select(VisitPayment.method, VisitPayment.amount).where(
                    VisitPayment.visit_id == dialog.visit_id
                )
            ).all()
        )
    assert paid == {"wechat": Decimal("10.00"), "alipay": total - Decimal("10.00")}


def test_topup_dialog_offers_the_active_money_methods(window, qtbot, engine, shop):
    with session_scope(engine, write=True) as s:
        from shopcrm.services.money.methods import set_method_active

        set_method_active(s, "other", False, actor=SYSTEM)
    counter = window.screen("counter")
    counter.open_member(shop)
    qtbot.keyClick(counter.topup_button, Qt.Key.Key_F3)
    dialog = counter.dialog
    codes = [dialog.method.itemData(i) for i in range(dialog.method.count())]
    assert "wechat" in codes and "alipay" in codes
    assert "other" not in codes and "stored_value" not in codes and "points" not in codes
    assert dialog.method.itemText(codes.index("wechat")) == "WeChat Pay"
    qtbot.keyClicks(dialog.amount, "500")
    qtbot.keyClicks(dialog.bonus, "100")
    dialog.method.setCurrentIndex(codes.index("wechat"))
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    with session_scope(engine) as s:
        entry = s.scalars(
            select(WalletEntry)
            .where(WalletEntry.member_id == shop, WalletEntry.entry_type == "topup")
            .order_by(WalletEntry.id.desc())
        ).first()
        assert entry.payment_method == "wechat" and entry.amount == Decimal("500.00")


def _raw_parts(engine, member_id) -> tuple[Decimal, Decimal]:
    """Principal and bonus summed here from the stored-value rows."""
    with session_scope(engine) as s:
        rows = s.scalars(
            select(WalletEntry).where(
                WalletEntry.member_id == member_id, WalletEntry.account == ACCOUNT_STORED_VALUE
            )
        ).all()
        principal = sum((r.principal for r in rows), Decimal("0.00"))
        bonus = sum((r.bonus for r in rows), Decimal("0.00"))
    return principal, bonus


def test_member_card_shows_principal_and_bonus_from_the_rows(window, qtbot, engine, languages):
    with session_scope(engine, write=True) as s:
        member = create_member(s, MemberForm(name="李本金", phone="13900015566"), actor=SYSTEM)
        wallet.topup(s, member, Decimal("500"), bonus=Decimal("100"), method="wechat", actor=SYSTEM)
        wallet.spend(s, member, Decimal("50"), actor=SYSTEM)  # draws both in proportion
    principal, bonus = _raw_parts(engine, member)
    assert bonus > 0 and principal > 0 and principal + bonus == Decimal("550.00")
    counter = window.screen("counter")
    counter.open_member(member)
    card = counter.card
    assert card.balance_value.text() == fmt.money(principal + bonus)
    assert card.balance_parts.text() == (
        f"(principal {fmt.money(principal)} + bonus {fmt.money(bonus)})"
    )
    languages.apply("zh")
    assert card.balance_parts.text() == f"（本金 {fmt.money(principal)} + 赠送 {fmt.money(bonus)}）"


def test_refund_dialog_shows_the_formula_and_needs_a_reason(window, qtbot, engine):
    with session_scope(engine, write=True) as s:
        member = create_member(s, MemberForm(name="退款测试", phone="13900017711"), actor=SYSTEM)
        wallet.topup(s, member, Decimal("400"), bonus=Decimal("100"), method="cash", actor=SYSTEM)
    principal, bonus = _raw_parts(engine, member)
    counter = window.screen("counter")
    counter.open_member(member)
    assert counter.refund_button.isVisible() and counter.refund_action.isEnabled()
    counter.refund_action.trigger()
    dialog = counter.dialog
    assert dialog is not None and dialog.objectName() == "refundDialog"
    formula = dialog.formula.text()
    assert fmt.money(principal) in formula and fmt.money(bonus) in formula
    assert "principal only" in formula
    assert dialog.amount.value() == principal  # all the principal, never the bonus
    dialog.amount.setText("150")
    assert fmt.money(principal - Decimal("150")) in dialog.after.text()

    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)  # no reason: refused, nothing written
    assert dialog.isVisible() and dialog.error_label.text() == "A refund needs a reason."
    assert dialog.focusWidget() is dialog.reason
    assert _raw_parts(engine, member) == (principal, bonus)

    dialog.amount.setText(str(principal + 1))  # more than the principal: refused too
    qtbot.keyClicks(dialog.reason, "moving away")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and fmt.money(principal) in dialog.error_label.text()

    dialog.amount.setText("150")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert counter.dialog is None
    assert _raw_parts(engine, member) == (principal - Decimal("150"), bonus)
    with session_scope(engine) as s:
        entry = s.scalars(
            select(WalletEntry).where(
                WalletEntry.member_id == member, WalletEntry.entry_type == "refund"
            )
        ).one()
        assert entry.reason == "moving away" and entry.amount == Decimal("-150.00")


def test_staff_sees_no_refund(window, qtbot, engine, shop):
    window.ctx.set_actor(Actor(None, "小王", ROLE_STAFF))
    counter = window.screen("counter")
    counter.open_member(shop)
    assert not counter.refund_button.isVisible() and not counter.refund_action.isEnabled()
    counter.refund()
    assert counter.dialog is None
