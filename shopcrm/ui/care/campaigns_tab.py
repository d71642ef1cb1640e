"""The campaign builder: segment, message, day → preview (who and why) → launch; below, the
campaigns with their outcomes. Ctrl+Return previews, Ctrl+L launches."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...i18n import current_language
from ...services.care.campaigns import (
    CampaignInfo,
    CampaignPreview,
    LaunchResult,
    launch_campaign,
    list_campaigns,
    preview_campaign,
)
from .. import formatting as fmt
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.date_pickers import follow_date_rule
from ..widgets.toast import Toast

# The segment presets offered in the combo: (segment text, whether a value is typed after it)
PRESETS = (
    ("abc:A", False),
    ("rfm:champions", False),
    ("rfm:at_risk", False),
    ("stage:decline", False),
    ("lapsed:60", False),
    ("points:500", False),
    ("card:30", False),
    ("level:", True),
    ("tag:", True),
    ("all", False),
)


class CampaignsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: CampaignPreview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)

        scroll = QScrollArea(splitter)  # a small window scrolls the builder instead of growing
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        builder = QWidget(scroll)
        builder.setObjectName("screenBody")
        scroll.setWidget(builder)
        form_box = QVBoxLayout(builder)
        form_box.setContentsMargins(0, 0, 8, 0)
        self.builder_title = QLabel(builder)
        self.builder_title.setObjectName("screenSubheading")
        form_box.addWidget(self.builder_title)
        form = QFormLayout()
        self.preset = QComboBox(builder)
        self.preset.setObjectName("campaignPreset")
        self.segment = QLineEdit(builder)
        self.segment.setObjectName("campaignSegment")
        self.segment.setText("abc:A")
        self.message = QPlainTextEdit(builder)
        self.message.setObjectName("campaignMessage")
        self.message.setTabChangesFocus(True)
        self.message.setFixedHeight(96)
        self.day = QDateEdit(builder)
        self.day.setCalendarPopup(True)
        follow_date_rule(self.day)
        self.day.setDate(QDate(clock.today()))
        self.name = QLineEdit(builder)
        self.name.setMaxLength(80)
        self.preset_label, self.segment_label = QLabel(builder), QLabel(builder)
        self.message_label, self.day_label = QLabel(builder), QLabel(builder)
        self.name_label = QLabel(builder)
        for label, widget in (
            (self.preset_label, self.preset),
            (self.segment_label, self.segment),
            (self.message_label, self.message),
            (self.day_label, self.day),
            (self.name_label, self.name),
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        form_box.addLayout(form)
        self.placeholders = QLabel(builder)
        self.placeholders.setWordWrap(True)
        self.placeholders.setObjectName("hint")
        form_box.addWidget(self.placeholders)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(builder)
        self.launch_button = QPushButton(builder)
        self.launch_button.setObjectName("primary")
        self.launch_button.setEnabled(False)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.launch_button)
        buttons.addStretch(1)
        form_box.addLayout(buttons)
        self.summary = QLabel(builder)
        self.summary.setWordWrap(True)
        form_box.addWidget(self.summary)
        self.recipients = QTreeWidget(builder)
        self.recipients.setObjectName("campaignPreview")
        self.recipients.setRootIsDecorated(False)
        self.recipients.setAlternatingRowColors(True)
        self.recipients.setColumnCount(3)
        self.recipients.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.recipients.header().setStretchLastSection(True)
        self.recipients.setMinimumHeight(160)
        form_box.addWidget(self.recipients, 1)
        splitter.addWidget(scroll)

        right = QWidget(splitter)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(8, 0, 0, 0)
        self.list_title = QLabel(right)
        self.list_title.setObjectName("screenSubheading")
        right_box.addWidget(self.list_title)
        self.campaigns = QTreeWidget(right)
        self.campaigns.setObjectName("campaignList")
        self.campaigns.setRootIsDecorated(False)
        self.campaigns.setAlternatingRowColors(True)
        self.campaigns.setColumnCount(6)
        self.campaigns.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        right_box.addWidget(self.campaigns, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 420])

        self.preset.activated.connect(self._preset_chosen)
        self.preview_button.clicked.connect(self.run_preview)
        self.launch_button.clicked.connect(self.launch)
        for edit in (self.segment, self.name):
            edit.textChanged.connect(self._changed)
        self.message.textChanged.connect(self._changed)
        self.day.dateChanged.connect(self._changed)
        for keys, slot in (("Ctrl+Return", self.run_preview), ("Ctrl+L", self.launch)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- words ----------------------------------------------------------------------------
    def preset_names(self) -> list[str]:
        return [
            self.tr("Class A (the best customers)"),
            self.tr("RFM: champions"),
            self.tr("RFM: at risk"),
            self.tr("Lifecycle: declining"),
            self.tr("Not seen for 60 days"),
            self.tr("Points above 500"),
            self.tr("Package card ending within 30 days"),
            self.tr("Level… (type its name)"),
            self.tr("Tag… (type it)"),
            self.tr("Everyone"),
        ]

    def retranslate_ui(self) -> None:
        follow_date_rule(self.day)
        self.builder_title.setText(self.tr("New campaign"))
        self.list_title.setText(self.tr("Campaigns and their outcomes"))
        self.preset_label.setText(self.tr("Pick a &segment"))
        self.segment_label.setText(self.tr("Se&gment"))
        self.message_label.setText(self.tr("&Message"))
        self.day_label.setText(self.tr("&Day"))
        self.name_label.setText(self.tr("&Name"))
        current = self.preset.currentIndex()
        self.preset.clear()
        self.preset.addItems(self.preset_names())
        self.preset.setCurrentIndex(max(current, 0))
        self.segment.setPlaceholderText(
            self.tr("e.g. abc:A, tag:VIP, lapsed:60, card:30 (joined by commas)")
        )
        self.name.setPlaceholderText(self.tr("optional"))
        self.placeholders.setText(
            self.tr(
                "Placeholders: {name} member, {shop} shop, {points} points, "
                "{level} level, {days} days since the last visit; with card:N "
                "{card} package card, {card_ends} its last day, {card_uses} uses left"
            )
        )
        self.preview_button.setText(self.tr("&Preview (Ctrl+Enter)"))
        self.launch_button.setText(self.tr("&Launch (Ctrl+L)"))
        self.recipients.setHeaderLabels([self.tr("Member"), self.tr("Why"), self.tr("Message")])
        self.campaigns.setHeaderLabels(
            [
                self.tr("Campaign"),
                self.tr("Day"),
                self.tr("Sent"),
                self.tr("Reached"),
                self.tr("Visited in 30 days"),
                self.tr("Spent"),
            ]
        )
        if self.preview is not None:
            self._show_preview(self.preview)

    def focus_widget(self) -> QWidget:
        return self.segment

    # -- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        QueryOp(self.ctx, self, list_campaigns, success=self._show_campaigns).run()

    def _show_campaigns(self, infos: list[CampaignInfo]) -> None:
        self.campaigns.clear()
        for c in infos:
            item = QTreeWidgetItem(
                [
                    c.name,
                    c.on.isoformat(),
                    str(c.followups),
                    str(c.reached),
                    str(c.visited),
                    fmt.money(c.spent),
                ]
            )
            item.setToolTip(0, f"{c.segment}\n{c.message}")
            for col in range(2, 6):
                item.setTextAlignment(
                    col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            self.campaigns.addTopLevelItem(item)

    def _preset_chosen(self, index: int) -> None:
        text, typed = PRESETS[index]
        self.segment.setText(text)
        self.segment.setFocus()
        if typed:
            self.segment.setCursorPosition(len(text))

    def _changed(self, *_args: object) -> None:
        self.launch_button.setEnabled(False)  # launch what was previewed, nothing else

    def _inputs(self) -> tuple[str, str, date, str]:
        return (
            self.segment.text().strip(),
            self.message.toPlainText().strip(),
            self.day.date().toPython(),
            self.name.text().strip(),
        )

    def run_preview(self) -> None:
        segment, message, day, _name = self._inputs()
        lang = current_language()
        QueryOp(
            self.ctx,
            self,
            lambda s: preview_campaign(s, segment, message, day, lang),
            success=self._show_preview,
        ).run()

    def _show_preview(self, preview: CampaignPreview) -> None:
        self.preview = preview
        self.recipients.clear()
        for r in preview.recipients:
            item = QTreeWidgetItem([f"{r.name}  {r.phone}", r.why, r.text])
            item.setToolTip(2, r.text)
            self.recipients.addTopLevelItem(item)
        self.summary.setText(
            self.tr("%1 member(s) get this message; %2 left out (no consent to offers).")
            .replace("%1", str(len(preview.recipients)))
            .replace("%2", str(preview.no_consent))
        )
        self.launch_button.setEnabled(bool(preview.recipients))

    def launch(self) -> None:
        if not self.launch_button.isEnabled() or self.preview is None:
            return
        segment, message, day, name = self._inputs()
        answer = QMessageBox.question(
            self,
            self.tr("Launch campaign"),
            self.tr("Make %1 follow-up(s) with this message?").replace(
                "%1", str(len(self.preview.recipients))
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: launch_campaign(s, segment, message, on=day, name=name, actor=actor),
            changes={"followups"},
            success=self._launched,
        ).run()

    def _launched(self, result: LaunchResult) -> None:
        self.launch_button.setEnabled(False)
        Toast.show_text(
            self.window(),
            self.tr("Campaign launched: %1 follow-up(s) made").replace("%1", str(result.created)),
        )
        self.refresh()
