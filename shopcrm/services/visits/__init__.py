"""Visits: recording, voiding and editing them, reading them, and member visit figures.

See docs/visits-and-wallet.md for the rules (points, voids, edits).
"""

from .queries import (
    VISIT_COLUMNS,
    LineView,
    VisitDefaults,
    VisitDetail,
    VisitSummary,
    WalletMove,
    last_visit_defaults,
    member_visits,
    payment_label,
    status_label,
    visit_detail,
)
from .record import (
    LineDraft,
    PaymentDraft,
    VisitDraft,
    edit_visit,
    points_earned,
    price_lines,
    record_visit,
    void_visit,
)
from .stats import refresh_member_stats

__all__ = [
    "VISIT_COLUMNS",
    "LineDraft",
    "LineView",
    "PaymentDraft",
    "VisitDefaults",
    "VisitDetail",
    "VisitDraft",
    "VisitSummary",
    "WalletMove",
    "edit_visit",
    "last_visit_defaults",
    "member_visits",
    "payment_label",
    "points_earned",
    "price_lines",
    "record_visit",
    "refresh_member_stats",
    "status_label",
    "visit_detail",
    "void_visit",
]
