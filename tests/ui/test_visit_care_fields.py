# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""The visit dialog's satisfaction score and complaint (issue 20): reached by keys, saved on
the visit, and the complaint opened for the owner at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import Visit
from shopcrm.services.care import list_complaints

from .shop_fixtures import PHONE, shop, window  # noqa: F401 - fixtures


def _open_visit(qtbot, window):
    counter = window.screen("counter")
    qtbot.keyClicks(counter.search, PHONE[-6:])
    counter.search.flush()
    qtbot.keyClick(counter.search, Qt.Key.Key_Down)
    qtbot.keyClick(counter.results, Qt.Key.Key_Return)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    dialog = counter.dialog
    qtbot.keyClicks(dialog.service_search, "xjc")
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    return dialog


def test_score_and_complaint_by_keys_open_a_complaint(window, qtbot, engine, shop):
    dialog = _open_visit(qtbot, window)
    # Alt+I and Alt+A: the labels' mnemonics give focus to their buddies
    assert "&i" in dialog.care.score_label.text().lower()
    assert dialog.care.score_label.buddy() is dialog.care.score_combo
    assert "&a" in dialog.care.complaint_label.text().lower()
    assert dialog.care.complaint_label.buddy() is dialog.care.complaint_edit
    dialog.care.score_combo.setFocus()
    qtbot.keyClick(dialog.care.score_combo, Qt.Key.Key_2)  # typing a digit picks the score
    assert dialog.care.score() == 2
    dialog.care.complaint_edit.setFocus()
    dialog.care.complaint_edit.insert("剪短了")  # (QTest types Latin-1 only)
    qtbot.keyClick(dialog.care.complaint_edit, Qt.Key.Key_Return)  # Enter saves
    assert dialog.visit_id is not None and not dialog.isVisible()
    with session_scope(engine) as s:
        visit = s.get(Visit, dialog.visit_id)
        assert (visit.satisfaction, visit.complaint) == (2, "剪短了")
        complaints = list_complaints(s, member_id=shop)
    assert [(c.visit_id, c.text, c.status) for c in complaints] == [
        (dialog.visit_id, "剪短了", "open")
    ]


def test_tab_from_the_note_reaches_the_score_and_nothing_typed_saves_none(
    window, qtbot, engine, shop
):
    dialog = _open_visit(qtbot, window)
    after_note = dialog.note_edit.nextInFocusChain()
    while after_note.focusPolicy() == Qt.FocusPolicy.NoFocus:  # the fields' container
        after_note = after_note.nextInFocusChain()
    assert after_note is dialog.care.score_combo  # Tab: note → score → complaint
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)  # empty search: Enter saves
    assert dialog.visit_id is not None
    with session_scope(engine) as s:
        assert s.scalar(select(Visit.satisfaction)) is None
        assert list_complaints(s, member_id=shop) == []
    window.screen("counter").rebook.hide()


def test_quick_bill_takes_a_score_and_a_complaint_by_keys(window, qtbot, engine, shop):
    """A restaurant's bill: amount, then Alt+I score and Alt+A complaint, Enter saves; the
    complaint is opened for the member like a visit's."""
    from shopcrm.services.settings import set_setting

    with session_scope(engine, write=True) as s:
        set_setting(s, "visit.quick_bill", True)
    counter = window.screen("counter")
    counter.refresh()
    qtbot.waitUntil(lambda: counter.quick_bill)
    qtbot.keyClicks(counter.search, PHONE[-6:])
    counter.search.flush()
    qtbot.keyClick(counter.search, Qt.Key.Key_Down)
    qtbot.keyClick(counter.results, Qt.Key.Key_Return)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    bill = counter.dialog
    assert bill.objectName() == "quickBillDialog"
    qtbot.keyClicks(bill.amount_edit, "288")
    assert bill.care.score_label.buddy() is bill.care.score_combo  # Alt+I
    assert bill.care.complaint_label.buddy() is bill.care.complaint_edit  # Alt+A
    bill.care.score_combo.setFocus()
    qtbot.keyClick(bill.care.score_combo, Qt.Key.Key_1)
    bill.care.complaint_edit.setFocus()
    bill.care.complaint_edit.insert("上菜太慢")
    qtbot.keyClick(bill.care.complaint_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bill.visit_id is not None)
    with session_scope(engine) as s:
        visit = s.get(Visit, bill.visit_id)
        assert (visit.total_amount, visit.satisfaction, visit.complaint) == (288, 1, "上菜太慢")
        complaints = list_complaints(s, member_id=shop)
    assert [(c.visit_id, c.text) for c in complaints] == [(bill.visit_id, "上菜太慢")]
