"""Count cards: sale, uses, recognition, expiry as breakage, refunds, the month's roll-forward.

Every expected figure is worked out here from the inputs (¥800 / 10 = ¥80 a use) and checked
against the raw rows (card_entries, money_movements, visit_lines), never against the code's
own figures alone.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import CardEntry, MoneyMovement, VisitLine, VisitPayment
from shopcrm.services import cards
from shopcrm.services.auth import SYSTEM
from shopcrm.services.money.figures import revenue
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit, void_visit

D = Decimal


@pytest.fixture
def shop(session):
    ids = make_shop(session)
    ids["member"] = make_member(session)
    session.flush()
    return ids


def _card_type(session, shop, name="洗剪吹10次", price="800", **kw):
    return cards.create_card_type(
        session, name, price, kw.pop("paid", {shop["cut"]: 10}), actor=SYSTEM, **kw
    )


def _use(session, shop, card_id=None, service="cut", quantity=1, pay=()):
    line = LineDraft(service_id=shop[service], quantity=quantity, use_card=True, card_id=card_id)
    return record_visit(session, VisitDraft(shop["member"], (line,), tuple(pay)), actor=SYSTEM)


def _line(session, visit_id) -> VisitLine:
    return session.scalars(select(VisitLine).where(VisitLine.visit_id == visit_id)).one()


def test_a_ten_use_800_card_recognises_80_a_use_and_refuses_the_eleventh(session, shop):
    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop)
        card = cards.sell_card(session, shop["member"], "洗剪吹10次", method="wechat",
                               staff_id=shop["tony"], actor=SYSTEM)  # fmt: skip
        sale = session.scalars(select(MoneyMovement).where(MoneyMovement.kind == "sale")).one()
        assert (sale.amount, sale.method, sale.staff_id) == (D("800.00"), "wechat", shop["tony"])
        first = _use(session, shop)
        assert cards.get_card(session, card.id).items[0].paid_left == 9
        line = _line(session, first)
        assert line.amount == D("80.00")
        uses = session.scalars(select(CardEntry).where(CardEntry.visit_line_id == line.id)).all()
        assert [(u.kind, u.paid_uses, u.value) for u in uses] == [("use", -1, D("-80.00"))]
        # the visit's tender is the card (internal), not money received
        pay = session.scalars(select(VisitPayment).where(VisitPayment.visit_id == first)).one()
        assert (pay.method, pay.amount) == ("package", D("80.00"))
        for _ in range(9):
            _use(session, shop)
        left = cards.get_card(session, card.id)
        assert left.uses_left == 0 and left.value_left == D("0.00") and left.status == "used_up"
        with pytest.raises(ShopError) as refused:
            _use(session, shop, card_id=card.id)
        assert "no 洗剪吹 uses left" in refused.value.message("en")
        recognised = session.scalar(
            select(func.sum(VisitLine.amount)).where(VisitLine.service_id == shop["cut"])
        )
        assert recognised == D("800.00")
        rev = revenue(session, "2026-06")
        assert rev.card_uses == D("800.00") and rev.paid == D("0.00")


def test_the_issue_example_shares_200_as_13_33_and_26_67_summing_exactly(session, shop):
    with clock.frozen("2026-06-01 10:00"):
        a = shop["cut"]  # ¥88 list: use a ¥50 and a ¥100 service instead
        from shopcrm.services import catalog

        a = catalog.create_service(session, "A", D("50"), actor=SYSTEM)
        b = catalog.create_service(session, "B", D("100"), actor=SYSTEM)
        shop.update(a=a, b=b)
        _card_type(session, shop, "AB", "200", paid={a: 5, b: 5}, bonus_uses={a: 1})
        card = cards.sell_card(session, shop["member"], "AB", method="cash", actor=SYSTEM)
        values = []
        for service in ("a", "b", "a", "b", "a", "b", "a", "b", "a"):
            values.append(_line(session, _use(session, shop, card.id, service)).amount)
        assert values[:8] == [D("13.33"), D("26.67")] * 4
        assert values[8] == D("13.33")
        last = _line(session, _use(session, shop, card.id, "b")).amount  # the last paid use
        assert sum(values) + last == D("200.00")
        assert last == D("26.67")  # 5 × 13.33 + 5 × 26.67 = 200.00 exactly
        gifted = _line(session, _use(session, shop, card.id, "a"))
        assert gifted.amount == D("0.00")
        with pytest.raises(ShopError):
            _use(session, shop, card.id, "a")


def test_the_last_paid_use_takes_the_exact_remainder(session, shop):
    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop, "三次", "100", paid={shop["cut"]: 3})
        card = cards.sell_card(session, shop["member"], "三次", method="cash", actor=SYSTEM)
        two = _line(session, _use(session, shop, card.id, quantity=2))
        last = _line(session, _use(session, shop, card.id))
    assert two.amount == D("66.66") and two.quantity == 2
    assert last.amount == D("33.34")  # ¥100 − 2 × ¥33.33


def test_a_card_valid_to_30_june_works_that_day_and_is_refused_on_1_july(session, shop):
    from datetime import date

    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop, valid_until=date(2026, 6, 30))
        card = cards.sell_card(session, shop["member"], "洗剪吹10次", method="cash", actor=SYSTEM)
        _use(session, shop)
    with clock.frozen("2026-06-30 21:00"):
        assert _line(session, _use(session, shop)).amount == D("80.00")
    with clock.frozen("2026-07-01 09:00"):
        with pytest.raises(ShopError) as refused:
            _use(session, shop, card.id)
        assert "expired on 2026-06-30" in refused.value.message("en")
        june, july = cards.card_figures(session, 2026, 6), cards.card_figures(session, 2026, 7)
    # 8 uses left × ¥80 leave the liability as June's breakage
    assert june["breakage"] == D("640.00") and june["closing"] == D("0.00")
    assert july["breakage"] == D("0.00") and july["opening"] == D("0.00")


def test_the_month_liability_rolls_forward_exactly_against_raw_rows(session, shop):
    from datetime import date, datetime

    with clock.frozen("2026-05-20 10:00"):
        _card_type(session, shop)
        _card_type(session, shop, "短卡", "300", paid={shop["care"]: 3}, valid_days=20)
        keep = cards.sell_card(session, shop["member"], "洗剪吹10次", method="cash", actor=SYSTEM)
        short = cards.sell_card(session, shop["member"], "短卡", method="cash", actor=SYSTEM)
        _use(session, shop, keep.id)
    with clock.frozen("2026-06-03 10:00"):
        _use(session, shop, keep.id)
        _use(session, shop, short.id, "care")
        voided = _use(session, shop, keep.id)
        void_visit(session, voided, "录错", actor=SYSTEM)
        third = cards.sell_card(session, shop["member"], "洗剪吹10次", method="cash", actor=SYSTEM)
        quote = cards.refund_quote(session, third.id)
        cards.refund_card(session, third.id, method="cash", reason="搬家", actor=SYSTEM)
    with clock.frozen("2026-07-02 10:00"):
        may, june = cards.card_figures(session, 2026, 5), cards.card_figures(session, 2026, 6)

    def raw(before: datetime, expired_day: date) -> Decimal:
        total = D("0.00")
        for e in session.scalars(select(CardEntry).where(CardEntry.occurred_at < before)):
            card = cards.get_card(session, e.card_id)
            if card.expires_on is None or card.expires_on >= expired_day:
                total += e.value
        return total

    june_start, july_start = datetime(2026, 6, 1), datetime(2026, 7, 1)
    assert may["closing"] == june["opening"] == raw(june_start, june_start.date())
    assert june["closing"] == raw(july_start, july_start.date())
    # by hand: ¥800 − 2 uses (¥160) on the kept card; the short card (¥300, valid to 8 June)
    # used once (¥100) leaves ¥200 to June's breakage; the third card refunded in full
    assert june["opening"] == D("800") - D("80") + D("300")
    assert june["recognised"] == D("80") + D("100")
    assert june["sold"] == D("800") and june["refunded"] == D("800") and quote.cooling_off
    assert june["breakage"] == D("200.00")
    assert june["closing"] == D("640.00")
    assert june["closing"] == (
        june["opening"] + june["sold"] + june["opening_imported"] - june["recognised"]
        - june["refunded"] - june["breakage"]
    )  # fmt: skip
    refund = session.scalars(select(MoneyMovement).where(MoneyMovement.kind == "refund")).one()
    assert refund.amount == D("-800.00")


def test_refund_after_a_use_returns_the_unused_paid_value_with_its_formula(session, shop):
    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop, bonus_uses={shop["cut"]: 2})
        card = cards.sell_card(session, shop["member"], "洗剪吹10次", method="cash", actor=SYSTEM)
        _use(session, shop, quantity=3)
    with clock.frozen("2026-06-03 10:00"):
        quote = cards.refund_quote(session, card.id)
        assert not quote.cooling_off and quote.refund == D("800") - 3 * D("80")
        assert quote.formula("en") == (
            "¥800.00 paid − ¥240.00 recognised for 3 paid uses = ¥560.00 to refund"
        )
        with pytest.raises(ShopError):
            cards.refund_card(session, card.id, method="cash", reason="", actor=SYSTEM)
        cards.refund_card(session, card.id, method="cash", reason="搬家", actor=SYSTEM)
        view = cards.get_card(session, card.id)
        assert view.status == "refunded" and view.uses_left == 0 and view.value_left == 0
        with pytest.raises(ShopError):
            _use(session, shop, card.id)


def test_refusals_leave_nothing_written(session, shop):
    other = make_member(session, "李四", "13900139000")
    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop)
        theirs = cards.sell_card(session, other, "洗剪吹10次", method="cash", actor=SYSTEM)
        before = session.scalar(select(func.count()).select_from(CardEntry))
        with pytest.raises(ShopError, match="another member"):
            _use(session, shop, theirs.id)
        with pytest.raises(ShopError, match="has no card"):
            _use(session, shop)
        mine = cards.sell_card(session, shop["member"], "洗剪吹10次", method="cash", actor=SYSTEM)
        with pytest.raises(ShopError, match="not for 烫发"):
            _use(session, shop, mine.id, "perm")
        with pytest.raises(ShopError, match="not as a payment"):
            _use(session, shop, mine.id, pay=[PaymentDraft("package", D("80"))])
        assert session.scalar(select(func.count()).select_from(CardEntry)) == before + 1
        with pytest.raises(ShopError):
            cards.sell_card(session, shop["member"], "洗剪吹10次", method="stored_value",
                            actor=SYSTEM)  # fmt: skip


def test_a_line_mixing_a_card_and_money_pays_only_the_other_lines(session, shop):
    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop)
        cards.sell_card(session, shop["member"], "洗剪吹10次", method="cash", actor=SYSTEM)
        visit = record_visit(
            session,
            VisitDraft(
                shop["member"],
                (
                    LineDraft(service_id=shop["cut"], use_card=True),
                    LineDraft(service_id=shop["perm"]),
                ),
                (PaymentDraft("wechat", D("380")),),
            ),  # fmt: skip
            actor=SYSTEM,
        )
        pays = dict(
            session.execute(
                select(VisitPayment.method, VisitPayment.amount).where(
                    VisitPayment.visit_id == visit
                )
            ).all()
        )
        assert pays == {"wechat": D("380.00"), "package": D("80.00")}
        rev = revenue(session, "2026-06")
        assert rev.paid == D("380.00") and rev.card_uses == D("80.00")
        assert rev.total == D("460.00")


def test_a_card_with_uses_left_raises_a_follow_up_30_days_before_its_last_day(session, shop):
    from datetime import date

    from shopcrm.services.followups import due_list, raise_due

    with clock.frozen("2026-05-01 10:00"):
        _card_type(session, shop, valid_until=date(2026, 6, 30))
        cards.sell_card(session, shop["member"], "洗剪吹10次", method="cash", actor=SYSTEM)
        raise_due(session, date(2026, 5, 30), actor=SYSTEM)
        assert [i for i in due_list(session, date(2026, 5, 30), "en")
                if i.rule_kind == "card_expiring"] == []  # fmt: skip
        raise_due(session, date(2026, 5, 31), actor=SYSTEM)
        found = [
            i for i in due_list(session, date(2026, 5, 31), "en") if i.rule_kind == "card_expiring"
        ]
    assert len(found) == 1 and found[0].member_id == shop["member"]
    assert found[0].reason == "洗剪吹10次 ends on 2026-06-30 with 洗剪吹 10 left"
    assert "洗剪吹10次" in found[0].message
    card = cards.member_cards(session, shop["member"], today=date(2026, 5, 31))[0]
    assert card.expiring_soon
    assert not cards.member_cards(session, shop["member"], today=date(2026, 5, 30))[0].expiring_soon


def test_the_cards_sheet_rolls_forward_with_formulas_equal_to_the_report(session, shop, tmp_path):
    from datetime import date

    import openpyxl

    from shopcrm.services.excel import export_month_workbook

    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop, valid_until=date(2026, 6, 30))
        cards.sell_card(session, shop["member"], "洗剪吹10次", method="wechat", actor=SYSTEM)
        _use(session, shop, quantity=2)
    with clock.frozen("2026-07-02 10:00"):
        path = tmp_path / "june.xlsx"
        export_month_workbook(session, 2026, 6, path, "en", actor=SYSTEM)
    ws = openpyxl.load_workbook(path)["Cards"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][:2] == ["Cards (次卡)", "Amount"]
    by_label = {r[0]: r for r in rows if r[0]}
    assert by_label["Cards sold"][1:3] == [800, 1]
    assert by_label["Revenue recognised by uses"][1:3] == [160, 2]
    assert by_label["Breakage (expired, unused)"][1] == 640
    closing = by_label["Owed on cards at the end"][1]
    assert closing.startswith("=B2+B3+B4-B5-B7-B8")
    # the formula over the cells above gives the report's closing figure (0: the card expired)
    cells = {n: rows[n - 1][1] or 0 for n in range(2, 9)}
    assert cells[2] + cells[3] + cells[4] - cells[5] - cells[7] - cells[8] == 0
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    entries = [r for r in rows if r[6] in ("sale", "use")]
    assert [r[6] for r in entries] == ["sale", "use", "use"]
    assert sum(r[10] for r in entries) == 800 - 160


def test_merging_members_moves_the_cards_with_their_uses(session, shop):
    from shopcrm.services.members import merge_members

    other = make_member(session, "张三二", "13900139001")
    with clock.frozen("2026-06-01 10:00"):
        _card_type(session, shop)
        card = cards.sell_card(session, other, "洗剪吹10次", method="cash", actor=SYSTEM)
        merge_members(session, shop["member"], other, actor=SYSTEM)
        assert [c.id for c in cards.member_cards(session, shop["member"])] == [card.id]
        assert _line(session, _use(session, shop)).amount == D("80.00")
