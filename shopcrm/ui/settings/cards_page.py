"""Card types (次卡、疗程卡、套餐卡): the list, and a form to add one (services with paid and
gifted uses typed as "洗剪吹:10, 护理:2", price, validity). The rules live in services.cards."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...i18n import ShopError
from ...services import cards
from ...services.auth import PERM_PRICES_EDIT
from ...services.cards.columns import validity_text
from ...services.cards.opening import E_DATE
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table, selected_data

VALIDITY = ("days", "until", "none")


def split_specs(text: str) -> list[str]:
    """'洗剪吹:10, 护理：2' → ['洗剪吹:10', '护理：2'] (commas of either width, 、 or ;)."""
    return [p.strip() for p in re.split(r"[,，、;；]", text or "") if p.strip()]


class CardTypesPage(SettingsPage):
    page_id = "cards"
    edit_perm = PERM_PRICES_EDIT
    watches = frozenset({"settings", "catalog"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.types: list[cards.CardTypeView] = []
        self.list_box = QGroupBox(self)
        box = QVBoxLayout(self.list_box)
        self.table = read_only_table(self.list_box, 5, stretch=2)
        self.table.setMinimumHeight(180)
        box.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.retire_button = QPushButton(self.list_box)
        self.retire_button.clicked.connect(self.retire)
        row.addWidget(self.retire_button)
        box.addLayout(row)

        self.add_box = QGroupBox(self)
        form = QFormLayout(self.add_box)
        self.name_edit = QLineEdit(self.add_box)
        self.name_edit.setMaxLength(60)
        self.price_edit = QLineEdit(self.add_box)
        self.price_edit.setMaximumWidth(140)
        self.uses_edit = QLineEdit(self.add_box)
        self.uses_edit.setPlaceholderText("洗剪吹:10, 护理:2")
        self.bonus_edit = QLineEdit(self.add_box)
        self.bonus_edit.setPlaceholderText("洗剪吹:2")
        self.validity_combo = QComboBox(self.add_box)
        self.days_spin = QSpinBox(self.add_box)
        self.days_spin.setRange(1, 3660)
        self.days_spin.setValue(365)
        self.until_edit = QLineEdit(self.add_box)
        self.until_edit.setPlaceholderText("2027-06-30")
        self.until_edit.setMaximumWidth(120)
        valid_row = QHBoxLayout()
        for w in (self.validity_combo, self.days_spin, self.until_edit):
            valid_row.addWidget(w)
        valid_row.addStretch(1)
        self.validity_combo.currentIndexChanged.connect(self._validity_changed)
        self.labels = [QLabel(self.add_box) for _ in range(5)]
        for label, widget in zip(
            self.labels,
            (self.name_edit, self.price_edit, self.uses_edit, self.bonus_edit, self.validity_combo),
            strict=True,
        ):
            label.setBuddy(widget)
        form.addRow(self.labels[0], self.name_edit)
        form.addRow(self.labels[1], self.price_edit)
        form.addRow(self.labels[2], self.uses_edit)
        form.addRow(self.labels[3], self.bonus_edit)
        form.addRow(self.labels[4], valid_row)
        self.hint = QLabel(self.add_box)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.error = QLabel(self.add_box)
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.add_button = QPushButton(self.add_box)
        self.add_button.setObjectName("primaryButton")
        self.add_button.clicked.connect(self.add_type)
        buttons.addWidget(self.add_button)
        form.addRow(buttons)
        for w in (self.list_box, self.add_box):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)
        self.edit_widgets = [
            self.name_edit, self.price_edit, self.uses_edit, self.bonus_edit,
            self.validity_combo, self.days_spin, self.until_edit, self.add_button,
            self.retire_button,
        ]  # fmt: skip
        for edit in (self.name_edit, self.price_edit, self.uses_edit, self.bonus_edit):
            edit.returnPressed.connect(self.add_type)

    def title(self) -> str:
        return self.tr("Cards and packages")

    def focus_widget(self) -> QWidget | None:
        return self.name_edit

    def retranslate_ui(self) -> None:
        self.list_box.setTitle(self.tr("Card types for sale"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Card"), self.tr("Price"), self.tr("Uses (paid + gifted)"),
             self.tr("Valid"), self.tr("Value per paid use")]
        )  # fmt: skip
        self.retire_button.setText(self.tr("Stop selling"))
        self.add_box.setTitle(self.tr("New card type"))
        for label, text in zip(
            self.labels,
            (self.tr("&Name"), self.tr("&Price ¥"), self.tr("Paid &uses"),
             self.tr("&Gifted uses"), self.tr("&Valid")),
            strict=True,
        ):  # fmt: skip
            label.setText(text)
        current = max(self.validity_combo.currentIndex(), 0)
        self.validity_combo.clear()
        self.validity_combo.addItems(
            [self.tr("days after the sale"), self.tr("until a date"), self.tr("no expiry")]
        )
        self.validity_combo.setCurrentIndex(current)
        self.days_spin.setSuffix(self.tr(" days"))
        self.hint.setText(
            self.tr(
                "Each paid use recognises its share of the price (by list price); gifted uses "
                "recognise ¥0. Unused value at expiry becomes breakage income in the report."
            )
        )
        self.add_button.setText(self.tr("Add card type"))
        self._fill()
        super().retranslate_ui()

    def _validity_changed(self, index: int) -> None:
        kind = VALIDITY[max(index, 0)]
        self.days_spin.setVisible(kind == "days")
        self.until_edit.setVisible(kind == "until")

    def refresh(self) -> None:
        QueryOp(self.ctx, self, lambda s: cards.list_card_types(s), success=self._loaded).run()

    def _loaded(self, types: list[cards.CardTypeView]) -> None:
        self.types = types
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.types))
        for row, t in enumerate(self.types):
            units = cards.unit_values(t.price, [(i.list_price, i.paid) for i in t.items])
            per_use = "、".join(
                f"{i.service} {fmt.money(u)}" for i, u in zip(t.items, units, strict=True) if i.paid
            )
            self.table.setItem(row, 0, cell(t.name, t.id))
            self.table.setItem(row, 1, cell(fmt.money(t.price), right=True))
            self.table.setItem(row, 2, cell(t.uses_text))
            self.table.setItem(row, 3, cell(validity_text(t)))
            self.table.setItem(row, 4, cell(per_use))
        self._validity_changed(self.validity_combo.currentIndex())

    def add_type(self) -> None:
        if not self.can_edit():
            return
        name, price = self.name_edit.text(), self.price_edit.text().strip() or "0"
        paid, bonus = split_specs(self.uses_edit.text()), split_specs(self.bonus_edit.text())
        kind = VALIDITY[max(self.validity_combo.currentIndex(), 0)]
        days = self.days_spin.value() if kind == "days" else None
        until_text = self.until_edit.text().strip() if kind == "until" else ""
        actor = self.ctx.actor

        def work(session: Session) -> int:
            until = None
            if kind == "until":
                try:
                    until = date.fromisoformat(until_text)
                except ValueError:
                    raise ShopError(E_DATE, value=until_text) from None
            return cards.create_card_type(
                session, name, price, cards.parse_uses(session, paid),
                bonus_uses=cards.parse_uses(session, bonus), valid_days=days, valid_until=until,
                actor=actor,
            )  # fmt: skip

        CollectionOp(
            self.ctx, self, work, changes={"settings", "followups"}, success=self._added,
            failure=self._failed,
        ).run()  # fmt: skip

    def _added(self, _type_id: int) -> None:
        self.error.hide()
        for edit in (self.name_edit, self.price_edit, self.uses_edit, self.bonus_edit):
            edit.clear()
        Toast.show_text(self.window(), self.tr("Card type added"))
        self.name_edit.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ShopError):
            self.error.setText(exc.message())
            self.error.show()
            return
        show_error(self, exc)

    def retire(self) -> None:
        type_id = selected_data(self.table)
        if not self.can_edit() or type_id is None:
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx, self,
            lambda s: cards.set_card_type_active(s, int(type_id), False, actor=actor),  # type: ignore[arg-type]
            changes={"settings"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Card type retired")),
        ).run()  # fmt: skip
