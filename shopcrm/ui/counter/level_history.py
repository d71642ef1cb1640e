"""A member's level history: every change of level with when, from, to, why and who."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.levels import LevelHistoryRow, level_history
from .. import formatting as fmt
from ..app_context import AppContext
from ..ops import QueryOp


class LevelHistoryDialog(QDialog):
    def __init__(
        self, ctx: AppContext, member_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("levelHistory")
        self.member_name = name
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("dialogHeading")
        self.table = QTableWidget(0, 5, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.retranslate_ui()
        QueryOp(ctx, self, lambda s: level_history(s, member_id), success=self.show_rows).run()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Level history"))
        self.heading.setText(self.tr("Level history — %1").replace("%1", self.member_name))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("From"), self.tr("To"), self.tr("Reason"), self.tr("Staff")]
        )
        self.empty.setText(self.tr("No level changes yet."))

    def show_rows(self, rows: list[LevelHistoryRow]) -> None:
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            for col, text in enumerate(
                (fmt.day_time(r.changed_at), r.from_level or "—", r.to_level or "—",
                 r.reason, r.staff)
            ):  # fmt: skip
                self.table.setItem(n, col, QTableWidgetItem(text))
        self.empty.setVisible(not rows)
