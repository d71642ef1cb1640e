"""Commission rules (提成规则): the rules in force and a form to add, replace or retire one.

Saving a rule whose scope (who, on what, mode) is already in force replaces it from now:
lines recorded before keep the old rate. The rules live in services.commission."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
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

from ...services import commission as cm
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, cell, read_only_table, selected_data

MODES = (None, "designated", "rotation")
BASES = ("paid", "list")


@dataclass(frozen=True)
class _Data:
    rules: list[cm.RuleView]
    choices: cm.RuleChoices


def _read(session: Session) -> _Data:
    return _Data(cm.list_rules(session), cm.rule_choices(session))


class CommissionPage(SettingsPage):
    page_id = "commission"
    watches = frozenset({"settings", "catalog", "staff"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data = _Data([], cm.RuleChoices((), (), (), ()))
        self.list_box = QGroupBox(self)
        box = QVBoxLayout(self.list_box)
        self.hint = QLabel(self.list_box)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        box.addWidget(self.hint)
        self.table = read_only_table(self.list_box, 7, stretch=1)
        self.table.setMinimumHeight(200)
        self.table.itemSelectionChanged.connect(self._show_selected)
        box.addWidget(self.table)

        self.edit_box = QGroupBox(self)
        form = QFormLayout(self.edit_box)
        self.who_combo = QComboBox(self.edit_box)
        self.what_combo = QComboBox(self.edit_box)
        self.mode_combo = QComboBox(self.edit_box)
        self.pays_combo = QComboBox(self.edit_box)
        self.pays_edit = QLineEdit(self.edit_box)
        self.pays_edit.setMaximumWidth(120)
        self.base_combo = QComboBox(self.edit_box)
        self.tiers_edit = QLineEdit(self.edit_box)
        self.tiers_edit.setPlaceholderText("5000:15%, 8000:18%")
        self.tier_mode_combo = QComboBox(self.edit_box)
        pays_row = QHBoxLayout()
        pays_row.addWidget(self.pays_combo)
        pays_row.addWidget(self.pays_edit)
        pays_row.addWidget(self.base_combo)
        pays_row.addStretch(1)
        tiers_row = QHBoxLayout()
        tiers_row.addWidget(self.tiers_edit, 1)
        tiers_row.addWidget(self.tier_mode_combo)
        self.who_label, self.what_label, self.mode_label = QLabel(), QLabel(), QLabel()
        self.pays_label, self.tiers_label = QLabel(), QLabel()
        for label, widget in (
            (self.who_label, self.who_combo),
            (self.what_label, self.what_combo),
            (self.mode_label, self.mode_combo),
            (self.pays_label, self.pays_edit),
            (self.tiers_label, self.tiers_edit),
        ):
            label.setBuddy(widget)
        form.addRow(self.who_label, self.who_combo)
        form.addRow(self.what_label, self.what_combo)
        form.addRow(self.mode_label, self.mode_combo)
        form.addRow(self.pays_label, pays_row)
        form.addRow(self.tiers_label, tiers_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.retire_button = QPushButton(self.edit_box)
        self.retire_button.clicked.connect(self.retire_rule)
        self.save_button = QPushButton(self.edit_box)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save_rule)
        buttons.addWidget(self.retire_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.layout_.addWidget(self.list_box, 1)
        self.layout_.addWidget(self.edit_box)
        self.edit_widgets = [
            self.who_combo, self.what_combo, self.mode_combo, self.pays_combo, self.pays_edit,
            self.base_combo, self.tiers_edit, self.tier_mode_combo, self.retire_button,
            self.save_button,
        ]  # fmt: skip

    def title(self) -> str:
        return self.tr("Commission")

    def focus_widget(self) -> QWidget | None:
        return self.table

    def retranslate_ui(self) -> None:
        self.list_box.setTitle(self.tr("Commission rules in force"))
        self.hint.setText(
            self.tr(
                "The most specific rule wins: a person over a role, a service over a "
                "category, designated or rotation over either. Saving a rule with the same "
                "who / on / mode replaces it from now; lines already recorded keep their rate."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Who"), self.tr("On"), self.tr("Designated / rotation"), self.tr("Pays"),
             self.tr("Base"), self.tr("Monthly tiers"), self.tr("Since")]
        )  # fmt: skip
        self.edit_box.setTitle(self.tr("Rule"))
        self.who_label.setText(self.tr("&Who"))
        self.what_label.setText(self.tr("&On"))
        self.mode_label.setText(self.tr("&Mode"))
        self.pays_label.setText(self.tr("&Pays"))
        self.tiers_label.setText(self.tr("Monthly &tiers"))
        for combo, texts in (
            (self.mode_combo, [self.tr("either"), self.tr("designated (指定)"),
                               self.tr("rotation (轮牌)")]),
            (self.pays_combo, [self.tr("rate %"), self.tr("fixed ¥ each")]),
            (self.base_combo, [self.tr("of the amount paid (实收)"),
                               self.tr("of the list price")]),
            (self.tier_mode_combo, [self.tr("zero-based: whole month at the rate reached"),
                                    self.tr("progressive: each band at its rate")]),
        ):  # fmt: skip
            current = combo.currentIndex()
            combo.clear()
            combo.addItems(texts)
            combo.setCurrentIndex(max(current, 0))
        self.retire_button.setText(self.tr("Retire rule"))
        self.save_button.setText(self.tr("Save rule"))
        self._fill()
        super().retranslate_ui()

    def refresh(self) -> None:
        QueryOp(self.ctx, self, _read, success=self._loaded).run()

    def _loaded(self, data: _Data) -> None:
        self.data = data
        self._fill()

    def _fill(self) -> None:
        rules = self.data.rules
        self.table.setRowCount(len(rules))
        for row, r in enumerate(rules):
            self.table.setItem(row, 0, cell(r.who(), r.id))
            self.table.setItem(row, 1, cell(r.what()))
            self.table.setItem(row, 2, cell(r.mode_text()))
            self.table.setItem(row, 3, cell(r.pays(), right=True))
            self.table.setItem(row, 4, cell(r.base_text()))
            self.table.setItem(row, 5, cell(r.tiers_text() or "—"))
            self.table.setItem(row, 6, cell(f"{r.valid_from:%Y-%m-%d}"))
        c = self.data.choices
        self.who_combo.clear()
        self.who_combo.addItem(self.tr("everyone"), "any:")
        for role in c.roles:
            self.who_combo.addItem(self.tr("role: %1").replace("%1", role), f"role:{role}")
        for staff_id, name in c.staff:
            self.who_combo.addItem(name, f"staff:{staff_id}")
        self.what_combo.clear()
        self.what_combo.addItem(self.tr("any service"), "any:")
        for cat_id, name in c.categories:
            self.what_combo.addItem(self.tr("category: %1").replace("%1", name), f"cat:{cat_id}")
        for service_id, name in c.services:
            self.what_combo.addItem(name, f"service:{service_id}")
        self.what_combo.addItem(self.tr("card sales"), "card_sale:")
        self.what_combo.addItem(self.tr("top-ups"), "topup:")
        self._show_selected()

    def _select(self, combo: QComboBox, data: str) -> None:
        combo.setCurrentIndex(max(combo.findData(data), 0))

    def _show_selected(self) -> None:
        rule_id = selected_data(self.table)
        r = next((v for v in self.data.rules if v.id == rule_id), None)
        self.retire_button.setEnabled(r is not None and self.can_edit())
        if r is None:
            return
        who = f"staff:{r.staff_id}" if r.staff_id else f"role:{r.role}" if r.role else "any:"
        if r.kind != "service":
            what = f"{r.kind}:"
        elif r.service_id:
            what = f"service:{r.service_id}"
        else:
            what = f"cat:{r.category_id}" if r.category_id else "any:"
        self._select(self.who_combo, who)
        self._select(self.what_combo, what)
        self.mode_combo.setCurrentIndex(MODES.index(r.mode) if r.mode in MODES else 0)
        self.pays_combo.setCurrentIndex(1 if r.fixed is not None else 0)
        self.pays_edit.setText(
            f"{r.fixed:f}" if r.fixed is not None else cm.rate_text(r.rate or 0)  # type: ignore[arg-type]
        )
        self.base_combo.setCurrentIndex(BASES.index(r.base) if r.base in BASES else 0)
        self.tiers_edit.setText(", ".join(f"{a:f}:{cm.rate_text(b)}" for a, b in r.tiers))
        self.tier_mode_combo.setCurrentIndex(1 if r.tier_mode == "progressive" else 0)

    def update_actions(self) -> None:
        self.retire_button.setEnabled(selected_data(self.table) is not None and self.can_edit())

    def _form(self) -> dict[str, object]:
        who, _, who_value = str(self.who_combo.currentData() or "any:").partition(":")
        what, _, what_value = str(self.what_combo.currentData() or "any:").partition(":")
        return {
            "who": who, "who_value": who_value, "what": what, "what_value": what_value,
            "mode": MODES[max(self.mode_combo.currentIndex(), 0)],
            "fixed": self.pays_combo.currentIndex() == 1,
            "pays": self.pays_edit.text().strip(),
            "base": BASES[max(self.base_combo.currentIndex(), 0)],
            "tiers": self.tiers_edit.text().strip(),
            "tier_mode": "progressive" if self.tier_mode_combo.currentIndex() == 1 else "zero",
        }  # fmt: skip

    def save_rule(self) -> None:
        if not self.can_edit():
            return
        form, actor = self._form(), self.ctx.actor
        CollectionOp(
            self.ctx, self, lambda s: cm.add_rule(s, spec_from_form(form), actor=actor),
            changes={"settings"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Rule saved")),
        ).run()  # fmt: skip

    def retire_rule(self) -> None:
        rule_id = selected_data(self.table)
        if not self.can_edit() or rule_id is None:
            return
        actor = self.ctx.actor
        CollectionOp(
            self.ctx, self, lambda s: cm.retire_rule(s, int(rule_id), actor=actor),  # type: ignore[call-overload]
            changes={"settings"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Rule retired")),
        ).run()  # fmt: skip


def spec_from_form(form: dict[str, object]) -> cm.RuleSpec:
    """The form's plain values → a rule (parsed in the op: a bad rate is a message)."""
    what = form["what"]
    tiers = cm.parse_tiers(str(form["tiers"])) if form["tiers"] else ()
    pays = str(form["pays"])
    return cm.RuleSpec(
        kind=what if what in ("topup", "card_sale") else "service",  # type: ignore[arg-type]
        staff_id=int(str(form["who_value"])) if form["who"] == "staff" else None,
        role=str(form["who_value"]) if form["who"] == "role" else None,
        service_id=int(str(form["what_value"])) if what == "service" else None,
        category_id=int(str(form["what_value"])) if what == "cat" else None,
        mode=form["mode"] if what not in ("topup", "card_sale") else None,  # type: ignore[arg-type]
        rate=None if form["fixed"] else cm.parse_rate(pays),
        fixed=cm.parse_fixed(pays) if form["fixed"] else None,
        base=str(form["base"]) if what not in ("topup", "card_sale") else "paid",
        tier_mode=str(form["tier_mode"]) if tiers else None,
        tiers=tiers,
    )
