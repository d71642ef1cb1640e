"""Where the app keeps its data and finds its resources."""

from __future__ import annotations

import sys
from pathlib import Path

APP_DIR_NAME = "ShopCRM"


def data_dir() -> Path:
    """The user's data folder for ShopCRM (database, backups), created on first use."""
    import platformdirs  # not at import: a command given --db never needs it

    path = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "shopcrm.db"


def default_demo_db_path() -> Path:
    return data_dir() / "demo.db"


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def resource_dir() -> Path:
    """`resources/` beside the package in a checkout, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
