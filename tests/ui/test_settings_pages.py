"""Settings pages load and save through the services; staff see owner pages disabled."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.models import Followup, Member
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import create_service, get_service, list_services
from shopcrm.services.followups import ensure_default_rules, list_rules, render_message
from shopcrm.services.members import profile_fields
from shopcrm.services.staff import list_staff
from shopcrm.services.wallet import points_rates
from shopcrm.ui.settings.screen import PAGES

from .settings_helpers import answer_inputs, open_page, owner_and_staff


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_loads_in_both_languages(ctx, qtbot, languages, small_demo, lang):
    languages.apply(lang)
    screen, _ = open_page(ctx, qtbot, "shop")
    titles = []
    for cls in PAGES:
        page = screen.show_page(cls.page_id)
        assert screen.current_page() is page and not page.stale
        titles.append(screen.page_list.item(screen.pages.index(page)).text())
    assert len(set(titles)) == len(PAGES) and all(titles)
    if lang == "zh":
        assert titles[1] == "服务与价格" and titles[-1] == "操作日志"
    assert screen.page("catalog").table.rowCount() == len(small_demo_services(ctx))


def small_demo_services(ctx):
    with session_scope(ctx.engine) as s:
        return list_services(s, include_retired=True)


def test_change_a_price_and_care_offsets(ctx, qtbot, engine):
    with session_scope(engine, write=True) as s:
        sid = create_service(s, "数码烫", "388", care_offsets=[3], actor=SYSTEM)
    _, page = open_page(ctx, qtbot, "catalog")
    assert page.table.item(0, 0).text() == "数码烫"
    assert page.table.item(0, 2).text() == "¥388.00"
    page.table.selectRow(0)
    assert page.price_edit.text() == "388.00" and page.offsets_edit.text() == "3"
    page.price_edit.setText("428")
    page.offsets_edit.setText("3，30")
    page.save_button.click()
    with session_scope(engine) as s:
        service = get_service(s, sid)
    assert service.list_price == Decimal("428.00") and service.care_offsets == (3, 30)
    assert page.table.item(0, 2).text() == "¥428.00"
    assert page.table.item(0, 4).text() == "3, 30"
    page.table.selectRow(0)
    page.active_check.setChecked(False)
    page.save_button.click()
    with session_scope(engine) as s:
        assert get_service(s, sid).active is False


def test_new_service_and_bad_offsets(ctx, qtbot, engine, dialogs):
    _, page = open_page(ctx, qtbot, "catalog")
    page.new_button.click()
    page.name_edit.setText("头皮护理")
    page.price_edit.setText("168")
    page.offsets_edit.setText("seven")
    page.save_button.click()
    assert "whole numbers of days" in dialogs.texts[-1]
    page.offsets_edit.setText("7")
    page.save_button.click()
    with session_scope(engine) as s:
        (service,) = list_services(s)
    assert (service.name, service.list_price, service.care_offsets) == (
        "头皮护理",
        Decimal("168.00"),
        (7,),
    )
    page.price_edit.setText("-5")
    page.save_button.click()
    assert "not a valid price" in dialogs.texts[-1]


def test_categories_are_added_and_chosen(ctx, qtbot, engine, monkeypatch):
    answer_inputs(monkeypatch, "烫发")
    _, page = open_page(ctx, qtbot, "catalog")
    page.add_category_button.click()
    assert page.category_combo.findText("烫发") > 0


def test_staff_page_adds_staff_and_sets_and_clears_a_pin(ctx, qtbot, engine, monkeypatch):
    _, page = open_page(ctx, qtbot, "staff")
    page.new_button.click()
    page.name_edit.setText("小李")
    page.title_edit.setText("助理")
    page.save_button.click()
    assert page.current is not None and page.current.name == "小李"
    answer_inputs(monkeypatch, "432100", "432100")
    page.set_pin_button.click()
    with session_scope(engine) as s:
        (person,) = list_staff(s)
    assert person.has_pin and person.title == "助理"
    assert page.table.item(0, 3).text() == "set"
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    page.clear_pin_button.click()
    with session_scope(engine) as s:
        assert not list_staff(s)[0].has_pin


def _followup(engine, kind: str) -> int:
    with session_scope(engine, write=True) as s:
        ensure_default_rules(s)
        rule = next(r for r in list_rules(s) if r.kind == kind)
        member = Member(name="张丽", phone_digits="", phone_rev="")
        s.add(member)
        s.flush()
        today = clock.today()
        row = Followup(
            member_id=member.id,
            rule_id=rule.id,
            occasion_date=today + timedelta(days=3),
            due_date=today,
            detail={"kind": "solar", "month": 1, "day": 1},
        )
        s.add(row)
        s.flush()
        return row.id


def test_edit_a_template_and_render_message_uses_it(ctx, qtbot, engine):
    followup_id = _followup(engine, "birthday")
    _, page = open_page(ctx, qtbot, "rules")
    assert page.current.kind == "birthday"
    assert "{lunar}" in page.placeholders.text()
    page.template_zh.setPlainText("{name}，{days}天后生日，{shop}祝您快乐！")
    assert page.preview_zh.text() == "张丽，3天后生日，本店祝您快乐！"  # the live preview
    page.param_widgets["lead_days"].setValue(5)
    page.save_button.click()
    with session_scope(engine) as s:
        assert render_message(s, followup_id, "zh") == "张丽，3天后生日，本店祝您快乐！"
        rule = next(r for r in list_rules(s) if r.kind == "birthday")
    assert rule.params["lead_days"] == 5


def test_add_an_anniversary_rule(ctx, qtbot, engine, monkeypatch):
    _, page = open_page(ctx, qtbot, "rules")
    answer_inputs(monkeypatch, "Membership anniversary", "满五年")
    page.add_button.click()
    assert page.current.kind == "anniversary" and page.current.name == "满五年"
    page.param_widgets["years"].setText("5, 10")
    page.save_button.click()
    with session_scope(engine) as s:
        rule = next(r for r in list_rules(s) if r.name == "满五年")
    assert rule.params["years"] == [5, 10] and not rule.builtin


def test_points_page_saves_the_rates(ctx, qtbot, engine):
    _, page = open_page(ctx, qtbot, "points")
    assert page.earn_spin.value() == 1 and page.redeem_spin.value() == 100
    page.earn_spin.setValue(2)
    page.redeem_spin.setValue(50)
    page.stored_value_check.setChecked(False)
    assert "200 points" in page.example.text()
    page.save_button.click()
    with session_scope(engine) as s:
        assert points_rates(s) == (2, 50, False)


def test_member_fields_add_a_choice_field_and_hide_it(ctx, qtbot, engine):
    _, page = open_page(ctx, qtbot, "fields")
    page.label_edit.setText("甲形")
    page.type_combo.setCurrentIndex(page.type_combo.findData("choice"))
    assert page.choices_edit.isEnabled()
    page.choices_edit.setText("圆形，方形, 杏仁形")
    page.add_button.click()
    with session_scope(engine) as s:
        field = next(f for f in profile_fields(s) if f.custom)
    assert (field.label_zh, field.field_type, field.choices) == (
        "甲形",
        "choice",
        ("圆形", "方形", "杏仁形"),
    )
    row = next(n for n in range(page.table.rowCount()) if page.table.item(n, 0).text() == "甲形")
    page.table.selectRow(row)
    assert page.toggle_button.isEnabled()
    page.toggle_button.click()
    with session_scope(engine) as s:
        assert not [f for f in profile_fields(s) if f.custom]
        assert [f.active for f in profile_fields(s, include_inactive=True) if f.custom] == [False]


def test_security_switches_roles_only_with_an_owner_pin(ctx, qtbot, engine):
    from shopcrm.services.auth import roles_enabled

    _, page = open_page(ctx, qtbot, "security")
    assert not page.toggle_button.isEnabled()
    assert "owner's PIN" in page.hint.text()
    assert page.table.rowCount() == 16
    reports = next(
        n
        for n in range(16)
        if page.table.item(n, 0).data(Qt.ItemDataRole.UserRole) == "reports.view"
    )
    assert (page.table.item(reports, 1).text(), page.table.item(reports, 2).text()) == ("✓", "—")
    owner_and_staff(engine)
    page.refresh()
    assert page.toggle_button.isEnabled()
    page.toggle_button.click()
    with session_scope(engine) as s:
        assert roles_enabled(s)
    assert page.toggle_button.text() == "Switch roles off"


def test_staff_sees_owner_pages_disabled(ctx, qtbot, engine):
    _, staff = owner_and_staff(engine)
    screen, page = open_page(ctx, qtbot, "catalog")
    ctx.set_actor(staff)
    for page_id in ("backups", "audit"):
        item = screen.page_list.item(screen.pages.index(screen.page(page_id)))
        assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
        assert "Owner only" in item.toolTip()
    screen.show_page("audit")
    assert screen.current_page() is page  # refused
    assert not page.save_button.isEnabled() and page.save_button.toolTip() == "Owner only"
    assert page.owner_banner.isVisible() and "小王" in page.owner_banner.text()
    security = screen.show_page("security")
    assert screen.current_page() is security and not security.toggle_button.isEnabled()


def test_audit_page_lists_filters_and_exports(ctx, qtbot, engine, monkeypatch, tmp_path):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    owner, _ = owner_and_staff(engine)
    with session_scope(engine, write=True) as s:
        create_service(s, "洗剪吹", "68", actor=owner)
    _, page = open_page(ctx, qtbot, "audit")
    whats = [page.table.item(n, 2).text() for n in range(page.table.rowCount())]
    assert "service" in whats and "staff member" in whats
    sentences = [page.table.item(n, 3).text() for n in range(page.table.rowCount())]
    assert all("{" not in t and "#" not in t for t in sentences), sentences
    page.entity_combo.setCurrentIndex(page.entity_combo.findData("service"))
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "老板"
    assert page.table.item(0, 3).text() == "老板 added service 洗剪吹 (list price: ¥68)"
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    page.export_button.click()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][4] == "service" and rows[1][2] == "老板"
    csv_target = tmp_path / "audit"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(csv_target), ""))
    )
    page.export_button.click()  # no suffix: saved as .xlsx
    assert (tmp_path / "audit.xlsx").exists()


def test_audit_filter_offers_every_kind_the_log_can_name(ctx, qtbot, engine):
    """Bookings, cards, complaints, levels… each kind the audit log writes can be filtered on,
    by a name (not the raw id), in both languages."""
    from shopcrm.services.audit_words import ENTITY_WORDS

    owner_and_staff(engine)
    _, page = open_page(ctx, qtbot, "audit")
    offered = {page.entity_combo.itemData(n) for n in range(1, page.entity_combo.count())}
    assert set(ENTITY_WORDS) <= offered, set(ENTITY_WORDS) - offered
    for n in range(1, page.entity_combo.count()):
        entity = page.entity_combo.itemData(n)
        assert page.entity_combo.itemText(n) not in ("", entity), entity
