"""Overview: the shop at a glance (members, visits, stored value owed, latest visits)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services.overview import Overview, recent_visit_ids, recent_visit_rows, shop_overview
from . import formatting as fmt
from .app_context import AppContext
from .models.lazy_table import Column, LazyTableModel, session_fetcher
from .ops import QueryOp
from .screen import Screen
from .widgets.figure_card import FigureCard


class HomeScreen(Screen):
    screen_id = "home"
    icon = "nav-home.svg"
    watches = frozenset({"members", "visits", "wallet", "settings", "database"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview: Overview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        self.subheading = QLabel(self)
        self.subheading.setObjectName("screenSubheading")
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)

        grid = QGridLayout()
        grid.setSpacing(12)
        self.cards = {
            key: FigureCard(self)
            for key in ("members", "new_members", "visits_today", "visits_month", "stored_value")
        }
        for n, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, n)
        layout.addLayout(grid)

        self.recent_label = QLabel(self)
        self.recent_label.setObjectName("sectionTitle")
        layout.addWidget(self.recent_label)
        self.model = LazyTableModel(
            [
                Column("visited_at", lambda: self.tr("Time"), fmt.day_time),
                Column("member_name", lambda: self.tr("Member"), self._member_text),
                Column("amount", lambda: self.tr("Amount"), fmt.money, align_right=True),
            ],
            fetch=session_fetcher(ctx.engine, recent_visit_rows),
            parent=self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Overview")

    def focus_widget(self) -> QWidget | None:
        return self.table

    def _member_text(self, name: str) -> str:
        return name or self.tr("Walk-in")

    def retranslate_ui(self) -> None:
        self.heading.setText(
            self.overview.shop_name if self.overview and self.overview.shop_name else self.title()
        )
        today = date.today()
        self.subheading.setText(
            self.tr("Today is %1 · figures for %2")
            .replace("%1", fmt.day(today))
            .replace("%2", fmt.month(today.year, today.month))
        )
        captions = {
            "members": (self.tr("Members"), self.tr("active members")),
            "new_members": (self.tr("New this month"), self.tr("joined since the 1st")),
            "visits_today": (self.tr("Visits today"), ""),
            "visits_month": (self.tr("Visits this month"), ""),
            "stored_value": (
                self.tr("Stored value owed"),
                self.tr("balance of all member cards (a liability)"),
            ),
        }
        for key, (caption, hint) in captions.items():
            self.cards[key].set_caption(caption, hint)
        self.recent_label.setText(self.tr("Latest visits"))
        self.model.retranslate()
        self._show_figures()

    def refresh(self) -> None:
        QueryOp(self.ctx, self, lambda s: shop_overview(s), success=self._overview_loaded).run()
        QueryOp(self.ctx, self, lambda s: recent_visit_ids(s, 200), success=self._ids_loaded).run()

    def _overview_loaded(self, overview: Overview) -> None:
        self.overview = overview
        self.heading.setText(overview.shop_name or self.title())
        self._show_figures()

    def _ids_loaded(self, ids: list[int]) -> None:
        self.model.mark_stale()
        self.model.set_ids(ids)

    def _show_figures(self) -> None:
        o = self.overview
        if o is None:
            return
        self.cards["members"].set_value(fmt.number(o.members))
        self.cards["new_members"].set_value(fmt.number(o.new_members_month))
        self.cards["visits_today"].set_value(fmt.number(o.visits_today))
        self.cards["visits_month"].set_value(fmt.number(o.visits_month))
        self.cards["stored_value"].set_value(fmt.money(o.stored_value))
