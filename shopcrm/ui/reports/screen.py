"""Reports: the owner's month — figures with comparisons, breakdowns, charts, segments, Excel.

Data is computed in slow QueryOps (``services.reports.review`` for the month, then
``analytics.member_classes`` for the segments, which is slower), on the long-job lane so the
counter's search never waits for them; the matplotlib figures are
built from that data by ``services.charts`` on the GUI thread and shown in Qt canvases.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...i18n import ShopError, current_language
from ...services.analytics import Classes, member_classes
from ...services.auth import PERM_REPORTS_VIEW
from ...services.money.months import (
    MonthStatus,
)
from ...services.reports.review import MonthReview, default_month, month_review, report_months
from .. import formatting as fmt
from ..app_context import AppContext
from ..errors import show_error
from ..ops import QueryOp
from ..screen import Screen
from ..widgets.empty_hint import EmptyHint, go_to
from .classes_tab import ClassesTab
from .commission_tab import CommissionTab
from .export import export_workbook
from .levels_tab import LevelsTab
from .money_tab import MoneyTab
from .month_close import MonthCloseMixin
from .panels import BreakdownTable, FiguresPanel

CHART_KEYS = (
    "revenue_by_day",
    "revenue_by_category",
    "visits_weekday_hour",
    "new_vs_returning",
    "cohort_retention",
    "segment_sizes",
)


class ReportsScreen(MonthCloseMixin, Screen):
    screen_id = "reports"
    icon = "nav-reports.svg"
    permission = PERM_REPORTS_VIEW  # only the owner sees the month's figures
    watches = frozenset(
        {"members", "visits", "wallet", "followups", "settings", "catalog", "staff", "database"}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.review: MonthReview | None = None
        self.classes: Classes | None = None
        self.canvases: dict[str, Any] = {}
        self._request = 0
        self._loaded_once = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.month_label = QLabel(self)
        self.prev_button = QPushButton("◀", self)
        self.prev_button.setObjectName("prevMonth")
        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("monthPicker")
        self.month_combo.setMinimumContentsLength(14)  # "September 2026"
        self.month_label.setBuddy(self.month_combo)
        self.next_button = QPushButton("▶", self)
        self.next_button.setObjectName("nextMonth")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("primaryButton")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeMonth")
        for widget in (
            self.month_label,
            self.prev_button,
            self.month_combo,
            self.next_button,
            self.close_button,
            self.export_button,
        ):
            top.addWidget(widget)
        layout.addLayout(top)
        self.status = QLabel(self)
        self.status.setObjectName("screenSubheading")
        layout.addWidget(self.status)
        self.banner = QLabel(self)
        self.banner.setObjectName("closedBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setStyleSheet(
            "QLabel#closedBanner { background: #fff4d6; border: 1px solid #e0b84c;"
            " border-radius: 6px; padding: 8px 12px; color: #5a4300; }"
        )
        self.banner.hide()
        layout.addWidget(self.banner)
        self.empty_hint = EmptyHint(self, "reportsEmptyHint")  # a month without visits
        self.empty_hint.add_button("counter", lambda: go_to(self, "counter"))
        layout.addWidget(self.empty_hint)
        self.month_state: MonthStatus | None = None

        self.pages = QStackedWidget(self)
        self.owner_only = QLabel(self.pages)
        self.owner_only.setObjectName("ownerOnly")
        self.owner_only.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.owner_only.setWordWrap(True)
        self.tabs = QTabWidget(self.pages)
        self.tabs.setObjectName("reportTabs")
        self.pages.addWidget(self.owner_only)
        self.pages.addWidget(self.tabs)
        layout.addWidget(self.pages, 1)

        # figures
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.figures = FiguresPanel(scroll)
        self.figures.setObjectName("screenBody")
        scroll.setWidget(self.figures)
        self.tabs.addTab(scroll, "")
        # money: what the accountant matches and closes
        self.money = MoneyTab(self.tabs)
        self.tabs.addTab(self.money, "")
        # breakdowns
        breakdowns = QWidget(self.tabs)
        grid = QGridLayout(breakdowns)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setSpacing(12)
        self.breakdowns = {key: BreakdownTable(breakdowns) for key in self._breakdown_keys()}
        for n, table in enumerate(self.breakdowns.values()):
            grid.addWidget(table, n // 2, n % 2)
        self.tabs.addTab(breakdowns, "")
        # charts
        self.chart_tabs = QTabWidget(self.tabs)
        self.chart_tabs.setObjectName("chartTabs")
        self.chart_pages: dict[str, QWidget] = {}
        for key in CHART_KEYS:
            page = QWidget(self.chart_tabs)
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.chart_pages[key] = page
            self.chart_tabs.addTab(page, "")
        self.tabs.addTab(self.chart_tabs, "")
        # members' classes
        self.classes_tab = ClassesTab(self.tabs)
        self.tabs.addTab(self.classes_tab, "")
        self.commission_tab = CommissionTab(ctx, self.tabs)
        self.tabs.addTab(self.commission_tab, "")
        self.levels_tab = LevelsTab(self.tabs)  # member levels (issue 16)
        self.tabs.addTab(self.levels_tab, "")

        self.actions: dict[str, QAction] = {}
        for key, keys, slot in (
            ("previous", QKeySequence("Alt+Left"), lambda: self.step_month(+1)),
            ("next", QKeySequence("Alt+Right"), lambda: self.step_month(-1)),
            ("export", QKeySequence("Ctrl+E"), self.export),
            ("close", QKeySequence("Ctrl+Shift+L"), self.close_or_reopen),
            ("refresh", QKeySequence.StandardKey.Refresh, self.refresh),
        ):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.addAction(action)
            self.actions[key] = action
        self.prev_button.clicked.connect(self.actions["previous"].trigger)
        self.next_button.clicked.connect(self.actions["next"].trigger)
        self.export_button.clicked.connect(self.actions["export"].trigger)
        self.close_button.clicked.connect(self.actions["close"].trigger)
        self.month_combo.activated.connect(lambda _i: self.load_month())
        self.setTabOrder(self.prev_button, self.month_combo)
        self.setTabOrder(self.month_combo, self.next_button)
        self.setTabOrder(self.next_button, self.close_button)
        self.setTabOrder(self.close_button, self.export_button)
        self.setTabOrder(self.export_button, self.tabs)
        self.retranslate_ui()

    @staticmethod
    def _breakdown_keys() -> tuple[str, ...]:
        return ("by_payment", "by_category", "by_service", "by_staff")

    # -- texts -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Reports")

    def focus_widget(self) -> QWidget | None:
        return self.month_combo if self.is_owner() else None

    def is_owner(self) -> bool:
        return self.ctx.actor.is_owner

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        self.month_label.setText(self.tr("&Month"))
        keys = {
            k: a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            for k, a in self.actions.items()
        }
        self.prev_button.setToolTip(self.tr("Previous month (%1)").replace("%1", keys["previous"]))
        self.next_button.setToolTip(self.tr("Next month (%1)").replace("%1", keys["next"]))
        self.export_button.setText(self.tr("Export to Excel…"))
        self.empty_hint.set_texts(
            self.tr(
                "No visits recorded in this month: the report fills in by itself as visits "
                "are recorded at the counter (F2 on a member's card)."
            ),
            counter=self.tr("Go to the counter"),
        )
        self.export_button.setToolTip(
            self.tr(
                "Save the month's workbook: summary, daily sales, ledger, members, "
                "follow-ups, segments (%1)"
            ).replace("%1", keys["export"])
        )
        self.owner_only.setText(
            "<h2>"
            + self.tr("Only the owner can see reports")
            + "</h2><p>"
            + self.tr(
                "Revenue, stored value and member segments are for the owner's eyes. "
                "Ask the owner to sign in to see this month's figures."
            )
            + "</p>"
        )
        for n, text in enumerate(
            (
                self.tr("Figures"),
                self.tr("Money"),
                self.tr("Breakdowns"),
                self.tr("Charts"),
                self.tr("Members"),
                self.tr("Commission"),
                self.tr("Levels"),
            )
        ):
            self.tabs.setTabText(n, text)
        self.levels_tab.retranslate_ui()
        chart_titles = {
            "revenue_by_day": self.tr("Revenue by day"),
            "revenue_by_category": self.tr("By category"),
            "visits_weekday_hour": self.tr("Busy hours"),
            "new_vs_returning": self.tr("New and returning"),
            "cohort_retention": self.tr("Retention"),
            "segment_sizes": self.tr("Segments"),
        }
        for n, key in enumerate(CHART_KEYS):
            self.chart_tabs.setTabText(n, chart_titles[key])
        headers = {
            "by_payment": self.tr("Visits"),
            "by_category": self.tr("Quantity"),
            "by_service": self.tr("Quantity"),
            "by_staff": self.tr("Services"),
        }
        self.table_headers = {
            key: [self.tr("Name"), self.tr("Amount"), count, self.tr("Share")]
            for key, count in headers.items()
        }
        for key, table in self.breakdowns.items():
            table.set_headers(table.title.text(), self.table_headers[key])
        for i in range(self.month_combo.count()):
            year, month = self.month_combo.itemData(i).split("-")
            self.month_combo.setItemText(i, fmt.month(int(year), int(month)))
        self.classes_tab.retranslate_ui()
        self.money.retranslate_ui()
        self.commission_tab.retranslate_ui()
        self._show_month_state()
        self._show_access()
        if self._loaded_once:  # service texts (labels, reasons, charts) follow the language
            self.mark_stale()

    def _show_access(self) -> None:
        owner = self.is_owner()
        self.pages.setCurrentIndex(1 if owner else 0)
        for widget in (
            self.month_label,
            self.prev_button,
            self.month_combo,
            self.next_button,
            self.close_button,
            self.export_button,
            self.status,
        ):
            widget.setVisible(owner)
        if not owner:
            self.banner.hide()

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._show_access()
        if not self.is_owner():
            return
        self._loaded_once = True
        QueryOp(self.ctx, self, lambda s: report_months(s), success=self._months_loaded).run()

    def _months_loaded(self, months: list[date]) -> None:
        current = self.selected_month() or default_month()
        self.month_combo.blockSignals(True)
        self.month_combo.clear()
        for first in months:
            self.month_combo.addItem(
                fmt.month(first.year, first.month), _key(first.year, first.month)
            )
        index = self.month_combo.findData(_key(*current))
        self.month_combo.setCurrentIndex(max(0, index))
        self.month_combo.blockSignals(False)
        self.load_month()

    def selected_month(self) -> tuple[int, int] | None:
        data = self.month_combo.currentData()
        if not data:
            return None
        year, month = data.split("-")
        return int(year), int(month)

    def set_month(self, year: int, month: int) -> None:
        index = self.month_combo.findData(_key(year, month))
        if index < 0:
            self.month_combo.addItem(fmt.month(year, month), _key(year, month))
            index = self.month_combo.count() - 1
        self.month_combo.setCurrentIndex(index)
        self.load_month()

    def step_month(self, step: int) -> None:
        """Move through the picker (newest first: +1 is an older month)."""
        index = self.month_combo.currentIndex() + step
        if 0 <= index < self.month_combo.count():
            self.month_combo.setCurrentIndex(index)
            self.load_month()

    def load_month(self) -> None:
        chosen = self.selected_month()
        if chosen is None or not self.is_owner():
            return
        year, month = chosen
        lang, actor = current_language(), self.ctx.actor
        self._request += 1
        request = self._request
        self.status.setText(self.tr("Calculating %1…").replace("%1", fmt.month(year, month)))
        self.prev_button.setEnabled(self.month_combo.currentIndex() < self.month_combo.count() - 1)
        self.next_button.setEnabled(self.month_combo.currentIndex() > 0)
        as_of = date.fromordinal(date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1)
        QueryOp(
            self.ctx,
            self,
            lambda s: month_review(s, year, month, lang, actor=actor),
            success=lambda r: self._review_loaded(request, r),
            failure=self._failed,
            slow=True,
        ).run()
        self.load_month_state()
        self.commission_tab.load(year, month)
        self.classes_tab.show_loading()
        QueryOp(
            self.ctx,
            self,
            lambda s: member_classes(s, min(as_of, clock.today()), lang),
            success=lambda c: self._classes_loaded(request, c),
            failure=self._failed,
            slow=True,
        ).run()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ShopError) and exc.msg_id == "auth.owner_only":
            self.pages.setCurrentIndex(0)
            return
        self.status.setText("")
        show_error(self, exc)

    def _review_loaded(self, request: int, review: MonthReview) -> None:
        if request != self._request:
            return
        self.review = review
        report = review.report
        self.status.setText(
            self.tr("%1 · %2 visits · figures compared with %3 and %4")
            .replace("%1", report.shop_name or fmt.month(report.year, report.month))
            .replace("%2", fmt.number(report.figures.visits))
            .replace("%3", fmt.month(*_previous(report.year, report.month)))
            .replace("%4", fmt.month(report.year - 1, report.month))
        )
        self.figures.show_figures(
            review.figures, self.tr("vs previous month"), self.tr("vs same month last year")
        )
        self.money.show_report(report)
        self.levels_tab.show_levels(report.levels)
        self.empty_hint.setVisible(report.figures.visits == 0)
        for key, table in self.breakdowns.items():
            table.set_headers(report.labels[key], self.table_headers[key])
            table.show_rows(getattr(report, key))
        from ...services import charts  # matplotlib: imported when a month is first shown

        lang = report.lang
        title = f"{report.title} {report.labels['visits']}"
        self._set_chart("revenue_by_day", charts.revenue_by_day(report))
        self._set_chart("revenue_by_category", charts.revenue_by_category(report))
        self._set_chart(
            "visits_weekday_hour", charts.weekday_hour_heatmap(review.weekday_hour, title, lang)
        )
        self._set_chart("new_vs_returning", charts.new_vs_returning(review.mix, lang))
        self._set_chart("cohort_retention", charts.cohort_heatmap(review.cohorts, lang))

    def _classes_loaded(self, request: int, classes: Classes) -> None:
        if request != self._request:
            return
        self.classes = classes
        self.classes_tab.show_classes(classes)
        from ...services import charts

        self._set_chart("segment_sizes", charts.segment_sizes(classes, current_language()))

    def _set_chart(self, key: str, figure: Any) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        page = self.chart_pages[key]
        old = self.canvases.pop(key, None)
        if old is not None:
            page.layout().removeWidget(old)
            old.deleteLater()
        canvas = FigureCanvasQTAgg(figure)
        canvas.setParent(page)
        canvas.setObjectName(f"chart_{key}")
        page.layout().addWidget(canvas)
        self.canvases[key] = canvas  # drawn when first shown (paintEvent)

    # -- export ----------------------------------------------------------------------------
    def export(self) -> None:
        chosen = self.selected_month()
        if chosen is None or not self.is_owner():
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        export_workbook(self.ctx, self, *chosen, folder)


def _key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)
