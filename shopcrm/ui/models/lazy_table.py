"""A table over a list of ids, with rows fetched a page at a time (Anki's and Calibre's way).

The screen asks a service for the ids (filtered and sorted in SQL) and gives the model a
fetch function that turns a page of ids into display-ready rows::

    model = LazyTableModel(COLUMNS, fetch=session_fetcher(ctx.engine, member_rows),
                           sorter=lambda key, desc: member_ids(session, order=key, desc=desc))
    model.set_ids(ids)

``data()`` only reads the row cache; a miss fetches the page of ``page_size`` ids around
the row in one call. ``mark_stale()`` (on a relevant change) drops the cache so visible rows
are fetched again. Rows are small frozen dataclasses; never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ...db import session_scope

Fetch = Callable[[list[int]], dict[int, Any]]
Sorter = Callable[[str, bool], list[int]]  # (column key, descending) -> ids in that order
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: the row attribute it shows, its translated title and how to format it."""

    key: str
    title: Callable[[], str]
    format: Callable[[Any], str] = str
    align_right: bool = False
    sortable: bool = True
    tooltip: Callable[[Any], str] | None = None  # gets the whole row


def session_fetcher(engine: Engine, fn: Callable[[Session, list[int]], dict[int, Any]]) -> Fetch:
    """Turn a service function ``(session, ids) -> {id: row}`` into a fetch function."""

    def fetch(ids: list[int]) -> dict[int, Any]:
        with session_scope(engine) as session:
            return fn(session, ids)

    return fetch


class LazyTableModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        fetch: Fetch,
        *,
        sorter: Sorter | None = None,
        page_size: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.fetch = fetch
        self.sorter = sorter
        self.page_size = page_size
        self._ids: list[int] = []
        self._pos: dict[int, int] = {}
        self._cache: dict[int, Any] = {}
        self._missing: set[int] = set()  # ids fetched but not returned (deleted meanwhile)
        self.fetch_calls = 0

    # -- the id list ------------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these ids, in this order (the cache is kept: rows do not change by moving)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pos = {id_: row for row, id_ in enumerate(self._ids)}
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, id_: int) -> int | None:
        return self._pos.get(id_)

    def row_data(self, row: int) -> Any | None:
        """The row object at `row` (fetching its page if needed), or None if it is gone."""
        if not 0 <= row < len(self._ids):
            return None
        id_ = self._ids[row]
        if id_ not in self._cache and id_ not in self._missing:
            self._fetch_page(row)
        return self._cache.get(id_)

    def mark_stale(self, ids: Sequence[int] | None = None) -> None:
        """Forget cached rows (all, or only `ids`) so they are fetched again when shown."""
        if ids is None:
            self._cache.clear()
            self._missing.clear()
        else:
            for id_ in ids:
                self._cache.pop(id_, None)
                self._missing.discard(id_)
        if self._ids and self.columns:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1)
            )

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self.mark_stale()

    def _fetch_page(self, row: int) -> None:
        start = (row // self.page_size) * self.page_size
        page = [
            i
            for i in self._ids[start : start + self.page_size]
            if i not in self._cache and i not in self._missing
        ]
        if not page:
            return
        self.fetch_calls += 1
        rows = self.fetch(page)
        self._cache.update(rows)
        self._missing.update(i for i in page if i not in rows)

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ROW_ROLE):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        value = getattr(row, column.key)
        return column.format(value) if value is not None else ""

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the sorter (SQL) for the new order; does nothing without one."""
        if self.sorter is None or not 0 <= column < len(self.columns):
            return
        if not self.columns[column].sortable:
            return
        ids = self.sorter(self.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        self.set_ids(ids)
