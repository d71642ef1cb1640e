"""Commission inputs on the counter's dialogs: a line shared between staff (Ctrl+E in the
visit dialog) and who sold a top-up (the top-up dialog's "Sold by")."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, text

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.services import catalog, commission, staff
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.commission.lines import visit_split
from shopcrm.services.members import MemberForm, create_member
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

D = Decimal


def _shop(engine) -> dict[str, int]:
    with session_scope(engine, write=True) as s:
        cat = catalog.create_category(s, "染烫", actor=SYSTEM)
        ids = {
            "colour": catalog.create_service(s, "染发", D("300"), category_id=cat, actor=SYSTEM),
            "tony": staff.create_staff(s, "Tony", title="发型师", actor=SYSTEM),
            "xue": staff.create_staff(s, "小雪", title="助理", actor=SYSTEM),
            "member": create_member(
                s, MemberForm(name="王女士", phone="13900139000"), actor=SYSTEM
            ),
        }
        commission.add_rule(s, commission.RuleSpec(rate=D("0.2")), actor=SYSTEM)
    return ids


def _shares(engine, visit_id: int) -> list[tuple[int, Decimal]]:
    with session_scope(engine) as s:
        rows = s.execute(
            text(
                "SELECT ls.staff_id, ls.share FROM visit_line_staff ls JOIN visit_lines l "
                "ON l.id = ls.line_id WHERE l.visit_id = :v ORDER BY ls.position"
            ),
            {"v": visit_id},
        ).all()
    return [(a, D(str(b))) for a, b in rows]  # shares as stored (basis points)


def test_a_line_shared_in_the_dialog_saves_the_same_split_as_visit_add(ctx, qtbot, engine):
    from shopcrm.ui.counter.visit_dialog import VisitDialog

    ids = _shop(engine)
    dialog = VisitDialog(ctx, ids["member"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.lines.add_line(dialog.services[0], ids["tony"])
    dialog.lines.setCurrentCell(0, 0)

    def fill() -> None:
        editor = QApplication.activeModalWidget()
        editor.people[0].setCurrentIndex(editor.people[0].findData(ids["xue"]))
        editor.equal.setChecked(False)
        editor.shares[0].setValue(30)
        editor.save()

    QTimer.singleShot(0, fill)
    dialog.lines.split_key.activated.emit()  # Ctrl+E
    assert "+小雪 30%" in dialog.lines.item(0, 0).text()
    dialog.pay_edits["cash"].set_value(D("300"))
    dialog.save()
    assert dialog.visit_id is not None
    with session_scope(engine, write=True) as s:  # the same line by `visit add --split 小雪:30`
        split = visit_split(s, ids["tony"], ["小雪:30"])
        line = LineDraft(service_id=ids["colour"], staff_id=ids["tony"], split=split)
        cli_visit = record_visit(
            s, VisitDraft(ids["member"], (line,), (PaymentDraft("cash", D("300")),)), actor=SYSTEM
        )
    assert _shares(engine, dialog.visit_id) == _shares(engine, cli_visit)
    assert _shares(engine, dialog.visit_id) == [(ids["tony"], D(7000)), (ids["xue"], D(3000))]
    with session_scope(engine) as s:
        earned = commission.month_earnings(s, f"{clock.now():%Y-%m}")
    by_visit = {v: sorted((e.staff_id, e.commission) for e in earned if e.visit_id == v)
                for v in (dialog.visit_id, cli_visit)}  # fmt: skip
    assert by_visit[dialog.visit_id] == by_visit[cli_visit]
    assert by_visit[cli_visit] == sorted([(ids["tony"], D("42.00")), (ids["xue"], D("18.00"))])


def test_share_editor_equal_shares_and_a_bad_total_in_words(ctx, qtbot, engine):
    from shopcrm.ui.counter.line_split import SplitDialog

    ids = _shop(engine)
    with session_scope(engine) as s:
        people = tuple(staff.list_staff(s))
    editor = SplitDialog(people, ids["tony"], ())
    qtbot.addWidget(editor)
    editor.people[0].setCurrentIndex(editor.people[0].findData(ids["xue"]))
    assert editor.chosen() == ((ids["xue"], None),)  # equal by default
    editor.people[1].setCurrentIndex(editor.people[1].findData(ids["xue"]))
    editor.save()  # the same person twice: refused in words, the dialog stays open
    assert "twice" in editor.error_label.text() and editor.others == ()


def test_top_up_sold_by_xiaoxue_earns_her_the_topup_commission(ctx, qtbot, engine):
    from shopcrm.models import MoneyMovement
    from shopcrm.services.counter import member_panel
    from shopcrm.ui.counter.topup_dialog import TopupDialog

    ids = _shop(engine)
    with session_scope(engine, write=True) as s:
        commission.add_rule(s, commission.RuleSpec(kind="topup", rate=D("0.03")), actor=SYSTEM)
        panel = member_panel(s, ids["member"])
    ctx.actor = Actor(staff_id=ids["tony"], name="Tony", role="staff")
    dialog = TopupDialog(ctx, panel)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.seller.currentData() == ids["tony"]  # default: who is logged in
    dialog.seller.setCurrentIndex(dialog.seller.findData(ids["xue"]))
    qtbot.keyClicks(dialog.amount, "1000")
    dialog.save()
    with session_scope(engine) as s:
        move = s.scalars(select(MoneyMovement)).one()
        assert move.staff_id == ids["xue"]
        report = commission.commission_report(s, move.period, actor=SYSTEM)
    earned = {r.staff_id: r.commission for r in report.staff}
    assert earned == {ids["xue"]: D("30.00")}
