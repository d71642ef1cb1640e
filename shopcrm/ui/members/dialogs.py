"""Dialogs of the Members screen: the import summary and the merge confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError, current_language
from ...services.birthdays import format_birthday
from ...services.members import ImportReportWriter, ImportResult, MemberCard, RowOutcome
from .. import formatting as fmt
from ..errors import show_error
from ..widgets.toast import Toast

SHOWN_REJECTIONS = 200


class ImportSummaryDialog(QDialog):
    """Created / updated / unchanged / rejected, the rejected rows, and "Save report…"."""

    def __init__(
        self,
        result: ImportResult,
        outcomes: Sequence[RowOutcome],
        source: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.result = result
        self.outcomes = list(outcomes)
        self.source = Path(source)
        self.setWindowTitle(self.tr("Import finished"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(result.summary(current_language()), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.counts: dict[str, QLabel] = {}
        for key, text in (
            ("created", self.tr("Created")),
            ("updated", self.tr("Updated")),
            ("unchanged", self.tr("Unchanged")),
            ("rejected", self.tr("Rejected")),
        ):
            value = QLabel(fmt.number(getattr(result, key)), self)
            value.setObjectName(f"count_{key}")
            self.counts[key] = value
            form.addRow(text, value)
        layout.addLayout(form)
        if result.ignored_columns:
            ignored = QLabel(
                self.tr("Columns not recognised (ignored): %1").replace(
                    "%1", ", ".join(result.ignored_columns)
                ),
                self,
            )
            ignored.setWordWrap(True)
            ignored.setObjectName("hint")
            layout.addWidget(ignored)
        problems = [*result.rejected_rows, *result.warnings][:SHOWN_REJECTIONS]
        self.table = QTableWidget(len(problems), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Name"), self.tr("Phone"), self.tr("Reason")]
        )
        for n, outcome in enumerate(problems):
            for c, value in enumerate(
                (str(outcome.row), outcome.name, outcome.phone, outcome.reason)
            ):
                self.table.setItem(n, c, QTableWidgetItem(value))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(problems))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(self.tr("Save row-by-row report…"), self)
        self.save_button.setToolTip(
            self.tr("An Excel file with the result of every row and the reason of each rejection")
        )
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def default_report_path(self) -> str:
        return str(self.source.with_name(f"{self.source.stem}-report.xlsx"))

    def save_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save import report"),
            self.default_report_path(),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            writer = ImportReportWriter(path, current_language())
            for outcome in self.outcomes:
                writer.add(outcome)
            writer.close(self.result.warnings)
        except (ShopError, OSError) as exc:
            show_error(self, exc)
            return
        self.saved_path = path
        Toast.show_text(self, self.tr("Report saved: %1").replace("%1", path), 4000)


class MergeDialog(QDialog):
    """Both records side by side; the user picks the one to keep."""

    def __init__(self, first: MemberCard, second: MemberCard, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.cards = (first, second)
        self.setWindowTitle(self.tr("Merge two members"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Both records belong to one person? Choose the record to keep. Visits, "
                "follow-ups, tags and balances of the other move to it; its empty fields are "
                "filled from the other. The other record is kept as “merged”."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.choice = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        for n, card in enumerate(self.cards):
            box = QGroupBox(self)
            inner = QVBoxLayout(box)
            radio = QRadioButton(self.tr("Keep %1").replace("%1", card.name), box)
            radio.setObjectName(f"keep{n}")
            self.choice.addButton(radio, n)
            self.radios.append(radio)
            inner.addWidget(radio)
            details = QFormLayout()
            for label, value in self._lines(card):
                text = QLabel(value or "—", box)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                details.addRow(label, text)
            inner.addLayout(details)
            row.addWidget(box, 1)
        layout.addLayout(row)
        self.radios[self._default_keep()].setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel") + "  Esc")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _default_keep(self) -> int:
        """Suggest the record with more visits (then the older one)."""
        a, b = self.cards
        if (a.visit_count, -a.id) >= (b.visit_count, -b.id):
            return 0
        return 1

    def _lines(self, card: MemberCard) -> list[tuple[str, str]]:
        status = self.tr("Active") if card.status == "active" else self.tr("Archived")
        return [
            (self.tr("Member no."), f"#{card.id} · {status}"),
            (self.tr("Phone"), card.phone_display),
            (self.tr("Card"), card.card_no or ""),
            (self.tr("Level"), card.level),
            (self.tr("Birthday"), format_birthday(card.birthday, current_language())),
            (self.tr("Joined"), fmt.day(card.join_date)),
            (self.tr("Visits"), fmt.number(card.visit_count)),
            (self.tr("Last visit"), fmt.day(card.last_visit_on)),
            (self.tr("Lifetime spend"), fmt.money(card.lifetime_spend)),
            (self.tr("Tags"), ", ".join(card.tags)),
        ]

    def keep_and_other(self) -> tuple[int, int]:
        keep = max(0, self.choice.checkedId())
        return self.cards[keep].id, self.cards[1 - keep].id
