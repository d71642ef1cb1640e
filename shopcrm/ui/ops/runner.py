"""Where ops run: two thread pools, and results delivered back on the GUI thread.

Quick reads and writes (``QueryOp``, ``CollectionOp``) go to the ``QUICK`` lane; long jobs
(import, export, report, backup, demo data, checks) go to the ``JOBS`` lane. The lanes are
separate ``QThreadPool``s, so a month export that keeps a thread busy for a minute never makes
the counter's search wait.

:class:`InlineRunner` runs everything at once on the calling thread (Picard's fake thread
pool); UI tests swap it in through ``shopcrm.ui.ops.RUNNER_FACTORY``.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

QUICK = "quick"
JOBS = "jobs"
LANES = (QUICK, JOBS)
# Threads per lane. Quick ops are short (a search, a save); two keep the counter snappy while
# a slow report page loads. Two long jobs of different kinds may run side by side.
THREADS = {QUICK: 2, JOBS: 2}
# How often the GUI thread runs Python's cycle collector while pools exist (see gui_thread_gc).
GC_INTERVAL_MS = 500


@dataclass(frozen=True)
class Outcome:
    """What a background call produced: a result, or an exception with its traceback."""

    result: Any = None
    error: BaseException | None = None
    details: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def capture(fn: Callable[[], Any]) -> Outcome:
    """Call `fn` and keep its result or its exception (with the traceback text)."""
    try:
        return Outcome(result=fn())
    except Exception as exc:  # delivered to the GUI thread, shown there
        return Outcome(error=exc, details=traceback.format_exc())


def _collect_on_the_gui_thread_only() -> None:
    """Switch automatic cycle collection off for the rest of this (GUI) process.

    It is never switched back on: re-enabling it when the last runner is destroyed let a
    collection start inside that destruction cascade, and a second Qt destructor there
    deadlocked on a mutex the first one held (seen in the test suite under pytest-xdist).
    """
    gc.disable()


def collect_if_due() -> int:
    """Run the generation(s) of the cycle collector that Python itself would run now.

    Called on the GUI thread by the runner's timer; returns the generation collected, or -1.
    """
    threshold, count = gc.get_threshold(), gc.get_count()
    if count[0] <= threshold[0]:
        return -1
    generation = 2 if count[2] > threshold[2] else 1 if count[1] > threshold[1] else 0
    gc.collect(generation)
    return generation


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
        self.emitter.finished.emit(self.key, capture(self.fn))


class OpRunner(QObject):
    """Runs callables on the lane's QThreadPool and calls back on the GUI thread.

    Once a runner exists, Python's automatic cycle collection is off and the GUI thread
    collects on a timer instead (the calibre/Anki recipe). Automatic collection runs in
    whichever thread happens to allocate: a pool thread running a query would then destroy
    garbage Qt objects (a closed window, its old AppContext and pools) off the GUI thread,
    and the GUI thread crashed later, typically in `_finished` delivering a result to them.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pools: dict[str, QThreadPool] = {}
        for lane in LANES:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(THREADS[lane])
            self.pools[lane] = pool
        self._emitter = _Emitter()
        self._emitter.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._callbacks: dict[int, Callable[[Outcome], None]] = {}
        self._next = 0
        _collect_on_the_gui_thread_only()
        self._gc_timer = QTimer(self)
        self._gc_timer.setInterval(GC_INTERVAL_MS)
        self._gc_timer.timeout.connect(collect_if_due)
        self._gc_timer.start()

    def submit(
        self, fn: Callable[[], Any], done: Callable[[Outcome], None], *, lane: str = QUICK
    ) -> None:
        """Run `fn` in `lane`'s pool; `done(outcome)` runs later on the GUI thread."""
        self._next += 1
        self._callbacks[self._next] = done
        self.pools[lane].start(_Task(self._next, fn, self._emitter))

    def wait(self, msecs: int = -1, *, lanes: Iterable[str] = LANES) -> bool:
        """Block until the lanes' running work is done (shutdown, restore, tests, scripts).

        Callbacks are not delivered meanwhile; they arrive once the event loop runs again.
        A job may wait for the QUICK lane, never for its own lane (it would wait for itself).
        """
        return all(self.pools[lane].waitForDone(msecs) for lane in lanes)

    @Slot(object, object)
    def _finished(self, key: int, outcome: Outcome) -> None:
        done = self._callbacks.pop(key, None)
        if done is not None:
            done(outcome)


class InlineRunner:
    """Calls everything at once on the calling thread (Picard's fake thread pool, for tests)."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.calls = 0
        self.lanes: list[str] = []

    def submit(
        self, fn: Callable[[], Any], done: Callable[[Outcome], None], *, lane: str = QUICK
    ) -> None:
        self.calls += 1
        self.lanes.append(lane)
        done(capture(fn))

    def wait(self, msecs: int = -1, *, lanes: Iterable[str] = LANES) -> bool:
        return True
