"""Staff commission: each figure is worked out here from the inputs or read from the raw
rows (visit_lines, money_movements) with plain SQL — never taken from the code under test.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from rel_helpers import revision_before
from sqlalchemy import select, text
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.migrate import SCHEMA_HEAD
from shopcrm.models import Member, VisitLine
from shopcrm.services import catalog, levels, staff, wallet
from shopcrm.services.auth import SYSTEM, Actor, set_roles_enabled
from shopcrm.services.commission import (
    RuleSpec,
    add_rule,
    commission_report,
    list_rules,
    parse_rate,
    parse_tier,
    retire_rule,
)
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit, void_visit

D = Decimal
P = D("0.01")


def pct(text_: str) -> Decimal:
    return parse_rate(text_)


@pytest.fixture
def shop(session):
    cut_cat = catalog.create_category(session, "剪发", actor=SYSTEM)
    dye_cat = catalog.create_category(session, "染烫", actor=SYSTEM)
    ids = {
        "cut_cat": cut_cat,
        "dye_cat": dye_cat,
        "cut": catalog.create_service(session, "剪发", D("100"), category_id=cut_cat, actor=SYSTEM),
        "colour": catalog.create_service(
            session, "染发", D("2000"), category_id=dye_cat, actor=SYSTEM
        ),
        "wash": catalog.create_service(
            session, "洗发", D("33.33"), category_id=cut_cat, actor=SYSTEM
        ),
        "tony": staff.create_staff(session, "Tony", title="发型师", actor=SYSTEM),
        "amy": staff.create_staff(session, "Amy", title="发型师", actor=SYSTEM),
        "li": staff.create_staff(session, "小李", title="助理", actor=SYSTEM),
    }
    session.flush()
    return ids


def visit(
    session, member, service, who, *, pay="cash", designated=None, split=(), total=None, amount=None
):
    line = LineDraft(
        service_id=service, staff_id=who, designated=designated, split=split, amount=amount
    )
    if total is None:
        from shopcrm.services.visits import price_lines

        total = price_lines(session, (line,), member).total_amount
    return record_visit(
        session,
        VisitDraft(member, (line,), (PaymentDraft(pay, total),) if total else ()),
        actor=SYSTEM,
    )


EPOCH = datetime(2026, 1, 1)


def rule(session, **spec):
    """A rule in force since January (before every visit of these tests)."""
    return add_rule(session, RuleSpec(**spec), actor=SYSTEM, valid_from=EPOCH)


def report(session, month, staff_id=None, actor=SYSTEM):
    return commission_report(session, month, actor=actor, staff_id=staff_id)


def paid_to(session, month, staff_id) -> Decimal:
    rows = [s for s in report(session, month).staff if s.staff_id == staff_id]
    return rows[0].commission if rows else D("0.00")


def raw_line_amount(session, visit_id) -> Decimal:
    """The line's amount as stored (cents) — the raw row the figure comes from."""
    cents = session.execute(
        text("SELECT amount FROM visit_lines WHERE visit_id = :v"), {"v": visit_id}
    ).scalar_one()
    return D(cents) / 100


def times(amount: Decimal, rate: str) -> Decimal:
    return (amount * pct(rate)).quantize(P, rounding=ROUND_HALF_UP)


def test_haircut_at_80_percent_designated_20_rotation_15(session, shop):
    levels.create_level(session, "金卡", discount="8折", actor=SYSTEM)
    member = make_member(session)
    levels.set_member_level(session, member, "金卡", actor=SYSTEM)
    rule(session, rate=pct("20%"), mode="designated")
    rule(session, rate=pct("15%"), mode="rotation")
    with clock.frozen("2026-11-10 10:00"):
        first = visit(session, member, shop["cut"], shop["tony"], pay="cash", designated=True)
    with clock.frozen("2026-11-11 10:00"):
        second = visit(session, member, shop["cut"], shop["amy"], pay="cash", designated=False)
    assert raw_line_amount(session, first) == D("80.00")  # ¥100 at 8折
    assert paid_to(session, "2026-11", shop["tony"]) == D("16.00")
    assert paid_to(session, "2026-11", shop["amy"]) == D("12.00")
    assert paid_to(session, "2026-11", shop["tony"]) == times(
        raw_line_amount(session, first), "20%"
    )
    assert paid_to(session, "2026-11", shop["amy"]) == times(
        raw_line_amount(session, second), "15%"
    )
    tony = [s for s in report(session, "2026-11").staff if s.staff_id == shop["tony"]][0]
    assert tony.designated_share == D("1") and tony.base == D("80.00") and tony.lines == 1


