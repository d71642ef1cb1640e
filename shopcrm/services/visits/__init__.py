"""Visits: recording, voiding and editing them, reading them, and member visit figures.

See docs/visits-and-wallet.md for the rules (points, voids, edits).
"""

from .bills import (
    SETTING_QUICK_BILL,
    BillDraft,
    bill_visit,
    is_bill_line,
    quick_bill_enabled,
    record_bill,
)
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
    "SETTING_QUICK_BILL",
    "VISIT_COLUMNS",
    "BillDraft",
    "bill_visit",
    "is_bill_line",
    "quick_bill_enabled",
    "record_bill",
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
