"""Top up a member's stored value: amount paid, optional bonus, how it was paid."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError
from ...services.counter import MemberPanel, till_methods
from ...services.levels import OfferView, list_offers, offer_for
from ...services.money.methods import MethodView
from ...services.staff import StaffView, list_staff
from ...services.wallet import TopupResult, topup
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.dialog_parts import button_row, error_label
from .widgets import MoneyEdit


class TopupDialog(QDialog):
    def __init__(self, ctx: AppContext, panel: MemberPanel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("topupDialog")
        self.ctx = ctx
        self.panel = panel
        self.saved_message = ""
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.who = QLabel(self)
        self.who.setObjectName("sectionTitle")
        layout.addWidget(self.who)
        form = QFormLayout()
        self.amount = MoneyEdit(self)
        self.bonus = MoneyEdit(self)
        self.method = QComboBox(self)
        self.method.setObjectName("topupMethod")
        self.methods: tuple[MethodView, ...] = ()  # the shop's active money methods
        self.seller = QComboBox(self)  # who sold it: earns the top-up commission
        self.seller.setObjectName("topupSeller")
        self.seller.addItem("", None)
        self.seller_label = QLabel()
        self.balance_label = QLabel(self)
        self.amount_label, self.bonus_label, self.method_label = QLabel(), QLabel(), QLabel()
        self.new_balance_caption = QLabel()
        for label, field in (
            (self.amount_label, self.amount),
            (self.bonus_label, self.bonus),
            (self.method_label, self.method),
            (self.seller_label, self.seller),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.new_balance_caption, self.balance_label)
        self.offer_label = QLabel(self)  # the top-up offer that applies, before saving
        self.offer_label.setObjectName("hint")
        form.addRow("", self.offer_label)
        self.offers: list[OfferView] = []
        layout.addLayout(form)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons, self.save_button = button_row(
            self, self.save, QDialogButtonBox.StandardButton.Save
        )
        layout.addWidget(self.buttons)
        self.amount.textChanged.connect(self._update)
        self.bonus.textChanged.connect(self._update)
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        QueryOp(ctx, self, till_methods, success=self._methods_loaded).run()
        QueryOp(ctx, self, list_offers, success=self._offers_loaded).run()
        QueryOp(ctx, self, list_staff, success=self._staff_loaded).run()
        self.amount.setFocus()

    def _methods_loaded(self, methods: tuple[MethodView, ...]) -> None:
        self.methods = methods
        self.method.clear()
        for method in methods:
            self.method.addItem(method.name(), method.code)
        self.method.setCurrentIndex(max(0, self.method.findData("cash")))

    def _staff_loaded(self, people: list[StaffView]) -> None:
        """Default seller: the logged-in person, else nobody."""
        self.seller.clear()
        self.seller.addItem(self.tr("(none)"), None)
        for person in people:
            self.seller.addItem(person.name, person.id)
        self.seller.setCurrentIndex(max(0, self.seller.findData(self.ctx.actor.staff_id)))

    def _offers_loaded(self, offers: list[OfferView]) -> None:
        self.offers = offers
        self._update()

    def _offer(self) -> OfferView | None:
        """The offer the top-up gets: only when the counter typed no bonus of its own."""
        if self.bonus.text().strip():
            return None
        return offer_for(self.offers, self.amount.value())

    def retranslate_ui(self, *_args: object) -> None:
        self.setWindowTitle(self.tr("Top up"))
        self.who.setText(
            self.tr("Top up — %1 (balance %2)")
            .replace("%1", self.panel.card.name)
            .replace("%2", fmt.money(self.panel.balances.stored_value))
        )
        self.amount_label.setText(self.tr("&Amount paid:"))
        self.bonus_label.setText(self.tr("&Bonus:"))
        self.method_label.setText(self.tr("Paid &by:"))
        self.seller_label.setText(self.tr("&Sold by:"))
        self.seller.setItemText(0, self.tr("(none)"))
        self.new_balance_caption.setText(self.tr("New balance:"))
        for i, method in enumerate(self.methods):
            self.method.setItemText(i, method.name())
        self.save_button.setText(self.tr("Save (Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )
        self._update()

    def _update(self) -> None:
        offer = self._offer()
        extra = offer.bonus if offer is not None else self.bonus.value()
        new = self.panel.balances.stored_value + self.amount.value() + extra
        self.balance_label.setText(fmt.money(new))
        text = ""
        if offer is not None:
            text = (
                self.tr("Offer: top up %1, get %2 bonus")
                .replace("%1", fmt.money(offer.topup))
                .replace("%2", fmt.money(offer.bonus))
            )
            if offer.level:
                text += self.tr(" and the level %1").replace("%1", offer.level)
        self.offer_label.setText(text)
        self.offer_label.setVisible(bool(text))

    def save(self) -> None:
        amount = self.amount.value()
        # an empty bonus leaves it to the shop's offers (the one shown above)
        bonus = self.bonus.value() if self.bonus.text().strip() else None
        if amount <= 0:
            self.show_message(self.tr("Enter the amount paid."))
            self.amount.setFocus()
            return
        member_id, method, actor = self.panel.card.id, self.method.currentData(), self.ctx.actor
        if not method:
            self.show_message(self.tr("Choose how it was paid."))
            self.method.setFocus()
            return
        seller = self.seller.currentData()
        self.save_button.setEnabled(False)
        CollectionOp(
            self.ctx,
            self,
            lambda s: topup(
                s, member_id, amount, bonus=bonus, method=method, actor=actor, seller_id=seller
            ),
            changes={"wallet"},
            success=lambda result: self._saved(result, amount + result.bonus),
            failure=self._failed,
        ).run()

    def _saved(self, result: TopupResult, added: Decimal) -> None:
        self.saved_message = (
            self.tr("Topped up %1; balance %2")
            .replace("%1", fmt.money(added))
            .replace("%2", fmt.money(result.balance))
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.show_message(exc.message())
        else:
            show_error(self, exc)

    def show_message(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