def test_list_base_pays_on_the_list_price(session, shop):
    levels.create_level(session, "金卡", discount="8折", actor=SYSTEM)
    member = make_member(session)
    levels.set_member_level(session, member, "金卡", actor=SYSTEM)
    rule(session, rate=pct("20%"), base="list")
    with clock.frozen("2026-11-10 10:00"):
        visit(session, member, shop["cut"], shop["tony"])
    assert paid_to(session, "2026-11", shop["tony"]) == D("20.00")


def test_topup_of_1000_with_200_bonus_at_2_percent_earns_20(session, shop):
    member = make_member(session)
    rule(session, kind="topup", rate=pct("2%"))
    seller = Actor(staff_id=shop["li"], name="小李", role="staff")
    with clock.frozen("2026-11-05 10:00"):
        wallet.topup(session, member, D("1000"), bonus=D("200"), method="cash", actor=seller)
    paid = session.execute(
        text("SELECT amount - bonus_part FROM money_movements WHERE kind = 'topup'")
    ).scalar_one()
    assert D(paid) / 100 == D("1000.00")  # the bonus is not on the money row
    assert paid_to(session, "2026-11", shop["li"]) == D("20.00")
    row = report(session, "2026-11").staff[0]
    assert row.sales == D("1000.00") and row.sales_commission == D("20.00")


def test_bonus_share_of_stored_value_earns_nothing(session, shop):
    member = make_member(session)
    rule(session, rate=pct("20%"))
    with clock.frozen("2026-11-05 10:00"):
        wallet.topup(session, member, D("1000"), bonus=D("250"), method="cash", actor=SYSTEM)
        v = visit(session, member, shop["cut"], shop["tony"], pay="stored_value")
    bonus = session.execute(
        text("SELECT bonus_part FROM money_movements WHERE visit_id = :v"), {"v": v}
    ).scalar_one()
    principal = raw_line_amount(session, v) - D(bonus) / 100  # 100 − 20 (250/1250 of it)
    assert principal == D("80.00")
    assert paid_to(session, "2026-11", shop["tony"]) == times(principal, "20%") == D("16.00")


def test_two_staff_at_50_50_sum_to_the_one_staff_figure(session, shop):
    rule(session, rate=pct("15%"))
    member = make_member(session)
    with clock.frozen("2026-11-05 10:00"):
        alone = visit(session, member, shop["wash"], shop["tony"])
    with clock.frozen("2026-12-05 10:00"):
        visit(
            session,
            member,
            shop["wash"],
            shop["tony"],
            split=((shop["tony"], D("0.5")), (shop["amy"], D("0.5"))),
        )
    one = paid_to(session, "2026-11", shop["tony"])
    assert one == times(raw_line_amount(session, alone), "15%") == D("5.00")  # 33.33 × 15%
    dec = report(session, "2026-12")
    assert sum(s.commission for s in dec.staff) == one
    assert sorted(s.base for s in dec.staff) == [D("16.66"), D("16.67")]
    assert {s.staff_id for s in dec.staff} == {shop["tony"], shop["amy"]}


def test_three_equal_shares_and_a_60_40_split_sum_exactly(session, shop):
    rule(session, rate=pct("15%"))
    member = make_member(session)
    people = ((shop["tony"], None), (shop["amy"], None), (shop["li"], None))
    with clock.frozen("2026-11-05 10:00"):
        visit(session, member, shop["wash"], shop["tony"], split=people)
    with clock.frozen("2026-12-05 10:00"):
        visit(
            session,
            member,
            shop["colour"],
            shop["tony"],
            split=((shop["tony"], D("0.6")), (shop["li"], D("0.4"))),
        )
    nov = report(session, "2026-11")
    assert sum(s.commission for s in nov.staff) == times(D("33.33"), "15%")
    assert sum(s.base for s in nov.staff) == D("33.33")
    dec = {s.staff_id: s.commission for s in report(session, "2026-12").staff}
    assert dec == {shop["tony"]: D("180.00"), shop["li"]: D("120.00")}  # 2000 × 15% × 60/40


