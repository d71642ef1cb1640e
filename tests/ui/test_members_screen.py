"""The Members screen over a real database: lazy model, filters, sort, import, merge, open."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import func, insert, select

from shopcrm.db import session_scope
from shopcrm.models import Member
from shopcrm.services.members.listing import MemberFilter, member_ids
from shopcrm.ui.members.screen import MembersScreen


@pytest.fixture
def screen(ctx, qtbot):
    widget = MembersScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.activate()
    QApplication.processEvents()
    return widget


def active_count(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).where(Member.status == "active"))


def bulk_members(engine, n: int) -> None:
    with session_scope(engine, write=True) as s:
        s.execute(
            insert(Member),
            [
                {
                    "name": f"会员{i:04d}",
                    "name_pinyin": f"huiyuan{i:04d}",
                    "name_initials": "hy",
                    "phone": f"+86139{i:08d}",
                    "phone_digits": f"139{i:08d}",
                    "phone_rev": f"139{i:08d}"[::-1],
                    "join_date": date(2025, 1, 1),
                    "level": "金卡" if i % 3 == 0 else "",
                    "profile": {},
                }
                for i in range(n)
            ],
        )


def select_rows(screen, rows):
    sm = screen.table.selectionModel()
    sm.clearSelection()
    for row in rows:
        sm.select(
            screen.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    sm.setCurrentIndex(screen.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_model_is_valid_and_fetches_a_page_at_a_time(engine, ctx, qtbot):
    bulk_members(engine, 1000)
    screen = MembersScreen(ctx)
    qtbot.addWidget(screen)
    QAbstractItemModelTester(screen.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    screen.resize(1200, 600)
    screen.show()
    screen.activate()
    QApplication.processEvents()
    model = screen.model
    assert model.rowCount() == 1000
    assert screen.count_label.text() == "1,000 members"
    shown = model.fetch_calls
    assert 1 <= shown <= 2  # the visible rows: one page
    assert len(model._cache) <= 2 * model.page_size
    screen.table.scrollToBottom()
    QApplication.processEvents()
    assert model.fetch_calls == shown + 1  # only the last page was fetched
    assert len(model._cache) <= 3 * model.page_size
    last = model.index(999, 0)
    assert model.data(last) == model.row_data(999).name
    assert model.fetch_calls == shown + 1


def test_filters_and_sort_give_the_service_ids(frozen_clock, engine, small_demo, screen, qtbot):
    from datetime import timedelta

    from sqlalchemy import select

    from shopcrm.models import Member

    with session_scope(engine) as s:
        assert screen.model.ids() == member_ids(s, MemberFilter())
        members = s.execute(
            select(Member.id, Member.status, Member.level, Member.last_visit_on, Member.join_date)
        ).all()
    active = [m for m in members if m.status == "active"]
    level = screen.filters.level
    assert level.count() > 1
    level.setCurrentIndex(1)
    chosen = level.itemData(1)
    with session_scope(engine) as s:
        expected = member_ids(s, MemberFilter(level=chosen))
    assert screen.model.ids() == expected and 0 < len(expected) < 40
    assert set(expected) == {m.id for m in active if m.level == chosen}  # counted here
    level.setCurrentIndex(0)

    screen.filters.last_visit.setCurrentIndex(3)  # not seen for 60+ days
    with session_scope(engine) as s:
        assert screen.model.ids() == member_ids(s, MemberFilter(not_seen_days=60))
    cutoff = frozen_clock.date() - timedelta(days=60)  # the demo and the screen's day
    away = {m.id for m in active if (m.last_visit_on or m.join_date) < cutoff}
    assert set(screen.model.ids()) == away and away
    screen.filters.last_visit.setCurrentIndex(0)

    stage = screen.filters.stage
    stage.setCurrentIndex(stage.findData("stable"))
    with session_scope(engine) as s:
        assert screen.model.ids() == member_ids(s, MemberFilter(stage="stable"))
    stage.setCurrentIndex(0)

    header = screen.table.horizontalHeader()
    spend = next(n for n, c in enumerate(screen.model.columns) if c.key == "lifetime_spend")
    header.setSortIndicator(spend, Qt.SortOrder.DescendingOrder)
    with session_scope(engine) as s:
        assert screen.model.ids() == member_ids(s, MemberFilter(), "lifetime_spend", True)
    rows = [screen.model.row_data(r).lifetime_spend for r in range(screen.model.rowCount())]
    assert rows == sorted(rows, reverse=True)

    name = screen.model.row_data(0).name
    screen.search.setText(name)
    screen.search.textEdited.emit(name)  # as typed (keyClicks cannot type Chinese)
    screen.search.flush()
    assert name in [screen.model.row_data(r).name for r in range(screen.model.rowCount())]
    assert screen.model.rowCount() < 40


def test_class_columns_show_the_analytics(engine, small_demo, screen):
    from shopcrm.services.members.listing import member_class_codes

    with session_scope(engine) as s:
        codes = member_class_codes(s)
    row = screen.model.row_data(0)
    assert (row.abc, row.segment, row.stage) == (
        codes[row.id].abc,
        codes[row.id].segment,
        codes[row.id].stage,
    )


def write_xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "手机", "等级"])
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_import_through_the_screen(engine, small_demo, screen, monkeypatch, tmp_path):
    source = tmp_path / "new.xlsx"
    write_xlsx(
        source,
        [["王小明", "13911112222", "金卡"], ["赵丽", "13933334444", ""], ["", "abc", ""]],
    )
    before = screen.model.rowCount()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    screen.import_file()
    dialog = screen.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.counts["created"].text() == "2"
    assert dialog.counts["rejected"].text() == "1"
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "4"
    assert screen.model.rowCount() == before + 2 == active_count(engine)
    names = {screen.model.row_data(r).name for r in range(screen.model.rowCount())}
    assert {"王小明", "赵丽"} <= names

    report = tmp_path / "report.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    dialog.save_button.click()
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert len(rows) == 4  # header + three rows
    assert sorted(r[0] for r in rows[1:]) == [2, 3, 4]


def test_cancelled_import_changes_nothing(engine, small_demo, screen, monkeypatch, tmp_path):
    from shopcrm.services.members import import_members
    from shopcrm.ui.members import screen as members_screen

    source = tmp_path / "new.xlsx"
    write_xlsx(source, [["王小明", "13911112222", "金卡"]])

    def pressed_cancel(*args, **kwargs):
        kwargs["cancel"].set()  # the user pressed Cancel while the file was being read
        return import_members(*args, **kwargs)

    monkeypatch.setattr(members_screen, "import_members", pressed_cancel)
    messages = []
    screen.ctx.status_message.connect(lambda text, _ms: messages.append(text))
    before = active_count(engine)
    screen.import_path(str(source))
    assert active_count(engine) == before == screen.model.rowCount()
    assert screen.import_dialog is None
    assert messages == ["Import cancelled; no member was changed"]
    assert "members-import" not in screen.ctx.running_jobs


def test_merge_from_the_screen(engine, small_demo, screen):
    before = screen.model.rowCount()
    select_rows(screen, [0, 1])
    assert screen.buttons["merge"].isEnabled()
    first, second = screen.selected_ids()
    screen.merge_selected()
    dialog = screen.merge_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.radios[1].setChecked(True)
    assert dialog.keep_and_other() == (second, first)
    dialog.accept()
    with session_scope(engine) as s:
        other = s.get(Member, first)
        assert (other.status, other.merged_into_id) == ("merged", second)
    assert screen.model.rowCount() == before - 1
    assert screen.model.row_of(first) is None and screen.model.row_of(second) is not None


def test_archive_and_restore(engine, small_demo, screen, monkeypatch):
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    before = screen.model.rowCount()
    select_rows(screen, [2])
    member_id = screen.selected_ids()[0]
    assert screen.buttons["archive"].isEnabled() and not screen.buttons["restore"].isEnabled()
    screen.archive_selected()
    assert screen.model.rowCount() == before - 1 and screen.model.row_of(member_id) is None
    screen.filters.status.setCurrentIndex(1)  # archived
    assert screen.model.ids() == [member_id]
    select_rows(screen, [0])
    assert screen.buttons["restore"].isEnabled()
    screen.restore_selected()
    assert screen.model.ids() == []
    with session_scope(engine) as s:
        assert s.get(Member, member_id).status == "active"


def test_open_member_request(small_demo, screen, qtbot):
    select_rows(screen, [3])
    expected = screen.model.id_at(3)
    with qtbot.waitSignal(screen.ctx.member_open_requested, timeout=1000) as blocker:
        screen.actions["open"].trigger()
    assert blocker.args == [expected]
    with qtbot.waitSignal(screen.ctx.member_open_requested, timeout=1000) as blocker:
        screen.table.doubleClicked.emit(screen.model.index(5, 2))
    assert blocker.args == [screen.model.id_at(5)]


def test_language_switch_retranslates(small_demo, screen, languages):
    languages.apply("zh")
    assert screen.heading.text() == "会员"
    assert screen.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    assert screen.buttons["import"].text() == "导入…"
    assert "Ctrl+I" in screen.buttons["import"].toolTip()
    assert screen.filters.status.itemText(1) == "已归档"
    languages.apply("en")
    assert screen.heading.text() == "Members"


def test_row_cache_stays_bounded(engine, ctx, qtbot, monkeypatch):
    from shopcrm.ui.members import model as model_module

    monkeypatch.setattr(model_module, "MAX_CACHED_ROWS", 250)
    bulk_members(engine, 1000)
    screen = MembersScreen(ctx)
    qtbot.addWidget(screen)
    screen.activate()
    for row in range(0, 1000, 100):
        assert screen.model.row_data(row) is not None
        assert len(screen.model._cache) <= 250
    assert screen.model.fetch_calls == 5  # one page of 200 per two probes
    assert screen.model.data(screen.model.index(0, 0)) == "会员0000"
