"""Staff: name, role, title, active; set or clear each person's PIN."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services.auth import PERM_STAFF_MANAGE, ROLE_OWNER, ROLE_STAFF, clear_pin, set_pin
from ...services.staff import StaffView, create_staff, list_staff, update_staff
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.empty_hint import EmptyHint
from ..widgets.toast import Toast
from .import_buttons import ImportButtons
from .page import SettingsPage, cell, read_only_table, selected_data


class StaffPage(SettingsPage):
    page_id = "staff"
    edit_perm = PERM_STAFF_MANAGE
    watches = frozenset({"staff"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.staff: list[StaffView] = []
        self.current: StaffView | None = None
        row = QHBoxLayout()
        row.setSpacing(12)
        self.layout_.addLayout(row, 1)
        self.table = read_only_table(self, 5)
        self.table.itemSelectionChanged.connect(self._selected)
        row.addWidget(self.table, 1)

        side = QVBoxLayout()
        row.addLayout(side, 0)
        side_width = 400
        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        form.setVerticalSpacing(8)
        self.name_edit = QLineEdit(self.form_box)
        self.name_edit.setMaxLength(60)
        self.role_combo = QComboBox(self.form_box)
        self.role_combo.addItem("", ROLE_STAFF)
        self.role_combo.addItem("", ROLE_OWNER)
        self.title_edit = QLineEdit(self.form_box)
        self.title_edit.setMaxLength(40)
        self.active_check = QCheckBox(self.form_box)
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, widget in zip(
            self.labels, (self.name_edit, self.role_combo, self.title_edit), strict=True
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.active_check)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.form_box)
        self.new_button.clicked.connect(self.new_staff)
        self.save_button = QPushButton(self.form_box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        side.addWidget(self.form_box)
        self.form_box.setFixedWidth(side_width)

        self.pin_box = QGroupBox(self)
        pins = QVBoxLayout(self.pin_box)
        self.pin_state = QLabel(self.pin_box)
        self.pin_state.setWordWrap(True)
        pin_buttons = QHBoxLayout()
        self.set_pin_button = QPushButton(self.pin_box)
        self.set_pin_button.clicked.connect(self.set_pin)
        self.clear_pin_button = QPushButton(self.pin_box)
        self.clear_pin_button.clicked.connect(self.clear_pin)
        pin_buttons.addWidget(self.set_pin_button)
        pin_buttons.addWidget(self.clear_pin_button)
        pin_buttons.addStretch(1)
        pins.addWidget(self.pin_state)
        pins.addLayout(pin_buttons)
        side.addWidget(self.pin_box)
        self.import_buttons = ImportButtons(ctx, "staff", self)
        side.addWidget(self.import_buttons)
        self.pin_box.setFixedWidth(side_width)
        side.addStretch(1)
        self.empty_hint = EmptyHint(self, "staffEmptyHint")  # a new shop's empty list
        self.empty_hint.add_button("add", self.new_staff, primary=True)
        self.empty_hint.add_button("import", self.import_buttons.import_file)
        self.layout_.insertWidget(2, self.empty_hint)
        self.edit_widgets = [
            self.name_edit,
            self.role_combo,
            self.title_edit,
            self.active_check,
            self.new_button,
            self.save_button,
        ]

    def title(self) -> str:
        return self.tr("Staff")

    def focus_widget(self) -> QWidget | None:
        return self.table

    def role_name(self, role: str) -> str:
        return self.tr("Owner") if role == ROLE_OWNER else self.tr("Staff member")

    def retranslate_ui(self) -> None:
        self.import_buttons.retranslate_ui()
        self.empty_hint.set_texts(
            self.tr("No staff yet: add who serves your customers (PINs only if you want roles), "
                    "or import your team from Excel."),
            add=self.tr("Add a staff member"),
            **{"import": self.tr("Import from Excel…")},
        )  # fmt: skip
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Title"), self.tr("PIN"), self.tr("Status")]
        )
        self.form_box.setTitle(self.tr("Staff member"))
        for label, text in zip(
            self.labels, (self.tr("&Name"), self.tr("&Role"), self.tr("&Title")), strict=True
        ):
            label.setText(text)
        self.title_edit.setPlaceholderText(self.tr("e.g. senior stylist"))
        self.role_combo.setItemText(0, self.role_name(ROLE_STAFF))
        self.role_combo.setItemText(1, self.role_name(ROLE_OWNER))
        self.active_check.setText(self.tr("Active (can serve and log in)"))
        self.new_button.setText(self.tr("New staff member"))
        self.save_button.setText(self.tr("Save"))
        self.pin_box.setTitle(self.tr("PIN for logging in"))
        self.set_pin_button.setText(self.tr("Set PIN…"))
        self.clear_pin_button.setText(self.tr("Clear PIN"))
        self._fill_table()
        self._show_pin_state()
        super().retranslate_ui()

    def update_actions(self) -> None:
        current = self.current
        own = current is not None and current.id == self.ctx.actor.staff_id
        # Anyone may change their own PIN; other PINs are the owner's.
        self.set_pin_button.setEnabled(current is not None and (own or self.can_edit()))
        self.editable(self.clear_pin_button, current is not None and current.has_pin)
        self.editable(self.import_buttons.import_button)
        for button in self.empty_hint.buttons.values():
            self.editable(button)

    # -- data ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        QueryOp(
            self.ctx, self, lambda s: list_staff(s, include_inactive=True), success=self._loaded
        ).run()

    def _loaded(self, staff: list[StaffView]) -> None:
        self.staff = staff
        self.empty_hint.setVisible(not staff)
        self._fill_table()
        keep = self.current.id if self.current else None
        match = next((s for s in staff if s.id == keep), None)
        if match is not None:
            self.table.selectRow(staff.index(match))
            self._show(match)
        else:
            self._show(None)

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.staff))
        for n, person in enumerate(self.staff):
            pin = self.tr("set") if person.has_pin else self.tr("none")
            status = self.tr("active") if person.active else self.tr("inactive")
            self.table.setItem(n, 0, cell(person.name, person.id))
            self.table.setItem(n, 1, cell(self.role_name(person.role)))
            self.table.setItem(n, 2, cell(person.title))
            self.table.setItem(n, 3, cell(pin))
            self.table.setItem(n, 4, cell(status))
        self.table.blockSignals(False)

    def _selected(self) -> None:
        sid = selected_data(self.table)
        self._show(next((s for s in self.staff if s.id == sid), None))

    def _show(self, person: StaffView | None) -> None:
        self.current = person
        self.name_edit.setText(person.name if person else "")
        role = person.role if person else ROLE_STAFF
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))
        self.title_edit.setText(person.title if person else "")
        self.active_check.setChecked(person.active if person else True)
        self.form_box.setTitle(person.name if person else self.tr("New staff member"))
        self._show_pin_state()
        self.update_actions()

    def _show_pin_state(self) -> None:
        person = self.current
        if person is None:
            text = self.tr("Save the staff member first, then set a PIN.")
        elif person.has_pin:
            text = self.tr("%1 has a PIN and can log in when roles are on.").replace(
                "%1", person.name
            )
        else:
            text = self.tr("%1 has no PIN yet and cannot log in when roles are on.").replace(
                "%1", person.name
            )
        self.pin_state.setText(text)

    def new_staff(self) -> None:
        self.table.clearSelection()
        self._show(None)
        self.name_edit.setFocus()

    # -- saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.can_edit():
            return
        name = self.name_edit.text()
        role = self.role_combo.currentData()
        title = self.title_edit.text().strip()
        active = self.active_check.isChecked()
        current = self.current
        actor = self.ctx.actor

        def op(s: Session) -> int:
            if current is None:
                return create_staff(s, name, role=role, title=title, active=active, actor=actor)
            update_staff(
                s, current.id, name=name, role=role, title=title, active=active, actor=actor
            )
            return current.id

        CollectionOp(self.ctx, self, op, changes={"staff"}, success=self._saved).run()

    def _saved(self, staff_id: int) -> None:
        self.current = StaffView(staff_id, "", ROLE_STAFF, "", None, True)
        Toast.show_text(self.window(), self.tr("Staff member saved"))
        self.refresh()

    def ask_pin(self, name: str) -> str | None:
        """The new PIN typed twice; None when cancelled or the two differ."""
        first, ok = QInputDialog.getText(
            self,
            self.tr("Set PIN"),
            self.tr("New PIN for %1 (4 to 12 digits)").replace("%1", name),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        again, ok = QInputDialog.getText(
            self, self.tr("Set PIN"), self.tr("The same PIN again"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        if first != again:
            QMessageBox.warning(self, self.tr("Set PIN"), self.tr("The two PINs differ."))
            return None
        return first

    def set_pin(self) -> None:
        person = self.current
        if person is None:
            return
        pin = self.ask_pin(person.name)
        if pin is None:
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: set_pin(s, person.id, pin, actor=actor),
            changes={"staff"},
            success=lambda _r: self._pin_done(self.tr("PIN set for %1").replace("%1", person.name)),
        ).run()

    def clear_pin(self) -> None:
        person = self.current
        if person is None or not self.can_edit():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Clear PIN"),
            self.tr("Remove %1's PIN? They cannot log in until a new PIN is set.").replace(
                "%1", person.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: clear_pin(s, person.id, actor=actor),
            changes={"staff"},
            success=lambda _r: self._pin_done(
                self.tr("PIN cleared for %1").replace("%1", person.name)
            ),
        ).run()

    def _pin_done(self, text: str) -> None:
        Toast.show_text(self.window(), text)
        self.refresh()
