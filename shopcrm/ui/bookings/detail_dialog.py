"""One booking: who, when, with whom; Arrive (A), No-show, Cancel with a reason, Move (M).

The dialog only says what was chosen (`action`); the screen runs it, so that Arrive can go
straight on to the visit dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import translate
from ...services.bookings import LIVE_STATES, STATE_NAMES, BookingRow


class BookingDetail(QDialog):
    def __init__(self, row: BookingRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookingDetail")
        self.row = row
        self.action = ""
        self.reason = ""
        self.by = "client"
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        cancel_row = QHBoxLayout()
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(500)
        self.by_shop = QCheckBox(self)
        cancel_row.addWidget(self.reason_edit, 1)
        cancel_row.addWidget(self.by_shop)
        layout.addLayout(cancel_row)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.arrive_button = QPushButton(self)
        self.noshow_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.move_button = QPushButton(self)  # 改约 (ui/bookings/move_dialog.py)
        self.close_button = QPushButton(self)
        for button in (
            self.arrive_button, self.noshow_button, self.cancel_button, self.move_button
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.arrive_button.setDefault(True)
        live = row.state in LIVE_STATES
        self.arrive_button.setEnabled(live)
        self.noshow_button.setEnabled(row.state == "booked")
        self.cancel_button.setEnabled(live)
        self.move_button.setEnabled(row.state == "booked")
        self.reason_edit.setVisible(live)
        self.by_shop.setVisible(live)
        self.arrive_button.clicked.connect(lambda: self.choose("arrive"))
        self.noshow_button.clicked.connect(lambda: self.choose("noshow"))
        self.cancel_button.clicked.connect(lambda: self.choose("cancel"))
        self.move_button.clicked.connect(lambda: self.choose("move"))
        self.close_button.clicked.connect(self.reject)
        self.retranslate_ui()
        (self.arrive_button if live else self.close_button).setFocus()

    def retranslate_ui(self) -> None:
        row = self.row
        self.setWindowTitle(self.tr("Booking #%1").replace("%1", str(row.id)))
        self.title.setText(
            f"{row.starts_at:%Y-%m-%d %H:%M}–{row.ends_at:%H:%M}  ·  {row.who}"
            + (f" ·{row.phone_tail}" if row.phone_tail else "")
        )
        lines = [self.tr("State: %1").replace("%1", translate(STATE_NAMES[row.state]))]
        lines.append(self.tr("With: %1").replace("%1", row.staff or self.tr("anyone")))
        if row.table:
            lines.append(self.tr("Table: %1").replace("%1", row.table))
        if row.party_size:
            lines.append(self.tr("Guests: %1").replace("%1", str(row.party_size)))
        if row.services:
            lines.append(self.tr("Services: %1").replace("%1", "、".join(row.services)))
        if row.note:
            lines.append(self.tr("Note: %1").replace("%1", row.note))
        if row.reason:
            lines.append(self.tr("Reason: %1").replace("%1", row.reason))
        self.body.setText("\n".join(lines))
        self.arrive_button.setText(self.tr("&Arrived → visit"))
        self.noshow_button.setText(self.tr("No-&show"))
        self.cancel_button.setText(self.tr("&Cancel booking"))
        self.move_button.setText(self.tr("&Move…"))
        self.close_button.setText(self.tr("Close"))
        self.reason_edit.setPlaceholderText(self.tr("Reason for cancelling"))
        self.by_shop.setText(self.tr("by the shop"))

    def choose(self, action: str) -> None:
        if action == "cancel" and not self.reason_edit.text().strip():
            self.error_label.setText(self.tr("Type the reason for cancelling first."))
            self.error_label.show()
            self.reason_edit.setFocus()
            return
        self.action = action
        self.reason = self.reason_edit.text().strip()
        self.by = "shop" if self.by_shop.isChecked() else "client"
        self.accept()
