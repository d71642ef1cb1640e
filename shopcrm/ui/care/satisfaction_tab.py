"""Satisfaction: this month's average and share of low scores, the chart of the last 12
months, the scores by staff and by service (lowest first), and a quick score entry (a
member and 1–5; 2 or less raises a care call). Ctrl+S saves the score."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...i18n import current_language
from ...services.care.satisfaction import ScoreFigures, ScoreInfo, record_score, score_figures
from ...services.members.lookup import resolve_member
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast


class SatisfactionTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: ScoreFigures | None = None
        self.canvas: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        self.summary = QLabel(self)
        self.summary.setObjectName("screenSubheading")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.chart_page = QWidget(splitter)
        self.chart_page.setObjectName("satisfactionChart")
        QVBoxLayout(self.chart_page).setContentsMargins(0, 0, 0, 0)
        splitter.addWidget(self.chart_page)
        self.groups = QTreeWidget(splitter)
        self.groups.setObjectName("satisfactionGroups")
        self.groups.setColumnCount(4)
        self.groups.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        splitter.addWidget(self.groups)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 380])
        layout.addWidget(splitter, 1)

        entry = QHBoxLayout()
        self.entry_label = QLabel(self)
        self.member = QLineEdit(self)
        self.score_label = QLabel(self)
        self.score = QSpinBox(self)
        self.score.setRange(1, 5)
        self.score.setValue(5)
        self.save_button = QPushButton(self)
        self.entry_label.setBuddy(self.member)
        self.score_label.setBuddy(self.score)
        for widget in (
            self.entry_label,
            self.member,
            self.score_label,
            self.score,
            self.save_button,
        ):
            entry.addWidget(widget)
        entry.setStretch(1, 1)
        layout.addLayout(entry)
        self.save_button.clicked.connect(self.save_score)
        self.member.returnPressed.connect(self.score.setFocus)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save_score)

    def retranslate_ui(self) -> None:
        self.groups.setHeaderLabels(
            [self.tr("Staff / service"), self.tr("Scores"), self.tr("Average"), self.tr("Low")]
        )
        self.entry_label.setText(self.tr("Score for &member"))
        self.member.setPlaceholderText(self.tr("phone, card or #id"))
        self.score_label.setText(self.tr("S&core (1–5)"))
        self.save_button.setText(self.tr("Sa&ve score (Ctrl+S)"))
        if self.figures is not None:
            self._show(self.figures)

    def focus_widget(self) -> QWidget:
        return self.member

    def refresh(self) -> None:
        today = clock.today()
        QueryOp(
            self.ctx,
            self,
            lambda s: score_figures(s, today.year, today.month, trend_months=12),
            success=self._show,
        ).run()

    def _show(self, figures: ScoreFigures) -> None:
        self.figures = figures
        if figures.count:
            self.summary.setText(
                self.tr("This month: %1 score(s), average %2, low (≤ %3) %4")
                .replace("%1", str(figures.count))
                .replace("%2", f"{figures.average:.2f}")
                .replace("%3", str(figures.max_low))
                .replace("%4", f"{(figures.low_share or 0):.0%}")
            )
        else:
            self.summary.setText(self.tr("No scores this month yet."))
        self.groups.clear()
        for title, rows in (
            (self.tr("By staff"), figures.by_staff),
            (self.tr("By service"), figures.by_service),
        ):
            parent = QTreeWidgetItem([title])
            self.groups.addTopLevelItem(parent)
            for g in rows:
                parent.addChild(
                    QTreeWidgetItem([g.name, str(g.count), f"{g.average:.2f}", str(g.low)])
                )
            parent.setExpanded(True)
        self._chart(figures)

    def _chart(self, figures: ScoreFigures) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from ...services.care.chart import satisfaction_chart

        if self.canvas is not None:
            self.chart_page.layout().removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.canvas = FigureCanvasQTAgg(satisfaction_chart(figures.trend, current_language()))
        self.canvas.setParent(self.chart_page)
        self.chart_page.layout().addWidget(self.canvas)

    def save_score(self) -> None:
        query, score, actor = self.member.text().strip(), self.score.value(), self.ctx.actor
        if not query:
            self.member.setFocus()
            return

        def work(s):  # noqa: ANN001, ANN202
            return record_score(s, score, member_id=resolve_member(s, query), actor=actor)

        CollectionOp(self.ctx, self, work, changes={"followups"}, success=self._saved).run()

    def _saved(self, info: ScoreInfo) -> None:
        self.member.clear()
        text = (
            self.tr("Low score kept: a care follow-up is due today")
            if info.followup_id
            else self.tr("Score kept")
        )
        Toast.show_text(self.window(), text)
        self.refresh()
