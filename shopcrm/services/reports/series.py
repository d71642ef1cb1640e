"""Data series behind the charts that the monthly report itself does not hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...clock import start_of_day
from ...models import VISIT_OK, Visit
from ..analytics.cohorts import month_index, month_of
from ..analytics.sqlfuncs import hour_number, month_number, weekday_number
from .monthly import month_bounds, ok_visits_in


def weekday_hour_visits(session: Session, year: int, month: int) -> list[list[int]]:
    """visits[weekday][hour]: ok visits of the month by weekday (0 = Monday) and hour."""
    start, end = month_bounds(year, month)
    grid = [[0] * 24 for _ in range(7)]
    wd, hr = weekday_number(Visit.visited_at), hour_number(Visit.visited_at)
    for w, h, n in session.execute(
        select(wd, hr, func.count()).where(ok_visits_in(start, end)).group_by(wd, hr)
    ):
        grid[int(w)][int(h)] = int(n)
    return grid


@dataclass(frozen=True)
class MonthMix:
    month: date
    first_time: int  # members whose first ok visit ever was in this month
    returning: int  # members who visited this month and had visited before


def new_vs_returning(session: Session, year: int, month: int, months: int = 12) -> list[MonthMix]:
    """Members who visited in each of the last `months` months, first-timers vs returning
    (the same split as the report's returning rate)."""
    last = year * 12 + month - 1
    first = last - months + 1
    _, end = month_bounds(year, month)
    vm = month_number(Visit.visited_at)
    firsts = (
        select(Visit.member_id, func.min(vm).label("first"))
        .where(
            Visit.status == VISIT_OK,
            Visit.member_id.is_not(None),
            Visit.visited_at < start_of_day(end),
        )
        .group_by(Visit.member_id)
        .subquery()
    )
    seen = (
        select(Visit.member_id, vm.label("month"))
        .where(
            Visit.status == VISIT_OK,
            Visit.member_id.is_not(None),
            Visit.visited_at >= start_of_day(month_of(first)),
            Visit.visited_at < start_of_day(end),
        )
        .distinct()
        .subquery()
    )
    counts: dict[int, list[int]] = {m: [0, 0] for m in range(first, last + 1)}
    for m, is_first, n in session.execute(
        select(seen.c.month, firsts.c.first == seen.c.month, func.count())
        .join(firsts, firsts.c.member_id == seen.c.member_id)
        .group_by(seen.c.month, firsts.c.first == seen.c.month)
    ):
        counts[int(m)][0 if is_first else 1] += int(n)
    return [MonthMix(month_of(m), *counts[m]) for m in range(first, last + 1)]


__all__ = ["MonthMix", "month_index", "new_vs_returning", "weekday_hour_visits"]
