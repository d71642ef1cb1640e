"""Member figures derived from visits (first/last visit, count, lifetime spend).

Kept on the members row so the member list sorts and filters in SQL. Recomputed set-based
from the non-voided visits of the given members, in chunks, whenever visits change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import bindparam, func, select, update
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
    # Loaded Member objects must not show the old figures.
    wanted = set(ids)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Member) and obj.id in wanted:
            session.expire(
                obj, ["visit_count", "lifetime_spend", "first_visit_on", "last_visit_on"]
            )
    return updated
