"""Ops deliver results and errors on the GUI thread; write ops announce their changes."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from shopcrm.i18n import ShopError, define
from shopcrm.services.settings import get_setting, set_setting
from shopcrm.ui import ops
from shopcrm.ui.jobs import run_job
from shopcrm.ui.ops import CollectionOp, QueryOp

E_TEST = define("uitest.broken", en="The {thing} is broken.", zh="{thing}坏了。")


def test_query_op_delivers_result(ctx, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got = []
    QueryOp(ctx, parent, lambda s: get_setting(s, "shop.kind"), success=got.append).run()
    assert got == ["salon"]


def test_collection_op_commits_and_announces(ctx, qtbot, engine):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []
    ctx.changes.changes_applied.connect(lambda kinds, origin: seen.append((kinds, origin)))
    CollectionOp(
        ctx, parent, lambda s: set_setting(s, "shop.name", "小店"), changes={"settings"}
    ).run()
    assert seen == [(frozenset({"settings"}), parent)]
    from shopcrm.db import session_scope

    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == "小店"


def test_failed_write_rolls_back_and_announces_nothing(ctx, qtbot, engine, dialogs):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []
    ctx.changes.changes_applied.connect(lambda kinds, origin: seen.append(kinds))

    def op(s):
        set_setting(s, "shop.name", "should not stay")
        raise ShopError(E_TEST, thing="printer")

    CollectionOp(ctx, parent, op, changes={"settings"}).run()
    assert seen == []
    assert dialogs.texts == ["The printer is broken."]
    from shopcrm.db import session_scope

    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == ""


def test_shop_error_dialog_is_translated(ctx, qtbot, dialogs, languages):
    languages.apply("zh")
    parent = QWidget()
    qtbot.addWidget(parent)
    QueryOp(ctx, parent, lambda s: (_ for _ in ()).throw(ShopError(E_TEST, thing="打印机"))).run()
    assert dialogs.texts == ["打印机坏了。"]


def test_unexpected_error_is_friendly_with_details(ctx, qtbot, dialogs):
    parent = QWidget()
    qtbot.addWidget(parent)
    QueryOp(ctx, parent, lambda s: 1 / 0).run()
    [shown] = dialogs.shown
    assert shown["text"] == "Sorry, something went wrong."
    assert "Traceback" not in shown["text"] and "ZeroDivisionError" in shown["details"]
    assert "shopcrm.log" in shown["informative"]


def test_failure_callback_replaces_dialog(ctx, qtbot, dialogs):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []
    QueryOp(ctx, parent, lambda s: 1 / 0, failure=errors.append).run()
    assert isinstance(errors[0], ZeroDivisionError) and dialogs.shown == []


def test_unknown_change_kind_is_refused(ctx):
    with pytest.raises(ValueError):
        CollectionOp(ctx, None, lambda s: None, changes={"typo"})


def test_real_thread_pool_calls_back_on_gui_thread(engine, languages, qtbot):
    from shopcrm.ui.app_context import AppContext

    ctx = AppContext(engine, languages)
    ctx.runner = ops.OpRunner(ctx)
    threads = {}

    def op(s):
        threads["op"] = threading.current_thread()
        return get_setting(s, "shop.kind")

    results = []
    QueryOp(
        ctx,
        None,
        op,
        success=lambda r: (results.append(r), threads.setdefault("cb", threading.current_thread())),
    ).run()
    qtbot.waitUntil(lambda: results == ["salon"], timeout=5000)
    assert threads["op"] is not threading.main_thread()
    assert threads["cb"] is threading.main_thread()
    ctx.shutdown()


def test_job_reports_progress_and_announces(ctx, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen, results = [], []
    ctx.changes.changes_applied.connect(lambda kinds, origin: seen.append(kinds))

    def work(job):
        job.progress(0.5, "half way")
        return "done"

    job = run_job(
        ctx, parent, "export", "Exporting", work, success=results.append, changes={"members"}
    )
    assert job is not None and results == ["done"]
    assert seen == [frozenset({"members"})]
    assert "export" not in ctx.running_jobs


def test_cancelled_job_calls_cancelled_not_error(ctx, qtbot, dialogs):
    parent = QWidget()
    qtbot.addWidget(parent)
    calls = []

    def work(job):
        job.cancel.set()  # as if Cancel had been pressed
        raise ShopError(E_TEST, thing="export")

    run_job(
        ctx,
        parent,
        "export",
        "Exporting",
        work,
        cancelled=lambda: calls.append("c"),
        success=lambda r: calls.append("s"),
    )
    assert calls == ["c"] and dialogs.shown == []


def test_one_job_per_kind(ctx, qtbot, dialogs):
    parent = QWidget()
    qtbot.addWidget(parent)
    ctx.running_jobs.add("import")
    assert run_job(ctx, parent, "import", "Importing", lambda job: 1) is None
    assert "already running" in dialogs.texts[0]
