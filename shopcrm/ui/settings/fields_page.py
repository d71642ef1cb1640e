"""Member fields: the shop type's fields and the owner's custom fields (add, hide, show)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import current_language, join_list
from ...services.members import add_custom_field, profile_fields, set_custom_field_active
from ...services.members.fields import CHOICE, DATE, FIELD_TYPES, NUMBER, TEXT, FieldSpec
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table, selected_data


class FieldsPage(SettingsPage):
    page_id = "fields"
    watches = frozenset({"settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.fields: list[FieldSpec] = []
        row = QHBoxLayout()
        row.setSpacing(12)
        self.layout_.addLayout(row, 1)
        left = QVBoxLayout()
        self.table = read_only_table(self, 4)
        self.table.itemSelectionChanged.connect(self.update_actions)
        left.addWidget(self.table, 1)
        toggles = QHBoxLayout()
        self.toggle_button = QPushButton(self)
        self.toggle_button.clicked.connect(self.toggle_active)
        toggles.addWidget(self.toggle_button)
        toggles.addStretch(1)
        left.addLayout(toggles)
        row.addLayout(left, 1)

        side = QVBoxLayout()
        row.addLayout(side, 0)
        self.add_box = QGroupBox(self)
        form = QFormLayout(self.add_box)
        form.setVerticalSpacing(8)
        self.label_edit = QLineEdit(self.add_box)
        self.label_edit.setMaxLength(60)
        self.type_combo = QComboBox(self.add_box)
        for kind in FIELD_TYPES:
            self.type_combo.addItem("", kind)
        self.choices_edit = QLineEdit(self.add_box)
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, widget in zip(
            self.labels, (self.label_edit, self.type_combo, self.choices_edit), strict=True
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.add_button = QPushButton(self.add_box)
        self.add_button.setObjectName("primaryButton")
        self.add_button.clicked.connect(self.add_field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        form.addRow(buttons)
        side.addWidget(self.add_box)
        self.add_box.setFixedWidth(380)
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        side.addWidget(self.note)
        self.note.setFixedWidth(380)
        side.addStretch(1)
        self.type_combo.currentIndexChanged.connect(self.update_actions)
        self.edit_widgets = [self.label_edit, self.type_combo, self.add_button]

    def title(self) -> str:
        return self.tr("Member fields")

    def focus_widget(self) -> QWidget | None:
        return self.label_edit

    def type_name(self, kind: str) -> str:
        return {
            TEXT: self.tr("Text"),
            NUMBER: self.tr("Number"),
            DATE: self.tr("Date"),
            CHOICE: self.tr("Choice"),
        }[kind]

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Type"), self.tr("Choices"), self.tr("Shown")]
        )
        for n, kind in enumerate(FIELD_TYPES):
            self.type_combo.setItemText(n, self.type_name(kind))
        self.add_box.setTitle(self.tr("Add a custom field"))
        for label, text in zip(
            self.labels, (self.tr("&Name"), self.tr("&Type"), self.tr("C&hoices")), strict=True
        ):
            label.setText(text)
        self.label_edit.setPlaceholderText(self.tr("e.g. Nail shape"))
        self.choices_edit.setPlaceholderText(self.tr("e.g. round, square, almond"))
        self.add_button.setText(self.tr("Add field"))
        self.note.setText(
            self.tr(
                "The shop type's fields come with the type. Hiding a custom field keeps "
                "what members already have in it."
            )
        )
        self._fill_table()
        super().retranslate_ui()

    def _selected_field(self) -> FieldSpec | None:
        key = selected_data(self.table)
        return next((f for f in self.fields if f.key == key), None)

    def update_actions(self) -> None:
        field = self._selected_field()
        custom = field is not None and field.custom
        self.toggle_button.setText(
            self.tr("Show again") if custom and not field.active else self.tr("Hide field")
        )
        self.editable(self.toggle_button, custom)
        self.editable(self.choices_edit, self.type_combo.currentData() == CHOICE)

    def refresh(self) -> None:
        QueryOp(
            self.ctx,
            self,
            lambda s: profile_fields(s, include_inactive=True),
            success=self._loaded,
        ).run()

    def _loaded(self, fields: list[FieldSpec]) -> None:
        keep = selected_data(self.table)
        self.fields = fields
        self._fill_table()
        keys = [f.key for f in fields]
        if keep in keys:
            self.table.selectRow(keys.index(keep))
        self.update_actions()

    def _fill_table(self) -> None:
        lang = current_language()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.fields))
        for n, field in enumerate(self.fields):
            if not field.custom:
                shown = self.tr("yes (shop type)")
            else:
                shown = self.tr("yes") if field.active else self.tr("hidden")
            self.table.setItem(n, 0, cell(field.label(lang), field.key))
            self.table.setItem(n, 1, cell(self.type_name(field.field_type)))
            self.table.setItem(n, 2, cell(join_list(field.choices, lang)))
            self.table.setItem(n, 3, cell(shown))
        self.table.blockSignals(False)

    def add_field(self) -> None:
        if not self.can_edit():
            return
        label = self.label_edit.text()
        kind = self.type_combo.currentData()
        raw = self.choices_edit.text().replace("，", ",").replace("、", ",")
        choices = [c.strip() for c in raw.split(",") if c.strip()] if kind == CHOICE else []
        actor = self.ctx.actor

        def added(key: str) -> None:
            self.label_edit.clear()
            self.choices_edit.clear()
            Toast.show_text(self.window(), self.tr("Field added"))
            self.refresh()

        CollectionOp(
            self.ctx,
            self,
            lambda s: add_custom_field(s, label, kind, choices, actor=actor),
            changes={"settings", "members"},
            success=added,
        ).run()

    def toggle_active(self) -> None:
        field = self._selected_field()
        if field is None or not field.custom or not self.can_edit():
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: set_custom_field_active(s, field.key, not field.active, actor=actor),
            changes={"settings", "members"},
            success=lambda _r: self.refresh(),
        ).run()
