"""Backups: the folder, back up now, the list of backups, restore, integrity check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...db import is_sqlite
from ...i18n import ShopError, current_language, translate
from ...services.auth import PERM_BACKUP_MAKE, PERM_BACKUP_RESTORE
from ...services.backup import BackupInfo, backup_folder, backup_now, list_backups
from ...services.integrity import IntegrityResult, integrity_check
from ...services.restore import (
    M_FACTS,
    M_TYPE_SHOP,
    BackupFacts,
    RestoreResult,
    backup_facts,
    current_shop_name,
    other_shop,
    restore,
)
from ...services.shop_setup import BACKUP_FOLDER, save_shop_settings
from ..app_context import AppContext
from ..formatting import day_time
from ..ops import QUICK, CollectionOp, Job, JobOp, QueryOp, finish_jobs
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table, selected_data


def size_text(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{max(1, size // 1024)} KB"


class BackupsPage(SettingsPage):
    page_id = "backups"
    view_perm = PERM_BACKUP_MAKE
    edit_perm = PERM_BACKUP_MAKE
    watches = frozenset({"settings", "database"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.backups: list[BackupInfo] = []
        self.last_check: IntegrityResult | None = None
        self.server_note = QLabel(self)
        self.server_note.setWordWrap(True)
        self.server_note.setObjectName("hint")
        self.server_note.hide()
        self.layout_.addWidget(self.server_note)

        self.folder_box = QGroupBox(self)
        folder_row = QHBoxLayout(self.folder_box)
        self.folder_edit = QLineEdit(self.folder_box)
        self.choose_button = QPushButton(self.folder_box)
        self.choose_button.clicked.connect(self.choose_folder)
        self.save_folder_button = QPushButton(self.folder_box)
        self.save_folder_button.clicked.connect(self.save_folder)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.save_folder_button)
        self.layout_.addWidget(self.folder_box)

        self.list_box = QGroupBox(self)
        box = QVBoxLayout(self.list_box)
        actions = QHBoxLayout()
        self.backup_button = QPushButton(self.list_box)
        self.backup_button.setObjectName("primaryButton")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.list_box)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.list_box)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        actions.addWidget(self.backup_button)
        actions.addStretch(1)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.restore_file_button)
        box.addLayout(actions)
        self.table = read_only_table(self.list_box, 3, stretch=2)
        self.table.itemSelectionChanged.connect(self.update_actions)
        box.addWidget(self.table, 1)
        self.layout_.addWidget(self.list_box, 1)

        self.check_box = QGroupBox(self)
        check = QHBoxLayout(self.check_box)
        self.check_result = QLabel(self.check_box)
        self.check_result.setWordWrap(True)
        self.check_button = QPushButton(self.check_box)
        self.check_button.clicked.connect(self.check_database)
        check.addWidget(self.check_result, 1)
        check.addWidget(self.check_button)
        self.layout_.addWidget(self.check_box)
        self.edit_widgets = [
            self.folder_edit,
            self.choose_button,
            self.save_folder_button,
            self.backup_button,
            self.check_button,
        ]

    @property
    def is_file_database(self) -> bool:
        return is_sqlite(self.ctx.engine)

    def title(self) -> str:
        return self.tr("Backups")

    def focus_widget(self) -> QWidget | None:
        return self.backup_button

    def retranslate_ui(self) -> None:
        self.server_note.setText(
            self.tr(
                "This shop uses a PostgreSQL server: back it up on the server with pg_dump "
                "and restore with pg_restore."
            )
        )
        self.folder_box.setTitle(self.tr("Backup folder (a USB stick or a synced folder)"))
        self.choose_button.setText(self.tr("Choose…"))
        self.save_folder_button.setText(self.tr("Use this folder"))
        self.list_box.setTitle(self.tr("Backups (made daily, on close and on demand)"))
        self.backup_button.setText(self.tr("Back up now"))
        self.restore_button.setText(self.tr("Restore selected…"))
        self.restore_file_button.setText(self.tr("Restore from file…"))
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Size"), self.tr("File")])
        self.check_box.setTitle(self.tr("Database check"))
        self.check_button.setText(self.tr("Check the database"))
        if self.last_check is None:
            self.check_result.setText(
                self.tr("A quick check runs at every start; the full check reads every page.")
            )
        else:
            self.check_result.setText(self.last_check.message(current_language()))
        self._fill_table()
        super().retranslate_ui()

    def update_actions(self) -> None:
        file_db = self.is_file_database
        allowed = self.ctx.can(PERM_BACKUP_RESTORE) and file_db
        self.restore_button.setEnabled(allowed and selected_data(self.table) is not None)
        self.restore_file_button.setEnabled(allowed)
        for widget in self.edit_widgets:
            if not file_db:
                widget.setEnabled(False)
        self.server_note.setVisible(not file_db)

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.is_file_database:
            self.update_actions()
            return
        engine = self.ctx.engine

        def load(_s: Session) -> tuple[str, str, list[BackupInfo]]:
            from ...services.settings import get_setting

            chosen = get_setting(_s, BACKUP_FOLDER) or ""
            folder = backup_folder(engine)
            return chosen, str(folder), list_backups(folder, read_revision=False)

        QueryOp(self.ctx, self, load, success=self._loaded).run()

    def _loaded(self, result: tuple[str, str, list[BackupInfo]]) -> None:
        chosen, folder, self.backups = result
        self.folder_edit.setText(chosen)
        self.folder_edit.setPlaceholderText(folder)
        self._fill_table()
        self.update_actions()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.backups))
        for n, info in enumerate(self.backups):
            self.table.setItem(n, 0, cell(day_time(info.created_at), str(info.path)))
            self.table.setItem(n, 1, cell(size_text(info.size), right=True))
            self.table.setItem(n, 2, cell(info.path.name))

    # -- folder -------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = self.folder_edit.text() or self.folder_edit.placeholderText()
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), start)
        if folder:
            self.folder_edit.setText(folder)
            self.save_folder()

    def save_folder(self) -> None:
        if not self.can_edit():
            return
        folder = self.folder_edit.text().strip()
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: save_shop_settings(s, {BACKUP_FOLDER: folder}, actor=actor),
            changes={"settings"},
            success=lambda _c: self.refresh(),
        ).run()

    # -- backing up ---------------------------------------------------------------------------------
    def backup_now(self) -> None:
        if not self.can_edit():
            return
        actor = self.ctx.actor
        writing = self.tr("Copying the database…")

        def work(job: Job) -> BackupInfo:
            job.progress(0.1, writing)
            info = backup_now(job.engine, actor=actor)
            job.progress(1.0, "")
            return info

        def done(info: BackupInfo) -> None:
            Toast.show_text(
                self.window(), self.tr("Backup saved: %1").replace("%1", str(info.path))
            )
            self.refresh()

        JobOp(
            self.ctx, self, "backup", self.tr("Backing up"), work, success=done, cancellable=False
        ).run()

    # -- restoring ----------------------------------------------------------------------------------
    def restore_selected(self) -> None:
        path = selected_data(self.table)
        if path:
            self.restore_file(Path(str(path)))

    def restore_from_file(self) -> None:
        start = self.folder_edit.text() or self.folder_edit.placeholderText()
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore a backup"),
            start,
            self.tr("ShopCRM backups (*.db);;All files (*)"),
        )
        if path:
            self.restore_file(Path(path))

    def confirm_text(self, path: Path, facts: BackupFacts | None = None) -> str:
        text = self.tr(
            "Replace the shop's data with the backup %1?\n\n"
            "The current database is kept aside as a copy (…before-restore-….db), so "
            "nothing is lost. The backup is checked first; the window then reopens on "
            "the restored data."
        ).replace("%1", path.name)
        if facts is not None:  # whose backup, when, how much (the service's words)
            text += "\n\n" + translate(
                M_FACTS,
                shop=facts.shop_name or "-",
                when=facts.when,
                members=facts.members,
                visits=facts.visits,
            )
        return text

    def restore_file(self, path: Path) -> None:
        if not self.ctx.can(PERM_BACKUP_RESTORE):
            return
        url = self.ctx.engine.url.render_as_string(hide_password=False)
        try:  # two small read-only reads of the backup and the shop file
            facts: BackupFacts | None = backup_facts(path)
        except ShopError:
            facts = None  # the restore itself says what is wrong with the file
        current = current_shop_name(url)
        answer = QMessageBox.question(
            self,
            self.tr("Restore a backup"),
            self.confirm_text(path, facts),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        shop: str | None = None
        if facts is not None and other_shop(facts, current):
            shop, typed = QInputDialog.getText(
                self,
                self.tr("Restore a backup"),
                translate(M_TYPE_SHOP, backup_shop=facts.shop_name, current_shop=current),
            )
            if not typed:
                return
        ctx = self.ctx
        finish_jobs(ctx)  # no export or import keeps using the file being replaced
        actor = ctx.actor
        checking = self.tr("Checking the backup and restoring…")

        def work(job: Job) -> RestoreResult:
            job.progress(0.1, checking)
            ctx.runner.wait(10_000, lanes=(QUICK,))  # reads and saves in flight finish first
            ctx.engine.dispose()  # no pooled connection holds the old file open
            return restore(url, path, actor=actor, shop=shop)

        def done(result: RestoreResult) -> None:
            aside = str(result.kept_aside) if result.kept_aside else "-"
            QMessageBox.information(
                self,
                self.tr("Backup restored"),
                self.tr("Restored %1: %2 members, %3 visits.\nThe previous database is kept as %4.")
                .replace("%1", result.restored_from.name)
                .replace("%2", str(result.members))
                .replace("%3", str(result.visits))
                .replace("%4", aside),
            )
            ctx.request_reopen(url)

        JobOp(
            ctx, self, "restore", self.tr("Restoring"), work, success=done, cancellable=False
        ).run()

    # -- checking -------------------------------------------------------------------------------------
    def check_database(self) -> None:
        def done(result: IntegrityResult) -> None:
            self.show_check(result)

        JobOp(
            self.ctx,
            self,
            "check",
            self.tr("Checking the database"),
            lambda job: integrity_check(job.engine),
            success=done,
            cancellable=False,
        ).run()

    def show_check(self, result: IntegrityResult) -> None:
        self.last_check = result
        self.check_result.setObjectName("" if result.ok else "errorText")
        self.check_result.style().unpolish(self.check_result)
        self.check_result.style().polish(self.check_result)
        self.check_result.setText(result.message(current_language()))
        if not result.ok and result.latest_backup is not None:
            paths = [str(b.path) for b in self.backups]
            if str(result.latest_backup) in paths:
                self.table.selectRow(paths.index(str(result.latest_backup)))
