"""Settings: Import from Excel… and Get the template… beside services and staff."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from shopcrm.db import session_scope
from shopcrm.services.catalog import list_services
from shopcrm.services.staff import list_staff

from .settings_helpers import open_page


def test_template_then_import_from_the_services_page(
    ctx, engine, qtbot, monkeypatch, tmp_path: Path
) -> None:
    target = tmp_path / "services.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    _, page = open_page(ctx, qtbot, "catalog")
    page.import_buttons.template_button.click()
    assert target.is_file()
    page.import_buttons.import_button.click()
    assert page.import_buttons.result.summary().startswith("1 added")
    with session_scope(engine) as s:
        services = list_services(s)
    assert [(v.name, v.list_price) for v in services] == [
        ("Wash, cut & blow-dry", Decimal("68.00"))
    ]
    assert page.table.rowCount() == 1


def test_staff_import_reports_bad_rows(
    ctx, engine, qtbot, monkeypatch, dialogs, tmp_path: Path
) -> None:
    sheet = tmp_path / "staff.csv"
    sheet.write_text("Name,Role\nXiao Li,staff\nA Zhen,cook\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    _, page = open_page(ctx, qtbot, "staff")
    page.import_buttons.import_button.click()
    assert [r.outcome for r in page.import_buttons.result.rows] == ["created", "error"]
    with session_scope(engine) as s:
        assert [v.name for v in list_staff(s)] == ["Xiao Li"]
