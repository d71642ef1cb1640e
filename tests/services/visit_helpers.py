"""Small builders shared by the visit, wallet and import tests (members are made directly:
the members service lives on another branch)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from shopcrm.models import Member
from shopcrm.services import catalog, staff
from shopcrm.services.auth import SYSTEM


def make_member(
    session: Session,
    name: str = "张三",
    phone: str | None = "13800138000",
    card_no: str | None = None,
) -> int:
    member = Member(
        name=name,
        phone="+86" + phone if phone else None,
        phone_digits=phone or "",
        phone_rev=(phone or "")[::-1],
        card_no=card_no,
    )
    session.add(member)
    session.flush()
    return member.id


def make_shop(session: Session) -> dict[str, int]:
    """A small catalogue and two staff; returns their ids by short name."""
    cat = catalog.create_category(session, "剪发", actor=SYSTEM)
    ids = {
        "cut": catalog.create_service(
            session, "洗剪吹", Decimal("88"), category_id=cat, duration_min=45, actor=SYSTEM
        ),
        "perm": catalog.create_service(
            session, "烫发", Decimal("380"), category_id=cat, care_offsets=[30, 3], actor=SYSTEM
        ),
        "care": catalog.create_service(session, "头皮护理", "168.50", actor=SYSTEM),
        "tony": staff.create_staff(session, "Tony", title="发型师", actor=SYSTEM),
        "li": staff.create_staff(session, "小李", title="助理", actor=SYSTEM),
    }
    return ids
