"""The main window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow
from sqlalchemy import Engine, func, select

from .. import APP_NAME
from ..db import session_scope
from ..models import Member, Visit
from ..services.settings import get_setting


class MainWindow(QMainWindow):
    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        with session_scope(engine) as s:
            shop = get_setting(s, "shop.name") or APP_NAME
            members = s.scalar(select(func.count()).select_from(Member))
            visits = s.scalar(select(func.count()).select_from(Visit))
        self.setWindowTitle(f"{shop} — {APP_NAME}")
        self.setCentralWidget(QLabel(f"{shop}\n{members} members, {visits} visits"))
        self.resize(1280, 760)
