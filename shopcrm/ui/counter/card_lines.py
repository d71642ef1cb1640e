"""The visit dialog's card column: for each line, the member's cards that cover its service.

Choosing a card pays the line with card uses (services.cards): the line then costs nothing at
the till, its amount shows what the uses recognise, and the draft asks the visit service to
use that card. "Pay" (the first choice) leaves the line to be paid as usual."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from ...services import cards
from ...services.cards.uses import preview_value
from .. import formatting as fmt


def card_combo(parent: QWidget, service_id: int, views: list[cards.CardView]) -> QComboBox:
    """A combo of the usable cards covering the service ("(pay)" first)."""
    combo = QComboBox(parent)
    combo.setObjectName("lineCard")
    fill(combo, service_id, views)
    return combo


def fill(combo: QComboBox, service_id: int, views: list[cards.CardView]) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(QCoreApplication.translate("CardLines", "(pay)"), None)
    for v in views:
        if not v.usable:
            continue
        item = next((i for i in v.items if i.service_id == service_id), None)
        if item is None or item.paid_left + item.bonus_left <= 0:
            continue
        left = f"{item.paid_left}" + (f"+{item.bonus_left}" if item.bonus_left else "")
        combo.addItem(
            QCoreApplication.translate("CardLines", "%1 (%2 left)")
            .replace("%1", v.name)
            .replace("%2", left),
            v.id,
        )
    index = combo.findData(chosen) if chosen is not None else -1
    if index < 0 and combo.count() > 1:
        index = 1  # the member has a card for it: offered first (soonest expiry first)
    combo.setCurrentIndex(max(index, 0))
    combo.setEnabled(combo.count() > 1)
    combo.setToolTip(
        QCoreApplication.translate("CardLines", "Pay this line with the member's card")
        if combo.count() > 1
        else QCoreApplication.translate("CardLines", "No card")
    )
    combo.blockSignals(False)


def chosen_card(combo: QComboBox | None) -> int | None:
    return combo.currentData() if combo is not None else None


def card_value(
    combo: QComboBox | None, views: list[cards.CardView], service_id: int, quantity: int
) -> Decimal | None:
    """What the chosen card's uses recognise for the line (None: not paid by card)."""
    card_id = chosen_card(combo)
    view = next((v for v in views if v.id == card_id), None)
    if view is None:
        return None
    return preview_value(view, service_id, quantity)


def amount_text(value: Decimal | None) -> str:
    if value is None:
        return QCoreApplication.translate("CardLines", "not enough uses")
    return fmt.money(value)  # the card column says which card pays it


def draft_fields(combo: QComboBox | None) -> dict[str, Any]:
    """LineDraft fields of a line paid by card ({} for a line paid as usual)."""
    card_id = chosen_card(combo)
    return {"use_card": True, "card_id": card_id} if card_id is not None else {}
