"""Closing a month: from then on its figures never change.

Closing stores the month's report (the `report --month --json` figures, in every language)
as a frozen snapshot; the report of a closed month is that snapshot, byte for byte. What
happens later to the month's rows is booked in the open month instead: the money ledger
turns any movement dated in a closed month into a "prior-period adjustment (YYYY-MM)"
(services.money.ledger). Only a month that has ended can be closed; the owner closes and
reopens (with a reason), both audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import LANGUAGES, ShopError, current_language, define
from ...models import ClosedMonth, Staff
from .. import audit
from ..auth import Actor, require_owner
from .ledger import forget_closed, period_of

E_NOT_ENDED = define(
    "money.month_not_ended",
    en="{period} has not ended yet; only past months can be closed.",
    zh="{period} 尚未结束，只能结账已过去的月份。",
)
E_CLOSED = define(
    "money.month_closed_already", en="{period} is already closed.", zh="{period} 已结账。"
)
E_OPEN = define("money.month_not_closed", en="{period} is not closed.", zh="{period} 未结账。")
E_REASON = define(
    "money.reopen_reason",
    en="Reopening a month needs a reason.",
    zh="重新打开已结账月份必须填写原因。",
)


def _period(year: int, month: int) -> str:
    return period_of(date(year, month, 1))


def closed_periods(session: Session) -> list[str]:
    return list(session.scalars(select(ClosedMonth.period).order_by(ClosedMonth.period)))


def is_month_closed(session: Session, year: int, month: int) -> bool:
    return session.get(ClosedMonth, _period(year, month)) is not None


def _live(session: Session, year: int, month: int, lang: str, actor: Actor) -> dict:
    from ..bookings.figures import month_bookings
    from ..reports import monthly_report

    data = monthly_report(session, year, month, lang, actor=actor).to_dict()
    data["bookings"] = month_bookings(session, year, month).to_dict()  # services/bookings
    # through JSON once, so a snapshot read back is the same data in the same order
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


@dataclass(frozen=True)
class MonthStatus:
    """What the Reports screen says about a month's books: open or closed, when, by whom."""

    period: str  # "YYYY-MM"
    closed: bool
    closed_at: datetime | None
    closed_by: str  # the staff member's name; "" when unknown or open
    ended: bool  # the month is over (only an ended month can be closed)


def month_status(session: Session, year: int, month: int) -> MonthStatus:
    period = _period(year, month)
    found = session.get(ClosedMonth, period)
    ended = period < period_of(clock.today())
    if found is None:
        return MonthStatus(period, False, None, "", ended)
    who = session.get(Staff, found.closed_by_id) if found.closed_by_id is not None else None
    return MonthStatus(period, True, found.closed_at, who.name if who else "", ended)


def closed_snapshot(session: Session, year: int, month: int, lang: str) -> dict | None:
    """A closed month's report data in `lang` as stored at close; None for an open month."""
    found = session.get(ClosedMonth, _period(year, month))
    if found is None:
        return None
    snapshot = json.loads(found.snapshot)
    return snapshot.get(lang) or snapshot["en"]


def report_dict(
    session: Session, year: int, month: int, lang: str | None = None, *, actor: Actor
) -> dict[str, Any]:
    """The month's report as plain JSON data: the frozen snapshot of a closed month, the
    live figures of an open one (with `"closed": false`)."""
    require_owner(actor, "reports")
    lang = lang or current_language()
    frozen = closed_snapshot(session, year, month, lang)
    if frozen is not None:
        return frozen
    data = _live(session, year, month, lang, actor)
    data["closed"] = False
    return data


def close_month(session: Session, year: int, month: int, *, actor: Actor) -> str:
    """Close a month that has ended (owner, audited); returns 'YYYY-MM'."""
    require_owner(actor, "close a month")
    period = _period(year, month)
    if period >= period_of(clock.today()):
        raise ShopError(E_NOT_ENDED, period=period)
    if session.get(ClosedMonth, period) is not None:
        raise ShopError(E_CLOSED, period=period)
    now = clock.now().replace(microsecond=0)
    snapshot = {}
    for lang in LANGUAGES:
        data = _live(session, year, month, lang, actor)
        data["closed"] = True
        data["closed_at"] = now.isoformat(sep=" ")
        snapshot[lang] = data
    session.add(
        ClosedMonth(
            period=period,
            closed_at=now,
            closed_by_id=actor.staff_id if actor else None,
            snapshot=json.dumps(snapshot, ensure_ascii=False),
        )
    )
    session.flush()
    forget_closed(session)
    audit.record(session, actor, "month", None, "close", period=period)
    return period


def reopen_month(
    session: Session, year: int, month: int, reason: str, *, actor: Actor
) -> str:
    """Reopen a closed month (owner, audited, with a reason): its snapshot is dropped and its
    figures are live again. Adjustments already booked in later months stay there."""
    require_owner(actor, "reopen a month")
    if not (reason or "").strip():
        raise ShopError(E_REASON)
    period = _period(year, month)
    found = session.get(ClosedMonth, period)
    if found is None:
        raise ShopError(E_OPEN, period=period)
    session.delete(found)
    session.flush()
    forget_closed(session)
    audit.record(session, actor, "month", None, "reopen", period=period, reason=reason.strip())
    return period
