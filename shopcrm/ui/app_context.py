"""What every screen is given: the engine, the changes signal, the actor, language, settings.

One AppContext per open shop. It is passed to screens explicitly; nothing in shopcrm.services
can reach it (no global main window).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from sqlalchemy import Engine

from .. import APP_NAME
from ..db import session_scope, sqlite_path
from ..paths import default_backup_dir
from ..services import auth
from ..services.auth import SYSTEM, Actor
from ..services.settings import get_setting
from . import ops
from .i18n import LanguageManager

BACKUP_FOLDER_KEY = "backup.folder"


class ChangeBus(QObject):
    """The one application-wide "changes applied" signal.

    ``changes_applied(kinds: frozenset[str], origin: QObject | None)`` — `origin` is the
    widget that asked for the change, so it can skip a refresh it already did.
    """

    changes_applied = Signal(object, object)

    def announce(self, kinds: Iterable[str], origin: QObject | None = None) -> None:
        kinds = frozenset(kinds)
        if kinds:
            self.changes_applied.emit(kinds, origin)


class AppContext(QObject):
    """The open shop as the UI sees it."""

    status_message = Signal(str, int)  # text, milliseconds (0 = until replaced)
    reopen_requested = Signal(str)  # a database URL to switch the window to
    member_open_requested = Signal(int)  # show this member on the Counter (the window routes)
    actor_changed = Signal(object)  # the new Actor (Switch user)

    def __init__(
        self,
        engine: Engine,
        languages: LanguageManager,
        *,
        actor: Actor = SYSTEM,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.languages = languages
        self.actor = actor
        self.changes = ChangeBus(self)
        self.runner = ops.RUNNER_FACTORY(self)
        self.running_jobs: dict[str, ops.Job] = {}  # kind -> the one running job of that kind

    # -- who is acting ------------------------------------------------------------------------
    def set_actor(self, actor: Actor) -> None:
        """The person now at the counter (login / Switch user)."""
        changed = actor != self.actor
        self.actor = actor
        if changed:
            self.actor_changed.emit(actor)

    def can(self, perm: str) -> bool:
        """Whether the current actor may do `perm` (``services.auth.PERMISSIONS``)."""
        return auth.can(self.actor, perm)

    # -- language -------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.languages.language

    @property
    def language_changed(self) -> Signal:
        return self.languages.language_changed

    def set_language(self, lang: str) -> None:
        self.languages.apply(lang)

    # -- settings (small synchronous reads; writes go through CollectionOp) ---------------
    def setting(self, key: str, default: Any = None) -> Any:
        with session_scope(self.engine) as session:
            return get_setting(session, key, default)

    def backup_folder(self) -> Path:
        """Where backups go: the setting, else the shop's default (see services.backup)."""
        from ..services.backup import backup_folder

        try:
            return backup_folder(self.engine)
        except Exception:  # PostgreSQL, in-memory or missing file: no backup folder of ours
            folder = self.setting(BACKUP_FOLDER_KEY, "")
            return Path(folder) if folder else default_backup_dir()

    def database_location(self) -> str:
        """The SQLite file, or the server URL without its password."""
        path = sqlite_path(self.engine)
        if path is not None:
            return str(path)
        return self.engine.url.render_as_string(hide_password=True)

    # -- helpers for screens ----------------------------------------------------------------
    def show_status(self, text: str, msecs: int = 4000) -> None:
        """A short message in the status bar (the toast of a desktop app)."""
        self.status_message.emit(text, msecs)

    def request_reopen(self, db_url: str) -> None:
        self.reopen_requested.emit(db_url)

    def open_member(self, member_id: int) -> None:
        """Ask for `member_id` to be opened on the Counter (any screen may call this)."""
        self.member_open_requested.emit(member_id)

    @staticmethod
    def qsettings() -> QSettings:
        """Per-user window settings (size, state, last screen); not shop data."""
        return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "ui")

    def shutdown(self) -> None:
        """Stop what can stop and wait for the rest: no job is cut off half-way.

        Cancellable jobs (imports, exports) are cancelled; the others (backup, restore) are
        waited for however long they take. Quick ops get a few seconds.
        """
        ops.finish_jobs(self)
        self.runner.wait(5000, lanes=(ops.QUICK,))
        self.runner.wait(-1, lanes=(ops.JOBS,))
