"""Cohort retention: of the members who joined in month M, how many came back in M+k."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ...models import VISIT_OK, Member, Visit
from .common import COUNTED_STATUSES, end_of
from .sqlfuncs import month_number, unindexed


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Cohort:
    month: date  # first day of the joining month
    size: int  # members who joined that month
    returned: tuple[int, ...]  # returned[k-1]: members with an ok visit in month M+k

    def rates(self) -> tuple[float, ...]:
        return tuple(r / self.size if self.size else 0.0 for r in self.returned)

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month.isoformat()[:7],
            "size": self.size,
            "returned": list(self.returned),
            "rates": [round(r, 4) for r in self.rates()],
        }


def cohort_retention(session: Session, as_of: date, months: int = 12) -> list[Cohort]:
    """The last `months` joining months up to as_of's month, each with its returns in the
    following months that have started by as_of (a member's join_date gives the cohort;
    a return is any ok visit in that later calendar month)."""
    last = month_index(as_of)
    first = last - months + 1
    joined = month_number(Member.join_date)
    # a date range on join_date (not the month number) so that the members of the cohorts
    # come from ix_members_join_date and their visits from ix_visits_member_history
    in_cohorts = and_(
        unindexed(Member.status).in_(COUNTED_STATUSES),
        Member.join_date >= month_of(first),
        Member.join_date < month_of(last + 1),
    )
    sizes = dict(
        session.execute(select(joined, func.count()).where(in_cohorts).group_by(joined)).all()
    )
    visit_month = month_number(Visit.visited_at)
    pairs = (
        select(joined.label("cohort"), visit_month.label("month"), Visit.member_id)
        .join(Member, Member.id == Visit.member_id)
        .where(
            unindexed(Visit.status) == VISIT_OK,
            in_cohorts,
            # unindexed: each cohort member's visits are read by member id
            unindexed(Visit.visited_at) >= month_of(first),
            unindexed(Visit.visited_at) < end_of(as_of),
        )
        .distinct()
        .subquery()
    )
    counts = {
        (int(c), int(m)): int(n)
        for c, m, n in session.execute(
            select(pairs.c.cohort, pairs.c.month, func.count()).group_by(
                pairs.c.cohort, pairs.c.month
            )
        )
    }
    out = []
    for cohort in range(first, last + 1):
        returned = tuple(counts.get((cohort, cohort + k), 0) for k in range(1, last - cohort + 1))
        out.append(Cohort(month_of(cohort), int(sizes.get(cohort, 0)), returned))
    return out
