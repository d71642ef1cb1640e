"""Members: the whole list (lazy, filtered and sorted in SQL), import, export, merge, archive.

The screen keeps the filtered id list only; rows come a page at a time from
``services.members.listing.member_rows``. ABC / RFM / lifecycle classes are computed once per
refresh in a background op and applied to the list by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...i18n import current_language
from ...services.members import (
    all_tags,
    archive_member,
    export_members,
    get_member,
    import_members,
    merge_members,
    restore_member,
)
from ...services.members.listing import (
    CLASS_KEYS,
    ClassCodes,
    MemberFilter,
    member_class_codes,
    member_ids,
    member_levels,
)
from .. import formatting as fmt
from ..app_context import AppContext
from ..ops import CollectionOp, Job, JobOp, QueryOp
from ..screen import Screen
from ..widgets.search_box import SearchBox
from ..widgets.toast import Toast
from .dialogs import ImportSummaryDialog, MergeDialog
from .empty import MembersEmptyHint
from .filters import FilterBar
from .model import MemberListModel

MEMBER_CHANGES = {"members", "visits", "wallet", "followups"}


def _keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class MembersScreen(Screen):
    screen_id = "members"
    icon = "nav-members.svg"
    watches = frozenset({"members", "visits", "wallet", "settings", "database"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.order = "name"
        self.descending = False
        self.classes: dict[int, ClassCodes] | None = None
        self._request = 0  # only the latest id request is shown
        self.import_dialog: ImportSummaryDialog | None = None
        self.merge_dialog: MergeDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        top.addWidget(self.heading)
        self.search = SearchBox(self)
        self.search.setObjectName("memberFilter")
        self.search.setMinimumWidth(260)
        top.addWidget(self.search, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("screenSubheading")
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.filters = FilterBar(self)
        layout.addWidget(self.filters)
        self.model = MemberListModel(ctx.engine, self)
        self.empty_hint = MembersEmptyHint(self)  # a shop without members: what to do first
        layout.addWidget(self.empty_hint)

        self.table = QTableView(self)
        self.table.setObjectName("memberTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for key, width in (
            ("name", 96),
            ("phone", 112),
            ("card_no", 92),
            ("level", 76),
            ("tags", 102),
            ("last_visit_on", 96),
            ("visit_count", 72),
            ("lifetime_spend", 100),
            ("balance", 84),
            ("abc", 44),
            ("segment", 128),
        ):
            header.resizeSection(self._section(key), width)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.search.results_widget = self.table
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.actions: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        for key, shortcut, slot in (
            ("open", QKeySequence(Qt.Key.Key_Return), self.open_current),
            ("import", QKeySequence("Ctrl+I"), self.import_file),
            ("export", QKeySequence("Ctrl+E"), self.export_file),
            ("merge", QKeySequence("Ctrl+M"), self.merge_selected),
            ("archive", QKeySequence(Qt.Key.Key_Delete), self.archive_selected),
            ("restore", QKeySequence("Ctrl+R"), self.restore_selected),
            ("filter", QKeySequence.StandardKey.Find, self.focus_filter),
            ("refresh", QKeySequence.StandardKey.Refresh, self.refresh),
        ):
            action = QAction(self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.addAction(action)
            self.actions[key] = action
            if key in ("filter", "refresh"):
                continue
            button = QPushButton(self)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(action.trigger)
            self.buttons[key] = button
        self.actions["open"].setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        for key in ("open", "merge", "archive", "restore"):
            buttons.addWidget(self.buttons[key])
        buttons.addStretch(1)
        bar = (self.buttons["import"], self.empty_hint.bar_template, self.buttons["export"])
        for widget in bar:  # the template beside the import (issue 23)
            buttons.addWidget(widget)
        layout.addLayout(buttons)

        self.search.search.connect(lambda _t: self.reload_ids())
        self.search.activated.connect(lambda _t: self._open_if_single())
        self.filters.changed.connect(self.reload_ids)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.setTabOrder(self.search, self.filters.combos[0])
        for a, b in zip(self.filters.combos, self.filters.combos[1:], strict=False):
            self.setTabOrder(a, b)
        self.setTabOrder(self.filters.combos[-1], self.table)
        self.setTabOrder(self.table, self.buttons["open"])
        self.retranslate_ui()
        self._update_buttons()

    def _section(self, key: str) -> int:
        return next(n for n, c in enumerate(self.model.columns) if c.key == key)

    # -- texts -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Members")

    def focus_widget(self) -> QWidget | None:
        return self.search

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        self.search.setPlaceholderText(
            self.tr("Filter by name, pinyin, initials, phone digits or card (%1)").replace(
                "%1", _keys(self.actions["filter"])
            )
        )
        texts = {
            "open": (self.tr("Open at the counter"), self.tr("Show this member on the Counter")),
            "import": (self.tr("Import…"), self.tr("Import members from Excel or CSV")),
            "export": (self.tr("Export…"), self.tr("Save the member list as an Excel workbook")),
            "merge": (self.tr("Merge…"), self.tr("Merge the two selected members into one")),
            "archive": (self.tr("Archive"), self.tr("Archive the selected members")),
            "restore": (self.tr("Restore"), self.tr("Make the selected archived members active")),
        }
        for key, (text, tip) in texts.items():
            action = self.actions[key]
            action.setText(text)
            keys = "Enter" if key == "open" else _keys(action)
            action.setToolTip(f"{tip} ({keys})")
            self.buttons[key].setText(text)
            self.buttons[key].setToolTip(f"{tip} ({keys})")
        if not self.ctx.actor.is_owner:
            self.buttons["export"].setToolTip(self.tr("Only the owner can export members"))
        self.filters.retranslate_ui()
        self.model.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("%1 members").replace("%1", fmt.number(n)))

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the choices, the id list, the visible rows and (after) the classes."""
        self.classes = None
        self.model.mark_stale()
        QueryOp(
            self.ctx,
            self,
            lambda s: (member_levels(s), [t for t, _n in all_tags(s)]),
            success=lambda r: self.filters.set_choices(*r),
        ).run()
        self.reload_ids()
        QueryOp(
            self.ctx, self, lambda s: member_class_codes(s, clock.today()), success=self._classes
        ).run()

    def current_filter(self) -> MemberFilter:
        return self.filters.member_filter(self.search.text().strip())

    def reload_ids(self) -> None:
        flt = self.current_filter()
        order, descending, classes = self.order, self.descending, self.classes
        if classes is None and (flt.needs_classes or order in CLASS_KEYS):
            return  # shown when the classes arrive (_classes reloads)
        self._request += 1
        request = self._request
        QueryOp(
            self.ctx,
            self,
            lambda s: member_ids(s, flt, order, descending, classes),
            success=lambda ids: self._ids_loaded(request, ids),
        ).run()

    def _ids_loaded(self, request: int, ids: list[int]) -> None:
        if request != self._request:
            return
        current = self.current_id()
        self.model.set_ids(ids)
        self._show_count()
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _classes(self, classes: dict[int, ClassCodes]) -> None:
        self.classes = classes
        self.model.set_classes(classes)
        flt = self.current_filter()
        if flt.needs_classes or self.order in CLASS_KEYS:
            self.reload_ids()

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        self.order = self.model.column_key(section)
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload_ids()

    # -- selection -------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and index.row() < self.model.rowCount():
            return self.model.id_at(index.row())
        return None

    def _selected_statuses(self) -> set[str]:
        statuses = set()
        for row in {i.row() for i in self.table.selectionModel().selectedRows()}:
            data = self.model.row_data(row)
            if data is not None:
                statuses.add(data.status)
        return statuses

    def _update_buttons(self, *_args: Any) -> None:
        n = len(self.table.selectionModel().selectedRows())
        statuses = self._selected_statuses() if n else set()
        self.buttons["open"].setEnabled(n == 1)
        self.buttons["merge"].setEnabled(n == 2)
        self.buttons["archive"].setEnabled("active" in statuses)
        self.buttons["restore"].setEnabled("archived" in statuses)
        self.buttons["export"].setEnabled(self.ctx.actor.is_owner)

    def focus_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- open ------------------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.ctx.open_member(self.model.id_at(row))

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def _open_if_single(self) -> None:
        """Enter in the filter box: one match opens it, several move to the list."""
        self.search.flush()
        if self.model.rowCount() == 1:
            self.open_row(0)
        elif self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.selectRow(0)

    # -- archive / restore -----------------------------------------------------------------
    def archive_selected(self) -> None:
        ids = [i for i, st in self._ids_with_status() if st == "active"]
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Archive members"),
            self.tr(
                "Archive %1 member(s)? They leave the counter search and the lists, and can "
                "be restored at any time (filter “Archived”)."
            ).replace("%1", str(len(ids))),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._apply_each(ids, archive_member, self.tr("%1 member(s) archived"))

    def restore_selected(self) -> None:
        ids = [i for i, st in self._ids_with_status() if st == "archived"]
        if ids:
            self._apply_each(ids, restore_member, self.tr("%1 member(s) restored"))

    def _ids_with_status(self) -> list[tuple[int, str]]:
        out = []
        for row in sorted({i.row() for i in self.table.selectionModel().selectedRows()}):
            data = self.model.row_data(row)
            if data is not None:
                out.append((data.id, data.status))
        return out

    def _apply_each(self, ids: list[int], fn: Any, done_text: str) -> None:
        actor = self.ctx.actor

        def op(session: Any) -> int:
            for member_id in ids:
                fn(session, member_id, actor=actor)
            return len(ids)

        CollectionOp(
            self.ctx,
            self,
            op,
            changes={"members"},
            success=lambda n: self._done(done_text.replace("%1", str(n)), ids),
        ).run()

    def _done(self, text: str, ids: list[int] | None = None) -> None:
        self.model.mark_stale(ids)
        Toast.show_text(self.window(), text)

    # -- merge -----------------------------------------------------------------------------
    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            QMessageBox.information(
                self, self.tr("Merge two members"), self.tr("Select exactly two members first.")
            )
            return
        a, b = ids
        QueryOp(
            self.ctx,
            self,
            lambda s: (get_member(s, a), get_member(s, b)),
            success=lambda cards: self._ask_merge(*cards),
        ).run()

    def _ask_merge(self, first: Any, second: Any) -> None:
        dialog = MergeDialog(first, second, self)
        self.merge_dialog = dialog
        dialog.accepted.connect(lambda: self._merge(*dialog.keep_and_other()))
        dialog.open()

    def _merge(self, keep: int, other: int) -> None:
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: merge_members(s, keep, other, actor=actor),
            changes=MEMBER_CHANGES,
            success=lambda r: self._done(
                self.tr("Merged: %1 visit(s) moved").replace("%1", str(r.visits_moved)),
                [keep, other],
            ),
        ).run()

    # -- import / export -------------------------------------------------------------------
    def _start_folder(self) -> str:
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import members"),
            self._start_folder(),
            self.tr("Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)"),
        )
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> None:
        lang, actor = current_language(), self.ctx.actor

        def work(job: Job) -> tuple[Any, list[Any]]:
            outcomes: list[Any] = []
            with job.session(write=True) as session:
                result = import_members(
                    session,
                    path,
                    lang=lang,
                    progress=job.progress,
                    cancel=job.cancel,
                    on_row=outcomes.append,
                    actor=actor,
                )
            return result, outcomes

        JobOp(
            self.ctx,
            self,
            "members-import",
            self.tr("Importing members"),
            work,
            success=lambda r: self._imported(path, *r),
            cancelled=lambda: self.ctx.show_status(
                self.tr("Import cancelled; no member was changed")
            ),
            changes={"members"},
        ).run()

    def _imported(self, path: str, result: Any, outcomes: list[Any]) -> None:
        dialog = ImportSummaryDialog(result, outcomes, path, self)
        self.import_dialog = dialog
        dialog.open()

    def export_file(self) -> None:
        default = str(Path(self._start_folder()) / f"members-{clock.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export members"), default, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        lang, actor = current_language(), self.ctx.actor

        def work(job: Job) -> int:
            with job.session() as session:
                return export_members(
                    session, path, lang=lang, progress=job.progress, cancel=job.cancel, actor=actor
                )

        JobOp(
            self.ctx,
            self,
            "members-export",
            self.tr("Exporting members"),
            work,
            success=lambda n: Toast.show_text(
                self.window(),
                self.tr("%1 members exported to %2")
                .replace("%1", fmt.number(n))
                .replace("%2", path),
                5000,
            ),
        ).run()
