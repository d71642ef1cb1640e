"""The Reports screen on a demo shop: figures equal the month counted from the rows, charts drawn, Excel, owner only."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.models import Visit, VisitPayment
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.services.reports import monthly_report
from shopcrm.services.reports.review import default_month
from shopcrm.ui import formatting as fmt
from shopcrm.ui.reports.screen import CHART_KEYS, ReportsScreen


@pytest.fixture(scope="module")
def shop_file(tmp_path_factory):
    """One demo shop for the module, copied per test (a demo takes a second or two)."""
    from shopcrm.db import open_database
    from shopcrm.services import hooks

    path = tmp_path_factory.mktemp("reports") / "demo.db"
    engine = open_database(str(path))
    hooks.on_open(engine)
    create_demo_shop(engine, DemoOptions(members=60, months=14, seed=5, today=clock.today()))
    engine.dispose()
    return path


@pytest.fixture
def shop(shop_file, tmp_path, languages):
    import shutil

    from shopcrm.db import open_database
    from shopcrm.ui.app_context import AppContext

    target = tmp_path / "shop.db"
    shutil.copy(shop_file, target)
    engine = open_database(str(target))
    context = AppContext(engine, languages)
    yield context
    context.shutdown()
    engine.dispose()


def open_screen(ctx, qtbot):
    screen = ReportsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1190, 680)
    screen.show()
    screen.activate()
    QApplication.processEvents()
    return screen


def raw_month(engine, year: int, month: int) -> dict:
    """The month's takings counted here from the visit rows, not by the report service."""
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    with session_scope(engine) as s:
        visits = s.execute(
            select(Visit.id, Visit.member_id, Visit.total_amount).where(
                Visit.status == "ok", Visit.visited_at >= start, Visit.visited_at < end
            )
        ).all()
        ids = {v.id for v in visits}
        payments: dict[str, Decimal] = defaultdict(Decimal)
        for visit_id, method, amount in s.execute(
            select(VisitPayment.visit_id, VisitPayment.method, VisitPayment.amount)
        ):
            if visit_id in ids:
                payments[method] += amount
    return {
        "net": sum((v.total_amount for v in visits), Decimal("0")),
        "visits": len(visits),
        "members": len({v.member_id for v in visits if v.member_id is not None}),
        "payments": dict(payments),
    }


def test_figures_are_the_month_counted_from_the_rows(shop, qtbot):
    screen = open_screen(shop, qtbot)
    year, month = default_month()
    assert screen.selected_month() == (year, month)
    raw = raw_month(shop.engine, year, month)
    assert raw["visits"] > 0
    with session_scope(shop.engine) as s:
        report = monthly_report(s, year, month, "en", actor=SYSTEM)
    f = report.figures
    cards = screen.figures.cards
    assert cards["net_revenue"].value.text() == fmt.money(raw["net"])
    assert cards["visits"].value.text() == fmt.number(raw["visits"])
    assert cards["distinct_members"].value.text() == fmt.number(raw["members"])
    assert cards["average_ticket"].value.text() == fmt.money(f.average_ticket)
    assert cards["returning_rate"].value.text() == f"{f.returning_rate * 100:.1f}%"
    assert cards["closing"].value.text() == fmt.money(report.stored_value.closing)
    assert cards["followups_raised"].value.text() == fmt.number(report.followups.raised)
    assert cards["net_revenue"].caption.text() == "Net revenue"
    change = next(c for c in report.vs_previous_month if c.key == "net_revenue")
    if change.pct is not None:
        arrow = "↑" if change.pct > 0 else "↓" if change.pct < 0 else "→"
        assert f"{arrow} {abs(change.pct):.1f}%" in cards["net_revenue"].vs_previous.text()
    table = screen.breakdowns["by_payment"]
    assert table.table.rowCount() == len(raw["payments"]) > 0
    assert [table.cell(r, 0) for r in range(table.table.rowCount())] == [
        b.label for b in report.by_payment
    ]
    assert sorted(table.cell(r, 1) for r in range(table.table.rowCount())) == sorted(
        fmt.money(amount) for amount in raw["payments"].values()
    )
    staff = screen.breakdowns["by_staff"]
    assert staff.title.text() == "By staff" and staff.table.rowCount() == len(report.by_staff)

    screen.step_month(+1)  # an older month
    older = (year - 1, 12) if month == 1 else (year, month - 1)
    assert screen.selected_month() == older
    assert cards["net_revenue"].value.text() == fmt.money(raw_month(shop.engine, *older)["net"])


