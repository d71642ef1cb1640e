"""What the counter shows while no member is chosen: today's figures and the keys to use."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ... import clock
from ...services.counter import CounterToday
from .. import formatting as fmt
from ..widgets.figure_card import FigureCard
from .first_steps import FirstStepsBox

FIGURES = ("visits_today", "followups_due", "new_members_month", "stored_value", "bookings_today")


class IdlePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idlePanel")
        self.today: CounterToday | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(14)
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        self.subheading = QLabel(self)
        self.subheading.setObjectName("screenSubheading")
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        self.first_steps = FirstStepsBox(self)
        layout.addWidget(self.first_steps)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.cards = {key: FigureCard(self) for key in FIGURES}
        for n, card in enumerate(self.cards.values()):
            grid.addWidget(card, n // 2, n % 2)
        layout.addLayout(grid)
        self.keys_title = QLabel(self)
        self.keys_title.setObjectName("sectionTitle")
        layout.addWidget(self.keys_title)
        self.keys = QLabel(self)
        self.keys.setObjectName("keysHelp")
        self.keys.setWordWrap(True)
        layout.addWidget(self.keys)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        today = clock.today()
        self.subheading.setText(self.tr("Today is %1").replace("%1", fmt.day(today)))
        captions = {
            "visits_today": (self.tr("Visits today"), ""),
            "followups_due": (self.tr("Follow-ups due today"), self.tr("on the Follow-ups screen")),
            "new_members_month": (self.tr("New members this month"), ""),
            "bookings_today": (self.tr("Bookings today"), self.tr("arrived / booked")),
            "stored_value": (
                self.tr("Stored value owed"),
                self.tr("balance of all member cards (a liability)"),
            ),
        }
        for key, (caption, hint) in captions.items():
            self.cards[key].set_caption(caption, hint)
        self.first_steps.retranslate_ui()
        self.keys_title.setText(self.tr("Keys"))
        rows = [
            (self.tr("Type"), self.tr("phone tail, name, pinyin initials or card number")),
            ("↓ ↑  Enter", self.tr("pick a member and open the card")),
            ("F2", self.tr("new visit or quick bill (a walk-in when no member is open)")),
            ("F3 / F4", self.tr("top up / edit the member")),
            ("Ctrl+N", self.tr("new member from what was typed")),
            ("Esc", self.tr("back to the search box")),
        ]
        self.keys.setText(
            "<table cellspacing='4'>"
            + "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )
        self._show()

    def show_today(self, today: CounterToday) -> None:
        self.today = today
        self.first_steps.show_steps(today.first_steps)
        self._show()

    def _show(self) -> None:
        t = self.today
        self.heading.setText((t.shop_name if t else "") or self.tr("Counter"))
        if t is None:
            return
        self.cards["visits_today"].set_value(fmt.number(t.visits_today))
        self.cards["followups_due"].set_value(fmt.number(t.followups_due))
        self.cards["new_members_month"].set_value(fmt.number(t.new_members_month))
        self.cards["stored_value"].set_value(fmt.money(t.stored_value))
        booked, arrived = t.bookings_today  # follows the Bookings screen (watches "bookings")
        self.cards["bookings_today"].set_value(f"{fmt.number(arrived)} / {fmt.number(booked)}")
