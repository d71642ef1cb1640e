"""The owner's month: a handful of aggregate queries, one frozen `MonthlyReport`.

Every figure counts `ok` visits only (voided ones are reported as a count and nothing
else). A month is [first day 00:00, first day of next month 00:00). Definitions are in
docs/reports.md.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, Row, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from ... import clock
from ...i18n import ShopError, current_language, define, translate
from ...models import (
    ACCOUNT_POINTS,
    ACCOUNT_STORED_VALUE,
    MEMBER_MERGED,
    VISIT_OK,
    VISIT_VOIDED,
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    Service,
    ServiceCategory,
    Staff,
    Visit,
    VisitLine,
    VisitPayment,
    WalletEntry,
)
from .. import analytics  # segment_counts (numpy/scipy) loads when a report asks for it
from ..amounts import ZERO, from_cents
from ..analytics.sqlfuncs import EPOCH_ORDINAL, day_number, unindexed
from ..auth import Actor, require_owner
from ..cards.figures import card_figures
from ..care.figures import care_figures
from ..levels.figures import level_figures
from ..money.figures import money_figures
from ..money.months import closed_snapshot
from ..names import name_sort_key
from ..settings import get_setting
from ..visits.bills import M_BILLS, is_bill_line
from .labels import all_labels, kind_label, label, method_label
from .model import (
    Breakdown,
    Change,
    DayRow,
    FollowupFigures,
    LedgerMovement,
    MonthFigures,
    MonthlyReport,
    from_plain,
)

E_BAD_MONTH = define(
    "reports.bad_month",
    en="Not a month: {value} (use YYYY-MM).",
    zh="月份格式错误：{value}（请用 YYYY-MM）。",
)
COMPARED = (
    "net_revenue",
    "discounts",
    "visits",
    "distinct_members",
    "new_members",
    "returning_rate",
    "average_ticket",
)


def parse_month(value: str) -> tuple[int, int]:
    """'2026-03' -> (2026, 3); a ShopError for anything else."""
    try:
        year, month = (int(part) for part in value.strip().split("-"))
        date(year, month, 1)
    except (ValueError, TypeError):
        raise ShopError(E_BAD_MONTH, value=value) from None
    return year, month


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The month's first day and the next month's first day: `clock.month_bounds` as dates.

    Every timestamp column holds the shop's local time, so every kind of record (visits,
    payments, wallet entries, follow-ups, audit) is cut at the same local midnight.
    """
    start, end = clock.month_bounds(year, month)
    return start.date(), end.date()


def _dt(day: date) -> datetime:
    return clock.start_of_day(day)


def cents(column):  # noqa: ANN001, ANN201 — a Money column read as whole cents
    return type_coerce(column, BigInteger)


def in_month(column, start: date, end: date):  # noqa: ANN001, ANN202
    return and_(column >= _dt(start), column < _dt(end))


def _by_day(session: Session, start: date, end: date) -> dict[tuple[str, int], Row]:
    """The month's visits grouped by (status, day): one pass over the covering index
    ix_visits_day_totals. Serves both the headline figures and the daily sheet."""
    day = day_number(Visit.visited_at)
    return {
        (row.status, int(row.day)): row
        for row in session.execute(
            select(
                Visit.status,
                day.label("day"),
                func.count().label("n"),
                func.count(Visit.member_id.distinct()).label("members"),
                func.sum(cents(Visit.total_list)).label("list"),
                func.sum(cents(Visit.total_discount)).label("disc"),
                func.sum(cents(Visit.total_amount)).label("net"),
                func.sum(case((Visit.member_id.is_(None), 1), else_=0)).label("walk"),
            )
            .where(in_month(Visit.visited_at, start, end))
            .group_by(Visit.status, day)
        )
    }


