"""The member list's filter bar: a quick text filter and one drop-down per criterion."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from ...i18n import translate
from ...services.analytics import ABC_CLASSES, SEGMENT_NAMES, SEGMENTS, STAGE_NAMES, STAGES
from ...services.members.listing import STATUS_ACTIVE, STATUS_ALL, STATUS_ARCHIVED, MemberFilter

# (key, days): "within" = visited in the last N days, "over" = not seen for N+ days
LAST_VISIT_CHOICES: tuple[tuple[str, int], ...] = (
    ("", 0),
    ("within", 30),
    ("over", 30),
    ("over", 60),
    ("over", 90),
    ("over", 180),
    ("over", 365),
    ("never", 0),
)


class FilterBar(QWidget):
    """Emits ``changed`` when a drop-down changes; ``member_filter(text)`` reads them all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.level = self._combo("levelFilter")
        self.tag = self._combo("tagFilter")
        self.abc = self._combo("abcFilter")
        for key in ABC_CLASSES:
            self.abc.addItem(key, key)
        self.segment = self._combo("segmentFilter")
        for key in SEGMENTS:
            self.segment.addItem("", key)
        self.stage = self._combo("stageFilter")
        for key in STAGES:
            self.stage.addItem("", key)
        self.last_visit = QComboBox(self)
        self.last_visit.setObjectName("lastVisitFilter")
        for choice in LAST_VISIT_CHOICES:
            self.last_visit.addItem("", choice)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        for key in (STATUS_ACTIVE, STATUS_ARCHIVED, STATUS_ALL):
            self.status.addItem("", key)
        self.combos = [
            self.level,
            self.tag,
            self.segment,
            self.stage,
            self.abc,
            self.last_visit,
            self.status,
        ]
        for combo in self.combos:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            row.addWidget(combo)
        row.addStretch(1)
        self.retranslate_ui()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem("", None)
        return combo

    def retranslate_ui(self) -> None:
        self.level.setItemText(0, self.tr("All levels"))
        self.level.setToolTip(self.tr("Membership level"))
        self.tag.setItemText(0, self.tr("All tags"))
        self.tag.setToolTip(self.tr("Members with this tag"))
        self.abc.setItemText(0, self.tr("ABC: all"))
        for n, key in enumerate(ABC_CLASSES, start=1):
            self.abc.setItemText(n, self.tr("ABC: %1").replace("%1", key))
        self.abc.setToolTip(
            self.tr("ABC class by lifetime spend: A = the few who bring most of the revenue")
        )
        self.segment.setItemText(0, self.tr("All RFM segments"))
        for n, key in enumerate(SEGMENTS, start=1):
            self.segment.setItemText(n, translate(SEGMENT_NAMES[key]))
        self.segment.setToolTip(self.tr("RFM segment (recency, frequency, money)"))
        self.stage.setItemText(0, self.tr("All lifecycle stages"))
        for n, key in enumerate(STAGES, start=1):
            self.stage.setItemText(n, translate(STAGE_NAMES[key]))
        self.stage.setToolTip(self.tr("Lifecycle stage"))
        for n, (kind, days) in enumerate(LAST_VISIT_CHOICES):
            if kind == "within":
                text = self.tr("Visited in the last %1 days").replace("%1", str(days))
            elif kind == "over":
                text = self.tr("Not seen for %1+ days").replace("%1", str(days))
            elif kind == "never":
                text = self.tr("Never visited")
            else:
                text = self.tr("Any last visit")
            self.last_visit.setItemText(n, text)
        self.last_visit.setToolTip(self.tr("Last visit"))
        self.status.setItemText(0, self.tr("Active"))
        self.status.setItemText(1, self.tr("Archived"))
        self.status.setItemText(2, self.tr("Active and archived"))
        self.status.setToolTip(self.tr("Active or archived members"))

    def set_choices(self, levels: list[str], tags: list[str]) -> None:
        """Fill the level and tag drop-downs, keeping what was chosen if it still exists."""
        for combo, values in ((self.level, levels), (self.tag, tags)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
            if current and index < 0:
                self.changed.emit()

    def member_filter(self, text: str) -> MemberFilter:
        kind, days = self.last_visit.currentData() or ("", 0)
        return MemberFilter(
            text=text,
            level=self.level.currentData(),
            tag=self.tag.currentData(),
            status=self.status.currentData() or STATUS_ACTIVE,
            not_seen_days=days if kind == "over" else None,
            seen_within_days=days if kind == "within" else None,
            never_visited=kind == "never",
            abc=self.abc.currentData(),
            segment=self.segment.currentData(),
            stage=self.stage.currentData(),
        )

    def reset(self) -> None:
        for combo in self.combos:
            combo.setCurrentIndex(0)
