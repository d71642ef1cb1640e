"""What the counter screen reads in one go: today's figures, a member's card, the visit setup.

Each function bundles calls to the domain services (members, wallet, visits, follow-ups,
staff) so the counter loads a member with one read op. Plain Python, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from .. import clock
from ..i18n import current_language
from ..models.base import CENT
from .bookings import MemberBookings, day_counts, member_bookings
from .first_steps import FirstSteps, first_steps
from .followups import DueItem, due_count, member_open_followups
from .members import FieldSpec, MemberCard, get_member, profile_fields
from .money.methods import MethodView, list_methods
from .reports.overview import shop_overview
from .settings import get_settings
from .staff import StaffView, list_staff
from .visits import (
    VisitDefaults,
    VisitSummary,
    last_visit_defaults,
    member_visits,
    quick_bill_enabled,
)
from .wallet import (
    DEFAULT_POINTS_REDEEM_RATE,
    SETTING_POINTS_REDEEM_RATE,
    Balances,
    balances,
    points_rates,
)

ALLERGY_KEY = "allergies"
_PHONE_TEXT = re.compile(r"^[\d\s+()\-]+$")


@dataclass(frozen=True)
class CounterToday:
    """The idle panel's figures (what the old Overview screen showed first)."""

    shop_name: str
    visits_today: int
    followups_due: int
    new_members_month: int
    stored_value: Decimal  # owed to members: a liability
    members: int
    quick_bill: bool = False  # the visit key opens the quick bill (restaurants by default)
    first_steps: FirstSteps | None = None  # the new shop's checklist
    bookings_today: tuple[int, int] = (0, 0)  # the day's bookings, how many arrived


def counter_today(session: Session, today: date | None = None) -> CounterToday:
    today = today or clock.today()
    overview = shop_overview(session, today)
    return CounterToday(
        shop_name=overview.shop_name,
        visits_today=overview.visits_today,
        followups_due=due_count(session, today),  # counted as the rows stream, not kept
        new_members_month=overview.new_members_month,
        stored_value=overview.stored_value,
        members=overview.members,
        quick_bill=quick_bill_enabled(session),
        first_steps=first_steps(session),
        bookings_today=day_counts(session, today),
    )


@dataclass(frozen=True)
class ProfileValue:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class MemberPanel:
    """Everything the member card on the counter shows."""

    card: MemberCard
    balances: Balances
    visits: tuple[VisitSummary, ...]  # newest first
    followups: tuple[DueItem, ...]  # open ones, by due date
    fields: tuple[FieldSpec, ...]  # the shop type's and the owner's profile fields
    profile: tuple[ProfileValue, ...]  # the filled-in ones, in field order, labelled
    allergies: str  # '' when none recorded
    bookings: MemberBookings | None = None  # upcoming ones and the no-show count


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def member_panel(
    session: Session,
    member_id: int,
    on: date | None = None,
    lang: str | None = None,
    visit_limit: int = 8,
) -> MemberPanel:
    lang = lang or current_language()
    settings = get_settings(
        session, {"shop.kind": None, SETTING_POINTS_REDEEM_RATE: DEFAULT_POINTS_REDEEM_RATE}
    )
    rate = max(int(settings[SETTING_POINTS_REDEEM_RATE]), 1)  # as wallet.points_rates reads it
    card = get_member(session, member_id)
    specs = tuple(profile_fields(session, kind=settings["shop.kind"]))
    profile = tuple(
        ProfileValue(s.key, s.label(lang), _as_text(card.profile.get(s.key)))
        for s in specs
        if _as_text(card.profile.get(s.key)) and s.key != ALLERGY_KEY
    )
    return MemberPanel(
        card=card,
        balances=balances(session, member_id, rate),
        visits=tuple(member_visits(session, member_id, limit=visit_limit)),
        followups=tuple(member_open_followups(session, member_id, on or clock.today(), lang)),
        fields=specs,
        profile=profile,
        allergies=_as_text(card.profile.get(ALLERGY_KEY)),
        bookings=member_bookings(session, member_id),
    )


@dataclass(frozen=True)
class VisitSetup:
    """What the new-visit dialog needs before the first keystroke."""

    member_id: int | None  # None: a walk-in
    member_name: str
    balances: Balances | None
    defaults: VisitDefaults
    staff: tuple[StaffView, ...]  # active staff, for the line's staff choice
    points_per_yuan: int  # points needed to pay one yuan
    # the shop's active money methods in its order (WeChat Pay and Alipay apart); stored
    # value and points are the wallet's tenders, offered beside them
    methods: tuple[MethodView, ...] = ()


def visit_setup(session: Session, member_id: int | None) -> VisitSetup:
    staff = tuple(list_staff(session))
    _, redeem_rate, _ = points_rates(session)
    methods = till_methods(session)
    if member_id is None:
        return VisitSetup(
            None, "", None, VisitDefaults(None, "", None), staff, redeem_rate, methods
        )
    card = get_member(session, member_id)
    return VisitSetup(
        member_id,
        card.name,
        balances(session, member_id),
        last_visit_defaults(session, member_id),
        staff,
        redeem_rate,
        methods,
    )


def till_methods(session: Session) -> tuple[MethodView, ...]:
    """The money methods a payment or a top-up may use now: active, not the wallet's own
    tenders, in the shop's order."""
    return tuple(m for m in list_methods(session, include_retired=False) if not m.internal)


def line_amount(quantity: int, unit_price: Decimal, discount: Decimal) -> Decimal:
    """What a line costs as the dialog shows it (the visit service checks it again)."""
    return (Decimal(unit_price) * max(int(quantity), 0) - Decimal(discount)).quantize(CENT)


def points_needed(amount: Decimal, points_per_yuan: int) -> int:
    """Points taken for paying `amount` yuan by points (rounded up, as the wallet does)."""
    value = Decimal(amount) * max(points_per_yuan, 1)
    return int(value.to_integral_value(rounding="ROUND_CEILING"))


def new_member_prefill(typed: str) -> dict[str, str]:
    """What the counter's "new member" takes from the search text: a phone if it looks like
    digits, else a name. Blank text pre-fills nothing."""
    text = (typed or "").strip()
    if not text:
        return {}
    if _PHONE_TEXT.match(text) and any(c.isdigit() for c in text):
        return {"phone": text}
    return {"name": text}
