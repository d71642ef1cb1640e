"""Using cards on visit lines: one use per unit of a line's quantity.

`CardPlan` prices the card lines of one visit (the visit dialog's total and the recording
alike): each paid use recognises its service's share of the card's price, the card's last paid
use the exact remainder, a gifted use ¥0 (paid uses go first). The line's `amount` is the value
recognised, so the line is the visit's revenue like any other (and commission reads it); the
uses themselves are `card_entries` rows pointing at the line. A voided visit gives its uses
back (`edits.reverse_visit_uses`, re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import CardEntry, MemberCard, VisitLine
from ...models.card import CARD_METHOD, CARD_USE
from ..auth import Actor
from ..catalog import usable_service
from .edits import entry_time
from .edits import reverse_visit_uses as reverse_visit_uses  # record.py calls it here
from .holding import (
    E_CARD_NOT_FOUND,
    STATUS_EXPIRED,
    STATUS_REFUNDED,
    CardView,
    card_views,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

E_NEEDS_MEMBER = define(
    "cards.use_needs_member",
    en="Line {line}: a card use needs a member; choose the member first.",
    zh="第 {line} 项：使用次卡须先选择会员。",
)
E_NEEDS_SERVICE = define(
    "cards.use_needs_service",
    en="Line {line}: a card pays for a catalogue service, not a free-text item.",
    zh="第 {line} 项：次卡只能用于价目表中的项目。",
)
E_OTHER_MEMBER = define(
    "cards.other_member",
    en="Line {line}: card {card} belongs to another member.",
    zh="第 {line} 项：次卡 {card} 属于其他会员。",
)
E_EXPIRED = define(
    "cards.use_expired",
    en="Line {line}: card {card} ({name}) expired on {day}; pay another way.",
    zh="第 {line} 项：次卡 {card}（{name}）已于 {day} 过期，请用其他方式付款。",
)
E_REFUNDED = define(
    "cards.use_refunded",
    en="Line {line}: card {card} ({name}) was refunded; pay another way.",
    zh="第 {line} 项：次卡 {card}（{name}）已退卡，请用其他方式付款。",
)
E_WRONG_SERVICE = define(
    "cards.use_wrong_service",
    en="Line {line}: card {card} ({name}) is not for {service}; pay another way.",
    zh="第 {line} 项：次卡 {card}（{name}）不含“{service}”，请用其他方式付款。",
)
E_USED_UP = define(
    "cards.use_used_up",
    en="Line {line}: card {card} ({name}) has no {service} uses left; pay another way.",
    zh="第 {line} 项：次卡 {card}（{name}）的“{service}”次数已用完，请用其他方式付款。",
)
E_NO_CARD = define(
    "cards.use_no_card",
    en="Line {line}: the member has no card with {service} uses left; pay another way.",
    zh="第 {line} 项：该会员没有可用于“{service}”的次卡，请用其他方式付款。",
)
E_METHOD = define(
    "cards.method_is_internal",
    en="A card pays on its line (use the card on the service), not as a payment.",
    zh="次卡在项目上使用（在该项目上选择次卡），不能作为付款方式。",
)


@dataclass(frozen=True)
class PlannedUse:
    line_no: int
    card_id: int
    item_id: int
    paid: bool
    value: Decimal


@dataclass
class _CardState:
    view: CardView
    left: dict[int, list[int]]  # item id -> [paid left, gifted left]
    value_left: Decimal
    paid_left: int


@dataclass
class CardPlan:
    """The card uses of one visit being priced (several lines may draw on one card)."""

    session: Session
    member_id: int | None
    day: date
    uses: list[PlannedUse] = field(default_factory=list)
    _cards: dict[int, _CardState] = field(default_factory=dict)
    _member_cards: list[int] | None = None

    @property
    def total(self) -> Decimal:
        return sum((u.value for u in self.uses), ZERO)

    def _state(self, card_id: int) -> _CardState:
        if card_id not in self._cards:
            card = self.session.get(MemberCard, card_id)
            if card is None:
                raise ShopError(E_CARD_NOT_FOUND, id=card_id)
            view = card_views(self.session, [card], self.day)[0]
            self._cards[card_id] = _CardState(
                view,
                {i.item_id: [i.paid_left, i.bonus_left] for i in view.items},
                view.value_left,
                sum(i.paid_left for i in view.items),
            )
        return self._cards[card_id]

    def _candidates(self) -> list[int]:
        if self._member_cards is None:
            cards = list(
                self.session.scalars(
                    select(MemberCard).where(
                        MemberCard.member_id == self.member_id, MemberCard.refunded_at.is_(None)
                    )
                )
            )
            views = card_views(self.session, cards, self.day)
            views.sort(key=lambda v: (v.expires_on or date.max, v.sold_at, v.id))
            self._member_cards = [v.id for v in views if v.usable]
        return self._member_cards

    def _has(self, state: _CardState, service_id: int) -> bool:
        return any(
            sum(state.left[i.item_id]) > 0 for i in state.view.items if i.service_id == service_id
        )

    def price(
        self, line: int, service_id: int | None, quantity: int, card_id: int | None
    ) -> tuple[Decimal, Decimal, Decimal]:
        """Plan `quantity` uses of a card for a line; returns (unit price, discount, amount)
        of the line: the amount is the value the uses recognise."""
        if self.member_id is None:
            raise ShopError(E_NEEDS_MEMBER, line=line)
        if service_id is None:
            raise ShopError(E_NEEDS_SERVICE, line=line)
        service = usable_service(self.session, service_id).name
        if card_id is None:
            found = [c for c in self._candidates() if self._has(self._state(c), service_id)]
            if not found:
                raise ShopError(E_NO_CARD, line=line, service=service)
            card_id = found[0]
        state = self._state(card_id)
        view = state.view
        words = {"line": line, "card": card_id, "name": view.name}
        if view.member_id != self.member_id:
            raise ShopError(E_OTHER_MEMBER, line=line, card=card_id)
        if view.status == STATUS_REFUNDED:
            raise ShopError(E_REFUNDED, **words)
        if view.status == STATUS_EXPIRED:
            raise ShopError(E_EXPIRED, day=str(view.expires_on), **words)
        items = [i for i in view.items if i.service_id == service_id]
        if not items:
            raise ShopError(E_WRONG_SERVICE, service=service, **words)
        amount = ZERO
        for _ in range(quantity):
            item = next((i for i in items if state.left[i.item_id][0] > 0), None)
            if item is not None:
                state.left[item.item_id][0] -= 1
                state.paid_left -= 1
                value = min(item.unit_value, state.value_left)
                if state.paid_left == 0:  # the card's last paid use: the exact remainder
                    value = state.value_left
                state.value_left -= value
                self.uses.append(PlannedUse(line, card_id, item.item_id, True, value))
                amount += value
                continue
            item = next((i for i in items if state.left[i.item_id][1] > 0), None)
            if item is None:
                raise ShopError(E_USED_UP, service=service, **words)
            state.left[item.item_id][1] -= 1
            self.uses.append(PlannedUse(line, card_id, item.item_id, False, ZERO))
        unit = (amount / quantity).quantize(CENT, rounding=ROUND_CEILING)
        return unit, unit * quantity - amount, amount


def check_payment_methods(methods: set[str] | frozenset[str]) -> None:
    """The card's internal method is written by the visit itself, never given as a payment."""
    if CARD_METHOD in methods:
        raise ShopError(E_METHOD)


