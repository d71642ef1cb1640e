"""The Reports screen's panels: figure cards with comparisons, and the breakdown tables."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import define, translate
from ...services.reports import Breakdown
from ...services.reports.review import COUNT, MONEY, FigureLine
from .. import formatting as fmt

# A rate (returning members, …) changes by percentage points, not by a percent of itself.
M_POINTS = define("reports.points_change", en="{points} pts", zh="{points} 个百分点")

UP_COLOUR, DOWN_COLOUR, FLAT_COLOUR = "#2e7d32", "#c62828", "#6b7785"
# For these figures a fall is good news (shown green).
LOWER_IS_BETTER = {"discounts"}


def figure_text(line: FigureLine, value: Decimal) -> str:
    if line.kind == MONEY:
        return fmt.money(value)
    if line.kind == COUNT:
        return fmt.number(int(value))
    return f"{value * 100:.1f}%"


class ComparisonCard(QFrame):
    """A figure, its caption and two comparison lines (↑/↓ with %)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.caption = QLabel(self)
        self.caption.setObjectName("figureCaption")
        self.value = QLabel("—", self)
        self.value.setObjectName("figureValue")
        self.vs_previous = QLabel(self)
        self.vs_year = QLabel(self)
        for label in (self.vs_previous, self.vs_year):
            label.setObjectName("figureHint")
            label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.vs_previous)
        layout.addWidget(self.vs_year)

    def show_line(self, line: FigureLine, previous_word: str, year_word: str) -> None:
        self.caption.setText(line.label)
        self.value.setText(figure_text(line, line.current))
        self.vs_previous.setText(
            self._change(line, line.previous, line.pct_previous, previous_word)
        )
        self.vs_year.setText(self._change(line, line.year_ago, line.pct_year_ago, year_word))
        self.setToolTip(
            f"{line.label}: {figure_text(line, line.current)}\n"
            f"{previous_word}: {figure_text(line, line.previous)}\n"
            f"{year_word}: {figure_text(line, line.year_ago)}"
        )

    @staticmethod
    def _change(line: FigureLine, then: Decimal, pct: Decimal | None, word: str) -> str:
        if line.kind == "rate":  # a rate changes by points, not by percent of itself
            delta = (line.current - then) * 100
            if not then and not line.current:
                return f'<span style="color:{FLAT_COLOUR}">— {word}</span>'
            arrow = "↑" if delta > 0 else "↓" if delta < 0 else "→"
            change = f"{arrow} " + translate(M_POINTS, points=f"{abs(delta):.1f}")
        elif pct is None:
            return f'<span style="color:{FLAT_COLOUR}">— {word}</span>'
        else:
            delta = pct
            arrow = "↑" if pct > 0 else "↓" if pct < 0 else "→"
            change = f"{arrow} {abs(pct):.1f}%"
        good = (delta < 0) if line.key in LOWER_IS_BETTER else (delta > 0)
        colour = FLAT_COLOUR if delta == 0 else UP_COLOUR if good else DOWN_COLOUR
        return f'<span style="color:{colour}">{change}</span> {word}'


class FiguresPanel(QWidget):
    """The month's headline figures as a grid of cards (four per row)."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 8, 0, 0)
        self.grid.setSpacing(10)
        self.cards: dict[str, ComparisonCard] = {}

    def show_figures(self, lines: list[FigureLine], previous_word: str, year_word: str) -> None:
        for n, line in enumerate(lines):
            card = self.cards.get(line.key)
            if card is None:
                card = ComparisonCard(self)
                card.setObjectName("figureCard")
                self.cards[line.key] = card
                self.grid.addWidget(card, n // self.COLUMNS, n % self.COLUMNS)
            card.show_line(line, previous_word, year_word)
        self.grid.setRowStretch(len(lines) // self.COLUMNS + 1, 1)


class BreakdownTable(QWidget):
    """A titled table: label, amount, count, share of the total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def set_headers(self, title: str, headers: list[str]) -> None:
        self.title.setText(title)
        self.table.setHorizontalHeaderLabels(headers)

    def show_rows(self, rows: list[Breakdown]) -> None:
        total = sum((b.amount for b in rows), Decimal(0))
        self.table.setRowCount(len(rows))
        for n, b in enumerate(rows):
            share = f"{b.amount / total * 100:.1f}%" if total else ""
            for c, text in enumerate((b.label, fmt.money(b.amount), fmt.number(b.count), share)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(n, c, item)

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""
