"""Long jobs (import, export, backup, demo data) with progress and cancel.

The job function takes a :class:`Job`: it calls ``job.progress(fraction, message)`` now and
then and stops when ``job.cancel`` (a ``threading.Event``) is set — the same two arguments
the services take (``progress=job.progress, cancel=job.cancel``). A progress dialog with a
Cancel button stays up meanwhile. One job per kind runs at a time::

    run_job(ctx, self, "export", self.tr("Exporting"), lambda job: export(job.engine, path,
            progress=job.progress, cancel=job.cancel), success=self.exported)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy import Engine

from .ops import CHANGE_KINDS, Outcome

if TYPE_CHECKING:
    from .app_context import AppContext

STEPS = 1000


class Job:
    """What a job function is given: the engine, a progress reporter and a cancel event."""

    def __init__(self, kind: str, engine: Engine, signals: _JobSignals) -> None:
        self.kind = kind
        self.engine = engine
        self.cancel = threading.Event()
        self._signals = signals

    def progress(self, fraction: float, message: str = "") -> None:
        """Thread-safe: shows `fraction` (0..1) and `message` in the progress dialog."""
        self._signals.progress.emit(max(0.0, min(1.0, float(fraction))), str(message))

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()


class _JobSignals(QObject):
    progress = Signal(float, str)


class JobDialog(QProgressDialog):
    """Progress bar, the job's last message and Cancel."""

    def __init__(self, parent: QWidget | None, title: str, job: Job, cancellable: bool) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(title)
        self.setLabelText(title)
        self.setRange(0, STEPS)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if cancellable:
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


def run_job(
    ctx: AppContext,
    parent: QWidget | None,
    kind: str,
    title: str,
    fn: Callable[[Job], Any],
    *,
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
    cancelled: Callable[[], None] | None = None,
    changes: Iterable[str] = (),
    cancellable: bool = True,
) -> Job | None:
    """Start `fn(job)` in the pool with a progress dialog; None if a `kind` job already runs.

    On success the `changes` are announced (even when cancelled work wrote nothing, nothing
    is announced). A job that stops because Cancel was pressed calls `cancelled` (or shows a
    short status message) instead of an error dialog.
    """
    kinds = frozenset(changes)
    if kinds - CHANGE_KINDS:
        raise ValueError(f"unknown change kinds {sorted(kinds - CHANGE_KINDS)}")
    if kind in ctx.running_jobs:
        QMessageBox.information(
            parent,
            title,
            QCoreApplication.translate(
                "Jobs", "“%1” is already running. Please wait for it to finish."
            ).replace("%1", title),
        )
        return None
    signals = _JobSignals()
    job = Job(kind, ctx.engine, signals)
    dialog = JobDialog(parent, title, job, cancellable)
    signals.progress.connect(dialog.show_progress)
    ctx.running_jobs.add(kind)
    dialog.setValue(0)

    def done(outcome: Outcome) -> None:
        ctx.running_jobs.discard(kind)
        signals.progress.disconnect()
        if shiboken6.isValid(dialog):
            dialog.close()
            dialog.deleteLater()
        if outcome.ok and kinds:
            ctx.changes.announce(kinds, origin=parent)
        if parent is not None and not shiboken6.isValid(parent):
            return
        if job.cancelled and not outcome.ok:
            if cancelled is not None:
                cancelled()
            else:
                ctx.show_status(
                    QCoreApplication.translate("Jobs", "Cancelled: %1").replace("%1", title)
                )
            return
        if outcome.ok:
            if success is not None:
                success(outcome.result)
        elif failure is not None:
            failure(outcome.error)  # type: ignore[arg-type]
        else:
            from .errors import show_error

            show_error(parent, outcome.error, outcome.details)  # type: ignore[arg-type]

    ctx.runner.submit(lambda: fn(job), done)
    return job
