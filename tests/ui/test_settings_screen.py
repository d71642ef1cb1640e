"""Settings: loads from and saves to the database through a write op; errors are clear."""

from __future__ import annotations

from shopcrm.db import session_scope
from shopcrm.services.settings import get_setting
from shopcrm.ui.settings_screen import SettingsScreen


def make(ctx, qtbot):
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.activate()
    return screen


def test_save_persists_to_the_database(ctx, qtbot, engine, tmp_path):
    screen = make(ctx, qtbot)
    kinds = []
    ctx.changes.changes_applied.connect(lambda k, o: kinds.append(k))
    screen.name_edit.setText("  老街坊家常菜 ")
    screen.kind_combo.setCurrentIndex(screen.kind_combo.findData("restaurant"))
    screen.backup_edit.setText(str(tmp_path))
    screen.save_button.click()
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == "老街坊家常菜"
        assert get_setting(s, "shop.kind") == "restaurant"
        assert get_setting(s, "backup.folder") == str(tmp_path)
    assert kinds == [frozenset({"settings"})]
    assert ctx.backup_folder() == tmp_path
    fresh = make(ctx, qtbot)
    assert fresh.name_edit.text() == "老街坊家常菜"
    assert fresh.kind_combo.currentData() == "restaurant"


def test_kind_hint_names_the_preset_fields(ctx, qtbot, languages):
    screen = make(ctx, qtbot)
    screen.kind_combo.setCurrentIndex(screen.kind_combo.findData("restaurant"))
    assert "Favourite dishes" in screen.kind_hint.text()
    languages.apply("zh")
    screen.retranslate_ui()
    assert "爱吃的菜" in screen.kind_hint.text()


def test_empty_name_shows_a_translated_error(ctx, qtbot, dialogs, languages, engine):
    languages.apply("zh")
    screen = make(ctx, qtbot)
    screen.name_edit.setText("   ")
    screen.save()
    assert dialogs.texts == ["请填写店名。"]
    with session_scope(engine) as s:
        assert get_setting(s, "shop.name") == ""


def test_saving_a_language_switches_it_live(ctx, qtbot, languages):
    screen = make(ctx, qtbot)
    screen.name_edit.setText("Shop")
    screen.language_combo.setCurrentIndex(screen.language_combo.findData("zh"))
    screen.save()
    assert languages.language == "zh"
    assert screen.save_button.text() == "保存"
    assert screen.heading.text() == "设置"
    screen.language_combo.setCurrentIndex(screen.language_combo.findData("en"))
    screen.save()
    assert screen.save_button.text() == "Save"


def test_open_another_database_asks_for_a_reopen(ctx, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    screen = make(ctx, qtbot)
    target = tmp_path / "other.db"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    asked = []
    ctx.reopen_requested.connect(asked.append)
    screen.open_db_button.click()
    assert asked == [f"sqlite:///{target}"]
