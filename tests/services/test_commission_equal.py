"""The fast month commission gives, cent for cent, what the per-line Decimal code gave.

`commission_oracle` is the computation as it was before the speed work (issue 21); every
earning (person, line, share, base, rule, rate, commission, and the Decimal's own digits)
and every staff total must match it, on the demo shops and on random rows.
"""

from __future__ import annotations

import random
from dataclasses import astuple
from datetime import date, datetime
from decimal import Decimal

import commission_oracle
import pytest
from sqlalchemy import text
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.services import catalog, staff, wallet
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.commission import (
    Earning,
    RuleSpec,
    add_rule,
    commission_report,
    month_earnings,
)
from shopcrm.services.commission.report import StaffCommission, summarise
from shopcrm.services.names import name_sort_key
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit, void_visit

D = Decimal


def _digits(earnings) -> list[tuple]:
    """Each earning with its Decimals as text, so 5.0 and 5.00 count as different."""
    return [
        (*astuple(e), str(e.share), str(e.base), str(e.rate), str(e.fixed), str(e.commission))
        for e in earnings
    ]


def assert_same_month(session, period: str) -> int:
    new = month_earnings(session, period)
    old = commission_oracle.month_earnings(session, period)
    assert _digits(new) == _digits(old)
    names = commission_report(session, period, actor=SYSTEM).names
    rows = summarise(new, names)
    assert rows == commission_oracle.summarise([Earning(*astuple(e)) for e in old], names)
    assert rows == sorted(rows, key=lambda s: (-s.commission, name_sort_key(s.name)))
    return len(new)


@pytest.mark.parametrize(("kind", "seed"), [("salon", 7), ("salon", 11), ("restaurant", 3)])
def test_every_month_of_the_demo_shop_matches(engine, kind, seed):
    from shopcrm.db import session_scope
    from shopcrm.services.demo import DemoOptions, create_demo_shop

    create_demo_shop(
        engine, DemoOptions(kind=kind, members=60, months=4, seed=seed, today=date(2026, 11, 20))
    )
    with session_scope(engine) as s:
        counted = sum(assert_same_month(s, f"2026-{m:02d}") for m in (8, 9, 10, 11))
    assert counted > 50


def _random_rules(session, rng: random.Random, ids: dict, when: datetime) -> None:
    people = [ids["tony"], ids["amy"], ids["li"]]
    for _ in range(rng.randint(2, 6)):
        who = rng.choice(["any", "staff", "role"])
        what = rng.choice(["any", "service", "category"])
        spec: dict = {
            "staff_id": rng.choice(people) if who == "staff" else None,
            "role": rng.choice(["发型师", "助理"]) if who == "role" else None,
            "service_id": rng.choice([ids["cut"], ids["colour"], ids["wash"]])
            if what == "service"
            else None,
            "category_id": rng.choice([ids["cut_cat"], ids["dye_cat"]])
            if what == "category"
            else None,
            "mode": rng.choice([None, "designated", "rotation"]),
            "base": rng.choice(["paid", "list"]),
        }
        shape = rng.choice(["rate", "fixed", "zero", "progressive"])
        if shape == "fixed":
            spec["fixed"] = D(rng.choice(["3.33", "15", "0.07"]))
        else:
            spec["rate"] = D(rng.choice(["0.1", "0.125", "0.0333", "0.2"]))
        if shape in ("zero", "progressive"):
            spec["tier_mode"] = shape
            spec["tiers"] = ((D("300"), D("0.15")), (D("1000.5"), D("0.2777")))
        with clock.frozen(when):
            add_rule(session, RuleSpec(**spec), actor=SYSTEM)
    with clock.frozen(when):
        add_rule(session, RuleSpec(kind="topup", rate=D("0.0275")), actor=SYSTEM)


