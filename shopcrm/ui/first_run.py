"""First run: name the shop (type, language) or open the demo shop.

Shown when ``setup.done`` is false and the database has no members. The new-shop path
stores the answers through a write op; the demo path switches to ``data_dir()/demo.db`` and
fills it (a Job with progress and Cancel) when it is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..db import open_database, resolve_db_url
from ..i18n import ShopError
from ..paths import default_demo_db_path
from ..services import hooks
from ..services.demo import DemoOptions, create_demo_shop
from ..services.settings import SHOP_KINDS
from ..services.shop_setup import complete_first_run, member_count
from ..services.starter_catalogue import apply_starter_catalogue
from .app_context import AppContext
from .i18n import LANGUAGE_NAMES, LanguageManager
from .ops import CollectionOp, Job, JobOp
from .resources_util import app_icon
from .widgets.starter_table import StarterTable, kind_names

CHOICE_NEW = "new"

CHOICE_DEMO = "demo"


class FirstRunDialog(QDialog):
    """Three questions, or the demo shop. ``choice`` says which button closed it."""

    def __init__(self, languages: LanguageManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.languages = languages
        self.choice: str | None = None
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.heading = QLabel(self)
        self.heading.setObjectName("screenHeading")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(80)
        self.kind_combo = QComboBox(self)
        for kind in SHOP_KINDS:
            self.kind_combo.addItem("", kind)
        self.language_combo = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(languages.language))
        self.language_combo.currentIndexChanged.connect(self._language_picked)
        self.name_label, self.kind_label, self.language_label = QLabel(), QLabel(), QLabel()
        self.name_label.setBuddy(self.name_edit)
        self.kind_label.setBuddy(self.kind_combo)
        self.language_label.setBuddy(self.language_combo)
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow(self.language_label, self.language_combo)
        layout.addLayout(form)
        self.starter_check = QCheckBox(self)
        self.starter_check.setChecked(True)
        self.starter_hint = QLabel(self)
        self.starter_hint.setObjectName("hint")
        self.starter_hint.setWordWrap(True)
        self.starter_table = StarterTable(self)
        self.starter_table.setMinimumHeight(220)
        self.starter_check.toggled.connect(self.starter_table.setEnabled)
        layout.addWidget(self.starter_check)
        layout.addWidget(self.starter_hint)
        layout.addWidget(self.starter_table, 1)
        self.kind_combo.currentIndexChanged.connect(self._show_starter)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorText")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.demo_button = QPushButton(self)
        self.start_button = QPushButton(self)
        self.start_button.setDefault(True)
        self.start_button.setObjectName("primaryButton")
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.demo_button.clicked.connect(self.choose_demo)
        self.start_button.clicked.connect(self.choose_new)
        layout.addWidget(buttons)
        languages.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate_ui(self, *_args: object) -> None:
        self.setWindowTitle(self.tr("Welcome to ShopCRM"))
        self.heading.setText(self.tr("Welcome to ShopCRM"))
        self.intro.setText(
            self.tr(
                "Tell us the shop's name and type to start. You can change "
                "both later in Settings. Or look around the demo shop "
                "first: it is a separate file, your shop stays empty."
            )
        )
        self.name_label.setText(self.tr("Shop &name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 悦色发型沙龙"))
        self.kind_label.setText(self.tr("Shop &type"))
        for n, text in enumerate(kind_names()):
            self.kind_combo.setItemText(n, text)
        self.starter_check.setText(self.tr("Start with a typical price list for this type"))
        self.starter_hint.setText(
            self.tr(
                "Untick what you do not offer and type your prices (Enter moves down). "
                "Everything can be changed later in Settings → Services & prices."
            )
        )
        self.starter_table.retranslate_ui()
        self._show_starter()
        self.language_label.setText(self.tr("&Language"))
        self.demo_button.setText(self.tr("Open the &demo shop"))
        self.start_button.setText(self.tr("&Start"))
        self.error_label.setText(self.tr("Please enter the shop's name."))

    def _show_starter(self, *_args: object) -> None:
        self.starter_table.show_kind(
            self.kind_combo.currentData(), self.language_combo.currentData()
        )

    def starter_choice(self) -> tuple[str, dict[str, str], set[str]] | None:
        """(kind, prices typed, ticked keys) when the starter catalogue was accepted."""
        if not self.starter_check.isChecked():
            return None
        prices, ticked = self.starter_table.chosen()
        return self.kind_combo.currentData(), prices, ticked

    def _language_picked(self, _index: int) -> None:
        self.languages.apply(self.language_combo.currentData())

    def values(self) -> tuple[str, str, str]:
        return (
            self.name_edit.text().strip(),
            self.kind_combo.currentData(),
            self.language_combo.currentData(),
        )

    def choose_new(self) -> None:
        if not self.values()[0]:
            self.error_label.show()
            self.name_edit.setFocus()
            return
        self.choice = CHOICE_NEW
        self.accept()

    def choose_demo(self) -> None:
        self.choice = CHOICE_DEMO
        self.accept()


def save_new_shop(
    ctx: AppContext,
    parent: QWidget | None,
    name: str,
    kind: str,
    language: str,
    done: Callable[[], None],
    starter: tuple[str, dict[str, str], set[str]] | None = None,
) -> None:
    """Store the first-run answers and the accepted starter catalogue (one write op), then
    call `done`."""
    actor = ctx.actor

    def op(s: Session) -> None:
        complete_first_run(s, name, kind, language, actor=actor)
        if starter is not None:
            starter_kind, prices, ticked = starter
            apply_starter_catalogue(s, starter_kind, prices, actor=actor, lang=language, only=ticked)

    CollectionOp(
        ctx,
        parent,
        op,
        changes={"settings", "catalog"},
        success=lambda _r: done(),
    ).run()


def open_demo_shop(
    languages: LanguageManager,
    parent: QWidget | None,
    done: Callable[[AppContext | None], None],
    *,
    path: Path | None = None,
    options: DemoOptions | None = None,
) -> None:
    """Open (making it first if empty) the demo shop; `done(ctx)`, or `done(None)` if that
    failed or was cancelled."""
    url = resolve_db_url(path or default_demo_db_path())
    try:
        engine = open_database(url)
        hooks.on_open(engine)
    except (ShopError, OSError, RuntimeError) as exc:
        from .errors import show_error

        show_error(parent, exc)
        done(None)
        return
    ctx = AppContext(engine, languages)
    if member_count(engine):
        done(ctx)
        return
    opts = options or DemoOptions()
    text = QCoreApplication.translate("FirstRun", "Writing members, visits and cards…")

    def work(job: Job) -> None:
        create_demo_shop(
            job.engine, opts, progress=lambda f, _m: job.progress(f * 0.95, text), cancel=job.cancel
        )
        hooks.after_demo(job.engine)

    def failed_or_cancelled(_exc: BaseException | None = None) -> None:
        if _exc is not None:
            from .errors import show_error

            show_error(parent, _exc)
        ctx.shutdown()
        engine.dispose()
        done(None)

    title = QCoreApplication.translate("FirstRun", "Making the demo shop")
    JobOp(
        ctx,
        parent,
        "demo",
        title,
        work,
        success=lambda _r: done(ctx),
        failure=failed_or_cancelled,
        cancelled=failed_or_cancelled,
        changes={"database"},
    ).run()
