"""The visit dialog's satisfaction score (1–5) and complaint text (issue 20, items 4–5).

Keyboard first: Alt+I picks the score (typing a digit 1–5 in it chooses that score), Alt+A
types the complaint; Tab from the note reaches both. A complaint on a member's visit opens
a complaint follow-up when the visit is saved (services/care/complaints.open_visit_complaint);
a low score raises a care call with the day's follow-ups.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget

SCORES = (1, 2, 3, 4, 5)


class CareFields(QWidget):
    """Score and complaint, read by the visit dialog's draft."""

    def __init__(
        self, member_id: int | None, parent: QWidget | None = None, form: QFormLayout | None = None
    ):
        """`form`: lay the fields out as rows of that form (the quick bill's), labels aligned
        with its own; otherwise in a grid of their own (the visit dialog)."""
        super().__init__(parent)
        self.member_id = member_id
        self.in_form = form is not None
        self.setObjectName("visitCareFields")
        self.score_label = QLabel(self)
        self.score_combo = QComboBox(self)
        self.score_combo.setObjectName("satisfaction")
        self.score_combo.addItem("—", None)
        for n in SCORES:
            self.score_combo.addItem(str(n), n)
        self.complaint_label = QLabel(self)
        self.complaint_edit = QLineEdit(self)
        self.complaint_edit.setObjectName("complaint")
        self.complaint_edit.setMaxLength(500)
        self.score_label.setBuddy(self.score_combo)
        self.complaint_label.setBuddy(self.complaint_edit)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        if form is not None:
            form.addRow(self.score_label, self.score_combo)
            form.addRow(self.complaint_label, self.complaint_edit)
            form.addRow(self.hint)
            self.hide()  # its fields live in the form
        else:
            grid = QGridLayout(self)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.addWidget(self.score_label, 0, 0)
            grid.addWidget(self.score_combo, 0, 1)
            grid.addWidget(self.complaint_label, 1, 0)
            grid.addWidget(self.complaint_edit, 1, 1)
            grid.addWidget(self.hint, 2, 0, 1, 2)
            grid.setColumnStretch(1, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.score_label.setText(self.tr("Sat&isfaction:"))
        self.score_combo.setItemText(0, self.tr("— (not asked)"))
        self.score_combo.setToolTip(self.tr("The customer's score, 1 (bad) to 5 (very good)"))
        self.complaint_label.setText(self.tr("Compl&aint:"))
        if self.in_form:  # the form's own labels carry no colon
            for label in (self.score_label, self.complaint_label):
                label.setText(label.text().rstrip(":："))
        self.complaint_edit.setPlaceholderText(self.tr("what the customer complained about"))
        self.hint.setText(
            self.tr("Alt+I score (type 1–5) · Alt+A complaint: opens a complaint to resolve")
        )
        if self.member_id is None:  # no member to follow up: the text stays on the visit
            self.complaint_edit.setToolTip(
                self.tr("A walk-in's complaint is kept on the visit; no follow-up is opened.")
            )

    def score(self) -> int | None:
        return self.score_combo.currentData()

    def complaint(self) -> str:
        return self.complaint_edit.text().strip()
