"""The Reports screen's Members tab: class counts, "will they come back", and each member's
class with the reasons in words."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...i18n import define, translate
from ...services.analytics import (
    ABC_CLASSES,
    SEGMENT_NAMES,
    SEGMENTS,
    STAGE_NAMES,
    STAGES,
    Classes,
)
from .. import formatting as fmt
from .classes import COLUMNS, ClassFilterModel, ClassTableModel

# "label: text" with the language's own colon (：in Chinese).
M_LABELLED = define("reports.labelled", en="{label}: {text}", zh="{label}：{text}")

# filter choices: (attribute of MemberClass, key)
CHOICES: tuple[tuple[str, str] | None, ...] = (
    None,
    *(("abc", k) for k in ABC_CLASSES),
    *(("segment", k) for k in SEGMENTS),
    *(("stage", k) for k in STAGES),
)


class ClassesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.classes: Classes | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        self.counts = QLabel(self)
        self.counts.setObjectName("classCounts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.comeback = QLabel(self)
        self.comeback.setObjectName("comeback")
        self.comeback.setWordWrap(True)
        layout.addWidget(self.counts)
        layout.addWidget(self.comeback)
        row = QHBoxLayout()
        self.filter_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter.setObjectName("classFilter")
        self.filter_label.setBuddy(self.filter)
        for choice in CHOICES:
            self.filter.addItem("", ":".join(choice) if choice else "")
        self.shown = QLabel(self)
        self.shown.setObjectName("screenSubheading")
        row.addWidget(self.filter_label)
        row.addWidget(self.filter)
        row.addWidget(self.shown)
        row.addStretch(1)
        layout.addLayout(row)
        self.model = ClassTableModel(self)
        self.proxy = ClassFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("classTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("lifetime_spend"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for n, width in enumerate((130, 84, 120, 126, 50, 140, 100, 96)):
            header.resizeSection(n, width)
        layout.addWidget(self.table, 1)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("classReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setMinimumHeight(64)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.reasons)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.filter_label.setText(self.tr("&Show"))
        self.filter.setItemText(0, self.tr("All members"))
        for n, choice in enumerate(CHOICES[1:], start=1):
            attr, key = choice  # type: ignore[misc]
            if attr == "abc":
                text = self.tr("ABC class %1").replace("%1", key)
            elif attr == "segment":
                text = self.tr("RFM: %1").replace("%1", translate(SEGMENT_NAMES[key]))
            else:
                text = self.tr("Stage: %1").replace("%1", translate(STAGE_NAMES[key]))
            self.filter.setItemText(n, text)
        self.model.retranslate()
        if self.classes is None:
            self.reasons.setText(self.tr("Select a member to read why they are in each class."))
        self._show_count()

    def show_loading(self) -> None:
        self.counts.setText(self.tr("Sorting members into classes…"))
        self.comeback.setText("")

    def show_classes(self, classes: Classes) -> None:
        self.classes = classes
        self.model.set_members(classes.members)
        parts = [
            "<b>"
            + self.tr("ABC")
            + "</b> "
            + " · ".join(f"{k} {fmt.number(v)}" for k, v in classes.abc.items()),
            "<b>"
            + self.tr("RFM")
            + "</b> "
            + " · ".join(
                f"{translate(SEGMENT_NAMES[k])} {fmt.number(v)}"
                for k, v in classes.segments.items()
                if v
            ),
            "<b>"
            + self.tr("Lifecycle")
            + "</b> "
            + " · ".join(
                f"{translate(STAGE_NAMES[k])} {fmt.number(v)}"
                for k, v in classes.stages.items()
                if v
            ),
        ]
        self.counts.setText("<br>".join(parts))
        self.comeback.setText(
            self.tr("Will they come back? %1").replace("%1", classes.model.message)
        )
        self.comeback.setToolTip(classes.model.detail)
        self.reasons.setText(self.tr("Select a member to read why they are in each class."))
        self._show_count()

    def _filter_changed(self, _index: int) -> None:
        self.proxy.set_wanted(CHOICES[self.filter.currentIndex()])
        self._show_count()

    def _show_count(self) -> None:
        self.shown.setText(self.tr("%1 members").replace("%1", fmt.number(self.proxy.rowCount())))

    def _selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.show_reasons(indexes[0])

    def show_reasons(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        if not 0 <= row < len(self.model.members):
            return
        m = self.model.members[row]
        lines = [
            f"<b>{escape(m.name)}</b>",
            translate(M_LABELLED, label=f"<b>ABC {m.abc}</b>", text=escape(m.abc_reason)),
        ]
        if m.segment:
            label = f"<b>{escape(m.segment_name)}</b>"
            lines.append(translate(M_LABELLED, label=label, text=escape(m.segment_reason)))
        label = f"<b>{escape(m.stage_name)}</b>"
        lines.append(translate(M_LABELLED, label=label, text=escape(m.stage_reason)))
        self.reasons.setText("<br>".join(lines))
