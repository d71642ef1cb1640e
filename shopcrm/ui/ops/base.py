"""What every op shares: its context and parent widget, the error boundary, the callbacks.

Work runs inside ``translate_db_errors()``: a database that is full, read-only or locked by
another counter comes back as a ``SaveError`` (a ``ShopError`` with a message in the user's
language), never as a raw driver error. On the GUI thread the outcome goes to ``success`` or
``failure``; without a ``failure`` callback the error is shown by ``errors.show_error`` — a
ShopError's translated message, anything else as a friendly "something went wrong" with the
traceback folded away and logged. Nothing is delivered to a parent widget that has been
deleted meanwhile, nor after ``cancel()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...services.safety import translate_db_errors
from .runner import QUICK, Outcome

if TYPE_CHECKING:
    from ..app_context import AppContext

# The kinds of data a write may report as changed; screens subscribe to some of them.
CHANGE_KINDS = frozenset(
    {"members", "visits", "wallet", "followups", "settings", "catalog", "staff", "database"}
    | {"bookings"}
)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


def check_changes(changes: object) -> frozenset[str]:
    """`changes` as a frozenset of known kinds; a typo fails at once, in the caller."""
    kinds = frozenset(changes)  # type: ignore[arg-type]
    unknown = kinds - CHANGE_KINDS
    if unknown:
        raise ValueError(f"unknown change kinds {sorted(unknown)}; known: {sorted(CHANGE_KINDS)}")
    return kinds


def alive(widget: QObject | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


def guarded(fn: Callable[[], Any]) -> Callable[[], Any]:
    """`fn` with the database failures a shop can meet turned into translated errors."""

    def work() -> Any:
        with translate_db_errors():
            return fn()

    return work


class Op:
    """Base of QueryOp, CollectionOp and JobOp (see the package docstring)."""

    lane = QUICK

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        *,
        success: Success | None = None,
        failure: Failure | None = None,
        changes: object = (),
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self._success = success
        self._failure = failure
        self.changes = check_changes(changes)
        self.dropped = False

    def cancel(self) -> None:
        """Drop the answer: no callback runs (work already committed stays committed)."""
        self.dropped = True

    def _announce(self, outcome: Outcome) -> None:
        """A successful write tells every screen what it changed (even if nobody listens)."""
        if outcome.ok and self.changes:
            self.ctx.changes.announce(self.changes, origin=self.parent)

    def _deliver(self, outcome: Outcome) -> None:
        if self.dropped or not alive(self.parent):
            return
        if outcome.ok:
            if self._success is not None:
                self._success(outcome.result)
            return
        assert outcome.error is not None
        if self._failure is not None:
            self._failure(outcome.error)
            return
        from ..errors import show_error

        show_error(self.parent, outcome.error, outcome.details)
