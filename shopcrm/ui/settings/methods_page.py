"""Payment methods: the money the shop takes (cash, bank card, WeChat Pay, Alipay, …).

The owner adds a method, renames it in both languages, retires or restores it and sets the
order the counter's dialogs list them in. A method's code never changes: old payments keep
it and its name. Stored value and points are the member's own balances, shown but fixed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services.money.methods import (
    MethodView,
    add_method,
    list_methods,
    move_method,
    rename_method,
    set_method_active,
)
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table, selected_data


class MethodsPage(SettingsPage):
    page_id = "payment-methods"
    watches = frozenset({"settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.methods: list[MethodView] = []
        self.current: MethodView | None = None
        self.intro = QLabel(self)
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.layout_.addWidget(self.intro)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.layout_.addLayout(row, 1)
        self.table = read_only_table(self, 4, stretch=1)
        self.table.setObjectName("methodsTable")
        self.table.setMinimumHeight(300)
        self.table.itemSelectionChanged.connect(self._selected)
        row.addWidget(self.table, 1)

        side = QVBoxLayout()
        row.addLayout(side, 0)
        self.form_box = QGroupBox(self)
        self.form_box.setFixedWidth(360)
        form = QFormLayout(self.form_box)
        form.setVerticalSpacing(8)
        self.zh_edit = QLineEdit(self.form_box)
        self.zh_edit.setObjectName("methodNameZh")
        self.en_edit = QLineEdit(self.form_box)
        self.en_edit.setObjectName("methodNameEn")
        for edit in (self.zh_edit, self.en_edit):
            edit.setMaxLength(40)
            edit.returnPressed.connect(self.save)
        self.zh_label, self.en_label = QLabel(), QLabel()
        self.zh_label.setBuddy(self.zh_edit)
        self.en_label.setBuddy(self.en_edit)
        form.addRow(self.zh_label, self.zh_edit)
        form.addRow(self.en_label, self.en_edit)
        self.code_label = QLabel(self.form_box)
        self.code_label.setObjectName("hint")
        self.code_label.setWordWrap(True)
        form.addRow(self.code_label)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.form_box)
        self.new_button.clicked.connect(self.new_method)
        self.save_button = QPushButton(self.form_box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        side.addWidget(self.form_box)

        self.order_box = QGroupBox(self)
        self.order_box.setFixedWidth(360)
        order = QHBoxLayout(self.order_box)
        self.up_button = QPushButton(self.order_box)
        self.down_button = QPushButton(self.order_box)
        self.retire_button = QPushButton(self.order_box)
        self.retire_button.setObjectName("retireMethod")
        for button in (self.up_button, self.down_button, self.retire_button):
            order.addWidget(button)
        side.addWidget(self.order_box)
        side.addStretch(1)

        self.actions: dict[str, QAction] = {}
        for key, keys, slot in (
            ("up", "Ctrl+Up", lambda: self.move(-1)),
            ("down", "Ctrl+Down", lambda: self.move(+1)),
            ("retire", "Ctrl+D", self.toggle_active),
            ("new", "Ctrl+N", self.new_method),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.addAction(action)
            self.actions[key] = action
        self.up_button.clicked.connect(self.actions["up"].trigger)
        self.down_button.clicked.connect(self.actions["down"].trigger)
        self.retire_button.clicked.connect(self.actions["retire"].trigger)
        self.edit_widgets = [self.zh_edit, self.en_edit, self.new_button, self.save_button]

    def title(self) -> str:
        return self.tr("Payment methods")

    def focus_widget(self) -> QWidget | None:
        return self.table

    def _keys(self, key: str) -> str:
        return self.actions[key].shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "The ways the shop takes money, in the order the visit and top-up dialogs "
                "list them. WeChat Pay and Alipay are kept apart: they arrive on different "
                "statements. A retired method is no longer offered; old payments keep it."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Name"), self.tr("Code"), self.tr("Status")]
        )
        self.zh_label.setText(self.tr("Chinese &name"))
        self.en_label.setText(self.tr("&English name"))
        self.new_button.setText(self.tr("New method"))
        self.save_button.setText(self.tr("Save"))
        self.order_box.setTitle(self.tr("Order and use"))
        self.up_button.setText(self.tr("Move up"))
        self.up_button.setToolTip(self.tr("Move up (%1)").replace("%1", self._keys("up")))
        self.down_button.setText(self.tr("Move down"))
        self.down_button.setToolTip(self.tr("Move down (%1)").replace("%1", self._keys("down")))
        self.retire_button.setToolTip(
            self.tr("Retire or restore the method (%1)").replace("%1", self._keys("retire"))
        )
        self._fill_table()
        self._show(self.current)
        super().retranslate_ui()

    def update_actions(self) -> None:
        current = self.current
        money = current is not None and not current.internal
        for key, button in (("up", self.up_button), ("down", self.down_button)):
            self.editable(button, money)
            self.actions[key].setEnabled(button.isEnabled())
        self.editable(self.retire_button, money)
        self.actions["retire"].setEnabled(self.retire_button.isEnabled())
        self.actions["new"].setEnabled(self.can_edit())
        self.retire_button.setText(
            self.tr("Restore") if current is not None and not current.active else self.tr("Retire")
        )

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        QueryOp(self.ctx, self, lambda s: list_methods(s), success=self._loaded).run()

    def _loaded(self, methods: list[MethodView]) -> None:
        self.methods = methods
        self._fill_table()
        keep = self.current.code if self.current else None
        match = next((m for m in methods if m.code == keep), None)
        if match is not None:
            self.table.selectRow(methods.index(match))
        self._show(match)

    def status_text(self, method: MethodView) -> str:
        if method.internal:
            return self.tr("member's balance")
        return self.tr("in use") if method.active else self.tr("retired")

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.methods))
        number = 0
        for n, method in enumerate(self.methods):
            number += not method.internal
            self.table.setItem(n, 0, cell("" if method.internal else number, method.code))
            name = method.name()
            other = method.name_en if name == method.name_zh else method.name_zh
            text = f"{name}  ·  {other}" if other and other != name else name
            self.table.setItem(n, 1, cell(text))
            self.table.setItem(n, 2, cell(method.code))
            self.table.setItem(n, 3, cell(self.status_text(method)))
            if method.internal or not method.active:
                for c in range(4):
                    self.table.item(n, c).setForeground(self.palette().placeholderText())
        self.table.blockSignals(False)

    def _selected(self) -> None:
        code = selected_data(self.table)
        self._show(next((m for m in self.methods if m.code == code), None))

    def _show(self, method: MethodView | None) -> None:
        self.current = method
        self.zh_edit.setText(method.name_zh if method else "")
        self.en_edit.setText(method.name_en if method else "")
        self.form_box.setTitle(method.name() if method else self.tr("New payment method"))
        self.code_label.setText(
            self.tr("Code %1 (kept on every payment; it never changes)").replace("%1", method.code)
            if method
            else self.tr("A code is made from the English name when you save.")
        )
        self.update_actions()

    def new_method(self) -> None:
        if not self.can_edit():
            return
        self.table.clearSelection()
        self._show(None)
        self.zh_edit.setFocus()

    # -- saving -----------------------------------------------------------------------------
    def _write(self, op: Callable[[Session], object], message: str, keep: str | None) -> None:
        def done(result: object) -> None:
            code = result if isinstance(result, str) else keep
            self.current = next((m for m in self.methods if m.code == code), None) or (
                MethodView(code, "", "", True, False, 0) if code else None
            )
            Toast.show_text(self.window(), message)
            self.refresh()

        CollectionOp(self.ctx, self, op, changes={"settings"}, success=done).run()

    def save(self) -> None:
        if not self.can_edit():
            return
        zh, en = self.zh_edit.text().strip(), self.en_edit.text().strip()
        current, actor = self.current, self.ctx.actor
        if current is None:
            self._write(
                lambda s: add_method(s, zh, name_en=en or None, actor=actor),
                self.tr("Payment method added"),
                None,
            )
            return
        self._write(
            lambda s: rename_method(s, current.code, name_zh=zh, name_en=en, actor=actor),
            self.tr("Payment method renamed"),
            current.code,
        )

    def toggle_active(self) -> None:
        current, actor = self.current, self.ctx.actor
        if current is None or current.internal or not self.can_edit():
            return
        active = not current.active
        message = (
            self.tr("Payment method restored") if active else self.tr("Payment method retired")
        )
        self._write(
            lambda s: set_method_active(s, current.code, active, actor=actor),
            message,
            current.code,
        )

    def move(self, step: int) -> None:
        current, actor = self.current, self.ctx.actor
        if current is None or current.internal or not self.can_edit():
            return
        self._write(
            lambda s: move_method(s, current.code, step, actor=actor),
            self.tr("Order saved"),
            current.code,
        )
