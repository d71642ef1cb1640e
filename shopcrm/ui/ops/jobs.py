"""Long jobs (import, export, report, backup, restore, checks, demo data) on the JOBS lane.

The job function takes a :class:`Job` (Calibre's job manager is the model): it opens its
sessions with ``job.session(write=...)`` (or hands ``job.engine`` to a service that takes an
engine), calls ``job.progress(fraction, message)`` now and then, and stops when ``job.cancel``
(a ``threading.Event``) is set — the same two arguments the services take
(``progress=job.progress, cancel=job.cancel``). A progress dialog with a Cancel button stays
up meanwhile. One job per kind runs at a time: a second one is refused with a short note.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ...db import session_scope
from .base import Failure, Op, Success, alive, guarded
from .runner import JOBS, Outcome

if TYPE_CHECKING:
    from ..app_context import AppContext

log = logging.getLogger(__name__)
STEPS = 1000


class _JobSignals(QObject):
    progress = Signal(float, str)
    finished = Signal()


class Job:
    """What a job function is given, and the caller's handle on the running job."""

    def __init__(self, kind: str, title: str, engine: Engine, *, cancellable: bool) -> None:
        self.kind = kind
        self.title = title
        self.engine = engine
        self.cancellable = cancellable
        self.cancel = threading.Event()
        self.signals = _JobSignals()
        self.outcome: Outcome | None = None

    # -- inside the job (any thread) -----------------------------------------------------------
    def progress(self, fraction: float, message: str = "") -> None:
        """Thread-safe: shows `fraction` (0..1) and `message` in the progress dialog."""
        self.signals.progress.emit(max(0.0, min(1.0, float(fraction))), str(message))

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session of the job's own (commits on success, rolls back on error)."""
        with session_scope(self.engine, write=write) as session:
            yield session

    # -- outside (GUI thread) -----------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """True once the outcome has been delivered on the GUI thread."""
        return self.outcome is not None

    def wait(self, msecs: int = -1) -> bool:
        """Run the event loop (without user input) until the job is done; True if it is.

        Progress dialogs keep painting and the job's callbacks run, unlike a blocking join.
        """
        if self.finished:
            return True
        loop = QEventLoop()
        self.signals.finished.connect(loop.quit)
        if msecs >= 0:
            QTimer.singleShot(msecs, loop.quit)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        self.signals.finished.disconnect(loop.quit)
        return self.finished


class JobDialog(QProgressDialog):
    """Progress bar, the job's last message and Cancel."""

    def __init__(self, parent: QWidget | None, job: Job) -> None:
        super().__init__(parent)
        self.job = job
        self.setObjectName("jobDialog")
        self.setWindowTitle(job.title)
        self.setLabelText(job.title)
        self.setRange(0, STEPS)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if job.cancellable:
            self.setCancelButtonText(QCoreApplication.translate("Jobs", "Cancel"))
            self.canceled.connect(self._cancel)
        else:
            self.setCancelButton(None)

    @Slot(float, str)
    def show_progress(self, fraction: float, message: str) -> None:
        if self.job.cancelled:
            return
        self.setValue(round(fraction * STEPS))
        if message:
            self.setLabelText(message)

    def _cancel(self) -> None:
        self.job.cancel.set()
        self.setLabelText(QCoreApplication.translate("Jobs", "Cancelling…"))

    def finish(self) -> None:
        """Close for good once the job is done (closing a QProgressDialog emits canceled)."""
        if self.job.cancellable:
            self.canceled.disconnect(self._cancel)
        self.close()
        self.deleteLater()


class JobOp(Op):
    """A long job: ``fn(job)`` on the JOBS lane with a progress dialog, one per `kind`.

    On success the `changes` are announced and ``success(result)`` runs. A job that stops
    because Cancel was pressed calls `cancelled` (or shows a short status message) instead of
    an error dialog. ``show_progress=False`` runs it in the background (no dialog; a second
    job of the same kind is skipped silently) — for the start-up check and catch-up work.
    """

    lane = JOBS

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        kind: str,
        title: str,
        fn: Callable[[Job], Any],
        *,
        success: Success | None = None,
        failure: Failure | None = None,
        cancelled: Callable[[], None] | None = None,
        changes: Iterable[str] = (),
        cancellable: bool = True,
        show_progress: bool = True,
    ) -> None:
        super().__init__(ctx, parent, success=success, failure=failure, changes=changes)
        self.kind = kind
        self.title = title
        self.fn = fn
        self._cancelled = cancelled
        self.cancellable = cancellable
        self.show_progress = show_progress
        self.job: Job | None = None
        self.dialog: JobDialog | None = None

    def run(self) -> Job | None:
        """Start the job; None (after saying so) when a job of the same kind is running."""
        ctx = self.ctx
        if self.kind in ctx.running_jobs:
            if self.show_progress:
                QMessageBox.information(
                    self.parent,
                    self.title,
                    QCoreApplication.translate(
                        "Jobs", "“%1” is already running. Please wait for it to finish."
                    ).replace("%1", self.title),
                )
            else:
                log.info("%s job already running; not started again", self.kind)
            return None
        job = Job(self.kind, self.title, ctx.engine, cancellable=self.cancellable)
        self.job = job
        ctx.running_jobs[self.kind] = job  # first: a modal setValue() may process events
        if self.show_progress:
            self.dialog = JobDialog(self.parent, job)
            job.signals.progress.connect(self.dialog.show_progress)
            self.dialog.setValue(0)
        fn = self.fn
        ctx.runner.submit(guarded(lambda: fn(job)), self._done, lane=self.lane)
        return job

    def cancel(self) -> None:
        """Ask the job to stop (as the dialog's Cancel does)."""
        if self.job is not None:
            self.job.cancel.set()

    def _done(self, outcome: Outcome) -> None:
        job = self.job
        assert job is not None
        if self.ctx.running_jobs.get(self.kind) is job:
            del self.ctx.running_jobs[self.kind]
        job.outcome = outcome
        stopped = job.cancelled and not outcome.ok  # before closing the dialog: that cancels
        try:
            dialog = self.dialog
            if dialog is not None and shiboken6.isValid(dialog):
                job.signals.progress.disconnect(dialog.show_progress)
                dialog.finish()
            self._announce(outcome)
            if stopped:
                if alive(self.parent):
                    self._report_cancelled()
                return
            self._deliver(outcome)
        finally:
            job.signals.finished.emit()

    def _report_cancelled(self) -> None:
        if self._cancelled is not None:
            self._cancelled()
            return
        self.ctx.show_status(
            QCoreApplication.translate("Jobs", "Cancelled: %1").replace("%1", self.title)
        )


def finish_jobs(ctx: AppContext) -> None:
    """Cancel the running jobs that can stop, and wait for every job to be done (closing)."""
    jobs = list(ctx.running_jobs.values())
    for job in jobs:
        if job.cancellable:
            job.cancel.set()
    for job in jobs:
        job.wait()
