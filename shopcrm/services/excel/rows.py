"""Streaming row sources for the big sheets: ledger lines, members, follow-ups.

Each yields plain tuples fetched in chunks (`yield_per`), so a month with 100,000 service
lines never sits in memory as ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from ...clock import start_of_day
from ...models import (
    ACCOUNT_POINTS,
    ACCOUNT_STORED_VALUE,
    MEMBER_MERGED,
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    Service,
    ServiceCategory,
    Staff,
    Visit,
    VisitLine,
    WalletEntry,
)
from ..amounts import from_cents
from ..analytics import ClassLabels
from ..reports.labels import kind_label, label
from ..reports.monthly import in_month, ok_visit_ids, ok_visits_in

CHUNK = 5000


def _cents(column):  # noqa: ANN001, ANN202
    return type_coerce(column, BigInteger)


def count_lines(session: Session, start: date, end: date) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(VisitLine)
            .where(VisitLine.visit_id.in_(ok_visit_ids(start, end)))
        )
        or 0
    )


LEDGER_KEYS = (
    "visit_id",
    "date",
    "time",
    "member_id",
    "member",
    "service",
    "category",
    "staff",
    "quantity",
    "list_price",
    "discount",
    "amount",
)


def ledger_rows(session: Session, start: date, end: date, lang: str) -> Iterator[tuple]:
    """One tuple per service line of the month's ok visits, in time order: the line's own
    amounts only (how the visit was paid is on the Payments sheet)."""
    walk_in, other = label("walk_in", lang), label("other_items", lang)
    query = (
        select(
            Visit.id,
            Visit.visited_at,
            Visit.member_id,
            Member.name,
            VisitLine.item_name,
            ServiceCategory.name,
            Staff.name,
            VisitLine.quantity,
            _cents(VisitLine.unit_price),
            _cents(VisitLine.discount),
            _cents(VisitLine.amount),
        )
        .join(VisitLine, VisitLine.visit_id == Visit.id)
        .outerjoin(Member, Member.id == Visit.member_id)
        .outerjoin(Service, Service.id == VisitLine.service_id)
        .outerjoin(ServiceCategory, ServiceCategory.id == Service.category_id)
        .outerjoin(Staff, Staff.id == VisitLine.staff_id)
        .where(ok_visits_in(start, end))
        .order_by(Visit.visited_at, Visit.id, VisitLine.line_no)
        .execution_options(yield_per=CHUNK)
    )
    for vid, when, mid, member, item, cat, staff, qty, unit, disc, amount in session.execute(query):
        yield (
            vid,
            when.date(),
            when.time().replace(second=0, microsecond=0),
            mid,
            member or walk_in,
            item,
            cat or other,
            staff or "",
            int(qty),
            from_cents(unit),
            from_cents(disc),
            from_cents(amount),
        )


MEMBER_KEYS = (
    "member_id",
    "name",
    "phone",
    "card_no",
    "level",
    "join_date",
    "month_visits",
    "month_spend",
    "stored_value",
    "points",
    "abc",
    "segment",
    "stage",
)


def member_rows(
    session: Session,
    start: date,
    end: date,
    classes: ClassLabels | dict[int, tuple[str, str, str]],
) -> Iterator[tuple]:
    """Members who visited or joined in the month or hold stored value at its end.

    The stored-value column sums to the month's closing liability.
    """
    month = (
        select(
            Visit.member_id.label("mid"),
            func.count().label("n"),
            func.sum(_cents(Visit.total_amount)).label("spend"),
        )
        .where(ok_visits_in(start, end), Visit.member_id.is_not(None))
        .group_by(Visit.member_id)
        .subquery()
    )

    def balance(account: str):  # noqa: ANN202 — one seek into ix_wallet_entries_account_member
        return (
            select(func.sum(_cents(WalletEntry.amount)))
            .where(
                WalletEntry.account == account,
                WalletEntry.member_id == Member.id,
                WalletEntry.created_at < start_of_day(end),
            )
            .scalar_subquery()
        )

    holders = (
        select(WalletEntry.member_id)
        .where(
            WalletEntry.account == ACCOUNT_STORED_VALUE, WalletEntry.created_at < start_of_day(end)
        )
        .group_by(WalletEntry.member_id)
        .having(func.sum(_cents(WalletEntry.amount)) != 0)
    )
    query = (
        select(
            Member.id,
            Member.name,
            Member.phone,
            Member.card_no,
            Member.level,
            Member.join_date,
            month.c.n,
            month.c.spend,
            balance(ACCOUNT_STORED_VALUE),
            balance(ACCOUNT_POINTS),
        )
        .outerjoin(month, month.c.mid == Member.id)
        .where(
            Member.status != MEMBER_MERGED,
            or_(
                month.c.n.is_not(None),
                and_(Member.join_date >= start, Member.join_date < end),
                Member.id.in_(holders),
            ),
        )
        .order_by(Member.id)
        .execution_options(yield_per=CHUNK)
    )
    for mid, name, phone, card, level, joined, n, spend, sv, pts in session.execute(query):
        abc, segment, stage = classes.get(mid, ("", "", ""))
        yield (
            mid,
            name,
            phone or "",
            card or "",
            level or "",
            joined,
            int(n or 0),
            from_cents(spend),
            from_cents(sv),
            Decimal(int(pts or 0)) / 100,
            abc,
            segment,
            stage,
        )


FOLLOWUP_KEYS = (
    "followup_id",
    "member",
    "kind",
    "rule",
    "occasion",
    "due",
    "status",
    "created",
    "closed",
    "outcome",
    "channel",
    "staff",
)


def followup_rows(session: Session, start: date, end: date, lang: str) -> Iterator[tuple]:
    """Follow-ups raised in the month or with an outcome recorded in it."""
    touched = select(FollowupEvent.followup_id).where(
        in_month(FollowupEvent.created_at, start, end)
    )
    query = (
        select(
            Followup.id,
            Member.name,
            FollowupRule.kind,
            FollowupRule.name,
            Followup.occasion_date,
            Followup.due_date,
            Followup.status,
            Followup.created_at,
            Followup.closed_at,
        )
        .join(Member, Member.id == Followup.member_id)
        .join(FollowupRule, FollowupRule.id == Followup.rule_id)
        .where(or_(in_month(Followup.created_at, start, end), Followup.id.in_(touched)))
        .order_by(Followup.created_at, Followup.id)
    )
    rows = session.execute(query).all()
    last: dict[int, tuple[Any, ...]] = {}
    ids = [r[0] for r in rows]
    for i in range(0, len(ids), 500):
        for fid, action, channel, staff in session.execute(
            select(
                FollowupEvent.followup_id, FollowupEvent.action, FollowupEvent.channel, Staff.name
            )
            .outerjoin(Staff, Staff.id == FollowupEvent.staff_id)
            .where(
                FollowupEvent.followup_id.in_(ids[i : i + 500]),
                FollowupEvent.created_at < start_of_day(end),
            )
            .order_by(FollowupEvent.followup_id, FollowupEvent.id)
        ):
            last[fid] = (action, channel or "", staff or "")
    for fid, member, kind, rule, occasion, due, status, created, closed in rows:
        action, channel, staff = last.get(fid, ("", "", ""))
        yield (
            fid,
            member,
            kind_label(kind, lang),
            rule,
            occasion,
            due,
            status,
            created.date(),
            closed.date() if closed else None,
            action,
            channel,
            staff,
        )
