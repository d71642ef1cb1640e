"""Small builders for the reliability tests (plain ORM: the member/visit services are
other branches')."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from shopcrm.db import is_sqlite
from shopcrm.models import Member, Visit, VisitLine, VisitPayment
from shopcrm.services.auth import ROLE_OWNER, ROLE_STAFF, SYSTEM, add_staff, set_pin


def sqlite_only(engine_or_url: Engine | str) -> None:
    if not is_sqlite(engine_or_url):
        pytest.skip("SQLite only: PostgreSQL is backed up with pg_dump and has no file to check")


def add_member(session: Session, name: str = "张三", phone: str = "+8613800138000", **extra) -> int:
    phone_str = phone or ""
    digits = phone_str[3:] if phone_str.startswith("+86") else phone_str
    member = Member(name=name, phone=phone, phone_digits=digits, phone_rev=digits[::-1], **extra)
    session.add(member)
    session.flush()
    return member.id


def add_visit(
    session: Session,
    member_id: int | None,
    amount: str = "88.00",
    when: datetime | None = None,
    note: str = "",
) -> int:
    value = Decimal(amount)
    visit = Visit(
        member_id=member_id,
        visited_at=when or datetime(2025, 3, 1, 10, 0),
        total_list=value,
        total_amount=value,
        note=note,
    )
    visit.lines.append(VisitLine(line_no=1, item_name="洗剪吹", unit_price=value, amount=value))
    visit.payments.append(VisitPayment(method="cash", amount=value))
    session.add(visit)
    session.flush()
    return visit.id


def count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def owner_and_staff(session: Session) -> tuple[int, int]:
    """An owner with PIN 246800 and a staff member with PIN 135700 (committed)."""
    owner = add_staff(session, "老板", ROLE_OWNER, actor=SYSTEM)
    set_pin(session, owner, "246800", actor=SYSTEM)
    staff = add_staff(session, "小王", ROLE_STAFF, actor=SYSTEM)
    set_pin(session, staff, "135700", actor=SYSTEM)
    session.commit()
    return owner, staff


def revision_before(revision: str) -> str:
    """The migration that `revision` follows (migrations are re-chained as branches land)."""
    from alembic.script import ScriptDirectory

    from shopcrm.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    assert script is not None and isinstance(script.down_revision, str)
    return script.down_revision


def check_index_migration(
    tmp_path, revision: str, indexes: dict[tuple[str, str], list[str] | None]
) -> None:  # noqa: ANN001
    """A migration that adds indexes, on a database made by the schema before it: absent
    there, present after opening (the upgrade to head; `indexes` maps (table, index) to its
    columns, or None not to check them), gone again after the downgrade."""
    from alembic import command
    from sqlalchemy import inspect

    from shopcrm.db import make_engine, open_database
    from shopcrm.migrate import SCHEMA_HEAD, alembic_config, current_revision, upgrade_to

    def found(engine) -> dict[tuple[str, str], list[str]]:  # noqa: ANN001
        inspector = inspect(engine)
        return {
            (table, ix["name"]): ix["column_names"]
            for table in {t for t, _ in indexes}
            for ix in inspector.get_indexes(table)
        }

    path, before = tmp_path / "before.db", revision_before(revision)
    engine = make_engine(str(path))
    upgrade_to(engine, before)
    assert not set(indexes) & set(found(engine))
    engine.dispose()
    upgraded = open_database(str(path))
    assert current_revision(upgraded) == SCHEMA_HEAD
    present = found(upgraded)
    for key, columns in indexes.items():
        assert key in present, key
        assert columns is None or present[key] == columns, (key, present[key])
    upgraded.dispose()
    engine = make_engine(str(path))
    command.downgrade(alembic_config(engine), before)
    assert not set(indexes) & set(found(engine))
    engine.dispose()
