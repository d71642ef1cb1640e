"""The window's session: who is logged in, what they may open, start check, backup on close.

``install(window)`` adds "Switch user" (File menu and a status-bar button, Ctrl+L), keeps
the status bar and the navigation in step with ``AppContext.actor`` (screens a person may not
open are disabled with an "owner only" tooltip), runs ``quick_check`` off the GUI thread at
start (a failure shows the newest backup and a button to the Backups page), and backs the
shop up when the window closes after a change (SQLite files only). Both are jobs of the op
API (``ops.JobOp``), on the long-job lane.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ...db import session_scope, sqlite_path
from ...i18n import current_language, translate
from ...services import integrity
from ...services.auth import PERM_BACKUP_MAKE, PERM_SETTINGS_CHANGE, SYSTEM, roles_enabled
from ...services.backup import backup_now
from ...services.close_backup import changed_since
from ...services.roles_guard import W_ROLES_OFF_OUTSIDE, check_roles_switch
from ..app_context import AppContext
from ..errors import show_error
from ..ops import JobOp, finish_jobs
from .login import LoginDialog
from .page import owner_only_text

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)
SWITCH_KEYS = "Ctrl+L"


class _StartUpWork:
    """The origin of the changes the app's start-up work announces (follow-ups raised, level
    downgrades): redone by every start, they do not make the window back up on close."""

    def __repr__(self) -> str:
        return "START_UP_WORK"


START_UP_WORK = _StartUpWork()


def roles_on(ctx: AppContext) -> bool:
    with session_scope(ctx.engine) as session:
        return roles_enabled(session)


def _switched_off_outside(ctx: AppContext) -> bool:
    """Roles switched off by editing the file: audited once (services.roles_guard)."""
    try:
        with session_scope(ctx.engine) as session:
            return check_roles_switch(session)
    except Exception:  # never block the start on this check
        log.warning("could not check how roles were switched off", exc_info=True)
        return False


def sign_in(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """When roles are on, ask who is at the counter; False when they cancel."""
    if not roles_on(ctx):
        if _switched_off_outside(ctx):
            QMessageBox.warning(parent, "ShopCRM", translate(W_ROLES_OFF_OUTSIDE))
        return True
    dialog = LoginDialog(ctx, parent)
    if dialog.exec() and dialog.actor is not None:
        ctx.set_actor(dialog.actor)
        return True
    return False


class SessionUi(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.dirty = False  # changed through this window (its start-up work aside)
        self.change_mark: int | None = None  # the audit log's newest entry after start-up
        self.last_check: integrity.IntegrityResult | None = None
        self.switch_action = QAction(window)
        self.switch_action.setObjectName("switchUser")
        self.switch_action.setShortcut(QKeySequence(SWITCH_KEYS))
        self.switch_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.switch_action.triggered.connect(self.switch_user)
        menu = window.file_menu
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.switch_action)
        menu.insertSeparator(first)
        self.switch_button = QPushButton(window)
        self.switch_button.setObjectName("switchUserButton")
        self.switch_button.setFlat(True)
        self.switch_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.switch_button.clicked.connect(self.switch_user)
        window.statusBar().addPermanentWidget(self.switch_button)
        self.ctx.actor_changed.connect(window.retranslate_ui)
        self.ctx.actor_changed.connect(self.apply_permissions)
        self.ctx.language_changed.connect(self.retranslate_ui)
        self.ctx.changes.changes_applied.connect(self._changed)
        self.retranslate_ui()

    # -- texts and permissions --------------------------------------------------------------
    def retranslate_ui(self, *_args: object) -> None:
        keys = QKeySequence(SWITCH_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.switch_action.setText(self.tr("S&witch user…"))
        tip = self.tr("Switch user (%1)").replace("%1", keys)
        self.switch_action.setToolTip(tip)
        self.switch_button.setText(self.tr("Switch user") + "  " + keys)
        self.switch_button.setToolTip(tip)
        self.apply_permissions()

    def apply_permissions(self, *_args: object) -> None:
        """Disable what the person logged in may not use, saying why."""
        window, ctx = self.window, self.ctx
        for n, entry in enumerate(window.entries):  # unbuilt screens stay unbuilt
            perm = entry.permission
            allowed = perm is None or ctx.can(perm)
            item = window.nav.item(n)
            flags = item.flags()
            if allowed:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"{window.screen_title(n)} — {owner_only_text()}")
            window.screen_actions[n].setEnabled(allowed)
        for action, perm in (
            (window.backup_action, PERM_BACKUP_MAKE),
            (window.open_action, PERM_SETTINGS_CHANGE),
        ):
            action.setEnabled(ctx.can(perm))
            if not ctx.can(perm):
                action.setToolTip(owner_only_text())
        current = window.current_screen()
        perm = type(current).permission if current is not None else None
        if perm is not None and not ctx.can(perm):
            window.show_screen(0)

    # -- switching user ------------------------------------------------------------------------
    def switch_user(self) -> bool:
        if not roles_on(self.ctx):
            QMessageBox.information(
                self.window,
                self.tr("Switch user"),
                self.tr(
                    "Roles are off: everyone acts as the owner. Switch them on in Settings › "
                    "Security."
                ),
            )
            return False
        dialog = LoginDialog(self.ctx, self.window)
        if dialog.exec() and dialog.actor is not None:
            self.ctx.set_actor(dialog.actor)
            self.ctx.show_status(self.tr("Logged in: %1").replace("%1", dialog.actor.name))
            return True
        return False

    # -- start-up check ---------------------------------------------------------------------------
    def start_check(self) -> None:
        """``quick_check`` as a background job; a failure is shown when it comes back."""
        JobOp(
            self.ctx,
            self.window,
            "check",
            "quick_check",
            lambda job: integrity.quick_check(job.engine),
            success=self._checked,
            failure=lambda exc: log.warning("start-up quick_check could not run: %s", exc),
            cancellable=False,
            show_progress=False,
        ).run()

    def _checked(self, result: integrity.IntegrityResult) -> None:
        self.last_check = result
        if not result.ok:
            self.show_check_failure(result)

    def check_failure_box(self, result: integrity.IntegrityResult) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("The database is damaged"))
        box.setText(result.message(current_language()))
        box.setInformativeText(
            self.tr(
                "Restore the newest backup on the Backups page; the damaged file is kept aside."
            )
        )
        box.setDetailedText("\n".join(result.problems))
        open_button = box.addButton(self.tr("Open Backups"), QMessageBox.ButtonRole.AcceptRole)
        open_button.setObjectName("openBackups")
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        return box

    def show_check_failure(self, result: integrity.IntegrityResult) -> None:
        box = self.check_failure_box(result)
        box.exec()
        if box.clickedButton() is box.findChild(QPushButton, "openBackups"):
            self.open_backups()

    def open_backups(self) -> None:
        window = self.window
        index = window.screen_index("settings")
        if index < 0:
            return
        window.show_screen(index)
        settings = window.screen("settings")
        page = settings.show_page("backups")  # type: ignore[union-attr]
        if self.last_check is not None:
            page.show_check(self.last_check)

    # -- backup on close --------------------------------------------------------------------------
    def _changed(self, _kinds: frozenset[str], origin: object) -> None:
        if origin is not START_UP_WORK:
            self.dirty = True

    def start_up_done(self, mark: int) -> None:
        """The start-up work is done; audited changes after `mark` are someone's."""
        self.change_mark = mark

    def changed(self) -> bool:
        """Changed since the window opened, the app's own start-up work aside: through this
        window, or by another program (a `shopcrm` write command) as the audit log shows."""
        if self.dirty:
            return True
        if self.change_mark is None:
            return False
        try:
            return changed_since(self.ctx.engine, self.change_mark)
        except Exception:  # an unreadable file: the close backup would fail the same way
            log.warning("could not read the audit log at close", exc_info=True)
            return False

    def backup_on_close(self) -> bool:
        """Back up a SQLite shop that changed since it was opened, as the window closes
        (`changed`: the start-up work the app redoes by itself does not count).

        Running jobs are finished first (cancelled when they can stop, else waited for), so
        an import's changes are in the copy and a Backup already running is not doubled.
        The backup is a job like any other (progress dialog, translated errors) and the window
        waits for it with the event loop running. Returns True when a backup was written;
        errors are shown and the window still closes.
        """
        ctx = self.ctx
        finish_jobs(ctx)
        if sqlite_path(ctx.engine) is None or not self.changed():
            return False
        written: dict[str, Any] = {}

        def failed(exc: BaseException) -> None:
            log.warning("backup on close failed: %s", exc)
            show_error(self.window, exc)

        title = self.tr("Backing up before closing…")
        self.window.statusBar().showMessage(title)
        job = JobOp(
            ctx,
            self.window,
            "backup",
            title,
            lambda job: backup_now(
                job.engine, actor=SYSTEM
            ),  # the app's own backup, not a person's
            success=lambda info: written.setdefault("info", info),
            failure=failed,
            cancellable=False,
        ).run()
        if job is None or not job.wait() or "info" not in written:
            return False
        self.dirty = False
        self.change_mark = None
        log.info("backup on close: %s", written["info"].path)
        return True


def install(window: MainWindow) -> SessionUi:
    ui = SessionUi(window)
    ui.start_check()
    return ui