def test_shares_that_do_not_add_up_are_refused_and_nothing_is_written(session, shop):
    member = make_member(session)
    before = session.execute(text("SELECT COUNT(*) FROM visits")).scalar_one()
    with pytest.raises(ShopError):
        visit(
            session,
            member,
            shop["cut"],
            shop["tony"],
            split=((shop["tony"], D("0.6")), (shop["amy"], D("0.3"))),
        )
    assert session.execute(text("SELECT COUNT(*) FROM visits")).scalar_one() == before


def test_march_visit_voided_in_april_takes_back_in_april_and_march_stays(session, shop):
    rule(session, rate=pct("20%"))
    member = make_member(session)
    with clock.frozen("2026-03-20 10:00"):
        v = visit(session, member, shop["cut"], shop["tony"])
        visit(session, member, shop["cut"], shop["tony"])
    march_before = report(session, "2026-03")
    with clock.frozen("2026-04-02 10:00"):
        void_visit(session, v, "wrong member", actor=SYSTEM)
    march_after = report(session, "2026-03")
    assert march_after.staff == march_before.staff
    assert march_after.total == 2 * times(D("100"), "20%")
    april = report(session, "2026-04")
    assert april.total == -times(raw_line_amount(session, v), "20%") == D("-20.00")
    assert [e.reversal for e in april.earnings] == [True]
    assert april.staff[0].reversed == D("-20.00")


def test_a_visit_voided_in_its_own_month_earns_nothing(session, shop):
    rule(session, rate=pct("20%"))
    member = make_member(session)
    with clock.frozen("2026-11-20 10:00"):
        v = visit(session, member, shop["cut"], shop["tony"])
        void_visit(session, v, "typo", actor=SYSTEM)
    assert report(session, "2026-11").staff == ()


def test_a_rate_edited_on_the_15th_leaves_the_first_half_unchanged(session, shop):
    with clock.frozen("2026-11-01 08:00"):
        add_rule(session, RuleSpec(rate=pct("10%")), actor=SYSTEM)
    member = make_member(session)
    first_half = []
    for day in range(1, 15):
        with clock.frozen(f"2026-11-{day:02d} 11:00"):
            first_half.append(visit(session, member, shop["cut"], shop["tony"]))
    before = [e.commission for e in report(session, "2026-11").earnings]
    with clock.frozen("2026-11-15 09:00"):
        add_rule(session, RuleSpec(rate=pct("12%")), actor=SYSTEM)  # same scope: an edit
    with clock.frozen("2026-11-15 11:00"):
        second = visit(session, member, shop["cut"], shop["tony"])
    earnings = report(session, "2026-11").earnings
    assert [e.commission for e in earnings[:14]] == before == [D("10.00")] * 14
    assert earnings[14].commission == times(raw_line_amount(session, second), "12%")
    assert len(list_rules(session)) == 1 and len(list_rules(session, include_history=True)) == 2


def _three_colours(session, shop, member):
    for day in (3, 10, 17):  # ¥2,000 × 3 = ¥6,000 of base in the month
        with clock.frozen(f"2026-11-{day:02d} 10:00"):
            visit(session, member, shop["colour"], shop["tony"])


@pytest.mark.parametrize(
    ("mode", "expected"), [("zero", D("900.00")), ("progressive", D("650.00"))]
)
def test_tiers_10_to_5000_then_15_on_6000(session, shop, mode, expected):
    rule(session, rate=pct("10%"), tier_mode=mode, tiers=(parse_tier("5000:15%"),))
    member = make_member(session)
    _three_colours(session, shop, member)
    base = D(session.execute(text("SELECT SUM(amount) FROM visit_lines")).scalar_one()) / 100
    assert base == D("6000.00")
    # worked out by hand: zero-based 6000 × 15%; progressive 5000 × 10% + 1000 × 15%
    by_hand = base * D("0.15") if mode == "zero" else D("5000") * D("0.10") + D("1000") * D("0.15")
    assert paid_to(session, "2026-11", shop["tony"]) == by_hand == expected


def test_below_the_first_tier_the_base_rate_applies(session, shop):
    rule(session, rate=pct("10%"), tier_mode="zero", tiers=(parse_tier("5000:15%"),))
    member = make_member(session)
    with clock.frozen("2026-11-03 10:00"):
        visit(session, member, shop["colour"], shop["tony"])
    assert paid_to(session, "2026-11", shop["tony"]) == D("200.00")


