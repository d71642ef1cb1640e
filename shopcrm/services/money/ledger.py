"""The money ledger: the one writer of `money_movements` (append-only).

Every movement of money is one row: a visit payment (one per tender, internal tenders
included so revenue can be read from the ledger), a top-up, a card or package sale, a
refund, a void reversal, an adjustment. A row is booked on a local day and reported in that
day's month (`period`):

- a movement is booked on the day it belongs to (a visit's payments on the visit's day, a
  top-up on the day it was taken, a void's reversal on the voided visit's day);
- when that day's month is closed, the row is instead an ``adjustment`` booked today, in the
  open month, with ``prior_period`` naming the closed month: "prior-period adjustment
  (2026-10)". A closed month's rows therefore never change.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import define, translate
from ...models import ClosedMonth, MoneyMovement
from ...models.money import KIND_ADJUSTMENT
from ..auth import Actor
from ..bulk import insert_rows

L_PRIOR = define(
    "money.prior_period",
    en="prior-period adjustment ({period})",
    zh="以前期间调整（{period}）",
)
ZERO = Decimal("0.00")


def period_of(day: date | datetime) -> str:
    return f"{day.year:04d}-{day.month:02d}"


_CACHE_KEY = "shopcrm.closed_months"


def closed_set(session: Session) -> set[str]:
    """The closed periods, read once per session (a session is one operation; closing or
    reopening a month in it updates the cache, see `forget_closed`)."""
    found = session.info.get(_CACHE_KEY)
    if found is None:
        found = set(session.scalars(select(ClosedMonth.period)))
        session.info[_CACHE_KEY] = found
    return found


def forget_closed(session: Session) -> None:
    session.info.pop(_CACHE_KEY, None)


def is_closed(session: Session, period: str) -> bool:
    return period in closed_set(session)


def prior_period_label(period: str, lang: str | None = None) -> str:
    return translate(L_PRIOR, lang, period=period)


def post(
    session: Session,
    kind: str,
    method: str,
    amount: Decimal,
    *,
    when: datetime | None = None,
    booked_on: date | None = None,
    member_id: int | None = None,
    visit_id: int | None = None,
    wallet_entry_id: int | None = None,
    actor: Actor,
    staff_id: int | None = None,
    bonus_part: Decimal = ZERO,
    note: str = "",
) -> MoneyMovement:
    """Append one movement (see the module docstring for the day and month it is booked in).

    `when` is when it happened (default now, local time); `booked_on` the day it belongs to
    (default: `when`'s day).
    """
    row = MoneyMovement(
        **movement_values(
            session, kind, method, amount, when=when, booked_on=booked_on, member_id=member_id,
            visit_id=visit_id, wallet_entry_id=wallet_entry_id, actor=actor, staff_id=staff_id,
            bonus_part=bonus_part, note=note,
        )
    )  # fmt: skip
    session.add(row)
    return row


def movement_values(
    session: Session,
    kind: str,
    method: str,
    amount: Decimal,
    *,
    when: datetime | None = None,
    booked_on: date | None = None,
    member_id: int | None = None,
    visit_id: int | None = None,
    wallet_entry_id: int | None = None,
    actor: Actor,
    staff_id: int | None = None,
    bonus_part: Decimal = ZERO,
    note: str = "",
) -> dict[str, object]:
    """The row `post` appends, as column values (for a Core insert of several at once:
    a visit's payments)."""
    happened = when or clock.now()
    day = booked_on or happened.date()
    prior = None
    if is_closed(session, period_of(day)):
        prior, kind, day = period_of(day), KIND_ADJUSTMENT, clock.today()
    return dict(
        occurred_at=happened,
        booked_on=day,
        period=period_of(day),
        kind=kind,
        method=method,
        amount=Decimal(amount),
        bonus_part=Decimal(bonus_part),
        member_id=member_id,
        visit_id=visit_id,
        wallet_entry_id=wallet_entry_id,
        staff_id=staff_id if staff_id is not None else (actor.staff_id if actor else None),
        prior_period=prior,
        note=note,
    )


def post_batch(bind: Session | Connection, rows: list[dict[str, object]]) -> int:
    """Append many movements of open months at once (the demo shop, imports of history).

    Each row needs occurred_at, kind, method and amount; booked_on defaults to occurred_at's
    day. Rows falling in a closed month become adjustments as in `post`.
    """
    if not rows:
        return 0
    closed = set(bind.scalars(select(ClosedMonth.period)))
    today = clock.today()
    out = []
    for row in rows:
        when = row["occurred_at"]
        assert isinstance(when, datetime)
        day = row.get("booked_on") or when.date()
        assert isinstance(day, date)
        full = {
            "bonus_part": ZERO,
            "member_id": None,
            "visit_id": None,
            "wallet_entry_id": None,
            "staff_id": None,
            "note": "",
            **row,
            "booked_on": day,
            "period": period_of(day),
            "prior_period": None,
        }
        if full["period"] in closed:
            full.update(
                prior_period=full["period"],
                kind=KIND_ADJUSTMENT,
                booked_on=today,
                period=period_of(today),
            )
        out.append(full)
    insert_rows(bind, MoneyMovement.__table__, out)
    return len(out)
