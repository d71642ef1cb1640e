"""The audit log: filters, export, and settings changes audited old -> new."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import AuditEntry, Staff
from shopcrm.services.audit import audit_entries, export_audit, record
from shopcrm.services.auth import ROLE_OWNER, SYSTEM, Actor
from shopcrm.services.settings import change_setting, get_setting

OWNER = Actor(1, "老板", ROLE_OWNER)


@pytest.fixture(autouse=True)
def _owner_row(session):
    session.add(Staff(id=1, name="老板", role=ROLE_OWNER))
    session.flush()


def _fill(session) -> None:
    record(session, OWNER, "member", 7, "update", field="notes")
    record(session, Actor(None, "=2+3", ROLE_OWNER), "visit", 3, "void", reason="=1+1")
    record(session, OWNER, "member", 8, "create")
    session.add(
        AuditEntry(
            actor="old",
            entity="member",
            entity_id=9,
            action="create",
            created_at=datetime(2020, 1, 1, 12),
            detail={},
        )
    )
    session.flush()


def test_filters_and_order(session):
    _fill(session)
    rows = audit_entries(session, actor=OWNER)
    assert [r.action for r in rows][:3] == ["create", "void", "update"]  # newest first
    members = audit_entries(session, entity="member", actor=OWNER)
    assert {r.entity_id for r in members} == {7, 8, 9}
    assert [r.entity_id for r in audit_entries(session, entity="member", entity_id=7, actor=SYSTEM)] == [7]
    assert [r.entity_id for r in audit_entries(session, until=date(2020, 1, 1), actor=SYSTEM)] == [9]
    assert 9 not in {r.entity_id for r in audit_entries(session, since=date(2020, 1, 2), actor=SYSTEM)}
    assert [r.actor for r in audit_entries(session, staff_id=1, actor=SYSTEM)] == ["老板", "老板"]
    assert len(audit_entries(session, limit=2, actor=SYSTEM)) == 2
    assert [r.entity_id for r in audit_entries(session, limit=1, offset=3, actor=SYSTEM)] == [9]
    assert rows[1].actor == "=2+3" and rows[1].staff_id is None


def test_export_csv_xlsx_json(session, tmp_path):
    _fill(session)
    assert export_audit(session, tmp_path / "a.csv", actor=OWNER) == 4
    with (tmp_path / "a.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0][:3] == ["id", "created_at", "actor"] and len(table) == 5
    assert table[2][2] == "'=2+3"  # formula-looking text is defused
    export_audit(session, tmp_path / "a.xlsx", actor=OWNER, entity="member")
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert sheet.freeze_panes == "A2" and sheet.max_row == 4
    assert isinstance(sheet["B2"].value, datetime)
    assert sheet["C2"].value == "老板"
    export_audit(session, tmp_path / "a.xlsx", actor=OWNER)
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert sheet["C3"].data_type == "s" and sheet["C3"].value == "=2+3"  # text, not formula
    assert sheet["H3"].value == '{"reason": "=1+1"}'
    export_audit(session, tmp_path / "a.json", actor=OWNER, since=clock.today())
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert len(data) == 3 and data[0]["detail"] == {}
    with pytest.raises(ShopError) as exc:
        export_audit(session, tmp_path / "a.pdf", actor=OWNER)
    assert exc.value.msg_id == "audit.export_format"


def test_change_setting_is_audited_old_to_new(session):
    change_setting(session, "shop.name", "小美发屋", actor=OWNER)
    change_setting(session, "shop.name", "小美发屋", actor=OWNER)  # no change: no entry
    change_setting(session, "shop.name", "大美发屋", actor=OWNER)
    assert get_setting(session, "shop.name") == "大美发屋"
    rows = audit_entries(session, entity="setting", actor=OWNER)
    assert [(r.detail["old"], r.detail["new"]) for r in rows] == [
        ("小美发屋", "大美发屋"),
        ("", "小美发屋"),
    ]
    assert rows[0].detail["key"] == "shop.name" and rows[0].actor == "老板"
    assert rows[0].created_at > clock.now() - timedelta(minutes=5)
