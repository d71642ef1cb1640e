"""Sharing a visit line between staff (a colour by one, the wash by another): Ctrl+E on the
visit dialog's lines opens a small editor for up to two more people and their percentages
(or equal shares). The result feeds `LineDraft.split` through
`services.commission.split_of`, the same rule as `visit add --split`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError
from ...services.commission import split_of
from ...services.staff import StaffView

SPLIT_KEY = "Ctrl+E"
MORE = 2  # a second and a third person

Others = tuple[tuple[int, Decimal | None], ...]


class SplitDialog(QDialog):
    """Who else did this line, and their shares (the line's own staff keeps the rest)."""

    def __init__(
        self,
        staff: tuple[StaffView, ...],
        main_id: int,
        others: Others,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lineSplitDialog")
        self.main_id = main_id
        self.others: Others = others
        main_name = next((p.name for p in staff if p.id == main_id), "")
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        layout.addWidget(self.title)
        grid = QGridLayout()
        self.people: list[QComboBox] = []
        self.shares: list[QSpinBox] = []
        self.person_labels: list[QLabel] = []
        for n in range(MORE):
            label = QLabel(self)
            person = QComboBox(self)
            person.addItem("", None)
            for p in staff:
                if p.id != main_id:
                    person.addItem(p.name, p.id)
            share = QSpinBox(self)
            share.setRange(1, 99)
            share.setSuffix("%")
            label.setBuddy(person)
            grid.addWidget(label, n, 0)
            grid.addWidget(person, n, 1)
            grid.addWidget(share, n, 2)
            self.people.append(person)
            self.shares.append(share)
            self.person_labels.append(label)
        self.equal = QCheckBox(self)
        self.equal.setChecked(True)
        grid.addWidget(self.equal, MORE, 1, 1, 2)
        layout.addLayout(grid)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for n, (person_id, share) in enumerate(others[:MORE]):
            self.people[n].setCurrentIndex(max(0, self.people[n].findData(person_id)))
            if share is not None:
                self.equal.setChecked(False)
                self.shares[n].setValue(int(share * 100))
        if not others:
            self.shares[0].setValue(50)
        self.equal.toggled.connect(self._update)
        self._update()
        self.setWindowTitle(self.tr("Share the line"))
        self.title.setText(
            self.tr("%1 did this line with:").replace("%1", main_name or self.tr("(none)"))
        )
        for n, label in enumerate(self.person_labels):
            label.setText(self.tr("Person &%1:").replace("%1", str(n + 2)))
        self.people[0].setItemText(0, self.tr("(nobody)"))
        self.people[1].setItemText(0, self.tr("(nobody)"))
        self.equal.setText(self.tr("&Equal shares"))
        self.people[0].setFocus()

    def _update(self) -> None:
        for share in self.shares:
            share.setEnabled(not self.equal.isChecked())

    def chosen(self) -> Others:
        out = []
        for person, share in zip(self.people, self.shares, strict=True):
            if person.currentData() is not None:
                pct = None if self.equal.isChecked() else Decimal(share.value()) / 100
                out.append((person.currentData(), pct))
        return tuple(out)

    def save(self) -> None:
        others = self.chosen()
        try:
            split_of(self.main_id, others)
        except ShopError as exc:
            self.error_label.setText(exc.message())
            self.error_label.show()
            return
        self.others = others
        self.accept()


def describe(staff: tuple[StaffView, ...], others: Others) -> str:
    """`+小李 30%` / `+小李 =` for the line's service cell."""
    names = {p.id: p.name for p in staff}
    parts = [
        f"+{names.get(i, '?')} {'=' if s is None else f'{(s * 100).normalize():f}%'}"
        for i, s in others
    ]
    return "  ".join(parts)


def install(table: QTableWidget, edit: Callable[[int], None]) -> QShortcut:
    """Ctrl+E on the lines opens the share editor for the current line."""
    key = QShortcut(QKeySequence(SPLIT_KEY), table)
    key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    key.activated.connect(lambda: edit(table.currentRow()))
    return key


def hint() -> str:
    return QCoreApplication.translate("LinesTable", "%1 shares the line with other staff.").replace(
        "%1", SPLIT_KEY
    )
