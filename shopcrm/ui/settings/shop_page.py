"""Shop: the shop's name and type, the language, where the database is, about."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ... import APP_NAME, __version__
from ...db import resolve_db_url
from ...i18n import join_list
from ...services.settings import SHOP_KINDS, all_settings
from ...services.shop_setup import profile_field_labels, save_shop_settings
from ..app_context import AppContext
from ..errors import log_dir
from ..i18n import LANGUAGE_NAMES, resolve_language
from ..ops import CollectionOp, QueryOp
from ..widgets.starter_table import kind_names
from ..widgets.toast import Toast
from .page import SettingsPage


class ShopPage(SettingsPage):
    page_id = "shop"
    watches = frozenset({"settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.loaded: dict[str, Any] = {}
        layout = self.layout_

        self.shop_box = QGroupBox(self)
        form = QFormLayout(self.shop_box)
        form.setVerticalSpacing(10)
        self.name_edit = QLineEdit(self.shop_box)
        self.name_edit.setMaxLength(80)
        self.kind_combo = QComboBox(self.shop_box)
        for kind in SHOP_KINDS:
            self.kind_combo.addItem("", kind)
        self.kind_hint = QLabel(self.shop_box)
        self.kind_hint.setObjectName("hint")
        self.kind_hint.setWordWrap(True)
        self.language_combo = QComboBox(self.shop_box)
        self.language_combo.addItem("", "")
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.name_label, self.kind_label, self.language_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow("", self.kind_hint)
        form.addRow(self.language_label, self.language_combo)
        self.name_label.setBuddy(self.name_edit)
        self.kind_label.setBuddy(self.kind_combo)
        self.language_label.setBuddy(self.language_combo)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.shop_box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        layout.addWidget(self.shop_box)

        self.data_box = QGroupBox(self)
        data = QFormLayout(self.data_box)
        self.db_edit = QLineEdit(self.data_box)
        self.db_edit.setReadOnly(True)
        self.open_db_button = QPushButton(self.data_box)
        self.open_db_button.clicked.connect(self.open_other_database)
        db_row = QHBoxLayout()
        db_row.addWidget(self.db_edit, 1)
        db_row.addWidget(self.open_db_button)
        self.db_label = QLabel()
        data.addRow(self.db_label, db_row)
        layout.addWidget(self.data_box)

        self.about_box = QGroupBox(self)
        about = QHBoxLayout(self.about_box)
        self.about_text = QLabel(self.about_box)
        self.about_text.setWordWrap(True)
        self.about_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about.addWidget(self.about_text)
        layout.addWidget(self.about_box)
        layout.addStretch(1)

        self.edit_widgets = [
            self.name_edit,
            self.kind_combo,
            self.language_combo,
            self.save_button,
            self.open_db_button,
        ]
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.kind_combo.currentIndexChanged.connect(self._show_kind_hint)

    def title(self) -> str:
        return self.tr("Shop")

    def focus_widget(self) -> QWidget | None:
        return self.name_edit

    def retranslate_ui(self) -> None:
        self.shop_box.setTitle(self.tr("The shop"))
        self.name_label.setText(self.tr("Shop &name"))
        self.kind_label.setText(self.tr("Shop &type"))
        for n, text in enumerate(kind_names()):
            self.kind_combo.setItemText(n, text)
        self.language_label.setText(self.tr("&Language"))
        self.language_combo.setItemText(0, self.tr("Follow the system"))
        self.data_box.setTitle(self.tr("Data"))
        self.db_label.setText(self.tr("Database"))
        self.open_db_button.setText(self.tr("Open another database…"))
        self.open_db_button.setToolTip(self.tr("Close this shop and open another database file"))
        self.about_box.setTitle(self.tr("About"))
        self.save_button.setText(self.tr("Save"))
        keys = QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.save_button.setToolTip(self.tr("Save the settings (%1)").replace("%1", keys))
        self._show_kind_hint()
        self._show_about()
        super().retranslate_ui()

    def _show_kind_hint(self, *_args: object) -> None:
        kind = self.kind_combo.currentData()
        fields = join_list(profile_field_labels(kind))
        self.kind_hint.setText(
            self.tr("The type sets the profile fields on member cards: %1.").replace("%1", fields)
        )

    def _show_about(self) -> None:
        version = self.tr("version %1").replace("%1", __version__)
        lines = [
            f"<b>{APP_NAME}</b> {version}",
            self.tr("Database: %1").replace("%1", self.ctx.database_location()),
            self.tr("Backup folder: %1").replace("%1", str(self.ctx.backup_folder())),
            self.tr("Log files: %1").replace("%1", str(log_dir())),
        ]
        self.about_text.setText("<br>".join(lines))

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.db_edit.setText(self.ctx.database_location())
        QueryOp(self.ctx, self, all_settings, success=self._loaded).run()

    def _loaded(self, values: dict[str, Any]) -> None:
        self.loaded = values
        self.name_edit.setText(values.get("shop.name") or "")
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(values.get("shop.kind"))))
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(values.get("ui.language") or ""))
        )
        self._show_about()

    def values(self) -> dict[str, Any]:
        """What the form says, as plain values (read before scheduling the op)."""
        return {
            "shop.name": self.name_edit.text().strip(),
            "shop.kind": self.kind_combo.currentData(),
            "ui.language": self.language_combo.currentData(),
        }

    def save(self) -> None:
        if not self.can_edit():
            return
        values = self.values()
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: save_shop_settings(s, values, actor=actor),
            changes={"settings"},
            success=self._saved,
        ).run()

    def _saved(self, changed: dict[str, Any]) -> None:
        if "ui.language" in changed:
            self.ctx.set_language(resolve_language(changed["ui.language"]))
        Toast.show_text(
            self.window(), self.tr("Settings saved") if changed else self.tr("Nothing to save")
        )

    def open_other_database(self) -> None:
        start = str(Path(self.ctx.database_location()).parent)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open another database"),
            start,
            self.tr("ShopCRM databases (*.db *.sqlite);;All files (*)"),
        )
        if path:
            self.ctx.request_reopen(resolve_db_url(path))
