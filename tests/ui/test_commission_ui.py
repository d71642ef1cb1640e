"""Commission on screen: the Settings page's rules, the visit dialog's designated tick
(Ctrl+D), the Reports screen's Commission tab."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.services import catalog, commission, staff
from shopcrm.services.auth import SYSTEM
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

from .settings_helpers import open_page


def _shop(engine) -> dict[str, int]:
    with session_scope(engine, write=True) as s:
        cat = catalog.create_category(s, "剪发", actor=SYSTEM)
        ids = {
            "cut": catalog.create_service(s, "剪发", Decimal("100"), category_id=cat, actor=SYSTEM),
            "tony": staff.create_staff(s, "Tony", title="发型师", actor=SYSTEM),
            "amy": staff.create_staff(s, "Amy", title="助理", actor=SYSTEM),
        }
    return ids


def test_rules_page_adds_replaces_and_retires_a_rule(ctx, qtbot, engine):
    _shop(engine)
    _, page = open_page(ctx, qtbot, "commission")
    page.who_combo.setCurrentIndex(page.who_combo.findText("role: 发型师"))
    page.mode_combo.setCurrentIndex(1)  # designated
    page.pays_edit.setText("20%")
    page.save_button.click()
    with session_scope(engine) as s:
        (rule,) = commission.list_rules(s)
    assert (rule.role, rule.mode, rule.rate, rule.base) == ("发型师", "designated",
                                                            Decimal("0.2"), "paid")  # fmt: skip
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "20%"
    page.table.selectRow(0)  # the form shows it; a new rate replaces it from now
    assert page.pays_edit.text() == "20%"
    page.pays_edit.setText("22%")
    page.save_button.click()
    with session_scope(engine) as s:
        assert [r.rate for r in commission.list_rules(s)] == [Decimal("0.22")]
        assert len(commission.list_rules(s, include_history=True)) == 2
    page.table.selectRow(0)
    page.retire_button.click()
    with session_scope(engine) as s:
        assert commission.list_rules(s) == []


def test_rules_page_shows_a_bad_rate_in_words_and_saves_nothing(ctx, qtbot, engine, dialogs):
    _shop(engine)
    _, page = open_page(ctx, qtbot, "commission")
    page.pays_edit.setText("abc")
    page.save_button.click()
    assert any("not a commission rate" in t for t in dialogs.texts)
    with session_scope(engine) as s:
        assert commission.list_rules(s) == []


def test_visit_dialog_ticks_the_preferred_stylist_and_ctrl_d_flips(ctx, qtbot, engine):
    from shopcrm.models import VisitLine
    from shopcrm.services.members import MemberForm, create_member
    from shopcrm.ui.counter.visit_dialog import VisitDialog

    ids = _shop(engine)
    with session_scope(engine, write=True) as s:
        member = create_member(s, MemberForm(name="王女士", phone="13900139000"), actor=SYSTEM)
        from shopcrm.models import Member

        s.get(Member, member).profile = {"preferred_stylist": "Tony"}
    dialog = VisitDialog(ctx, member)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lines.preferred_staff_id == ids["tony"]
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findData(ids["tony"]))
    dialog.lines.add_line(dialog.services[0], ids["tony"])
    dialog.lines.add_line(dialog.services[0], ids["amy"])
    item0, item1 = dialog.lines.item(0, 0), dialog.lines.item(1, 0)
    assert item0.checkState() == Qt.CheckState.Checked
    assert item1.checkState() == Qt.CheckState.Unchecked
    dialog.lines.setCurrentCell(1, 0)
    dialog.lines.setFocus()
    dialog.lines.flip.activated.emit()  # Ctrl+D
    assert item1.checkState() == Qt.CheckState.Checked
    dialog.lines.setCurrentCell(0, 0)
    dialog.lines.flip.activated.emit()
    dialog.pay_edits["cash"].set_value(Decimal("200"))
    dialog.save()
    assert dialog.visit_id is not None
    with session_scope(engine) as s:
        flags = s.scalars(select(VisitLine.designated).order_by(VisitLine.line_no)).all()
    assert flags == [False, True]


def test_reports_commission_tab_shows_each_person_and_their_lines(ctx, qtbot, engine):
    from shopcrm import clock
    from shopcrm.ui.reports.commission_tab import CommissionTab

    ids = _shop(engine)
    with session_scope(engine, write=True) as s:
        commission.add_rule(
            s, commission.RuleSpec(rate=Decimal("0.15")), actor=SYSTEM,
            valid_from=datetime(2026, 1, 1),
        )  # fmt: skip
        for who in ("tony", "tony", "amy"):
            with clock.frozen("2026-10-12 11:00"):
                line = LineDraft(service_id=ids["cut"], staff_id=ids[who])
                record_visit(
                    s, VisitDraft(None, (line,), (PaymentDraft("cash", Decimal("100")),)),
                    actor=SYSTEM,
                )  # fmt: skip
    tab = CommissionTab(ctx)
    qtbot.addWidget(tab)
    tab.load(2026, 10)
    table = tab.staff_table
    rows = {table.item(r, 0).text(): table.item(r, 8).text() for r in range(table.rowCount())}
    assert rows == {"Tony": "¥30.00", "Amy": "¥15.00"}  # 2 × ¥100 × 15%, 1 × ¥100 × 15%
    assert tab.lines_table.rowCount() == 2  # Tony's two lines (selected first)
    assert "45.00" in tab.title.text()
