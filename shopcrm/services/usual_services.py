"""A regular's usual services first: what the visit dialog lists before anything is typed.

The member's own history decides: the services on their last ``RECENT_VISITS`` visits that
count (not voided), the most often first, the latest on a tie, then the rest of the
catalogue in its own order. So for a regular the usual is on the first row and Enter takes
it: Enter (open the member), F2, Enter (the usual), Enter (save) — no typing, no mouse.
One read of the member's recent lines (the ``ix_visits_member_time`` index, then the
lines' covering index) beside the catalogue read the dialog already made.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import VISIT_OK, Visit, VisitLine
from .catalog import ServiceView, find_services, list_services

RECENT_VISITS = 20


def usual_service_ids(session: Session, member_id: int) -> list[int]:
    """The member's services over their recent visits, the usual first."""
    recent = (
        select(Visit.id)
        .where(Visit.member_id == member_id, Visit.status == VISIT_OK)
        .order_by(Visit.visited_at.desc())
        .limit(RECENT_VISITS)
        .subquery()
    )
    rows = session.execute(
        select(VisitLine.service_id, func.count(), func.max(VisitLine.visit_id))
        .where(VisitLine.visit_id.in_(select(recent.c.id)), VisitLine.service_id.is_not(None))
        .group_by(VisitLine.service_id)
    ).all()
    rows.sort(key=lambda r: (-r[1], -r[2]))
    return [int(r[0]) for r in rows]


def services_for_visit(
    session: Session, member_id: int | None, text: str = "", limit: int = 12
) -> list[ServiceView]:
    """The visit dialog's service list: what `text` finds, or (nothing typed) the member's
    usual services first, then the catalogue. Retired services are never offered."""
    if text.strip() or member_id is None:
        return find_services(session, text, limit=limit)
    catalogue = list_services(session)
    by_id = {s.id: s for s in catalogue}
    usual = [by_id[i] for i in usual_service_ids(session, member_id) if i in by_id]
    seen = {s.id for s in usual}
    return (usual + [s for s in catalogue if s.id not in seen])[:limit]
