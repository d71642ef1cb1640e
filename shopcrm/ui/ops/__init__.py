"""The one way a screen runs work: reads, writes and long jobs (Anki's ops, Calibre's jobs).

A screen never talks to the database on the GUI thread. It reads its widgets into plain
variables, then schedules a callable::

    QueryOp(self.ctx, self, lambda s: find_members(s, text), success=self.show_hits).run()
    CollectionOp(self.ctx, self, lambda s: save_member(s, draft, actor=actor),
                 changes={"members"}, success=self.saved).run()
    JobOp(self.ctx, self, "report-export", self.tr("Exporting"),
          lambda job: export(job.engine, path, progress=job.progress, cancel=job.cancel),
          success=self.exported, cancelled=self.export_cancelled).run()

Every op opens its own session (``QueryOp``/``CollectionOp``: ``op(session)``; ``JobOp``:
``job.session(write=...)`` or ``job.engine``), runs off the GUI thread, turns database
failures (disk full, read-only, locked) into messages in the user's language, and comes
back on the GUI thread: ``success(result)``, else ``failure(exc)``, else an error dialog.
A write (``CollectionOp``, or a job with ``changes=``) announces the kinds of data it changed
on ``ctx.changes.changes_applied`` so each screen refreshes only what it shows.

Quick ops run on the QUICK lane, long jobs on the JOBS lane — two thread pools, so the
counter's search never waits behind an export. Long jobs show a progress dialog with
Cancel, report ``job.progress(fraction, message)``, honour ``job.cancel`` and run one per
kind at a time (``ctx.running_jobs``). ``finish_jobs(ctx)`` cancels what can stop and waits
for the rest (the window does it on close, before its backup-on-close job).

Tests swap ``RUNNER_FACTORY`` for :class:`InlineRunner` so everything runs synchronously.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .base import CHANGE_KINDS, Op
from .jobs import Job, JobDialog, JobOp, finish_jobs
from .quick import CollectionOp, QueryOp
from .runner import JOBS, QUICK, InlineRunner, OpRunner, Outcome, capture

# AppContext builds its runner with this; tests replace it with InlineRunner.
RUNNER_FACTORY: Callable[..., Any] = OpRunner

__all__ = [
    "CHANGE_KINDS",
    "JOBS",
    "QUICK",
    "RUNNER_FACTORY",
    "CollectionOp",
    "InlineRunner",
    "Job",
    "JobDialog",
    "JobOp",
    "Op",
    "OpRunner",
    "Outcome",
    "QueryOp",
    "capture",
    "finish_jobs",
]
