# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""The Follow-ups screen: groups (overdue apart), copy in one key, outcomes, snooze, another
day (future = preview), export, language."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from shopcrm.db import session_scope
from shopcrm.services.auth import SYSTEM
from shopcrm.services.birthdays import SOLAR, Birthday
from shopcrm.services.catalog import service_by_name
from shopcrm.services.followups import followup_history, raise_due
from shopcrm.services.members import get_member, update_member
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit
from shopcrm.ui.followups.screen import MEMBER_ROLE
from shopcrm.ui.widgets.toast import Toast

from .shop_fixtures import shop, window  # noqa: F401 - fixtures

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")  # TODAY is the frozen clock's day


@pytest.fixture
def due(engine, shop):
    """Our member: birthday today, and a perm 4 days ago (care call yesterday: overdue)."""
    with session_scope(engine, write=True) as s:
        card = get_member(s, shop)
        update_member(
            s, shop, card.version, birthday=Birthday(SOLAR, TODAY.month, TODAY.day), actor=SYSTEM
        )
        perm = service_by_name(s, "冷烫")
        record_visit(
            s,
            VisitDraft(
                shop,
                (LineDraft(perm.id),),
                (PaymentDraft("cash", perm.list_price),),
                visited_at=datetime.combine(TODAY - timedelta(days=4), time(15)),
            ),
            actor=SYSTEM,
        )
        raise_due(s, TODAY, actor=SYSTEM)
    return shop


@pytest.fixture
def screen(window, due):
    index = [s.screen_id for s in window.screens].index("followups")
    window.show_screen(index)
    return window.current_screen()


def ours(screen, member_id):
    return {i.rule_kind: i for i in screen.items.values() if i.member_id == member_id}


def row_ids(screen):
    """The follow-up ids as the tree shows them, top to bottom."""
    ids = []
    for i in range(screen.tree.topLevelItemCount()):
        group = screen.tree.topLevelItem(i)
        ids.extend(
            group.child(j).data(0, Qt.ItemDataRole.UserRole) for j in range(group.childCount())
        )
    return ids


def group_titles(screen):
    return [screen.tree.topLevelItem(i).text(0) for i in range(screen.tree.topLevelItemCount())]


def member_rows(screen):
    rows = []
    for i in range(screen.tree.topLevelItemCount()):
        group = screen.tree.topLevelItem(i)
        rows.extend(group.child(j) for j in range(group.childCount()))
    return rows


def test_one_row_per_member_with_all_her_reasons(screen, due):
    mine = ours(screen, due)
    assert set(mine) == {"birthday", "aftercare"}
    assert mine["aftercare"].overdue and not mine["birthday"].overdue
    titles = group_titles(screen)
    assert titles[0].startswith("Overdue (")
    assert all(t.count("(") == 1 for t in titles)
    rows = [r for r in member_rows(screen) if r.data(0, MEMBER_ROLE) == due]
    assert len(rows) == 1  # two follow-ups, one call
    row = rows[0]
    assert row.parent() is screen.tree.topLevelItem(0)  # her care call is overdue
    assert row.text(0) == "王测试" and row.text(1) == "139 0001 7788"
    # the reasons with the number first, the overdue one first
    assert row.text(2) == "3-day care call · 冷烫 on 19 Nov; birthday today"
    assert "王测试" in row.text(3)
    screen.select(mine["birthday"].id)
    assert screen.tree.currentItem() is row
    assert screen.message.toPlainText() == mine["birthday"].message
    # the side panel: how overdue, her last visit (the perm 4 days ago)
    assert screen.state.text().startswith("1 day overdue · last visit 19 Nov")
    assert "birthday today" in screen.reason.text() and "3-day care call" in screen.reason.text()
    screen.select(mine["aftercare"].id)
    assert screen.message.toPlainText() == mine["aftercare"].message
    # the outcome keys are on the buttons
    assert screen.outcome_buttons["done_call"].text().endswith("1")
    assert screen.snooze_button.text().endswith("S")


