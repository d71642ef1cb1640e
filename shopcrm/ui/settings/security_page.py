"""Security: roles on or off (needs an owner with a PIN) and who may do what (read-only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services import auth
from ...services.auth import (
    PERM_ROLES_MANAGE,
    PERMISSIONS,
    ROLE_OWNER,
    ROLE_STAFF,
    owner_has_pin,
    roles_enabled,
    set_roles_enabled,
)
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table


class SecurityPage(SettingsPage):
    page_id = "security"
    edit_perm = PERM_ROLES_MANAGE
    watches = frozenset({"settings", "staff"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.enabled: bool | None = None
        self.has_owner_pin = False
        self.roles_box = QGroupBox(self)
        box = QVBoxLayout(self.roles_box)
        self.state_label = QLabel(self.roles_box)
        self.state_label.setWordWrap(True)
        self.hint = QLabel(self.roles_box)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        self.toggle_button = QPushButton(self.roles_box)
        self.toggle_button.setObjectName("primaryButton")
        self.toggle_button.clicked.connect(self.toggle_roles)
        self.staff_button = QPushButton(self.roles_box)
        self.staff_button.clicked.connect(self.open_staff_page)
        row.addWidget(self.toggle_button)
        row.addWidget(self.staff_button)
        row.addStretch(1)
        box.addWidget(self.state_label)
        box.addWidget(self.hint)
        box.addLayout(row)
        self.layout_.addWidget(self.roles_box)

        self.table_box = QGroupBox(self)
        tbox = QVBoxLayout(self.table_box)
        self.table = read_only_table(self.table_box, 3)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setSelectionMode(self.table.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        tbox.addWidget(self.table)
        self.layout_.addWidget(self.table_box, 1)
        self.edit_widgets = [self.toggle_button]

    def title(self) -> str:
        return self.tr("Security")

    def focus_widget(self) -> QWidget | None:
        return self.toggle_button

    def permission_name(self, perm: str) -> str:
        return {
            auth.PERM_MEMBERS_FIND: self.tr("Find members"),
            auth.PERM_MEMBERS_EDIT: self.tr("Add and edit members"),
            auth.PERM_VISITS_LOG: self.tr("Log visits, top up, take payments"),
            auth.PERM_FOLLOWUPS_WORK: self.tr("Work the follow-up list"),
            auth.PERM_REPORTS_VIEW: self.tr("See reports and charts"),
            auth.PERM_EXPORT: self.tr("Export data to Excel"),
            auth.PERM_PRICES_EDIT: self.tr("Edit services and prices"),
            auth.PERM_WALLET_ADJUST: self.tr("Adjust balances"),
            auth.PERM_MEMBERS_ERASE: self.tr("Erase a member"),
            auth.PERM_MEMBERS_EXPORT: self.tr("Export a member's personal data"),
            auth.PERM_SETTINGS_CHANGE: self.tr("Change settings"),
            auth.PERM_AUDIT_VIEW: self.tr("See the audit log"),
            auth.PERM_BACKUP_MAKE: self.tr("Make backups"),
            auth.PERM_BACKUP_RESTORE: self.tr("Restore a backup"),
            auth.PERM_STAFF_MANAGE: self.tr("Manage staff and PINs"),
            auth.PERM_ROLES_MANAGE: self.tr("Switch roles on or off"),
        }.get(perm, perm)

    def retranslate_ui(self) -> None:
        self.roles_box.setTitle(self.tr("Roles and PINs"))
        self.staff_button.setText(self.tr("Staff and PINs…"))
        self.table_box.setTitle(self.tr("Who may do what"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Task"), self.tr("Owner"), self.tr("Staff member")]
        )
        self.table.setRowCount(len(PERMISSIONS))
        for n, (perm, roles) in enumerate(PERMISSIONS.items()):
            self.table.setItem(n, 0, cell(self.permission_name(perm), perm))
            for col, role in ((1, ROLE_OWNER), (2, ROLE_STAFF)):
                item = cell("✓" if role in roles else "—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(n, col, item)
        self._show_state()
        super().retranslate_ui()

    def _show_state(self) -> None:
        if self.enabled:
            self.state_label.setText(
                self.tr(
                    "Roles are on: ShopCRM asks for a name and PIN at start, and staff cannot "
                    "open the owner's screens. Switch user with Ctrl+L."
                )
            )
            self.toggle_button.setText(self.tr("Switch roles off"))
        else:
            self.state_label.setText(
                self.tr("Roles are off: everyone at this computer acts as the owner.")
            )
            self.toggle_button.setText(self.tr("Switch roles on"))
        if not self.has_owner_pin:
            self.hint.setText(
                self.tr("To switch roles on, first set the owner's PIN on the Staff page.")
            )
        else:
            self.hint.setText(
                self.tr("Each person logs in with their own PIN; set them on the Staff page.")
            )

    def update_actions(self) -> None:
        self.editable(self.toggle_button, bool(self.enabled) or self.has_owner_pin)

    def refresh(self) -> None:
        def load(s: Session) -> tuple[bool, bool]:
            return roles_enabled(s), owner_has_pin(s)

        QueryOp(self.ctx, self, load, success=self._loaded).run()

    def _loaded(self, result: tuple[bool, bool]) -> None:
        self.enabled, self.has_owner_pin = result
        self._show_state()
        self.update_actions()

    def toggle_roles(self) -> None:
        if not self.can_edit():
            return
        wanted = not self.enabled
        actor = self.ctx.actor

        def done(_r: object) -> None:
            Toast.show_text(
                self.window(),
                self.tr("Roles are on. Switch user (Ctrl+L) to log in.")
                if wanted
                else self.tr("Roles are off."),
            )
            self.refresh()

        CollectionOp(
            self.ctx,
            self,
            lambda s: set_roles_enabled(s, wanted, actor=actor),
            changes={"settings"},
            success=done,
        ).run()

    def open_staff_page(self) -> None:
        screen = self.parent()
        while screen is not None and not hasattr(screen, "show_page"):
            screen = screen.parent()
        if screen is not None:
            screen.show_page("staff")
