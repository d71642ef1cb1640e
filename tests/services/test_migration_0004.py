"""Migration 0004: naive-UTC timestamps become the shop's local time; visited_at stays."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from shopcrm.db import make_engine
from shopcrm.migrate import upgrade_to
from shopcrm.services.auth import SYSTEM

MEMBER = (
    "INSERT INTO members (id, name, name_pinyin, name_initials, phone, phone_digits,"
    " phone_rev, gender, birth_leap, level, join_date, source, notes, consent_marketing,"
    " profile, status, visit_count, lifetime_spend, created_at, updated_at, version)"
    " VALUES (1, 'Li', 'li', 'l', '+8613800138000', '13800138000', '00083100831', 'F', 0,"
    " '', '2026-10-31', '', '', 1, '{}', 'active', 0, 0, :created, :updated, 1)"
)
VISIT = (
    "INSERT INTO visits (id, member_id, visited_at, total_list, total_discount, total_amount,"
    " status, note, complaint, created_at, updated_at, voided_at, void_reason, version)"
    " VALUES (1, 1, :visited, 5000, 0, 5000, 'voided', '', '', :created, :created, :voided,"
    " 'typo', 1)"
)
WALLET = (
    "INSERT INTO wallet_entries (id, member_id, account, seq, entry_type, amount,"
    " balance_after, reason, created_at) VALUES (:id, 1, 'stored_value', :id, 'topup', 10000,"
    " 10000, '', :created)"
)
AUDIT = (
    "INSERT INTO audit_log (id, created_at, actor, entity, action, detail)"
    " VALUES (1, :created, 'owner', 'wallet', 'topup', '{}')"
)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def _at_0003(path: Path) -> Engine:
    engine = make_engine(str(path))
    upgrade_to(engine, "0003")
    return engine


def _read(engine: Engine, sql: str) -> list[datetime | None]:
    with engine.connect() as conn:
        row = conn.execute(text(sql)).one()
    return [None if v is None else datetime.fromisoformat(v) for v in row]


def test_utc_columns_become_shanghai_time_and_visited_at_stays(tmp_path, zone):
    zone("Asia/Shanghai")
    engine = _at_0003(tmp_path / "shop.db")
    with engine.begin() as conn:
        # A top-up at 03:00 local on 1 Nov was stored as 19:00 UTC on 31 Oct.
        conn.execute(
            text(MEMBER),
            {"created": "2026-10-31 19:00:00.000000", "updated": "2026-10-31 20:30:15.250000"},
        )
        conn.execute(
            text(VISIT),
            {
                "visited": "2026-10-31 23:59:00.000000",
                "created": "2026-10-31 15:59:00.000000",
                "voided": "2026-10-31 16:10:00",
            },
        )
        conn.execute(text(WALLET), {"id": 1, "created": "2026-10-31 19:00:00.000000"})
        conn.execute(text(AUDIT), {"created": "2026-12-31 16:00:00.000000"})
    upgrade_to(engine, "0004")

    assert _read(engine, "SELECT created_at, updated_at FROM members") == [
        datetime(2026, 11, 1, 3, 0),
        datetime(2026, 11, 1, 4, 30, 15, 250000),
    ]
    assert _read(engine, "SELECT visited_at, created_at, updated_at, voided_at FROM visits") == [
        datetime(2026, 10, 31, 23, 59),
        datetime(2026, 10, 31, 23, 59),
        datetime(2026, 10, 31, 23, 59),
        datetime(2026, 11, 1, 0, 10),
    ]
    assert _read(engine, "SELECT created_at FROM wallet_entries") == [datetime(2026, 11, 1, 3)]
    assert _read(engine, "SELECT created_at FROM audit_log") == [datetime(2027, 1, 1, 0, 0)]

    upgrade_to(engine, "head")  # later revisions keep the converted values
    assert _read(engine, "SELECT created_at FROM wallet_entries") == [datetime(2026, 11, 1, 3)]

    # ... and the ORM (the newest schema) reads them back as the same local times.
    from sqlalchemy.orm import Session

    from shopcrm.models import WalletEntry

    with Session(engine) as s:
        assert s.get(WalletEntry, 1).created_at == datetime(2026, 11, 1, 3, 0)

    # the report now puts the 03:00 top-up in November and the 23:59 visit in October
    from shopcrm.services.reports import monthly_report

    with Session(engine) as s:
        october = monthly_report(s, 2026, 10, "en", with_segments=False, actor=SYSTEM)
        november = monthly_report(s, 2026, 11, "en", with_segments=False, actor=SYSTEM)
    assert october.stored_value.added == 0 and november.stored_value.added == 100
    assert october.figures.voided_visits == 1 and november.figures.voided_visits == 0
    engine.dispose()


def test_daylight_saving_zone_converts_each_row_with_its_own_offset(tmp_path, zone):
    zone("Europe/Berlin")  # +1 in winter, +2 in summer: two segments per year
    engine = _at_0003(tmp_path / "shop.db")
    times = {
        1: ("2026-01-15 12:00:00.000000", datetime(2026, 1, 15, 13)),
        2: ("2026-07-15 12:00:00.000000", datetime(2026, 7, 15, 14)),
        3: ("2026-10-25 00:59:59.000000", datetime(2026, 10, 25, 2, 59, 59)),  # before the change
        4: ("2026-10-25 01:00:00.000000", datetime(2026, 10, 25, 2, 0)),  # at the change
        5: ("2027-03-28 01:00:00.000000", datetime(2027, 3, 28, 3, 0)),  # summer again
    }
    with engine.begin() as conn:
        conn.execute(
            text(MEMBER), {"created": "2026-01-01 00:00:00", "updated": "2026-01-01 00:00:00"}
        )
        for n, (stored, _) in times.items():
            conn.execute(text(WALLET), {"id": n, "created": stored})
    upgrade_to(engine, "0004")
    with engine.connect() as conn:
        got = dict(conn.execute(text("SELECT id, created_at FROM wallet_entries")).all())
    assert {n: datetime.fromisoformat(v) for n, v in got.items()} == {
        n: want for n, (_, want) in times.items()
    }
    engine.dispose()


def test_utc_machine_changes_nothing_and_downgrade_returns_to_utc(tmp_path, zone):
    zone("UTC")
    engine = _at_0003(tmp_path / "shop.db")
    with engine.begin() as conn:
        conn.execute(
            text(MEMBER),
            {"created": "2026-10-31 19:00:00.000000", "updated": "2026-10-31 19:00:00.000000"},
        )
    upgrade_to(engine, "0004")
    assert _read(engine, "SELECT created_at FROM members") == [datetime(2026, 10, 31, 19)]
    zone("Asia/Shanghai")
    from alembic import command

    from shopcrm.migrate import alembic_config

    command.downgrade(alembic_config(engine), "0003")
    assert _read(engine, "SELECT created_at FROM members") == [datetime(2026, 10, 31, 11)]
    engine.dispose()
