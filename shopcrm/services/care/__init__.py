"""Care beyond birthdays (issue 20): campaigns to a segment, complaints to resolution,
satisfaction over time, and the day's messages for an SMS platform. Holiday greetings are
follow-up rules (services/followups/care_kinds.py, services/holidays.py).

Rules in docs/care.md. Names load lazily (as services.analytics does), so that the
follow-ups package can use `care.segments` without loading the rest.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "E_BAD_SEGMENT": "segments",
    "Target": "segments",
    "check_segment": "segments",
    "parse_segment": "segments",
    "segment_members": "segments",
    "why_text": "segments",
    "CampaignInfo": "campaigns",
    "CampaignPreview": "campaigns",
    "LaunchResult": "campaigns",
    "Recipient": "campaigns",
    "launch_campaign": "campaigns",
    "list_campaigns": "campaigns",
    "preview_campaign": "campaigns",
    "RESOLUTIONS": "complaints",
    "ComplaintInfo": "complaints",
    "complaint_followup": "complaints",
    "complaint_of_followup": "complaints",
    "contact_complaint": "complaints",
    "drop_complaint": "complaints",
    "list_complaints": "complaints",
    "member_open_complaints": "complaints",
    "open_complaint": "complaints",
    "open_visit_complaint": "complaints",
    "resolve_complaint": "complaints",
    "ScoreInfo": "satisfaction",
    "MonthScore": "satisfaction",
    "record_score": "satisfaction",
    "satisfaction_series": "satisfaction",
    "satisfaction_chart": "chart",
    "care_figures": "figures",
    "SmsExport": "sms",
    "export_sms": "sms",
    "OPT_OUT_KEY": "sms",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
