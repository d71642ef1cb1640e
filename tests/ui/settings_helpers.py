"""Builders for the Settings tests: the screen shown on one page, staff with PINs."""

from __future__ import annotations

from shopcrm.db import session_scope
from shopcrm.services.auth import ROLE_OWNER, ROLE_STAFF, SYSTEM, Actor, set_pin
from shopcrm.services.staff import create_staff

OWNER_PIN, STAFF_PIN = "246800", "135700"


def open_page(ctx, qtbot, page_id: str):
    """The Settings screen shown on `page_id`; returns (screen, page)."""
    from shopcrm.ui.settings import SettingsScreen

    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1190, 700)
    screen.show()
    screen.activate()
    page = screen.show_page(page_id)
    return screen, page


def owner_and_staff(engine) -> tuple[Actor, Actor]:
    """An owner 老板 (PIN 246800) and a staff member 小王 (PIN 135700)."""
    with session_scope(engine, write=True) as s:
        owner = create_staff(s, "老板", role=ROLE_OWNER, actor=SYSTEM)
        staff = create_staff(s, "小王", role=ROLE_STAFF, title="发型师", actor=SYSTEM)
        set_pin(s, owner, OWNER_PIN, actor=SYSTEM)
        set_pin(s, staff, STAFF_PIN, actor=Actor(owner, "老板", ROLE_OWNER))
    return Actor(owner, "老板", ROLE_OWNER), Actor(staff, "小王", ROLE_STAFF)


def answer_inputs(monkeypatch, *answers) -> list:
    """QInputDialog.getText/getItem return `answers` in turn; returns the prompts seen."""
    from PySide6.QtWidgets import QInputDialog

    queue = list(answers)
    prompts: list = []

    def fake(_parent, _title, label, *args, **kwargs):
        prompts.append(label)
        return queue.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(fake))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(fake))
    return prompts
