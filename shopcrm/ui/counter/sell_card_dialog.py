"""Sell a count card (次卡) to the member at the counter: type, how it was paid, who sold it.

The dialog shows what the card holds, what each paid use recognises and its last day before
saving; the sale is money received and a liability (services.cards.sell_card)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError
from ...services import cards
from ...services.cards.columns import validity_text
from ...services.cards.types import expiry_for
from ...services.counter import MemberPanel, till_methods
from ...services.money.methods import MethodView
from ...services.staff import StaffView, list_staff
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.dialog_parts import button_row, error_label


@dataclass(frozen=True)
class _Choices:
    types: list[cards.CardTypeView]
    methods: tuple[MethodView, ...]
    staff: list[StaffView]


def _read(session: Session) -> _Choices:
    return _Choices(cards.list_card_types(session), till_methods(session), list_staff(session))


class SellCardDialog(QDialog):
    def __init__(self, ctx: AppContext, panel: MemberPanel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sellCardDialog")
        self.ctx = ctx
        self.panel = panel
        self.saved_message = ""
        self.choices = _Choices([], (), [])
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.who = QLabel(self)
        self.who.setObjectName("sectionTitle")
        layout.addWidget(self.who)
        form = QFormLayout()
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("cardType")
        self.method = QComboBox(self)
        self.staff = QComboBox(self)
        self.type_label, self.method_label, self.staff_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.type_label, self.type_combo),
            (self.method_label, self.method),
            (self.staff_label, self.staff),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.details = QLabel(self)
        self.details.setObjectName("cardDetails")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons, self.save_button = button_row(
            self, self.save, QDialogButtonBox.StandardButton.Save
        )
        layout.addWidget(self.buttons)
        self.type_combo.currentIndexChanged.connect(lambda _i: self._show_details())
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        QueryOp(ctx, self, _read, success=self._loaded).run()
        self.type_combo.setFocus()

    def _loaded(self, choices: _Choices) -> None:
        self.choices = choices
        self.type_combo.clear()
        for t in choices.types:
            self.type_combo.addItem(f"{t.name}  {fmt.money(t.price)}", t.id)
        self.method.clear()
        for m in choices.methods:
            self.method.addItem(m.name(), m.code)
        self.method.setCurrentIndex(max(0, self.method.findData("cash")))
        self.staff.clear()
        self.staff.addItem(self.tr("(none)"), None)
        for person in choices.staff:
            self.staff.addItem(person.name, person.id)
        if self.ctx.actor.staff_id is not None:
            self.staff.setCurrentIndex(max(0, self.staff.findData(self.ctx.actor.staff_id)))
        self._show_details()

    def current_type(self) -> cards.CardTypeView | None:
        type_id = self.type_combo.currentData()
        return next((t for t in self.choices.types if t.id == type_id), None)

    def retranslate_ui(self, *_args: object) -> None:
        self.setWindowTitle(self.tr("Sell a card"))
        self.who.setText(self.tr("Sell a card — %1").replace("%1", self.panel.card.name))
        self.type_label.setText(self.tr("&Card:"))
        self.method_label.setText(self.tr("Paid &by:"))
        self.staff_label.setText(self.tr("&Sold by:"))
        if self.staff.count():
            self.staff.setItemText(0, self.tr("(none)"))
        self.save_button.setText(self.tr("Sell (Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )
        self._show_details()

    def _show_details(self) -> None:
        t = self.current_type()
        if t is None:
            self.details.setText(
                self.tr("No card types yet: add them in Settings → Cards and packages.")
                if not self.choices.types
                else ""
            )
            return
        units = cards.unit_values(t.price, [(i.list_price, i.paid) for i in t.items])
        lines = []
        for item, unit in zip(t.items, units, strict=True):
            if item.paid:
                text = self.tr("%1: %2 paid uses at %3 each").replace("%1", item.service)
                text = text.replace("%2", str(item.paid)).replace("%3", fmt.money(unit))
                if item.bonus:
                    text += self.tr(" + %1 gifted").replace("%1", str(item.bonus))
            else:
                text = self.tr("%1: %2 gifted uses").replace("%1", item.service)
                text = text.replace("%2", str(item.bonus))
            lines.append(text)
        last = expiry_for(t, clock.now())
        lines.append(
            self.tr("Valid: %1 (last day %2)")
            .replace("%1", validity_text(t))
            .replace("%2", fmt.day(last) if last else "—")
        )
        lines.append(
            self.tr("Money received %1 is owed to the member until the uses are used.").replace(
                "%1", fmt.money(t.price)
            )
        )
        self.details.setText("\n".join(lines))

    def save(self) -> None:
        t = self.current_type()
        if t is None:
            self.show_message(self.tr("Choose a card."))
            return
        member_id, type_id = self.panel.card.id, t.id
        method, seller, actor = self.method.currentData(), self.staff.currentData(), self.ctx.actor
        self.save_button.setEnabled(False)
        CollectionOp(
            self.ctx,
            self,
            lambda s: cards.sell_card(
                s, member_id, type_id, method=method or "cash", staff_id=seller, actor=actor
            ),
            changes={"wallet", "members"},
            success=self._saved,
            failure=self._failed,
        ).run()

    def _saved(self, card: cards.CardView) -> None:
        self.saved_message = (
            self.tr("Card sold: %1 (%2)").replace("%1", card.name).replace("%2", card.uses_text())
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
