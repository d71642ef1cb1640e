"""The counter's count cards (次卡): the member's cards with uses left on the member card (a
warning 30 days before a card's last day) and F6 to sell a card.

Kept apart from the counter screen: the screen makes one `CardsSection`, calls `load()` when a
member's card is shown and `update_actions()` when its actions are enabled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ... import clock
from ...services import cards
from .. import formatting as fmt
from ..ops import QueryOp
from .widgets import show_action

if TYPE_CHECKING:
    from .screen import CounterScreen


class CardsBox(QWidget):
    """The member's usable cards: name, uses left per service (paid + gifted), value, last day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberCards")
        self.views: list[cards.CardView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Cards"))
        self.show_cards(self.views)

    def show_cards(self, views: list[cards.CardView]) -> None:
        self.views = views
        usable = [v for v in views if v.usable]
        self.setVisible(bool(views))
        lines = []
        for v in usable:
            last = (
                self.tr("until %1").replace("%1", fmt.day(v.expires_on))
                if v.expires_on
                else self.tr("no expiry")
            )
            text = (
                f"<b>{_esc(v.name)}</b> · {_esc(v.uses_text())} · "
                + self.tr("%1 left").replace("%1", fmt.money(v.value_left))
                + f" · {last}"
            )
            if v.expiring_soon and v.expires_on is not None:
                days = (v.expires_on - clock.today()).days
                warn = self.tr("ends in %1 days").replace("%1", str(days))
                text += f" <span style='color:#c0392b;font-weight:bold'>⚠ {warn}</span>"
            lines.append(text)
        if not usable:
            lines.append(self.tr("No card with uses left."))
        self.body.setText("<br>".join(lines))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CardsSection(QObject):
    """Wires the cards into the counter screen (one line each in the screen)."""

    def __init__(self, screen: CounterScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.box = CardsBox(screen.card)
        screen.card.cards_slot.addWidget(self.box)
        self.box.hide()
        self.action = QAction(screen)
        self.action.setShortcut(QKeySequence("F6"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.triggered.connect(self.sell)
        screen.addAction(self.action)
        self.button = QPushButton(screen.card)
        self.button.setObjectName("sellCardButton")
        self.button.clicked.connect(self.action.trigger)
        screen.card.actions_row.insertWidget(2, self.button)
        screen.ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self, *_args: object) -> None:
        show_action(self.button, self.action, self.tr("Sell card"), self.tr("Sell a count card"))
        self.box.retranslate_ui()

    def load(self, member_id: int) -> None:
        def shown(views: list[cards.CardView]) -> None:
            if self.screen.member_id == member_id:
                self.box.show_cards(views)

        QueryOp(
            self.screen.ctx,
            self.screen,
            lambda s: cards.member_cards(s, member_id, today=clock.today()),
            success=shown,
        ).run()

    def update_actions(self, has_member: bool) -> None:
        self.action.setEnabled(has_member)
        self.button.setEnabled(has_member)

    def sell(self) -> None:
        screen = self.screen
        if screen.dialog is not None or screen.panel is None:
            return
        from .sell_card_dialog import SellCardDialog

        screen._open(SellCardDialog(screen.ctx, screen.panel, screen), screen._saved)
