"""A birthday field: none / solar / lunar, month, day, leap month (lunar), optional year.

Each change is checked with the birthdays service's validator and the reason shown at once
("February has no 30th", "Lunar year 1990 had no leap month 4").
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...i18n import ShopError
from ...services.birthdays import LUNAR, SOLAR, Birthday, validate_birthday

NO_YEAR = 1899  # the year spin's "unknown" value


class BirthdayEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox(self)
        self.kind.addItem("", None)
        self.kind.addItem("", SOLAR)
        self.kind.addItem("", LUNAR)
        self.month = QSpinBox(self)
        self.month.setRange(1, 12)
        self.day = QSpinBox(self)
        self.day.setRange(1, 31)
        self.leap = QCheckBox(self)
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, clock.today().year)
        self.year.setValue(NO_YEAR)
        for widget in (self.kind, self.month, self.day, self.leap, self.year):
            row.addWidget(widget)
        row.addStretch(1)
        outer.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)
        self.kind.currentIndexChanged.connect(self._changed)
        for spin in (self.month, self.day, self.year):
            spin.valueChanged.connect(self._changed)
        self.leap.toggled.connect(self._changed)
        self.retranslate_ui()
        self._changed()

    def retranslate_ui(self) -> None:
        self.kind.setItemText(0, self.tr("not known"))
        self.kind.setItemText(1, self.tr("solar"))
        self.kind.setItemText(2, self.tr("lunar (农历)"))
        # "%1" is where the number goes: "month 5" / "5月"
        for spin, text in (
            (self.month, self.tr("month %1")),
            (self.day, self.tr("day %1")),
            (self.year, self.tr("born %1")),
        ):
            prefix, _, suffix = text.partition("%1")
            spin.setPrefix(prefix)
            spin.setSuffix(suffix)
        self.year.setSpecialValueText(self.tr("unknown"))
        self.leap.setText(self.tr("leap month"))
        self.leap.setToolTip(self.tr("Born in the leap (闰) month of that lunar month"))

    def set_birthday(self, birthday: Birthday | None) -> None:
        if birthday is None:
            self.kind.setCurrentIndex(0)
        else:
            self.kind.setCurrentIndex(self.kind.findData(birthday.kind))
            self.month.setValue(birthday.month)
            self.day.setValue(birthday.day)
            self.leap.setChecked(birthday.leap)
            self.year.setValue(birthday.year or NO_YEAR)
        self._changed()

    def birthday(self) -> Birthday | None:
        kind = self.kind.currentData()
        if kind is None:
            return None
        year = self.year.value()
        return Birthday(
            kind,
            self.month.value(),
            self.day.value(),
            None if year == NO_YEAR else year,
            bool(self.leap.isChecked()) if kind == LUNAR else False,
        )

    def error(self) -> str:
        """Why the birthday is impossible, in the current language; '' when it is fine."""
        birthday = self.birthday()
        if birthday is None:
            return ""
        try:
            validate_birthday(birthday)
        except ShopError as exc:
            return exc.message()
        return ""

    def _changed(self, *_args: object) -> None:
        kind = self.kind.currentData()
        for widget in (self.month, self.day, self.year):
            widget.setVisible(kind is not None)
        self.leap.setVisible(kind == LUNAR)
        self.day.setMaximum(30 if kind == LUNAR else 31)
        text = self.error()
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.changed.emit()
