"""Settings: the owner's pages in a list on the left, the chosen page on the right."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..app_context import AppContext
from ..screen import Screen
from .audit_page import AuditPage
from .backups_page import BackupsPage
from .cards_page import CardTypesPage
from .catalog_page import CatalogPage
from .commission_page import CommissionPage
from .fields_page import FieldsPage
from .hours_page import HoursPage
from .levels_page import LevelsPage
from .methods_page import MethodsPage
from .page import SettingsPage, owner_only_text
from .points_page import PointsPage
from .rules_page import RulesPage
from .security_page import SecurityPage
from .shop_page import ShopPage
from .staff_page import StaffPage

PAGES: tuple[type[SettingsPage], ...] = (
    ShopPage,
    CatalogPage,
    StaffPage,
    RulesPage,
    PointsPage,
    MethodsPage,
    LevelsPage,
    CardTypesPage,
    CommissionPage,
    HoursPage,
    FieldsPage,
    BackupsPage,
    SecurityPage,
    AuditPage,
)


class SettingsScreen(Screen):
    screen_id = "settings"
    icon = "nav-settings.svg"
    watches = frozenset().union(*(page.watches for page in PAGES))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.setSpacing(10)
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        outer.addWidget(self.heading)
        row = QHBoxLayout()
        row.setSpacing(16)
        outer.addLayout(row, 1)
        self.page_list = QListWidget(self)
        self.page_list.setObjectName("settingsPages")
        self.page_list.setFixedWidth(168)
        self.page_list.setSpacing(1)
        self.pages_stack = QStackedWidget(self)
        row.addWidget(self.page_list)
        row.addWidget(self.pages_stack, 1)
        self.pages: list[SettingsPage] = []
        for cls in PAGES:
            # Each page scrolls on its own: the window stays usable below 1366x768.
            scroll = QScrollArea(self.pages_stack)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            page = cls(ctx, scroll)
            scroll.setWidget(page)
            self.pages.append(page)
            self.pages_stack.addWidget(scroll)
            item = QListWidgetItem("")
            item.setSizeHint(QSize(150, 36))
            self.page_list.addItem(item)
        self.page_list.currentRowChanged.connect(self._page_changed)
        ctx.actor_changed.connect(self._actor_changed)
        self.retranslate_ui()
        self.page_list.setCurrentRow(0)

    # -- Screen -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Settings")

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        for page in self.pages:
            page.retranslate_ui()
        self._update_list()

    def refresh(self) -> None:
        page = self.current_page()
        if page is not None:
            page.stale = True
            page.load()

    def focus_widget(self) -> QWidget | None:
        page = self.current_page()
        return page.focus_widget() if page is not None else None

    def on_changes(self, kinds: frozenset[str], origin: QObject | None) -> None:
        for page in self.pages:
            if kinds & page.watches:
                page.mark_stale()

    # -- pages --------------------------------------------------------------------------------
    def page(self, page_id: str) -> SettingsPage:
        return next(p for p in self.pages if p.page_id == page_id)

    def current_page(self) -> SettingsPage | None:
        index = self.pages_stack.currentIndex()
        return self.pages[index] if 0 <= index < len(self.pages) else None

    def show_page(self, page_id: str) -> SettingsPage:
        page = self.page(page_id)
        self.page_list.setCurrentRow(self.pages.index(page))
        return page

    def _page_changed(self, row: int) -> None:
        if not 0 <= row < len(self.pages):
            return
        page = self.pages[row]
        if not page.can_view():  # owner only: stay where we were
            self.page_list.blockSignals(True)
            self.page_list.setCurrentRow(self.pages_stack.currentIndex())
            self.page_list.blockSignals(False)
            return
        self.pages_stack.setCurrentIndex(row)
        page.load()

    def _update_list(self) -> None:
        for n, page in enumerate(self.pages):
            item = self.page_list.item(n)
            item.setText(page.title())
            allowed = page.can_view()
            flags = item.flags()
            if allowed:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(page.title())
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"{page.title()} — {owner_only_text()}")

    def _actor_changed(self, _actor: object) -> None:
        self.retranslate_ui()
        current = self.current_page()
        if current is not None and not current.can_view():
            first = next(p for p in self.pages if p.can_view())
            self.show_page(first.page_id)
        for page in self.pages:
            page.stale = True
        if self.isVisible():
            self.refresh()
