"""The op API: quick reads and writes, and long jobs (progress, cancel, one per kind).

Most tests use the InlineRunner (conftest); the ones about threads use the real pools.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from sqlalchemy.exc import OperationalError

from shopcrm.db import session_scope
from shopcrm.i18n import ShopError, define, translate
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import MemberForm, create_member, search_members
from shopcrm.services.safety import E_DISK_FULL
from shopcrm.services.settings import get_setting, set_setting
from shopcrm.ui import ops
from shopcrm.ui.ops import CollectionOp, JobOp, QueryOp

E_TEST = define("uitest.broken", en="The {thing} is broken.", zh="{thing}坏了。")
E_STOPPED = define("uitest.stopped", en="Stopped; nothing written.", zh="已停止，未写入。")


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def real_ctx(engine, languages):
    """An AppContext on the real thread pools (not the inline runner)."""
    from shopcrm.ui.app_context import AppContext

    context = AppContext(engine, languages)
    context.runner = ops.OpRunner(context)
    yield context
    context.shutdown()


def disk_full() -> OperationalError:
    return OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))


# -- quick reads and writes ------------------------------------------------------------------------
def test_query_op_delivers_result(ctx, parent):
    got = []
    QueryOp(ctx, parent, lambda s: get_setting(s, "shop.kind"), success=got.append).run()
    assert got == ["salon"]


def test_collection_op_commits_and_announces(ctx, parent, engine):
    seen = []
    ctx.changes.changes_applied.connect(lambda kinds, origin: seen.append((kinds, origin)))
    CollectionOp(
        ctx, parent, lambda s: set_setting(s, "shop.name", "小店"), changes={"settings"}
    ).run()
    assert seen == [(frozenset({"settings"}), parent)]
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == "小店"


def test_failed_write_rolls_back_and_announces_nothing(ctx, parent, engine, dialogs):
    seen = []
    ctx.changes.changes_applied.connect(lambda kinds, origin: seen.append(kinds))

    def op(s):
        set_setting(s, "shop.name", "should not stay")
        raise ShopError(E_TEST, thing="printer")

    CollectionOp(ctx, parent, op, changes={"settings"}).run()
    assert seen == []
    assert dialogs.texts == ["The printer is broken."]
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == ""


def test_disk_full_during_a_write_is_a_translated_message(ctx, parent, engine, dialogs, languages):
    languages.apply("zh")

    def op(s):
        set_setting(s, "shop.name", "半截")
        raise disk_full()

    CollectionOp(ctx, parent, op, changes={"settings"}).run()
    assert dialogs.texts == [translate(E_DISK_FULL, "zh")]
    assert dialogs.shown[0]["details"] == ""  # no traceback folded in either
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == ""


def test_shop_error_dialog_is_translated(ctx, parent, dialogs, languages):
    languages.apply("zh")
    QueryOp(ctx, parent, lambda s: (_ for _ in ()).throw(ShopError(E_TEST, thing="打印机"))).run()
    assert dialogs.texts == ["打印机坏了。"]


def test_unexpected_error_is_friendly_with_details(ctx, parent, dialogs):
    QueryOp(ctx, parent, lambda s: 1 / 0).run()
    [shown] = dialogs.shown
    assert shown["text"] == "Sorry, something went wrong."
    assert "Traceback" not in shown["text"] and "ZeroDivisionError" in shown["details"]
    assert "shopcrm.log" in shown["informative"]


def test_failure_callback_replaces_dialog(ctx, parent, dialogs):
    errors = []
    QueryOp(ctx, parent, lambda s: 1 / 0, failure=errors.append).run()
    assert isinstance(errors[0], ZeroDivisionError) and dialogs.shown == []


def test_cancelled_query_delivers_nothing(real_ctx, parent, qtbot):
    got = []
    release = threading.Event()

    def slow(s):
        release.wait(5)
        return get_setting(s, "shop.kind")

    op = QueryOp(real_ctx, parent, slow, success=got.append).run()
    op.cancel()  # a newer search made this answer stale
    release.set()
    real_ctx.runner.wait(5000)
    qtbot.wait(50)  # let the queued callback arrive
    assert got == []


def test_unknown_change_kind_is_refused(ctx):
    with pytest.raises(ValueError):
        CollectionOp(ctx, None, lambda s: None, changes={"typo"})
    with pytest.raises(ValueError):
        JobOp(ctx, None, "export", "Exporting", lambda job: None, changes={"membrs"})


def test_real_thread_pool_calls_back_on_gui_thread(real_ctx, qtbot):
    threads = {}

    def op(s):
        threads["op"] = threading.current_thread()
        return get_setting(s, "shop.kind")

    results = []
    QueryOp(
        real_ctx,
        None,
        op,
        success=lambda r: (results.append(r), threads.setdefault("cb", threading.current_thread())),
    ).run()
    qtbot.waitUntil(lambda: results == ["salon"], timeout=5000)
    assert threads["op"] is not threading.main_thread()
    assert threads["cb"] is threading.main_thread()


class _Cycle:
    """Garbage that only the cycle collector frees; records the thread that freed it."""

    freed_in: list[threading.Thread] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_in.append(threading.current_thread())


def test_garbage_is_collected_on_the_gui_thread_not_in_a_pool(real_ctx, qtbot):
    """A pool thread that allocates must not run the cycle collector: it would destroy
    garbage Qt objects (old windows, contexts) off the GUI thread (a segfault later)."""
    import gc

    _Cycle.freed_in.clear()
    _Cycle()  # unreachable at once; only a collection frees it
    done = []

    def busy(_s):  # kept objects far past the young generation's threshold
        return [[n] for n in range(20 * gc.get_threshold()[0])]

    QueryOp(real_ctx, None, busy, success=done.append).run()
    real_ctx.runner.wait(10000)
    assert not gc.isenabled()  # while the pools exist
    qtbot.waitUntil(lambda: bool(done and _Cycle.freed_in), timeout=5000)
    assert _Cycle.freed_in == [threading.main_thread()]


def test_automatic_collection_stays_off_when_the_runner_goes(qapp):
    """Switching it back on as the last runner is destroyed let a collection run inside
    that destruction and deadlock on a Qt mutex; the GUI thread's timer (and the tests'
    teardown) collect instead."""
    import gc

    import shiboken6

    from shopcrm.ui.ops import runner as runner_module

    runner = ops.OpRunner()
    assert not gc.isenabled()
    shiboken6.delete(runner)
    assert not gc.isenabled()
    _Cycle.freed_in.clear()
    _Cycle()
    keep = [[n] for n in range(2 * gc.get_threshold()[0])]  # makes a collection due
    assert runner_module.collect_if_due() >= 0 and _Cycle.freed_in == [threading.main_thread()]
    del keep


def test_quick_ops_and_jobs_use_their_own_lanes(ctx, parent):
    QueryOp(ctx, parent, lambda s: 1).run()
    CollectionOp(ctx, parent, lambda s: 1, changes={"settings"}).run()
    JobOp(ctx, parent, "export", "Exporting", lambda job: 1).run()
    QueryOp(ctx, parent, lambda s: 1, slow=True).run()  # report figures, analytics
    assert ctx.runner.lanes == [ops.QUICK, ops.QUICK, ops.JOBS, ops.JOBS]


# -- the counter's search does not wait behind long jobs ---------------------------------------------
def test_search_answers_while_long_jobs_hold_their_pool(real_ctx, parent, engine, qtbot):
    with session_scope(engine, write=True) as s:
        create_member(s, MemberForm(name="李快找", phone="13900012345"), actor=SYSTEM)
    release = threading.Event()
    started = []

    def slow_job(job):  # an export that takes its time
        started.append(job.kind)
        release.wait(20)
        return job.kind

    done = []
    kinds = ["report-export", "members-export", "members-import"]  # more than the pool holds
    jobs = [
        JobOp(real_ctx, parent, kind, kind, slow_job, success=done.append).run() for kind in kinds
    ]
    qtbot.waitUntil(lambda: len(started) == 2, timeout=5000)  # the job threads are all busy
    hits = []
    QueryOp(real_ctx, parent, lambda s: search_members(s, "12345"), success=hits.append).run()
    try:
        qtbot.waitUntil(lambda: hits != [], timeout=5000)
        assert [h.name for h in hits[0]] == ["李快找"]
        assert done == [] and not any(job.finished for job in jobs)  # still exporting
    finally:
        release.set()
    qtbot.waitUntil(lambda: sorted(done) == sorted(kinds), timeout=5000)
    assert real_ctx.running_jobs == {}


# -- long jobs -------------------------------------------------------------------------------------------------
def test_job_reports_progress_and_announces(ctx, parent):
    seen, results, shown = [], [], []
    ctx.changes.changes_applied.connect(lambda kinds, origin: seen.append(kinds))

    def work(job):
        job.progress(0.5, "half way")
        shown.append((op.dialog.value(), op.dialog.labelText()))
        with job.session(write=True) as s:
            set_setting(s, "shop.name", "导入后")
        return "done"

    op = JobOp(
        ctx, parent, "export", "Exporting", work, success=results.append, changes={"members"}
    )
    job = op.run()
    assert job is not None and job.finished and results == ["done"]
    assert shown == [(500, "half way")]
    assert seen == [frozenset({"members"})]
    assert "export" not in ctx.running_jobs
    assert ctx.setting("shop.name") == "导入后"


def test_failing_job_shows_the_translated_message_not_a_traceback(
    real_ctx, parent, qtbot, dialogs, languages
):
    languages.apply("zh")

    def work(job):
        with job.session(write=True) as s:
            set_setting(s, "shop.name", "写一半")
            raise disk_full()

    job = JobOp(real_ctx, parent, "members-import", "导入", work, changes={"members"}).run()
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert dialogs.texts == [translate(E_DISK_FULL, "zh")]
    assert "Traceback" not in dialogs.shown[0]["text"] and dialogs.shown[0]["details"] == ""
    assert real_ctx.setting("shop.name") == ""  # rolled back


def test_failing_job_gives_the_failure_callback_a_shop_error(ctx, parent, dialogs):
    errors = []

    def work(job):
        raise disk_full()

    JobOp(ctx, parent, "backup", "Backing up", work, failure=errors.append).run()
    assert [e.message("en") for e in errors] == [translate(E_DISK_FULL, "en")]
    assert dialogs.shown == []


def test_cancel_button_stops_the_job(real_ctx, parent, qtbot, dialogs):
    steps, calls = [], []

    def work(job):  # like the services: check the event, stop with a message
        for n in range(1000):
            if job.cancel.is_set():
                raise ShopError(E_STOPPED)
            steps.append(n)
            job.progress(n / 1000, f"row {n}")
            time.sleep(0.005)
        return "finished"

    op = JobOp(
        real_ctx,
        parent,
        "members-export",
        "Exporting",
        work,
        success=lambda r: calls.append("success"),
        cancelled=lambda: calls.append("cancelled"),
    )
    job = op.run()
    qtbot.waitUntil(lambda: len(steps) >= 5, timeout=5000)
    cancel_button = op.dialog.findChild(QPushButton)
    cancel_button.click()
    assert op.dialog.labelText() == "Cancelling…"
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    assert calls == ["cancelled"] and dialogs.shown == []
    assert len(steps) < 1000  # it stopped early
    assert "members-export" not in real_ctx.running_jobs


def test_cancelled_job_without_callback_says_so_in_the_status_bar(ctx, parent, dialogs):
    messages = []
    ctx.status_message.connect(lambda text, _ms: messages.append(text))

    def work(job):
        job.cancel.set()  # as if Cancel had been pressed
        raise ShopError(E_STOPPED)

    JobOp(ctx, parent, "export", "Exporting", work).run()
    assert messages == ["Cancelled: Exporting"] and dialogs.shown == []


def test_one_job_per_kind(real_ctx, parent, qtbot, dialogs):
    release = threading.Event()
    first = JobOp(real_ctx, parent, "members-import", "Importing", lambda j: release.wait(5)).run()
    again = JobOp(real_ctx, parent, "members-import", "Importing", lambda j: 1).run()
    other = JobOp(real_ctx, parent, "report-export", "Exporting", lambda j: 2).run()
    assert first is not None and again is None and other is not None
    assert dialogs.texts == ["“Importing” is already running. Please wait for it to finish."]
    release.set()
    qtbot.waitUntil(lambda: first.finished and other.finished, timeout=5000)
    later = JobOp(real_ctx, parent, "members-import", "Importing", lambda j: 3).run()
    assert later is not None  # the kind is free again
    qtbot.waitUntil(lambda: later.finished, timeout=5000)


def test_finish_jobs_cancels_what_can_stop_and_waits_for_the_rest(real_ctx, parent, qtbot):
    calls = []

    def export(job):
        while not job.cancel.wait(0.01):
            pass
        raise ShopError(E_STOPPED)

    def backup(job):
        time.sleep(0.3)  # cannot be cancelled: waited for
        return "copied"

    export_job = JobOp(
        real_ctx, parent, "export", "Exporting", export, cancelled=lambda: calls.append("c")
    ).run()
    backup_job = JobOp(
        real_ctx, parent, "backup", "Backing up", backup, success=calls.append, cancellable=False
    ).run()
    ops.finish_jobs(real_ctx)
    assert export_job.finished and backup_job.finished
    assert sorted(calls) == ["c", "copied"] and real_ctx.running_jobs == {}