def test_most_specific_rule_wins(session, shop):
    rule(session, rate=pct("10%"))
    rule(session, role="发型师", rate=pct("12%"))
    rule(session, role="发型师", category_id=shop["cut_cat"], rate=pct("14%"))
    rule(session, staff_id=shop["tony"], rate=pct("16%"))
    rule(session, staff_id=shop["tony"], service_id=shop["cut"], rate=pct("18%"))
    rule(session, staff_id=shop["tony"], service_id=shop["cut"], mode="designated", fixed=D("25"))
    member = make_member(session)
    with clock.frozen("2026-11-03 10:00"):
        visit(session, member, shop["cut"], shop["tony"], designated=False)  # 18% → 18
        visit(session, member, shop["cut"], shop["tony"], designated=True)  # fixed 25
        visit(session, member, shop["colour"], shop["tony"])  # staff 16% → 320
        visit(session, member, shop["cut"], shop["amy"])  # role + category 14% → 14
        visit(session, member, shop["colour"], shop["amy"])  # role 12% → 240
        visit(session, member, shop["colour"], shop["li"])  # anyone 10% → 200
    got = [e.commission for e in report(session, "2026-11").earnings]
    assert got == [D("18.00"), D("25.00"), D("320.00"), D("14.00"), D("240.00"), D("200.00")]


def test_designated_defaults_from_the_preferred_stylist(session, shop):
    member = make_member(session)
    session.get(Member, member).profile = {"preferred_stylist": "Tony"}
    session.flush()
    with clock.frozen("2026-11-03 10:00"):
        a = visit(session, member, shop["cut"], shop["tony"])
        b = visit(session, member, shop["cut"], shop["amy"])
        c = visit(session, member, shop["cut"], shop["tony"], designated=False)
    flags = {
        v: session.scalar(select(VisitLine.designated).where(VisitLine.visit_id == v))
        for v in (a, b, c)
    }
    assert flags == {a: True, b: False, c: False}


def test_staff_see_only_their_own_figures_when_roles_are_on(session, shop):
    rule(session, rate=pct("10%"))
    member = make_member(session)
    with clock.frozen("2026-11-03 10:00"):
        visit(session, member, shop["cut"], shop["tony"])
        visit(session, member, shop["cut"], shop["amy"])
    staff.update_staff(session, shop["tony"], role="owner", actor=SYSTEM)
    owner = Actor(staff_id=shop["tony"], name="Tony", role="owner")
    from shopcrm.services.auth import set_pin

    set_pin(session, shop["tony"], "123456", actor=owner)
    set_roles_enabled(session, True, actor=owner)
    amy = Actor(staff_id=shop["amy"], name="Amy", role="staff")
    seen = report(session, "2026-11", actor=amy, staff_id=shop["tony"])
    assert [s.staff_id for s in seen.staff] == [shop["amy"]]
    assert len(report(session, "2026-11", actor=owner).staff) == 2


def test_a_topup_voided_next_month_is_taken_back_then(session, shop):
    rule(session, kind="topup", rate=pct("2%"))
    member = make_member(session)
    seller = Actor(staff_id=shop["li"], name="小李", role="staff")
    with clock.frozen("2026-10-30 10:00"):
        result = wallet.topup(session, member, D("500"), bonus=D("0"), method="cash", actor=seller)
    with clock.frozen("2026-11-02 10:00"):
        wallet.void_topup(session, result.topup_entry_id, reason="mistake", actor=SYSTEM)
    assert paid_to(session, "2026-10", shop["li"]) == D("10.00")
    assert paid_to(session, "2026-11", shop["li"]) == D("-10.00")


def test_bad_rules_are_refused_in_words(session, shop):
    for spec in (
        RuleSpec(),  # neither rate nor fixed
        RuleSpec(rate=D("0.1"), fixed=D("5")),
        RuleSpec(kind="topup", rate=D("0.1"), base="list"),
        RuleSpec(rate=D("0.1"), tier_mode="zero", tiers=((D("0"), D("0.2")),)),
        RuleSpec(fixed=D("5"), tier_mode="zero", tiers=((D("100"), D("0.2")),)),
    ):
        with pytest.raises(ShopError):
            add_rule(session, spec, actor=SYSTEM)
    for bad in ("abc", "120%", "-5%", "0.12345"):
        with pytest.raises(ShopError):
            parse_rate(bad)
    assert list_rules(session) == []


