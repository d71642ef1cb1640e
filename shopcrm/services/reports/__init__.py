"""The monthly report (figures, breakdowns, ledgers, comparisons) and chart series."""

from .labels import kind_label, label, method_label
from .model import (
    Breakdown,
    Change,
    DayRow,
    FollowupFigures,
    LedgerMovement,
    MonthFigures,
    MonthlyReport,
)
from .monthly import month_bounds, month_figures, monthly_report, parse_month
from .series import MonthMix, new_vs_returning, weekday_hour_visits

__all__ = [
    "Breakdown",
    "Change",
    "DayRow",
    "FollowupFigures",
    "LedgerMovement",
    "MonthFigures",
    "MonthMix",
    "MonthlyReport",
    "kind_label",
    "label",
    "method_label",
    "month_bounds",
    "month_figures",
    "monthly_report",
    "new_vs_returning",
    "parse_month",
    "weekday_hour_visits",
]
