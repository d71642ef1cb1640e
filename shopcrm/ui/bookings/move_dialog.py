"""Move a booking (改约): a new start and staff member (or table), the same booking number.

M on the Bookings screen (or "Move…" in a booking's detail) opens it; Enter moves. A taken
time is refused by the service with the booking that holds it and the nearest free time,
which the dialog then puts in the time field: Enter again takes it.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError
from ...services import bookings as svc
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp
from ..widgets.dialog_parts import button_row, error_label
from .booking_dialog import BOOKING_CHANGES


class MoveDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        row: svc.BookingRow,
        setup: svc.BookingSetup,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookingMove")
        self.ctx, self.row, self.setup = ctx, row, setup
        self.moved: svc.Moved | None = None
        self.by_table = setup.kind == svc.COLUMNS_TABLE
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        layout.addWidget(self.title)
        form = QFormLayout()
        self.when_label = QLabel(self)
        self.when_edit = QDateTimeEdit(QDateTime(row.starts_at), self)
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.who_label = QLabel(self)
        self.who_combo = QComboBox(self)
        self.when_label.setBuddy(self.when_edit)
        self.who_label.setBuddy(self.who_combo)
        form.addRow(self.when_label, self.when_edit)
        form.addRow(self.who_label, self.who_combo)
        layout.addLayout(form)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)
        self.buttons, self.ok_button = button_row(
            self, self.save, QDialogButtonBox.StandardButton.Ok
        )
        layout.addWidget(self.buttons)
        self.who_combo.addItem("", None)  # anyone / no table
        current = row.table_id if self.by_table else row.staff_id
        for column in setup.tables if self.by_table else setup.staff:
            self.who_combo.addItem(column.name, column.id)
        if current is not None and self.who_combo.findData(current) < 0:
            self.who_combo.addItem(row.table if self.by_table else row.staff, current)
        self.who_combo.setCurrentIndex(max(self.who_combo.findData(current), 0))
        self.retranslate_ui()
        self.when_edit.setFocus()

    def retranslate_ui(self) -> None:
        row = self.row
        self.setWindowTitle(self.tr("Move booking #%1").replace("%1", str(row.id)))
        self.title.setText(
            self.tr("Move %1's booking of %2 (same number)")
            .replace("%1", row.who)
            .replace("%2", f"{row.starts_at:%Y-%m-%d %H:%M}")
        )
        self.when_label.setText(self.tr("New &time:"))
        self.who_label.setText(self.tr("Ta&ble:") if self.by_table else self.tr("&With:"))
        self.who_combo.setItemText(0, self.tr("(none)") if self.by_table else self.tr("anyone"))
        self.ok_button.setText(self.tr("Move (Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )

    def save(self) -> None:
        start = self.when_edit.dateTime().toPython().replace(second=0, microsecond=0)
        chosen = self.who_combo.currentData()
        kwargs = {"table_id": chosen} if self.by_table else {"staff_id": chosen}
        booking_id, actor = self.row.id, self.ctx.actor
        self.ok_button.setEnabled(False)
        CollectionOp(
            self.ctx,
            self,
            lambda s: svc.move_booking(s, booking_id, start, actor=actor, **kwargs),
            changes=BOOKING_CHANGES,
            success=self._moved,
            failure=self._failed,
        ).run()

    def _moved(self, moved: svc.Moved) -> None:
        self.moved = moved
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if not isinstance(exc, ShopError):
            show_error(self, exc)
            return
        self.error_label.setText(exc.message())
        self.error_label.show()
        nearest = getattr(exc, "nearest", None)
        if nearest is not None:  # offered: Enter again takes it
            self.when_edit.setDateTime(QDateTime(nearest))
        self.when_edit.setFocus()
