"""Issue 22 item 1: with roles on, counter commands log in the person at the counter
(--staff NAME + their PIN), apply that person's permissions and name them in the audit."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rel_helpers import add_member, add_visit, owner_and_staff

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.models import AuditEntry, Visit
from shopcrm.services.auth import SYSTEM, Actor, set_roles_enabled
from shopcrm.services.catalog import create_service
from shopcrm.services.wallet.reading import account_balances

OWNER_PIN, STAFF_PIN = "246800", "135700"
NOW = datetime(2026, 11, 20, 15, 0)
NO_ENV = {"SHOPCRM_PIN": None, "SHOPCRM_STAFF": None}


def _run(db_url: str, *args: str, env: dict | None = None):
    with clock.frozen(NOW):
        return CliRunner().invoke(
            main, ["--db", db_url, "--lang", "en", *args], env={**NO_ENV, **(env or {})}
        )


@pytest.fixture
def shop(db_url):
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        owner, _staff = owner_and_staff(s)
        create_service(s, "洗剪吹", "10", actor=SYSTEM)
        member = add_member(s, "钱七", "+8613500135000")
        old = NOW - timedelta(days=60)
        with clock.frozen(old):
            add_visit(s, member, "66.00", when=old)  # visit 1: two months old
        with clock.frozen(NOW - timedelta(hours=1)):
            add_visit(s, member, "50.00", when=NOW - timedelta(hours=1))  # visit 2: fresh
        set_roles_enabled(s, True, actor=Actor(owner, "老板", "owner"))
    engine.dispose()
    return db_url


def _read(db_url: str, fn):
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            return fn(s)
    finally:
        engine.dispose()


def _status(db_url: str, visit_id: int) -> str:
    return _read(db_url, lambda s: s.get(Visit, visit_id).status)


def _audit(db_url: str, entity: str, action: str) -> list[str]:
    return _read(
        db_url,
        lambda s: [e.actor for e in s.query(AuditEntry).filter_by(entity=entity, action=action)],
    )


def test_staff_cannot_void_a_two_month_old_visit(shop):
    result = _run(
        shop, "visit", "void", "1", "--reason", "wrong", "--staff", "小王", "--pin", STAFF_PIN
    )
    assert result.exit_code == 1
    assert "Only the owner may do this (void an older visit)" in result.output
    assert "Traceback" not in result.output
    assert _status(shop, 1) == "ok"
    assert _audit(shop, "visit", "void") == []


def test_staff_voids_a_fresh_visit_and_the_audit_names_them(shop):
    result = _run(
        shop,
        "visit",
        "void",
        "2",
        "--reason",
        "entered twice",
        env={"SHOPCRM_STAFF": "小王", "SHOPCRM_PIN": STAFF_PIN},
    )
    assert result.exit_code == 0, result.output
    assert _status(shop, 2) == "voided"
    assert _audit(shop, "visit", "void") == ["小王"]


def test_the_owner_voids_the_old_visit_with_the_owner_pin(shop):
    result = _run(shop, "visit", "void", "1", "--reason", "wrong", "--pin", OWNER_PIN)
    assert result.exit_code == 0, result.output
    assert _audit(shop, "visit", "void") == ["老板"]


def test_topup_without_a_pin_is_refused(shop):
    result = _run(shop, "topup", "--member", "13500135000", "300")
    assert result.exit_code == 1
    assert "needs the PIN of the person at the counter" in result.output
    assert _read(shop, lambda s: account_balances(s, 1)[0]) == Decimal("0")


def test_topup_with_a_wrong_staff_pin_is_refused(shop):
    result = _run(
        shop, "topup", "--member", "13500135000", "300", "--staff", "小王", "--pin", "999999"
    )
    assert result.exit_code == 1
    assert "Wrong PIN for 小王." in result.output
    assert _read(shop, lambda s: account_balances(s, 1)[0]) == Decimal("0")


def test_staff_topup_is_audited_under_their_name(shop):
    result = _run(
        shop, "topup", "--member", "13500135000", "300", "--staff", "小王", "--pin", STAFF_PIN
    )
    assert result.exit_code == 0, result.output
    assert _read(shop, lambda s: account_balances(s, 1)[0]) == Decimal("300")
    assert _audit(shop, "wallet", "topup") == ["小王"]


def test_visit_add_logs_in_whoever_served(shop):
    result = _run(
        shop,
        "visit",
        "add",
        "--member",
        "13500135000",
        "--service",
        "洗剪吹",
        "--staff",
        "小王",
        env={"SHOPCRM_PIN": STAFF_PIN},
    )
    assert result.exit_code == 0, result.output
    assert _audit(shop, "visit", "record") == ["小王"]


def test_import_visits_create_missing_needs_the_owner(shop, tmp_path: Path):
    path = tmp_path / "visits.csv"
    path.write_text("日期,手机,项目,金额\n2026-11-02,13500135000,新项目,88\n", encoding="utf-8")
    result = _run(
        shop, "import-visits", str(path), "--create-missing", "--staff", "小王", "--pin", STAFF_PIN
    )
    assert result.exit_code == 1
    assert "Only the owner may do this" in result.output
    assert _read(shop, lambda s: s.query(Visit).count()) == 2
    missing = _run(shop, "import-visits", str(path), "--create-missing")
    assert missing.exit_code == 1 and "PIN" in missing.output
    assert _read(shop, lambda s: s.query(Visit).count()) == 2
