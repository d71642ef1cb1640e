"""The counter-first main window: navigation on the left, the screens in a stack."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME, __version__
from ..db import resolve_db_url, sqlite_path
from ..services.backup import BackupInfo
from ..services.backup import backup_now as make_backup
from .app_context import AppContext
from .errors import log_dir, show_info
from .ops import Job, JobOp
from .registry import ScreenEntry, screen_entries
from .resources_util import app_icon, icon
from .screen import Screen
from .widgets.nav_keys import KEYS_ROLE, NavKeysDelegate
from .widgets.toast import Toast

DEFAULT_SIZE = QSize(1366, 740)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.shop_name = ""
        self.owner_name = ""  # the owner's own name, shown while nobody logs in (roles off)

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(176)
        self.nav.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.nav.setItemDelegate(NavKeysDelegate(self.nav))  # Ctrl+1… in sight
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("stack")
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.entries: list[ScreenEntry] = screen_entries()
        self._built: dict[int, Screen] = {}
        self.screens = ScreenList(self)
        self.screen_actions: list[QAction] = []
        for n, entry in enumerate(self.entries):
            self.stack.addWidget(QWidget(self.stack))  # a placeholder until the first visit
            if entry.eager:
                self.built_screen(n)
            item = QListWidgetItem(icon(entry.icon), "")
            item.setSizeHint(QSize(160, 44))
            self.nav.addItem(item)
            action = QAction(icon(entry.icon), "", self)
            if n < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _checked=False, i=n: self.show_screen(i))
            self.screen_actions.append(action)
        self.nav.currentRowChanged.connect(self._nav_changed)

        self._build_menus()
        self.shop_label = QLabel(self)
        self.staff_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.shop_label)
        self.statusBar().addPermanentWidget(self.staff_label)

        ctx.language_changed.connect(self.retranslate_ui)
        ctx.changes.changes_applied.connect(self._changes_applied)
        ctx.status_message.connect(self._status)
        ctx.member_open_requested.connect(self.open_member_on_counter)
        self.retranslate_ui()
        self._load_shop_name()
        self.restore_state()
        if self.entries:
            self.show_screen(0)
        from .settings.session import install

        self.session = install(self)  # Switch user, permissions, start check, close backup

    # -- building ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.backup_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+B"))
        self.backup_action.triggered.connect(self.backup_now)
        self.open_action = QAction(self, shortcut=QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_database)
        self.quit_action = QAction(self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addActions([self.backup_action, self.open_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions(self.screen_actions)
        self.help_menu = bar.addMenu("")
        self.guide_action = QAction(self, shortcut=QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        self.help_menu.addAction(self.guide_action)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def retranslate_ui(self, *_args: object) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.backup_action.setText(self.tr("&Back up now"))
        self.open_action.setText(self.tr("&Open database…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About ShopCRM"))
        self.guide_action.setText(self.tr("&Guide"))
        for n in range(len(self.entries)):  # screens retranslate themselves
            title = self.screen_title(n)
            action = self.screen_actions[n]
            action.setText(title)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{title} ({keys})" if keys else title
            action.setToolTip(tip)
            item = self.nav.item(n)
            item.setText(title)
            item.setToolTip(tip)
            item.setData(KEYS_ROLE, keys)
        self.staff_label.setText(self.tr("Staff: %1").replace("%1", self._actor_name()))
        self._update_title()
        self._update_shop_label()

    def _actor_name(self) -> str:
        """The person, not the role: with roles off the owner's name when the shop has one."""
        actor = self.ctx.actor
        if actor.staff_id is not None:
            return actor.name
        return self.owner_name or self.tr("Owner")

    # -- screens, built on their first visit --------------------------------------------------
    def built_screen(self, index: int) -> Screen:
        """Screen `index`, built (and put in its place in the stack) if not yet."""
        screen = self._built.get(index)
        if screen is None:
            cls = self.entries[index].load()
            screen = cls(self.ctx, self.stack)
            placeholder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if current >= 0:
                self.stack.setCurrentIndex(current)
            self._built[index] = screen
        return screen

    def is_built(self, index: int) -> bool:
        return index in self._built

    def screen_title(self, index: int) -> str:
        screen = self._built.get(index)
        return screen.title() if screen is not None else self.entries[index].title()

    def screen_index(self, screen_id: str) -> int:
        """The navigation position of `screen_id`, or -1 (builds nothing)."""
        ids = [entry.screen_id for entry in self.entries]
        return ids.index(screen_id) if screen_id in ids else -1

    # -- navigation ----------------------------------------------------------------------------
    def show_screen(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # comes back through _nav_changed
            return
        screen = self.built_screen(index)
        self.stack.setCurrentIndex(index)
        screen.activate()
        self._update_title()

    def _nav_changed(self, row: int) -> None:
        if row >= 0:
            self.show_screen(row)

    def current_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def screen(self, screen_id: str) -> Screen | None:
        """The screen `screen_id` (built now if it was not yet), or None."""
        index = self.screen_index(screen_id)
        return self.built_screen(index) if index >= 0 else None

    def open_member_on_counter(self, member_id: int) -> None:
        """Show the Counter with this member's card (asked for by e.g. the Members list)."""
        counter = self.screen("counter")
        if counter is None:
            return
        self.show_screen(self.screen_index("counter"))
        counter.open_member(member_id)  # type: ignore[attr-defined]

    def _update_title(self) -> None:
        parts = [s.title() for s in [self.current_screen()] if s is not None]
        if self.shop_name:
            parts.append(self.shop_name)
        parts.append(APP_NAME)
        self.setWindowTitle(" — ".join(parts))

    # -- shop name and status ---------------------------------------------------------------
    def _load_shop_name(self) -> None:
        from .ops import QueryOp

        def got(names: tuple[str, str]) -> None:
            self.shop_name, self.owner_name = names
            self._update_title()
            self._update_shop_label()
            self.staff_label.setText(self.tr("Staff: %1").replace("%1", self._actor_name()))

        from ..services.settings import get_setting
        from ..services.staff import owner_name

        def read(s: object) -> tuple[str, str]:
            return get_setting(s, "shop.name") or "", owner_name(s)  # type: ignore[arg-type]

        QueryOp(self.ctx, self, read, success=got).run()

    def _update_shop_label(self) -> None:
        self.shop_label.setText(self.shop_name or self.tr("(shop name not set)"))

    def _changes_applied(self, kinds: frozenset[str], _origin: object) -> None:
        if kinds & {"settings", "staff"}:
            self._load_shop_name()

    def _status(self, text: str, msecs: int) -> None:
        self.statusBar().showMessage(text, msecs)

    # -- menu actions ----------------------------------------------------------------------------
    def backup_now(self) -> None:
        source = sqlite_path(self.ctx.engine)
        if source is None:
            show_info(
                self,
                self.tr("This shop uses a database server; back it up on the server (pg_dump)."),
            )
            return
        copying = self.tr("Copying the database…")
        actor = self.ctx.actor

        def work(job: Job) -> str:
            job.progress(0.1, copying)
            info: BackupInfo = make_backup(job.engine, actor=actor)
            job.progress(1.0, "")
            return str(info.path)

        JobOp(
            self.ctx,
            self,
            "backup",
            self.tr("Backing up"),
            work,
            success=lambda path: Toast.show_text(
                self, self.tr("Backup saved: %1").replace("%1", path), 5000
            ),
            cancellable=False,
        ).run()

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(self.ctx.backup_folder().parent),
            self.tr("ShopCRM databases (*.db *.sqlite);;All files (*)"),
        )
        if path:
            self.ctx.request_reopen(resolve_db_url(path))

    def about_text(self) -> str:
        return "<br>".join(
            [
                f"<h3>{APP_NAME} {__version__}</h3>",
                self.tr("Members, visits, follow-ups and monthly figures for a small shop."),
                "",
                self.tr("Database: %1").replace("%1", self.ctx.database_location()),
                self.tr("Backup folder: %1").replace("%1", str(self.ctx.backup_folder())),
                self.tr("Log files: %1").replace("%1", str(log_dir())),
            ]
        )

    def show_guide(self) -> None:
        """Help → Guide (F1): first steps, the counter keys, follow-ups, the month's close."""
        from .help_dialog import HelpDialog

        self.guide = HelpDialog(self)
        self.guide.open()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About ShopCRM"), self.about_text())

    # -- window state ---------------------------------------------------------------------------
    def restore_state(self) -> None:
        settings = self.ctx.qsettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_state(self) -> None:
        settings = self.ctx.qsettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        self.session.backup_on_close()
        self.ctx.shutdown()
        super().closeEvent(event)


class ScreenList(Sequence[Screen]):
    """``window.screens``: the screens in navigation order; item N is built when asked for.

    ``len`` and ``index(screen)`` build nothing; iterating builds every screen (tests, the
    screenshot script).
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __len__(self) -> int:
        return len(self._window.entries)

    def __getitem__(self, index: int) -> Screen:  # type: ignore[override]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._window.built_screen(index)

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        screen_id = getattr(value, "screen_id", None)
        found = self._window.screen_index(screen_id) if isinstance(screen_id, str) else -1
        if found < 0 or self._window._built.get(found) is not value:
            raise ValueError(f"{value!r} is not a screen of this window")
        return found
