"""The audit log in sentences: who did what to whom, in the reader's language.

`audit_sentences(session, rows, lang)` turns stored entries (ids and changed fields, see
services/audit.py) into one line each — "店主 作废了 钟燕岚 11月13日 的消费 ¥268（原因：重复录入）"
— naming the person and the object (会员 张晶怡, not 会员 #138) and never showing raw JSON. The
Audit screen, `shopcrm audit` and the export all read these. Names are looked up in a few
batched queries per page; an object that is gone (an erased member) keeps its number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import current_language, define, join_list, translate
from ..models import (
    CardType,
    CustomField,
    FollowupRule,
    Member,
    Service,
    ServiceCategory,
    Staff,
    Visit,
)
from .audit_setting_words import (
    BOOKING_SAY,
    CANCELLED_BY,
    CHANGE,
    FIELD_WORDS,
    MORE_ACTIONS,
    MORE_ENTITIES,
    bookings_of,
    setting_value,
    setting_word,
)
from .dates import MONTH, MONTH_ABBR, day_text

SYSTEM_NAME = define("audit.who.system", en="system", zh="系统")
WALK_IN = define("audit.walk_in", en="a walk-in", zh="散客")
NUMBERED = define("audit.numbered", en="#{id}", zh="#{id}")
REASON = define("audit.reason", en=" (reason: {reason})", zh="（原因：{reason}）")
DETAILS = define("audit.details", en=" ({details})", zh="（{details}）")
PAIR = define("audit.pair", en="{key}: {value}", zh="{key}：{value}")
EMPTY = define("audit.empty", en="(empty)", zh="（空）")
YES = define("audit.yes", en="yes", zh="是")
NO = define("audit.no", en="no", zh="否")

ENTITY_WORDS = {
    "member": define("audit.entity.member", en="member", zh="会员"),
    "visit": define("audit.entity.visit", en="visit", zh="消费记录"),
    "wallet": define("audit.entity.wallet", en="stored value", zh="储值"),
    "followup": define("audit.entity.followup", en="follow-up", zh="回访"),
    "followup_rule": define("audit.entity.followup_rule", en="follow-up rule", zh="回访规则"),
    "service": define("audit.entity.service", en="service", zh="服务项目"),
    "category": define("audit.entity.category", en="category", zh="分类"),
    "custom_field": define("audit.entity.custom_field", en="member field", zh="会员字段"),
    "staff": define("audit.entity.staff", en="staff member", zh="员工"),
    "setting": define("audit.entity.setting", en="setting", zh="设置"),
    "month": define("audit.entity.month", en="month", zh="月份"),
    "payment_method": define("audit.entity.payment_method", en="payment method", zh="付款方式"),
    "level": define("audit.entity.level", en="level", zh="等级"),
    "offer": define("audit.entity.offer", en="top-up offer", zh="充值赠送"),
}
ACTION_WORDS = {
    "create": define("audit.action.create", en="added", zh="新增了"),
    "add": define("audit.action.add", en="added", zh="新增了"),
    "update": define("audit.action.update", en="changed", zh="修改了"),
    "change": define("audit.action.change", en="changed", zh="修改了"),
    "rename": define("audit.action.rename", en="renamed", zh="重命名了"),
    "retire": define("audit.action.retire", en="retired", zh="停用了"),
    "activate": define("audit.action.activate", en="showed again", zh="重新启用了"),
    "active": define("audit.action.active", en="showed again", zh="重新启用了"),
    "deactivate": define("audit.action.deactivate", en="hid", zh="隐藏了"),
    "restore": define("audit.action.restore", en="restored", zh="恢复了"),
    "archive": define("audit.action.archive", en="archived", zh="归档了"),
    "export": define("audit.action.export", en="exported", zh="导出了"),
    "import": define("audit.action.import", en="imported", zh="导入了"),
    "move": define("audit.action.move", en="moved", zh="调整了顺序："),
    "void": define("audit.action.void", en="voided", zh="作废了"),
}
GENERIC = define("audit.say.generic", en="{who} {action} {what}", zh="{who} {action}{what}")
WHAT = define("audit.what", en="{entity} {name}", zh="{entity} {name}")

# (entity, action) -> sentence. Placeholders: who, name (the object), and the entry's own.
SAY = {
    ("member", "create"): define(
        "audit.say.member.create", en="{who} added member {name}", zh="{who} 新增会员 {name}"
    ),
    ("member", "update"): define(
        "audit.say.member.update",
        en="{who} changed {fields} of member {name}",
        zh="{who} 修改了会员 {name} 的{fields}",
    ),
    ("member", "tag"): define(
        "audit.say.member.tag",
        en="{who} tagged member {name}: {tags}",
        zh="{who} 给会员 {name} 加了标签：{tags}",
    ),
    ("member", "untag"): define(
        "audit.say.member.untag",
        en="{who} removed the tags {tags} from member {name}",
        zh="{who} 去掉了会员 {name} 的标签：{tags}",
    ),
    ("member", "archive"): define(
        "audit.say.member.archive", en="{who} archived member {name}", zh="{who} 归档了会员 {name}"
    ),
    ("member", "restore"): define(
        "audit.say.member.restore", en="{who} restored member {name}", zh="{who} 恢复了会员 {name}"
    ),
    ("member", "merge"): define(
        "audit.say.member.merge",
        en="{who} merged member {other} into {name}",
        zh="{who} 把会员 {other} 合并到 {name}",
    ),
    ("member", "erase"): define(
        "audit.say.member.erase",
        en="{who} erased the personal data of member {name}{reason}",
        zh="{who} 删除了会员 {name} 的个人数据{reason}",
    ),
    ("member", "export_data"): define(
        "audit.say.member.export_data",
        en="{who} exported the personal data of member {name}",
        zh="{who} 导出了会员 {name} 的个人数据",
    ),
    ("member", "export"): define(
        "audit.say.member.export",
        en="{who} exported {members:|member} to {file}",
        zh="{who} 导出了 {members} 位会员到 {file}",
    ),
    ("member", "import"): define(
        "audit.say.member.import",
        en="{who} imported members from {file}: {created} new, {updated} updated",
        zh="{who} 从 {file} 导入会员：新增 {created} 位，更新 {updated} 位",
    ),
    ("member", "level"): define(
        "audit.say.member.level",
        en="{who} set the level of member {name}: {old} → {new}",
        zh="{who} 把会员 {name} 的等级从 {old} 改为 {new}",
    ),
    ("visit", "record"): define(
        "audit.say.visit.record",
        en="{who} recorded a visit of {member} on {day}: ¥{total}",
        zh="{who} 记录了 {member} {day} 的消费 ¥{total}",
    ),
    ("visit", "void"): define(
        "audit.say.visit.void",
        en="{who} voided the visit of {member} on {day} (¥{total}){reason}",
        zh="{who} 作废了 {member} {day} 的消费 ¥{total}{reason}",
    ),
    ("visit", "price_override"): define(
        "audit.say.visit.price_override",
        en="{who} changed a price to ¥{amount} in the visit of {member} on {day}{reason}",
        zh="{who} 把 {member} {day} 消费中的一项价格改为 ¥{amount}{reason}",
    ),
    ("visit", "import"): define(
        "audit.say.visit.import",
        en="{who} imported {visits:|visit} from {file}",
        zh="{who} 从 {file} 导入了 {visits} 条消费记录",
    ),
    ("wallet", "topup"): define(
        "audit.say.wallet.topup",
        en="{who} topped up ¥{amount} (bonus ¥{bonus}) for member {name}",
        zh="{who} 为会员 {name} 充值 ¥{amount}（赠送 ¥{bonus}）",
    ),
    ("wallet", "refund"): define(
        "audit.say.wallet.refund",
        en="{who} refunded ¥{amount} of stored value to member {name}{reason}",
        zh="{who} 给会员 {name} 退还储值 ¥{amount}{reason}",
    ),
    ("wallet", "void_topup"): define(
        "audit.say.wallet.void_topup",
        en="{who} voided a top-up of ¥{amount} of member {name}{reason}",
        zh="{who} 作废了会员 {name} 的充值 ¥{amount}{reason}",
    ),
    ("wallet", "adjust"): define(
        "audit.say.wallet.adjust",
        en="{who} adjusted the {account} of member {name} by {amount}{reason}",
        zh="{who} 调整了会员 {name} 的{account} {amount}{reason}",
    ),
    ("wallet", "expire_points"): define(
        "audit.say.wallet.expire_points",
        en="{points:|point} of member {name} expired",
        zh="会员 {name} 的 {points} 积分已过期",
    ),
    ("staff", "create"): define(
        "audit.say.staff.create", en="{who} added staff member {name}", zh="{who} 新增员工 {name}"
    ),
    ("staff", "set_pin"): define(
        "audit.say.staff.set_pin",
        en="{who} set the PIN of {name}",
        zh="{who} 设置了 {name} 的 PIN 码",
    ),
    ("staff", "clear_pin"): define(
        "audit.say.staff.clear_pin",
        en="{who} cleared the PIN of {name}",
        zh="{who} 清除了 {name} 的 PIN 码",
    ),
    ("staff", "login"): define("audit.say.staff.login", en="{name} logged in", zh="{name} 登录"),
    ("staff", "login_attempt"): define(
        "audit.say.staff.login_attempt",
        en="{who}: wrong PIN for {name}",
        zh="{who}：{name} 的 PIN 码输入错误",
    ),
    ("staff", "login_failed"): define(
        "audit.say.staff.login_failed",
        en="{who}: wrong PIN for {name}",
        zh="{who}：{name} 的 PIN 码输入错误",
    ),
    ("setting", "change"): define(
        "audit.say.setting.change",
        en="{who} changed the setting {key}: {old} → {new}",
        zh="{who} 修改了设置 {key}：{old} → {new}",
    ),
    ("setting", "roles_off_outside"): define(
        "audit.say.setting.roles_off",
        en="Roles were turned off outside ShopCRM",
        zh="角色与权限在 ShopCRM 之外被关闭",
    ),
    ("custom_field", "add"): define(
        "audit.say.custom_field.add",
        en="{who} added the member field “{label}”",
        zh="{who} 新增会员字段「{label}」",
    ),
    ("custom_field", "activate"): define(
        "audit.say.custom_field.activate",
        en="{who} showed the member field “{label}” again",
        zh="{who} 重新显示会员字段「{label}」",
    ),
    ("custom_field", "deactivate"): define(
        "audit.say.custom_field.deactivate",
        en="{who} hid the member field “{label}”",
        zh="{who} 隐藏了会员字段「{label}」",
    ),
    ("month", "close"): define(
        "audit.say.month.close", en="{who} closed {period}", zh="{who} 结账了 {period}"
    ),
    ("month", "reopen"): define(
        "audit.say.month.reopen",
        en="{who} reopened {period}{reason}",
        zh="{who} 重新打开了 {period}{reason}",
    ),
    ("offer", "create"): define(
        "audit.say.offer.create",
        en="{who} added a top-up offer: top up ¥{topup}, get ¥{bonus}",
        zh="{who} 新增充值赠送：充 ¥{topup} 送 ¥{bonus}",
    ),
}
SAY.update(BOOKING_SAY)
ENTITY_WORDS.update(MORE_ENTITIES)
ACTION_WORDS.update(MORE_ACTIONS)

_BIRTH_FIELDS = {"birthday_kind", "birth_month", "birth_day", "birth_leap", "birth_year"}
_MEMBER_IDS = {"member", "wallet"}


@dataclass(frozen=True)
class AuditLine:
    id: int
    created_at: datetime
    who: str  # the person, or 系统/system for the shop's own work
    what: str  # the kind of object, in words
    sentence: str


class _Names:
    """The names of everything a page of entries mentions, read in a few queries."""

    def __init__(self, session: Session, rows: list[Any]) -> None:
        want: dict[str, set[Any]] = defaultdict(set)
        for row in rows:
            d = row.detail or {}
            if row.entity in _MEMBER_IDS and row.entity_id is not None:
                want["member"].add(row.entity_id)
            for key in ("member_id", "other_id"):
                if isinstance(d.get(key), int):
                    want["member"].add(d[key])
            if row.entity == "visit" and row.entity_id is not None:
                want["visit"].add(row.entity_id)
            if row.entity == "member" and row.action == "level":
                want["level"].update(v for v in (d.get("old"), d.get("new")) if isinstance(v, int))
            named = ("staff", "service", "category", "followup_rule", "level", "card_type")
            if row.entity in named and row.entity_id is not None:
                want[row.entity].add(row.entity_id)
            if row.entity == "custom_field" and d.get("key"):
                want["custom_field"].add(d["key"])
            if row.entity == "booking" and row.entity_id is not None:
                want["booking"].add(row.entity_id)
        self.bookings = bookings_of(session, want.pop("booking", set()))
        self.visits = self._visits(session, want.pop("visit", set()))
        want["member"].update(m for m, _, _ in self.visits.values() if m is not None)
        self.names: dict[tuple[str, Any], str] = {}
        tables = {
            "member": (Member.id, Member.name),
            "staff": (Staff.id, Staff.name),
            "service": (Service.id, Service.name),
            "category": (ServiceCategory.id, ServiceCategory.name),
            "followup_rule": (FollowupRule.id, FollowupRule.name),
            "custom_field": (CustomField.key, CustomField.label),
            "card_type": (CardType.id, CardType.name),
        }
        if want.get("level"):
            from ..models import MemberLevel

            tables["level"] = (MemberLevel.id, MemberLevel.name)
        for entity, (key, name) in tables.items():
            ids = sorted(want.get(entity, ()))
            for i in range(0, len(ids), 500):
                for k, n in session.execute(select(key, name).where(key.in_(ids[i : i + 500]))):
                    self.names[(entity, k)] = n

    @staticmethod
    def _visits(session: Session, ids: set[int]) -> dict[int, tuple[int | None, datetime, Decimal]]:
        out = {}
        found = sorted(ids)
        for i in range(0, len(found), 500):
            chunk = found[i : i + 500]
            query = select(Visit.id, Visit.member_id, Visit.visited_at, Visit.total_amount)
            for vid, member_id, at, total in session.execute(query.where(Visit.id.in_(chunk))):
                out[vid] = (member_id, at, total)
        return out

    def name(self, entity: str, key: Any) -> str:
        if key is None:
            return ""
        return self.names.get((entity, key)) or translate(NUMBERED, "en", id=key)


def _money(value: Any) -> str:
    try:
        return f"{Decimal(str(value)):,.2f}".rstrip("0").rstrip(".")
    except (InvalidOperation, ValueError):
        return str(value)


def _value(value: Any, lang: str) -> str:
    """A stored value in words: no braces, no quotes."""
    if value is None or value == "" or value == [] or value == {}:
        return translate(EMPTY, lang)
    if isinstance(value, bool):
        return translate(YES if value else NO, lang)
    if isinstance(value, dict):
        return join_list(
            (
                translate(PAIR, lang, key=_field(k, lang), value=_value(v, lang))
                for k, v in value.items()
            ),
            lang,
        )
    if isinstance(value, list | tuple):
        return join_list((_value(v, lang) for v in value), lang)
    return str(value)


def _setting(key: str, value: Any, lang: str) -> str:
    return setting_value(key, value, lang) or _value(value, lang)


def _field(key: str, lang: str, names: _Names | None = None) -> str:
    if key in FIELD_WORDS:
        return translate(FIELD_WORDS[key], lang)
    if key in _BIRTH_FIELDS:
        return translate(FIELD_WORDS["birthday"], lang)
    if names is not None and (label := names.names.get(("custom_field", key))):
        return label
    return key


_MONEY_KEYS = {"list_price", "amount", "bonus", "total", "price", "topup", "level_amount"}


def _details(detail: dict[str, Any], lang: str, names: _Names) -> str:
    pairs = [
        translate(
            PAIR,
            lang,
            key=_field(k, lang, names),
            value=f"¥{_money(v)}" if k in _MONEY_KEYS and v is not None else _value(v, lang),
        )
        for k, v in detail.items()
    ]
    return translate(DETAILS, lang, details=join_list(pairs, lang)) if pairs else ""


def who_text(actor: str, staff_id: int | None, lang: str) -> str:
    """The person; the shop's own work is 系统 / system."""
    return translate(SYSTEM_NAME, lang) if staff_id is None and actor in ("", "system") else actor


