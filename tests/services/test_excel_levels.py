"""The workbook's Levels sheet: members by level, upgrades and downgrades with reasons,
discount given by level — each figure checked against the raw rows of the database."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import openpyxl
from sqlalchemy import select
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.models import LevelChange, Member, MemberLevel, Visit, VisitLine
from shopcrm.services import catalog, levels, wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.excel import export_month_workbook
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, price_lines, record_visit

D = Decimal


def _sale(session, member_id, service_id):
    lines = (LineDraft(service_id=service_id),)
    total = price_lines(session, lines, member_id).total_amount
    draft = VisitDraft(member_id, lines, (PaymentDraft("cash", total),))
    return record_visit(session, draft, actor=SYSTEM)


def _november(session) -> dict[str, int]:
    levels.create_level(session, "普通会员", discount="0.95", actor=SYSTEM)
    levels.create_level(
        session, "金卡", discount="0.88", upgrade_kind="topup", upgrade_amount="1000",
        window_days=30, downgrade=True, actor=SYSTEM,
    )  # fmt: skip
    blow = catalog.create_service(session, "洗剪吹", D("68"), actor=SYSTEM)
    perm = catalog.create_service(session, "烫发", D("380"), actor=SYSTEM)
    ids = {
        "a": make_member(session, "张三", "13800138000"),
        "b": make_member(session, '=HYPERLINK("x")', "13900139000"),
        "c": make_member(session, "王五", "13700137000"),
        "d": make_member(session, "赵六", "13600136000"),
    }
    with clock.frozen("2026-10-02 10:00"):
        wallet.topup(session, ids["d"], D("1000"), bonus=0, actor=SYSTEM)  # 金卡 in October
    with clock.frozen("2026-11-03 15:00"):
        levels.set_member_level(session, ids["a"], "普通会员", note="老顾客", actor=SYSTEM)
        wallet.topup(session, ids["b"], D("1000"), bonus=0, actor=SYSTEM)  # up to 金卡
        _sale(session, ids["b"], blow)  # ¥68 × 0.88: ¥8.16 off
        _sale(session, ids["b"], perm)  # ¥380 × 0.88: ¥45.60 off
        _sale(session, ids["a"], perm)  # ¥380 × 0.95: ¥19.00 off
        _sale(session, ids["c"], blow)  # no level: list price
    with clock.frozen("2026-11-10 09:00"):
        assert levels.run_downgrades(session, actor=SYSTEM) == [ids["d"]]  # window over
    session.flush()
    return ids


def _raw_figures(session, start, end):
    """Members by level, discount by the level lines were priced at, and the month's level
    changes, read straight from the tables."""
    names = dict(session.execute(select(MemberLevel.id, MemberLevel.name)).all())
    members = Counter(names.get(lid) for lid in session.scalars(select(Member.level_id)))
    discount: dict[str, Decimal] = {}
    for line, visit in session.execute(
        select(VisitLine, Visit).join(Visit, Visit.id == VisitLine.visit_id)
    ).all():
        if start <= visit.visited_at < end and visit.status == "ok" and line.level_id:
            key = names[line.level_id]
            discount[key] = discount.get(key, D("0")) + line.discount
    changes = [
        c
        for c in session.scalars(select(LevelChange).order_by(LevelChange.id))
        if start <= c.changed_at < end
    ]
    return members, discount, changes


def test_levels_sheet_figures_match_the_raw_rows(session, tmp_path):
    ids = _november(session)
    path = tmp_path / "nov.xlsx"
    with clock.frozen("2026-11-20 10:00"):
        export_month_workbook(session, 2026, 11, path, "en", actor=SYSTEM)
    members, discount, changes = _raw_figures(session, *clock.month_bounds(2026, 11))
    ws = openpyxl.load_workbook(path)["Levels"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:5] == ["Level", "Members now", "Upgrades this month",
                           "Downgrades this month", "Discount given"]  # fmt: skip
    table = {r[0]: r[1:5] for r in rows[1:5]}
    # worked out by hand from the inputs above, and equal to the raw rows
    assert table["普通会员"] == [2, 1, 0, 19.0]  # a (set by staff), d (stepped down)
    assert table["金卡"] == [1, 1, 1, 53.76]  # b; d left it; ¥8.16 + ¥45.60
    assert table["No level"][0] == 1  # c
    for name in ("普通会员", "金卡"):
        assert table[name][0] == members[name]
        assert D(str(table[name][3])) == discount[name]
    assert table["No level"][0] == members[None]
    assert rows[4][0] == "Total" and rows[4][1:5] == [4, 2, 1, 72.76]
    # the changes, with reasons in the workbook's language
    start = next(i for i, r in enumerate(rows) if r[0] == "Level changes this month") + 2
    listed = [r for r in rows[start:] if r[0] is not None]
    assert len(listed) == len(changes) == 3
    by_member = {r[1]: r for r in listed}
    assert by_member[ids["a"]][3:7] == [None, "普通会员", "up", "set by staff: 老顾客"]
    assert by_member[ids["b"]][2] == '=HYPERLINK("x")'  # text, never a formula
    assert ws.cell(start + 1 + listed.index(by_member[ids["b"]]), 3).data_type == "s"
    assert by_member[ids["b"]][6] == "topped up ¥1,000.00 on 2026-11-03"
    assert by_member[ids["d"]][3:7] == [
        "金卡", "普通会员", "down", "the 30-day window ended on 2026-11-10 without meeting the rule",
    ]  # fmt: skip
    # printable like the other sheets
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth in (None, 1)
    assert ws.print_title_rows == "$1:$1" and "&P" in ws.oddFooter.center.text


def test_levels_sheet_in_chinese(session, tmp_path):
    _november(session)
    path = tmp_path / "nov-zh.xlsx"
    with clock.frozen("2026-11-20 10:00"):
        export_month_workbook(session, 2026, 11, path, "zh", actor=SYSTEM)
    ws = openpyxl.load_workbook(path)["会员等级"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "当前会员数" in values and "本月等级变动" in values and "无等级" in values
    assert "2026-11-03 充值 ¥1,000.00" in values and "降级" in values
