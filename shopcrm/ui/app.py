"""Start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME, __version__
from ..i18n import ShopError
from ..paths import resource_dir


def run_app(db_url: str, argv: list[str] | None = None) -> int:
    """Open the main window on `db_url`; returns the exit code."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("shopcrm")  # matches installer/linux/shopcrm.desktop
    icon = resource_dir() / "icons" / "shopcrm.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    from ..db import open_database
    from ..services import hooks

    try:
        engine = open_database(db_url)
        hooks.on_open(engine)
    except (ShopError, RuntimeError, OSError) as exc:
        text = exc.message() if isinstance(exc, ShopError) else str(exc)
        QMessageBox.critical(None, APP_NAME, text)
        return 1
    from .main_window import MainWindow

    window = MainWindow(engine)
    window.show()
    return app.exec()
