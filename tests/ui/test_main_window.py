"""The main window on a migrated database: screens, shortcuts, live language, state, backup."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from shopcrm.db import session_scope
from shopcrm.services.auth import SYSTEM
from shopcrm.services.settings import set_setting
from shopcrm.ui.main_window import MainWindow
from shopcrm.ui.registry import screen_classes


@pytest.fixture
def window(ctx, qtbot):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_opens_with_every_registered_screen(window):
    ids = [s.screen_id for s in window.screens]
    assert ids == [cls.screen_id for cls in screen_classes()]
    assert window.current_screen() is window.screens[0]
    assert window.nav.count() == len(ids)
    assert window.nav.item(0).text() == "Counter"


def test_ctrl_digit_shortcuts_switch_screens(window, qtbot):
    settings_index = [s.screen_id for s in window.screens].index("settings")
    action = window.screen_actions[settings_index]
    assert action.shortcut().toString() == f"Ctrl+{settings_index + 1}"
    assert f"Ctrl+{settings_index + 1}" in window.nav.item(settings_index).toolTip()
    assert action in window.view_menu.actions()
    action.trigger()  # what the shortcut does
    assert window.current_screen().screen_id == "settings"
    assert window.windowTitle().startswith("Settings")
    window.screen_actions[0].trigger()
    assert window.current_screen() is window.screens[0]


def test_counter_idle_panel_shows_todays_figures(frozen_clock, engine, small_demo, ctx, qtbot):
    """The idle panel's figures, counted here from the raw rows (not by the service), on a
    fixed day (the demo shop is built around it, so a holiday or month end cannot move them)."""
    from sqlalchemy import select

    from shopcrm.models import Followup, Member, Visit, WalletEntry
    from shopcrm.services.followups import raise_due

    today = frozen_clock.date()
    with session_scope(engine, write=True) as s:
        raise_due(s, today, actor=SYSTEM)  # what the app does at start: today's follow-ups
    with session_scope(engine) as s:
        visits = s.execute(select(Visit.status, Visit.visited_at)).all()
        members = {m.id: m for m in s.execute(select(Member.id, Member.status, Member.join_date))}
        followups = s.execute(
            select(Followup.member_id, Followup.status, Followup.due_date, Followup.snoozed_until)
        ).all()
        ledger = s.execute(
            select(WalletEntry.member_id, WalletEntry.seq, WalletEntry.balance_after).where(
                WalletEntry.account == "stored_value"
            )
        ).all()
    visits_today = sum(1 for v in visits if v.status == "ok" and v.visited_at.date() == today)
    due = sum(
        1
        for f in followups
        if f.status == "open"
        and members[f.member_id].status == "active"
        and f.due_date <= today
        and (f.snoozed_until is None or f.snoozed_until <= today)
    )
    new_this_month = sum(
        1 for m in members.values() if today.replace(day=1) <= m.join_date <= today
    )
    latest: dict[int, tuple[int, Decimal]] = {}
    for member_id, seq, balance in ledger:  # each card's balance after its last entry
        if member_id not in latest or seq > latest[member_id][0]:
            latest[member_id] = (seq, balance)
    owed = sum((balance for _seq, balance in latest.values()), Decimal("0"))
    assert due > 0 and owed > 0  # the demo has work today and money on cards

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    idle = win.screen("counter").idle
    assert idle.cards["visits_today"].value.text() == str(visits_today)
    assert idle.cards["followups_due"].value.text() == str(due)
    assert idle.cards["new_members_month"].value.text() == str(new_this_month)
    assert idle.cards["stored_value"].value.text() == f"¥{owed:,.2f}"
    assert idle.heading.text() == "悦色发型沙龙（演示）"
    assert win.shop_label.text() == "悦色发型沙龙（演示）"


def test_language_switch_retranslates_live(window, languages):
    idle = window.screen("counter").idle
    assert idle.keys_title.text() == "Keys"
    assert window.file_menu.title() == "&File"
    languages.apply("zh")
    assert window.nav.item(0).text() == "前台"
    assert idle.keys_title.text() == "快捷键"
    assert window.file_menu.title() == "文件(&F)"
    assert window.staff_label.text() == "当前员工：店主"  # a shop without an owner's name
    # the person, not the role: the owner's own name while nobody logs in
    from shopcrm.db import session_scope
    from shopcrm.services.auth import SYSTEM, add_staff

    with session_scope(window.ctx.engine, write=True) as s:
        add_staff(s, "王姐", "owner", actor=SYSTEM)
    window._load_shop_name()
    assert window.staff_label.text() == "当前员工：王姐"
    languages.apply("en")
    assert idle.keys_title.text() == "Keys"
    assert window.nav.item(0).text() == "Counter"


def test_changes_refresh_the_visible_screen(window, engine, ctx):
    with session_scope(engine, write=True) as s:
        set_setting(s, "shop.name", "新名字")
    ctx.changes.announce({"settings"})
    assert window.screen("counter").idle.heading.text() == "新名字"
    assert window.shop_label.text() == "新名字"


def test_window_size_is_remembered(ctx, qtbot):
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 520)  # the offscreen screen is 800x600; default height is 740
    remembered = first.size()
    assert remembered.height() == 520
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.height() == remembered.height()  # width is clamped to the 800 px screen
    second.resize(1366, 740)
    second.close()


def test_backup_now_writes_a_copy(window, engine, tmp_path, ctx, dialogs):
    (tmp_path / "bk").mkdir()  # a chosen folder must exist (a USB stick that is plugged in)
    with session_scope(engine, write=True) as s:
        set_setting(s, "backup.folder", str(tmp_path / "bk"))
    window.backup_now()
    files = list(Path(tmp_path / "bk").glob("*.db"))
    if engine.url.get_backend_name() == "sqlite":
        assert len(files) == 1 and files[0].stat().st_size > 0
        assert dialogs.shown == []
    else:
        assert files == [] and "server" in dialogs.texts[0]


def test_about_names_version_database_and_backups(window, ctx):
    from shopcrm import __version__

    text = window.about_text()
    assert __version__ in text
    assert ctx.database_location() in text
    assert str(ctx.backup_folder()) in text


def test_tab_reaches_the_screen(window, qtbot):
    window.screen_actions[[s.screen_id for s in window.screens].index("settings")].trigger()
    shop = window.screen("settings").page("shop")
    assert window.focusWidget() is shop.name_edit
    assert shop.name_edit.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_members_list_opens_a_member_on_the_counter(small_demo, ctx, window):
    """The Members screen asks for a member; the window shows it on the Counter."""
    from sqlalchemy import select

    from shopcrm.models import Member

    with session_scope(ctx.engine) as session:
        member_id = session.scalar(select(Member.id).order_by(Member.id.desc()).limit(1))
    window.show_screen([s.screen_id for s in window.screens].index("members"))
    ctx.open_member(member_id)
    assert window.current_screen().screen_id == "counter"
    assert window.current_screen().member_id == member_id
