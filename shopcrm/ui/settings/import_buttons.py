"""Import from Excel… and Get the template… beside the Services & prices and Staff lists
(the same services as `shopcrm import-services|import-staff` and `shopcrm template`)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget
from sqlalchemy.orm import Session

from ...i18n import current_language
from ...services.setup_import import SetupImportResult, import_services, import_staff
from ...services.templates import write_template
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp
from ..widgets.toast import Toast

IMPORTERS = {"services": (import_services, "catalog"), "staff": (import_staff, "staff")}


class ImportButtons(QWidget):
    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.result: SetupImportResult | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.import_button = QPushButton(self)
        self.template_button = QPushButton(self)
        row.addWidget(self.import_button)
        row.addWidget(self.template_button)
        row.addStretch(1)
        self.import_button.clicked.connect(self.import_file)
        self.template_button.clicked.connect(self.save_template)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.import_button.setText(self.tr("Import from Excel…"))
        self.template_button.setText(self.tr("Get the template…"))

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import"), "", self.tr("Excel or CSV (*.xlsx *.csv);;All files (*)")
        )
        if not path:
            return
        importer, change = IMPORTERS[self.kind]
        actor = self.ctx.actor

        def op(s: Session) -> SetupImportResult:
            return importer(s, path, actor=actor)

        CollectionOp(self.ctx, self, op, changes={change}, success=self._imported).run()

    def _imported(self, result: SetupImportResult) -> None:
        self.result = result
        problems = [
            self.tr("Row %1: %2").replace("%1", str(r.row)).replace("%2", r.reason)
            for r in result.rows
            if r.outcome == "error"
        ]
        if problems:
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Import"), result.summary(), parent=self
            )
            box.setDetailedText("\n".join(problems))
            box.exec()
        else:
            Toast.show_text(self.window(), result.summary())

    def save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Get the template"), f"{self.kind}.xlsx", self.tr("Excel (*.xlsx)")
        )
        if not path:
            return
        try:
            write_template(self.kind, path, current_language())
        except OSError as exc:
            show_error(self, exc)
            return
        Toast.show_text(self.window(), self.tr("Template saved: %1").replace("%1", path))
