# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""The Follow-ups screen and care (issue 20): a satisfaction score entered with the call's
outcome (R, 1–5, then the outcome key) is kept as the Care screen's `score` keeps it and a
low one raises a care call; "Done" on a complaint follow-up opens the complaint on the Care
screen, where it is resolved, and comes back."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.models import Complaint, Followup, FollowupRule, SatisfactionScore
from shopcrm.services.auth import SYSTEM
from shopcrm.services.care.complaints import open_complaint
from shopcrm.services.catalog import service_by_name
from shopcrm.services.followups import raise_due
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

from .shop_fixtures import shop, window  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def care_call(engine, shop):
    """Our member had a cut 5 days ago: her care call is due today. Returns its id."""
    today = clock.today()
    with session_scope(engine, write=True) as s:
        cut = service_by_name(s, "洗剪吹")
        record_visit(
            s,
            VisitDraft(
                shop,
                (LineDraft(cut.id),),
                (PaymentDraft("cash", cut.list_price),),
                visited_at=datetime.combine(today - timedelta(days=5), time(15)),
            ),
            actor=SYSTEM,
        )
        raise_due(s, today, actor=SYSTEM)
        rule = select(FollowupRule.id).where(FollowupRule.kind == "aftercare")
        return s.scalar(
            select(Followup.id).where(Followup.member_id == shop, Followup.rule_id.in_(rule))
        )


def _followups(window):
    window.show_screen([s.screen_id for s in window.screens].index("followups"))
    return window.current_screen()


def _low_score_followups(engine, member_id):
    with session_scope(engine) as s:
        rule = select(FollowupRule.id).where(FollowupRule.kind == "low_score")
        return s.scalars(
            select(Followup.id).where(Followup.member_id == member_id, Followup.rule_id.in_(rule))
        ).all()


def test_score_typed_with_the_call_is_kept_and_a_low_one_raises_a_care_call(
    window, engine, shop, care_call, qtbot
):
    screen = _followups(window)
    screen.select(care_call)
    screen.tree.setFocus()
    qtbot.keyClick(screen.tree, Qt.Key.Key_R)  # to the score field
    assert QApplication.focusWidget() is screen.score_edit
    qtbot.keyClicks(screen.score_edit, "7")  # not a score: refused as typed
    assert screen.score_edit.text() == ""
    qtbot.keyClicks(screen.score_edit, "1")
    qtbot.keyClick(screen.score_edit, Qt.Key.Key_Return)  # back to the list
    assert QApplication.focusWidget() is screen.tree
    assert _low_score_followups(engine, shop) == []
    qtbot.keyClick(screen.tree, Qt.Key.Key_1)  # Done: call
    with session_scope(engine) as s:
        rows = s.execute(
            select(
                SatisfactionScore.member_id, SatisfactionScore.score, SatisfactionScore.source
            ).where(SatisfactionScore.followup_id == care_call)
        ).all()
        call = s.get(Followup, care_call)
        assert call.status == "done"
    assert rows == [(shop, 1, "call")]  # as `shopcrm score 1 --followup ID` keeps it
    [low] = _low_score_followups(engine, shop)
    assert screen.score_edit.text() == ""  # one score per call
    assert low in screen.items and screen.items[low].member_id == shop  # on today's list


def test_a_good_score_raises_nothing_and_no_answer_keeps_no_score(
    window, engine, shop, care_call, qtbot
):
    screen = _followups(window)
    screen.select(care_call)
    screen.score_edit.setText("5")
    qtbot.keyClick(screen.tree, Qt.Key.Key_4)  # no answer: nobody gave a score
    with session_scope(engine) as s:
        assert s.scalars(select(SatisfactionScore.id)).all() == []
    screen.select(care_call)
    screen.score_edit.setText("5")
    qtbot.keyClick(screen.tree, Qt.Key.Key_2)  # Done: message
    with session_scope(engine) as s:
        assert s.scalars(select(SatisfactionScore.score)).all() == [5]
    assert _low_score_followups(engine, shop) == []


def test_done_on_a_complaint_opens_it_on_the_care_screen_and_comes_back(
    window, engine, shop, qtbot, dialogs
):
    with session_scope(engine, write=True) as s:
        info = open_complaint(s, shop, "等太久", actor=SYSTEM)
    screen = _followups(window)
    screen.select(info.followup_id)
    screen.tree.setFocus()
    qtbot.keyClick(screen.tree, Qt.Key.Key_1)  # Done: call
    care = window.current_screen()
    assert care.screen_id == "care" and care.tabs.currentWidget() is care.complaints
    tab = care.complaints
    assert tab.current_id() == info.id and tab.banner.isVisible()
    assert QApplication.focusWidget() is tab.how  # how it was resolved comes next
    assert dialogs.texts == []  # no refusal
    tab.how.setCurrentIndex(2)  # apology
    tab.note.setText("店长致电道歉")
    qtbot.keyClick(tab.note, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    with session_scope(engine) as s:
        row = s.get(Complaint, info.id)
        assert (row.status, row.resolution, row.resolution_note) == (
            "resolved",
            "apology",
            "店长致电道歉",
        )
        assert s.get(Followup, info.followup_id).status == "done"
    assert window.current_screen() is screen  # back on the list
    assert info.followup_id not in screen.items


def test_esc_on_the_complaint_goes_back_without_changing_it(window, engine, shop, qtbot):
    with session_scope(engine, write=True) as s:
        info = open_complaint(s, shop, "颜色不对", actor=SYSTEM)
    screen = _followups(window)
    screen.select(info.followup_id)
    screen.record("dismiss", None)
    care = window.current_screen()
    assert care.screen_id == "care" and care.complaints.current_id() == info.id
    qtbot.keyClick(care.complaints.how, Qt.Key.Key_Escape)
    assert window.current_screen() is screen
    assert not care.complaints.banner.isVisible()
    with session_scope(engine) as s:
        assert s.get(Complaint, info.id).status == "open"
    assert info.followup_id in screen.items  # still on the list
