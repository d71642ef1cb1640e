"""How lists of card types and cards are headed in a terminal, and their display rows."""

from __future__ import annotations

from typing import Any

from ...i18n import define, translate
from ..amounts import amount_text
from ..tables import TableColumn
from .holding import STATUS_WORDS, CardView
from .types import CardTypeView

H = {
    key: define(f"cards.col.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("id", "No.", "编号"),
        ("name", "Card", "次卡"),
        ("price", "Price", "售价"),
        ("uses", "Uses (paid+gifted)", "次数（付费+赠送）"),
        ("validity", "Valid", "有效期"),
        ("left", "Uses left", "剩余次数"),
        ("value", "Value left", "剩余金额"),
        ("expires", "Last day", "到期日"),
        ("status", "Status", "状态"),
    )
}
M_DAYS = define("cards.valid_days_text", en="{days} days", zh="{days} 天")
M_UNTIL = define("cards.valid_until_text", en="until {day}", zh="至 {day}")
M_NO_EXPIRY = define("cards.no_expiry", en="no expiry", zh="不限期")
M_SOON = define("cards.expiring_soon", en="expires {day}!", zh="{day} 到期！")

TYPE_COLUMNS = (
    TableColumn("id", H["id"], 4, True),
    TableColumn("name", H["name"], 10),
    TableColumn("price", H["price"], 8, True),
    TableColumn("uses", H["uses"], 12),
    TableColumn("validity", H["validity"], 8),
)
CARD_COLUMNS = (
    TableColumn("id", H["id"], 4, True),
    TableColumn("name", H["name"], 10),
    TableColumn("left", H["left"], 12),
    TableColumn("value", H["value"], 8, True),
    TableColumn("expires", H["expires"], 10),
    TableColumn("status", H["status"], 6),
)


def validity_text(view: CardTypeView, lang: str | None = None) -> str:
    if view.valid_until is not None:
        return translate(M_UNTIL, lang, day=view.valid_until.isoformat())
    if view.valid_days is not None:
        return translate(M_DAYS, lang, days=view.valid_days)
    return translate(M_NO_EXPIRY, lang)


def type_row(view: CardTypeView, lang: str | None = None) -> dict[str, Any]:
    return {
        "id": view.id,
        "name": view.name,
        "price": amount_text(view.price),
        "uses": view.uses_text,
        "validity": validity_text(view, lang),
    }


def card_row(view: CardView, lang: str | None = None) -> dict[str, Any]:
    expires = view.expires_on.isoformat() if view.expires_on else translate(M_NO_EXPIRY, lang)
    if view.expiring_soon and view.expires_on is not None:
        expires = translate(M_SOON, lang, day=view.expires_on.isoformat())
    return {
        "id": view.id,
        "name": view.name,
        "left": view.uses_text(),
        "value": amount_text(view.value_left),
        "expires": expires,
        "status": translate(STATUS_WORDS[view.status], lang),
    }


def type_json(view: CardTypeView) -> dict[str, Any]:
    return {
        "id": view.id, "name": view.name, "price": view.price, "active": view.active,
        "valid_days": view.valid_days, "valid_until": view.valid_until,
        "uses": [
            {"service_id": i.service_id, "service": i.service, "paid": i.paid, "gifted": i.bonus}
            for i in view.items
        ],
    }  # fmt: skip


def card_json(view: CardView) -> dict[str, Any]:
    return {
        "id": view.id, "member_id": view.member_id, "name": view.name, "price": view.price,
        "sold_at": view.sold_at, "expires_on": view.expires_on, "status": view.status,
        "expiring_soon": view.expiring_soon, "value_left": view.value_left,
        "opening": view.opening, "uses_left": view.uses_left,
        "services": [
            {"service_id": i.service_id, "service": i.service, "paid_left": i.paid_left,
             "gifted_left": i.bonus_left, "paid_total": i.paid_total, "gifted_total": i.bonus_total,
             "value_per_use": i.unit_value}
            for i in view.items
        ],
    }  # fmt: skip


M_FIGURES = define(
    "cards.figures_line",
    en="Cards: opening {opening} + sold {sold} ({cards_sold}) + brought in {imported} − "
    "recognised {recognised} ({paid_uses} paid uses, {gifted_uses} gifted) − refunded "
    "{refunded} − breakage {breakage} = closing {closing}",
    zh="次卡：期初 {opening} + 售卡 {sold}（{cards_sold} 张）+ 期初导入 {imported} − "
    "确认收入 {recognised}（付费 {paid_uses} 次，赠送 {gifted_uses} 次）− 退卡 {refunded} − "
    "过期收入 {breakage} = 期末 {closing}",
)


def card_figures_line(figures: dict[str, Any], lang: str | None = None) -> str:
    """The month's card roll-forward in one line (the report's text form)."""
    return translate(
        M_FIGURES, lang, opening=figures["opening"], sold=figures["sold"],
        cards_sold=figures["cards_sold"], imported=figures["opening_imported"],
        recognised=figures["recognised"], paid_uses=figures["paid_uses"],
        gifted_uses=figures["gifted_uses"], refunded=figures["refunded"],
        breakage=figures["breakage"], closing=figures["closing"],
    )  # fmt: skip


L_CARD_USES = define("cards.revenue_part", en="card uses", zh="次卡消耗")


def card_uses_part(revenue: Any, lang: str | None = None) -> str:
    """ " + card uses 80.00" for the report's revenue line ("" when no card was used)."""
    value = getattr(revenue, "card_uses", None)
    return f" + {translate(L_CARD_USES, lang)} {value}" if value else ""
