"""The database layer: URLs, SQLite settings, exact money, and the layering rule."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text

from shopcrm.db import is_sqlite, make_engine, resolve_db_url, session_scope
from shopcrm.models import Member, Money, Service

PACKAGE = Path(__file__).resolve().parents[2] / "shopcrm"


def test_resolve_db_url_forms(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOPCRM_DB", raising=False)
    assert resolve_db_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert resolve_db_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("SHOPCRM_DB", str(tmp_path / "env.db"))
    assert resolve_db_url(None).endswith("env.db")


def test_default_database_lives_in_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SHOPCRM_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert resolve_db_url(None) == f"sqlite:///{tmp_path / 'ShopCRM' / 'shopcrm.db'}"


def test_sqlite_runs_with_wal_and_foreign_keys(engine):
    if not is_sqlite(engine):
        pytest.skip("SQLite only")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(engine):
    with pytest.raises(Exception, match="(?i)foreign key"), session_scope(engine) as s:
        s.execute(text("INSERT INTO member_tags (member_id, tag) VALUES (987654, 'x')"))


def test_money_round_trips_exactly(session):
    prices = [Decimal("0.01"), Decimal("0.1") + Decimal("0.2"), Decimal("99999999.99")]
    for i, price in enumerate(prices):
        session.add(Service(name=f"s{i}", list_price=price))
    session.commit()
    stored = session.scalars(select(Service.list_price).order_by(Service.id)).all()
    assert stored == prices
    raw = session.execute(text("SELECT list_price FROM services ORDER BY id")).scalars().all()
    assert raw == [1, 30, 9999999999]  # whole cents, never floats


def test_money_refuses_fractions_of_a_cent():
    with pytest.raises(ValueError, match="more than two decimals"):
        Money().process_bind_param(Decimal("1.005"), None)


def test_session_scope_rolls_back_on_error(engine):
    with pytest.raises(RuntimeError), session_scope(engine, write=True) as s:
        s.add(Member(name="回滚", phone="+8613800138000", phone_digits="13800138000"))
        s.flush()
        raise RuntimeError("boom")
    with session_scope(engine) as s:
        assert s.scalar(select(Member).where(Member.name == "回滚")) is None


def test_make_engine_creates_folder(tmp_path):
    eng = make_engine(str(tmp_path / "deep" / "er" / "shop.db"))
    with eng.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    assert (tmp_path / "deep" / "er").is_dir()


def test_domain_never_imports_qt():
    """Services, models and the CLI must run without PySide6 (the UI is the only Qt layer)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n.split(".")[0] == "PySide6" for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
