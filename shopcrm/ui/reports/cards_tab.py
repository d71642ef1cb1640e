"""The count cards section of the Money tab (docs/cards.md "The month").

Rows of `report.cards` (services/cards/figures.py) with the value and the uses owed on cards
rolled forward: opening + sold + brought in − recognised − refunded − breakage = closing.
A month closed before the uses were part of the figures shows the value alone.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ...services.reports import MonthlyReport
from .. import formatting as fmt

if TYPE_CHECKING:
    from .money_tab import MoneyTab


class CardRows(QObject):
    """The rows and their words (a QObject so that lupdate finds its `self.tr`)."""

    def rows(self, report: MonthlyReport) -> list[list[str]]:
        """[caption, value, uses] for each line of the cards' roll-forward."""
        figs: dict[str, Any] = report.cards or {}
        if not figs:
            return []
        uses: dict[str, Any] = figs.get("uses") or {}

        def money(key: str, sign: int = 1) -> str:
            return fmt.money(sign * Decimal(str(figs.get(key, 0))))

        def count(key: str, sign: int = 1) -> str:
            return fmt.number(sign * int(uses[key])) if key in uses else ""

        def whole(key: str) -> str:
            return fmt.number(int(figs.get(key, 0)))

        sold = self.tr("Cards sold (%1)").replace("%1", whole("cards_sold"))
        recognised = (
            self.tr("Revenue recognised from uses (%1 paid, %2 gifted)")
            .replace("%1", whole("paid_uses"))
            .replace("%2", whole("gifted_uses"))
        )
        breakage = self.tr("Breakage: expired, unused (%1 cards)").replace(
            "%1", whole("cards_expired")
        )
        rows = [
            [self.tr("Owed on cards at the start"), money("opening"), count("opening")],
            [sold, money("sold"), count("sold")],
        ]
        if Decimal(str(figs.get("opening_imported", 0))) or uses.get("imported"):
            rows.append(
                [
                    self.tr("Opening balances brought in"),
                    money("opening_imported"),
                    count("imported"),
                ]
            )
        rows += [
            [recognised, money("recognised", -1), count("used", -1)],
            [self.tr("Refunded"), money("refunded", -1), count("refunded", -1)],
            [breakage, money("breakage", -1), count("expired", -1)],
            [self.tr("Owed on cards at the end"), money("closing"), count("closing")],
        ]
        return rows


def card_rows(report: MonthlyReport) -> list[list[str]]:
    return CardRows().rows(report)


def fill_cards(tab: MoneyTab, report: MonthlyReport) -> None:
    from .money_tab import fill

    table = tab.tables["cards"]
    fill(table, card_rows(report))
    if table.rowCount():  # the closing line in bold, like a total
        for column in range(3):
            item = table.item(table.rowCount() - 1, column)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
