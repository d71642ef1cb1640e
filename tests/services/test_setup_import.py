"""Catalogue and staff imports (per-row outcomes, dry run, idempotent) and the blank
templates, each of which imports cleanly when filled with its own example row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.cli import main
from shopcrm.models import Member, Service, Staff, Visit
from shopcrm.services import catalog
from shopcrm.services.auth import SYSTEM
from shopcrm.services.setup_import import import_services, import_staff


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """The CLI's --lang sets the process's language: put it back for the next tests."""
    from shopcrm.i18n import current_language, set_language

    before = current_language()
    yield
    set_language(before)


def run(db_url: str, *args: str) -> dict | str:
    out = CliRunner().invoke(main, ["--db", db_url, *args])
    assert out.exit_code == 0, out.output
    return out.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_template_round_trips(db_url: str, tmp_path: Path, lang: str) -> None:
    from shopcrm.db import make_engine, session_scope

    files = {}
    for kind in ("members", "visits", "services", "staff"):
        files[kind] = tmp_path / f"{kind}.xlsx"
        run(db_url, "--lang", lang, "template", kind, "-o", str(files[kind]))
    services = json.loads(
        run(db_url, "--lang", lang, "import-services", str(files["services"]), "--json")
    )
    assert (services["created"], services["errors"]) == (1, 0)
    staff = json.loads(run(db_url, "--lang", lang, "import-staff", str(files["staff"]), "--json"))
    assert (staff["created"], staff["errors"]) == (1, 0)
    members = json.loads(
        run(db_url, "--lang", lang, "import-members", str(files["members"]), "--json")
    )
    assert members["created"] == 1 and not members.get("rejected")
    visits = run(db_url, "--lang", lang, "import-visits", str(files["visits"]), "--json")
    assert json.loads(visits)["rows_imported"] == 1, visits
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        counts = [
            s.scalar(select(func.count()).select_from(m)) for m in (Service, Staff, Member, Visit)
        ]
        phone = s.scalar(select(Member.phone))
    engine.dispose()
    assert counts == [1, 1, 1, 1]
    assert phone.endswith("13800138000")


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_services_import_reports_each_row_and_is_idempotent(
    session: Session, tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "price list.csv",
        '价目表\n项目,分类,价格,时长,回访\n洗剪吹,剪发,68,45,"3,30"\n烫发,烫染,abc,120,\n,剪发,10,,\n染发,烫染,298,120,7\n',
        "gb18030",
    )
    first = import_services(session, sheet, actor=SYSTEM)
    assert [(r.row, r.outcome) for r in first.rows] == [
        (3, "created"),
        (4, "error"),
        (5, "error"),
        (6, "created"),
    ]
    assert "abc" in first.rows[1].reason
    cut = catalog.service_by_name(session, "洗剪吹")
    assert (cut.list_price, cut.duration_min, cut.care_offsets, cut.category) == (
        Decimal("68.00"),
        45,
        (3, 30),
        "剪发",
    )
    again = import_services(session, sheet, actor=SYSTEM)
    assert [r.outcome for r in again.rows] == ["unchanged", "error", "error", "unchanged"]
    assert session.scalar(select(func.count()).select_from(Service)) == 2
    write_csv(sheet, "项目,价格\n洗剪吹,78\n")
    changed = import_services(session, sheet, actor=SYSTEM)
    assert [r.outcome for r in changed.rows] == ["updated"]
    assert catalog.service_by_name(session, "洗剪吹").list_price == Decimal("78.00")


def test_staff_import_and_a_bad_role(session: Session, tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "staff.csv", "姓名,角色,职位\n小李,员工,服务员\n老王,店主,\n阿珍,厨师,\n"
    )
    result = import_staff(session, sheet, actor=SYSTEM)
    assert [r.outcome for r in result.rows] == ["created", "created", "error"]
    roles = dict(session.execute(select(Staff.name, Staff.role)).all())
    assert roles == {"小李": "staff", "老王": "owner"}
    assert [r.outcome for r in import_staff(session, sheet, actor=SYSTEM).rows] == [
        "unchanged",
        "unchanged",
        "error",
    ]


def test_dry_run_saves_nothing_and_a_report_is_written(db_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = write_csv(tmp_path / "s.csv", "Service,Price\nCut,50\nPerm,x\n")
    report = tmp_path / "report.xlsx"
    out = run(
        db_url, "--lang", "en", "import-services", str(sheet), "--dry-run", "--report", str(report)
    )
    assert "Dry run" in out and "Row 3" in out
    listed = json.loads(run(db_url, "services", "--json"))
    assert listed == []
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Name", "Outcome", "Reason")
    assert rows[1][:3] == (2, "Cut", "added") and rows[2][2] == "not imported"
