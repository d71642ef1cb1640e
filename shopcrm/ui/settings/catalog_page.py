"""Services & prices: categories, services with list price, duration, care offsets, retire."""

from __future__ import annotations

from decimal import Decimal

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services.auth import PERM_PRICES_EDIT
from ...services.catalog import (
    CategoryView,
    ServiceView,
    create_category,
    create_service,
    list_categories,
    list_services,
    rename_category,
    set_service_active,
    update_service,
)
from ..app_context import AppContext
from ..formatting import money
from ..ops import CollectionOp, QueryOp
from ..widgets.empty_hint import EmptyHint
from ..widgets.toast import Toast
from .import_buttons import ImportButtons
from .page import SettingsPage, cell, days_text, parse_days, read_only_table, selected_data


class CatalogPage(SettingsPage):
    page_id = "catalog"
    edit_perm = PERM_PRICES_EDIT
    watches = frozenset({"catalog"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.services: list[ServiceView] = []
        self.categories: list[CategoryView] = []
        self.current: ServiceView | None = None
        row = QHBoxLayout()
        row.setSpacing(12)
        self.layout_.addLayout(row, 1)

        self.table = read_only_table(self, 6)
        self.table.itemSelectionChanged.connect(self._selected)
        row.addWidget(self.table, 1)

        side = QVBoxLayout()
        row.addLayout(side, 0)
        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        form.setVerticalSpacing(8)
        self.name_edit = QLineEdit(self.form_box)
        self.name_edit.setMaxLength(80)
        self.category_combo = QComboBox(self.form_box)
        self.price_edit = QLineEdit(self.form_box)
        self.price_edit.setMaxLength(12)
        self.duration_spin = QSpinBox(self.form_box)
        self.duration_spin.setRange(0, 1440)
        self.duration_spin.setSingleStep(5)
        self.offsets_edit = QLineEdit(self.form_box)
        self.active_check = QCheckBox(self.form_box)
        self.labels = [QLabel() for _ in range(5)]
        for label, widget in zip(
            self.labels,
            (
                self.name_edit,
                self.category_combo,
                self.price_edit,
                self.duration_spin,
                self.offsets_edit,
            ),
            strict=True,
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.offsets_hint = QLabel(self.form_box)
        self.offsets_hint.setObjectName("hint")
        self.offsets_hint.setWordWrap(True)
        form.addRow("", self.offsets_hint)
        form.addRow("", self.active_check)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.form_box)
        self.new_button.clicked.connect(self.new_service)
        self.save_button = QPushButton(self.form_box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        side.addWidget(self.form_box)
        self.form_box.setMaximumWidth(400)

        self.category_box = QGroupBox(self)
        cats = QHBoxLayout(self.category_box)
        self.add_category_button = QPushButton(self.category_box)
        self.add_category_button.clicked.connect(self.add_category)
        self.rename_category_button = QPushButton(self.category_box)
        self.rename_category_button.clicked.connect(self.rename_category)
        cats.addWidget(self.add_category_button)
        cats.addWidget(self.rename_category_button)
        cats.addStretch(1)
        side.addWidget(self.category_box)
        self.category_box.setMaximumWidth(400)
        self.starter_button = QPushButton(self)
        self.starter_button.clicked.connect(self.add_starter)
        side.addWidget(self.starter_button)
        self.import_buttons = ImportButtons(ctx, "services", self)
        side.addWidget(self.import_buttons)
        side.addStretch(1)
        self.empty_hint = EmptyHint(self, "servicesEmptyHint")  # a new shop's empty list
        self.empty_hint.add_button("starter", self.add_starter, primary=True)
        self.empty_hint.add_button("import", self.import_buttons.import_file)
        self.layout_.insertWidget(2, self.empty_hint)

        self.edit_widgets = [
            self.name_edit,
            self.category_combo,
            self.price_edit,
            self.duration_spin,
            self.offsets_edit,
            self.active_check,
            self.new_button,
            self.save_button,
            self.add_category_button,
        ]

    def title(self) -> str:
        return self.tr("Services & prices")

    def focus_widget(self) -> QWidget | None:
        return self.table

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Service"),
                self.tr("Category"),
                self.tr("List price"),
                self.tr("Minutes"),
                self.tr("Care (days)"),
                self.tr("Status"),
            ]
        )
        self.form_box.setTitle(self.tr("Service"))
        for label, text in zip(
            self.labels,
            (
                self.tr("&Name"),
                self.tr("&Category"),
                self.tr("List &price (¥)"),
                self.tr("&Duration (min)"),
                self.tr("Care c&alls after (days)"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.offsets_edit.setPlaceholderText(self.tr("e.g. 3, 30"))
        self.offsets_hint.setText(
            self.tr(
                "A care call is raised this many days after a visit with this service. "
                "A retired service stays in old visits."
            )
        )
        self.active_check.setText(self.tr("In use (untick to retire)"))
        self.new_button.setText(self.tr("New service"))
        self.save_button.setText(self.tr("Save service"))
        self.category_box.setTitle(self.tr("Categories"))
        self.add_category_button.setText(self.tr("Add category…"))
        self.rename_category_button.setText(self.tr("Rename category…"))
        self.starter_button.setText(self.tr("Add a starter catalogue…"))
        self.import_buttons.retranslate_ui()
        self.empty_hint.set_texts(
            self.tr("No services yet: start from a typical price list for your kind of shop, "
                    "or import yours from Excel."),
            starter=self.tr("Add a starter catalogue…"),
            **{"import": self.tr("Import from Excel…")},
        )  # fmt: skip
        self._fill_categories()
        self._fill_table()
        super().retranslate_ui()

    def update_actions(self) -> None:
        self.editable(self.rename_category_button, self.category_combo.currentData() is not None)
        self.editable(self.starter_button)
        self.editable(self.import_buttons.import_button)
        for button in self.empty_hint.buttons.values():
            self.editable(button)

    def add_starter(self) -> None:
        """A shop type's typical services, ticked and priced in one table."""
        from .starter_dialog import StarterDialog

        dialog = StarterDialog(self.ctx, self)
        self.starter_dialog = dialog
        dialog.accepted.connect(lambda: Toast.show_text(self.window(), dialog.result_message))
        dialog.open()

    # -- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        def load(s: Session) -> tuple[list[ServiceView], list[CategoryView]]:
            return list_services(s, include_retired=True), list_categories(s)

        QueryOp(self.ctx, self, load, success=self._loaded).run()

    def _loaded(self, result: tuple[list[ServiceView], list[CategoryView]]) -> None:
        self.services, self.categories = result
        self.empty_hint.setVisible(not self.services)
        self._fill_categories()
        self._fill_table()
        keep = self.current.id if self.current else None
        if keep is not None:
            self.select_service(keep)
        else:
            self.new_service()

    def _fill_categories(self) -> None:
        chosen = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("(no category)"), None)
        for category in self.categories:
            self.category_combo.addItem(category.name, category.id)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(chosen)))
        self.category_combo.blockSignals(False)

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.services))
        for n, service in enumerate(self.services):
            status = self.tr("in use") if service.active else self.tr("retired")
            self.table.setItem(n, 0, cell(service.name, service.id))
            self.table.setItem(n, 1, cell(service.category))
            self.table.setItem(n, 2, cell(money(service.list_price), right=True))
            self.table.setItem(n, 3, cell(service.duration_min or "", right=True))
            self.table.setItem(n, 4, cell(days_text(service.care_offsets)))
            self.table.setItem(n, 5, cell(status))
        self.table.blockSignals(False)

    def select_service(self, service_id: int) -> None:
        for n, service in enumerate(self.services):
            if service.id == service_id:
                self.table.selectRow(n)
                self._show(service)
                return
        self.new_service()

    def _selected(self) -> None:
        sid = selected_data(self.table)
        service = next((s for s in self.services if s.id == sid), None)
        if service is not None:
            self._show(service)

    def _show(self, service: ServiceView | None) -> None:
        self.current = service
        self.name_edit.setText(service.name if service else "")
        category = service.category_id if service else None
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(category)))
        self.price_edit.setText(f"{service.list_price:.2f}" if service else "")
        self.duration_spin.setValue(service.duration_min if service else 0)
        self.offsets_edit.setText(days_text(service.care_offsets) if service else "")
        self.active_check.setChecked(service.active if service else True)
        self.form_box.setTitle(service.name if service else self.tr("New service"))
        self.update_actions()

    def new_service(self) -> None:
        self.table.clearSelection()
        self._show(None)
        self.name_edit.setFocus()

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.can_edit():
            return
        try:
            offsets = parse_days(self.offsets_edit.text())
        except ValueError:
            QMessageBox.warning(
                self,
                self.title(),
                self.tr("Care calls are whole numbers of days separated by commas, e.g. 3, 30."),
            )
            return
        name = self.name_edit.text()
        price = self.price_edit.text().strip().replace("¥", "").replace(",", "") or "0"
        category = self.category_combo.currentData()
        duration = self.duration_spin.value()
        active = self.active_check.isChecked()
        current = self.current
        actor = self.ctx.actor

        def op(s: Session) -> int:
            if current is None:
                return create_service(
                    s,
                    name,
                    price,
                    category_id=category,
                    duration_min=duration,
                    care_offsets=offsets,
                    active=active,
                    actor=actor,
                )
            update_service(
                s,
                current.id,
                name=name,
                list_price=price,
                category_id=category,
                duration_min=duration,
                care_offsets=offsets,
                actor=actor,
            )
            if active != current.active:
                set_service_active(s, current.id, active, actor=actor)
            return current.id

        CollectionOp(self.ctx, self, op, changes={"catalog"}, success=self._saved).run()

    def _saved(self, service_id: int) -> None:
        self.current = ServiceView(service_id, "", None, "", Decimal(0), 0, (), True, "", "")
        Toast.show_text(self.window(), self.tr("Service saved"))
        self.refresh()

    def add_category(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add category"), self.tr("Category name"))
        if not ok or not name.strip():
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: create_category(s, name, actor=actor),
            changes={"catalog"},
            success=lambda _id: self.refresh(),
        ).run()

    def rename_category(self) -> None:
        category_id = self.category_combo.currentData()
        if category_id is None:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Rename category"),
            self.tr("Category name"),
            text=self.category_combo.currentText(),
        )
        if not ok or not name.strip():
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: rename_category(s, category_id, name, actor=actor),
            changes={"catalog"},
            success=lambda _r: self.refresh(),
        ).run()
