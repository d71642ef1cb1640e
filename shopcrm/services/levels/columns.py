"""How levels, offers and a member's level history are shown in lists (CLI tables; the
screens use the same rate and rule texts)."""

from __future__ import annotations

from decimal import Decimal

from ...i18n import define, join_list, translate
from ...models.level import UPGRADE_NONE, UPGRADE_SINGLE, UPGRADE_SPEND, UPGRADE_TOPUP
from ..amounts import amount_text
from ..tables import TableColumn
from .core import LevelView

RATE_TEXT = define("levels.rate_text", en="{pct}% of list ({zhe}折)", zh="{zhe}折（{pct}%）")
RATE_NONE = define("levels.rate_none", en="list price", zh="原价")
RULE_TEXTS = {
    UPGRADE_NONE: define("levels.rule.none", en="—", zh="—"),
    UPGRADE_TOPUP: define("levels.rule.topup", en="top-ups ≥ ¥{amount}", zh="累计充值 ≥ ¥{amount}"),
    UPGRADE_SPEND: define("levels.rule.spend", en="spend ≥ ¥{amount}", zh="累计消费 ≥ ¥{amount}"),
    UPGRADE_SINGLE: define(
        "levels.rule.single", en="one top-up ≥ ¥{amount}", zh="单次充值 ≥ ¥{amount}"
    ),
}
WINDOW_TEXT = define("levels.window_text", en=" in {days} days", zh="（{days} 天内）")
DOWNGRADE_TEXT = define("levels.downgrade_text", en=", downgrade at window end", zh="，到期降级")

H = {
    "rank": define("levels.col.rank", en="#", zh="序"),
    "name": define("levels.col.name", en="Level", zh="等级"),
    "discount": define("levels.col.discount", en="Discount", zh="折扣"),
    "categories": define("levels.col.categories", en="By category", zh="分类折扣"),
    "points": define("levels.col.points", en="Points ×", zh="积分倍率"),
    "rule": define("levels.col.rule", en="Upgrade rule", zh="升级条件"),
    "members": define("levels.col.members", en="Members", zh="会员数"),
    "topup": define("levels.col.topup", en="Top up", zh="充值"),
    "bonus": define("levels.col.bonus", en="Bonus", zh="赠送"),
    "level": define("levels.col.level", en="Level given", zh="升级至"),
    "when": define("levels.col.when", en="When", zh="时间"),
    "from": define("levels.col.from", en="From", zh="原等级"),
    "to": define("levels.col.to", en="To", zh="新等级"),
    "reason": define("levels.col.reason", en="Reason", zh="原因"),
    "staff": define("levels.col.staff", en="Staff", zh="员工"),
}

LEVEL_COLUMNS = (
    TableColumn("rank", H["rank"], 2, True),
    TableColumn("name", H["name"], 6),
    TableColumn("discount", H["discount"], 6),
    TableColumn("categories", H["categories"]),
    TableColumn("points", H["points"], 4, True),
    TableColumn("rule", H["rule"]),
    TableColumn("members", H["members"], 4, True),
)
OFFER_COLUMNS = (
    TableColumn("topup", H["topup"], 8, True),
    TableColumn("bonus", H["bonus"], 8, True),
    TableColumn("level", H["level"]),
)
HISTORY_COLUMNS = (
    TableColumn("when", H["when"], 16),
    TableColumn("from", H["from"]),
    TableColumn("to", H["to"]),
    TableColumn("reason", H["reason"]),
    TableColumn("staff", H["staff"]),
)


def rate_text(rate: Decimal | None, lang: str | None = None) -> str:
    """0.88 → "8.8折" / "88% of list"; 1 → "list price"."""
    if rate is None or rate >= 1:
        return translate(RATE_NONE, lang)
    zhe = (rate * 10).normalize()
    pct = (rate * 100).normalize()
    return translate(RATE_TEXT, lang, zhe=f"{zhe:f}", pct=f"{pct:f}")


def rule_text(view: LevelView, lang: str | None = None) -> str:
    if view.upgrade_kind == UPGRADE_NONE or view.upgrade_amount is None:
        return translate(RULE_TEXTS[UPGRADE_NONE], lang)
    text = translate(RULE_TEXTS[view.upgrade_kind], lang, amount=amount_text(view.upgrade_amount))
    if view.window_days:
        text += translate(WINDOW_TEXT, lang, days=view.window_days)
    if view.downgrade:
        text += translate(DOWNGRADE_TEXT, lang)
    return text


def level_row(view: LevelView, lang: str | None = None) -> dict[str, object]:
    return {
        "rank": view.rank,
        "name": view.name,
        "discount": rate_text(view.discount, lang),
        "categories": join_list(
            (f"{c} {rate_text(r, lang)}" for c, r in view.category_discounts), lang
        ),
        "points": f"{view.points_rate.normalize():f}",
        "rule": rule_text(view, lang),
        "members": view.members,
    }
