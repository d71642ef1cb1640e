"""The month's level figures for the report: members by level, upgrades in the month,
discount given by level (from the level each line was priced at)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ... import clock
from ...models import MEMBER_ACTIVE, VISIT_OK, LevelChange, Member, MemberLevel, Visit, VisitLine
from ..amounts import from_cents
from ..analytics.sqlfuncs import unindexed


def level_figures(session: Session, year: int, month: int) -> dict[str, Any]:
    """Plain data for `report --json` ("levels"): members now by level (None: no level),
    upgrades in the month by the level reached, and discount given on level-priced lines."""
    start, end = clock.month_bounds(year, month)
    names = dict(session.execute(select(MemberLevel.id, MemberLevel.name)).all())
    order = [lid for lid in session.scalars(select(MemberLevel.id).order_by(MemberLevel.rank))]
    members = dict(
        session.execute(
            select(Member.level_id, func.count())
            .where(Member.status == MEMBER_ACTIVE)
            .group_by(Member.level_id)
        ).all()
    )
    old, new = aliased(MemberLevel), aliased(MemberLevel)
    upgrades = dict(
        session.execute(
            select(LevelChange.to_level_id, func.count())
            .outerjoin(old, old.id == LevelChange.from_level_id)
            .join(new, new.id == LevelChange.to_level_id)
            .where(LevelChange.changed_at >= start, LevelChange.changed_at < end)
            .where(func.coalesce(old.rank, 0) < new.rank)
            .group_by(LevelChange.to_level_id)
        ).all()
    )
    # the month's ok visit ids from the covering range index, then their lines by visit id
    # (a join read each visit row from the table: twice the time at 1,000,000 visits)
    month_ok = select(Visit.id).where(
        unindexed(Visit.status) == VISIT_OK, Visit.visited_at >= start, Visit.visited_at < end
    )
    discount = {
        lid: from_cents(cents) if not isinstance(cents, Decimal) else cents
        for lid, cents in session.execute(
            select(VisitLine.level_id, func.sum(VisitLine.discount))
            .where(VisitLine.visit_id.in_(month_ok))
            .where(VisitLine.level_id.is_not(None))
            .group_by(VisitLine.level_id)
        ).all()
    }
    rows = [
        {
            "level": names[lid],
            "members": int(members.get(lid, 0)),
            "upgrades": int(upgrades.get(lid, 0)),
            "discount_given": str(discount.get(lid, Decimal("0.00"))),
        }
        for lid in order
    ]
    return {
        "by_level": rows,
        "members_without_level": int(members.get(None, 0)),
        "upgrades_total": sum(r["upgrades"] for r in rows),
        "discount_given_total": str(sum(discount.values(), Decimal("0.00"))),
    }
