"""Who sold a top-up (`topup(seller_id=)`, `shopcrm topup --staff`) and what a stored-value
refund takes back of the top-up commission (services/commission/refunds.py)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.i18n import ShopError
from shopcrm.models import MoneyMovement
from shopcrm.services import staff, wallet
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.commission import RuleSpec, add_rule, commission_report, month_earnings

D = Decimal


@pytest.fixture
def shop(session):
    ids = {
        "xue": staff.create_staff(session, "小雪", title="助理", actor=SYSTEM),
        "tony": staff.create_staff(session, "Tony", title="发型师", actor=SYSTEM),
        "member": make_member(session),
    }
    with clock.frozen("2026-01-01 09:00"):
        add_rule(session, RuleSpec(kind="topup", rate=D("0.03")), actor=SYSTEM)
    session.flush()
    return ids


def earned(session, month) -> dict[int, Decimal]:
    return {r.staff_id: r.commission for r in commission_report(session, month, actor=SYSTEM).staff}


def test_a_topup_sold_by_xiaoxue_earns_her_the_topup_commission(session, shop):
    tony = Actor(staff_id=shop["tony"], name="Tony", role="staff")
    with clock.frozen("2026-03-05 10:00"):
        wallet.topup(session, shop["member"], D("1000"), bonus=D("100"), actor=tony,
                     seller_id=shop["xue"])  # fmt: skip
        wallet.topup(session, shop["member"], D("500"), bonus=D("0"), actor=tony)  # Tony sold
        wallet.topup(session, shop["member"], D("200"), bonus=D("0"), actor=tony, seller_id=None)
    sellers = session.scalars(select(MoneyMovement.staff_id).order_by(MoneyMovement.id)).all()
    assert sellers == [shop["xue"], shop["tony"], None]
    assert earned(session, "2026-03") == {shop["xue"]: D("30.00"), shop["tony"]: D("15.00")}


def test_a_retired_seller_is_refused_and_nothing_is_written(session, shop):
    staff.retire_staff(session, shop["xue"], actor=SYSTEM)
    with pytest.raises(ShopError):
        wallet.topup(session, shop["member"], D("100"), actor=SYSTEM, seller_id=shop["xue"])
    assert session.scalars(select(MoneyMovement)).all() == []


def test_a_refund_takes_back_topup_commission_in_proportion_in_its_month(session, shop):
    with clock.frozen("2026-03-05 10:00"):
        wallet.topup(session, shop["member"], D("1000"), bonus=D("0"), actor=SYSTEM,
                     seller_id=shop["xue"])  # fmt: skip
    with clock.frozen("2026-03-20 10:00"):  # the latest top-up is returned first
        wallet.topup(session, shop["member"], D("300"), bonus=D("0"), actor=SYSTEM,
                     seller_id=shop["tony"])  # fmt: skip
    assert earned(session, "2026-03") == {shop["xue"]: D("30.00"), shop["tony"]: D("9.00")}
    with clock.frozen("2026-04-10 10:00"):  # ¥700 back: Tony's ¥300, then ¥400 of 小雪's
        wallet.refund(session, shop["member"], D("700"), actor=SYSTEM)
    assert earned(session, "2026-03") == {shop["xue"]: D("30.00"), shop["tony"]: D("9.00")}
    assert earned(session, "2026-04") == {shop["xue"]: D("-12.00"), shop["tony"]: D("-9.00")}
    back = [e for e in month_earnings(session, "2026-04") if e.staff_id == shop["xue"]]
    assert [(e.base, e.reversal) for e in back] == [(D("-400.00"), True)]
    with clock.frozen("2026-05-02 10:00"):  # the rest of 小雪's top-up; a smaller cash back
        wallet.refund(session, shop["member"], D("600"), cash_back=D("500"), actor=SYSTEM)
    assert earned(session, "2026-05") == {shop["xue"]: D("-15.00")}
    with clock.frozen("2026-06-02 10:00"):  # the top-up voided later: only what is left
        wallet.topup(session, shop["member"], D("1000"), bonus=D("0"), actor=SYSTEM)
        first = session.scalars(select(MoneyMovement.wallet_entry_id).order_by(MoneyMovement.id))
        wallet.void_topup(session, first.first(), reason="mistake", actor=SYSTEM)
    assert earned(session, "2026-06") == {shop["xue"]: D("-3.00")}  # 30 − 12 − 15


def test_a_refund_without_cash_back_or_sellers_takes_nothing(session, shop):
    with clock.frozen("2026-03-05 10:00"):
        wallet.topup(session, shop["member"], D("1000"), bonus=D("0"), actor=SYSTEM)
        wallet.refund(session, shop["member"], D("100"), cash_back=D("0"), actor=SYSTEM)
    with clock.frozen("2026-04-05 10:00"):
        wallet.refund(session, shop["member"], D("100"), actor=SYSTEM)
    assert earned(session, "2026-04") == {}


def test_topup_staff_from_the_terminal(db_url):
    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args])
        assert "Traceback" not in result.output
        return result.exit_code, result.output

    assert run("staff", "add", "小雪")[0] == 0
    assert run("member", "add", "--name", "张三", "--phone", "13800138000")[0] == 0
    assert run("commission-rule", "add", "--topups", "--rate", "3%", "--from", "2026-01-01")[0] == 0
    with clock.frozen("2026-03-05 10:00"):
        code, out = run("topup", "--member", "13800138000", "1000", "--staff", "小雪")
        assert code == 0, out
        code, out = run("topup", "--member", "13800138000", "10", "--staff", "Nobody")
        assert code != 0 and "No staff member called “Nobody”" in out
    code, out = run("commission", "--month", "2026-03", "--json")
    rows = json.loads(out)["staff"]
    assert [(r["staff"], r["commission"]) for r in rows] == [("小雪", "30.00")]
