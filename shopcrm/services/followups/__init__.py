"""Follow-ups (issue 5): birthday greetings (solar and lunar), care calls after a service,
win-back of regulars who lapsed, and the shop's own rules of those kinds.

Rules live in docs/followups.md. The UI and the CLI call only the names exported here.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine

from ... import clock
from ..auth import SYSTEM
from ..settings import get_setting
from . import care_kinds  # noqa: F401 - registers the care kinds' finders and words
from .by_member import MemberDue, by_member, days_overdue, last_visits
from .export import DUE_COLUMNS, export_due
from .listing import (
    DueItem,
    due_count,
    due_ids,
    due_items,
    due_list,
    member_open_followups,
    render_message,
)
from .messages import fill_placeholders
from .outcomes import (
    ACTIONS,
    CHANNELS,
    HistoryEntry,
    OutcomeResult,
    followup_history,
    record_outcome,
)
from .raising import LAST_RUN_KEY, RaiseResult, close_lapses, expire_stale, raise_due
from .rules import (
    DEFAULT_PARAMS,
    RuleInfo,
    add_rule,
    ensure_default_rules,
    get_rule,
    list_rules,
    update_rule,
)
from .texts import (
    ADDABLE_KINDS,
    KIND_CAMPAIGN,
    KIND_COMPLAINT,
    KIND_HOLIDAY,
    KIND_LOW_SCORE,
    KINDS,
    RULE_COLUMNS,
)

log = logging.getLogger(__name__)


def on_open(engine: Engine, *, force: bool = False) -> None:
    """Start-up step: seed the default rules and catch up raising for today.

    Runs in its own write transaction and never stops the app from starting. `shopcrm due`
    and the UI's refresh call `raise_due` themselves. `force` raises even when today was
    raised already (after the demo shop was written into an open database).
    """
    from ...db import session_scope

    try:
        with session_scope(engine, write=True) as session:
            ensure_default_rules(session)
            # Once a day is enough at start-up: a later start the same day finds nothing
            # new that the next day's run would not still raise in time.
            if force or get_setting(session, LAST_RUN_KEY) != clock.today().isoformat():
                raise_due(session, clock.today(), actor=SYSTEM)
    except Exception:  # noqa: BLE001 - a failed catch-up must not block the counter
        log.exception("follow-ups: start-up raise failed; the app continues")


__all__ = [
    "DUE_COLUMNS",
    "RULE_COLUMNS",
    "ACTIONS",
    "ADDABLE_KINDS",
    "KIND_CAMPAIGN",
    "KIND_COMPLAINT",
    "KIND_HOLIDAY",
    "KIND_LOW_SCORE",
    "CHANNELS",
    "DEFAULT_PARAMS",
    "KINDS",
    "LAST_RUN_KEY",
    "DueItem",
    "MemberDue",
    "by_member",
    "days_overdue",
    "last_visits",
    "HistoryEntry",
    "OutcomeResult",
    "RaiseResult",
    "RuleInfo",
    "add_rule",
    "close_lapses",
    "due_count",
    "due_ids",
    "due_items",
    "due_list",
    "ensure_default_rules",
    "expire_stale",
    "export_due",
    "fill_placeholders",
    "followup_history",
    "get_rule",
    "list_rules",
    "member_open_followups",
    "on_open",
    "raise_due",
    "record_outcome",
    "render_message",
    "update_rule",
]