def _sentence(row: Any, names: _Names, lang: str) -> str:
    d = dict(row.detail or {})
    who = who_text(row.actor, row.staff_id, lang)
    member_name = names.name("member", row.entity_id) if row.entity in _MEMBER_IDS else ""
    params: dict[str, Any] = {
        "who": who,
        "name": names.names.get((row.entity, row.entity_id))
        or d.get("name")
        or names.name(row.entity, row.entity_id),
    }
    if row.entity in _MEMBER_IDS:
        params["name"] = member_name
    reason = d.get("reason")
    params["reason"] = translate(REASON, lang, reason=reason) if reason else ""
    key = (row.entity, row.action)
    if row.entity == "visit" and row.entity_id in names.visits:
        member_id, at, total = names.visits[row.entity_id]
        params.update(
            member=names.name("member", member_id) if member_id else translate(WALK_IN, lang),
            day=day_text(at, lang),
            total=_money(total),
        )
    elif row.entity == "visit":
        params.update(member=translate(WALK_IN, lang), day="", total=_money(d.get("total", "")))
    if key == ("member", "update"):
        fields = []
        for f in d.get("fields", []):
            word = _field(f, lang, names)
            if word not in fields:
                fields.append(word)
        params["fields"] = join_list(fields, lang)
    elif key in (("member", "tag"), ("member", "untag")):
        params["tags"] = _value(d.get("added") or d.get("removed") or [], lang)
    elif key == ("member", "merge"):
        params["other"] = names.name("member", d.get("other_id"))
    elif key == ("member", "level"):
        params.update(
            old=names.name("level", d.get("old")) if d.get("old") else translate(EMPTY, lang),
            new=names.name("level", d.get("new")) if d.get("new") else translate(EMPTY, lang),
        )
    elif key == ("setting", "change"):
        k = d.get("key", "")
        params.update(key=setting_word(k, lang), old=_setting(k, d.get("old"), lang))
        params["new"] = _setting(k, d.get("new"), lang)
    elif key == ("setting", "update"):
        pairs = (
            translate(CHANGE, lang, key=setting_word(k, lang), value=_setting(k, v, lang))
            for k, v in d.items()
        )
        params["changes"] = join_list(pairs, lang)
    elif row.entity == "booking":
        member, at = names.bookings.get(row.entity_id, (translate(WALK_IN, lang), None))
        by = CANCELLED_BY.get(d.get("cancelled_by", ""))
        when = f"{day_text(at, lang)} {at:%H:%M}" if at is not None else ""
        params.update(member=member, when=when, by=translate(by, lang) if by else "")
    elif row.entity == "custom_field":
        params["label"] = d.get("label") or names.name("custom_field", d.get("key"))
    elif row.entity == "wallet" and row.action == "adjust":
        params["account"] = _value(d.get("account"), lang)
    if isinstance(d.get("member_id"), int):
        params.setdefault("member", names.name("member", d["member_id"]))
    for money_key in ("amount", "bonus", "total", "topup", "price", "refund", "principal"):
        if money_key in d and money_key not in params:
            params[money_key] = _money(d[money_key])
    if isinstance(d.get("period"), str) and len(d["period"]) == 7:
        year, month = d["period"].split("-")
        abbr = translate(MONTH_ABBR[int(month) - 1], lang)
        params["period"] = translate(MONTH, lang, month=abbr, year=year)
    for plain in ("file", "members", "created", "updated", "visits", "points", "period", "type"):
        if plain in params:
            continue
        if plain in d:
            params[plain] = (
                abs(d[plain]) if plain == "points" and isinstance(d[plain], int) else d[plain]
            )
    if key in SAY:
        text = translate(SAY[key], lang, **params)
        if "{" not in text:
            return text
    entity = translate(ENTITY_WORDS[row.entity], lang) if row.entity in ENTITY_WORDS else row.entity
    action = translate(ACTION_WORDS[row.action], lang) if row.action in ACTION_WORDS else row.action
    name = params["name"] or (d.get("name") or d.get("code") or "")
    what = translate(WHAT, lang, entity=entity, name=name).strip()
    shown = {k: v for k, v in d.items() if k not in ("name", "reason")}
    text = translate(GENERIC, lang, who=who, action=action, what=what)
    return text + _details(shown, lang, names) + params["reason"]


def audit_sentences(session: Session, rows: list[Any], lang: str | None = None) -> list[AuditLine]:
    """One readable line per entry (rows from `audit_entries`), in `lang`."""
    lang = lang or current_language()
    names = _Names(session, rows)
    lines = []
    for row in rows:
        entity = (
            translate(ENTITY_WORDS[row.entity], lang) if row.entity in ENTITY_WORDS else row.entity
        )
        lines.append(
            AuditLine(
                row.id,
                row.created_at,
                who_text(row.actor, row.staff_id, lang),
                entity,
                _sentence(row, names, lang),
            )
        )
    return lines
