"""Small ORM helpers for the follow-up tests: members, services and visits written directly
(the member and visit services are built on other branches)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.models import (
    MEMBER_ACTIVE,
    VISIT_OK,
    Followup,
    FollowupRule,
    Member,
    Service,
    Staff,
    Visit,
    VisitLine,
)
from shopcrm.services.names import name_keys

_phones = itertools.count(13800000001)


def add_member(
    session: Session,
    name: str = "张三",
    *,
    kind: str | None = None,
    month: int | None = None,
    day: int | None = None,
    leap: bool = False,
    year: int | None = None,
    consent: bool = True,
    status: str = MEMBER_ACTIVE,
    joined: date = date(2020, 1, 1),
) -> Member:
    phone = f"+86{next(_phones)}"
    pinyin, initials = name_keys(name)
    member = Member(
        name=name,
        name_pinyin=pinyin,
        name_initials=initials,
        phone=phone,
        phone_digits=phone[3:],
        phone_rev=phone[3:][::-1],
        birthday_kind=kind,
        birth_month=month,
        birth_day=day,
        birth_leap=leap,
        birth_year=year,
        consent_marketing=consent,
        status=status,
        join_date=joined,
    )
    session.add(member)
    session.flush()
    return member


def add_service(session: Session, name: str, offsets: list[int]) -> Service:
    service = Service(name=name, care_offsets=offsets, list_price=Decimal("100"))
    session.add(service)
    session.flush()
    return service


def add_staff(session: Session, name: str = "小美") -> Staff:
    staff = Staff(name=name, role="staff")
    session.add(staff)
    session.flush()
    return staff


def add_visit(
    session: Session,
    member: Member,
    day: date,
    services: list[Service] = (),
    *,
    status: str = VISIT_OK,
    staff: Staff | None = None,
) -> Visit:
    """A visit on `day` at 15:00, keeping the member's derived stats as the visit service
    does."""
    visit = Visit(
        member_id=member.id,
        visited_at=datetime.combine(day, time(15, 0)),
        status=status,
        total_amount=Decimal("100") * len(services),
    )
    for n, service in enumerate(services, start=1):
        visit.lines.append(
            VisitLine(
                line_no=n,
                service_id=service.id,
                item_name=service.name,
                unit_price=service.list_price,
                amount=service.list_price,
                staff_id=staff.id if staff else None,
            )
        )
    session.add(visit)
    session.flush()
    days = sorted(
        v.visited_at.date()
        for v in session.scalars(
            select(Visit).where(Visit.member_id == member.id, Visit.status == VISIT_OK)
        )
    )
    member.visit_count = len(days)
    member.first_visit_on = days[0] if days else None
    member.last_visit_on = days[-1] if days else None
    session.flush()
    return visit


def rule_of(session: Session, kind: str) -> FollowupRule:
    return session.scalars(
        select(FollowupRule).where(FollowupRule.kind == kind, FollowupRule.builtin)
    ).one()


def followups_of(session: Session, member: Member, kind: str | None = None) -> list[Followup]:
    query = (
        select(Followup)
        .join(FollowupRule, FollowupRule.id == Followup.rule_id)
        .where(Followup.member_id == member.id)
        .order_by(Followup.id)
    )
    if kind:
        query = query.where(FollowupRule.kind == kind)
    session.expire_all()
    return list(session.scalars(query))
