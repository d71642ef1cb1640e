"""The day view: one column per staff member (or table), time running down, bookings as
blocks. Painted in one pass (no widget per booking), so 200 bookings draw at once.

Keyboard: ←/→ column, ↑/↓ a quarter hour (Shift: to the previous/next booking in the
column), Enter opens the booking under the cursor (or a new one there), N a new booking at
the cursor, PgUp/PgDn the previous/next day.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...services.bookings import LIVE_STATES, BookingRow, DayView

HEADER_H = 44
TIME_W = 58
MIN_COL_W = 130
STEP = 15  # minutes a ↑/↓ moves
STATE_COLOURS = {  # fill, border
    "booked": ("#dbeafe", "#3b82f6"),
    "arrived": ("#dcfce7", "#16a34a"),
    "done": ("#e5e7eb", "#6b7280"),
    "noshow": ("#fee2e2", "#dc2626"),
    "cancelled": ("#f3f4f6", "#9ca3af"),
}
INK, FADED = "#0f172a", "#6b7280"


class DayGrid(QWidget):
    open_booking = Signal(int)  # booking id
    new_booking = Signal(object, object)  # column id (or None), start datetime
    day_step = Signal(int)  # -1 / +1
    typed = Signal(str)  # a printable key: the screen's member search takes it
    cursor_moved = Signal(int, int)  # x, y of the cursor: the scroll area keeps it in view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookingDayGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view: DayView | None = None
        self.col = 0
        self.minute = 9 * 60
        self.px_per_min = 1.0
        self.anyone_text = "—"
        self.guests_text = "%1"  # "%1 guests", set by the screen in its language
        self.highlight: set[int] = set()  # booking ids of the member searched for
        self._col_index: dict[int | None, int] = {}
        self._day_start = datetime.min
        self._width = 0  # the column width, set at each paint

    # -- data -------------------------------------------------------------------------------
    def set_view(self, view: DayView, keep_cursor: bool = True) -> None:
        same_day = self.view is not None and self.view.day == view.day
        self.view = view
        self._col_index = {c.id: i for i, c in enumerate(view.columns)}
        self._day_start = datetime.combine(view.day, time.min)
        if not (keep_cursor and same_day):
            self.col = 0
            self.minute = view.first_minute
        self.col = min(self.col, max(len(view.columns) - 1, 0))
        self.minute = min(max(self.minute, view.first_minute), max(view.last_minute - STEP, 0))
        self.updateGeometry()
        self.update()

    def column_index(self, row: BookingRow) -> int:
        assert self.view is not None
        key = self.view.column_of(row)
        return self._col_index.get(key, len(self.view.columns) - 1)

    def at_cursor(self) -> BookingRow | None:
        """The booking under the cursor (a live one before a cancelled one)."""
        if self.view is None:
            return None
        moment = self.moment(self.minute)
        until = moment + timedelta(minutes=STEP)
        found = [
            r
            for r in self.view.bookings
            if self.column_index(r) == self.col and r.starts_at < until and r.ends_at > moment
        ]
        found.sort(key=lambda r: r.state not in LIVE_STATES)
        return found[0] if found else None

    def moment(self, minute: int) -> datetime:
        assert self.view is not None
        return datetime.combine(self.view.day, time.min) + timedelta(minutes=minute)

    def select_booking(self, booking_id: int) -> None:
        if self.view is None:
            return
        for row in self.view.bookings:
            if row.id == booking_id:
                self.col = self.column_index(row)
                start = datetime.combine(self.view.day, time.min)
                self.minute = max(int((row.starts_at - start).total_seconds() // 60), 0)
                self.update()
                return

    # -- geometry ---------------------------------------------------------------------------
    def _col_width(self) -> int:
        n = max(len(self.view.columns), 1) if self.view else 1
        return max(MIN_COL_W, (self.width() - TIME_W) // n)

    def _y(self, minute: float) -> int:
        first = self.view.first_minute if self.view else 0
        return HEADER_H + int((minute - first) * self.px_per_min)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        if self.view is None:
            return QSize(800, 600)
        span = self.view.last_minute - self.view.first_minute
        width = TIME_W + MIN_COL_W * max(len(self.view.columns), 1)
        return QSize(width, HEADER_H + int(span * self.px_per_min) + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def block_rect(self, row: BookingRow) -> QRect:
        assert self.view is not None
        start = self._day_start
        top = max((row.starts_at - start).total_seconds() / 60, self.view.first_minute)
        bottom = min((row.ends_at - start).total_seconds() / 60, self.view.last_minute)
        width = self._width or self._col_width()
        x = TIME_W + self.column_index(row) * width + 3
        w = width - 6
        if row.state not in LIVE_STATES:  # a freed slot: drawn narrow, under live ones
            x, w = x + w // 2, w - w // 2
        return QRect(x, self._y(top) + 1, w, max(self._y(bottom) - self._y(top) - 2, 12))

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.view is None:
            return
        view = self.view
        width = self._width = self._col_width()
        grid = QPen(QColor("#e5e7eb"))
        hour_pen = QPen(QColor("#cbd5e1"))
        text_pen = QPen(QColor("#475569"))
        right = TIME_W + width * len(view.columns)
        for minute in range(view.first_minute - view.first_minute % 30, view.last_minute + 1, 30):
            if minute < view.first_minute:
                continue
            y = self._y(minute)
            painter.setPen(hour_pen if minute % 60 == 0 else grid)
            painter.drawLine(TIME_W, y, right, y)
            if minute % 60 == 0:
                painter.setPen(text_pen)
                painter.drawText(
                    QRect(0, y - 8, TIME_W - 8, 16),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    f"{minute // 60:02d}:00",
                )
        painter.setPen(grid)
        for i in range(len(view.columns) + 1):
            painter.drawLine(TIME_W + i * width, 0, TIME_W + i * width, self.height())
        self._paint_blocks(painter)
        self._paint_cursor(painter, width)
        self._paint_header(painter, width, right)

    def _paint_header(self, painter: QPainter, width: int, right: int) -> None:
        """The column names, kept at the top of the visible part when the day scrolls."""
        assert self.view is not None
        top = max(self.visibleRegion().boundingRect().top(), 0)
        text_pen = QPen(QColor("#475569"))
        painter.fillRect(QRect(0, top, right, HEADER_H), QColor("#f8fafc"))
        for i, column in enumerate(self.view.columns):
            rect = QRect(TIME_W + i * width + 4, top + 2, width - 8, HEADER_H - 4)
            painter.setPen(QPen(QColor("#0f172a")))
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                column.name or self.anyone_text,
            )
            font.setBold(False)
            painter.setFont(font)
            painter.setPen(text_pen)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                column.detail,
            )

    def block_texts(self, row: BookingRow) -> list[str]:
        head = f"{row.starts_at:%H:%M} {row.who}"
        if row.phone_tail:
            head += f" ·{row.phone_tail}"
        lines = [head]
        if row.party_size:
            lines.append(self.guests_text.replace("%1", str(row.party_size)))
        if row.services:
            lines.append("、".join(row.services))
        return lines

    def _paint_blocks(self, painter: QPainter) -> None:
        """Every block: fill, a state bar, its lines of text cut at its edges (no word wrap
        and no per-block objects: the day's 200 blocks paint in a few milliseconds)."""
        assert self.view is not None
        colours = {k: (QColor(f), QColor(b)) for k, (f, b) in STATE_COLOURS.items()}
        ink, faded = QPen(QColor(INK)), QPen(QColor(FADED))
        metrics = painter.fontMetrics()
        ascent, height = metrics.ascent(), metrics.height()
        for row in sorted(self.view.bookings, key=lambda r: r.state in LIVE_STATES):
            painter.setClipping(False)  # the last block's text clip
            rect = self.block_rect(row)
            x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
            fill, border = colours.get(row.state, colours["booked"])
            painter.fillRect(x, y, w, h, fill)
            painter.fillRect(x, y, 4, h, border)
            if row.id in self.highlight:  # the member searched for
                painter.setPen(QPen(border, 2))
                painter.drawRect(rect)
            painter.setPen(ink if row.state in LIVE_STATES else faded)
            painter.setClipRect(x + 6, y, w - 8, h)
            line_y = y + 1 + ascent
            for text in self.block_texts(row):
                if line_y - ascent >= y + h:
                    break
                painter.drawText(x + 7, line_y, text)
                line_y += height
        painter.setClipping(False)

    def _paint_cursor(self, painter: QPainter, width: int) -> None:
        if self.view is None or not self.view.columns:
            return
        y = self._y(self.minute)
        rect = QRect(TIME_W + self.col * width + 1, y, width - 2, int(STEP * self.px_per_min))
        pen = QPen(QColor("#f97316"), 2)
        if not self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(rect)

    # -- keyboard and mouse -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.view is None:
            return super().keyPressEvent(event)
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Left:
            self.col = max(self.col - 1, 0)
        elif key == Qt.Key.Key_Right:
            self.col = min(self.col + 1, max(len(self.view.columns) - 1, 0))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step(-1 if key == Qt.Key.Key_Up else 1, to_booking=shift)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate()
            return
        elif key == Qt.Key.Key_N and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.new_here()
            return
        elif key == Qt.Key.Key_PageUp:
            self.day_step.emit(-1)
            return
        elif key == Qt.Key.Key_PageDown:
            self.day_step.emit(1)
            return
        elif event.text() and event.text().isprintable() and not event.text().isspace():
            self.typed.emit(event.text())
            return
        else:
            return super().keyPressEvent(event)
        self.update()
        self.cursor_moved.emit(TIME_W + self.col * self._col_width(), self._y(self.minute))

    def _step(self, direction: int, *, to_booking: bool) -> None:
        assert self.view is not None
        if to_booking:
            start = datetime.combine(self.view.day, time.min)
            mins = sorted(
                int((r.starts_at - start).total_seconds() // 60)
                for r in self.view.bookings
                if self.column_index(r) == self.col
            )
            ahead = [m for m in mins if (m - self.minute) * direction > 0]
            if ahead:
                self.minute = ahead[0] if direction > 0 else ahead[-1]
            return
        top, bottom = self.view.first_minute, max(self.view.last_minute - STEP, 0)
        self.minute = min(max(self.minute + direction * STEP, top), bottom)

    def activate(self) -> None:
        row = self.at_cursor()
        if row is not None:
            self.open_booking.emit(row.id)
        else:
            self.new_here()

    def new_here(self) -> None:
        if self.view is None or not self.view.columns:
            return
        column = self.view.columns[self.col]
        self.new_booking.emit(column.id, self.moment(self.minute - self.minute % 5))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self.view is None or not self.view.columns:
            return
        pos = event.position().toPoint()
        col = (pos.x() - TIME_W) // self._col_width()
        if 0 <= col < len(self.view.columns) and pos.y() > HEADER_H:
            self.col = col
            first = self.view.first_minute
            minute = first + int((pos.y() - HEADER_H) / self.px_per_min)
            self.minute = min(minute - minute % STEP, max(self.view.last_minute - STEP, first))
            self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.mousePressEvent(event)
        self.activate()
