"""The member card's booking line: upcoming bookings and how often they did not come."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...services.bookings import MemberBookings
from .. import formatting as fmt


class MemberBookingsLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberBookings")
        self.setWordWrap(True)
        self.bookings: MemberBookings | None = None

    def show_bookings(self, bookings: MemberBookings | None) -> None:
        self.bookings = bookings
        if bookings is None:
            self.hide()
            return
        parts = [
            self.tr("Booked %1 %2")
            .replace("%1", fmt.short_day(r.starts_at))
            .replace("%2", f"{r.starts_at:%H:%M}" + (f" · {r.staff}" if r.staff else ""))
            for r in bookings.upcoming[:3]
        ]
        if not parts:
            parts.append(self.tr("No upcoming booking"))
        if bookings.no_shows:
            parts.append(self.tr("%1 no-show(s)").replace("%1", str(bookings.no_shows)))
        self.setText("  ·  ".join(parts))
        self.setProperty("warn", bookings.no_shows > 0)
        self.show()
