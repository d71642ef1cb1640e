"""Roles at the counter: login dialog, switch user, owner-only screens, status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from shopcrm.db import session_scope
from shopcrm.services import auth
from shopcrm.services.auth import set_roles_enabled
from shopcrm.ui.settings.login import LoginDialog
from shopcrm.ui.settings.session import sign_in

from .settings_helpers import OWNER_PIN, STAFF_PIN, owner_and_staff


def dialog(ctx, qtbot) -> LoginDialog:
    box = LoginDialog(ctx)
    qtbot.addWidget(box)
    return box


def test_right_pin_sets_the_actor(ctx, qtbot, engine):
    _, staff = owner_and_staff(engine)
    box = dialog(ctx, qtbot)
    assert box.staff_combo.count() == 2
    box.choose(staff.staff_id)
    box.pin_edit.setText(STAFF_PIN)
    box.buttons.accepted.emit()
    assert box.result() == QDialog.DialogCode.Accepted
    assert box.actor == staff


def test_wrong_pin_says_so_and_lockout_follows(ctx, qtbot, engine, languages):
    owner, _ = owner_and_staff(engine)
    box = dialog(ctx, qtbot)
    box.choose(owner.staff_id)
    box.pin_edit.setText("0000")
    box.try_login()
    assert box.message.text() == "Wrong PIN for 老板."
    assert box.pin_edit.text() == "" and box.actor is None
    for _ in range(auth.LOCK_AFTER - 1):
        box.pin_edit.setText("0000")
        box.try_login()
    box.pin_edit.setText(OWNER_PIN)  # even the right PIN waits now
    box.try_login()
    assert box.message.text().startswith("Too many wrong PINs for 老板. Try again in")
    assert box.actor is None
    languages.apply("zh")
    box.try_login()
    assert "PIN 码错误次数过多" in box.message.text()
    assert box.staff_label.text() == "您的姓名(&N)"


def test_sign_in_only_when_roles_are_on(ctx, qtbot, engine, monkeypatch):
    owner, staff = owner_and_staff(engine)
    calls = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: calls.append(self) or 0)
    assert sign_in(ctx) is True and calls == []  # roles off: no dialog
    with session_scope(engine, write=True) as s:
        set_roles_enabled(s, True, actor=owner)
    assert sign_in(ctx) is False and len(calls) == 1  # cancelled

    def log_in(self):
        self.choose(staff.staff_id)
        self.pin_edit.setText(STAFF_PIN)
        self.try_login()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    assert sign_in(ctx) is True and ctx.actor == staff


def test_switch_user_disables_owner_screens_and_shows_who(ctx, qtbot, engine, monkeypatch):
    from shopcrm.ui.main_window import MainWindow

    owner, staff = owner_and_staff(engine)
    with session_scope(engine, write=True) as s:
        set_roles_enabled(s, True, actor=owner)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    action = window.session.switch_action
    assert action.shortcut().toString() == "Ctrl+L"
    assert "Ctrl+L" in action.toolTip() and "Ctrl+L" in window.session.switch_button.toolTip()
    assert action in window.file_menu.actions()

    def log_in(self):
        self.choose(staff.staff_id)
        self.pin_edit.setText(STAFF_PIN)
        self.try_login()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    action.trigger()
    assert ctx.actor == staff
    assert window.staff_label.text() == "Staff: 小王"
    assert not window.backup_action.isEnabled()
    assert window.backup_action.toolTip() == "Owner only"
    settings = window.screen("settings")
    n = window.screens.index(settings)
    assert window.nav.item(n).flags() & Qt.ItemFlag.ItemIsEnabled  # Security stays readable
    assert not settings.page("staff").save_button.isEnabled()


def test_a_screen_with_a_permission_is_disabled_for_staff(ctx, qtbot, engine, monkeypatch):
    import dataclasses

    from shopcrm.ui import registry
    from shopcrm.ui.main_window import MainWindow
    from shopcrm.ui.settings import SettingsScreen

    monkeypatch.setattr(SettingsScreen, "permission", auth.PERM_REPORTS_VIEW)
    monkeypatch.setattr(  # the registry line names the permission before the screen exists
        registry,
        "SCREENS",
        [
            dataclasses.replace(e, permission=auth.PERM_REPORTS_VIEW)
            if e.screen_id == "settings"
            else e
            for e in registry.SCREENS
        ],
    )
    _, staff = owner_and_staff(engine)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    n = [s.screen_id for s in window.screens].index("settings")
    window.show_screen(n)
    ctx.set_actor(staff)
    assert not window.nav.item(n).flags() & Qt.ItemFlag.ItemIsEnabled
    assert "Owner only" in window.nav.item(n).toolTip()
    assert not window.screen_actions[n].isEnabled()
    assert window.current_screen() is window.screens[0]  # moved off the owner's screen


def test_write_ops_show_database_errors_translated(ctx, qtbot, dialogs, languages):
    from PySide6.QtWidgets import QWidget
    from sqlalchemy.exc import OperationalError

    from shopcrm.ui.ops import CollectionOp

    parent = QWidget()
    qtbot.addWidget(parent)

    def op(_s):
        raise OperationalError("INSERT ...", {}, Exception("database or disk is full"))

    languages.apply("zh")
    CollectionOp(ctx, parent, op, changes={"members"}).run()
    assert dialogs.texts == ["磁盘已满，本次内容未保存。请清理空间（或移动数据库）后再保存。"]
