"""The quick bill: a restaurant's visit is the bill — amount, party size, table, payment,
an optional note; no service lines. F2 on the member card opens it with the amount focused;
type the amount (Tab, the party size), Enter saves. Points, stored value and follow-ups work
as for any visit (services/visits/bills.py records it as one), and so do the satisfaction
score (Alt+I) and a complaint (Alt+A), which opens a complaint follow-up for a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...i18n import ShopError, current_language
from ...services.care.complaints import open_visit_complaint
from ...services.counter import VisitSetup, visit_setup
from ...services.money.methods import MethodView, list_methods
from ...services.visits import BillDraft, PaymentDraft, record_bill
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.dialog_parts import button_row, error_label
from .care_fields import CareFields
from .visit_dialog import VISIT_CHANGES
from .widgets import MoneyEdit

WALLET_METHODS = ("stored_value", "points")


@dataclass(frozen=True)
class BillSetup:
    visit: VisitSetup
    methods: tuple[MethodView, ...]


def bill_setup(session: Session, member_id: int | None) -> BillSetup:
    return BillSetup(
        visit_setup(session, member_id), tuple(list_methods(session, include_retired=False))
    )


def _record_bill_then_complaint(session: Session, draft: BillDraft, actor, lang: str) -> int:  # noqa: ANN001
    """The bill, and the complaint typed on it opened for follow-up, in one transaction."""
    visit_id = record_bill(session, draft, actor=actor, lang=lang)
    open_visit_complaint(session, visit_id, actor=actor)
    return visit_id


class QuickBillDialog(QDialog):
    def __init__(self, ctx: AppContext, member_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quickBillDialog")
        self.ctx = ctx
        self.member_id = member_id
        self.setup: BillSetup | None = None
        self.visit_id: int | None = None
        self.saved_message = ""
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        self.who = QLabel(self)
        self.who.setObjectName("sectionTitle")
        self.wallet_label = QLabel(self)
        self.wallet_label.setObjectName("hint")
        layout.addWidget(self.who)
        layout.addWidget(self.wallet_label)
        form = QFormLayout()
        self.amount_edit = MoneyEdit(self)
        self.amount_edit.setObjectName("billAmount")
        self.party_spin = QSpinBox(self)
        self.party_spin.setRange(0, 500)
        self.party_spin.setSpecialValueText("—")
        self.table_edit = QLineEdit(self)
        self.table_edit.setMaxLength(20)
        self.method_combo = QComboBox(self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(500)
        self.labels = [QLabel(self) for _ in range(5)]
        widgets = (
            self.amount_edit,
            self.party_spin,
            self.table_edit,
            self.method_combo,
            self.note_edit,
        )
        for label, widget in zip(self.labels, widgets, strict=True):
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.care = CareFields(member_id, self, form)  # satisfaction and complaint, as on a visit
        layout.addLayout(form)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons, self.save_button = button_row(
            self, self.save, QDialogButtonBox.StandardButton.Save
        )
        layout.addWidget(self.buttons)
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        QueryOp(ctx, self, lambda s: bill_setup(s, member_id), success=self._set_up).run()
        self.amount_edit.setFocus()

    def retranslate_ui(self, *_args: object) -> None:
        self.setWindowTitle(self.tr("Quick bill"))
        for label, text in zip(
            self.labels,
            (
                self.tr("&Amount (¥)"),
                self.tr("&Party size"),
                self.tr("&Table"),
                self.tr("Pa&yment"),
                self.tr("&Note"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.note_edit.setPlaceholderText(self.tr("optional"))
        self.table_edit.setPlaceholderText(self.tr("e.g. 5 or A3"))
        self.save_button.setText(self.tr("Save (Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )
        self.care.retranslate_ui()
        self._show_member()
        self._fill_methods()

    def _show_member(self) -> None:
        setup = self.setup.visit if self.setup else None
        if self.member_id is None:
            self.who.setText(self.tr("Quick bill — walk-in customer"))
            self.wallet_label.setText("")
            return
        self.who.setText(
            self.tr("Quick bill — %1").replace("%1", setup.member_name if setup else "")
        )
        if setup is not None and setup.balances is not None:
            b = setup.balances
            self.wallet_label.setText(
                self.tr("Stored value %1 · Points %2")
                .replace("%1", fmt.money(b.stored_value))
                .replace("%2", fmt.number(b.points))
            )

    def _fill_methods(self) -> None:
        if self.setup is None:
            return
        chosen = self.method_combo.currentData()
        lang = current_language()
        self.method_combo.clear()
        for method in self.setup.methods:
            if method.internal and (self.member_id is None or method.code not in WALLET_METHODS):
                continue  # a walk-in has no card; other internal tenders are not for the till
            self.method_combo.addItem(method.name(lang), method.code)
        wanted = chosen or self.setup.visit.defaults.payment_method or "cash"
        self.method_combo.setCurrentIndex(max(self.method_combo.findData(wanted), 0))

    def _set_up(self, setup: BillSetup) -> None:
        self.setup = setup
        self._show_member()
        self._fill_methods()

    def draft(self) -> BillDraft:
        amount = self.amount_edit.value()
        method = self.method_combo.currentData() or "cash"
        party = self.party_spin.value() or None
        staff_id = self.setup.visit.defaults.staff_id if self.setup else None
        return BillDraft(
            self.member_id,
            amount,
            party,
            self.table_edit.text().strip(),
            (PaymentDraft(method, amount),) if amount > 0 else (),
            self.note_edit.text().strip(),
            staff_id=staff_id,
            satisfaction=self.care.score(),
            complaint=self.care.complaint(),
        )

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        draft = self.draft()
        if draft.amount <= 0:
            self.show_message(self.tr("Type the bill's amount."))
            self.amount_edit.setFocus()
            return
        actor = self.ctx.actor
        lang = current_language()
        self.save_button.setEnabled(False)
        CollectionOp(
            self.ctx,
            self,
            lambda s: _record_bill_then_complaint(s, draft, actor, lang),
            changes=VISIT_CHANGES,
            success=lambda visit_id: self._saved(visit_id, draft.amount),
            failure=self._failed,
        ).run()

    def _saved(self, visit_id: int, total: Decimal) -> None:
        self.visit_id = visit_id
        self.saved_message = self.tr("Bill saved: %1").replace("%1", fmt.money(total))
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
