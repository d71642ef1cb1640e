"""New member / edit member: contact, birthday (solar or lunar), card, tags, consent, notes,
and the shop type's and owner's profile fields.

Editing saves with the version the form was read at: when another counter changed the
member meanwhile, the dialog says so and reloads the current data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...i18n import ShopError, current_language
from ...services.members import (
    CHOICE,
    DATE,
    NUMBER,
    FieldSpec,
    MemberCard,
    MemberForm,
    create_member,
    get_member,
    update_member,
)
from ...services.members.core import E_CONFLICT
from ..app_context import AppContext
from ..errors import show_error
from ..ops import CollectionOp, QueryOp
from ..widgets.dialog_parts import button_row, error_label
from .birthday_edit import BirthdayEdit

GENDERS = ("", "F", "M")


class MemberDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        fields: list[FieldSpec],
        card: MemberCard | None,
        *,
        prefill: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberDialog")
        self.ctx = ctx
        self.fields = fields
        self.card = card
        self.member_id: int | None = card.id if card else None
        self.saved_message = ""
        self.setMinimumSize(560, 600)

        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.form = QFormLayout(body)
        self.form.setVerticalSpacing(8)

        self.name = QLineEdit(body)
        self.name.setMaxLength(100)
        self.phone = QLineEdit(body)
        self.gender = QComboBox(body)
        for code in GENDERS:
            self.gender.addItem("", code)
        self.birthday = BirthdayEdit(body)
        self.card_no = QLineEdit(body)
        self.level = LevelChoice(body)
        self.tags = QLineEdit(body)
        self.consent = QCheckBox(body)
        self.notes = QPlainTextEdit(body)
        self.notes.setFixedHeight(64)
        self.notes.setTabChangesFocus(True)
        self.labels: dict[str, QLabel] = {}
        for key, widget in (
            ("name", self.name),
            ("phone", self.phone),
            ("gender", self.gender),
            ("birthday", self.birthday),
            ("card_no", self.card_no),
            ("level", self.level),
            ("tags", self.tags),
            ("consent", self.consent),
            ("notes", self.notes),
        ):
            label = QLabel(body)
            label.setBuddy(widget)
            self.labels[key] = label
            self.form.addRow(label, widget)
        QueryOp(ctx, self, _level_names, success=self.level.set_choices).run()
        self.profile_title = QLabel(body)
        self.profile_title.setObjectName("sectionTitle")
        self.form.addRow(self.profile_title)
        self.profile_edits: dict[str, QLineEdit | QComboBox] = {}
        self.profile_labels: dict[str, QLabel] = {}
        for spec in fields:
            self.profile_edits[spec.key] = self._field_widget(spec, body)
            self.profile_labels[spec.key] = QLabel(body)
            self.profile_labels[spec.key].setBuddy(self.profile_edits[spec.key])
            self.form.addRow(self.profile_labels[spec.key], self.profile_edits[spec.key])

        self.error_label = error_label(self)
        outer.addWidget(self.error_label)
        self.buttons, self.save_button = button_row(
            self, self.save, QDialogButtonBox.StandardButton.Save
        )
        outer.addWidget(self.buttons)
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        if card is not None:
            self.fill(card)
        else:
            self.consent.setChecked(True)
            self.name.setText((prefill or {}).get("name", ""))
            self.phone.setText((prefill or {}).get("phone", ""))
        (self.phone if self.name.text() and not self.phone.text() else self.name).setFocus()

    @staticmethod
    def _field_widget(spec: FieldSpec, parent: QWidget) -> QLineEdit | QComboBox:
        if spec.field_type == CHOICE:
            combo = QComboBox(parent)
            combo.addItem("")
            combo.addItems(list(spec.choices))
            return combo
        edit = QLineEdit(parent)
        edit.setMaxLength(500)
        if spec.field_type == NUMBER:
            edit.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"^-?\d{0,9}([.]\d{0,4})?$"), edit)
            )
        elif spec.field_type == DATE:
            edit.setPlaceholderText("YYYY-MM-DD")
        return edit

    def retranslate_ui(self, *_args: object) -> None:
        editing = self.member_id is not None
        self.setWindowTitle(self.tr("Edit member") if editing else self.tr("New member"))
        texts = {
            "name": self.tr("&Name *"),
            "phone": self.tr("&Phone"),
            "gender": self.tr("&Gender"),
            "birthday": self.tr("&Birthday"),
            "card_no": self.tr("&Card no."),
            "level": self.tr("&Level"),
            "tags": self.tr("&Tags"),
            "consent": self.tr("Greetings"),
            "notes": self.tr("N&otes"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        for i, text in enumerate((self.tr("—"), self.tr("female"), self.tr("male"))):
            self.gender.setItemText(i, text)
        self.tags.setPlaceholderText(self.tr("separated by commas, e.g. VIP, 学生"))
        self.level.setPlaceholderText(self.tr("e.g. 金卡"))
        self.consent.setText(self.tr("accepts birthday greetings and offers"))
        self.profile_title.setText(self.tr("Profile"))
        for spec in self.fields:
            label = self.tr("%1:").replace("%1", spec.label(current_language()))
            self.profile_labels[spec.key].setText(label)
        self.birthday.retranslate_ui()
        self.save_button.setText(self.tr("Save (Enter)"))
        self.save_button.setToolTip(self.tr("Save (Enter; Ctrl+Enter in the notes)"))
        self.save_button.setShortcut("Ctrl+Return")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )

    # -- values ----------------------------------------------------------------------------
    def fill(self, card: MemberCard) -> None:
        self.card = card
        self.name.setText(card.name)
        self.phone.setText(card.phone_display or "")
        self.gender.setCurrentIndex(max(self.gender.findData(card.gender), 0))
        self.birthday.set_birthday(card.birthday)
        self.card_no.setText(card.card_no or "")
        self.level.setText(card.level)
        self.tags.setText(", ".join(card.tags))
        self.consent.setChecked(card.consent_marketing)
        self.notes.setPlainText(card.notes)
        for key, widget in self.profile_edits.items():
            value = card.profile.get(key)
            text = "" if value is None else str(value)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findText(text), 0))
            else:
                widget.setText(text)

    def profile_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, widget in self.profile_edits.items():
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            values[key] = text.strip() or None
        return values

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "phone": self.phone.text().strip() or None,
            "gender": self.gender.currentData() or "",
            "birthday": self.birthday.birthday(),
            "card_no": self.card_no.text().strip() or None,
            "level": self.level.text().strip(),
            "tags": tuple(t for t in self.tags.text().replace("，", ",").split(",") if t.strip()),
            "consent_marketing": self.consent.isChecked(),
            "notes": self.notes.toPlainText().strip(),
        }

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        problem = self.birthday.error()
        if problem:
            self.show_message(problem)
            self.birthday.kind.setFocus()
            return
        if not self.name.text().strip():
            self.show_message(self.tr("Please enter the member's name."))
            self.name.setFocus()
            return
        values, profile, actor = self.values(), self.profile_values(), self.ctx.actor
        if self.card is None:
            form = MemberForm(**values, profile={k: v for k, v in profile.items() if v is not None})

            def op(s):  # noqa: ANN001, ANN202
                return create_member(s, form, actor=actor)

        else:
            member_id, version = self.card.id, self.card.version

            def op(s):  # noqa: ANN001, ANN202
                update_member(s, member_id, version, actor=actor, **values, profile=profile)
                return member_id

        self.save_button.setEnabled(False)
        CollectionOp(
            self.ctx, self, op, changes={"members"}, success=self._saved, failure=self._failed
        ).run()

    def _saved(self, member_id: int) -> None:
        self.member_id = member_id
        self.saved_message = self.tr("Member saved: %1").replace("%1", self.name.text().strip())
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ShopError) and exc.msg_id == E_CONFLICT and self.card is not None:
            self.show_message(
                self.tr(
                    "Changed at another counter — reloaded. Check the member and make your "
                    "change again."
                )
            )
            member_id = self.card.id
            QueryOp(self.ctx, self, lambda s: get_member(s, member_id), success=self.fill).run()
        elif isinstance(exc, ShopError):
            self.show_message(exc.message())
        else:
            show_error(self, exc)

    def show_message(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


def _level_names(session: Any) -> list[str]:
    """The shop's levels, lowest first, then labels still on members that are not levels."""
    from ...services.levels import list_levels
    from ...services.members.listing import member_levels

    names = [level.name for level in list_levels(session)]
    return names + [name for name in member_levels(session) if name not in names]


class LevelChoice(QComboBox):
    """The member's level: a choice from the shop's levels (still typeable, so an old
    label stays as it is). `text()`/`setText()` as a line edit has them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

    def set_choices(self, names: list[str]) -> None:
        current = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItems(["", *names])
        self.setEditText(current)
        self.blockSignals(False)

    def text(self) -> str:
        return self.currentText()

    def setText(self, text: str) -> None:  # noqa: N802 - the QLineEdit name
        self.setEditText(text)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - Qt name
        self.lineEdit().setPlaceholderText(text)
