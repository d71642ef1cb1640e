"""The quick bill: a visit that is one bill (amount, party, table), with no service lines.

A restaurant's POS has the dishes; the member system wants the bill, the party and the
member. A quick bill is recorded as an ordinary visit whose one line is a free-text item
named "Bill" in the shop's language (no service), so points, stored value, follow-ups and
voids work exactly as for any visit, and the report's by-service breakdowns group such
lines as "Bills" (see `is_bill_line`). Restaurants use it by default; any shop can turn it
on with the `visit.quick_bill` setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ...i18n import LANGUAGES, ShopError, current_language, define, translate
from ..auth import Actor
from ..settings import SHOP_RESTAURANT, get_settings
from .record import LineDraft, PaymentDraft, VisitDraft, record_visit

M_BILL = define("visits.bill", en="Bill", zh="账单")
M_BILLS = define("visits.bills", en="Bills", zh="账单")
E_BILL_AMOUNT = define(
    "visits.bill_amount", en="A bill needs an amount above zero.", zh="账单金额必须大于零。"
)
SETTING_QUICK_BILL = "visit.quick_bill"  # None: on for restaurants, off for the others


def bill_names() -> frozenset[str]:
    """What a bill line is called in every language (an item name written at the time)."""
    return frozenset(translate(M_BILL, lang) for lang in LANGUAGES)


def is_bill_line(service_id: int | None, item_name: str) -> bool:
    return service_id is None and item_name in bill_names()


def quick_bill_enabled(session: Session) -> bool:
    """Whether the counter's visit key opens the quick bill rather than the service list."""
    values = get_settings(session, {SETTING_QUICK_BILL: None, "shop.kind": None})
    chosen = values[SETTING_QUICK_BILL]
    if chosen is None:
        return values["shop.kind"] == SHOP_RESTAURANT
    return bool(chosen)


@dataclass(frozen=True)
class BillDraft:
    member_id: int | None  # None: a walk-in
    amount: Decimal
    party_size: int | None = None
    table_no: str = ""
    payments: tuple[PaymentDraft, ...] = ()  # () : cash for the whole bill
    note: str = ""
    visited_at: datetime | None = None
    staff_id: int | None = None
    satisfaction: int | None = None  # 1–5, as on any visit
    complaint: str = ""  # opens a complaint follow-up once recorded (care.open_visit_complaint)


def bill_visit(draft: BillDraft, lang: str | None = None) -> VisitDraft:
    """The visit a bill is: one line named "Bill" (in `lang`) for the whole amount."""
    amount = Decimal(draft.amount)
    if not amount.is_finite() or amount <= 0:
        raise ShopError(E_BILL_AMOUNT)
    line = LineDraft(
        item_name=translate(M_BILL, lang or current_language()),
        amount=amount,
        staff_id=draft.staff_id,
    )
    payments = draft.payments or (PaymentDraft("cash", amount),)
    return VisitDraft(
        draft.member_id,
        (line,),
        payments,
        visited_at=draft.visited_at,
        note=draft.note,
        satisfaction=draft.satisfaction,
        complaint=draft.complaint,
        party_size=draft.party_size,
        table_no=draft.table_no,
    )


def record_bill(
    session: Session, draft: BillDraft, *, actor: Actor, lang: str | None = None
) -> int:
    """Record a quick bill as a visit (all the visit rules apply); returns the visit id."""
    return record_visit(session, bill_visit(draft, lang), actor=actor)
