"""The members' classes (ABC, RFM, lifecycle, will they come back) as a sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...services.analytics import MemberClass
from ...services.names import name_sort_key
from .. import formatting as fmt

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# (column key, how to show it)
COLUMNS = (
    "name",
    "visits",
    "last_visit",
    "lifetime_spend",
    "abc",
    "segment_name",
    "stage_name",
    "p_alive",
    "expected_visits_90",
)
RIGHT = {"visits", "lifetime_spend", "p_alive", "expected_visits_90"}


def _title(key: str) -> str:
    titles = {
        "name": QCoreApplication.translate("ClassColumns", "Name"),
        "visits": QCoreApplication.translate("ClassColumns", "Visit days"),
        "last_visit": QCoreApplication.translate("ClassColumns", "Last visit"),
        "lifetime_spend": QCoreApplication.translate("ClassColumns", "Lifetime spend"),
        "abc": QCoreApplication.translate("ClassColumns", "ABC"),
        "segment_name": QCoreApplication.translate("ClassColumns", "RFM segment"),
        "stage_name": QCoreApplication.translate("ClassColumns", "Lifecycle"),
        "p_alive": QCoreApplication.translate("ClassColumns", "Still active"),
        "expected_visits_90": QCoreApplication.translate("ClassColumns", "Visits next 90 days"),
    }
    return titles[key]


class ClassTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.members: list[MemberClass] = []

    def set_members(self, members: list[MemberClass]) -> None:
        self.beginResetModel()
        self.members = list(members)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _title(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.members):
            return None
        m = self.members[index.row()]
        key = COLUMNS[index.column()]
        value = getattr(m, key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, value)
        if role == SORT_ROLE:
            if value is None:
                return -1.0 if key in RIGHT else ""
            if key == "name":  # by the surname's syllable, like every list of people
                return name_sort_key(value)
            return float(value) if key in RIGHT else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "abc": m.abc_reason,
                "segment_name": m.segment_reason,
                "stage_name": m.stage_reason,
            }.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(key: str, value: Any) -> str:
        if value is None:
            return ""
        if key == "last_visit":
            return fmt.day(value)
        if key == "lifetime_spend":
            return fmt.money(value)
        if key == "p_alive":
            return f"{value * 100:.0f}%"
        if key == "expected_visits_90":
            return f"{value:.1f}"
        return str(value)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class ClassFilterModel(QSortFilterProxyModel):
    """Shows the members of one class: ("abc" | "segment" | "stage", key) or everything."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wanted: tuple[str, str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_wanted(self, wanted: tuple[str, str] | None) -> None:
        self.wanted = wanted
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if self.wanted is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, ClassTableModel)
        attr, key = self.wanted
        return getattr(model.members[row], attr) == key
