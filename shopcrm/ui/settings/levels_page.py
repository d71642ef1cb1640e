"""Member levels: the ordered list, a level's discounts per category and upgrade rule, and
the top-up offers (充值赠送). The rules live in services.levels; this page reads and sends."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ...services import catalog, levels
from ...services.levels.columns import rate_text, rule_text
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table, selected_data

RULE_KINDS = ("none", "topup", "spend", "single")


@dataclass(frozen=True)
class _Data:
    levels: list[levels.LevelView]
    categories: list[str]
    offers: list[levels.OfferView]


def _read(session: Session) -> _Data:
    return _Data(
        levels.list_levels(session),
        [c.name for c in catalog.list_categories(session)],
        levels.list_offers(session),
    )


def _plain(rate: Decimal) -> str:
    return f"{rate.normalize():f}"


class LevelsPage(SettingsPage):
    page_id = "levels"
    watches = frozenset({"settings", "catalog"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data = _Data([], [], [])
        # --- the list ------------------------------------------------------------------
        self.list_box = QGroupBox(self)
        box = QVBoxLayout(self.list_box)
        self.table = read_only_table(self.list_box, 6, stretch=2)
        self.table.setMinimumHeight(150)
        self.table.itemSelectionChanged.connect(self._show_selected)
        box.addWidget(self.table)
        # --- one level -------------------------------------------------------------------
        self.edit_box = QGroupBox(self)
        form = QFormLayout(self.edit_box)
        self.name_edit = QLineEdit(self.edit_box)
        self.discount_edit = QLineEdit(self.edit_box)
        self.discount_edit.setPlaceholderText("0.88 / 8.8折 / 88%")
        self.cat_table = QTableWidget(0, 2, self.edit_box)
        self.cat_table.verticalHeader().hide()
        self.cat_table.horizontalHeader().setStretchLastSection(True)
        self.cat_table.setMaximumHeight(150)
        self.rule_combo = QComboBox(self.edit_box)
        self.rule_amount = QLineEdit(self.edit_box)
        self.rule_amount.setMaximumWidth(120)
        self.window_spin = QSpinBox(self.edit_box)
        self.window_spin.setRange(0, 3660)
        self.downgrade_check = QCheckBox(self.edit_box)
        self.points_edit = QLineEdit(self.edit_box)
        self.points_edit.setMaximumWidth(80)
        rule_row = QHBoxLayout()
        for w in (self.rule_combo, self.rule_amount, self.window_spin, self.downgrade_check):
            rule_row.addWidget(w)
        rule_row.addStretch(1)
        self.name_label, self.discount_label = QLabel(), QLabel()
        self.cat_label, self.rule_label, self.points_label = QLabel(), QLabel(), QLabel()
        for label, widget in (
            (self.name_label, self.name_edit),
            (self.discount_label, self.discount_edit),
            (self.cat_label, self.cat_table),
            (self.rule_label, self.rule_combo),
            (self.points_label, self.points_edit),
        ):
            label.setBuddy(widget)
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.discount_label, self.discount_edit)
        form.addRow(self.cat_label, self.cat_table)
        form.addRow(self.rule_label, rule_row)
        form.addRow(self.points_label, self.points_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.new_button = QPushButton(self.edit_box)
        self.new_button.clicked.connect(self.new_level)
        self.save_button = QPushButton(self.edit_box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save_level)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        # --- offers ----------------------------------------------------------------------
        self.offer_box = QGroupBox(self)
        obox = QVBoxLayout(self.offer_box)
        self.offer_table = read_only_table(self.offer_box, 3, stretch=2)
        self.offer_table.setMaximumHeight(160)
        obox.addWidget(self.offer_table)
        orow = QHBoxLayout()
        self.offer_topup, self.offer_bonus = QLineEdit(), QLineEdit()
        self.offer_level = QComboBox()
        self.offer_topup_label, self.offer_bonus_label = QLabel(), QLabel()
        self.offer_topup_label.setBuddy(self.offer_topup)
        self.offer_bonus_label.setBuddy(self.offer_bonus)
        self.offer_add = QPushButton()
        self.offer_add.clicked.connect(self.add_offer)
        self.offer_retire = QPushButton()
        self.offer_retire.clicked.connect(self.retire_offer)
        for w in (self.offer_topup_label, self.offer_topup, self.offer_bonus_label,
                  self.offer_bonus, self.offer_level, self.offer_add, self.offer_retire):  # fmt: skip
            orow.addWidget(w)
        orow.addStretch(1)
        obox.addLayout(orow)
        for w in (self.list_box, self.edit_box, self.offer_box):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)
        self.edit_widgets = [
            self.name_edit, self.discount_edit, self.cat_table, self.rule_combo,
            self.rule_amount, self.window_spin, self.downgrade_check, self.points_edit,
            self.new_button, self.save_button, self.offer_topup, self.offer_bonus,
            self.offer_level, self.offer_add, self.offer_retire,
        ]  # fmt: skip
        self.editing_id: int | None = None

    def title(self) -> str:
        return self.tr("Member levels")

    def focus_widget(self) -> QWidget | None:
        return self.table

    def retranslate_ui(self) -> None:
        self.list_box.setTitle(self.tr("Levels (lowest first)"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Level"), self.tr("Discount"), self.tr("By category"),
             self.tr("Points ×"), self.tr("Upgrade rule"), self.tr("Members")]
        )  # fmt: skip
        self.edit_box.setTitle(self.tr("Level"))
        self.name_label.setText(self.tr("&Name"))
        self.discount_label.setText(self.tr("&Discount (rate paid)"))
        self.cat_label.setText(self.tr("By &category"))
        self.cat_table.setHorizontalHeaderLabels(
            [self.tr("Category"), self.tr("Rate (blank: default)")]
        )
        self.rule_label.setText(self.tr("&Upgrade when"))
        current = self.rule_combo.currentIndex()
        self.rule_combo.clear()
        self.rule_combo.addItems(
            [self.tr("no automatic upgrade"), self.tr("cumulative top-ups ≥ ¥"),
             self.tr("cumulative spend ≥ ¥"), self.tr("one top-up ≥ ¥")]
        )  # fmt: skip
        self.rule_combo.setCurrentIndex(max(current, 0))
        self.window_spin.setSpecialValueText(self.tr("all time"))
        self.window_spin.setSuffix(self.tr(" days"))
        self.downgrade_check.setText(self.tr("Step down at the window's end"))
        self.points_label.setText(self.tr("&Points ×"))
        self.new_button.setText(self.tr("New level"))
        self.save_button.setText(self.tr("Save level"))
        self.offer_box.setTitle(self.tr("Top-up offers (best tier applies)"))
        self.offer_table.setHorizontalHeaderLabels(
            [self.tr("Top up"), self.tr("Bonus"), self.tr("Level given")]
        )
        self.offer_topup_label.setText(self.tr("&Top up ¥"))
        self.offer_bonus_label.setText(self.tr("&Bonus ¥"))
        self.offer_add.setText(self.tr("Add offer"))
        self.offer_retire.setText(self.tr("Retire offer"))
        self._fill()
        super().retranslate_ui()

    def refresh(self) -> None:
        QueryOp(self.ctx, self, _read, success=self._loaded).run()

    def _loaded(self, data: _Data) -> None:
        self.data = data
        self._fill()

    def _fill(self) -> None:
        table = self.table
        table.setRowCount(len(self.data.levels))
        for row, v in enumerate(self.data.levels):
            cats = "、".join(f"{c} {rate_text(r)}" for c, r in v.category_discounts)
            table.setItem(row, 0, cell(v.name, v.id))
            table.setItem(row, 1, cell(rate_text(v.discount)))
            table.setItem(row, 2, cell(cats))
            table.setItem(row, 3, cell(_plain(v.points_rate), right=True))
            table.setItem(row, 4, cell(rule_text(v)))
            table.setItem(row, 5, cell(v.members, right=True))
        self.offer_table.setRowCount(len(self.data.offers))
        for row, o in enumerate(self.data.offers):
            self.offer_table.setItem(row, 0, cell(f"¥{o.topup:,.2f}", o.id, right=True))
            self.offer_table.setItem(row, 1, cell(f"¥{o.bonus:,.2f}", right=True))
            self.offer_table.setItem(row, 2, cell(o.level or "—"))
        self.offer_level.clear()
        self.offer_level.addItem(self.tr("(no level)"), None)
        for v in self.data.levels:
            self.offer_level.addItem(v.name, v.name)
        self._show_selected()

    def _show_selected(self) -> None:
        level_id = selected_data(self.table)
        view = next((v for v in self.data.levels if v.id == level_id), None)
        self.editing_id = view.id if view else None
        self.name_edit.setText(view.name if view else "")
        self.discount_edit.setText(_plain(view.discount) if view else "1")
        own = dict(view.category_discounts) if view else {}
        self.cat_table.setRowCount(len(self.data.categories))
        for row, name in enumerate(self.data.categories):
            item = cell(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.cat_table.setItem(row, 0, item)
            self.cat_table.setItem(row, 1, cell(_plain(own[name]) if name in own else ""))
        kind = view.upgrade_kind if view else "none"
        self.rule_combo.setCurrentIndex(RULE_KINDS.index(kind) if kind in RULE_KINDS else 0)
        amount = view.upgrade_amount if view else None
        self.rule_amount.setText(f"{amount:f}" if amount is not None else "")
        self.window_spin.setValue(view.window_days or 0 if view else 0)
        self.downgrade_check.setChecked(bool(view and view.downgrade))
        self.points_edit.setText(_plain(view.points_rate) if view else "1")

    def new_level(self) -> None:
        self.table.clearSelection()
        self._show_selected()
        self.name_edit.setFocus()

    def _form(self) -> dict[str, object]:
        kind = RULE_KINDS[max(self.rule_combo.currentIndex(), 0)]
        cats: dict[str, object] = {}
        for row in range(self.cat_table.rowCount()):
            name = self.cat_table.item(row, 0).text()
            rate_item = self.cat_table.item(row, 1)
            text = rate_item.text().strip() if rate_item else ""
            cats[name] = text or None
        return {
            "discount": self.discount_edit.text().strip() or "1",
            "category_discounts": cats,
            "points_rate": self.points_edit.text().strip() or "1",
            "upgrade_kind": kind,
            "upgrade_amount": self.rule_amount.text().strip() or None,
            "window_days": self.window_spin.value() or None,
            "downgrade": self.downgrade_check.isChecked(),
        }

    def save_level(self) -> None:
        if not self.can_edit():
            return
        form, name, level_id = self._form(), self.name_edit.text(), self.editing_id
        actor = self.ctx.actor

        def work(session: Session) -> None:
            if level_id is None:
                cats = {k: v for k, v in form["category_discounts"].items() if v}  # type: ignore[union-attr]
                levels.create_level(
                    session, name, actor=actor, **{**form, "category_discounts": cats}
                )  # type: ignore[arg-type]
            else:
                levels.update_level(session, level_id, name=name, actor=actor, **form)  # type: ignore[arg-type]

        CollectionOp(
            self.ctx, self, work, changes={"settings"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Level saved")),
        ).run()  # fmt: skip

    def add_offer(self) -> None:
        if not self.can_edit():
            return
        topup, bonus = self.offer_topup.text(), self.offer_bonus.text()
        level, actor = self.offer_level.currentData(), self.ctx.actor
        CollectionOp(
            self.ctx, self,
            lambda s: levels.create_offer(s, topup, bonus, level=level, actor=actor),
            changes={"settings"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Offer added")),
        ).run()  # fmt: skip

    def retire_offer(self) -> None:
        offer_id = selected_data(self.offer_table)
        if not self.can_edit() or offer_id is None:
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx, self,
            lambda s: levels.set_offer_active(s, int(offer_id), False, actor=actor),  # type: ignore[arg-type]
            changes={"settings"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Offer retired")),
        ).run()  # fmt: skip
