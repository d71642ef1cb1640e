"""Quick reads and writes: ``QueryOp`` and ``CollectionOp`` (Anki's ops), on the QUICK lane."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ...db import session_scope
from .base import Failure, Op, Success, guarded
from .runner import JOBS, Outcome

if TYPE_CHECKING:
    from ..app_context import AppContext


class QueryOp(Op):
    """A read: ``op(session)`` in the pool, then ``success(result)`` on the GUI thread.

    ``slow=True`` is for a read that takes seconds (a month's report figures, analytics): it
    runs on the JOBS lane, so it never holds the threads the counter's search needs.
    """

    write = False

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        op: Callable[[Session], Any],
        *,
        success: Success | None = None,
        failure: Failure | None = None,
        slow: bool = False,
    ) -> None:
        super().__init__(ctx, parent, success=success, failure=failure)
        self.op = op
        if slow:
            self.lane = JOBS

    def run(self) -> QueryOp:
        """Schedule the op; returns itself so a caller can ``cancel()`` a stale answer."""
        engine, write, op = self.ctx.engine, self.write, self.op

        def work() -> Any:
            # A write commits when `op` returns and rolls back when it raises.
            with session_scope(engine, write=write) as session:
                return op(session)

        self.ctx.runner.submit(guarded(work), self._done, lane=self.lane)
        return self

    def _done(self, outcome: Outcome) -> None:
        self._announce(outcome)
        self._deliver(outcome)


class CollectionOp(QueryOp):
    """A write: like QueryOp in a writing transaction, then announces ``changes``."""

    write = True

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        op: Callable[[Session], Any],
        *,
        changes: Iterable[str],
        success: Success | None = None,
        failure: Failure | None = None,
    ) -> None:
        Op.__init__(self, ctx, parent, success=success, failure=failure, changes=changes)
        self.op = op
