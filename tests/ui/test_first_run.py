"""First run: a new shop is named and set up; the demo shop is made (small) and opened."""

from __future__ import annotations

from sqlalchemy import func, select

from shopcrm.db import session_scope, sqlite_path
from shopcrm.models import Member
from shopcrm.services.demo import DemoOptions
from shopcrm.services.settings import get_setting
from shopcrm.services.shop_setup import needs_first_run
from shopcrm.ui.app import AppController
from shopcrm.ui.first_run import CHOICE_DEMO, CHOICE_NEW, FirstRunDialog


def test_empty_database_needs_first_run(engine, small_demo):
    with session_scope(engine) as s:
        assert needs_first_run(s) is False  # the demo sets setup.done and has members


def test_dialog_requires_a_name_then_chooses_new(languages, qtbot):
    dialog = FirstRunDialog(languages)
    qtbot.addWidget(dialog)
    dialog.start_button.click()
    assert dialog.choice is None and not dialog.error_label.isHidden()
    dialog.name_edit.setText("小王美发")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("restaurant"))
    dialog.start_button.click()
    assert dialog.choice == CHOICE_NEW
    assert dialog.values() == ("小王美发", "restaurant", "en")


def test_dialog_language_switch_is_live(languages, qtbot):
    dialog = FirstRunDialog(languages)
    qtbot.addWidget(dialog)
    assert dialog.start_button.text() == "&Start"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh"))
    assert languages.language == "zh"
    assert dialog.start_button.text() == "开始(&S)"
    dialog.demo_button.click()
    assert dialog.choice == CHOICE_DEMO


def test_new_shop_path_saves_and_opens_window(ctx, engine, languages, qtbot):
    with session_scope(engine) as s:
        assert needs_first_run(s)
    controller = AppController(languages)
    controller.finish_new_shop(ctx, "小王美发", "salon", "zh")
    qtbot.addWidget(controller.window)
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == "小王美发"
        assert get_setting(s, "setup.done") is True
        assert get_setting(s, "ui.language") == "zh"
        assert not needs_first_run(s)
    assert controller.window is not None and controller.window.shop_name == "小王美发"


def test_demo_path_makes_and_opens_the_demo_shop(ctx, languages, qtbot, tmp_path):
    controller = AppController(languages)
    demo_path = tmp_path / "demo.db"
    controller.finish_demo(ctx, path=demo_path, options=DemoOptions(members=15, months=2))
    qtbot.addWidget(controller.window)
    demo_ctx = controller.ctx
    assert demo_ctx is not ctx
    assert sqlite_path(demo_ctx.engine) == demo_path
    with session_scope(demo_ctx.engine) as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 15
    assert controller.window.screen("counter").idle.cards["stored_value"].value.text() != "—"
    assert "演示" in controller.window.shop_name


def test_cancelled_demo_falls_back_to_own_shop(ctx, languages, qtbot, tmp_path, monkeypatch):
    from shopcrm.ui import first_run

    def cancelled(engine, options, progress=None, cancel=None):
        cancel.set()
        from shopcrm.i18n import ShopError
        from shopcrm.services.demo import E_CANCELLED

        raise ShopError(E_CANCELLED)

    monkeypatch.setattr(first_run, "create_demo_shop", cancelled)
    controller = AppController(languages)
    controller.finish_demo(ctx, path=tmp_path / "demo.db", options=DemoOptions(members=5))
    qtbot.addWidget(controller.window)
    assert controller.ctx is ctx
