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
