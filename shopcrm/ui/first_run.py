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

from ..db import open_database, resolve_db_url
from ..i18n import ShopError
from ..paths import default_demo_db_path
from ..services import hooks
from ..services.demo import DemoOptions, create_demo_shop
from ..services.settings import SHOP_RESTAURANT, SHOP_SALON
from ..services.shop_setup import complete_first_run, member_count
from .app_context import AppContext
from .i18n import LANGUAGE_NAMES, LanguageManager
from .ops import CollectionOp, Job, JobOp
from .resources_util import app_icon

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
        self.kind_combo.addItem("", SHOP_SALON)
        self.kind_combo.addItem("", SHOP_RESTAURANT)
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
        self.kind_combo.setItemText(0, self.tr("Salon / beauty"))
        self.kind_combo.setItemText(1, self.tr("Restaurant"))
        self.language_label.setText(self.tr("&Language"))
        self.demo_button.setText(self.tr("Open the &demo shop"))
        self.start_button.setText(self.tr("&Start"))
        self.error_label.setText(self.tr("Please enter the shop's name."))

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
) -> None:
    """Store the first-run answers (a write op), then call `done`."""
    actor = ctx.actor
    CollectionOp(
        ctx,
        parent,
        lambda s: complete_first_run(s, name, kind, language, actor=actor),
        changes={"settings"},
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
