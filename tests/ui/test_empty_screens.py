"""Issue 23: every empty screen of a new shop says in one line what to do first, with a
button that does it, in Chinese and English; the hint goes once there is data."""

from __future__ import annotations

from decimal import Decimal

from shopcrm.db import session_scope
from shopcrm.services import catalog, staff
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import MemberForm, create_member
from shopcrm.services.shop_setup import complete_first_run
from shopcrm.ui.counter.member_dialog import MemberDialog
from shopcrm.ui.main_window import MainWindow


def _window(ctx, engine, qtbot) -> MainWindow:  # noqa: ANN001
    with session_scope(engine, write=True) as s:
        complete_first_run(s, "Lucky Noodles", "restaurant", "en", actor=SYSTEM)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def _open(window: MainWindow, screen_id: str):  # noqa: ANN202
    screen = window.screen(screen_id)
    window.show_screen(window.screens.index(screen))
    return screen


def _shown(hint) -> bool:  # noqa: ANN001
    return not hint.isHidden()


def test_empty_member_list_says_add_or_import_and_the_button_adds(ctx, engine, languages, qtbot):
    window = _window(ctx, engine, qtbot)
    members = _open(window, "members")
    hint = members.empty_hint
    assert _shown(hint) and hint.text().startswith("No members yet")
    assert [b.text() for b in hint.buttons.values()] == [
        "New member", "Import members…", "Get the template…",
    ]  # fmt: skip
    bar = members.empty_hint.bar_template  # the template also sits beside Import…
    assert bar.text() == "Get the template…" and bar.parent() is members
    languages.apply("zh")
    assert hint.text().startswith("还没有会员") and "导入会员…" in hint.text()
    assert bar.text() == "获取模板…"
    languages.apply("en")
    hint.buttons["new"].click()  # the counter opens with the new-member form
    assert window.current_screen().screen_id == "counter"
    assert isinstance(window.screen("counter").dialog, MemberDialog)
    window.screen("counter").dialog.reject()
    with session_scope(engine, write=True) as s:
        create_member(s, MemberForm(name="张伟", phone="13900001111"), actor=SYSTEM)
    ctx.changes.announce({"members"})
    members = _open(window, "members")
    assert members.model.rowCount() == 1 and not _shown(members.empty_hint)
    members.search.setText("nobody-like-this")  # a filter that finds none is not "empty"
    members.reload_ids()
    assert members.model.rowCount() == 0 and not _shown(members.empty_hint)


def test_empty_services_and_staff_pages_offer_the_starter_list_and_imports(
    ctx, engine, languages, qtbot
):
    window = _window(ctx, engine, qtbot)
    settings = _open(window, "settings")
    page = settings.show_page("catalog")
    hint = page.empty_hint
    assert _shown(hint) and hint.text().startswith("No services yet")
    assert set(hint.buttons) == {"starter", "import"}
    languages.apply("zh")
    assert hint.text().startswith("还没有服务项目") and "从 Excel 导入…" in hint.text()
    languages.apply("en")
    hint.buttons["starter"].click()
    assert page.starter_dialog is not None and page.starter_dialog.isVisible()
    page.starter_dialog.reject()
    with session_scope(engine, write=True) as s:
        catalog.create_service(s, "Set meal", Decimal("88"), actor=SYSTEM)
    ctx.changes.announce({"catalog"})
    assert not _shown(page.empty_hint)

    page = settings.show_page("staff")
    hint = page.empty_hint
    assert _shown(hint) and hint.text().startswith("No staff yet")
    languages.apply("zh")
    assert hint.text().startswith("还没有员工") and "添加员工" in hint.text()
    languages.apply("en")
    page.name_edit.setText("leftover")
    hint.buttons["add"].click()  # a fresh staff form
    assert page.name_edit.text() == "" and page.current is None
    with session_scope(engine, write=True) as s:
        staff.create_staff(s, "Xiao Li", actor=SYSTEM)
    ctx.changes.announce({"staff"})
    assert not _shown(page.empty_hint)


def test_empty_followups_and_report_month_say_what_fills_them(ctx, engine, languages, qtbot):
    window = _window(ctx, engine, qtbot)
    followups = _open(window, "followups")
    hint = followups.empty_hint
    assert _shown(hint) and hint.text().startswith("Nothing to follow up on this day")
    languages.apply("zh")
    assert hint.text().startswith("这一天没有需要回访的会员") and "回访规则…" in hint.text()
    languages.apply("en")
    hint.buttons["rules"].click()
    settings = window.current_screen()
    assert settings.screen_id == "settings" and settings.current_page().page_id == "rules"

    reports = _open(window, "reports")
    hint = reports.empty_hint
    assert _shown(hint) and hint.text().startswith("No visits recorded in this month")
    languages.apply("zh")
    assert hint.text().startswith("本月还没有消费记录") and "前往前台" in hint.text()
    languages.apply("en")
    hint.buttons["counter"].click()
    assert window.current_screen().screen_id == "counter"