def test_charts_are_drawn_with_data(shop, qtbot):
    screen = open_screen(shop, qtbot)
    assert set(screen.canvases) == set(CHART_KEYS)
    for key, canvas in screen.canvases.items():
        axes = canvas.figure.axes
        assert axes, key
        ax = axes[0]
        assert ax.patches or ax.images or ax.lines, key
        assert canvas.parent() is screen.chart_pages[key]
    bars = screen.canvases["revenue_by_day"].figure.axes[0].patches
    year, month = screen.selected_month()
    assert sum(b.get_height() for b in bars) == pytest.approx(
        float(raw_month(shop.engine, year, month)["net"])
    )
    screen.tabs.setCurrentIndex(screen.tabs.indexOf(screen.chart_tabs))
    QApplication.processEvents()
    assert screen.canvases["revenue_by_day"].isVisible()


def test_segments_tab_lists_members_with_reasons(shop, qtbot):
    screen = open_screen(shop, qtbot)
    tab = screen.classes_tab
    classes = screen.classes
    assert classes is not None and tab.proxy.rowCount() == len(classes.members) > 0
    assert classes.model.message in tab.comeback.text()
    stage = next(m.stage for m in classes.members)
    tab.filter.setCurrentIndex(tab.filter.findData(f"stage:{stage}"))
    assert tab.proxy.rowCount() == sum(m.stage == stage for m in classes.members)
    tab.table.selectRow(0)
    shown = tab.model.members[tab.proxy.mapToSource(tab.proxy.index(0, 0)).row()]
    assert shown.stage_reason.split("(")[0].strip()[:20] in tab.reasons.text()


def test_export_writes_a_workbook_that_reopens(shop, qtbot, monkeypatch, tmp_path):
    screen = open_screen(shop, qtbot)
    target = tmp_path / "month.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    screen.export()
    wb = load_workbook(target)
    assert len(wb.sheetnames) >= 5
    assert "report-export" not in shop.running_jobs


def test_cancelled_export_leaves_no_file(shop, qtbot, monkeypatch, tmp_path):
    from shopcrm.services import excel as excel_module
    from shopcrm.services.excel import export_month_workbook

    def cancel_midway(*args, **kwargs):
        progress, cancel = kwargs["progress"], kwargs["cancel"]

        def pressed_cancel(fraction, message=""):
            progress(fraction, message)
            if fraction > 0:
                cancel.set()  # the user pressed Cancel in the progress dialog

        return export_month_workbook(*args, **{**kwargs, "progress": pressed_cancel})

    # the screen imports the service when the export starts (openpyxl is not loaded at start)
    monkeypatch.setattr(excel_module, "export_month_workbook", cancel_midway)
    messages = []
    shop.status_message.connect(lambda text, _ms: messages.append(text))
    screen = open_screen(shop, qtbot)
    target = tmp_path / "month.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    screen.export()
    assert not target.exists()
    assert list(tmp_path.glob("*.xlsx*")) == []
    assert messages == ["Export cancelled; no file was written"]


def test_staff_sees_the_owner_only_state(shop, qtbot):
    shop.actor = Actor(7, "Li", "staff")
    calls = shop.runner.calls
    screen = open_screen(shop, qtbot)
    assert screen.pages.currentWidget() is screen.owner_only
    assert "Only the owner can see reports" in screen.owner_only.text()
    assert not screen.export_button.isVisible() and not screen.month_combo.isVisible()
    assert shop.runner.calls == calls  # nothing was asked of the database
    assert screen.figures.cards == {}


def test_owner_only_error_from_the_service_shows_the_state(shop, qtbot, dialogs):
    screen = open_screen(shop, qtbot)
    assert screen.pages.currentWidget() is screen.tabs
    shop.actor = Actor(7, "Li", "staff")  # roles changed under the screen
    screen.actions["refresh"].trigger()
    assert screen.pages.currentWidget() is screen.owner_only
    shop.actor = Actor(None, "boss", "owner")
    screen.is_owner = lambda: True  # the screen thinks so, the service says no
    shop.actor = Actor(7, "Li", "staff")
    screen.load_month()
    assert screen.pages.currentWidget() is screen.owner_only
    assert dialogs.shown == []


