"""Opening hours (per weekday, closed days) and a restaurant's tables or rooms.

What `booking hours` and `booking table` set from the CLI, on one owner-only page. Keyboard:
Tab walks Monday to Sunday (closed, opens, closes), Ctrl+S saves the hours; in the tables
part Enter in the name field adds the table, Del retires the selected one (again: restores).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services.bookings import (
    DayHours,
    DayHoursDraft,
    TableView,
    add_table,
    list_tables,
    set_table_active,
    set_week_hours,
    week_hours,
)
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table, selected_data

HOURS_CHANGES = {"settings", "bookings"}


def _hours_and_tables(session: Session) -> tuple[tuple[DayHours, ...], list[TableView]]:
    return week_hours(session), list_tables(session, include_inactive=True)


class HoursPage(SettingsPage):
    page_id = "hours"
    watches = frozenset({"settings", "bookings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tables: list[TableView] = []
        self.message = QLabel(self)  # a refusal, in one line (bad hours, a taken table name)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        self.layout_.addWidget(self.message)
        # -- the week
        self.hours_box = QGroupBox(self)
        grid = QGridLayout(self.hours_box)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.day_labels: list[QLabel] = []
        self.closed_checks: list[QCheckBox] = []
        self.opens_edits: list[QTimeEdit] = []
        self.closes_edits: list[QTimeEdit] = []
        self.opens_title, self.closes_title = QLabel(), QLabel()
        grid.addWidget(self.opens_title, 0, 2)
        grid.addWidget(self.closes_title, 0, 3)
        for weekday in range(7):
            label = QLabel(self.hours_box)
            closed = QCheckBox(self.hours_box)
            opens, closes = QTimeEdit(self.hours_box), QTimeEdit(self.hours_box)
            for edit in (opens, closes):
                edit.setDisplayFormat("HH:mm")
                edit.setMinimumWidth(90)
            closed.toggled.connect(lambda on, o=opens, c=closes: self._closed(on, o, c))
            label.setBuddy(closed)
            grid.addWidget(label, weekday + 1, 0)
            grid.addWidget(closed, weekday + 1, 1)
            grid.addWidget(opens, weekday + 1, 2)
            grid.addWidget(closes, weekday + 1, 3)
            self.day_labels.append(label)
            self.closed_checks.append(closed)
            self.opens_edits.append(opens)
            self.closes_edits.append(closes)
        grid.setColumnStretch(4, 1)
        self.hours_hint = QLabel(self.hours_box)
        self.hours_hint.setObjectName("hint")
        self.hours_hint.setWordWrap(True)
        grid.addWidget(self.hours_hint, 8, 0, 1, 5)
        self.save_button = QPushButton(self.hours_box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save_hours)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        grid.addLayout(save_row, 9, 0, 1, 5)
        self.layout_.addWidget(self.hours_box)
        save = QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save_hours)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        # -- the tables
        self.tables_box = QGroupBox(self)
        box = QVBoxLayout(self.tables_box)
        self.tables_hint = QLabel(self.tables_box)
        self.tables_hint.setObjectName("hint")
        self.tables_hint.setWordWrap(True)
        box.addWidget(self.tables_hint)
        self.table = read_only_table(self.tables_box, 4)
        self.table.setMinimumHeight(180)
        self.table.itemSelectionChanged.connect(self.update_actions)
        box.addWidget(self.table)
        add_row = QHBoxLayout()
        self.name_edit = QLineEdit(self.tables_box)
        self.name_edit.setMaxLength(40)
        self.area_edit = QLineEdit(self.tables_box)
        self.area_edit.setMaxLength(40)
        self.seats_spin = QSpinBox(self.tables_box)
        self.seats_spin.setRange(1, 200)
        self.seats_spin.setValue(4)
        self.name_label, self.area_label, self.seats_label = QLabel(), QLabel(), QLabel()
        for label, widget in (
            (self.name_label, self.name_edit),
            (self.area_label, self.area_edit),
            (self.seats_label, self.seats_spin),
        ):
            label.setBuddy(widget)
            add_row.addWidget(label)
            add_row.addWidget(widget)
        self.add_button = QPushButton(self.tables_box)
        self.add_button.clicked.connect(self.add_table)
        self.name_edit.returnPressed.connect(self.add_table)
        self.area_edit.returnPressed.connect(self.add_table)
        self.retire_button = QPushButton(self.tables_box)
        self.retire_button.clicked.connect(self.toggle_table)
        retire = QShortcut(QKeySequence("Del"), self.table, activated=self.toggle_table)
        retire.setContext(Qt.ShortcutContext.WidgetShortcut)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        add_row.addWidget(self.retire_button)
        box.addLayout(add_row)
        self.layout_.addWidget(self.tables_box)
        self.layout_.addStretch(1)
        self.edit_widgets = [
            *self.closed_checks,
            *self.opens_edits,
            *self.closes_edits,
            self.save_button,
            self.name_edit,
            self.area_edit,
            self.seats_spin,
            self.add_button,
        ]

    # -- SettingsPage ---------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Opening hours and tables")

    def focus_widget(self) -> QWidget | None:
        return self.closed_checks[0]

    def retranslate_ui(self) -> None:
        self.hours_box.setTitle(self.tr("Opening hours"))
        self.opens_title.setText(self.tr("Opens"))
        self.closes_title.setText(self.tr("Closes"))
        names = (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )
        for label, name, check in zip(self.day_labels, names, self.closed_checks, strict=True):
            label.setText(name)
            check.setText(self.tr("Closed"))
        self.hours_hint.setText(
            self.tr(
                "The Bookings day view runs from opening to closing time; utilisation in the "
                "month report counts these hours, and no hours on a closed day. Ctrl+S saves."
            )
        )
        self.save_button.setText(self.tr("Save hours"))
        self.tables_box.setTitle(self.tr("Tables and rooms"))
        self.tables_hint.setText(
            self.tr(
                "For restaurants: with tables set up, the day view has one column per table. "
                "Enter in the name adds a table; Del retires the selected one or brings it back."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Table"), self.tr("Area"), self.tr("Seats"), self.tr("State")]
        )
        self.name_label.setText(self.tr("&Name"))
        self.area_label.setText(self.tr("A&rea"))
        self.seats_label.setText(self.tr("S&eats"))
        self.add_button.setText(self.tr("Add table"))
        self._show_tables()
        super().retranslate_ui()

    def update_actions(self) -> None:
        chosen = self._chosen()
        self.retire_button.setText(
            self.tr("Bring back") if chosen is not None and not chosen.active else self.tr("Retire")
        )
        self.editable(self.retire_button, chosen is not None)

    def refresh(self) -> None:
        QueryOp(self.ctx, self, _hours_and_tables, success=self._loaded).run()

    # -- the week ---------------------------------------------------------------------------------
    @staticmethod
    def _closed(on: bool, opens: QTimeEdit, closes: QTimeEdit) -> None:
        opens.setVisible(not on)
        closes.setVisible(not on)

    def _loaded(self, result: tuple[tuple[DayHours, ...], list[TableView]]) -> None:
        week, self.tables = result
        for day in week:
            self.closed_checks[day.weekday].setChecked(day.closed)
            self._closed(day.closed, self.opens_edits[day.weekday], self.closes_edits[day.weekday])
            self.opens_edits[day.weekday].setTime(QTime(day.opens.hour, day.opens.minute))
            self.closes_edits[day.weekday].setTime(QTime(day.closes.hour, day.closes.minute))
        self._show_tables()

    def drafts(self) -> list[DayHoursDraft]:
        return [
            DayHoursDraft(
                self.opens_edits[n].time().toString("HH:mm"),
                self.closes_edits[n].time().toString("HH:mm"),
                closed=self.closed_checks[n].isChecked(),
            )
            for n in range(7)
        ]

    def save_hours(self) -> None:
        if not self.can_edit():
            return
        drafts, actor = self.drafts(), self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: set_week_hours(s, drafts, actor=actor),
            changes=HOURS_CHANGES,
            success=self._hours_saved,
            failure=self._failed,
        ).run()

    def _hours_saved(self, changed: bool) -> None:
        self.message.hide()
        Toast.show_text(
            self.window(), self.tr("Opening hours saved") if changed else self.tr("No changes")
        )

    # -- the tables -------------------------------------------------------------------------------
    def _show_tables(self) -> None:
        self.table.setRowCount(len(self.tables))
        for row, t in enumerate(self.tables):
            state = self.tr("in use") if t.active else self.tr("retired")
            for col, item in enumerate(
                (cell(t.name, t.id), cell(t.area), cell(t.seats, right=True), cell(state))
            ):
                self.table.setItem(row, col, item)
        self.update_actions()

    def _chosen(self) -> TableView | None:
        table_id = selected_data(self.table)
        return next((t for t in self.tables if t.id == table_id), None)

    def add_table(self) -> None:
        if not self.can_edit():
            return
        name, area, seats = self.name_edit.text(), self.area_edit.text(), self.seats_spin.value()
        actor = self.ctx.actor

        def added(_table_id: int) -> None:
            self.message.hide()
            self.name_edit.clear()
            self.name_edit.setFocus()
            Toast.show_text(self.window(), self.tr("Table %1 added").replace("%1", name.strip()))

        CollectionOp(
            self.ctx,
            self,
            lambda s: add_table(s, name, area=area, seats=seats, actor=actor),
            changes=HOURS_CHANGES,
            success=added,
            failure=self._failed,
        ).run()

    def toggle_table(self) -> None:
        chosen = self._chosen()
        if chosen is None or not self.can_edit():
            return
        actor, table_id, active = self.ctx.actor, chosen.id, not chosen.active
        CollectionOp(
            self.ctx,
            self,
            lambda s: set_table_active(s, table_id, active, actor=actor),
            changes=HOURS_CHANGES,
            failure=self._failed,
        ).run()

    def _failed(self, exc: BaseException) -> None:
        from ...i18n import ShopError
        from ..errors import show_error

        if isinstance(exc, ShopError):
            self.message.setText(exc.message())
            self.message.show()
        else:
            show_error(self, exc)
