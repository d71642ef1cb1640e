"""The login dialog: a staff name and PIN when roles are on (at start and Switch user)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...i18n import ShopError
from ...services.auth import ROLE_OWNER, Actor, login
from ...services.staff import StaffView, list_staff
from ..app_context import AppContext
from ..ops import QueryOp


class LoginDialog(QDialog):
    """Pick your name, type your PIN, Enter. `actor` holds who logged in."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.staff: list[StaffView] = []
        self.setObjectName("loginDialog")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        self.intro = QLabel(self)
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.staff_combo = QComboBox(self)
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), self.pin_edit)
        )
        self.staff_label, self.pin_label = QLabel(self), QLabel(self)
        self.staff_label.setBuddy(self.staff_combo)
        self.pin_label.setBuddy(self.pin_edit)
        form.addRow(self.staff_label, self.staff_combo)
        form.addRow(self.pin_label, self.pin_edit)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        ctx.language_changed.connect(self.retranslate_ui)
        QueryOp(ctx, self, lambda s: list_staff(s), success=self._loaded).run()

    def retranslate_ui(self, *_args: object) -> None:
        self.setWindowTitle(self.tr("Log in — %1").replace("%1", APP_NAME))
        self.heading.setText(self.tr("Who is at the counter?"))
        self.intro.setText(self.tr("Choose your name and type your PIN, then press Enter."))
        self.staff_label.setText(self.tr("Your &name"))
        self.pin_label.setText(self.tr("&PIN"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel") + "  Esc"
        )

    def _loaded(self, staff: list[StaffView]) -> None:
        self.staff = [s for s in staff if s.has_pin] or staff
        self.staff_combo.clear()
        for person in self.staff:
            role = self.tr("owner") if person.role == ROLE_OWNER else person.title
            label = f"{person.name} · {role}" if role else person.name
            self.staff_combo.addItem(label, person.id)
        current = self.ctx.actor.staff_id
        index = self.staff_combo.findData(current) if current is not None else -1
        self.staff_combo.setCurrentIndex(max(0, index))
        self.pin_edit.setFocus()

    def choose(self, staff_id: int) -> None:
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(staff_id)))

    def try_login(self) -> None:
        staff_id = self.staff_combo.currentData()
        pin = self.pin_edit.text()
        if staff_id is None:
            return
        self.message.setText("")
        QueryOp(
            self.ctx,
            self,
            lambda s: login(s, int(staff_id), pin, by=self.ctx.actor),
            success=self._logged_in,
            failure=self._refused,
        ).run()

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ShopError):
            from ..errors import show_error

            show_error(self, exc)
            return
        self.message.setText(exc.message())
        self.pin_edit.clear()
        self.pin_edit.setFocus()
