"""Count cards and packages (次卡、疗程卡、套餐卡): types, selling, using on visit lines,
refunds, expiry as breakage, the month's figures, opening balances. See docs/cards.md.

- `types`: card types (services with paid and gifted uses, price, validity);
- `holding`: the members' cards, selling, reading (uses and value left);
- `uses`: card uses on visit lines (`CardPlan`), and their reversal when a visit is voided;
- `refund`: the refund quote (formula, cooling-off) and the refund;
- `figures`: the month's figures and the liability at a moment;
- `opening`: opening balances brought from paper or another system (`import-balances`).
"""

from .figures import card_figures, liability_at
from .holding import (
    EXPIRY_WARNING_DAYS,
    STATUS_WORDS,
    CardItemView,
    CardView,
    get_card,
    member_cards,
    sell_card,
    unit_values,
)
from .refund import COOLING_OFF_DAYS, CardRefundQuote, refund_card, refund_quote
from .types import (
    CardTypeView,
    create_card_type,
    get_card_type,
    list_card_types,
    parse_uses,
    set_card_type_active,
)

__all__ = [
    "COOLING_OFF_DAYS",
    "EXPIRY_WARNING_DAYS",
    "STATUS_WORDS",
    "CardItemView",
    "CardRefundQuote",
    "CardTypeView",
    "CardView",
    "card_figures",
    "create_card_type",
    "get_card",
    "get_card_type",
    "liability_at",
    "list_card_types",
    "member_cards",
    "parse_uses",
    "refund_card",
    "refund_quote",
    "sell_card",
    "set_card_type_active",
    "unit_values",
]
