"""The day's list by member: one row per member with all her reasons, so nobody is called
twice, plus what the caller wants to know first (how overdue, the last visit and who
served her)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ...i18n import define, join_list, translate
from ...models import VISIT_OK, Staff, Visit, VisitLine
from ..dates import day_text
from .finders import CHUNK
from .listing import DueItem
from .texts import KIND_WINBACK

REASON_SEPARATOR = define("followups.reason_separator", en="; ", zh="；")
M_OVERDUE_DAYS = define("followups.overdue_days", en="{days:|day} overdue", zh="已逾期{days}天")
M_LAST_VISIT = define("followups.last_visit", en="last visit {day}", zh="上次到店 {day}")
M_LAST_VISIT_STAFF = define(
    "followups.last_visit_staff", en="last visit {day} ({staff})", zh="上次到店 {day}（{staff}）"
)
M_NO_VISITS = define("followups.no_visits", en="no visits yet", zh="还没有到店记录")


@dataclass(frozen=True)
class MemberDue:
    """One member on the day's list."""

    member_id: int
    member_name: str
    phone: str
    items: tuple[DueItem, ...]  # her follow-ups that day, the most pressing first
    overdue_days: int  # days past the latest natural day among them (0: none overdue)
    last_visit: date | None
    last_staff: tuple[str, ...]  # who served her at that visit

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(item.id for item in self.items)

    @property
    def first(self) -> DueItem:
        return self.items[0]

    def facts(self, lang: str | None = None, today: date | None = None) -> list[str]:
        """How overdue she is and her last visit with who served her, as short phrases."""
        out = []
        if self.overdue_days:
            out.append(translate(M_OVERDUE_DAYS, lang, days=self.overdue_days))
        if self.last_visit is None:
            out.append(translate(M_NO_VISITS, lang))
        elif self.last_staff:
            day = day_text(self.last_visit, lang, today)
            staff = join_list(self.last_staff, lang)
            out.append(translate(M_LAST_VISIT_STAFF, lang, day=day, staff=staff))
        else:
            out.append(translate(M_LAST_VISIT, lang, day=day_text(self.last_visit, lang, today)))
        return out

    def reasons(self, lang: str | None = None) -> str:
        """Her reasons in one line, each with its number first."""
        return translate(REASON_SEPARATOR, lang).join(item.reason for item in self.items)


def days_overdue(item: DueItem, on: date) -> int:
    """Days since the follow-up's natural day (the birthday, the care date, the day the
    lapse was raised); 0 when it is not past it."""
    start = item.due_date if item.rule_kind == KIND_WINBACK else item.occasion_date
    return max(0, (on - start).days) if item.overdue else 0


def _last_visits_statement() -> Any:
    """Her last visit (the latest at, ok visits) with the staff on its lines; built once
    (the members are an expanding parameter, so it is compiled once too)."""
    ids = bindparam("ids", expanding=True)
    latest = (
        select(Visit.member_id, func.max(Visit.visited_at).label("at"))
        .where(Visit.member_id.in_(ids), Visit.status == VISIT_OK)
        .group_by(Visit.member_id)
        .subquery()
    )
    return (
        select(Visit.member_id, Visit.visited_at, Staff.name)
        .join(latest, (Visit.member_id == latest.c.member_id) & (Visit.visited_at == latest.c.at))
        .outerjoin(VisitLine, VisitLine.visit_id == Visit.id)
        .outerjoin(Staff, Staff.id == VisitLine.staff_id)
        .where(Visit.status == VISIT_OK)
        .order_by(Visit.member_id, VisitLine.id)
    )


_LAST_VISITS = _last_visits_statement()


def last_visits(
    session: Session, member_ids: Iterable[int]
) -> dict[int, tuple[date, tuple[str, ...]]]:
    """member id -> (day of her last visit, the staff on its lines)."""
    ids = sorted(set(member_ids))
    out: dict[int, tuple[date, tuple[str, ...]]] = {}
    for i in range(0, len(ids), CHUNK):
        for member_id, at, staff in session.execute(_LAST_VISITS, {"ids": ids[i : i + CHUNK]}):
            day, names = out.get(member_id, (at.date(), ()))
            if staff and staff not in names:
                names = (*names, staff)
            out[member_id] = (day, names)
    return out


def by_member(session: Session, items: Iterable[DueItem], on: date) -> list[MemberDue]:
    """Group the day's items by member, in the order her first item comes; within a member
    the overdue ones first, then by the rules' order."""
    groups: dict[int, list[DueItem]] = {}
    for item in items:
        groups.setdefault(item.member_id, []).append(item)
    visits = last_visits(session, groups)
    result = []
    for member_id, group in groups.items():
        group.sort(key=lambda i: (not i.overdue, i.rule_order, i.rule_id, i.due_date, i.id))
        last = visits.get(member_id)
        result.append(
            MemberDue(
                member_id=member_id,
                member_name=group[0].member_name,
                phone=group[0].phone,
                items=tuple(group),
                overdue_days=max(days_overdue(i, on) for i in group),
                last_visit=last[0] if last else None,
                last_staff=last[1] if last else (),
            )
        )
    return result
