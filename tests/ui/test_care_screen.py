# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""The Care screen: the campaign builder's preview and launch, the complaints list (live ones
in red, resolve), the satisfaction chart and quick score entry."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import func, select

from shopcrm.db import session_scope
from shopcrm.models import Complaint, Followup, Member, MemberTag, Visit
from shopcrm.services.auth import SYSTEM
from shopcrm.services.care.complaints import open_complaint
from shopcrm.ui.care.screen import CareScreen

from .shop_fixtures import shop  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def screen(ctx, qtbot):
    widget = CareScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.activate()
    return widget


def test_campaign_builder_previews_the_segment_then_launches_once(
    engine, shop, screen, monkeypatch
):
    with session_scope(engine, write=True) as s:
        s.add(MemberTag(member_id=shop, tag="测试群"))
        expected = s.scalar(select(Member.name).where(Member.id == shop))
    tab = screen.campaigns
    tab.segment.setText("tag:测试群")
    tab.message.setPlainText("{name}您好，VIP专享")
    assert not tab.launch_button.isEnabled()
    tab.run_preview()
    assert tab.recipients.topLevelItemCount() == 1
    assert tab.recipients.topLevelItem(0).text(2) == f"{expected}您好，VIP专享"
    assert tab.launch_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.launch()
    tab.launch()  # disabled after launching: nothing more
    with session_scope(engine) as s:
        assert (
            s.scalar(select(func.count()).select_from(Followup).where(Followup.member_id == shop))
            >= 1
        )
        made = [f for f in s.scalars(select(Followup)) if (f.detail or {}).get("campaign_id")]
    assert len(made) == 1
    assert tab.campaigns.topLevelItemCount() == 1 and tab.campaigns.topLevelItem(0).text(2) == "1"
    tab.message.setPlainText("改了")
    assert not tab.launch_button.isEnabled()  # only what was previewed can be launched


def test_bad_segment_shows_the_services_words(screen, dialogs):
    screen.campaigns.segment.setText("colour:blue")
    screen.campaigns.message.setPlainText("hi")
    screen.campaigns.run_preview()
    assert any("colour:blue" in t for t in dialogs.texts)


def test_complaints_list_live_in_red_and_resolve(engine, shop, screen):
    with session_scope(engine, write=True) as s:
        info = open_complaint(s, shop, "等太久", actor=SYSTEM)
    screen.show_tab("complaints")
    tab = screen.complaints
    tab.refresh()
    item = tab.tree.topLevelItem(0)
    assert item.text(3) == "等太久"
    assert item.foreground(0).color().name() == "#c62828"
    tab.tree.setCurrentItem(item)
    tab.how.setCurrentIndex(3)  # voucher
    tab.note.setText("送代金券")
    tab.resolve()
    with session_scope(engine) as s:
        row = s.get(Complaint, info.id)
        assert (row.status, row.resolution, row.resolution_note) == (
            "resolved",
            "voucher",
            "送代金券",
        )
    assert tab.tree.topLevelItemCount() == 0  # resolved ones hidden by default
    tab.show_all.setChecked(True)
    assert tab.tree.topLevelItemCount() == 1


def test_new_complaint_from_the_keyboard(engine, shop, screen, qtbot):
    screen.show_tab("complaints")
    tab = screen.complaints
    tab.member.setText(f"#{shop}")
    tab.text.setText("头发剪短了")
    qtbot.keyClick(tab.text, Qt.Key.Key_Return)
    with session_scope(engine) as s:
        assert s.scalar(select(Complaint.text).where(Complaint.member_id == shop)) == "头发剪短了"
    assert tab.tree.topLevelItemCount() == 1


def test_satisfaction_chart_and_a_low_score(engine, shop, screen, frozen_clock):
    start = datetime(frozen_clock.year, frozen_clock.month, 1)
    with session_scope(engine) as s:
        before = s.scalars(
            select(Visit.satisfaction).where(
                Visit.visited_at >= start, Visit.satisfaction.is_not(None), Visit.status == "ok"
            )
        ).all()
    with session_scope(engine, write=True) as s:
        visit = Visit(
            member_id=shop,
            visited_at=datetime.combine(frozen_clock.date(), time(11)),
            satisfaction=4,
        )
        s.add(visit)
    screen.show_tab("satisfaction")
    tab = screen.satisfaction
    tab.refresh()
    assert tab.canvas is not None
    scores = [*before, 4]
    assert tab.figures.count == len(scores)
    assert tab.figures.average == round(sum(scores) / len(scores), 2)
    tab.member.setText(f"#{shop}")
    tab.score.setValue(1)
    tab.save_score()
    with session_scope(engine) as s:
        low = [
            f
            for f in s.scalars(select(Followup).where(Followup.member_id == shop))
            if (f.detail or {}).get("score") == 1
        ]
    assert len(low) == 1
    assert tab.figures.count == len(scores) + 1
    assert tab.figures.low == sum(1 for x in scores if x <= 2) + 1


def test_language_switch(screen, languages):
    languages.apply("zh")
    assert screen.tabs.tabText(0).replace("&", "").startswith("营销") or screen.tabs.tabText(0)
    languages.apply("en")
    assert "Campaigns" in screen.tabs.tabText(0).replace("&", "")


def test_member_card_shows_an_open_complaint_in_red(engine, shop, ctx, qtbot):
    from shopcrm.services.counter import member_panel
    from shopcrm.ui.counter.member_card import MemberCardView

    with session_scope(engine, write=True) as s:
        open_complaint(s, shop, "等太久", actor=SYSTEM)
    with session_scope(engine) as s:
        panel = member_panel(s, shop)
    card = MemberCardView()
    qtbot.addWidget(card)
    card._show_followups(panel.followups)
    red = [
        w for w in card.findChildren(QLabel) if "c62828" in w.styleSheet() and "等太久" in w.text()
    ]
    assert len(red) == 1
