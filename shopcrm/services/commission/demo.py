"""The demo shop's commission: rules a salon (or restaurant) would set, designated lines,
colour lines shared with the assistant, and sellers on top-ups.

Runs inside the demo's transaction after its rows are written (one call from
services.demo). It draws no random numbers, so the rest of the demo stays as it was: a
member's designated stylist is the person who did most of their lines, and every third
colour line done by someone else is shared 70/30 with the assistant.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select, update

from ...models import MoneyMovement, Service, ServiceCategory, Staff, Visit, VisitLine
from ...models.commission import CommissionRule, VisitLineStaff
from ...models.money import KIND_TOPUP

CHUNK = 500
D = Decimal

# (who: None | "role:T" | "staff:N", on: None | "cat:C" | "topup" | "card_sale",
#  mode, rate, tiers (mode, ((from, rate), ...)) or None)
SALON_RULES = [
    (None, None, "designated", "0.20", None),
    (None, None, "rotation", "0.12", None),
    ("role:助理", None, None, "0.08", None),
    ("role:烫染师", "cat:染发", "designated", "0.22", None),
    ("staff:Tony", None, "designated", "0.25", ("progressive", (("6000", "0.30"),))),
    ("staff:Kevin", None, "designated", "0.20", ("zero", (("5000", "0.25"),))),
    (None, "topup", None, "0.03", None),
    (None, "card_sale", None, "0.05", None),
]
RESTAURANT_RULES = [
    (None, None, None, "0.02", None),
    ("role:经理", None, None, "0.03", None),
    (None, "topup", None, "0.02", None),
]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _rules(conn: Connection, salon: bool, since: datetime) -> None:
    staff = dict(conn.execute(select(Staff.name, Staff.id)).all())
    cats = dict(conn.execute(select(ServiceCategory.name, ServiceCategory.id)).all())
    for who, on, mode, rate, tiers in SALON_RULES if salon else RESTAURANT_RULES:
        kind = on if on in ("topup", "card_sale") else "service"
        row = {
            "kind": kind,
            "staff_id": staff.get(who[6:]) if who and who.startswith("staff:") else None,
            "role": who[5:] if who and who.startswith("role:") else None,
            "category_id": cats.get(on[4:]) if on and on.startswith("cat:") else None,
            "mode": mode,
            "rate": D(rate),
            "base": "paid",
            "tier_mode": tiers[0] if tiers else None,
            "tiers": [[a, r] for a, r in tiers[1]] if tiers else [],
            "valid_from": since,
            "created_at": since,
        }
        if who and who.startswith("staff:") and row["staff_id"] is None:
            continue  # a renamed demo staff list: leave the rule out
        rule_id = conn.execute(insert(CommissionRule.__table__).values(**row)).inserted_primary_key[
            0
        ]
        conn.execute(
            update(CommissionRule.__table__)
            .where(CommissionRule.__table__.c.id == rule_id)
            .values(family_id=rule_id)
        )


def _usual_staff(conn: Connection) -> dict[int, int]:
    """Each member's most frequent person (ties to the lower staff id)."""
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for member_id, staff_id, n in conn.execute(
        select(Visit.member_id, VisitLine.staff_id, func.count())
        .join(Visit, Visit.id == VisitLine.visit_id)
        .where(Visit.member_id.is_not(None), VisitLine.staff_id.is_not(None))
        .group_by(Visit.member_id, VisitLine.staff_id)
    ):
        counts[member_id][staff_id] += n
    return {m: min(c, key=lambda s: (-c[s], s)) for m, c in counts.items()}


def add_demo_commission(conn: Connection, salon: bool, since: datetime) -> None:
    """Rules in force since `since`, designated lines, shared colour lines, sellers."""
    _rules(conn, salon, since)
    usual = _usual_staff(conn)
    by_staff: dict[int, list[int]] = defaultdict(list)
    for member_id, staff_id in usual.items():
        by_staff[staff_id].append(member_id)
    lines = VisitLine.__table__
    for staff_id, members in sorted(by_staff.items()):
        for chunk in _chunks(sorted(members)):
            visits = select(Visit.id).where(Visit.member_id.in_(chunk))
            if salon:  # restaurants have no 指定
                conn.execute(
                    update(lines)
                    .where(lines.c.staff_id == staff_id, lines.c.visit_id.in_(visits))
                    .values(designated=True)
                )
            conn.execute(
                update(MoneyMovement.__table__)
                .where(
                    MoneyMovement.__table__.c.kind == KIND_TOPUP,
                    MoneyMovement.__table__.c.member_id.in_(chunk),
                    MoneyMovement.__table__.c.staff_id.is_(None),
                )
                .values(staff_id=staff_id)
            )
    if salon:
        _shared_colour(conn)


def _shared_colour(conn: Connection) -> None:
    assistant = conn.scalar(select(Staff.id).where(Staff.title == "助理").order_by(Staff.id))
    colour = conn.scalar(select(ServiceCategory.id).where(ServiceCategory.name == "染发"))
    if assistant is None or colour is None:
        return
    rows = []
    for n, (line_id, staff_id) in enumerate(
        conn.execute(
            select(VisitLine.id, VisitLine.staff_id)
            .join(Service, Service.id == VisitLine.service_id)
            .where(
                Service.category_id == colour,
                VisitLine.staff_id.is_not(None),
                VisitLine.staff_id != assistant,
            )
            .order_by(VisitLine.id)
        )
    ):
        if n % 3 == 0:
            rows.append({"line_id": line_id, "position": 0, "staff_id": staff_id,
                         "share": D("0.7")})  # fmt: skip
            rows.append({"line_id": line_id, "position": 1, "staff_id": assistant,
                         "share": D("0.3")})  # fmt: skip
    for i in range(0, len(rows), CHUNK):
        conn.execute(insert(VisitLineStaff.__table__), rows[i : i + CHUNK])