def _members_and_returning(session: Session, start: date, end: date) -> tuple[int, int]:
    """(members with an ok visit in the month, of whom had an ok visit before it).

    The month's distinct members first, then one index probe each into
    ix_visits_member_history for an earlier ok visit."""
    seen = (
        select(Visit.member_id.label("mid"))
        .where(ok_visits_in(start, end), Visit.member_id.is_not(None))
        .distinct()
        .subquery()
    )
    earlier = aliased(Visit)
    had_before = (
        select(earlier.id)  # the rowid: the probe stays inside the index
        .where(
            earlier.member_id == seen.c.mid,
            earlier.status == VISIT_OK,
            earlier.visited_at < _dt(start),
        )
        .exists()
    )
    members, returning = session.execute(
        select(func.count(), func.sum(case((had_before, 1), else_=0))).select_from(seen)
    ).one()
    return int(members or 0), int(returning or 0)


def month_figures(
    session: Session,
    start: date,
    end: date,
    days: dict[tuple[str, int], Row] | None = None,
) -> MonthFigures:
    """Headline figures for [start, end) (`days`: `_by_day`'s rows, if already read)."""
    days = _by_day(session, start, end) if days is None else days
    ok = [row for (status, _day), row in days.items() if status == VISIT_OK]
    visits = sum(int(r.n) for r in ok)
    voided = sum(int(r.n) for (status, _day), r in days.items() if status == VISIT_VOIDED)
    members, returning = _members_and_returning(session, start, end) if ok else (0, 0)
    new_members = (
        session.scalar(
            select(func.count())
            .select_from(Member)
            .where(
                Member.join_date >= start, Member.join_date < end, Member.status != MEMBER_MERGED
            )
        )
        or 0
    )
    net = from_cents(sum(int(r.net or 0) for r in ok))
    rate = (
        (Decimal(returning) / Decimal(members)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        if members
        else Decimal("0.0000")
    )
    ticket = (net / visits).quantize(Decimal("0.01"), ROUND_HALF_UP) if visits else ZERO
    return MonthFigures(
        net_revenue=net,
        list_total=from_cents(sum(int(r.list or 0) for r in ok)),
        discounts=from_cents(sum(int(r.disc or 0) for r in ok)),
        visits=visits,
        walk_in_visits=sum(int(r.walk or 0) for r in ok),
        voided_visits=voided,
        distinct_members=members,
        returning_members=returning,
        first_time_members=members - returning,
        returning_rate=rate,
        new_members=new_members,
        average_ticket=ticket,
    )


def ok_visits_in(start: date, end: date):  # noqa: ANN202
    return and_(unindexed(Visit.status) == VISIT_OK, in_month(Visit.visited_at, start, end))


def ok_visit_ids(start: date, end: date):  # noqa: ANN202
    """The month's ok visit ids, for `visit_id IN (...)`: the ids come from the covering
    index in one range read and the lines/payments are probed in id order."""
    return select(Visit.id).where(ok_visits_in(start, end))


def by_payment(session: Session, start: date, end: date, lang: str) -> list[Breakdown]:
    rows = session.execute(
        select(
            VisitPayment.method,
            func.sum(cents(VisitPayment.amount)),
            func.count(VisitPayment.visit_id.distinct()),
        )
        .where(VisitPayment.visit_id.in_(ok_visit_ids(start, end)))
        .group_by(VisitPayment.method)
    )
    out = [Breakdown(m, method_label(m, lang), from_cents(c), int(n)) for m, c, n in rows]
    return sorted(out, key=lambda b: (-b.amount, b.key))


def by_lines(
    session: Session, start: date, end: date, lang: str
) -> tuple[list[Breakdown], list[Breakdown], list[Breakdown]]:
    """(by category, by service, by staff) from one query over the month's service lines."""
    rows = session.execute(
        select(
            VisitLine.service_id,
            case((VisitLine.service_id.is_(None), VisitLine.item_name), else_="").label("item"),
            VisitLine.staff_id,
            func.sum(VisitLine.quantity),
            func.count(),
            func.sum(cents(VisitLine.discount)),
            func.sum(cents(VisitLine.amount)),
        )
        .where(VisitLine.visit_id.in_(ok_visit_ids(start, end)))
        .group_by(VisitLine.service_id, "item", VisitLine.staff_id)
    ).all()
    services = {
        s.id: (s.name, s.category_id)
        for s in session.execute(select(Service.id, Service.name, Service.category_id))
    }
    categories = dict(session.execute(select(ServiceCategory.id, ServiceCategory.name)).all())
    staff = dict(session.execute(select(Staff.id, Staff.name)).all())
    other = label("other_items", lang)
    cat_sum: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    svc_sum: dict[str, list] = {}
    staff_sum: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    bills = translate(M_BILLS, lang)
    for service_id, item, staff_id, qty, lines, disc, amount in rows:
        name, cat_id = services.get(service_id, (item or other, None))
        cat = categories.get(cat_id, other)
        key = str(service_id) if service_id is not None else f"item:{item}"
        if is_bill_line(service_id, item):  # a quick bill: "Bills", in the report's language
            name, cat, key = bills, bills, "bills"
        entry = svc_sum.setdefault(key, [name, cat, 0, 0, 0])
        entry[2] += int(qty or 0)
        entry[3] += int(disc or 0)
        entry[4] += int(amount or 0)
        for target, count in (
            (cat_sum[cat], int(qty or 0)),
            (staff_sum[staff.get(staff_id, "")], int(lines)),
        ):
            target[0] += count
            target[1] += int(disc or 0)
            target[2] += int(amount or 0)
    by_cat = [Breakdown(k, k, from_cents(v[2]), v[0], from_cents(v[1])) for k, v in cat_sum.items()]
    by_svc = [
        Breakdown(k, v[0], from_cents(v[4]), v[2], from_cents(v[3]), category=v[1])
        for k, v in svc_sum.items()
    ]
    by_staff = [
        Breakdown(
            k or "-", k or label("unassigned", lang), from_cents(v[2]), v[0], from_cents(v[1])
        )
        for k, v in staff_sum.items()
    ]
    return (
        sorted(by_cat, key=_by_amount),
        sorted(by_svc, key=_by_amount),
        sorted(by_staff, key=_by_amount),
    )


def _by_amount(b: Breakdown) -> tuple[Decimal, str]:
    return (-b.amount, name_sort_key(b.label))


def daily(
    session: Session, start: date, end: date, days: dict[tuple[str, int], Row] | None = None
) -> list[DayRow]:
    """One row per calendar day of the month (days without visits show zeros)."""
    days = _by_day(session, start, end) if days is None else days
    out = []
    for ordinal in range(start.toordinal(), end.toordinal()):
        r = days.get((VISIT_OK, ordinal - EPOCH_ORDINAL))
        out.append(
            DayRow(
                date.fromordinal(ordinal),
                int(r.n) if r else 0,
                int(r.members) if r else 0,
                from_cents(r.list if r else 0),
                from_cents(r.disc if r else 0),
                from_cents(r.net if r else 0),
            )
        )
    return out


def ledgers(session: Session, start: date, end: date) -> tuple[LedgerMovement, LedgerMovement]:
    """Stored value and points over the month from two grouped sums over wallet_entries."""
    # both read ix_wallet_entries_account_time alone: the opening is one range per account
    # (all entries before the month), the movements the month's range
    accounts = WalletEntry.account.in_((ACCOUNT_STORED_VALUE, ACCOUNT_POINTS))
    opening = {
        account: int(total or 0)
        for account, total in session.execute(
            select(WalletEntry.account, func.sum(cents(WalletEntry.amount)))
            .where(accounts, WalletEntry.created_at < _dt(start))
            .group_by(WalletEntry.account)
        )
    }
    moves: dict[str, dict[str, int]] = defaultdict(dict)
    for account, entry_type, amount in session.execute(
        select(WalletEntry.account, WalletEntry.entry_type, func.sum(cents(WalletEntry.amount)))
        .where(accounts, in_month(WalletEntry.created_at, start, end))
        .group_by(WalletEntry.account, WalletEntry.entry_type)
    ):
        moves[account][entry_type] = int(amount or 0)

    def movement(account: str, added: str, bonus: str | None, used: str) -> LedgerMovement:
        m = dict(moves.get(account, {}))
        open_c = int(opening.get(account) or 0)
        add_c, bonus_c = m.pop(added, 0), m.pop(bonus, 0) if bonus else 0
        used_c = -m.pop(used, 0)
        other_c = sum(m.values())
        return LedgerMovement(
            opening=from_cents(open_c),
            added=from_cents(add_c),
            bonus=from_cents(bonus_c),
            used=from_cents(used_c),
            other=from_cents(other_c),
            closing=from_cents(open_c + add_c + bonus_c - used_c + other_c),
            other_by_type={k: from_cents(v) for k, v in sorted(m.items())},
        )

    return (
        movement(ACCOUNT_STORED_VALUE, "topup", "bonus", "spend"),
        movement(ACCOUNT_POINTS, "earn", None, "redeem"),
    )


def followup_figures(session: Session, start: date, end: date) -> FollowupFigures:
    """Raised: follow-ups created in the month; done: those with a 'done' outcome in it."""
    raised = dict(
        session.execute(
            select(FollowupRule.kind, func.count())
            .join(Followup, Followup.rule_id == FollowupRule.id)
            .where(in_month(Followup.created_at, start, end))
            .group_by(FollowupRule.kind)
        ).all()
    )
    done = dict(
        session.execute(
            select(FollowupRule.kind, func.count(FollowupEvent.followup_id.distinct()))
            .join(Followup, Followup.id == FollowupEvent.followup_id)
            .join(FollowupRule, FollowupRule.id == Followup.rule_id)
            .where(FollowupEvent.action == "done", in_month(FollowupEvent.created_at, start, end))
            .group_by(FollowupRule.kind)
        ).all()
    )
    return FollowupFigures(
        sum(raised.values()),
        sum(done.values()),
        {k: int(v) for k, v in raised.items()},
        {k: int(v) for k, v in done.items()},
    )


def compare(current: MonthFigures, earlier: MonthFigures) -> list[Change]:
    out = []
    for key in COMPARED:
        now, then = Decimal(getattr(current, key)), Decimal(getattr(earlier, key))
        pct = (
            (((now - then) / then) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP) if then else None
        )
        out.append(Change(key, now, then, now - then, pct))
    return out


def monthly_report(
    session: Session,
    year: int,
    month: int,
    lang: str | None = None,
    *,
    actor: Actor,
    with_segments: bool = True,
) -> MonthlyReport:
    """Everything the owner's monthly review shows (owner only)."""
    require_owner(actor, "reports")
    lang = lang or current_language()
    frozen = closed_snapshot(session, year, month, lang)
    if frozen is not None:  # a closed month: its figures as they were at close
        return from_plain(MonthlyReport, frozen)
    start, end = month_bounds(year, month)
    days = _by_day(session, start, end)
    figures = month_figures(session, start, end, days)
    prev = month_bounds(year - (month == 1), (month - 2) % 12 + 1)
    last_year = month_bounds(year - 1, month)
    previous, year_ago = month_figures(session, *prev), month_figures(session, *last_year)
    by_cat, by_svc, by_staff = by_lines(session, start, end, lang)
    stored, points = ledgers(session, start, end)
    money_figs = money_figures(session, start, end, lang)
    stored = dataclasses.replace(
        stored, parts={"principal": money_figs.principal, "bonus": money_figs.bonus}
    )
    as_of = date.fromordinal(end.toordinal() - 1)
    return MonthlyReport(
        year=year,
        month=month,
        start=start,
        end=end,
        lang=lang,
        shop_name=str(get_setting(session, "shop.name") or ""),
        figures=figures,
        by_payment=by_payment(session, start, end, lang),
        by_category=by_cat,
        by_service=by_svc,
        by_staff=by_staff,
        daily=daily(session, start, end, days),
        stored_value=stored,
        points=points,
        followups=followup_figures(session, start, end),
        segments=analytics.segment_counts(session, as_of) if with_segments else None,
        vs_previous_month=compare(figures, previous),
        vs_last_year=compare(figures, year_ago),
        previous_month=previous,
        same_month_last_year=year_ago,
        labels={
            **all_labels(lang),
            **{f"kind_{k}": kind_label(k, lang) for k in ("birthday", "aftercare", "winback")},
        },
        money_in=money_figs.money_in,
        revenue=money_figs.revenue,
        voids=money_figs.voids,
        adjustments=money_figs.adjustments,
        levels=level_figures(session, year, month),
        cards=card_figures(session, year, month),
        care=care_figures(session, year, month),
    )
