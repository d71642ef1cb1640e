"""The base of a Settings page, and small helpers the pages share.

A page is a plain QWidget inside the Settings screen's stack. Like a screen it sets its
texts in ``retranslate_ui()``, loads in ``refresh()`` through ops, and is marked stale by the
change kinds it ``watches``. Two permissions decide what a person sees when roles are on:
``view_perm`` (None: everyone may open the page) and ``edit_perm`` (the widgets listed in
``edit_widgets`` are disabled, with an "owner only" tooltip, for anyone without it).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.auth import PERM_SETTINGS_CHANGE
from ..app_context import AppContext


def owner_only_text() -> str:
    return QCoreApplication.translate("SettingsPage", "Owner only")


class SettingsPage(QWidget):
    page_id: ClassVar[str] = ""
    view_perm: ClassVar[str | None] = None
    edit_perm: ClassVar[str | None] = PERM_SETTINGS_CHANGE
    watches: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"settings-{self.page_id}")
        self.stale = True
        self.edit_widgets: list[QWidget] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(10)
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionTitle")
        self.layout_.addWidget(self.heading)
        self.owner_banner = QLabel(self)
        self.owner_banner.setObjectName("hint")
        self.owner_banner.setWordWrap(True)
        self.owner_banner.hide()
        self.layout_.addWidget(self.owner_banner)

    # -- to override ------------------------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Set the texts; subclasses call ``super().retranslate_ui()`` at the end."""
        self.heading.setText(self.title())
        self.owner_banner.setText(
            QCoreApplication.translate(
                "SettingsPage", "Only the owner can change this. You are logged in as %1."
            ).replace("%1", self.ctx.actor.name)
        )
        self.apply_permissions()

    def refresh(self) -> None:
        """Load what the page shows (through ops)."""

    def focus_widget(self) -> QWidget | None:
        return None

    def update_actions(self) -> None:
        """Enable the buttons that depend on a selection (call ``self.editable``)."""

    # -- permissions ------------------------------------------------------------------------
    def can_view(self) -> bool:
        return self.view_perm is None or self.ctx.can(self.view_perm)

    def can_edit(self) -> bool:
        return self.edit_perm is None or self.ctx.can(self.edit_perm)

    def editable(self, widget: QWidget, enabled: bool = True) -> None:
        """Enable `widget` when `enabled` and the actor may edit; say why otherwise."""
        allowed = self.can_edit()
        widget.setEnabled(enabled and allowed)
        if not allowed:
            widget.setToolTip(owner_only_text())

    def apply_permissions(self) -> None:
        for widget in self.edit_widgets:
            self.editable(widget)
        self.owner_banner.setVisible(not self.can_edit())
        self.update_actions()

    def load(self) -> None:
        """Refresh now if stale (the screen calls this when the page is shown)."""
        if self.stale:
            self.stale = False
            self.refresh()

    def mark_stale(self) -> None:
        if self.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True


def read_only_table(parent: QWidget, columns: int, stretch: int = 0) -> QTableWidget:
    """A table that selects whole rows, is not edited in place; column `stretch` fills."""
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(30)
    table.horizontalHeader().setHighlightSections(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(stretch == columns - 1)
    table.setWordWrap(False)
    return table


def cell(text: object, data: object = None, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def selected_data(table: QTableWidget) -> object:
    """The UserRole data of the selected row's first cell (None: nothing selected)."""
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def parse_days(text: str) -> list[int]:
    """'3, 30' / '3，30' / '3 30' → [3, 30]; ValueError for anything else."""
    parts = [p for p in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(",")]
    values = [int(p) for p in parts if p.strip()]
    return values


def days_text(values: object) -> str:
    return ", ".join(str(v) for v in (values or ()))
