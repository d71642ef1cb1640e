"""Care: campaigns to a segment (builder, preview, launch, outcomes), complaints to
resolution, and satisfaction over time. Ctrl+1..3 (Alt+1..3) switch the tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ..app_context import AppContext
from ..screen import Screen
from .campaigns_tab import CampaignsTab
from .complaints_tab import ComplaintsTab
from .satisfaction_tab import SatisfactionTab


class CareScreen(Screen):
    screen_id = "care"
    icon = "nav-care.svg"
    watches = frozenset({"followups", "visits", "members", "settings", "database"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        top.addWidget(self.heading)
        top.addStretch(1)
        layout.addLayout(top)
        self.tabs = QTabWidget(self)
        self.campaigns = CampaignsTab(ctx, self.tabs)
        self.complaints = ComplaintsTab(ctx, self.tabs)
        self.satisfaction = SatisfactionTab(ctx, self.tabs)
        for tab in (self.campaigns, self.complaints, self.satisfaction):
            self.tabs.addTab(tab, "")
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self._focus_tab())
        for n in range(3):
            shortcut = QShortcut(QKeySequence(f"Alt+{n + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=n: self.tabs.setCurrentIndex(n))
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Care")

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Customer care"))
        self.tabs.setTabText(0, self.tr("&Campaigns"))
        self.tabs.setTabText(1, self.tr("Com&plaints"))
        self.tabs.setTabText(2, self.tr("&Satisfaction"))
        for tab in (self.campaigns, self.complaints, self.satisfaction):
            tab.retranslate_ui()

    def refresh(self) -> None:
        for tab in (self.campaigns, self.complaints, self.satisfaction):
            tab.refresh()

    def on_changes(self, kinds: frozenset[str], origin: QObject | None) -> None:
        if kinds & self.watches:
            self.mark_stale()

    def focus_widget(self) -> QWidget | None:
        return self.tabs.currentWidget().focus_widget()  # type: ignore[union-attr]

    def _focus_tab(self) -> None:
        target = self.focus_widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def show_complaint(self, complaint_id: int, back: Callable[[], object] | None = None) -> None:
        """The complaints tab with `complaint_id` selected, ready to resolve; `back` runs
        after it is resolved or dropped (the Follow-ups screen returns to its list)."""
        self.show_tab("complaints")
        self.complaints.focus_complaint(complaint_id, back)

    def show_tab(self, key: str) -> None:
        """For the screenshots and tests: 'campaigns' | 'complaints' | 'satisfaction'."""
        self.tabs.setCurrentWidget(getattr(self, key))
