"""The member list's table model: the lazy id-list model with the member columns."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor
from sqlalchemy import Engine

from ...db import session_scope
from ...i18n import translate
from ...services.analytics import SEGMENT_NAMES, STAGE_NAMES
from ...services.members.listing import ClassCodes, MemberRow, member_rows
from .. import formatting as fmt
from ..models.lazy_table import Column, Index, LazyTableModel

ARCHIVED_COLOUR = QColor("#8a95a1")
MAX_CACHED_ROWS = 5000  # about 25 pages: memory stays flat however far one scrolls


def _segment(key: str) -> str:
    return translate(SEGMENT_NAMES[key]) if key in SEGMENT_NAMES else ""


def _stage(key: str) -> str:
    return translate(STAGE_NAMES[key]) if key in STAGE_NAMES else ""


def _name_tip(row: MemberRow) -> str:
    tip = QCoreApplication.translate("MemberColumns", "Member #%1 · joined %2")
    tip = tip.replace("%1", str(row.id)).replace("%2", fmt.day(row.join_date))
    if row.status == "archived":
        tip += " · " + QCoreApplication.translate("MemberColumns", "archived")
    return tip


def member_columns() -> list[Column]:
    # Titles are looked up at display time, so a language switch only re-reads them.
    return [
        Column(
            "name", lambda: QCoreApplication.translate("MemberColumns", "Name"), tooltip=_name_tip
        ),
        Column("phone", lambda: QCoreApplication.translate("MemberColumns", "Phone")),
        Column("card_no", lambda: QCoreApplication.translate("MemberColumns", "Card")),
        Column("level", lambda: QCoreApplication.translate("MemberColumns", "Level")),
        Column(
            "tags",
            lambda: QCoreApplication.translate("MemberColumns", "Tags"),
            tooltip=lambda r: r.tags,
        ),
        Column(
            "last_visit_on",
            lambda: QCoreApplication.translate("MemberColumns", "Last visit"),
            fmt.short_day,
        ),
        Column(
            "visit_count",
            lambda: QCoreApplication.translate("MemberColumns", "Visits"),
            fmt.number,
            align_right=True,
        ),
        Column(
            "lifetime_spend",
            lambda: QCoreApplication.translate("MemberColumns", "Total spend"),
            fmt.money,
            align_right=True,
        ),
        Column(
            "balance",
            lambda: QCoreApplication.translate("MemberColumns", "Balance"),
            fmt.money,
            align_right=True,
        ),
        Column("abc", lambda: QCoreApplication.translate("MemberColumns", "ABC")),
        Column(
            "segment", lambda: QCoreApplication.translate("MemberColumns", "RFM segment"), _segment
        ),
        Column("stage", lambda: QCoreApplication.translate("MemberColumns", "Lifecycle"), _stage),
    ]


class MemberListModel(LazyTableModel):
    """Rows from ``member_rows``; the class columns come from a map set per refresh."""

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(member_columns(), self._fetch_rows, page_size=200, parent=parent)
        self.engine = engine
        self.classes: dict[int, ClassCodes] = {}

    def _fetch_rows(self, ids: list[int]) -> dict[int, Any]:
        with session_scope(self.engine) as session:
            rows = member_rows(session, ids)
        return {i: self._with_class(r) for i, r in rows.items()}

    def _fetch_page(self, row: int) -> None:
        """Fetch the page, then forget the oldest cached rows beyond MAX_CACHED_ROWS."""
        super()._fetch_page(row)
        excess = len(self._cache) - MAX_CACHED_ROWS
        if excess > 0:
            for id_ in list(self._cache)[:excess]:  # dicts keep insertion order
                del self._cache[id_]

    def _with_class(self, row: MemberRow) -> MemberRow:
        codes = self.classes.get(row.id)
        if codes is None:
            return row
        return replace(row, abc=codes.abc, segment=codes.segment, stage=codes.stage)

    def set_classes(self, classes: dict[int, ClassCodes]) -> None:
        """New class map: cached rows take their class from it (no database round trip)."""
        self.classes = classes
        self._cache = {i: self._with_class(r) for i, r in self._cache.items()}
        if self.rowCount():
            first = self.columns.index(next(c for c in self.columns if c.key == "abc"))
            self.dataChanged.emit(
                self.index(0, first), self.index(self.rowCount() - 1, len(self.columns) - 1)
            )

    def column_key(self, section: int) -> str:
        return self.columns[section].key

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid():
                return None
            row = (
                self._cache.get(self.id_at(index.row())) if index.row() < self.rowCount() else None
            )
            return ARCHIVED_COLOUR if row is not None and row.status == "archived" else None
        return super().data(index, role)
