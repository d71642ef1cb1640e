"""Words for what audit entries name by key or column: settings (``points.per_yuan`` →
每消费1元得积分) and their coded values (``restaurant`` → 餐厅), member and catalogue fields,
and the sentences of bookings, package cards and opening balances — so the audit log never
shows a key a shop owner did not type. Used by services/audit_words.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import define, translate
from ..models import Member
from .bookings.texts import BY_NAMES

# The member's and the catalogue's fields an entry lists by column name.
FIELD_WORDS = {
    "name": define("audit.field.name", en="name", zh="姓名"),
    "phone": define("audit.field.phone", en="phone", zh="手机号"),
    "gender": define("audit.field.gender", en="gender", zh="性别"),
    "birthday": define("audit.field.birthday", en="birthday", zh="生日"),
    "card_no": define("audit.field.card_no", en="card no.", zh="卡号"),
    "notes": define("audit.field.notes", en="notes", zh="备注"),
    "tags": define("audit.field.tags", en="tags", zh="标签"),
    "profile": define("audit.field.profile", en="profile fields", zh="档案字段"),
    "consent_marketing": define(
        "audit.field.consent", en="greetings and offers", zh="接收祝福与优惠"
    ),
    "list_price": define("audit.field.list_price", en="list price", zh="标价"),
    "category_id": define("audit.field.category", en="category", zh="分类"),
    "care_offsets": define("audit.field.care", en="care calls", zh="服务后回访"),
    "role": define("audit.field.role", en="role", zh="角色"),
    "active": define("audit.field.active", en="active", zh="启用"),
    "discount": define("audit.field.discount", en="discount", zh="折扣"),
    "template_zh": define("audit.field.template_zh", en="Chinese message", zh="中文消息"),
    "template_en": define("audit.field.template_en", en="English message", zh="英文消息"),
    "params": define("audit.field.params", en="settings", zh="参数"),
}

SETTING_WORDS = {
    "shop.name": define("audit.setting.shop_name", en="shop name", zh="店名"),
    "shop.kind": define("audit.setting.shop_kind", en="kind of shop", zh="店铺类型"),
    "shop.currency": define("audit.setting.currency", en="currency", zh="货币"),
    "shop.phone_region": define("audit.setting.phone_region", en="phone region", zh="手机号地区"),
    "ui.language": define("audit.setting.language", en="language", zh="界面语言"),
    "backup.folder": define("audit.setting.backup_folder", en="backup folder", zh="备份文件夹"),
    "backup.daily": define("audit.setting.backup_daily", en="daily backup", zh="每日自动备份"),
    "auth.roles_enabled": define(
        "audit.setting.roles", en="staff log in with roles", zh="员工登录与权限"
    ),
    "auth.short_staff_pins": define(
        "audit.setting.short_pins", en="4-digit staff PINs", zh="员工可用4位 PIN 码"
    ),
    "points.per_yuan": define(
        "audit.setting.points_per_yuan", en="points earned per ¥1", zh="每消费1元得积分"
    ),
    "points.redeem_per_yuan": define(
        "audit.setting.points_redeem", en="points paying ¥1", zh="多少积分抵1元"
    ),
    "points.earn_on_stored_value": define(
        "audit.setting.points_on_stored_value",
        en="points on stored-value payments",
        zh="储值支付也得积分",
    ),
    "bookings.opens": define("audit.setting.opens", en="opening time", zh="营业开始时间"),
    "bookings.closes": define("audit.setting.closes", en="closing time", zh="营业结束时间"),
    "visit.quick_bill": define("audit.setting.quick_bill", en="quick bill", zh="快速记账"),
    "analytics.abc_limits": define(
        "audit.setting.abc_limits", en="ABC class limits (%)", zh="ABC 分类界限（%）"
    ),
    "analytics.lifecycle": define(
        "audit.setting.lifecycle", en="lifecycle limits", zh="生命周期界限"
    ),
    "care.sms_opt_out": define("audit.setting.sms_opt_out", en="SMS opt-out text", zh="短信退订语"),
    "followups.catchup_max_days": define(
        "audit.setting.catchup", en="days of follow-ups caught up", zh="回访补发天数"
    ),
    "setup.checklist_dismissed": define(
        "audit.setting.checklist", en="first-steps list hidden", zh="隐藏新店入门清单"
    ),
}
# A setting none of the above names (a later branch's): its last part, in words of its own.
OTHER_SETTING = define("audit.setting.other", en="“{key}”", zh="「{key}」")

VALUE_WORDS = {
    ("shop.kind", "salon"): define("audit.value.salon", en="hair salon", zh="美发店"),
    ("shop.kind", "beauty"): define("audit.value.beauty", en="beauty salon", zh="美容院"),
    ("shop.kind", "nail"): define("audit.value.nail", en="nail & lash bar", zh="美甲美睫"),
    ("shop.kind", "massage"): define(
        "audit.value.massage", en="massage / foot spa", zh="按摩 / 足疗"
    ),
    ("shop.kind", "restaurant"): define("audit.value.restaurant", en="restaurant", zh="餐厅"),
    ("ui.language", "zh"): define("audit.value.zh", en="Chinese", zh="中文"),
    ("ui.language", "en"): define("audit.value.en", en="English", zh="英文"),
    ("ui.language", ""): define("audit.value.system_language", en="as the PC", zh="跟随系统"),
}

BOOKING_SAY = {
    ("booking", "create"): define(
        "audit.say.booking.create",
        en="{who} booked {member} for {when}",
        zh="{who} 为 {member} 预约了 {when}",
    ),
    ("booking", "arrive"): define(
        "audit.say.booking.arrive",
        en="{who} marked {member} arrived for the booking of {when}",
        zh="{who} 将 {member} {when} 的预约标为到店",
    ),
    ("booking", "noshow"): define(
        "audit.say.booking.noshow",
        en="{who} marked the booking of {member} for {when} a no-show",
        zh="{who} 将 {member} {when} 的预约标为爽约",
    ),
    ("booking", "cancel"): define(
        "audit.say.booking.cancel",
        en="{who} cancelled the booking of {member} for {when} ({by}){reason}",
        zh="{who} 取消了 {member} {when} 的预约（{by}）{reason}",
    ),
    ("booking", "complete"): define(
        "audit.say.booking.complete",
        en="{who} recorded the visit of {member} booked for {when}",
        zh="{who} 记录了 {member} {when} 预约的消费",
    ),
    ("card", "sell"): define(
        "audit.say.card.sell",
        en="{who} sold member {member} the package card “{type}” for ¥{price}",
        zh="{who} 为会员 {member} 售出次卡「{type}」¥{price}",
    ),
    ("card", "refund"): define(
        "audit.say.card.refund",
        en="{who} refunded ¥{refund} of a package card of member {member}{reason}",
        zh="{who} 为会员 {member} 退次卡 ¥{refund}{reason}",
    ),
    ("member", "opening_balance"): define(
        "audit.say.member.opening_balance",
        en="{who} entered the opening balance of member {name}: ¥{principal} + bonus ¥{bonus},"
        " {points:|point}",
        zh="{who} 录入会员 {name} 的期初余额：储值 ¥{principal}，赠送 ¥{bonus}，积分 {points}",
    ),
    ("commission_rule", "add"): define(
        "audit.say.commission_rule.add",
        en="{who} added a commission rule",
        zh="{who} 新增了提成规则",
    ),
    ("commission_rule", "edit"): define(
        "audit.say.commission_rule.edit",
        en="{who} changed a commission rule",
        zh="{who} 修改了提成规则",
    ),
    ("card_type", "create"): define(
        "audit.say.card_type.create",
        en="{who} added the package card type “{name}” at ¥{price}",
        zh="{who} 新增次卡类型「{name}」¥{price}",
    ),
    ("card_type", "retire"): define(
        "audit.say.card_type.retire",
        en="{who} stopped selling the package card type “{name}”",
        zh="{who} 停售了次卡类型「{name}」",
    ),
    ("card_type", "restore"): define(
        "audit.say.card_type.restore",
        en="{who} sells the package card type “{name}” again",
        zh="{who} 恢复销售次卡类型「{name}」",
    ),
    ("booking_table", "create"): define(
        "audit.say.booking_table.create",
        en="{who} added the table {name}",
        zh="{who} 新增桌台 {name}",
    ),
    ("setting", "update"): define(
        "audit.say.setting.update",
        en="{who} changed the shop's {changes}",
        zh="{who} 修改了{changes}",
    ),
}
MORE_ENTITIES = {
    "card": define("audit.entity.card", en="package card", zh="次卡"),
    "booking": define("audit.entity.booking", en="booking", zh="预约"),
    "booking_table": define("audit.entity.booking_table", en="table", zh="桌台"),
    "complaint": define("audit.entity.complaint", en="complaint", zh="投诉"),
    "satisfaction": define("audit.entity.satisfaction", en="satisfaction score", zh="满意度评分"),
    "card_type": define("audit.entity.card_type", en="package card type", zh="次卡类型"),
    "commission_rule": define("audit.entity.commission_rule", en="commission rule", zh="提成规则"),
}
MORE_ACTIONS = {
    "open": define("audit.action.open", en="opened", zh="登记了"),
    "contact": define("audit.action.contact", en="contacted about", zh="联系处理了"),
    "resolve": define("audit.action.resolve", en="resolved", zh="解决了"),
    "drop": define("audit.action.drop", en="closed", zh="关闭了"),
    "score": define("audit.action.score", en="recorded", zh="记录了"),
    "level_pricing": define(
        "audit.action.level_pricing", en="priced by level", zh="设置了等级价："
    ),
}
CANCELLED_BY = BY_NAMES  # 顾客取消 / 店方取消, as the Bookings screen says
CHANGE = define("audit.setting.change_pair", en="{key} to {value}", zh="{key}为{value}")


def setting_word(key: str, lang: str) -> str:
    """A setting's name in words."""
    if key in SETTING_WORDS:
        return translate(SETTING_WORDS[key], lang)
    return translate(OTHER_SETTING, lang, key=key.rsplit(".", 1)[-1].replace("_", " "))


def setting_value(key: str, value: Any, lang: str) -> str | None:
    """A coded value in words (``restaurant`` → 餐厅), or None when the value is plain."""
    if isinstance(value, str) and (key, value) in VALUE_WORDS:
        return translate(VALUE_WORDS[(key, value)], lang)
    return None


def bookings_of(session: Session, ids: set[int]) -> dict[int, tuple[str, datetime]]:
    """booking id → (the member's or the newcomer's name, when it starts)."""
    from ..models.booking import Booking

    out: dict[int, tuple[str, datetime]] = {}
    found = sorted(ids)
    for i in range(0, len(found), 500):
        query = (
            select(Booking.id, Booking.guest_name, Booking.starts_at, Member.name)
            .outerjoin(Member, Member.id == Booking.member_id)
            .where(Booking.id.in_(found[i : i + 500]))
        )
        for bid, guest, starts, name in session.execute(query):
            out[bid] = (name or guest or "", starts)
    return out