def write_uses(
    session: Session, visit_id: int, when: datetime, plan: CardPlan, *, actor: Actor
) -> None:
    """The planned uses as card entries pointing at the visit's lines (after the lines),
    dated on the visit's time, or now when its month is closed (`edits.entry_time`)."""
    if not plan.uses:
        return
    at = entry_time(session, when)
    line_ids = dict(
        session.execute(
            select(VisitLine.line_no, VisitLine.id).where(VisitLine.visit_id == visit_id)
        ).all()
    )
    for use in plan.uses:
        session.add(
            CardEntry(
                card_id=use.card_id,
                item_id=use.item_id,
                kind=CARD_USE,
                paid_uses=-1 if use.paid else 0,
                bonus_uses=0 if use.paid else -1,
                value=-use.value,
                occurred_at=at,
                visit_id=visit_id,
                visit_line_id=line_ids[use.line_no],
                staff_id=actor.staff_id,
            )  # fmt: skip
        )
    session.flush()


def preview_value(view: CardView, service_id: int, quantity: int) -> Decimal | None:
    """What `quantity` uses of `view` for the service would recognise (the visit dialog's
    line amount before saving), by the same rule as `CardPlan`; None when the card has not
    enough uses left for the service. Recording the visit works it out again."""
    items = [i for i in view.items if i.service_id == service_id]
    if not items or not view.usable:
        return None
    left = {i.item_id: [i.paid_left, i.bonus_left] for i in view.items}
    paid_left = sum(i.paid_left for i in view.items)
    value_left, amount = view.value_left, ZERO
    for _ in range(quantity):
        item = next((i for i in items if left[i.item_id][0] > 0), None)
        if item is not None:
            left[item.item_id][0] -= 1
            paid_left -= 1
            value = value_left if paid_left == 0 else min(item.unit_value, value_left)
            value_left -= value
            amount += value
            continue
        item = next((i for i in items if left[i.item_id][1] > 0), None)
        if item is None:
            return None
        left[item.item_id][1] -= 1
    return amount
