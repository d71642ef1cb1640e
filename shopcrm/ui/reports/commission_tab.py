"""The Reports screen's Commission tab: the month's commission per staff member and, for
the person selected, each line they earned on (services.commission, the same figures as
`shopcrm commission --month` and the workbook's Commission sheet)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ...services.commission import CommissionReport, commission_report, rate_text
from .. import formatting as fmt
from ..app_context import AppContext
from ..ops import QueryOp
from .money_tab import _fill, _table


class CommissionTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commissionTab")
        self.ctx = ctx
        self.report: CommissionReport | None = None
        self._request = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.staff_table = _table(split, 9)
        self.staff_table.setObjectName("commissionStaff")
        self.lines_table = _table(split, 8)
        self.lines_table.setObjectName("commissionLines")
        self.lines_title = QLabel(self)
        self.lines_title.setObjectName("sectionTitle")
        split.addWidget(self.staff_table)
        split.addWidget(self.lines_table)
        split.setSizes([220, 300])
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        self.staff_table.itemSelectionChanged.connect(self._show_lines)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.staff_table.setHorizontalHeaderLabels(
            [self.tr("Staff"), self.tr("Lines"), self.tr("Service base"),
             self.tr("Designated"), self.tr("On services"), self.tr("Cards & top-ups"),
             self.tr("On sales"), self.tr("Taken back"), self.tr("Commission")]
        )  # fmt: skip
        self.lines_table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Date"), self.tr("Visit"), self.tr("Designated"),
             self.tr("Share"), self.tr("Base"), self.tr("Rate"), self.tr("Commission")]
        )  # fmt: skip
        self.hint.setText(
            self.tr(
                "Each line earns under the rule in force when it was recorded. A visit voided "
                "in a later month is taken back in that month; this month never changes."
            )
        )
        if self.report is not None:
            self.show_report(self.report)

    def load(self, year: int, month: int) -> None:
        period, actor = f"{year:04d}-{month:02d}", self.ctx.actor
        self._request += 1
        request = self._request
        self.title.setText(self.tr("Commission %1").replace("%1", fmt.month(year, month)))
        QueryOp(
            self.ctx, self, lambda s: commission_report(s, period, actor=actor),
            success=lambda r: self._loaded(request, r), slow=True,
        ).run()  # fmt: skip

    def _loaded(self, request: int, report: CommissionReport) -> None:
        if request == self._request:
            self.show_report(report)

    def show_report(self, report: CommissionReport) -> None:
        self.report = report
        year, month = (int(p) for p in report.period.split("-"))
        self.title.setText(
            self.tr("Commission %1 · total %2")
            .replace("%1", fmt.month(year, month))
            .replace("%2", fmt.money(report.total))
        )
        rows = [
            [s.name, fmt.number(s.lines), fmt.money(s.base), _pct(s.designated_share),
             fmt.money(s.service_commission), fmt.money(s.sales),
             fmt.money(s.sales_commission), fmt.money(s.reversed), fmt.money(s.commission)]
            for s in report.staff
        ]  # fmt: skip
        _fill(self.staff_table, rows)
        if report.staff:
            self.staff_table.selectRow(0)
        self._show_lines()

    def _show_lines(self) -> None:
        report = self.report
        rows = self.staff_table.selectionModel().selectedRows() if report else []
        if report is None or not rows or rows[0].row() >= len(report.staff):
            _fill(self.lines_table, [])
            return
        person = report.staff[rows[0].row()]
        lines = []
        for e in report.earnings:
            if e.staff_id != person.staff_id:
                continue
            item = e.item if e.kind == "service" else self._kind_word(e.kind)
            if e.reversal:
                item = self.tr("%1 (voided, taken back)").replace("%1", item)
            lines.append(
                [item, fmt.day(e.at),
                 f"#{e.visit_id}" if e.visit_id else "",
                 self.tr("designated") if e.designated else "", _pct(e.share),
                 fmt.money(e.base),
                 rate_text(e.rate) if e.rate is not None else fmt.money(e.fixed or Decimal(0)),
                 fmt.money(e.commission)]
            )  # fmt: skip
        _fill(self.lines_table, lines)

    def _kind_word(self, kind: str) -> str:
        return self.tr("Top-up") if kind == "topup" else self.tr("Card sale")


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%"
