"""Analytics results kept for the rest of one read transaction of one session.

The monthly report counts the classes, the workbook lists them and fits BG/NBD, the charts
count them again — all as of the same day, often in one session (`shopcrm report -o`).
Reading every visit of the shop once instead of three times is the point of this cache.

What is cached lives in `session.info` and is forgotten as soon as the session may see
different data: after a flush, any INSERT/UPDATE/DELETE run through the session, and at
the end of its transaction (commit or rollback). A session with pending changes bypasses
the cache. Within one transaction SQLite reads one snapshot, so a hit is what a fresh
computation would return.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

KEY = "shopcrm.analytics.cache"
T = TypeVar("T")


def cached(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or its result from earlier in this session's transaction."""
    if session.new or session.dirty or session.deleted:
        return compute()  # pending changes: the database does not show them yet
    store: dict[Hashable, Any] = session.info.setdefault(KEY, {})
    if key not in store:
        value = compute()
        # computing may have autoflushed (and so emptied the cache): store afresh
        session.info.setdefault(KEY, {})[key] = value
        return value
    return store[key]


def forget(session: Session) -> None:
    session.info.pop(KEY, None)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    forget(session)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, _transaction: Any) -> None:
    forget(session)


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        forget(state.session)
