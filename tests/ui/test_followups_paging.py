# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""The Follow-ups list a page at a time (issue 21): Down past the last row loaded and
scrolling to the end load the next page; each member once; the figures shown are the
day's true totals; an outcome deep in the list keeps the rows loaded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import Followup, FollowupRule, Member
from shopcrm.services.auth import SYSTEM
from shopcrm.services.followups import due_ids, raise_due
from shopcrm.ui.followups import pages
from shopcrm.ui.followups.screen import MEMBER_ROLE

from .shop_fixtures import shop, window  # noqa: F401 - fixtures

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")  # TODAY is the frozen clock's day
PAGE = 3


@pytest.fixture
def day(engine, shop):
    """Today's raw list: (follow-up ids, member ids), with a dozen care calls more."""
    with session_scope(engine, write=True) as s:
        raise_due(s, TODAY, actor=SYSTEM)
        care = s.scalars(select(FollowupRule).where(FollowupRule.kind == "aftercare")).first()
        members = s.scalars(select(Member.id).order_by(Member.id).limit(12)).all()
        for n, member_id in enumerate(members):
            occasion = TODAY - timedelta(days=n % 4)
            s.add(
                Followup(
                    member_id=member_id,
                    rule_id=care.id,
                    occasion_date=occasion + timedelta(days=100),  # apart from demo's own
                    due_date=TODAY - timedelta(days=n % 3),
                    detail={
                        "visit_date": occasion.isoformat(),
                        "services": ["洗剪吹"],
                        "offset": 3,
                    },
                )  # fmt: skip
            )
    with session_scope(engine) as s:
        ids = due_ids(s, TODAY)
        owners = s.execute(select(Followup.member_id).where(Followup.id.in_(ids))).scalars()
        return set(ids), set(owners)


def _open(window, monkeypatch):
    monkeypatch.setattr(pages, "PAGE", PAGE)
    index = [s.screen_id for s in window.screens].index("followups")
    window.show_screen(index)
    return window.current_screen()


@pytest.fixture
def screen(window, day, monkeypatch):
    return _open(window, monkeypatch)


@pytest.fixture
def keys_screen(window, day, monkeypatch):
    """The screen without its view-filling (a page is then exactly what Down loads)."""
    monkeypatch.setattr(pages.PagedList, "_fill_later", lambda self: None)
    return _open(window, monkeypatch)


def rows(screen):
    out = []
    for i in range(screen.tree.topLevelItemCount()):
        group = screen.tree.topLevelItem(i)
        out.extend(group.child(j).data(0, MEMBER_ROLE) for j in range(group.childCount()))
    return out


def titles(screen):
    """group title -> the count in its heading."""
    out = {}
    for i in range(screen.tree.topLevelItemCount()):
        title, count = screen.tree.topLevelItem(i).text(0).rsplit(" (", 1)
        out[title] = int(count.rstrip(")"))
    return out


def titles_total(screen):
    total = 0
    for i in range(screen.tree.topLevelItemCount()):
        text = screen.tree.topLevelItem(i).text(0)
        total += int(text.rsplit("(", 1)[1].rstrip(")"))
    return total


def test_down_past_the_last_row_loads_the_next_page(keys_screen, day, qtbot):
    screen = keys_screen
    ids, members = day
    assert len(members) > 2 * PAGE  # several pages
    assert len(screen.order) == PAGE and screen.pages.has_more
    # the true totals at once, not the rows loaded
    assert str(len(members)) in screen.summary.text()
    early = titles(screen)
    assert sum(early.values()) > PAGE
    screen.tree.setFocus()
    first = screen.tree.topLevelItem(0).child(0)
    screen.tree.setCurrentItem(first)
    seen = [first.data(0, MEMBER_ROLE)]
    for _ in range(len(members) + 3):
        qtbot.keyClick(screen.tree, Qt.Key.Key_Down)
        current = screen.tree.currentItem().data(0, MEMBER_ROLE)
        if current is not None and current != seen[-1]:
            seen.append(current)
    assert not screen.pages.has_more
    assert seen == rows(screen) == screen.order  # Down walked every row, in order
    assert len(seen) == len(set(seen)) == len(members)  # each member once
    assert set(seen) == members
    assert set(screen.items) == ids  # every follow-up of the day, on her member's row
    assert titles_total(screen) == len(members)
    final = titles(screen)
    assert all(final[t] == n for t, n in early.items())  # the counts shown first were true
    for i in range(screen.tree.topLevelItemCount()):  # and each group's rows are its count
        head = screen.tree.topLevelItem(i)
        assert final[head.text(0).rsplit(" (", 1)[0]] == head.childCount()


def test_scrolling_to_the_end_loads_more_and_an_outcome_keeps_them(screen, day, qtbot):
    ids, members = day
    qtbot.waitUntil(lambda: len(screen.order) > PAGE)  # a view taller than a page fills
    bar = screen.tree.verticalScrollBar()
    for _ in range(len(members)):
        if not screen.pages.has_more:
            break
        before = len(screen.order)
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda n=before: len(screen.order) > n or not screen.pages.has_more)
    assert not screen.pages.has_more
    assert sorted(rows(screen)) == sorted(members) and len(rows(screen)) == len(members)
    assert set(screen.items) == ids
    # an outcome on a member of a later page: her row goes, the others stay loaded
    last = screen.members[screen.order[-1]]
    screen.select(last.first.id)
    screen.tree.setFocus()
    qtbot.keyClick(screen.tree, Qt.Key.Key_4)  # no answer: stays, counts an attempt
    qtbot.waitUntil(lambda: last.member_id in screen.members)
    assert max(i.attempts for i in screen.members[last.member_id].items) == 1
    assert len(screen.order) == len(members)
    qtbot.keyClick(screen.tree, Qt.Key.Key_5)  # dismiss
    qtbot.waitUntil(lambda: last.member_id not in screen.members)
    assert len(rows(screen)) == len(members) - 1 == len(set(rows(screen)))
    assert titles_total(screen) == len(members) - 1
