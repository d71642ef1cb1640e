"""The shop at a glance: a few figures straight from the database (read only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import clock
from ...models import (
    ACCOUNT_STORED_VALUE,
    MEMBER_ACTIVE,
    VISIT_OK,
    Member,
    Visit,
    WalletEntry,
)
from ..settings import get_setting


@dataclass(frozen=True)
class Overview:
    shop_name: str
    shop_kind: str
    members: int  # active members
    new_members_month: int
    visits_today: int
    visits_month: int
    stored_value: Decimal  # what the shop owes its members: the sum of every ledger


def _month_start(today: date) -> date:
    return today.replace(day=1)


def shop_overview(session: Session, today: date | None = None) -> Overview:
    today = today or clock.today()
    month_start = datetime.combine(_month_start(today), datetime.min.time())
    day_start = datetime.combine(today, datetime.min.time())
    day_end = day_start + timedelta(days=1)

    def count_visits(since: datetime) -> int:
        return (
            session.scalar(
                select(func.count())
                .select_from(Visit)
                .where(
                    Visit.status == VISIT_OK, Visit.visited_at >= since, Visit.visited_at < day_end
                )
            )
            or 0
        )

    members = (
        session.scalar(
            select(func.count()).select_from(Member).where(Member.status == MEMBER_ACTIVE)
        )
        or 0
    )
    new_members = (
        session.scalar(
            select(func.count())
            .select_from(Member)
            .where(Member.join_date >= _month_start(today), Member.join_date <= today)
        )
        or 0
    )
    stored = session.scalar(
        select(func.coalesce(func.sum(WalletEntry.amount), 0)).where(
            WalletEntry.account == ACCOUNT_STORED_VALUE
        )
    )
    return Overview(
        shop_name=get_setting(session, "shop.name") or "",
        shop_kind=get_setting(session, "shop.kind"),
        members=members,
        new_members_month=new_members,
        visits_today=count_visits(day_start),
        visits_month=count_visits(month_start),
        stored_value=Decimal(stored or 0).quantize(Decimal("0.01")),
    )
