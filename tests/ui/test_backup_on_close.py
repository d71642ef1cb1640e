"""The backup on close: a change someone made calls for it; the app's own start-up work
(today's follow-ups raised, level downgrades) does not, so opening and closing the app
without touching anything copies nothing (a 1.2 GB shop took 15–25 s at every close)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shopcrm import clock
from shopcrm.db import is_sqlite, session_scope
from shopcrm.models import Followup
from shopcrm.services.auth import SYSTEM
from shopcrm.services.backup import backup_folder, list_backups
from shopcrm.services.members import MemberForm, create_member
from shopcrm.services.settings import set_setting

TODAY = "2026-11-27 10:00"


@pytest.fixture
def shop(engine):
    if not is_sqlite(engine):
        pytest.skip("SQLite files only: PostgreSQL is backed up with pg_dump")
    with clock.frozen("2026-10-01 10:00"), session_scope(engine, write=True) as s:
        set_setting(s, "setup.done", True)
        create_member(s, MemberForm(name="钟燕岚", phone="13800001111", birthday="11-27"),
                      actor=SYSTEM)  # fmt: skip
    return engine


def followups(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(Followup))


def start_app(ctx):
    """The app's own start on `ctx`: the window, then its start-up work (inline ops)."""
    from shopcrm.ui.app import AppController

    controller = AppController(ctx.languages)
    window = controller.show_window(ctx)
    assert window is not None
    return controller, window


def backups(engine) -> list:
    return list_backups(backup_folder(engine))


def test_open_and_close_without_a_change_writes_no_backup(ctx, qtbot, shop, dialogs):
    with clock.frozen(TODAY):
        assert followups(shop) == 0
        _controller, window = start_app(ctx)
        qtbot.addWidget(window)
        assert followups(shop) >= 1  # the start-up work raised today's birthday
        before = backups(shop)  # the daily backup, made by the start-up work
        window.close()
        assert backups(shop) == before  # nothing changed by anyone: no copy at close
    assert dialogs.shown == []


def test_a_change_in_the_window_is_backed_up_on_close(ctx, qtbot, shop, dialogs):
    from shopcrm.ui.ops import CollectionOp

    with clock.frozen(TODAY):
        _controller, window = start_app(ctx)
        qtbot.addWidget(window)
        before = backups(shop)

        def add(session):
            return create_member(session, MemberForm(name="陈静"), actor=ctx.actor)

        CollectionOp(ctx, window, add, changes={"members"}).run()
        window.close()
        after = backups(shop)
    assert len(after) == len(before) + 1 or after[0].path not in {b.path for b in before}
    assert dialogs.shown == []


def test_a_change_by_a_command_meanwhile_is_backed_up_on_close(ctx, qtbot, shop, dialogs):
    """`shopcrm member add` run while the window is open: not announced to the window, but
    in the audit log after the start-up work's mark."""
    with clock.frozen(TODAY):
        _controller, window = start_app(ctx)
        qtbot.addWidget(window)
        assert window.session.change_mark is not None
        before = backups(shop)
        with session_scope(shop, write=True) as s:  # another process, as far as the UI knows
            create_member(s, MemberForm(name="单丽", phone="13900002222"), actor=SYSTEM)
        window.close()
        after = backups(shop)
    assert len(after) == len(before) + 1 or after[0].path not in {b.path for b in before}


def test_a_login_alone_is_not_a_change(ctx, qtbot, shop, dialogs):
    from shopcrm.models import AuditEntry

    with clock.frozen(TODAY):
        _controller, window = start_app(ctx)
        qtbot.addWidget(window)
        before = backups(shop)
        with session_scope(shop, write=True) as s:
            s.add(AuditEntry(actor="王姐", entity="staff", entity_id=None, action="login_attempt"))
        window.close()
        assert backups(shop) == before
