"""The audit log in sentences (issue 25): who did what to whom, named, in the reader's
language — on the screen, in `shopcrm audit` and in the export; never raw JSON."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner
from followup_helpers import add_member, add_service, add_staff

from shopcrm import clock, i18n
from shopcrm.cli import main
from shopcrm.db import session_scope
from shopcrm.services.audit import audit_entries, export_audit
from shopcrm.services.audit_words import audit_sentences
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.members import add_custom_field, get_member, update_member
from shopcrm.services.settings import change_setting
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit, void_visit
from shopcrm.services.wallet import topup

NOW = "2026-11-27 10:00"


@pytest.fixture(autouse=True)
def _no_startup_raise(monkeypatch):
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: None)
    monkeypatch.setattr(i18n, "_current", i18n._current)  # `--lang zh` must not outlive the test


def _history(session) -> dict[str, int]:
    """A small shop's day: a field, a member changed, a top-up, a visit voided by 小美."""
    zhong = add_member(session, "钟燕岚")
    perm = add_service(session, "冷烫", [])
    staff = add_staff(session, "小美")
    meimei = Actor(staff.id, staff.name, "staff")
    owner = add_staff(session, "王姐")
    owner.role = "owner"
    wang = Actor(owner.id, owner.name, "owner")
    add_custom_field(session, "上次烫发药水", actor=SYSTEM)
    card = get_member(session, zhong.id)
    update_member(session, zhong.id, card.version, notes="喜欢安静", actor=meimei)
    topup(session, zhong.id, Decimal("500"), bonus=Decimal("50"), actor=meimei)
    visit_id = record_visit(
        session,
        VisitDraft(
            zhong.id,
            (LineDraft(perm.id, unit_price=Decimal("268")),),
            (PaymentDraft("cash", Decimal("268")),),
            visited_at=datetime(2026, 11, 13, 15),
        ),
        actor=meimei,
    )
    void_visit(session, visit_id, "重复录入", actor=wang)
    change_setting(session, "shop.name", "悦色沙龙", actor=SYSTEM)
    return {"member": zhong.id, "visit": visit_id}


def test_each_entry_is_a_sentence_with_names(session):
    with clock.frozen(NOW):
        ids = _history(session)
        rows = audit_entries(session, actor=SYSTEM, limit=50)
        zh = [line.sentence for line in audit_sentences(session, rows, "zh")]
        en = [line.sentence for line in audit_sentences(session, rows, "en")]
    assert len(zh) == len(rows) >= 6
    for text in zh + en:
        assert "{" not in text and "}" not in text and "#" not in text, text
    assert "系统 新增会员字段「上次烫发药水」" in zh
    assert "小美 修改了会员 钟燕岚 的备注" in zh
    assert "小美 为会员 钟燕岚 充值 ¥500（赠送 ¥50）" in zh
    assert "王姐 作废了 钟燕岚 11月13日 的消费 ¥268（原因：重复录入）" in zh
    assert "小美 记录了 钟燕岚 11月13日 的消费 ¥268" in zh
    assert "系统 修改了设置 店名：（空） → 悦色沙龙" in zh  # the setting in words, not shop.name
    assert "system changed the setting shop name: (empty) → 悦色沙龙" in en
    assert "王姐 voided the visit of 钟燕岚 on 13 Nov (¥268) (reason: 重复录入)" in en
    assert "system added the member field “上次烫发药水”" in en
    assert not any("system" in t for t in zh)
    assert ids["member"] and ids["visit"]


def test_cli_audit_in_chinese_prints_sentences(engine, db_url, monkeypatch):
    monkeypatch.setenv("SHOPCRM_NOW", NOW)
    with clock.frozen(NOW), session_scope(engine, write=True) as session:
        _history(session)
    out = CliRunner().invoke(
        main, ["--db", db_url, "--lang", "zh", "audit"], catch_exceptions=False
    )
    assert out.exit_code == 0, out.output
    assert "{" not in out.output and "system" not in out.output
    assert "作废了 钟燕岚 11月13日 的消费 ¥268（原因：重复录入）" in out.output
    data = json.loads(
        CliRunner().invoke(main, ["--db", db_url, "--lang", "en", "audit", "--json"]).output
    )
    assert any(
        r["sentence"] == "小美 added member 钟燕岚" or "钟燕岚" in r["sentence"] for r in data
    )
    assert all("{" not in r["sentence"] for r in data)


def test_the_export_carries_the_sentences(session, tmp_path):
    with clock.frozen(NOW):
        _history(session)
        target = tmp_path / "audit.csv"
        count = export_audit(session, target, actor=SYSTEM, lang="zh", since=date(2026, 11, 1))
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count
    assert "王姐 作废了 钟燕岚 11月13日 的消费 ¥268（原因：重复录入）" in [
        r["sentence"] for r in rows
    ]


def test_settings_and_bookings_are_named_in_words(session):
    """No setting key (points.per_yuan, shop.kind), coded value (restaurant) or id in a line."""
    from shopcrm.services.bookings import BookingDraft, cancel, create_booking, mark_noshow
    from shopcrm.services.shop_setup import save_shop_settings
    from shopcrm.services.wallet.points import set_points_rates

    with clock.frozen(NOW):
        zhong = add_member(session, "钟燕岚")
        stylist = add_staff(session, "小美")
        change_setting(session, "auth.short_staff_pins", True, actor=SYSTEM)
        set_points_rates(session, 2, 100, False, actor=SYSTEM)
        save_shop_settings(session, {"shop.kind": "restaurant", "ui.language": "zh"}, actor=SYSTEM)
        booked = []
        for hour in (15, 16):
            draft = BookingDraft(
                starts_at=datetime(2026, 11, 28, hour), minutes=60, member_id=zhong.id,
                staff_id=stylist.id,
            )  # fmt: skip
            booked.append(create_booking(session, draft, actor=SYSTEM))
        from shopcrm.services.cards import create_card_type, sell_card

        wash = add_service(session, "洗吹", [])
        create_card_type(session, "洗吹10次卡", "380", {wash.id: 10}, actor=SYSTEM)
        sell_card(session, zhong.id, "洗吹10次卡", method="wechat", actor=SYSTEM)
        cancel(session, booked[0], "临时有事", actor=SYSTEM)
        mark_noshow(session, booked[1], actor=SYSTEM)
        rows = audit_entries(session, actor=SYSTEM, limit=50)
        zh = [line.sentence for line in audit_sentences(session, rows, "zh")]
        en = [line.sentence for line in audit_sentences(session, rows, "en")]
    for text in zh + en:
        for raw in ("{", "#", "points.", "shop.kind", "ui.language", "auth.", "_id", "True"):
            assert raw not in text, (raw, text)
    assert not any("restaurant" in t for t in zh)
    assert "系统 修改了设置 员工可用4位 PIN 码：（空） → 是" in zh
    assert any(t.startswith("系统 修改了设置 每消费1元得积分：") and t.endswith("→ 2") for t in zh)
    assert "系统 修改了店铺类型为餐厅、界面语言为中文" in zh
    assert "system changed the shop's kind of shop to restaurant, language to Chinese" in en
    assert "系统 为 钟燕岚 预约了 11月28日 15:00" in zh
    assert "系统 取消了 钟燕岚 11月28日 15:00 的预约（顾客取消）（原因：临时有事）" in zh
    assert "系统 将 钟燕岚 11月28日 16:00 的预约标为爽约" in zh
    assert "system marked the booking of 钟燕岚 for 28 Nov 16:00 a no-show" in en
    assert "系统 为会员 钟燕岚 售出次卡「洗吹10次卡」¥380" in zh