def test_retired_rules_stop_for_new_lines_only(session, shop):
    with clock.frozen("2026-11-01 08:00"):
        rule = add_rule(session, RuleSpec(rate=pct("10%")), actor=SYSTEM)
    member = make_member(session)
    with clock.frozen("2026-11-02 10:00"):
        visit(session, member, shop["cut"], shop["tony"])
    with clock.frozen("2026-11-03 10:00"):
        retire_rule(session, rule, actor=SYSTEM)
    with clock.frozen("2026-11-04 10:00"):
        visit(session, member, shop["cut"], shop["tony"])
    assert paid_to(session, "2026-11", shop["tony"]) == D("10.00")


def test_migration_0010_keeps_lines_and_makes_them_rotation(tmp_path):
    from shopcrm.db import make_engine, open_database
    from shopcrm.migrate import current_revision, upgrade_to

    path = str(tmp_path / "old.db")
    engine = make_engine(path)
    upgrade_to(engine, revision_before("0010"))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO visits (id, visited_at, total_list, total_discount, total_amount, status,"
                " note, complaint, created_at, updated_at, void_reason, version) VALUES"
                " (1, '2026-10-01 10:00:00', 10000, 0, 10000, 'ok', '', '', '2026-10-01 10:00:00',"
                " '2026-10-01 10:00:00', '', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO visit_lines (id, visit_id, line_no, item_name, quantity, unit_price,"
                " discount, amount, override_reason) VALUES (1, 1, 1, '剪发', 1, 10000, 0, 10000, '')"
            )
        )
    engine.dispose()
    upgraded = open_database(path)
    assert current_revision(upgraded) == SCHEMA_HEAD
    with upgraded.connect() as conn:
        assert conn.execute(text("SELECT amount, designated FROM visit_lines")).one() == (10000, 0)
        assert conn.execute(text("SELECT COUNT(*) FROM commission_rules")).scalar_one() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM visit_line_staff")).scalar_one() == 0
    upgraded.dispose()


def test_a_visit_backdated_into_a_closed_month_earns_in_the_month_it_was_recorded(session, shop):
    from shopcrm.services.money.months import close_month

    rule(session, rate=pct("10%"))
    member = make_member(session)
    with clock.frozen("2026-10-20 10:00"):
        visit(session, member, shop["cut"], shop["tony"])
    with clock.frozen("2026-11-02 09:00"):
        close_month(session, 2026, 10, actor=SYSTEM)
    october = report(session, "2026-10").staff
    with clock.frozen("2026-11-03 10:00"):
        line = LineDraft(service_id=shop["colour"], staff_id=shop["tony"])
        record_visit(
            session,
            VisitDraft(member, (line,), (PaymentDraft("cash", D("2000")),),
                       visited_at=datetime(2026, 10, 25, 15, 0)),
            actor=SYSTEM,
        )  # fmt: skip
    assert report(session, "2026-10").staff == october
    assert paid_to(session, "2026-11", shop["tony"]) == D("200.00")


def test_workbook_sheet_has_one_row_per_line_and_formula_totals_per_staff(session, shop, tmp_path):
    import openpyxl

    from shopcrm.services.excel.workbook import export_month_workbook

    rule(session, rate=pct("20%"), mode="designated")
    rule(session, rate=pct("15%"), mode="rotation")
    member = make_member(session)
    with clock.frozen("2026-10-05 10:00"):
        visit(session, member, shop["cut"], shop["tony"], designated=True)  # 20.00
        visit(session, member, shop["colour"], shop["tony"], designated=False)  # 300.00
        visit(
            session,
            member,
            shop["wash"],
            shop["amy"],
            split=((shop["amy"], None), (shop["li"], None)),
        )  # 33.33 × 15% = 5.00 split
    path = tmp_path / "m.xlsx"
    with clock.frozen("2026-11-05 10:00"):
        export_month_workbook(session, 2026, 10, path, "en", actor=SYSTEM)
    ws = openpyxl.load_workbook(path)["Commission"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][:4] == ["Staff", "Lines", "Base", "Commission"]
    summary = {r[0]: r for r in rows[1:4]}
    assert set(summary) == {"Tony", "Amy", "小李"}
    assert str(summary["Tony"][3]).startswith("=I")  # a formula to Tony's subtotal
    assert rows[4][0] == "Total" and rows[4][3] == "=SUM(D2:D4)"
    detail = rows[7:]
    lines = [r for r in detail if isinstance(r[8], int | float)]
    # one row per earning line; the amounts are the raw line amounts × the rates
    assert sorted(round(r[8], 2) for r in lines) == sorted([20.0, 300.0, 2.5, 2.5])
    subtotals = [r for r in detail if isinstance(r[8], str) and r[8].startswith("=SUM(I")]
    assert len(subtotals) == 3
    # the formulas add up what the report says, cell by cell
    values = {n + 1: r for n, r in enumerate(rows)}
    for r in subtotals:
        first, last = (int(x) for x in r[8][len("=SUM(I") : -1].split(":I"))
        total = sum(values[i][8] for i in range(first, last + 1))
        name = r[0].removeprefix("Total ")
        assert round(total, 2) == float(paid_to(session, "2026-10", shop_id(shop, name)))


