"""A new booking: who (a member found as at the counter, or a newcomer's name and phone),
services (the length follows them until typed over), staff or anyone, table and party size
for a restaurant, a note. Enter in the member or service search picks; Ctrl+Enter saves.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError
from ...services.bookings import COLUMNS_TABLE, BookingDraft, BookingSetup, create_booking
from ...services.catalog import ServiceView, find_services
from ...services.members import MemberHit, search_members
from ..app_context import AppContext
from ..counter.widgets import HitList
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.date_pickers import follow_date_rule
from ..widgets.dialog_parts import error_label
from ..widgets.search_box import SearchBox

BOOKING_CHANGES = {"bookings", "followups"}


class BookingDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        setup: BookingSetup,
        start: datetime,
        column_id: int | None = None,
        member: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookingDialog")
        self.ctx = ctx
        self.setup = setup
        self.member_id: int | None = member[0] if member else None
        self.member_hits: list[MemberHit] = []
        self.service_hits: list[ServiceView] = []
        self.chosen: list[ServiceView] = []
        self.minutes_typed = False
        self.booking_id: int | None = None
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.member_label = QLabel(self)
        self.member_search = SearchBox(self, delay_ms=120)
        self.member_list = HitList(self.member_search, self)
        self.member_list.setMaximumHeight(90)
        self.member_search.results_widget = self.member_list
        self.chosen_member = QLabel(member[1] if member else "", self)
        self.chosen_member.setObjectName("sectionTitle")
        who = QVBoxLayout()
        who.addWidget(self.member_search)
        who.addWidget(self.member_list)
        who.addWidget(self.chosen_member)
        form.addRow(self.member_label, who)
        self.guest_label = QLabel(self)
        guest = QHBoxLayout()
        self.guest_name = QLineEdit(self)
        self.guest_phone = QLineEdit(self)
        guest.addWidget(self.guest_name)
        guest.addWidget(self.guest_phone)
        form.addRow(self.guest_label, guest)

        self.service_label = QLabel(self)
        self.service_search = SearchBox(self, delay_ms=120)
        self.service_list = HitList(self.service_search, self)
        self.service_list.setMaximumHeight(80)
        self.service_search.results_widget = self.service_list
        self.chosen_list = QListWidget(self)
        self.chosen_list.setMaximumHeight(60)
        services = QVBoxLayout()
        services.addWidget(self.service_search)
        services.addWidget(self.service_list)
        services.addWidget(self.chosen_list)
        form.addRow(self.service_label, services)

        self.when_label = QLabel(self)
        self.when_edit = QDateTimeEdit(QDateTime(start), self)
        follow_date_rule(self.when_edit, time=True)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(setup.step, 24 * 60)
        self.minutes.setSingleStep(setup.step)
        self.minutes.setValue(60)
        when = QHBoxLayout()
        when.addWidget(self.when_edit)
        when.addWidget(self.minutes)
        form.addRow(self.when_label, when)

        self.staff_label = QLabel(self)
        self.staff_combo = QComboBox(self)
        self.staff_combo.addItem("", None)
        for person in setup.staff:
            self.staff_combo.addItem(person.name, person.id)
        form.addRow(self.staff_label, self.staff_combo)
        self.table_label = QLabel(self)
        self.table_combo = QComboBox(self)
        self.table_combo.addItem("", None)
        for table in setup.tables:
            self.table_combo.addItem(f"{table.name}  {table.detail}".strip(), table.id)
        self.party = QSpinBox(self)
        self.party.setRange(0, 200)
        table_row = QHBoxLayout()
        table_row.addWidget(self.table_combo, 1)
        table_row.addWidget(self.party)
        form.addRow(self.table_label, table_row)
        restaurant = setup.kind == COLUMNS_TABLE
        if restaurant:
            self.table_combo.setCurrentIndex(max(self.table_combo.findData(column_id), 0))
            self.party.setValue(2)
            self.minutes.setValue(120)
        else:
            self.staff_combo.setCurrentIndex(max(self.staff_combo.findData(column_id), 0))
        self.table_label.setVisible(bool(setup.tables))
        self.table_combo.setVisible(bool(setup.tables))
        self.party.setVisible(bool(setup.tables))
        self.note_label = QLabel(self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(500)
        form.addRow(self.note_label, self.note_edit)
        layout.addLayout(form)

        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)

        self.member_search.search.connect(self.find_member)
        self.member_search.activated.connect(
            lambda _t: self.pick_member(self.member_list.currentRow())
        )
        self.member_list.picked.connect(self.pick_member)
        self.service_search.search.connect(self.find_service)
        self.service_search.activated.connect(
            lambda _t: self.pick_service(self.service_list.currentRow())
        )
        self.service_list.picked.connect(self.pick_service)
        self.chosen_list.itemActivated.connect(
            lambda item: self.remove_service(self.chosen_list.row(item))
        )
        self.minutes.editingFinished.connect(self._minutes_typed)
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        (self.service_search if member else self.member_search).setFocus()

    def retranslate_ui(self, *_args: object) -> None:
        follow_date_rule(self.when_edit, time=True)
        self.setWindowTitle(self.tr("New booking"))
        self.member_label.setText(self.tr("&Member"))
        self.member_search.setPlaceholderText(self.tr("Phone tail, name or pinyin"))
        self.guest_label.setText(self.tr("or newcomer"))
        self.guest_name.setPlaceholderText(self.tr("Name"))
        self.guest_phone.setPlaceholderText(self.tr("Phone"))
        self.service_label.setText(self.tr("&Services"))
        self.service_search.setPlaceholderText(self.tr("Type a service, Enter adds it"))
        self.when_label.setText(self.tr("&Time and minutes"))
        self.minutes.setSuffix(self.tr(" min"))
        self.staff_label.setText(self.tr("S&taff"))
        self.staff_combo.setItemText(0, self.tr("Anyone"))
        self.table_label.setText(self.tr("Table and guests"))
        self.table_combo.setItemText(0, self.tr("(no table)"))
        self.party.setSuffix(self.tr(" guests"))
        self.note_label.setText(self.tr("&Note"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )

    # -- member -----------------------------------------------------------------------------
    def find_member(self, text: str) -> None:
        if not text.strip():
            self.member_hits = []
            self.member_list.clear()
            return
        QueryOp(
            self.ctx, self, lambda s: search_members(s, text, limit=8), success=self._show_members
        ).run()

    def _show_members(self, hits: list[MemberHit]) -> None:
        self.member_hits = hits
        self.member_list.clear()
        for hit in hits:
            self.member_list.addItem(QListWidgetItem(f"{hit.name}    {hit.phone}"))
        if hits:
            self.member_list.setCurrentRow(0)

    def pick_member(self, row: int) -> None:
        if not 0 <= row < len(self.member_hits):
            return
        hit = self.member_hits[row]
        self.member_id = hit.id
        self.chosen_member.setText(f"{hit.name}    {hit.phone}")
        self.member_search.clear_search()
        self.service_search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- services ---------------------------------------------------------------------------
    def find_service(self, text: str) -> None:
        QueryOp(
            self.ctx, self, lambda s: find_services(s, text, limit=8), success=self._show_services
        ).run()

    def _show_services(self, hits: list[ServiceView]) -> None:
        self.service_hits = hits
        self.service_list.clear()
        for service in hits:
            minutes = f"  ({service.duration_min}′)" if service.duration_min else ""
            self.service_list.addItem(QListWidgetItem(service.name + minutes))
        if hits:
            self.service_list.setCurrentRow(0)

    def pick_service(self, row: int) -> None:
        if not 0 <= row < len(self.service_hits):
            return
        self.add_service(self.service_hits[row])
        self.service_search.clear_search()

    def add_service(self, service: ServiceView) -> None:
        self.chosen.append(service)
        self.chosen_list.addItem(service.name)
        self._update_minutes()

    def remove_service(self, row: int) -> None:
        if 0 <= row < len(self.chosen):
            del self.chosen[row]
            self.chosen_list.takeItem(row)
            self._update_minutes()

    def _minutes_typed(self) -> None:
        self.minutes_typed = True

    def _update_minutes(self) -> None:
        total = sum(s.duration_min for s in self.chosen)
        if total and not self.minutes_typed:
            step = self.setup.step
            self.minutes.setValue(-(-total // step) * step)

    # -- saving -----------------------------------------------------------------------------
    def draft(self) -> BookingDraft:
        start = self.when_edit.dateTime().toPython()
        return BookingDraft(
            starts_at=start.replace(second=0, microsecond=0),
            member_id=self.member_id,
            guest_name=self.guest_name.text(),
            guest_phone=self.guest_phone.text(),
            staff_id=self.staff_combo.currentData(),
            table_id=self.table_combo.currentData() if self.table_combo.isVisible() else None,
            service_ids=tuple(s.id for s in self.chosen),
            minutes=self.minutes.value(),
            party_size=self.party.value() or None,
            note=self.note_edit.text(),
        )

    def save(self) -> None:
        draft = self.draft()
        actor = self.ctx.actor
        self.save_button.setEnabled(False)
        CollectionOp(
            self.ctx,
            self,
            lambda s: create_booking(s, draft, actor=actor),
            changes=BOOKING_CHANGES,
            success=self._saved,
            failure=self._failed,
        ).run()

    def _saved(self, booking_id: int) -> None:
        self.booking_id = booking_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.error_label.setText(exc.message())
            self.error_label.show()
        else:
            show_error(self, exc)