def test_copy_message_in_one_key(screen, due, qtbot):
    item = ours(screen, due)["birthday"]
    screen.select(item.id)
    screen.tree.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(screen.tree, Qt.Key.Key_C)
    assert QGuiApplication.clipboard().text() == item.message
    toast = screen.window().findChild(Toast, "toast")
    assert toast is not None and toast.isVisible() and toast.text() == "Message copied"
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(screen.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == item.message


def test_snooze_hides_until_its_date(screen, due, qtbot, engine):
    item = ours(screen, due)["aftercare"]
    screen.select(item.id)
    assert screen.snooze_edit.date().toPython() == TODAY + timedelta(days=3)  # default +3
    qtbot.mouseClick(screen.snooze_button, Qt.MouseButton.LeftButton)
    assert "aftercare" not in ours(screen, due)
    screen.day_edit.setDate(QDate(TODAY + timedelta(days=2)))
    assert "aftercare" not in ours(screen, due)
    screen.day_edit.setDate(QDate(TODAY + timedelta(days=3)))
    back = ours(screen, due)["aftercare"]
    assert back.id == item.id and screen.listing.actionable(back)
    with session_scope(engine) as s:
        events = followup_history(s, item.id, "en")
    assert [(e.action, e.snooze_to) for e in events] == [("snooze", TODAY + timedelta(days=3))]


def test_outcome_with_note_on_all_her_follow_ups_and_next_row_selected(screen, due, qtbot, engine):
    mine = ours(screen, due)
    before = row_ids(screen)
    position = before.index(mine["aftercare"].id)  # her row carries her first follow-up
    rest = [i for i in before if i not in (mine["aftercare"].id, mine["birthday"].id)]
    expected = rest[min(position, len(rest) - 1)] if rest else None
    screen.select(mine["birthday"].id)
    screen.note_edit.setText("发了微信")
    screen.tree.setFocus()
    qtbot.keyClick(screen.tree, Qt.Key.Key_2)  # 2: done by message
    assert not ours(screen, due)
    assert row_ids(screen) == rest
    if expected is not None:
        assert screen.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == expected
    with session_scope(engine) as s:
        for item in mine.values():
            events = followup_history(s, item.id, "en")
            assert [(e.action, e.channel, e.note) for e in events] == [
                ("done", "message", "发了微信")
            ]
    assert screen.note_edit.text() == ""


def test_no_answer_keeps_it_and_counts(screen, due, qtbot):
    item = ours(screen, due)["birthday"]
    screen.select(item.id)
    qtbot.mouseClick(screen.outcome_buttons["noanswer"], Qt.MouseButton.LeftButton)
    again = ours(screen, due)["birthday"]
    assert again.attempts == 1
    screen.select(again.id)
    assert "no answer 1×" in screen.state.text()


def test_future_day_is_a_preview_without_outcomes(screen, due):
    screen.day_edit.setDate(QDate(TODAY + timedelta(days=26)))  # the perm's 30-day care call
    preview = ours(screen, due)["aftercare"]
    assert "30-day" in preview.reason
    screen.select(preview.id)
    assert not screen.outcome_buttons["done_call"].isEnabled()
    assert screen.copy_button.isEnabled()
    assert "preview" in screen.summary.text()


def test_export_the_day(screen, due, monkeypatch, tmp_path):
    target = tmp_path / "due.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    screen.export()
    sheet = load_workbook(target).active
    names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sheet.cell(1, 4).value == "Member"
    assert names.count("王测试") == 2
    assert len(names) == len(screen.items)


def test_language_switch_retranslates(screen, due, languages):
    languages.apply("zh")
    assert screen.outcome_buttons["done_call"].text() == "已完成：电话  1"
    assert group_titles(screen)[0].startswith("已逾期")
    assert ours(screen, due)["birthday"].reason == "今天生日"
    languages.apply("en")
    assert ours(screen, due)["birthday"].reason == "birthday today"


def test_counter_card_quick_done_matches_the_list(window, due, qtbot, engine):
    counter = window.screen("counter")
    counter.open_member(due)
    assert {f.rule_kind for f in counter.card.panel.followups} == {"birthday", "aftercare"}
    assert all(b.isEnabled() for b in counter.card.done_buttons)
