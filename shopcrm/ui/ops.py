"""Read and write operations off the GUI thread (Anki's QueryOp / CollectionOp).

A screen never talks to the database on the GUI thread. It reads its widgets into plain
variables, then schedules a callable ``(session) -> result``::

    QueryOp(self.ctx, self, lambda s: find_members(s, text), success=self.show_hits).run()
    CollectionOp(self.ctx, self, lambda s: save_member(s, draft, actor=actor),
                 changes={"members"}, success=self.saved).run()

The callable runs on a thread pool with its own session (a write op commits when it
returns, rolls back when it raises). Results and errors come back on the GUI thread; a
failure without a ``failure`` callback shows a clear dialog (``errors.show_error``). A write
op then announces what kinds of data it changed on ``ctx.changes.changes_applied`` so every
screen refreshes only what it shows.

Tests swap ``RUNNER_FACTORY`` for :class:`InlineRunner` so everything runs synchronously.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..db import session_scope
from ..services.safety import translate_db_errors

if TYPE_CHECKING:
    from .app_context import AppContext

log = logging.getLogger(__name__)

# The kinds of data a write op may report as changed; screens subscribe to some of them.
CHANGE_KINDS = frozenset(
    {"members", "visits", "wallet", "followups", "settings", "catalog", "staff", "database"}
)


@dataclass(frozen=True)
class Outcome:
    """What a background call produced: a result, or an exception with its traceback."""

    result: Any = None
    error: BaseException | None = None
    details: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def _call(fn: Callable[[], Any]) -> Outcome:
    try:
        return Outcome(result=fn())
    except Exception as exc:  # delivered to the GUI thread, shown there
        return Outcome(error=exc, details=traceback.format_exc())


class _Emitter(QObject):
    finished = Signal(object, object)  # key, Outcome


class _Task(QRunnable):
    def __init__(self, key: int, fn: Callable[[], Any], emitter: _Emitter) -> None:
        super().__init__()
        self.key = key
        self.fn = fn
        self.emitter = emitter
        self.setAutoDelete(True)

    def run(self) -> None:
        self.emitter.finished.emit(self.key, _call(self.fn))


class OpRunner(QObject):
    """Runs callables on a QThreadPool and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._emitter = _Emitter()
        self._emitter.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._callbacks: dict[int, Callable[[Outcome], None]] = {}
        self._next = 0

    def submit(self, fn: Callable[[], Any], done: Callable[[Outcome], None]) -> None:
        """Run `fn` in the pool; `done(outcome)` runs later on the GUI thread."""
        self._next += 1
        self._callbacks[self._next] = done
        self.pool.start(_Task(self._next, fn, self._emitter))

    def wait(self, msecs: int = -1) -> bool:
        """Wait for running work (used at shutdown and in tests)."""
        return self.pool.waitForDone(msecs)

    @Slot(object, object)
    def _finished(self, key: int, outcome: Outcome) -> None:
        done = self._callbacks.pop(key, None)
        if done is not None:
            done(outcome)


class InlineRunner:
    """Calls everything at once on the calling thread (Picard's fake thread pool, for tests)."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.calls = 0

    def submit(self, fn: Callable[[], Any], done: Callable[[Outcome], None]) -> None:
        self.calls += 1
        done(_call(fn))

    def wait(self, msecs: int = -1) -> bool:
        return True


# Tests replace this with InlineRunner (see tests/ui/conftest.py).
RUNNER_FACTORY: Callable[..., Any] = OpRunner


def _alive(widget: QObject | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


class QueryOp:
    """A read: ``op(session)`` in the pool, then ``success(result)`` on the GUI thread."""

    write = False

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        op: Callable[[Session], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self.op = op
        self._success = success
        self._failure = failure

    def run(self) -> None:
        engine = self.ctx.engine
        write = self.write
        op = self.op

        def work() -> Any:
            # A write's database failures (disk full, read-only, locked, changed elsewhere)
            # come back as translated SaveErrors; the transaction was rolled back.
            guard = translate_db_errors() if write else nullcontext()
            with guard, session_scope(engine, write=write) as session:
                return op(session)

        self.ctx.runner.submit(work, self._done)

    def _done(self, outcome: Outcome) -> None:
        if outcome.ok:
            self._after_success(outcome.result)
        if not _alive(self.parent):
            return
        if outcome.ok:
            if self._success is not None:
                self._success(outcome.result)
            return
        assert outcome.error is not None
        if self._failure is not None:
            self._failure(outcome.error)
            return
        from .errors import show_error

        show_error(self.parent, outcome.error, outcome.details)

    def _after_success(self, result: Any) -> None:
        """Hook for write ops."""


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
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(ctx, parent, op, success=success, failure=failure)
        self.changes = frozenset(changes)
        unknown = self.changes - CHANGE_KINDS
        if unknown:
            raise ValueError(
                f"unknown change kinds {sorted(unknown)}; known: {sorted(CHANGE_KINDS)}"
            )

    def _after_success(self, result: Any) -> None:
        if self.changes:
            self.ctx.changes.announce(self.changes, origin=self.parent)
