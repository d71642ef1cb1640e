"""The member-level side of recording a visit: a staff price that differs from the level's
(an override, which needs a reason) and, once the visit is written, its audit and the upgrade
it earns (for the next sale). See docs/levels.md."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from .. import audit, levels
from ..amounts import amount_text
from ..auth import Actor

E_OVERRIDE_REASON = define(
    "visits.override_reason",
    en="Line {line}: ¥{amount} differs from the {level} price ¥{level_amount}; give a reason.",
    zh="第 {line} 项：¥{amount} 与“{level}”价格 ¥{level_amount} 不同，请填写原因。",
)


def level_override(
    n: int, override_reason: str, priced: Any, rate: Decimal, pricing: levels.MemberPricing
) -> Any:
    """A price given by staff for a level-priced line: the same as the level's is no
    override; a different one needs a reason (kept on the line, audited)."""
    level_amount = levels.apply_rate(priced.unit_price * priced.quantity, rate)
    priced.discount_rate = rate
    if priced.amount == level_amount:
        return priced
    reason = " ".join((override_reason or "").split())
    if not reason:
        raise ShopError(
            E_OVERRIDE_REASON,
            line=n,
            amount=amount_text(priced.amount),
            level=pricing.level_name,
            level_amount=amount_text(level_amount),
        )
    priced.override_reason = reason[:500]
    priced.level_amount = level_amount
    return priced


def after_sale(
    session: Session,
    visit_id: int,
    member_id: int | None,
    totals: Any,
    payments: dict[str, Decimal],
    bonus_drawn: Decimal,
    when: datetime,
    *,
    actor: Actor,
) -> None:
    """Audit the level overrides; then the upgrade this sale earns (for the next sale)."""
    for n, p in enumerate(totals.lines, start=1):
        if p.override_reason:
            audit.record(
                session,
                actor,
                "visit",
                visit_id,
                "price_override",
                line=n,
                level_amount=p.level_amount,
                amount=p.amount,
                reason=p.override_reason,
            )
    if member_id is None:
        return
    counted = sum((a for m, a in payments.items() if m != "points"), Decimal("0.00")) - bonus_drawn
    levels.after_sale(session, member_id, visit_id, totals.total_amount, counted, when, actor=actor)
