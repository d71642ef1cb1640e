"""The month's commission by person (the CLI report, the Reports tab, the payroll sheet).

With roles on, a person who is not an owner sees only their own figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import Staff
from ...models.commission import RULE_CARD_SALE, RULE_SERVICE, RULE_TOPUP
from ..auth import Actor, explicit_actor, roles_enabled
from ..names import name_sort_key
from ..tables import TableColumn
from .compute import Earning, month_earnings
from .money import ZERO

E_MONTH = define(
    "commission.month",
    en="“{value}” is not a month (YYYY-MM).",
    zh="“{value}”不是月份（YYYY-MM）。",
)

H_STAFF = define("commission.col.staff", en="Staff", zh="员工")
H_LINES = define("commission.col.lines", en="Lines", zh="项目数")
H_SERVICE_BASE = define("commission.col.service_base", en="Service base", zh="服务基数")
H_DESIGNATED = define("commission.col.designated", en="Designated", zh="指定占比")
H_SALES = define("commission.col.sales", en="Cards & top-ups", zh="售卡及充值")
H_SERVICE_COMMISSION = define("commission.col.service_commission", en="On services", zh="服务提成")
H_SALES_COMMISSION = define("commission.col.sales_commission", en="On sales", zh="销售提成")
H_REVERSED = define("commission.col.reversed", en="Taken back", zh="冲回")
H_COMMISSION = define("commission.col.commission", en="Commission", zh="提成")

STAFF_COLUMNS = (
    TableColumn("staff", H_STAFF),
    TableColumn("lines", H_LINES, right=True),
    TableColumn("base", H_SERVICE_BASE, right=True),
    TableColumn("designated", H_DESIGNATED, right=True),
    TableColumn("service_commission", H_SERVICE_COMMISSION, right=True),
    TableColumn("sales", H_SALES, right=True),
    TableColumn("sales_commission", H_SALES_COMMISSION, right=True),
    TableColumn("reversed", H_REVERSED, right=True),
    TableColumn("commission", H_COMMISSION, right=True),
)


@dataclass(frozen=True)
class StaffCommission:
    staff_id: int
    name: str
    lines: int  # service lines earned on this month (take-backs apart)
    base: Decimal  # service base of this month's own lines
    designated_base: Decimal  # the part of it from designated lines
    sales: Decimal  # card sales and top-ups: money paid
    service_commission: Decimal  # on this month's own lines
    sales_commission: Decimal  # on this month's card sales and top-ups
    reversed: Decimal  # taken back for earlier months' rows voided this month (≤ 0)
    commission: Decimal  # the total to pay = the three above

    @property
    def designated_share(self) -> Decimal:
        """The designated part of the service base (0..1)."""
        if not self.base:
            return ZERO
        return (self.designated_base / self.base).quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class CommissionReport:
    period: str
    staff: tuple[StaffCommission, ...]
    earnings: tuple[Earning, ...]
    names: dict[int, str]

    @property
    def total(self) -> Decimal:
        return sum((s.commission for s in self.staff), ZERO)


def check_period(text: str) -> str:
    text = (text or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ShopError(E_MONTH, value=text)
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def visible_staff(session: Session, actor: Actor, staff_id: int | None) -> int | None:
    """The person whose figures `actor` may see: with roles on, staff see only their own."""
    explicit_actor(actor)
    if roles_enabled(session) and not actor.is_owner:
        return actor.staff_id if actor.staff_id is not None else -1
    return staff_id


def summarise(earnings: list[Earning], names: dict[int, str]) -> list[StaffCommission]:
    # one pass: [lines, base, designated base, sales, on services, on sales, taken back, total]
    acc: dict[int, list] = {}
    sales_kinds = (RULE_TOPUP, RULE_CARD_SALE)
    for e in earnings:
        a = acc.get(e.staff_id)
        if a is None:
            a = acc[e.staff_id] = [0, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO]
        amount = e.commission
        a[7] += amount
        if e.reversal:
            a[6] += amount
        elif e.kind == RULE_SERVICE:
            a[0] += 1
            a[1] += e.base
            a[4] += amount
            if e.designated:
                a[2] += e.base
        elif e.kind in sales_kinds:
            a[3] += e.base
            a[5] += amount
    out = [
        StaffCommission(staff_id, names.get(staff_id, f"#{staff_id}"), *a)
        for staff_id, a in acc.items()
    ]
    return _by_commission_then_name(out)


def _by_commission_then_name(rows: list[StaffCommission]) -> list[StaffCommission]:
    """Highest commission first, equal ones by name: the same order as sorting by
    (-commission, name key), but names are read (pinyin) only where amounts tie."""
    rows.sort(key=lambda s: -s.commission)
    out: list[StaffCommission] = []
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and rows[j].commission == rows[i].commission:
            j += 1
        tied = rows[i:j]
        if len(tied) > 1:
            tied.sort(key=lambda s: name_sort_key(s.name))
        out.extend(tied)
        i = j
    return out


def commission_report(
    session: Session, period: str, *, actor: Actor, staff_id: int | None = None
) -> CommissionReport:
    """The month's commission per person and per line; `staff_id` narrows it to one."""
    period = check_period(period)
    only = visible_staff(session, actor, staff_id)
    earnings = month_earnings(session, period)
    if only is not None:
        earnings = [e for e in earnings if e.staff_id == only]
    names = dict(session.execute(select(Staff.id, Staff.name)).all())
    return CommissionReport(period, tuple(summarise(earnings, names)), tuple(earnings), names)
