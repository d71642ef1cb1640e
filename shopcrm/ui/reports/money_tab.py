"""The Reports screen's Money tab: what the accountant matches and closes.

Money in by method (WeChat Pay and Alipay apart, top-ups and refunds included), revenue with
the bonus used shown apart, stored value's principal and bonus each rolled forward, and the
prior-period adjustments booked in the month, and count cards (次卡): sold, revenue recognised
from uses, breakage, refunds and what is owed on cards rolled forward in value and in uses.
Every figure comes from the `MonthlyReport` (`money_in`, `revenue`, `stored_value.parts`,
`adjustments`, `cards`): a closed month's snapshot or an open month's live figures, the same
on every face (`report --json`, the workbook's Cards sheet).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.reports import MonthlyReport
from .. import formatting as fmt
from . import cards_tab

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(26)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    _fill(table, rows)


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for n, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c:
                item.setTextAlignment(RIGHT)
            table.setItem(n, c, item)
    # every row shown: the table as tall as its rows (the tab scrolls instead)
    header = table.horizontalHeader().sizeHint().height()
    rows_height = table.verticalHeader().defaultSectionSize() * max(len(rows), 1)
    table.setFixedHeight(header + rows_height + 2 * table.frameWidth() + 2)


def table_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item else ""


class MoneyTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moneyTab")
        self.report: MonthlyReport | None = None
        self.names: dict[str, str] = {}  # method code -> name (the screen loads them)
        # the sections at their full height, the tab scrolling as a whole (five of them)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setSpacing(12)
        self.titles: dict[str, QLabel] = {}
        self.tables: dict[str, QTableWidget] = {}
        for n, (key, columns) in enumerate(
            (
                ("money_in", 3),
                ("revenue", 2),
                ("stored_value", 3),
                ("adjustments", 5),
                ("cards", 3),
            )
        ):
            box = QVBoxLayout()
            box.setSpacing(4)
            title = QLabel(body)
            title.setObjectName("sectionTitle")
            table = _table(body, columns)
            table.setObjectName(f"money_{key}")
            box.addWidget(title)
            box.addWidget(table)
            box.addStretch(1)
            grid.addLayout(box, n // 2, n % 2, 1, 2 if key == "cards" else 1)
            self.titles[key], self.tables[key] = title, table
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tables["money_in"].setHorizontalHeaderLabels(
            [self.tr("Method"), self.tr("Amount"), self.tr("Entries")]
        )
        self.tables["revenue"].setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Amount")])
        self.tables["stored_value"].setHorizontalHeaderLabels(
            [self.tr("Stored value"), self.tr("Principal"), self.tr("Bonus")]
        )
        self.tables["adjustments"].setHorizontalHeaderLabels(
            [
                self.tr("Adjustment"),
                self.tr("Booked on"),
                self.tr("Method"),
                self.tr("Money"),
                self.tr("Revenue"),
            ]
        )
        self.titles["stored_value"].setText(self.tr("Stored value: principal and bonus"))
        self.tables["cards"].setHorizontalHeaderLabels(
            [self.tr("Package cards"), self.tr("Value"), self.tr("Uses")]
        )
        self.titles["cards"].setText(self.tr("Package cards: owed on cards, in value and in uses"))
        if self.report is not None:
            self.show_report(self.report)

    def show_report(self, report: MonthlyReport) -> None:
        self.report = report
        labels = report.labels
        self.titles["money_in"].setText(
            self.tr("%1 by method (visits, top-ups, sales, refunds)").replace(
                "%1", labels.get("money_in", "")
            )
        )
        self.titles["revenue"].setText(labels.get("revenue", ""))
        self.titles["adjustments"].setText(
            self.tr("Prior-period adjustments booked in %1").replace(
                "%1", fmt.month(report.year, report.month)
            )
        )
        self._money_in(report)
        self._revenue(report)
        self._stored_value(report)
        self._adjustments(report)
        cards_tab.fill_cards(self, report)

    def _money_in(self, report: MonthlyReport) -> None:
        money = report.money_in
        rows = [] if money is None else [
            [m.label, fmt.money(m.amount), fmt.number(m.count)] for m in money.by_method
        ]  # fmt: skip
        if money is not None:
            rows.append([self.tr("Total received"), fmt.money(money.total), ""])
        _fill(self.tables["money_in"], rows)

    def _revenue(self, report: MonthlyReport) -> None:
        r = report.revenue
        if r is None:
            _fill(self.tables["revenue"], [])
            return
        _fill(
            self.tables["revenue"],
            [
                [self.tr("Paid at visits (money)"), fmt.money(r.paid)],
                [self.tr("Stored value used: principal"), fmt.money(r.stored_value_principal)],
                [self.tr("Revenue"), fmt.money(r.total)],
                [
                    report.labels.get("bonus_used", self.tr("Bonus used"))
                    + self.tr(" (not revenue, like a discount)"),
                    fmt.money(r.bonus_used),
                ],
                [self.tr("Points used"), fmt.money(r.points_used)],
            ],
        )

    def _stored_value(self, report: MonthlyReport) -> None:
        parts = report.stored_value.parts or {}
        principal, bonus = parts.get("principal"), parts.get("bonus")
        if principal is None or bonus is None:
            _fill(self.tables["stored_value"], [])
            return
        lines = (
            (self.tr("Opening"), "opening"),
            (self.tr("Added (top-ups / bonus given)"), "added"),
            (self.tr("Used at visits"), "used"),
            (self.tr("Refunded"), "refunded"),
            (self.tr("Other (corrections, voids)"), "other"),
            (self.tr("Closing"), "closing"),
        )
        rows = []
        for caption, key in lines:
            a, b = Decimal(getattr(principal, key)), Decimal(getattr(bonus, key))
            if key in ("used", "refunded"):
                a, b = -a, -b  # shown as what left the card
            rows.append([caption, fmt.money(a), fmt.money(b)])
        _fill(self.tables["stored_value"], rows)

    def _adjustments(self, report: MonthlyReport) -> None:
        names = dict(self.names)
        if report.money_in is not None:
            names.update({m.method: m.label for m in report.money_in.by_method})
        rows = [
            [
                a.label,
                fmt.day(a.booked_on),
                names.get(a.method, a.method),
                fmt.money(a.amount),
                fmt.money(a.revenue),
            ]
            for a in report.adjustments
        ]
        if not rows:
            rows = [[self.tr("None"), "", "", "", ""]]
        _fill(self.tables["adjustments"], rows)
        for n, a in enumerate(report.adjustments):  # the why, e.g. the void's reason
            if a.note:
                self.tables["adjustments"].item(n, 0).setToolTip(f"{a.label}\n{a.note}")
