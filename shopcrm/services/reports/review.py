"""What the Reports screen shows for one month, gathered in one call (owner only).

The monthly report itself plus the series behind its charts, and every headline figure with
the same month-on-month and year-on-year comparison — including the stored-value movements
and follow-ups, which the monthly report does not compare. The member classes (slower) are
loaded separately with ``analytics.member_classes`` so the figures show first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import clock
from ...models import Visit
from ..analytics import Cohort, cohort_retention
from ..auth import Actor
from . import MonthlyReport, MonthMix, monthly_report, new_vs_returning
from .monthly import followup_figures, ledgers, month_bounds
from .series import weekday_hour_visits

MONEY, COUNT, RATE = "money", "count", "rate"
# (key, kind) in screen order; the labels come from the report's `labels`.
FIGURES = (
    ("net_revenue", MONEY),
    ("discounts", MONEY),
    ("visits", COUNT),
    ("distinct_members", COUNT),
    ("new_members", COUNT),
    ("returning_rate", RATE),
    ("average_ticket", MONEY),
    ("opening", MONEY),
    ("topups", MONEY),
    ("spent", MONEY),
    ("closing", MONEY),
    ("followups_raised", COUNT),
    ("followups_done", COUNT),
)


@dataclass(frozen=True)
class FigureLine:
    key: str
    label: str
    kind: str  # money | count | rate (0..1)
    current: Decimal
    previous: Decimal  # the month before
    year_ago: Decimal  # the same month a year before
    pct_previous: Decimal | None  # change in % (one decimal); None when the earlier is 0
    pct_year_ago: Decimal | None


@dataclass(frozen=True)
class MonthReview:
    report: MonthlyReport
    figures: list[FigureLine]
    weekday_hour: list[list[int]]
    mix: list[MonthMix]
    cohorts: list[Cohort]


def pct_change(now: Decimal, then: Decimal) -> Decimal | None:
    if not then:
        return None
    return (((now - then) / then) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def default_month(today: date | None = None) -> tuple[int, int]:
    """The last full month."""
    today = today or clock.today()
    return previous_month(today.year, today.month)


def report_months(session: Session, today: date | None = None, minimum: int = 12) -> list[date]:
    """First days of the months worth offering, newest first: from the first visit (at least
    `minimum` months back) to the current month."""
    today = today or clock.today()
    first = session.scalar(select(func.min(Visit.visited_at)))
    newest = today.year * 12 + today.month - 1
    oldest = newest - minimum + 1
    if first is not None:
        oldest = min(oldest, first.year * 12 + first.month - 1)
    return [date(m // 12, m % 12 + 1, 1) for m in range(newest, oldest - 1, -1)]


def _other_values(session: Session, year: int, month: int) -> dict[str, Decimal]:
    start, end = month_bounds(year, month)
    stored, _points = ledgers(session, start, end)
    follow = followup_figures(session, start, end)
    return {
        "opening": stored.opening,
        "topups": stored.added,
        "spent": stored.used,
        "closing": stored.closing,
        "followups_raised": Decimal(follow.raised),
        "followups_done": Decimal(follow.done),
    }


def month_review(
    session: Session, year: int, month: int, lang: str | None = None, *, actor: Actor
) -> MonthReview:
    report = monthly_report(session, year, month, lang, actor=actor, with_segments=False)
    values = [
        _other_values(session, year, month),
        _other_values(session, *previous_month(year, month)),
        _other_values(session, year - 1, month),
    ]
    months = [report.figures, report.previous_month, report.same_month_last_year]
    lines = []
    for key, kind in FIGURES:
        now, prev, ago = (
            Decimal(getattr(f, key)) if hasattr(f, key) else v[key]
            for f, v in zip(months, values, strict=True)
        )
        lines.append(
            FigureLine(
                key,
                report.labels[key],
                kind,
                now,
                prev,
                ago,
                pct_change(now, prev),
                pct_change(now, ago),
            )
        )
    as_of = date.fromordinal(report.end.toordinal() - 1)
    return MonthReview(
        report=report,
        figures=lines,
        weekday_hour=weekday_hour_visits(session, year, month),
        mix=new_vs_returning(session, year, month),
        cohorts=cohort_retention(session, as_of, 12),
    )