def shop_id(shop, name):
    return {"Tony": shop["tony"], "Amy": shop["amy"], "小李": shop["li"]}[name]


def test_the_demo_shop_pays_commission_by_its_rules(engine):
    from shopcrm.db import session_scope
    from shopcrm.services.demo import DemoOptions, create_demo_shop

    create_demo_shop(engine, DemoOptions(members=60, months=4, seed=7, today=date(2026, 11, 20)))
    with engine.connect() as conn:
        shares = conn.execute(
            text("SELECT line_id, SUM(share) FROM visit_line_staff GROUP BY line_id")
        ).all()
        designated = conn.execute(
            text("SELECT COUNT(*) FROM visit_lines WHERE designated")
        ).scalar_one()
        sellers = conn.execute(
            text("SELECT COUNT(*) FROM money_movements WHERE kind = 'topup' AND staff_id IS NULL")
        ).scalar_one()
    assert shares and all(total == 10000 for _, total in shares)  # 70% + 30%
    assert designated > 0 and sellers == 0
    with session_scope(engine) as s:
        rep = commission_report(s, "2026-10", actor=SYSTEM)
        assert rep.total > 0 and len(rep.staff) >= 4
        assert rep.total == sum(e.commission for e in rep.earnings)
        # a rotation line by a plain stylist earns the shop-wide 12% on what was paid
        plain = [
            e for e in rep.earnings
            if e.kind == "service" and not e.designated and e.share == 1
            and rep.names[e.staff_id] in ("小美",)
        ]  # fmt: skip
        assert plain
        for e in plain:
            amount = (
                D(
                    s.execute(
                        text("SELECT amount FROM visit_lines WHERE id = :i"), {"i": e.ref_id}
                    ).scalar_one()
                )
                / 100
            )
            assert e.base <= amount and e.commission == times(e.base, "12%")


def test_a_line_that_says_designated_or_not_reads_no_preferred_stylist(engine, session, shop):
    from sqlalchemy import event

    member = make_member(session)
    seen: list[str] = []

    def before(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        visit(session, member, shop["cut"], shop["tony"], designated=False)
    finally:
        event.remove(engine, "before_cursor_execute", before)
    assert not any("profile" in s and "FROM members" in s for s in seen)
    assert not any(s.lstrip().upper().startswith("SELECT") and "FROM visit_lines" in s
                   for s in seen)  # fmt: skip


def test_card_sales_earn_on_the_money_paid_by_the_seller(session, shop):
    """The cards feature's contract: a sale is a money row of kind "sale", seller in
    staff_id, amount = money paid; a negative sale row (a reversal) takes back."""
    from shopcrm.models.money import KIND_SALE
    from shopcrm.services.money import ledger

    rule(session, kind="card_sale", rate=pct("5%"))
    rule(session, kind="card_sale", staff_id=shop["amy"], fixed=D("30"))
    member = make_member(session)
    with clock.frozen("2026-11-05 10:00"):
        ledger.post(session, KIND_SALE, "cash", D("1980"), member_id=member,
                    staff_id=shop["tony"], actor=SYSTEM)  # fmt: skip
        ledger.post(session, KIND_SALE, "wechat", D("600"), member_id=member,
                    staff_id=shop["amy"], actor=SYSTEM)  # fmt: skip
    with clock.frozen("2026-12-02 10:00"):
        ledger.post(session, KIND_SALE, "cash", D("-1980"), member_id=member,
                    staff_id=shop["tony"], actor=SYSTEM)  # fmt: skip
    session.flush()
    assert paid_to(session, "2026-11", shop["tony"]) == times(D("1980"), "5%") == D("99.00")
    assert paid_to(session, "2026-11", shop["amy"]) == D("30.00")
    assert paid_to(session, "2026-12", shop["tony"]) == D("-99.00")
    tony = [s for s in report(session, "2026-11").staff if s.staff_id == shop["tony"]][0]
    assert tony.sales == D("1980.00") and tony.sales_commission == D("99.00") and tony.lines == 0
