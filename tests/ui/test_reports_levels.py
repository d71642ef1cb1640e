"""Reports → Levels: members by level, upgrades and discount given in the month, worked out
here from the inputs (金卡 at 0.88: ¥68 → ¥8.16 off; ¥380 → ¥45.60 off)."""

from __future__ import annotations

from decimal import Decimal

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.services import catalog, levels, wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import MemberForm, create_member
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, price_lines, record_visit
from shopcrm.ui.reports.screen import ReportsScreen

D = Decimal


def test_levels_tab_shows_the_months_level_figures(ctx, engine, languages, qtbot):
    with clock.frozen("2026-11-05 10:00"), session_scope(engine, write=True) as s:
        levels.create_level(s, "普通会员", discount="1", actor=SYSTEM)
        levels.create_level(
            s, "金卡", discount="0.88", upgrade_kind="topup", upgrade_amount="1000", actor=SYSTEM
        )
        blow = catalog.create_service(s, "洗剪吹", D("68"), actor=SYSTEM)
        perm = catalog.create_service(s, "烫发", D("380"), actor=SYSTEM)
        gold = create_member(s, MemberForm(name="张伟", phone="13900001111"), actor=SYSTEM)
        create_member(s, MemberForm(name="李娜", phone="13900002222"), actor=SYSTEM)
        wallet.topup(s, gold, D("1000"), bonus=0, actor=SYSTEM)  # up to 金卡
        for service in (blow, perm):
            lines = (LineDraft(service_id=service),)
            total = price_lines(s, lines, gold).total_amount
            record_visit(s, VisitDraft(gold, lines, (PaymentDraft("cash", total),)), actor=SYSTEM)
    screen = ReportsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.set_month(2026, 11)
    tab = screen.levels_tab
    rows = [[tab.cell(r, c) for c in range(4)] for r in range(tab.table.rowCount())]
    assert rows == [
        ["普通会员", "0", "0", "¥0.00"],
        ["金卡", "1", "1", "¥53.76"],  # ¥8.16 + ¥45.60
        ["No level", "1", "", ""],
        ["Total", "2", "1", "¥53.76"],
    ]
    assert screen.tabs.tabText(screen.tabs.indexOf(tab)) == "Levels"
    languages.apply("zh")
    assert screen.tabs.tabText(screen.tabs.indexOf(tab)) == "会员等级"
    assert tab.cell(2, 0) == "无等级" and tab.table.horizontalHeaderItem(3).text() == "折扣让利"
