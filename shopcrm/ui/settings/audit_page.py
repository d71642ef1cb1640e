"""Audit log (owner only): who changed what and when — one sentence per entry naming the
person and the object (services/audit_words.py) — filtered, exported to xlsx or csv."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import current_language
from ...services.audit import audit_entries, export_audit
from ...services.audit_words import AuditLine, audit_sentences
from ...services.auth import PERM_AUDIT_VIEW
from ...services.staff import StaffView, list_staff
from ..app_context import AppContext
from ..formatting import day_time
from ..ops import Job, JobOp, QueryOp
from ..widgets.date_pickers import follow_date_rule
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table

SHOWN = 500
ENTITIES = (
    "member",
    "visit",
    "wallet",
    "followup",
    "followup_rule",
    "service",
    "category",
    "custom_field",
    "staff",
    "setting",
    "booking",
    "booking_table",
    "card",
    "card_type",
    "complaint",
    "satisfaction",
    "level",
    "offer",
    "commission_rule",
    "payment_method",
    "month",
)


class AuditPage(SettingsPage):
    page_id = "audit"
    view_perm = PERM_AUDIT_VIEW
    edit_perm = PERM_AUDIT_VIEW
    watches = frozenset(
        {"members", "visits", "wallet", "followups", "settings", "catalog", "staff", "bookings"}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[AuditLine] = []
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.entity_combo = QComboBox(self)
        self.entity_combo.addItem("", None)
        for entity in ENTITIES:
            self.entity_combo.addItem("", entity)
        self.staff_combo = QComboBox(self)
        self.staff_combo.addItem("", None)
        self.since_edit = QDateEdit(self)
        self.until_edit = QDateEdit(self)
        today = QDate.currentDate()
        for edit, value in ((self.since_edit, today.addDays(-30)), (self.until_edit, today)):
            edit.setCalendarPopup(True)
            follow_date_rule(edit)
            edit.setDate(value)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("primaryButton")
        self.show_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export)
        for widget in (
            self.entity_combo,
            self.staff_combo,
            self.from_label,
            self.since_edit,
            self.to_label,
            self.until_edit,
            self.show_button,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        self.layout_.addLayout(filters)
        self.table = read_only_table(self, 4, stretch=3)
        self.layout_.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")
        self.layout_.addWidget(self.count_label)
        for combo in (self.entity_combo, self.staff_combo):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.edit_widgets = [self.export_button]

    def title(self) -> str:
        return self.tr("Audit log")

    def focus_widget(self) -> QWidget | None:
        return self.entity_combo

    def entity_name(self, entity: str) -> str:
        return {
            "member": self.tr("Members"),
            "visit": self.tr("Visits"),
            "wallet": self.tr("Wallet"),
            "followup": self.tr("Follow-ups"),
            "followup_rule": self.tr("Follow-up rules"),
            "service": self.tr("Services"),
            "category": self.tr("Categories"),
            "custom_field": self.tr("Member fields"),
            "staff": self.tr("Staff"),
            "setting": self.tr("Settings"),
            "booking": self.tr("Bookings"),
            "booking_table": self.tr("Tables"),
            "card": self.tr("Package cards"),
            "card_type": self.tr("Package card types"),
            "complaint": self.tr("Complaints"),
            "satisfaction": self.tr("Satisfaction scores"),
            "level": self.tr("Member levels"),
            "offer": self.tr("Top-up offers"),
            "commission_rule": self.tr("Commission rules"),
            "payment_method": self.tr("Payment methods"),
            "month": self.tr("Month close"),
        }.get(entity, entity)

    def action_name(self, action: str) -> str:
        return {
            "create": self.tr("created"),
            "add": self.tr("added"),
            "update": self.tr("changed"),
            "change": self.tr("changed"),
            "rename": self.tr("renamed"),
            "retire": self.tr("retired"),
            "activate": self.tr("shown again"),
            "deactivate": self.tr("hidden"),
            "set_pin": self.tr("PIN set"),
            "clear_pin": self.tr("PIN cleared"),
            "login": self.tr("logged in"),
            "login_failed": self.tr("wrong PIN"),
            "login_attempt": self.tr("wrong PIN"),
            "merge": self.tr("merged"),
            "erase": self.tr("erased"),
            "export": self.tr("exported"),
            "export_data": self.tr("personal data exported"),
            "archive": self.tr("archived"),
            "restore": self.tr("restored"),
            "tag": self.tr("tagged"),
            "untag": self.tr("tag removed"),
            "topup": self.tr("topped up"),
            "adjust": self.tr("balance adjusted"),
            "void": self.tr("voided"),
        }.get(action, action)

    def retranslate_ui(self) -> None:
        for edit in (self.since_edit, self.until_edit):
            follow_date_rule(edit)
        self.entity_combo.setItemText(0, self.tr("Everything"))
        for n, entity in enumerate(ENTITIES, start=1):
            self.entity_combo.setItemText(n, self.entity_name(entity))
        self.staff_combo.setItemText(0, self.tr("Everyone"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.show_button.setText(self.tr("Show"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the filtered log as Excel (.xlsx) or CSV"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Who"), self.tr("What"), self.tr("What happened")]
        )
        self._fill_table()
        super().retranslate_ui()
        if self.rows and self.isVisible():
            self.refresh()  # the sentences come from the services in the language

    def filters(self) -> dict[str, object]:
        """The chosen filters as plain values (read before scheduling)."""
        return {
            "entity": self.entity_combo.currentData(),
            "staff_id": self.staff_combo.currentData(),
            "since": self.since_edit.date().toPython(),
            "until": self.until_edit.date().toPython(),
        }

    def _filter_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if not self.can_view():
            return
        filters = self.filters()
        actor, lang = self.ctx.actor, current_language()

        def load(s: Session) -> tuple[list[AuditLine], list[StaffView]]:
            rows = audit_entries(s, actor=actor, limit=SHOWN, **filters)  # type: ignore[arg-type]
            return audit_sentences(s, rows, lang), list_staff(s, include_inactive=True)

        QueryOp(self.ctx, self, load, success=self._loaded).run()

    def _loaded(self, result: tuple[list[AuditLine], list[StaffView]]) -> None:
        self.rows, staff = result
        chosen = self.staff_combo.currentData()
        self.staff_combo.blockSignals(True)
        while self.staff_combo.count() > 1:
            self.staff_combo.removeItem(1)
        for person in staff:
            self.staff_combo.addItem(person.name, person.id)
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(chosen)))
        self.staff_combo.blockSignals(False)
        self._fill_table()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            self.table.setItem(n, 0, cell(day_time(row.created_at), row.id))
            self.table.setItem(n, 1, cell(row.who))
            self.table.setItem(n, 2, cell(row.what))
            item = cell(row.sentence)
            item.setToolTip(row.sentence[:2000])
            self.table.setItem(n, 3, item)
        if len(self.rows) >= SHOWN:
            text = self.tr("Showing the newest %1 entries; narrow the filter or export all.")
            self.count_label.setText(text.replace("%1", str(SHOWN)))
        else:
            self.count_label.setText(self.tr("%1 entries").replace("%1", str(len(self.rows))))

    def export(self) -> None:
        if not self.can_edit():
            return
        name = f"audit-{clock.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit log"),
            str(Path.home() / name),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".xlsx"
        filters = self.filters()
        actor, lang = self.ctx.actor, current_language()
        writing = self.tr("Writing %1").replace("%1", Path(path).name)

        def work(job: Job) -> int:
            job.progress(0.2, writing)
            with job.session() as s:
                return export_audit(s, path, actor=actor, lang=lang, **filters)  # type: ignore[arg-type]

        JobOp(
            self.ctx,
            self,
            "audit-export",
            self.tr("Exporting the audit log"),
            work,
            success=lambda count: Toast.show_text(
                self.window(),
                self.tr("%1 entries written to %2").replace("%1", str(count)).replace("%2", path),
            ),
            cancellable=False,
        ).run()
