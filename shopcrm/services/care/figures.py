"""The month's care figures for the report and the workbook: campaigns and their outcomes,
complaints opened and resolved with the median time to resolve (by staff and service), and
satisfaction (average, trend, share of low scores, by staff and service).

Plain values only (numbers, strings, ISO dates), so that `report --json` and a closed month's
snapshot keep them as they are.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import asdict
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import clock
from ...models import COMPLAINT_LIVE, COMPLAINT_RESOLVED, Complaint, Service, Staff
from .campaigns import OUTCOME_DAYS, list_campaigns
from .satisfaction import score_figures


def _hours(a: Any, b: Any) -> float:
    return round((b - a).total_seconds() / 3600, 1)


def complaint_figures(session: Session, year: int, month: int) -> dict[str, Any]:
    start, end = clock.month_bounds(year, month)
    opened = session.scalar(
        select(func.count())
        .select_from(Complaint)
        .where(Complaint.opened_at >= start, Complaint.opened_at < end)
    )
    resolved_rows = session.execute(
        select(Complaint.opened_at, Complaint.closed_at, Staff.name, Service.name)
        .outerjoin(Staff, Staff.id == Complaint.staff_id)
        .outerjoin(Service, Service.id == Complaint.service_id)
        .where(
            Complaint.status == COMPLAINT_RESOLVED,
            Complaint.closed_at >= start,
            Complaint.closed_at < end,
        )
    ).all()
    still_open = session.scalar(
        select(func.count())
        .select_from(Complaint)
        .where(Complaint.status.in_(COMPLAINT_LIVE), Complaint.opened_at < end)
    )
    hours = [_hours(o, c) for o, c, _, _ in resolved_rows]
    opened_by: dict[str, dict[str, int]] = {"staff": defaultdict(int), "service": defaultdict(int)}
    for staff, service in session.execute(
        select(Staff.name, Service.name)
        .select_from(Complaint)
        .outerjoin(Staff, Staff.id == Complaint.staff_id)
        .outerjoin(Service, Service.id == Complaint.service_id)
        .where(Complaint.opened_at >= start, Complaint.opened_at < end)
    ):
        opened_by["staff"][staff or "-"] += 1
        opened_by["service"][service or "-"] += 1
    return {
        "opened": int(opened or 0),
        "resolved": len(resolved_rows),
        "open_at_month_end": int(still_open or 0),
        "median_hours_to_resolve": round(statistics.median(hours), 1) if hours else None,
        "by_staff": dict(sorted(opened_by["staff"].items(), key=lambda kv: -kv[1])),
        "by_service": dict(sorted(opened_by["service"].items(), key=lambda kv: -kv[1])),
    }


def care_figures(session: Session, year: int, month: int) -> dict[str, Any]:
    """Everything of the month's care, as plain values."""
    start, end = clock.month_bounds(year, month)
    campaigns = list_campaigns(
        session, since=(start - timedelta(days=OUTCOME_DAYS)).date(), until=end.date()
    )
    scores = score_figures(session, year, month)
    return {
        "campaigns": [
            {
                "id": c.id,
                "name": c.name,
                "segment": c.segment,
                "on": c.on.isoformat(),
                "followups": c.followups,
                "reached": c.reached,
                "visited_30d": c.visited,
                "spent_30d": str(c.spent),
                "no_consent": c.no_consent,
            }
            for c in campaigns
        ],
        "complaints": complaint_figures(session, year, month),
        "satisfaction": {
            **{k: v for k, v in asdict(scores).items() if k not in ("trend",)},
            "trend": [
                {
                    "month": m.month.isoformat()[:7],
                    "count": m.count,
                    "average": m.average,
                    "low_share": m.low_share,
                }
                for m in scores.trend
            ],
        },
    }