def test_language_switch(shop, qtbot, languages):
    screen = open_screen(shop, qtbot)
    languages.apply("zh")
    assert screen.tabs.tabText(0) == "数据"
    assert screen.heading.text() == "报表"
    assert screen.figures.cards["net_revenue"].caption.text() == "净营业额"
    assert "环比上月" in screen.figures.cards["net_revenue"].vs_previous.text()
    year, month = screen.selected_month()
    assert screen.month_combo.currentText() == f"{year}年{month}月"
    languages.apply("en")
    assert screen.figures.cards["net_revenue"].caption.text() == "Net revenue"


def _texts(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_close_a_month_void_one_of_its_visits_and_see_the_adjustment(
    shop, qtbot, monkeypatch, dialogs
):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from shopcrm.models import ClosedMonth, MoneyMovement
    from shopcrm.services.auth import ROLE_OWNER
    from shopcrm.services.staff import list_staff
    from shopcrm.services.visits import void_visit

    with session_scope(shop.engine) as s:
        owner = next(p for p in list_staff(s) if p.role == ROLE_OWNER)
    actor = Actor(owner.id, owner.name, ROLE_OWNER)
    shop.set_actor(actor)
    screen = open_screen(shop, qtbot)
    year, month = default_month()
    period = f"{year:04d}-{month:02d}"
    assert screen.selected_month() == (year, month)
    assert not screen.banner.isVisible() and screen.close_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    with session_scope(shop.engine) as s:
        closed = s.get(ClosedMonth, period)
        assert closed is not None and closed.closed_by_id == owner.id
        closed_at = closed.closed_at
    screen.refresh()
    assert screen.banner.isVisible()
    banner = screen.banner.text()
    assert fmt.month(year, month) in banner and owner.name in banner
    assert fmt.day_time(closed_at) in banner
    assert screen.close_button.text().replace("&", "") == "Reopen month…"

    money_before = _texts(screen.money.tables["money_in"])
    revenue_before = _texts(screen.money.tables["revenue"])
    parts_before = _texts(screen.money.tables["stored_value"])
    net_before = screen.figures.cards["net_revenue"].value.text()
    raw = raw_month(shop.engine, year, month)
    money_paid = {m: a for m, a in raw["payments"].items() if m not in ("stored_value", "points")}
    assert [r[0] for r in money_before[:-1]]  # methods named, WeChat/Alipay apart from cash

    # void a visit of the closed month paid in money, through the service
    start, end = datetime(year, month, 1), datetime(year + (month == 12), month % 12 + 1, 1)
    with session_scope(shop.engine, write=True) as s:
        visit_id, method, amount = s.execute(
            select(VisitPayment.visit_id, VisitPayment.method, VisitPayment.amount)
            .join(Visit, Visit.id == VisitPayment.visit_id)
            .where(
                Visit.status == "ok",
                Visit.visited_at >= start,
                Visit.visited_at < end,
                VisitPayment.method.in_(list(money_paid)),
            )
            .limit(1)
        ).one()
        void_visit(s, visit_id, "wrong member", actor=actor)
    screen.refresh()
    assert screen.selected_month() == (year, month)
    assert _texts(screen.money.tables["money_in"]) == money_before
    assert _texts(screen.money.tables["revenue"]) == revenue_before
    assert _texts(screen.money.tables["stored_value"]) == parts_before
    assert screen.figures.cards["net_revenue"].value.text() == net_before
    assert screen.banner.isVisible()

    # the open month carries the adjustment, counted here from the ledger's rows
    today = clock.today()
    with session_scope(shop.engine) as s:
        rows = s.scalars(
            select(MoneyMovement).where(
                MoneyMovement.visit_id == visit_id, MoneyMovement.prior_period == period
            )
        ).all()
        assert rows and all(r.period == f"{today:%Y-%m}" for r in rows)
        expected = sum((r.amount for r in rows), Decimal("0"))
    assert any(r.method == method and r.amount == -amount for r in rows)
    screen.set_month(today.year, today.month)
    assert not screen.banner.isVisible()
    adjustments = _texts(screen.money.tables["adjustments"])
    mine = [r for r in adjustments if f"({period})" in r[0]]
    assert len(mine) == len(rows)
    assert sum(Decimal(r[3].replace("¥", "").replace(",", "")) for r in mine) == expected

    # reopening asks a reason: none refuses, one reopens (audited by the service)
    screen.set_month(year, month)
    answers = iter([("", True), ("typo in October", True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    assert dialogs.texts and "reason" in dialogs.texts[-1]
    with session_scope(shop.engine) as s:
        assert s.get(ClosedMonth, period) is not None
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    screen.refresh()
    with session_scope(shop.engine) as s:
        assert s.get(ClosedMonth, period) is None
    assert not screen.banner.isVisible()
