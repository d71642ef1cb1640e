"""Refund stored value (owner): principal only, the formula shown before confirming.

The quote (`wallet.refund_quote`) is read when the dialog opens; the amount starts at all the
refundable principal. A reason is required; the wallet service checks the amount again (never
more than the principal held), writes the refund entry and the money movement, and audits it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError
from ...services.counter import MemberPanel, till_methods
from ...services.money.methods import MethodView
from ...services.wallet import RefundQuote, refund, refund_quote
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.dialog_parts import error_label
from .widgets import MoneyEdit


class RefundDialog(QDialog):
    def __init__(self, ctx: AppContext, panel: MemberPanel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.ctx = ctx
        self.panel = panel
        self.quote: RefundQuote | None = None
        self.methods: tuple[MethodView, ...] = ()
        self.saved_message = ""
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.who = QLabel(self)
        self.who.setObjectName("sectionTitle")
        layout.addWidget(self.who)
        self.formula = QLabel(self)
        self.formula.setObjectName("refundFormula")
        self.formula.setWordWrap(True)
        layout.addWidget(self.formula)
        form = QFormLayout()
        self.amount = MoneyEdit(self)
        self.method = QComboBox(self)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(200)
        self.amount_label, self.method_label, self.reason_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.amount_label, self.amount),
            (self.method_label, self.method),
            (self.reason_label, self.reason),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.after = QLabel(self)
        self.after.setObjectName("hint")
        self.after.setWordWrap(True)
        layout.addWidget(self.after)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.amount.textChanged.connect(self._update)
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        member_id = panel.card.id
        QueryOp(ctx, self, lambda s: refund_quote(s, member_id), success=self._quoted).run()
        QueryOp(ctx, self, till_methods, success=self._methods_loaded).run()
        self.amount.setFocus()

    # -- texts ------------------------------------------------------------------------------
    def retranslate_ui(self, *_args: object) -> None:
        self.setWindowTitle(self.tr("Refund stored value"))
        self.who.setText(self.tr("Refund stored value — %1").replace("%1", self.panel.card.name))
        self.amount_label.setText(self.tr("&Refund:"))
        self.method_label.setText(self.tr("Paid &back by:"))
        self.reason_label.setText(self.tr("Rea&son:"))
        self.reason.setPlaceholderText(self.tr("required, e.g. member moved away"))
        self.ok_button.setText(self.tr("Refund"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )
        for i, method in enumerate(self.methods):
            self.method.setItemText(i, method.name())
        self._update()

    def _quoted(self, quote: RefundQuote) -> None:
        self.quote = quote
        self.amount.set_value(quote.refundable)
        self.amount.selectAll()
        self._update()

    def _methods_loaded(self, methods: tuple[MethodView, ...]) -> None:
        self.methods = methods
        self.method.clear()
        for method in methods:
            self.method.addItem(method.name(), method.code)
        self.method.setCurrentIndex(max(0, self.method.findData("cash")))

    def _update(self) -> None:
        quote = self.quote
        if quote is None:
            self.formula.setText("")
            self.after.setText("")
            return
        total = quote.principal + quote.bonus
        self.formula.setText(
            self.tr(
                "Stored value %1 = principal %2 + bonus %3.<br><b>Refundable = principal only "
                "= %4</b>; the bonus was given by the shop and is not refunded."
            )
            .replace("%1", fmt.money(total))
            .replace("%2", fmt.money(quote.principal))
            .replace("%3", fmt.money(quote.bonus))
            .replace("%4", fmt.money(quote.refundable))
        )
        value = self.amount.value()
        self.after.setText(
            self.tr("After the refund: principal %1 − %2 = %3; bonus %4 stays on the card.")
            .replace("%1", fmt.money(quote.principal))
            .replace("%2", fmt.money(value))
            .replace("%3", fmt.money(quote.principal - value))
            .replace("%4", fmt.money(quote.bonus))
        )

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        amount, reason = self.amount.value(), self.reason.text().strip()
        method, actor, member_id = self.method.currentData(), self.ctx.actor, self.panel.card.id
        if amount <= 0:
            self.show_message(self.tr("Enter the amount to refund."))
            self.amount.setFocus()
            return
        if self.quote is not None and amount > self.quote.refundable:
            self.show_message(
                self.tr("At most %1 can be refunded (the principal held).").replace(
                    "%1", fmt.money(self.quote.refundable)
                )
            )
            self.amount.setFocus()
            return
        if not reason:
            self.show_message(self.tr("A refund needs a reason."))
            self.reason.setFocus()
            return
        if not method:
            self.show_message(self.tr("Choose how the money is paid back."))
            self.method.setFocus()
            return
        self.ok_button.setEnabled(False)
        CollectionOp(
            self.ctx,
            self,
            lambda s: refund(s, member_id, amount, method=method, reason=reason, actor=actor),
            changes={"wallet"},
            success=lambda _entry: self._saved(amount),
            failure=self._failed,
        ).run()

    def _saved(self, amount: Decimal) -> None:
        self.saved_message = self.tr("Refunded %1").replace("%1", fmt.money(amount))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.show_message(exc.message())
        else:
            show_error(self, exc)

    def show_message(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
