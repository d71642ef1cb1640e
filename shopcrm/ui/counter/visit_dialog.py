"""The new-visit dialog: services picked by typing, staff and payment remembered, Enter saves.

The payment method of the member's last visit takes the rest of the total automatically
until the person types into that field; "remaining" shows what is not yet allocated. The
visit service checks everything again when saving (a short balance, a mismatch) and its
message is shown in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...i18n import ShopError
from ...services.auth import Actor
from ...services.cards import member_cards
from ...services.care.complaints import open_visit_complaint
from ...services.catalog import ServiceView, get_service
from ...services.commission import preferred_staff_id
from ...services.counter import VisitSetup, points_needed, visit_setup
from ...services.levels import service_rates
from ...services.money.methods import MethodView
from ...services.usual_services import services_for_visit
from ...services.visits import PaymentDraft, VisitDraft, record_visit
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.dialog_parts import button_row, error_label
from ..widgets.search_box import SearchBox
from .care_fields import CareFields
from .visit_lines import LinesTable
from .widgets import HitList, MoneyEdit

WALLET_METHODS = ("stored_value", "points")
MONEY_COLUMNS = 2  # the shop's money methods fill two columns; the wallet's tenders a third
VISIT_CHANGES = {"visits", "wallet", "members", "followups"}


def record_then(
    session: Session,
    draft: VisitDraft,
    actor: Actor,
    after: Callable[[Session, int], object] | None,
) -> int:
    """Record the visit, then `after(session, visit_id)` in the same transaction."""
    visit_id = record_visit(session, draft, actor=actor)
    open_visit_complaint(session, visit_id, actor=actor)  # a complaint typed in the dialog
    if after is not None:
        after(session, visit_id)
    return visit_id


class VisitDialog(QDialog):
    def __init__(self, ctx: AppContext, member_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.ctx = ctx
        self.member_id = member_id
        self.setup: VisitSetup | None = None
        self.services: list[ServiceView] = []
        self.visit_id: int | None = None
        self.saved_message = ""
        self.auto_method = "cash"
        self._auto = True
        self._seq = 0
        # A booking's arrival (ui/bookings): lines to pre-fill, and work to do in the visit's
        # own transaction once it is recorded, `after_record(session, visit_id)`.
        self.after_record: Callable[[Session, int], object] | None = None
        self._prefill: tuple[list[ServiceView], int | None] | None = None
        self.setMinimumSize(900, 600)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.who = QLabel(self)
        self.who.setObjectName("sectionTitle")
        self.wallet_label = QLabel(self)
        self.wallet_label.setObjectName("hint")
        layout.addWidget(self.who)
        layout.addWidget(self.wallet_label)

        pick = QGridLayout()
        pick.setHorizontalSpacing(10)
        self.service_label = QLabel(self)
        self.service_search = SearchBox(self, delay_ms=120)
        self.service_hits = HitList(self.service_search, self)
        self.service_hits.setMaximumHeight(96)
        self.service_search.results_widget = self.service_hits
        self.staff_label = QLabel(self)
        self.staff_combo = QComboBox(self)
        self.staff_combo.setMinimumWidth(140)
        self.service_label.setBuddy(self.service_search)
        self.staff_label.setBuddy(self.staff_combo)
        pick.addWidget(self.service_label, 0, 0)
        pick.addWidget(self.service_search, 0, 1)
        pick.addWidget(self.staff_label, 0, 2)
        pick.addWidget(self.staff_combo, 0, 3)
        pick.addWidget(self.service_hits, 1, 1, 1, 3)
        pick.setColumnStretch(1, 1)
        layout.addLayout(pick)

        self.lines = LinesTable((), self)
        layout.addWidget(self.lines, 1)

        bottom = QHBoxLayout()
        self.pay_box = QGroupBox(self)
        self.pay_grid = QGridLayout(self.pay_box)
        self.pay_grid.setHorizontalSpacing(10)
        self.pay_labels: dict[str, QLabel] = {}
        self.pay_edits: dict[str, MoneyEdit] = {}
        self.pay_notes: dict[str, QLabel] = {}
        self.methods: tuple[MethodView, ...] = ()  # the shop's money methods, from the setup
        for row, method in enumerate(WALLET_METHODS):
            self._add_pay_field(method, row, MONEY_COLUMNS)
        bottom.addWidget(self.pay_box, 3)

        sums = QVBoxLayout()
        self.total_label = QLabel(self)
        self.total_label.setObjectName("visitTotal")
        self.remaining_label = QLabel(self)
        self.remaining_label.setObjectName("remaining")
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(500)
        sums.addWidget(self.total_label)
        sums.addWidget(self.remaining_label)
        sums.addStretch(1)
        sums.addWidget(self.note_edit)
        self.care = CareFields(member_id, self)  # satisfaction and complaint (issue 20)
        sums.addWidget(self.care)
        bottom.addLayout(sums, 2)
        layout.addLayout(bottom)

        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons, self.save_button = button_row(
            self, self.save, QDialogButtonBox.StandardButton.Save
        )
        layout.addWidget(self.buttons)

        self.service_search.search.connect(self.find)
        self.service_search.activated.connect(self._search_entered)
        self.service_hits.picked.connect(self._pick)
        self.service_hits.back.connect(self._focus_search)
        self.service_hits.itemDoubleClicked.connect(
            lambda _i: self._pick(self.service_hits.currentRow())
        )
        self.staff_combo.activated.connect(
            lambda _i: self.lines.set_staff_all(self.staff_combo.currentData())
        )
        self.lines.changed.connect(self._update_totals)
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        QueryOp(ctx, self, lambda s: visit_setup(s, member_id), success=self._set_up).run()
        if member_id is not None:  # lines by the preferred stylist start designated (指定)
            QueryOp(
                ctx, self, lambda s: preferred_staff_id(s, member_id), success=self._preferred
            ).run()
        if member_id is not None:  # the member level's price for each line
            QueryOp(
                ctx, self, lambda s: service_rates(s, member_id), success=self.lines.set_rates
            ).run()
            QueryOp(  # the member's count cards, offered on the lines they cover
                ctx, self, lambda s: member_cards(s, member_id), success=self.lines.set_cards
            ).run()
        self.find("")
        self.service_search.setFocus()

    def _preferred(self, staff_id: int | None) -> None:
        self.lines.preferred_staff_id = staff_id

    def _add_pay_field(self, method: str, row: int, col: int) -> None:
        label, edit, note = QLabel(self.pay_box), MoneyEdit(self.pay_box), QLabel(self.pay_box)
        note.setObjectName("hint")
        label.setBuddy(edit)
        edit.setObjectName(f"pay_{method}")
        edit.setMaximumWidth(120)
        self.pay_grid.addWidget(label, row, col * 3)
        self.pay_grid.addWidget(edit, row, col * 3 + 1)
        self.pay_grid.addWidget(note, row, col * 3 + 2)
        edit.textEdited.connect(lambda _t, m=method: self._payment_typed(m))
        self.pay_labels[method], self.pay_edits[method], self.pay_notes[method] = (
            label,
            edit,
            note,
        )

    def _show_methods(self, methods: tuple[MethodView, ...]) -> None:
        """One field per active money method, in the shop's order, before the wallet's."""
        self.methods = methods
        for n, method in enumerate(methods):
            self._add_pay_field(method.code, n // MONEY_COLUMNS, n % MONEY_COLUMNS)
        chain = [self.pay_edits[m] for m in (*(m.code for m in methods), *WALLET_METHODS)]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        # the wallet's fields after the money ones (the order a draft lists payments in)
        for m in WALLET_METHODS:
            self.pay_edits[m] = self.pay_edits.pop(m)
        self._name_methods()

    def _name_methods(self) -> None:
        """Money methods are named by the shop (both languages); Alt+1…9 reach them."""
        for n, method in enumerate(self.methods):
            text = method.name()
            if n < 9:
                text = self.tr("%1 (&%2)").replace("%1", text).replace("%2", str(n + 1))
            self.pay_labels[method.code].setText(text)

    # -- texts ------------------------------------------------------------------------------
    def retranslate_ui(self, *_args: object) -> None:
        self.setWindowTitle(self.tr("New visit"))
        self.service_label.setText(self.tr("Add &service:"))
        self.service_search.setPlaceholderText(
            self.tr("type the name or pinyin initials, e.g. xjc; Enter adds")
        )
        self.staff_label.setText(self.tr("S&taff:"))
        self.pay_box.setTitle(self.tr("Payment"))
        self.pay_labels["stored_value"].setText(self.tr("Stored &value"))
        self.pay_labels["points"].setText(self.tr("&Points"))
        self._name_methods()
        self.note_edit.setPlaceholderText(self.tr("Note (optional)"))
        self.save_button.setText(self.tr("Save (Enter)"))
        self.save_button.setToolTip(self.tr("Save the visit (Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )
        self.lines.retranslate_ui()
        self.care.retranslate_ui()
        if self.staff_combo.count():
            self.staff_combo.setItemText(0, self.tr("(none)"))
        self._show_member()
        self._update_totals()

    def _show_member(self) -> None:
        setup = self.setup
        if self.member_id is None:
            self.who.setText(self.tr("New visit — walk-in customer"))
            self.wallet_label.setText(
                self.tr("Walk-ins pay with money (cash, WeChat Pay, Alipay…), not from a card.")
            )
            return
        self.who.setText(
            self.tr("New visit — %1").replace("%1", setup.member_name if setup else "")
        )
        if setup is None or setup.balances is None:
            self.wallet_label.setText("")
            return
        b = setup.balances
        self.wallet_label.setText(
            self.tr("Stored value %1 · Points %2")
            .replace("%1", fmt.money(b.stored_value))
            .replace("%2", fmt.number(b.points))
        )
        self.pay_notes["stored_value"].setText(
            self.tr("balance %1").replace("%1", fmt.money(b.stored_value))
        )
        self.pay_notes["points"].setText(
            self.tr("%1 points = %2")
            .replace("%1", fmt.number(b.points))
            .replace("%2", fmt.money(b.points_value))
        )

    # -- loading ---------------------------------------------------------------------------
    def _set_up(self, setup: VisitSetup) -> None:
        self.setup = setup
        self.lines.staff = setup.staff
        self.staff_combo.clear()
        self.staff_combo.addItem(self.tr("(none)"), None)
        for person in setup.staff:
            self.staff_combo.addItem(person.name, person.id)
        self.staff_combo.setCurrentIndex(max(self.staff_combo.findData(setup.defaults.staff_id), 0))
        if not self.methods:
            self._show_methods(setup.methods)
        usable = [m.code for m in self.methods]
        if self.member_id is not None:
            usable += list(WALLET_METHODS)
        method = setup.defaults.payment_method
        if method not in usable:  # a retired method, or a walk-in's wallet
            method = "cash" if "cash" in usable else (usable[0] if usable else "stored_value")
        self.auto_method = method
        for m in WALLET_METHODS:
            self.pay_edits[m].setEnabled(self.member_id is not None)
        self._show_member()
        self._update_totals()
        self._apply_prefill()

    def prefill(self, service_ids: Sequence[int], staff_id: int | None) -> None:
        """Lines for these services, done by `staff_id` (a booking's arrival)."""
        ids = list(service_ids)

        def got(services: list[ServiceView]) -> None:
            self._prefill = (services, staff_id)
            self._apply_prefill()

        QueryOp(self.ctx, self, lambda s: [get_service(s, i) for i in ids], success=got).run()

    def _apply_prefill(self) -> None:
        if self._prefill is None or self.setup is None:
            return  # the other half has not arrived yet
        services, staff_id = self._prefill
        self._prefill = None
        self.staff_combo.setCurrentIndex(max(self.staff_combo.findData(staff_id), 0))
        for service in services:
            self.lines.add_line(service, staff_id)

    def find(self, text: str) -> None:
        self._seq += 1
        seq = self._seq
        member_id = self.member_id  # nothing typed: the member's usual services first
        QueryOp(
            self.ctx,
            self,
            lambda s: services_for_visit(s, member_id, text, limit=12),
            success=lambda hits: self._show_services(seq, hits),
        ).run()

    def _show_services(self, seq: int, hits: list[ServiceView]) -> None:
        if seq != self._seq:
            return  # stale: a newer search was sent
        self.services = hits
        self.service_hits.clear()
        for service in hits:
            text = f"{service.name}    {fmt.money(service.list_price)}"
            if service.category:
                text += f"    · {service.category}"
            item = QListWidgetItem(text)
            self.service_hits.addItem(item)
        if hits:
            self.service_hits.setCurrentRow(0)

    def _search_entered(self, text: str) -> None:
        if not text and (self.lines.lines or not self.services):
            self.save()  # nothing typed: Enter saves
            return
        if self.services:
            self._pick(max(self.service_hits.currentRow(), 0))

    def _pick(self, row: int) -> None:
        if not 0 <= row < len(self.services):
            return
        self.lines.add_line(self.services[row], self.staff_combo.currentData())
        self.service_search.clear_search()
        self._focus_search()

    def _focus_search(self) -> None:
        self.service_search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- money -----------------------------------------------------------------------------
    def _payment_typed(self, method: str) -> None:
        if method == self.auto_method:
            self._auto = False  # the person took this field over
        self._update_totals()

    def _available(self, method: str) -> Decimal:
        """What a wallet method can pay at most (the rest stays to allocate, in red)."""
        b = self.setup.balances if self.setup is not None else None
        if method == "stored_value" and b is not None:
            return b.stored_value
        if method == "points" and b is not None:
            return b.points_value
        return Decimal("Infinity")

    def paid(self) -> Decimal:
        return sum((e.value() for e in self.pay_edits.values()), Decimal("0.00"))

    def _update_totals(self) -> None:
        total = self.lines.total()
        if self._auto and self.auto_method in self.pay_edits:
            others = sum(
                (e.value() for m, e in self.pay_edits.items() if m != self.auto_method),
                Decimal("0.00"),
            )
            rest = max(total - others, Decimal("0.00"))
            self.pay_edits[self.auto_method].set_value(min(rest, self._available(self.auto_method)))
        remaining = total - self.paid()
        self.total_label.setText(self.tr("Total %1").replace("%1", fmt.money(total)))
        by_card = self.lines.card_total()
        if by_card:  # lines paid with card uses: not money at the till
            self.total_label.setText(
                self.total_label.text() + self.tr(" + cards %1").replace("%1", fmt.money(by_card))
            )
        if remaining == 0:
            text = self.tr("Fully allocated")
        elif remaining > 0:
            text = self.tr("Remaining to allocate: %1").replace("%1", fmt.money(remaining))
        else:
            text = self.tr("Allocated %1 too much").replace("%1", fmt.money(-remaining))
        self.remaining_label.setText(text)
        self.remaining_label.setProperty("open", remaining != 0)
        self.remaining_label.style().unpolish(self.remaining_label)
        self.remaining_label.style().polish(self.remaining_label)
        if self.setup is not None and self.member_id is not None:
            points = self.pay_edits["points"].value()
            if points:
                needed = points_needed(points, self.setup.points_per_yuan)
                self.pay_notes["points"].setToolTip(
                    self.tr("takes %1 points").replace("%1", fmt.number(needed))
                )

    # -- saving ----------------------------------------------------------------------------
    def draft(self, override_reason: str = "") -> VisitDraft:
        payments = tuple(
            PaymentDraft(method, edit.value())
            for method, edit in self.pay_edits.items()
            if edit.value() > 0
        )
        return VisitDraft(
            self.member_id,
            self.lines.drafts(override_reason),
            payments,
            note=self.note_edit.text().strip(),
            satisfaction=self.care.score(),
            complaint=self.care.complaint(),
        )

    def save(self) -> None:
        if not self.lines.lines:
            self.show_message(self.tr("Add at least one service (type its name above)."))
            self._focus_search()
            return
        reason = ""
        overridden = self.lines.overrides()
        if overridden:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Price override"),
                self.tr("Why does %1 not get the member level's price?").replace(
                    "%1", "、".join(overridden)
                ),
            )
            if not ok or not reason.strip():
                self.show_message(self.tr("A changed level price needs a reason."))
                return
        try:
            draft = self.draft(reason.strip())
        except ShopError as exc:  # a shared line (Ctrl+E) whose own staff was then cleared
            self.show_message(exc.message())
            return
        actor = self.ctx.actor
        total = self.lines.total()
        after = self.after_record
        self.save_button.setEnabled(False)
        CollectionOp(
            self.ctx,
            self,
            lambda s: record_then(s, draft, actor, after),
            changes=VISIT_CHANGES,
            success=lambda visit_id: self._saved(visit_id, total),
            failure=self._failed,
        ).run()

    def _saved(self, visit_id: int, total: Decimal) -> None:
        self.visit_id = visit_id
        self.saved_message = self.tr("Visit saved: %1").replace("%1", fmt.money(total))
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
