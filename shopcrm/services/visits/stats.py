"""Member figures derived from visits (first/last visit, count, lifetime spend).

Kept on the members row so the member list sorts and filters in SQL. Recomputed set-based
from the non-voided visits of the given members, in chunks, whenever visits change.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Date, cast, func, select, update
from sqlalchemy.orm import Session

from ...models import VISIT_OK, Member, Visit

CHUNK = 500


def _as_date(session: Session, column):  # noqa: ANN001, ANN202 - SQL expression helper
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column)
    return cast(column, Date)


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

    def agg(expr):  # noqa: ANN001, ANN202
        return (
            select(expr)
            .where(visits.c.member_id == members.c.id, visits.c.status == VISIT_OK)
            .scalar_subquery()
        )

    values = {
        "visit_count": agg(func.count()),
        "lifetime_spend": func.coalesce(agg(func.sum(visits.c.total_amount)), 0),
        "first_visit_on": agg(_as_date(session, func.min(visits.c.visited_at))),
        "last_visit_on": agg(_as_date(session, func.max(visits.c.visited_at))),
    }
    updated = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        result = session.execute(update(members).where(members.c.id.in_(chunk)).values(values))
        updated += result.rowcount or 0
    # Loaded Member objects must not show the old figures.
    wanted = set(ids)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Member) and obj.id in wanted:
            session.expire(
                obj, ["visit_count", "lifetime_spend", "first_visit_on", "last_visit_on"]
            )
    return updated
