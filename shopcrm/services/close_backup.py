"""Whether the shop changed while the window was open: the backup on close asks this.

The app's own start-up work (the daily backup, raising today's follow-ups, the day's level
downgrades: `hooks.on_open`) is redone by every start and derived from data already backed
up, so it is not a change that calls for copying the whole file when the window closes. A
change someone made does: in the window (the UI knows its own writes), or by another program
meanwhile, such as a `shopcrm` write command — those are found in the audit log, which every
change to members, visits, wallets, settings and staff writes to. The mark is the audit log's
newest entry once the start-up work is done; logins and login attempts are not changes.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from ..db import session_scope
from ..models import AuditEntry

NOT_CHANGES = ("login", "login_attempt", "login_failed")


def change_mark(engine: Engine) -> int:
    """The audit log's newest entry id now (0 when empty)."""
    with session_scope(engine) as session:
        return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def changed_since(engine: Engine, mark: int) -> bool:
    """True when a change was audited after `mark` (logins aside)."""
    with session_scope(engine) as session:
        found = session.scalar(
            select(AuditEntry.id)
            .where(AuditEntry.id > mark, AuditEntry.action.not_in(NOT_CHANGES))
            .limit(1)
        )
    return found is not None