def _sold_voided_and_refunded(session, ids: dict) -> None:
    """Top-ups by sellers: voided the next month, voided in their own month, refunded."""
    seller = Actor(staff_id=ids["li"], name="小李", role="staff")
    other = Actor(staff_id=ids["amy"], name="Amy", role="staff")
    a = make_member(session, "储值甲", "13900000001")
    b = make_member(session, "储值乙", "13900000002")
    with clock.frozen("2026-10-05 10:00"):
        first = wallet.topup(session, a, D("1000"), bonus=D("100"), method="cash", actor=seller)
        wallet.topup(session, a, D("333.33"), bonus=D("0"), method="cash", actor=other)
        wallet.topup(session, b, D("2000"), bonus=D("300"), method="cash", actor=seller)
    with clock.frozen("2026-11-10 10:00"):
        wallet.void_topup(session, first.topup_entry_id, reason="mistake", actor=SYSTEM)
        again = wallet.topup(session, b, D("800"), bonus=D("0"), method="cash", actor=other)
    with clock.frozen("2026-11-13 10:00"):
        wallet.void_topup(session, again.topup_entry_id, reason="mistake", actor=SYSTEM)
    with clock.frozen("2026-11-15 10:00"):
        wallet.refund(session, b, D("700"), cash_back=D("650"), actor=SYSTEM)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_rows_and_rules_match(session, seed):
    rng = random.Random(seed)
    ids = {
        "cut_cat": catalog.create_category(session, "剪发", actor=SYSTEM),
        "dye_cat": catalog.create_category(session, "染烫", actor=SYSTEM),
        "tony": staff.create_staff(session, "Tony", title="发型师", actor=SYSTEM),
        "amy": staff.create_staff(session, "Amy", title="发型师", actor=SYSTEM),
        "li": staff.create_staff(session, "小李", title="助理", actor=SYSTEM),
    }
    ids["cut"] = catalog.create_service(
        session, "剪发", D("100"), category_id=ids["cut_cat"], actor=SYSTEM
    )
    ids["colour"] = catalog.create_service(
        session, "染发", D("1999.99"), category_id=ids["dye_cat"], actor=SYSTEM
    )
    ids["wash"] = catalog.create_service(
        session, "洗发", D("33.33"), category_id=ids["cut_cat"], actor=SYSTEM
    )
    session.flush()
    _random_rules(session, rng, ids, datetime(2026, 10, 1, 8))
    _random_rules(session, rng, ids, datetime(2026, 11, 14, 8))  # mid-month edits
    people = [ids["tony"], ids["amy"], ids["li"]]
    members = [make_member(session, f"会员{i}", f"1380013{i:04d}") for i in range(4)]
    with clock.frozen("2026-10-01 09:00"):
        for m in members:
            wallet.topup(session, m, D("200000"), bonus=D("12345.67"), method="cash", actor=SYSTEM)
    visits = []
    for n in range(70):
        day = 1 + n % 28
        month = 10 + (n % 3 == 0)
        with clock.frozen(f"2026-{month:02d}-{day:02d} {9 + n % 9:02d}:{n % 60:02d}"):
            lines = []
            for _ in range(rng.randint(1, 3)):
                who = rng.choice(people)
                split: tuple = ()
                if rng.random() < 0.3:
                    pair = rng.sample(people, rng.choice([2, 3]))
                    if rng.random() < 0.5:
                        split = tuple((p, None) for p in pair)
                    elif len(pair) == 2:
                        split = ((pair[0], D("0.7")), (pair[1], D("0.3")))
                    else:
                        split = ((pair[0], D("0.5")), (pair[1], D("0.3")), (pair[2], D("0.2")))
                    who = pair[0]
                service = rng.choice([ids["cut"], ids["colour"], ids["wash"]])
                lines.append(
                    LineDraft(
                        service_id=service,
                        staff_id=who,
                        designated=rng.choice([None, True, False]),
                        split=split,
                        quantity=rng.choice([1, 1, 2]),
                    )
                )
            from shopcrm.services.visits import price_lines

            member = rng.choice(members)
            total = price_lines(session, tuple(lines), member).total_amount
            pay = rng.choice(["cash", "stored_value", "points"] if n > 30 else ["cash"])
            if pay == "points":  # a few points (earned on the cash visits) and the rest
                tender = (PaymentDraft("points", D("3")), PaymentDraft("stored_value", total - 3))
            else:
                tender = (PaymentDraft(pay, total),)
            visits.append(
                record_visit(session, VisitDraft(member, tuple(lines), tender), actor=SYSTEM)
            )
    with clock.frozen("2026-11-20 12:00"):
        for v in rng.sample(visits, 6):
            void_visit(session, v, "test", actor=SYSTEM)
    _sold_voided_and_refunded(session, ids)
    session.flush()
    paid_with = session.execute(text("SELECT DISTINCT method FROM money_movements")).scalars()
    assert {"points", "stored_value", "cash"} <= set(paid_with)
    counted = sum(assert_same_month(session, p) for p in ("2026-10", "2026-11"))
    assert counted > 60


def test_staff_sort_by_commission_then_name_reading():
    def row(n, name, amount):
        return StaffCommission(n, name, 1, D(0), D(0), D(0), D(0), D(0), D(0), D(amount))

    rows = [
        row(1, "程", "10"), row(2, "陈丽", "10"), row(3, "Amy", "30"), row(4, "陈志强", "10"),
        row(5, "曾", "0"), row(6, "Zoe", "0"), row(7, "Bob", "30"),
    ]  # fmt: skip
    expected = sorted(rows, key=lambda s: (-s.commission, name_sort_key(s.name)))
    from shopcrm.services.commission.report import _by_commission_then_name

    assert _by_commission_then_name(list(rows)) == expected
    assert [r.staff_id for r in expected] == [3, 7, 2, 4, 1, 5, 6]  # 曾 zēng before Zoe
