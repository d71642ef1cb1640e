"""Settings › Shop: loads from and saves to the database through a write op; errors are clear."""

from __future__ import annotations

from shopcrm.db import session_scope
from shopcrm.services.settings import get_setting
from shopcrm.ui.registry import SCREENS
from shopcrm.ui.settings import SettingsScreen


def make(ctx, qtbot):
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.activate()
    return screen


def test_settings_is_registered_last():
    assert SCREENS[-1].spec == "shopcrm.ui.settings:SettingsScreen"


def test_save_persists_to_the_database(ctx, qtbot, engine):
    screen = make(ctx, qtbot)
    page = screen.page("shop")
    kinds = []
    ctx.changes.changes_applied.connect(lambda k, o: kinds.append(k))
    page.name_edit.setText("  老街坊家常菜 ")
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("restaurant"))
    page.save_button.click()
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == "老街坊家常菜"
        assert get_setting(s, "shop.kind") == "restaurant"
    assert kinds == [frozenset({"settings"})]
    fresh_screen = make(ctx, qtbot)
    fresh = fresh_screen.page("shop")
    assert fresh.name_edit.text() == "老街坊家常菜"
    assert fresh.kind_combo.currentData() == "restaurant"


def test_kind_hint_names_the_preset_fields(ctx, qtbot, languages):
    screen = make(ctx, qtbot)
    page = screen.page("shop")
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("restaurant"))
    assert "Favourite dishes" in page.kind_hint.text()
    languages.apply("zh")
    assert "爱吃的菜" in page.kind_hint.text()


def test_empty_name_shows_a_translated_error(ctx, qtbot, dialogs, languages, engine):
    languages.apply("zh")
    screen = make(ctx, qtbot)
    page = screen.page("shop")
    page.name_edit.setText("   ")
    page.save()
    assert dialogs.texts == ["请填写店名。"]
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == ""


def test_saving_a_language_switches_it_live(ctx, qtbot, languages):
    screen = make(ctx, qtbot)
    page = screen.page("shop")
    page.name_edit.setText("Shop")
    page.language_combo.setCurrentIndex(page.language_combo.findData("zh"))
    page.save()
    assert languages.language == "zh"
    assert page.save_button.text() == "保存"
    assert screen.heading.text() == "设置"
    assert screen.page_list.item(0).text() == "店铺"
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    page.save()
    assert page.save_button.text() == "Save"


def test_open_another_database_asks_for_a_reopen(ctx, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    screen = make(ctx, qtbot)
    page = screen.page("shop")
    target = tmp_path / "other.db"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    asked = []
    ctx.reopen_requested.connect(asked.append)
    page.open_db_button.click()
    assert asked == [f"sqlite:///{target}"]
