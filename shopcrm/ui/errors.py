"""Errors as people read them: clear dialogs, never a traceback; details go to a log file.

``show_error(parent, exc)`` shows a ShopError's translated message, and anything else as a
friendly "something went wrong" with the technical details folded away ("Show Details...")
and written to ``data_dir()/logs/shopcrm.log``. ``install_excepthook()`` routes uncaught
exceptions (in slots, timers...) to the same dialog.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME
from ..i18n import ShopError
from ..paths import data_dir

log = logging.getLogger("shopcrm.ui")
LOG_NAME = "shopcrm.log"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def setup_logging() -> Path:
    """Log warnings and errors to a rotating file in the data folder; returns its path."""
    path = log_dir() / LOG_NAME
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    return path


def error_box(parent: QWidget | None, exc: BaseException, details: str = "") -> QMessageBox:
    """The dialog for `exc`, built but not shown (tests inspect it)."""
    box = QMessageBox(parent)
    box.setWindowTitle(APP_NAME)
    if isinstance(exc, ShopError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(exc.message())
        return box
    box.setIcon(QMessageBox.Icon.Critical)
    box.setText(QCoreApplication.translate("Errors", "Sorry, something went wrong."))
    box.setInformativeText(
        QCoreApplication.translate(
            "Errors",
            "Your data is safe: the unfinished change was not saved. If this happens again, "
            "send the log file to your support person:\n%1",
        ).replace("%1", str(log_dir() / LOG_NAME))
    )
    box.setDetailedText(details or "".join(traceback.format_exception(exc)))
    return box


def show_error(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    """Tell the user about `exc`; unexpected errors are logged with their traceback."""
    if not isinstance(exc, ShopError):
        log.error(
            "unexpected error: %s\n%s", exc, details or "".join(traceback.format_exception(exc))
        )
    error_box(parent, exc, details).exec()


def show_info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, APP_NAME, text)


def install_excepthook() -> None:
    """Uncaught exceptions become a friendly dialog plus a log entry, never a dead window."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, exc, tb))
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if QApplication.instance() is None:
            sys.__excepthook__(kind, exc, tb)
            return
        show_error(QApplication.activeWindow(), exc, details)

    sys.excepthook = hook
