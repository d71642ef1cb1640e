"""Settings → Services & prices → "Add a starter catalogue": a shop type's typical list,
ticked and priced in one table, added in one save (what the first run offers, later)."""

from __future__ import annotations

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

from ...i18n import ShopError, current_language, translate
from ...services.settings import SHOP_KINDS, get_setting
from ...services.starter_catalogue import M_APPLIED, StarterResult, apply_starter_catalogue
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.dialog_parts import error_label
from ..widgets.starter_table import StarterTable, kind_names


class StarterDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("starterDialog")
        self.ctx = ctx
        self.result_message = ""
        self.setMinimumSize(640, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_combo = QComboBox(self)
        for kind in SHOP_KINDS:
            self.kind_combo.addItem("", kind)
        self.kind_label = QLabel(self)
        self.kind_label.setBuddy(self.kind_combo)
        form.addRow(self.kind_label, self.kind_combo)
        layout.addLayout(form)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.table = StarterTable(self)
        layout.addWidget(self.table, 1)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._show_kind)
        self.retranslate_ui()
        QueryOp(ctx, self, lambda s: get_setting(s, "shop.kind"), success=self._set_kind).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add a starter catalogue"))
        self.kind_label.setText(self.tr("Shop &type"))
        for n, text in enumerate(kind_names()):
            self.kind_combo.setItemText(n, text)
        self.hint.setText(
            self.tr(
                "Untick what you do not offer and type your prices (Enter moves down). "
                "Services the shop already has are left as they are."
            )
        )
        self.save_button.setText(self.tr("Add to the catalogue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )
        self.table.retranslate_ui()

    def _set_kind(self, kind: str) -> None:
        index = self.kind_combo.findData(kind)
        if index == self.kind_combo.currentIndex():
            self._show_kind()
        self.kind_combo.setCurrentIndex(max(index, 0))
        self.table.setFocus()

    def _show_kind(self, *_args: object) -> None:
        self.table.show_kind(self.kind_combo.currentData(), current_language())

    def save(self) -> None:
        kind = self.kind_combo.currentData()
        prices, ticked = self.table.chosen()
        lang = current_language()
        actor = self.ctx.actor

        def op(s: Session) -> StarterResult:
            return apply_starter_catalogue(s, kind, prices, actor=actor, lang=lang, only=ticked)

        CollectionOp(
            self.ctx, self, op, changes={"catalog"}, success=self._saved, failure=self._failed
        ).run()

    def _saved(self, result: StarterResult) -> None:
        self.result_message = translate(
            M_APPLIED, created=len(result.created), skipped=len(result.skipped)
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ShopError):
            show_error(self, exc)
            return
        self.error_label.setText(exc.message())
        self.error_label.show()
