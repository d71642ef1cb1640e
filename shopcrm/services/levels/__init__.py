"""Member levels that price themselves (会员等级), their history, and top-up offers (充值赠送).

- `core`: the levels (ordered, discounts per category, upgrade rules), a service's floor
  and exclusion, rates (`parse_rate`);
- `pricing`: a member's pricing and a line's rate (`member_pricing`, `apply_rate`);
- `changes`: upgrades after a top-up or a sale, reversals, locks, downgrades, history;
- `offers`: top-up tiers and the best one for an amount;
- `figures`: members by level, upgrades in a month, discount given by level;
- `daily`: the downgrades at a window's end, once per shop day (start-up, CLI).

See docs/levels.md for the order of rules.
"""

from .changes import (
    LevelHistoryRow,
    after_reversal,
    after_sale,
    after_topup,
    counted_spend,
    counted_topups,
    level_history,
    level_id_for_label,
    lock_member,
    meets_rule,
    offer_upgrade,
    record_label_change,
    run_downgrades,
    set_member_level,
)
from .core import (
    LevelView,
    create_level,
    level_named,
    list_levels,
    parse_points_rate,
    parse_rate,
    set_service_pricing,
    update_level,
)
from .daily import LAST_RUN_KEY as DOWNGRADES_LAST_RUN_KEY
from .daily import run_daily_downgrades
from .figures import level_figures
from .offers import (
    OfferView,
    best_offer,
    create_offer,
    list_offers,
    offer_for,
    set_offer_active,
)
from .pricing import (
    LevelRates,
    MemberPricing,
    apply_rate,
    level_discount,
    member_pricing,
    service_rate,
    service_rates,
)

__all__ = [
    "DOWNGRADES_LAST_RUN_KEY",
    "LevelHistoryRow",
    "LevelRates",
    "LevelView",
    "MemberPricing",
    "OfferView",
    "after_reversal",
    "after_sale",
    "after_topup",
    "apply_rate",
    "best_offer",
    "counted_spend",
    "counted_topups",
    "create_level",
    "create_offer",
    "level_discount",
    "level_figures",
    "level_history",
    "level_id_for_label",
    "level_named",
    "list_levels",
    "list_offers",
    "lock_member",
    "meets_rule",
    "member_pricing",
    "offer_for",
    "offer_upgrade",
    "record_label_change",
    "parse_points_rate",
    "parse_rate",
    "run_daily_downgrades",
    "run_downgrades",
    "service_rate",
    "service_rates",
    "set_member_level",
    "set_offer_active",
    "set_service_pricing",
    "update_level",
]
