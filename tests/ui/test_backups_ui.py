"""Backups page, restore and reopen, integrity checks at start and on demand, backup on close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from shopcrm.db import is_sqlite, session_scope
from shopcrm.models import Member
from shopcrm.services.integrity import IntegrityResult
from shopcrm.services.settings import get_setting, set_setting

from .settings_helpers import open_page


@pytest.fixture
def sqlite_only(engine):
    if not is_sqlite(engine):
        pytest.skip("SQLite files only: PostgreSQL is backed up with pg_dump")


@pytest.fixture
def yes(monkeypatch):
    asked = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def members(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(Member))


def test_backup_now_lists_the_new_file(ctx, qtbot, engine, sqlite_only, dialogs):
    _, page = open_page(ctx, qtbot, "backups")
    assert page.table.rowCount() == 0
    page.backup_button.click()
    assert page.table.rowCount() == 1
    folder = Path(page.folder_edit.placeholderText())
    (made,) = folder.glob("*.db")
    assert page.table.item(0, 2).text() == made.name and made.stat().st_size > 0
    assert dialogs.shown == []


def test_choosing_a_folder_saves_it(ctx, qtbot, engine, sqlite_only, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target))
    )
    _, page = open_page(ctx, qtbot, "backups")
    page.choose_button.click()
    with session_scope(engine) as s:
        assert get_setting(s, "backup.folder") == str(target)
    page.backup_button.click()
    assert len(list(target.glob("*.db"))) == 1


def test_restore_brings_the_data_back_and_reopens(
    ctx, qtbot, engine, small_demo, sqlite_only, dialogs, yes, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    before = members(engine)
    _, page = open_page(ctx, qtbot, "backups")
    page.backup_button.click()
    with session_scope(engine, write=True) as s:
        s.add(Member(name="后来的人", phone_digits="", phone_rev=""))
        backup_shop = get_setting(s, "shop.name")
        set_setting(s, "shop.name", "改过的名字")
    assert members(engine) == before + 1
    asked = []
    # the shop was renamed since the backup: its old name is asked for (issue 22, item 6)
    monkeypatch.setattr(
        QInputDialog,
        "getText",
        staticmethod(lambda _p, _t, text, *a, **k: (asked.append(text) or backup_shop, True)),
    )
    reopened = []
    ctx.reopen_requested.connect(reopened.append)
    page.table.selectRow(0)
    page.restore_button.click()
    assert "kept aside" in yes[0] and f"Backup of “{backup_shop}”" in yes[0]
    assert len(asked) == 1 and "改过的名字" in asked[0]
    assert members(engine) == before  # the backup's data
    assert reopened == [engine.url.render_as_string(hide_password=False)]
    assert "The previous database is kept as" in dialogs.texts[-1]
    aside = list(Path(engine.url.database).parent.glob("*.before-restore-*.db"))
    assert len(aside) == 1


def test_a_corrupt_file_is_refused_and_nothing_changes(
    ctx, qtbot, engine, small_demo, sqlite_only, dialogs, yes, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "broken.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), ""))
    )
    before = members(engine)
    reopened = []
    ctx.reopen_requested.connect(reopened.append)
    _, page = open_page(ctx, qtbot, "backups")
    page.restore_file_button.click()
    assert "damaged" in dialogs.texts[-1] and "Nothing was changed" in dialogs.texts[-1]
    assert reopened == [] and members(engine) == before


def test_integrity_check_on_demand(ctx, qtbot, engine, sqlite_only):
    _, page = open_page(ctx, qtbot, "backups")
    page.check_button.click()
    assert page.check_result.text() == "The database is healthy (full check)."


def failed_check(backup: Path | None) -> IntegrityResult:
    return IntegrityResult(
        False, "quick", ("*** in database main ***",), backup, "2026-11-01 09:30", None
    )


def test_start_check_failure_names_the_backup_and_opens_backups(
    ctx, qtbot, engine, monkeypatch, tmp_path
):
    from shopcrm.services import integrity
    from shopcrm.ui.main_window import MainWindow

    backup = tmp_path / "shop_2026-11-01_093000.db"
    monkeypatch.setattr(integrity, "quick_check", lambda _engine: failed_check(backup))
    shown = []

    def click_open(box):
        shown.append(box.text())
        for button in box.buttons():
            if button.objectName() == "openBackups":
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_open)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert len(shown) == 1 and str(backup) in shown[0] and "2026-11-01 09:30" in shown[0]
    settings = window.screen("settings")
    assert window.current_screen() is settings
    page = settings.current_page()
    assert page.page_id == "backups"
    assert str(backup) in page.check_result.text()


def test_healthy_start_shows_nothing(ctx, qtbot, dialogs):
    from shopcrm.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert dialogs.shown == [] and window.session.last_check.ok


def test_backup_on_close_after_a_change_only(ctx, qtbot, engine, sqlite_only, dialogs):
    from shopcrm.services.backup import backup_folder, list_backups
    from shopcrm.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.close()
    folder = backup_folder(engine)
    assert list_backups(folder) == []  # nothing changed: no backup
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    ctx.changes.announce({"members"})
    window.close()
    assert len(list_backups(folder)) == 1
    assert dialogs.shown == []


def test_backup_on_close_error_is_shown_but_the_window_closes(
    ctx, qtbot, engine, sqlite_only, dialogs, tmp_path
):
    from shopcrm.ui.main_window import MainWindow

    with session_scope(engine, write=True) as s:
        set_setting(s, "backup.folder", str(tmp_path / "unplugged-usb"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ctx.changes.announce({"members"})
    window.close()
    assert not window.isVisible()
    assert "does not exist" in dialogs.texts[-1]


def test_close_finishes_running_jobs_then_waits_for_its_backup_job(
    engine, languages, qtbot, sqlite_only, dialogs
):
    """Real thread pools: the close backup is a job of the op API, and close() waits for it."""
    from shopcrm.services.backup import backup_folder, list_backups
    from shopcrm.ui import ops
    from shopcrm.ui.app_context import AppContext
    from shopcrm.ui.main_window import MainWindow

    ctx = AppContext(engine, languages)
    ctx.runner = ops.OpRunner(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.session.last_check is not None, timeout=5000)
    calls = []

    def export(job):  # a long export still running when the window closes
        while not job.cancel.wait(0.01):
            pass
        raise RuntimeError("stopped")

    export_job = ops.JobOp(
        ctx, window, "members-export", "Exporting", export, cancelled=lambda: calls.append("c")
    ).run()
    ctx.changes.announce({"members"})
    window.close()
    assert export_job.finished and calls == ["c"]  # cancelled, not cut off
    assert len(list_backups(backup_folder(engine))) == 1  # written before close() returned
    assert ctx.running_jobs == {} and dialogs.shown == []
    assert not window.isVisible()
