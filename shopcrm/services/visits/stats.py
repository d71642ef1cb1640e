"""Member figures derived from visits (first/last visit, count, lifetime spend).

Kept on the members row so the member list sorts and filters in SQL. Recomputed set-based
from the non-voided visits of the given members, in chunks, whenever visits change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, bindparam, case, func, or_, select, update
from sqlalchemy.orm import Session

from ...models import VISIT_OK, Member, Visit

CHUNK = 500


def _day(value: datetime | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):  # defensive: a raw SQLite text timestamp
        value = datetime.fromisoformat(value)
    return value.date()


def refresh_member_stats(session: Session, member_ids: Iterable[int | None]) -> int:
    """Recompute the derived visit figures of these members; returns how many were updated.

    The members' optimistic `version` is left alone: these are derived figures, and a member
    form open on another counter must still be able to save its own fields.
    """
    ids = sorted({i for i in member_ids if i is not None})
    if not ids:
        return 0
    session.flush()
    members = Member.__table__
    visits = Visit.__table__
    # One grouped query per chunk, filtered on member_id only: SQLite's planner would pick
    # the status index for a per-member "status = 'ok'" test and scan every visit.
    figures = select(
        visits.c.member_id,
        visits.c.status,
        func.count(),
        func.sum(visits.c.total_amount),
        func.min(visits.c.visited_at),
        func.max(visits.c.visited_at),
    ).group_by(visits.c.member_id, visits.c.status)
    change = (
        update(members)
        .where(members.c.id == bindparam("b_id"))
        .values(
            visit_count=bindparam("b_count"),
            lifetime_spend=bindparam("b_spend"),
            first_visit_on=bindparam("b_first"),
            last_visit_on=bindparam("b_last"),
        )
    )
    updated = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        stats = {
            i: {"b_id": i, "b_count": 0, "b_spend": Decimal("0"), "b_first": None, "b_last": None}
            for i in chunk
        }
        for member_id, status, count, spend, first, last in session.execute(
            figures.where(visits.c.member_id.in_(chunk))
        ):
            if status != VISIT_OK:
                continue
            stats[member_id].update(
                b_count=count, b_spend=spend or Decimal("0"), b_first=_day(first), b_last=_day(last)
            )
        session.execute(change, list(stats.values()))
        updated += len(chunk)
    _expire_loaded(session, set(ids))
    return updated


def _expire_loaded(session: Session, wanted: set[int]) -> None:
    """Loaded Member objects must not show the old figures."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Member) and obj.id in wanted:
            session.expire(
                obj, ["visit_count", "lifetime_spend", "first_visit_on", "last_visit_on"]
            )


_M = Member.__table__.c
_DAY = bindparam("day", type_=Date)
# One more non-voided visit on :day for :total: what `refresh_member_stats` would compute
# from figures that were right before it (they are kept so on every change of visits).
_ADD_VISIT = (
    update(Member.__table__)
    .where(_M.id == bindparam("member_id"))
    .values(
        visit_count=func.coalesce(_M.visit_count, 0) + 1,
        lifetime_spend=func.coalesce(_M.lifetime_spend, 0) + bindparam("spend", type_=_M.lifetime_spend.type),
        first_visit_on=case((or_(_M.first_visit_on.is_(None), _M.first_visit_on > _DAY), _DAY), else_=_M.first_visit_on),
        last_visit_on=case((or_(_M.last_visit_on.is_(None), _M.last_visit_on < _DAY), _DAY), else_=_M.last_visit_on),
    )
)  # fmt: skip


def add_visit_to_stats(
    session: Session, member_id: int, visited_at: datetime, total: Decimal
) -> None:
    """A new non-voided visit counted into the member's figures: one UPDATE, no read (a
    visit save). Voids and edits recompute with `refresh_member_stats`."""
    session.execute(_ADD_VISIT, {"member_id": member_id, "day": visited_at.date(), "spend": total})
    _expire_loaded(session, {member_id})
