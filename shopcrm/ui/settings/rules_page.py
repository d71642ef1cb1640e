"""Follow-up rules: active, parameters, the Chinese and English templates with a live preview."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import current_language, for_language, translate
from ...services.followups import ADDABLE_KINDS, RuleInfo, add_rule, list_rules, update_rule
from ...services.followups.care_kinds import CARE_PARAMS, CARE_PLACEHOLDERS, care_sample
from ...services.followups.messages import fill_placeholders, message_values
from ...services.followups.texts import (
    KIND_AFTERCARE,
    KIND_ANNIVERSARY,
    KIND_BIRTHDAY,
    KIND_BOOKING,
    KIND_CARD_EXPIRING,
    KIND_WINBACK,
    RULE_NAMES,
    SHOP_FALLBACK,
)
from ...services.settings import get_setting
from ..app_context import AppContext
from ..ops import CollectionOp, QueryOp
from ..widgets.toast import Toast
from .page import SettingsPage, days_text, parse_days

# Which placeholders each kind fills (docs/followups.md).
COMMON = ("name", "shop", "date", "days")
PLACEHOLDERS = {
    KIND_BIRTHDAY: (*COMMON, "years", "lunar"),
    KIND_AFTERCARE: (*COMMON, "service", "staff"),
    KIND_WINBACK: (*COMMON, "gap"),
    KIND_ANNIVERSARY: (*COMMON, "years"),
    KIND_CARD_EXPIRING: (*COMMON, "service"),
    KIND_BOOKING: (*COMMON, "service", "staff", "time"),
    **{kind: (*COMMON, *keys) for kind, keys in CARE_PLACEHOLDERS.items()},
}
DAY_KEYS = ("lead_days", "keep_days", "floor_days", "lookback_days")
LIST_KEYS = ("offsets", "years")


# The made-up member of the preview, in each language (data, not widget words).
SAMPLE_MEMBER = {
    "zh": {"name": "张丽", "service": "数码烫", "staff": "小王"},
    "en": {"name": "Li Zhang", "service": "Digital perm", "staff": "Wang"},
}


def sample_values(kind: str, lang: str, shop: str, today: date) -> dict[str, Any]:
    """Placeholder values of a made-up member, for the preview."""
    sample = for_language(SAMPLE_MEMBER, lang)
    name = sample["name"]
    if kind == KIND_BIRTHDAY:
        detail: dict[str, Any] = {"kind": "lunar", "month": 8, "day": 15, "leap": False, "age": 30}
        occasion = today + timedelta(days=3)
    elif kind == KIND_AFTERCARE:
        detail = {
            "visit_date": (today - timedelta(days=3)).isoformat(),
            "services": [sample["service"]],
            "staff": sample["staff"],
        }
        occasion = today
    elif kind == KIND_WINBACK:
        detail = {"gap": 28}
        occasion = today - timedelta(days=71)
    elif kind == KIND_CARD_EXPIRING:
        detail = {"card": sample["service"]}
        occasion = today + timedelta(days=30)
    elif kind == KIND_BOOKING:
        detail = {"time": "14:00", "services": [sample["service"]], "staff": sample["staff"]}
        occasion = today + timedelta(days=1)
    elif kind in CARE_PLACEHOLDERS:
        detail, occasion = care_sample(kind, lang, sample, today)
    else:
        detail = {"years": 1}
        occasion = today
    return message_values(kind, detail, occasion, today, name, shop, lang)


class RulesPage(SettingsPage):
    page_id = "rules"
    watches = frozenset({"followups", "settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rules: list[RuleInfo] = []
        self.current: RuleInfo | None = None
        self.shop = ""
        self.param_widgets: dict[str, QWidget] = {}
        row = QHBoxLayout()
        row.setSpacing(12)
        self.layout_.addLayout(row, 1)

        left = QVBoxLayout()
        self.rule_list = QListWidget(self)
        self.rule_list.setFixedWidth(220)
        self.rule_list.currentRowChanged.connect(self._selected)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_rule)
        left.addWidget(self.rule_list, 1)
        left.addWidget(self.add_button)
        row.addLayout(left)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        body.setObjectName("screenBody")
        scroll.setWidget(body)
        row.addWidget(scroll, 1)
        right = QVBoxLayout(body)
        right.setContentsMargins(0, 0, 6, 0)

        self.rule_box = QGroupBox(body)
        top = QGridLayout(self.rule_box)
        top.setHorizontalSpacing(12)
        self.name_label = QLabel(self.rule_box)
        self.name_edit = QLineEdit(self.rule_box)
        self.name_edit.setMaxLength(80)
        self.name_label.setBuddy(self.name_edit)
        self.active_check = QCheckBox(self.rule_box)
        top.addWidget(self.name_label, 0, 0)
        top.addWidget(self.name_edit, 0, 1)
        top.addWidget(self.active_check, 0, 2)
        self.params_form = QFormLayout()
        self.params_form.setVerticalSpacing(6)
        self.params_form.setHorizontalSpacing(12)
        self.params_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        top.addLayout(self.params_form, 1, 0, 1, 3)
        top.setColumnStretch(1, 1)
        right.addWidget(self.rule_box)

        self.text_box = QGroupBox(body)
        texts = QGridLayout(self.text_box)
        texts.setVerticalSpacing(4)
        self.zh_label, self.en_label = QLabel(), QLabel()
        self.template_zh = QPlainTextEdit(self.text_box)
        self.template_en = QPlainTextEdit(self.text_box)
        self.preview_zh, self.preview_en = QLabel(), QLabel()
        for n, (label, edit, preview) in enumerate(
            (
                (self.zh_label, self.template_zh, self.preview_zh),
                (self.en_label, self.template_en, self.preview_en),
            )
        ):
            edit.setFixedHeight(92)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._update_preview)
            preview.setWordWrap(True)
            preview.setObjectName("preview")
            preview.setMinimumHeight(92)
            preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            preview.setStyleSheet(
                "QLabel { background: #f3f7fb; border: 1px solid #dbe4ee; border-radius: 5px;"
                " padding: 6px 8px; }"
            )
            preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            texts.addWidget(label, n * 2, 0, 1, 2)
            texts.addWidget(edit, n * 2 + 1, 0)
            texts.addWidget(preview, n * 2 + 1, 1)
        texts.setColumnStretch(0, 1)
        texts.setColumnStretch(1, 1)
        self.placeholders = QLabel(self.text_box)
        self.placeholders.setObjectName("hint")
        self.placeholders.setWordWrap(True)
        texts.addWidget(self.placeholders, 4, 0, 1, 2)
        right.addWidget(self.text_box)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(body)
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        right.addStretch(1)
        self.edit_widgets = [
            self.add_button,
            self.name_edit,
            self.active_check,
            self.template_zh,
            self.template_en,
            self.save_button,
        ]

    def title(self) -> str:
        return self.tr("Follow-up rules")

    def focus_widget(self) -> QWidget | None:
        return self.rule_list

    def param_label(self, key: str) -> str:
        return {
            "lead_days": self.tr("Raise this many days before"),
            "keep_days": self.tr("Keep on the list for (days)"),
            "floor_days": self.tr("Lapsed after at least (days)"),
            "factor": self.tr("…or this many times their usual gap"),
            "min_visits": self.tr("Only members with at least (visits)"),
            "offsets": self.tr("Call after (days; empty: each service's own)"),
            "years": self.tr("Anniversaries (years)"),
        }.get(key) or (translate(CARE_PARAMS[key]) if key in CARE_PARAMS else key)

    def placeholder_text(self, key: str) -> str:
        return {
            "name": self.tr("member's name"),
            "shop": self.tr("shop name"),
            "date": self.tr("the date"),
            "days": self.tr("days"),
            "years": self.tr("years"),
            "lunar": self.tr("lunar birthday"),
            "service": self.tr("services"),
            "staff": self.tr("who served"),
            "gap": self.tr("usual gap in days"),
            "time": self.tr("booked time"),
        }.get(key) or translate(CARE_PARAMS[key])

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("Add a rule…"))
        self.rule_box.setTitle(self.tr("Rule"))
        self.name_label.setText(self.tr("&Name"))
        self.active_check.setText(self.tr("Active"))
        self.text_box.setTitle(self.tr("Message templates and preview"))
        self.zh_label.setText(self.tr("Chinese template → preview"))
        self.en_label.setText(self.tr("English template → preview"))
        self.save_button.setText(self.tr("Save rule"))
        for key, widget in self.param_widgets.items():
            label = self.params_form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(self.param_label(key))
        if self.param_widgets.get("offsets") is not None:
            self.param_widgets["offsets"].setPlaceholderText(self.tr("e.g. 3, 30"))
        self._show_placeholders()
        super().retranslate_ui()
        for widget in self.param_widgets.values():
            self.editable(widget)

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        lang = current_language()

        def load(s: Session) -> tuple[list[RuleInfo], str]:
            return list_rules(s, lang), get_setting(s, "shop.name") or ""

        QueryOp(self.ctx, self, load, success=self._loaded).run()

    def _loaded(self, result: tuple[list[RuleInfo], str]) -> None:
        self.rules, self.shop = result
        keep = self.current.id if self.current else None
        self.rule_list.blockSignals(True)
        self.rule_list.clear()
        for rule in self.rules:
            mark = "●" if rule.active else "○"
            item = QListWidgetItem(f"{mark}  {rule.name}")
            item.setSizeHint(QSize(200, 34))
            item.setData(Qt.ItemDataRole.UserRole, rule.id)
            self.rule_list.addItem(item)
        self.rule_list.blockSignals(False)
        ids = [r.id for r in self.rules]
        self.rule_list.setCurrentRow(ids.index(keep) if keep in ids else 0 if ids else -1)
        if self.rule_list.currentRow() >= 0:
            self._selected(self.rule_list.currentRow())

    def _selected(self, row: int) -> None:
        if not 0 <= row < len(self.rules):
            return
        rule = self.rules[row]
        self.current = rule
        self.name_edit.setText(rule.name)
        self.active_check.setChecked(rule.active)
        self._build_params(rule)
        self.template_zh.setPlainText(rule.template_zh)
        self.template_en.setPlainText(rule.template_en)
        self._show_placeholders()
        self._update_preview()

    def _build_params(self, rule: RuleInfo) -> None:
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self.param_widgets = {}
        for key, value in rule.params.items():
            widget: QWidget
            if key in DAY_KEYS:
                widget = QSpinBox(self.rule_box)
                widget.setRange(0, 366)
                widget.setValue(int(value))
            elif key == "min_visits":
                widget = QSpinBox(self.rule_box)
                widget.setRange(2, 1000)
                widget.setValue(int(value))
            elif key == "factor":
                widget = QDoubleSpinBox(self.rule_box)
                widget.setRange(1.0, 20.0)
                widget.setSingleStep(0.5)
                widget.setDecimals(1)
                widget.setValue(float(value))
            elif key == "max_score":
                widget = QSpinBox(self.rule_box)
                widget.setRange(1, 4)
                widget.setValue(int(value))
            elif key == "segment":
                widget = QLineEdit(str(value or ""), self.rule_box)
                widget.setPlaceholderText("abc:A, tag:VIP, lapsed:60")
            elif key in LIST_KEYS:
                widget = QLineEdit(days_text(value), self.rule_box)
                widget.setPlaceholderText(self.tr("e.g. 3, 30"))
            else:  # service_ids: chosen with the CLI; kept as stored
                continue
            widget.setObjectName(f"param-{key}")
            widget.setMinimumWidth(140)
            self.param_widgets[key] = widget
            self.params_form.addRow(self.param_label(key), widget)
            self.editable(widget)

    def param_values(self) -> dict[str, Any]:
        """The parameters as typed; ValueError when a list of days is not numbers."""
        params: dict[str, Any] = {}
        for key, widget in self.param_widgets.items():
            if isinstance(widget, QSpinBox | QDoubleSpinBox):
                params[key] = widget.value()
            elif key == "segment":
                params[key] = widget.text().strip()  # type: ignore[attr-defined]
            elif isinstance(widget, QLineEdit):
                values = parse_days(widget.text())
                params[key] = values or (None if key == "offsets" else [])
        return params

    def _show_placeholders(self) -> None:
        if self.current is None:
            self.placeholders.setText("")
            return
        keys = PLACEHOLDERS[self.current.kind]
        listed = "  ".join(f"{{{k}}} {self.placeholder_text(k)}" for k in keys)
        self.placeholders.setText(self.tr("Placeholders: %1").replace("%1", listed))

    def _update_preview(self) -> None:
        if self.current is None:
            return
        today = clock.today()
        for lang, edit, label in (
            ("zh", self.template_zh, self.preview_zh),
            ("en", self.template_en, self.preview_en),
        ):
            shop = self.shop or translate(SHOP_FALLBACK, lang)
            values = sample_values(self.current.kind, lang, shop, today)
            label.setText(fill_placeholders(edit.toPlainText(), values))

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        rule = self.current
        if rule is None or not self.can_edit():
            return
        try:
            params = self.param_values()
        except ValueError:
            QMessageBox.warning(
                self, self.title(), self.tr("Days and years are whole numbers, e.g. 3, 30.")
            )
            return
        typed = self.name_edit.text().strip()
        name = None if typed == rule.name else typed
        active = self.active_check.isChecked()
        zh, en = self.template_zh.toPlainText(), self.template_en.toPlainText()
        actor = self.ctx.actor
        CollectionOp(
            self.ctx,
            self,
            lambda s: update_rule(
                s,
                rule.id,
                actor=actor,
                name=name,
                active=active,
                params=params,
                template_zh=zh,
                template_en=en,
            ),
            changes={"followups"},
            success=lambda _r: Toast.show_text(self.window(), self.tr("Rule saved")),
        ).run()

    def add_rule(self) -> None:
        if not self.can_edit():
            return
        lang = current_language()
        names = [translate(RULE_NAMES[kind], lang) for kind in ADDABLE_KINDS]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Add a rule"), self.tr("Kind of rule"), names, 0, False
        )
        if not ok:
            return
        kind = ADDABLE_KINDS[names.index(chosen)]
        name, ok = QInputDialog.getText(
            self, self.tr("Add a rule"), self.tr("Name of the new rule"), text=chosen
        )
        if not ok:
            return
        actor = self.ctx.actor

        def op(s: Session) -> RuleInfo:
            return add_rule(s, kind, name or chosen, actor=actor)

        def added(rule: RuleInfo) -> None:
            self.current = rule
            self.refresh()

        CollectionOp(self.ctx, self, op, changes={"followups"}, success=added).run()
