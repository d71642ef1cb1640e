"""Bookings (预约): the day's book by staff member or table, and the week.

Typing anywhere on the screen searches members as the counter does (phone tail, name,
pinyin); Enter on a member selects their booking that day, or starts a new one for them.
Arrive opens the visit dialog with the booking's member, services and staff; saving the
visit completes the booking in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...services import bookings as svc
from ...services.members import MemberHit, search_members
from .. import formatting as fmt
from ..app_context import AppContext
from ..counter.rebook_bar import RebookBar
from ..counter.widgets import HitList
from ..ops import CollectionOp, QueryOp
from ..screen import Screen
from ..widgets.date_pickers import follow_date_rule
from ..widgets.search_box import SearchBox
from ..widgets.toast import Toast
from .booking_dialog import BOOKING_CHANGES, BookingDialog
from .day_grid import DayGrid
from .detail_dialog import BookingDetail


class WeekTable(QTableWidget):
    """Rows: staff or tables; columns: Monday to Sunday; Enter opens that day."""

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.cellActivated.emit(self.currentRow(), self.currentColumn())
            return
        super().keyPressEvent(event)


class BookingsScreen(Screen):
    screen_id = "bookings"
    icon = "nav-bookings.svg"
    watches = frozenset({"bookings", "visits", "members", "staff", "settings", "database"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.day = clock.today()
        self.view: svc.DayView | None = None
        self.week: tuple[date, tuple[svc.BookingRow, ...]] | None = None
        self.hits: list[MemberHit] = []
        self.dialog: QWidget | None = None
        self._seq = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.prev_button = QPushButton("◀", self)
        self.day_edit = QDateEdit(self)
        self.day_edit.setCalendarPopup(True)
        follow_date_rule(self.day_edit, weekday=True)
        self.next_button = QPushButton("▶", self)
        self.today_button = QPushButton(self)
        self.day_mode = QPushButton(self)
        self.week_mode = QPushButton(self)
        for b in (self.day_mode, self.week_mode):
            b.setCheckable(True)
        self.day_mode.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.day_mode)
        modes.addButton(self.week_mode)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("primary")
        for w in (self.prev_button, self.day_edit, self.next_button, self.today_button,
                  self.day_mode, self.week_mode, self.new_button):  # fmt: skip
            top.addWidget(w)
        layout.addLayout(top)

        find = QHBoxLayout()
        self.search = SearchBox(self)
        self.search.setObjectName("bookingSearch")
        self.results = HitList(self.search, self)
        self.results.setMaximumHeight(70)
        self.results.hide()
        self.search.results_widget = self.results
        self.summary = QLabel(self)
        self.summary.setObjectName("screenSubheading")
        find.addWidget(self.search, 2)
        find.addWidget(self.summary, 3)
        layout.addLayout(find)
        layout.addWidget(self.results)

        self.stack = QStackedWidget(self)
        self.grid = DayGrid(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid)
        self.week_table = WeekTable(self)
        self.week_table.setObjectName("bookingWeek")
        self.week_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.week_table.setWordWrap(True)
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(self.week_table)
        layout.addWidget(self.stack, 1)
        self.rebook = RebookBar(ctx, self._rebook_closed, self)  # "rebook?" after Arrive → visit
        layout.addWidget(self.rebook)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)

        self.prev_button.clicked.connect(lambda: self.step_day(-1))
        self.next_button.clicked.connect(lambda: self.step_day(1))
        self.today_button.clicked.connect(lambda: self.show_day(clock.today()))
        self.day_edit.dateChanged.connect(lambda d: self.show_day(d.toPython()))
        self.day_mode.clicked.connect(lambda: self.set_week(False))
        self.week_mode.clicked.connect(lambda: self.set_week(True))
        self.new_button.clicked.connect(lambda: self.grid.new_here())
        self.grid.open_booking.connect(self.open_booking)
        self.grid.new_booking.connect(lambda col, start: self.new_booking(col, start))
        self.grid.day_step.connect(self.step_day)
        self.grid.typed.connect(self._typed)
        self.grid.cursor_moved.connect(lambda x, y: self.scroll.ensureVisible(x, y, 60, 80))
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.grid.update())
        self.week_table.cellActivated.connect(self._week_cell)
        self.search.search.connect(self.find_member)
        self.search.activated.connect(lambda _t: self.pick_member(self.results.currentRow()))
        self.results.picked.connect(self.pick_member)
        self.results.back.connect(lambda: self.search.setFocus())
        QShortcut(QKeySequence("Escape"), self.search, activated=self._escape)
        QShortcut(  # M: move (改约) the booking under the cursor
            QKeySequence("M"), self.grid, activated=self.move_here,
            context=Qt.ShortcutContext.WidgetShortcut,
        )  # fmt: skip
        self.retranslate_ui()
        self._set_date_edit()

    # -- Screen -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Bookings")

    def focus_widget(self) -> QWidget | None:
        return self.week_table if self.week_mode.isChecked() else self.grid

    def retranslate_ui(self) -> None:
        follow_date_rule(self.day_edit, weekday=True)
        self.heading.setText(self.tr("Bookings"))
        self.today_button.setText(self.tr("Today"))
        self.rebook.retranslate_ui()
        self.day_mode.setText(self.tr("Day"))
        self.week_mode.setText(self.tr("Week"))
        self.new_button.setText(self.tr("New booking (N)"))
        self.search.setPlaceholderText(self.tr("Find a member: phone tail, name or pinyin"))
        self.grid.anyone_text = self.tr("Anyone")
        self.grid.guests_text = self.tr("party of %1")
        self.hint.setText(
            self.tr(
                "Arrows move, Shift+↑/↓ jump between bookings, Enter opens, N new booking, "
                "M moves it, PgUp/PgDn another day; type to find a member."
            )
        )
        if self.view is not None:
            self._show_summary()
        if self.week is not None:
            self._fill_week()

    def refresh(self) -> None:
        day = self.day
        QueryOp(self.ctx, self, lambda s: svc.day_view(s, day), success=self.show_view).run()
        if self.week_mode.isChecked():
            QueryOp(self.ctx, self, lambda s: svc.week_view(s, day), success=self.show_week).run()

    def on_changes(self, kinds: frozenset[str], origin: QObject | None) -> None:
        if kinds & self.watches:
            self.mark_stale()

    # -- days -------------------------------------------------------------------------------
    def show_day(self, day: date) -> None:
        if day == self.day and self.view is not None and self.view.day == day:
            return
        self.day = day
        self._set_date_edit()
        self.refresh()

    def step_day(self, days: int) -> None:
        self.show_day(self.day + timedelta(days=7 * days if self.week_mode.isChecked() else days))

    def _set_date_edit(self) -> None:
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(QDate(self.day))
        self.day_edit.blockSignals(False)

    def set_week(self, week: bool) -> None:
        self.week_mode.setChecked(week)
        self.day_mode.setChecked(not week)
        self.stack.setCurrentIndex(1 if week else 0)
        self.refresh()
        target = self.focus_widget()
        if target is not None:
            target.setFocus()

    def show_view(self, view: svc.DayView) -> None:
        self.view = view
        self.grid.set_view(view)
        self._show_summary()

    def _show_summary(self) -> None:
        assert self.view is not None
        rows = self.view.bookings
        live = sum(r.state in svc.LIVE_STATES for r in rows)
        arrived = sum(r.state == "arrived" for r in rows)
        done = sum(r.state == "done" for r in rows)
        self.summary.setText(
            self.tr("%1: %2 booked, %3 here, %4 done")
            .replace("%1", fmt.day(self.view.day))
            .replace("%2", str(live - arrived))
            .replace("%3", str(arrived))
            .replace("%4", str(done))
            + (
                self.tr(" · closed (Settings → Opening hours and tables)")
                if self.view.closed
                else ""
            )
        )

    def show_week(self, week: tuple[date, tuple[svc.BookingRow, ...]]) -> None:
        self.week = week
        self._fill_week()

    def _fill_week(self) -> None:
        if self.week is None or self.view is None:
            return
        monday, rows = self.week
        columns = list(self.view.columns)
        table = self.week_table
        table.clear()
        table.setRowCount(len(columns))
        table.setColumnCount(7)
        table.setHorizontalHeaderLabels(
            [fmt.short_day(monday + timedelta(days=i)) for i in range(7)]
        )
        table.setVerticalHeaderLabels([c.name or self.tr("Anyone") for c in columns])
        cells: dict[tuple[int, int], list[str]] = {}
        ids = [c.id for c in columns]
        for r in rows:
            key = r.table_id if self.view.kind == svc.COLUMNS_TABLE else r.staff_id
            if key not in ids and None not in ids:
                continue  # anyone / retired, on a day the shown day's columns lack
            row = ids.index(key if key in ids else None)
            day = (r.starts_at.date() - monday).days
            if 0 <= day < 7 and r.state in svc.LIVE_STATES + ("done",):
                cells.setdefault((row, day), []).append(f"{r.starts_at:%H:%M} {r.who}")
        for (row, day), texts in cells.items():
            table.setItem(row, day, QTableWidgetItem("\n".join(texts)))
        table.resizeRowsToContents()
        table.setCurrentCell(0, (self.day - monday).days)

    def _week_cell(self, _row: int, column: int) -> None:
        if self.week is None:
            return
        self.set_week(False)
        self.show_day(self.week[0] + timedelta(days=column))

    # -- member search ----------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        self.search.setFocus()
        self.search.insert(text)
        self.search.textEdited.emit(self.search.text())  # as if typed there: search soon

    def _escape(self) -> None:
        self.search.clear_search()
        self.results.hide()
        self.grid.highlight = set()
        self.grid.update()
        self.grid.setFocus()

    def find_member(self, text: str) -> None:
        self._seq += 1
        seq = self._seq
        if not text.strip():
            self._show_hits(seq, [])
            return
        QueryOp(
            self.ctx,
            self,
            lambda s: search_members(s, text, limit=8),
            success=lambda hits: self._show_hits(seq, hits),
        ).run()

    def _show_hits(self, seq: int, hits: list[MemberHit]) -> None:
        if seq != self._seq:
            return
        self.hits = hits
        self.results.clear()
        for hit in hits:
            self.results.addItem(QListWidgetItem(f"{hit.name}    {hit.phone}"))
        self.results.setVisible(bool(hits))
        if hits:
            self.results.setCurrentRow(0)
        ids = {h.id for h in hits}
        rows = self.view.bookings if self.view else ()
        self.grid.highlight = {r.id for r in rows if r.member_id in ids}
        self.grid.update()

    def pick_member(self, row: int) -> None:
        """The member's live booking this day is selected; else a new one for them."""
        if not 0 <= row < len(self.hits):
            return
        hit = self.hits[row]
        self.search.clear_search()
        self.results.hide()
        rows = self.view.bookings if self.view else ()
        mine = [r for r in rows if r.member_id == hit.id and r.state in svc.LIVE_STATES]
        if mine:
            self.grid.select_booking(mine[0].id)
            self.grid.setFocus()
            return
        self.new_booking(None, None, member=(hit.id, hit.name))

    # -- bookings ---------------------------------------------------------------------------
    def new_booking(
        self,
        column_id: int | None,
        start: datetime | None,
        member: tuple[int, str] | None = None,
    ) -> None:
        if self.dialog is not None:
            return
        if start is None:
            start = (
                self.grid.moment(self.grid.minute)
                if self.view
                else datetime.combine(self.day, time(10))
            )
            if self.view and self.view.columns:
                column_id = self.view.columns[self.grid.col].id

        def got(setup: svc.BookingSetup) -> None:
            dialog = BookingDialog(self.ctx, setup, start, column_id, member, self)
            self._open(dialog, self._booked)

        QueryOp(self.ctx, self, svc.booking_setup, success=got).run()

    def _booked(self, dialog: BookingDialog) -> None:
        Toast.show_text(self.window(), self.tr("Booked"))
        if dialog.booking_id is not None:
            booking_id = dialog.booking_id
            day = self.day
            QueryOp(
                self.ctx,
                self,
                lambda s: svc.day_view(s, day),
                success=lambda v: (self.show_view(v), self.grid.select_booking(booking_id)),
            ).run()

    def open_booking(self, booking_id: int) -> None:
        if self.dialog is not None:
            return
        QueryOp(
            self.ctx,
            self,
            lambda s: svc.get_booking(s, booking_id),
            success=lambda row: self._open(BookingDetail(row, self), self._detail_done),
        ).run()

    def _detail_done(self, dialog: BookingDetail) -> None:
        row, actor = dialog.row, self.ctx.actor
        if dialog.action == "arrive":
            CollectionOp(
                self.ctx,
                self,
                lambda s: svc.arrive_for_visit(s, row.id, actor=actor),
                changes=BOOKING_CHANGES | {"members"},
                success=self.start_visit,
            ).run()
        elif dialog.action == "noshow":
            CollectionOp(
                self.ctx,
                self,
                lambda s: svc.mark_noshow(s, row.id, actor=actor),
                changes=BOOKING_CHANGES,
            ).run()
        elif dialog.action == "move":
            self.dialog = None  # the booking's own dialog is closing
            self.move_booking(row)
        elif dialog.action == "cancel":
            reason, by = dialog.reason, dialog.by
            CollectionOp(
                self.ctx,
                self,
                lambda s: svc.cancel(s, row.id, reason, by=by, actor=actor),
                changes=BOOKING_CHANGES,
            ).run()

    def move_here(self) -> None:
        row = self.grid.at_cursor()
        if row is not None and self.dialog is None:
            self.move_booking(row)

    def move_booking(self, row: svc.BookingRow) -> None:
        """The move dialog (改约); the view follows the booking to its new day and time."""
        from .move_dialog import MoveDialog

        def got(setup: svc.BookingSetup) -> None:
            self._open(MoveDialog(self.ctx, row, setup, self), self._moved)

        QueryOp(self.ctx, self, svc.booking_setup, success=got).run()

    def _moved(self, dialog: QWidget) -> None:
        moved = getattr(dialog, "moved", None)
        if moved is None:
            return
        Toast.show_text(
            self.window(), self.tr("Moved to %1").replace("%1", f"{moved.starts_at:%m-%d %H:%M}")
        )
        day, booking_id = moved.starts_at.date(), moved.booking_id
        self.day = day
        self._set_date_edit()
        QueryOp(
            self.ctx,
            self,
            lambda s: svc.day_view(s, day),
            success=lambda v: (self.show_view(v), self.grid.select_booking(booking_id)),
        ).run()

    def start_visit(self, row: svc.BookingRow) -> None:
        """The visit dialog, pre-filled; saving it completes the booking (same transaction)."""
        from ..counter.visit_dialog import VisitDialog

        actor = self.ctx.actor
        booking_id = row.id
        dialog = VisitDialog(self.ctx, row.member_id, self)
        dialog.after_record = lambda s, visit_id: svc.complete(s, booking_id, visit_id, actor=actor)
        dialog.prefill(row.service_ids, row.staff_id)
        self.dialog = None  # the booking's own dialog is closing
        self._open(dialog, self._visit_saved)

    def _visit_saved(self, dialog: QWidget) -> None:
        message = getattr(dialog, "saved_message", "")
        if message:
            Toast.show_text(self.window(), message)
        self.ctx.changes.changes_applied.emit(frozenset({"bookings"}), self)
        visit_id = getattr(dialog, "visit_id", None)
        if visit_id is not None:  # the counter's "rebook?" offer, here too
            self.rebook.offer_for(visit_id, lambda: self.dialog is None)

    def _rebook_closed(self, typed: str) -> None:
        """The offer was booked or skipped (or a name typed): back to the book."""
        if typed:
            self._typed(typed)
            return
        target = self.focus_widget()
        if target is not None:
            target.setFocus()

    def _open(self, dialog, done) -> None:  # noqa: ANN001
        """A dialog window-modal without blocking (tests drive it like a person)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: done(dialog))
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        dialog.open()

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
            target = self.focus_widget()
            if target is not None:
                target.setFocus()
