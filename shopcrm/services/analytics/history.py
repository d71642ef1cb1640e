"""Each member's visit history as a handful of numbers, from one aggregate query.

Visits are counted per *visit day* (two tickets on one day are one visit), only `ok`
visits count, and only visits before the end of the `as_of` day. The query groups visits
by member and day, takes the gaps between consecutive visit days with a window function,
and sums per member, so 100,000 members come back as 100,000 small rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import sqrt

from sqlalchemy import BigInteger, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session

from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED, VISIT_OK, Member, Visit
from .sqlfuncs import EPOCH_ORDINAL, day_number

COUNTED_STATUSES = (MEMBER_ACTIVE, MEMBER_ARCHIVED)
TREND_DAYS = 180  # spend in the last 180 days is compared with the 180 days before


@dataclass(frozen=True)
class MemberHistory:
    member_id: int
    name: str
    days: int  # distinct visit days
    first: date | None
    last: date | None
    spend_cents: int  # lifetime, up to as_of
    window_days: int  # visit days inside the RFM window
    window_cents: int  # spend inside the RFM window
    recent_cents: int  # spend in the last TREND_DAYS
    prior_cents: int  # spend in the TREND_DAYS before those
    gap_mean: float  # mean days between visit days (0 with fewer than two)
    gap_sd: float  # population standard deviation of those gaps

    @property
    def gaps(self) -> int:
        return max(self.days - 1, 0)


def end_of(as_of: date) -> datetime:
    """The first instant after the `as_of` day."""
    return datetime.combine(as_of + timedelta(days=1), time.min)


def to_day(value: int | None) -> date | None:
    return None if value is None else date.fromordinal(int(value) + EPOCH_ORDINAL)


def load_histories(session: Session, as_of: date, window_days: int = 365) -> list[MemberHistory]:
    """The history of every active or archived member as of the end of `as_of`."""
    as_of_day = as_of.toordinal() - EPOCH_ORDINAL
    day = day_number(Visit.visited_at)
    cents = type_coerce(Visit.total_amount, BigInteger)
    per_day = (
        select(Visit.member_id.label("member_id"), day.label("day"), func.sum(cents).label("cents"))
        .where(
            Visit.status == VISIT_OK, Visit.member_id.is_not(None), Visit.visited_at < end_of(as_of)
        )
        .group_by(Visit.member_id, day)
        .subquery()
    )
    gap = (
        per_day.c.day
        - func.lag(per_day.c.day).over(partition_by=per_day.c.member_id, order_by=per_day.c.day)
    ).label("gap")
    with_gaps = select(per_day.c.member_id, per_day.c.day, per_day.c.cents, gap).subquery()
    c = with_gaps.c
    in_window = c.day > as_of_day - window_days
    recent = c.day > as_of_day - TREND_DAYS
    prior = and_(c.day <= as_of_day - TREND_DAYS, c.day > as_of_day - 2 * TREND_DAYS)
    per_member = (
        select(
            c.member_id,
            func.count().label("days"),
            func.min(c.day).label("first"),
            func.max(c.day).label("last"),
            func.sum(c.cents).label("spend"),
            func.sum(case((in_window, 1), else_=0)).label("wdays"),
            func.sum(case((in_window, c.cents), else_=0)).label("wcents"),
            func.sum(case((recent, c.cents), else_=0)).label("recent"),
            func.sum(case((prior, c.cents), else_=0)).label("prior"),
            func.sum(c.gap).label("gsum"),
            func.sum(c.gap * c.gap).label("gsq"),
        )
        .group_by(c.member_id)
        .subquery()
    )
    rows = session.execute(
        select(Member.id, Member.name, per_member)
        .outerjoin(per_member, per_member.c.member_id == Member.id)
        .where(Member.status.in_(COUNTED_STATUSES), Member.join_date <= as_of)
        .order_by(Member.id)
    )
    out = []
    for row in rows:
        days = int(row.days or 0)
        gaps = days - 1
        mean = float(row.gsum) / gaps if gaps > 0 else 0.0
        var = float(row.gsq) / gaps - mean * mean if gaps > 0 else 0.0
        out.append(
            MemberHistory(
                member_id=row.id,
                name=row.name,
                days=days,
                first=to_day(row.first),
                last=to_day(row.last),
                spend_cents=int(row.spend or 0),
                window_days=int(row.wdays or 0),
                window_cents=int(row.wcents or 0),
                recent_cents=int(row.recent or 0),
                prior_cents=int(row.prior or 0),
                gap_mean=mean,
                gap_sd=sqrt(max(var, 0.0)),
            )
        )
    return out
