"""Points: how many points a yuan earns, what points are worth when paying."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...services.wallet import points_rates, set_points_rates
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage


class PointsPage(SettingsPage):
    page_id = "points"
    watches = frozenset({"settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.box = QGroupBox(self)
        form = QFormLayout(self.box)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.earn_spin = QSpinBox(self.box)
        self.earn_spin.setRange(0, 100)
        self.redeem_spin = QSpinBox(self.box)
        self.redeem_spin.setRange(1, 100_000)
        self.redeem_spin.setSingleStep(10)
        for spin in (self.earn_spin, self.redeem_spin):
            spin.setMinimumWidth(140)
        self.stored_value_check = QCheckBox(self.box)
        self.earn_label, self.redeem_label = QLabel(), QLabel()
        self.earn_label.setBuddy(self.earn_spin)
        self.redeem_label.setBuddy(self.redeem_spin)
        form.addRow(self.earn_label, self.earn_spin)
        form.addRow(self.redeem_label, self.redeem_spin)
        form.addRow("", self.stored_value_check)
        self.example = QLabel(self.box)
        self.example.setObjectName("hint")
        self.example.setWordWrap(True)
        self.example.setMinimumWidth(560)
        form.addRow("", self.example)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.layout_.addWidget(self.box)
        self.layout_.addStretch(1)
        for spin in (self.earn_spin, self.redeem_spin):
            spin.valueChanged.connect(self._show_example)
        self.edit_widgets = [
            self.earn_spin,
            self.redeem_spin,
            self.stored_value_check,
            self.save_button,
        ]

    def title(self) -> str:
        return self.tr("Points")

    def focus_widget(self) -> QWidget | None:
        return self.earn_spin

    def retranslate_ui(self) -> None:
        self.box.setTitle(self.tr("Points rule"))
        self.earn_label.setText(self.tr("Points &earned per ¥1 spent"))
        self.redeem_label.setText(self.tr("Points that &pay ¥1"))
        self.stored_value_check.setText(self.tr("Paying from stored value also earns points"))
        self.save_button.setText(self.tr("Save"))
        self._show_example()
        super().retranslate_ui()

    def _show_example(self, *_args: object) -> None:
        earn, redeem = self.earn_spin.value(), self.redeem_spin.value()
        self.example.setText(
            self.tr("Example: a ¥100 visit earns %1 points; %2 points pay ¥1.")
            .replace("%1", str(earn * 100))
            .replace("%2", str(redeem))
        )

    def refresh(self) -> None:
        QueryOp(self.ctx, self, points_rates, success=self._loaded).run()

    def _loaded(self, rates: tuple[int, int, bool]) -> None:
        earn, redeem, on_stored_value = rates
        self.earn_spin.setValue(earn)
        self.redeem_spin.setValue(redeem)
        self.stored_value_check.setChecked(on_stored_value)

    def save(self) -> None:
        if not self.can_edit():
            return
        earn, redeem = self.earn_spin.value(), self.redeem_spin.value()
        on_sv = self.stored_value_check.isChecked()
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: set_points_rates(s, earn, redeem, on_sv, actor=actor),
            changes={"settings", "wallet"},
            success=lambda changed: Toast.show_text(
                self.window(), self.tr("Points rule saved") if changed else self.tr("No changes")
            ),
        ).run()
