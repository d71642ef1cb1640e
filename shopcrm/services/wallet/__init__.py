"""The member's wallet: append-only ledgers for stored value (储值) and points (积分).

- `entries`: the one writer of wallet entries (`append_entry`), the principal/bonus rule
  (`split_draw`), errors and the small views;
- `stored_value`: top-ups, spends, refunds (principal only), top-up voids, corrections,
  merges' transfers;
- `points`: the points rule and the points movements;
- `reversal`: giving back a voided visit's movements;
- `reading`: balances, ledgers, the consistency check.

See docs/visits-and-wallet.md for the rules.
"""

from .entries import (
    ACCOUNTS,
    PARTS_BONUS,
    PARTS_PRINCIPAL,
    PARTS_PROPORTIONAL,
    Balances,
    LedgerEntry,
    Move,
    append_entries,
    append_entry,
    insert_batch,
    money,
    split_draw,
)
from .points import (
    DEFAULT_EARN_ON_STORED_VALUE,
    DEFAULT_POINTS_PER_YUAN,
    DEFAULT_POINTS_REDEEM_RATE,
    E_POINTS_RATE,
    SETTING_EARN_ON_STORED_VALUE,
    SETTING_POINTS_PER_YUAN,
    SETTING_POINTS_REDEEM_RATE,
    earn_points,
    expire_points,
    points_for_payment,
    points_rates,
    redeem_points,
    set_points_rates,
)
from .reading import account_balances, balances, check_ledgers, ledger, liability_at
from .reversal import reverse_visit_entries
from .stored_value import (
    SELLER_ACTOR,
    RefundQuote,
    TopupResult,
    adjust,
    refund,
    refund_quote,
    spend,
    topup,
    transfer_balances,
    void_topup,
)

# The methods the counter's top-up dialog offers until the screens read the shop's list
# (services.money.methods.list_methods) in the screens' phase.
TILL_METHODS = ("cash", "card", "wechat", "alipay", "mobile")

__all__ = [
    "ACCOUNTS",
    "DEFAULT_EARN_ON_STORED_VALUE",
    "DEFAULT_POINTS_PER_YUAN",
    "DEFAULT_POINTS_REDEEM_RATE",
    "E_POINTS_RATE",
    "PARTS_BONUS",
    "PARTS_PRINCIPAL",
    "PARTS_PROPORTIONAL",
    "SETTING_EARN_ON_STORED_VALUE",
    "SETTING_POINTS_PER_YUAN",
    "SETTING_POINTS_REDEEM_RATE",
    "SELLER_ACTOR",
    "TILL_METHODS",
    "Balances",
    "LedgerEntry",
    "Move",
    "RefundQuote",
    "TopupResult",
    "account_balances",
    "adjust",
    "append_entries",
    "append_entry",
    "balances",
    "insert_batch",
    "check_ledgers",
    "earn_points",
    "expire_points",
    "ledger",
    "liability_at",
    "money",
    "points_for_payment",
    "points_rates",
    "redeem_points",
    "refund",
    "refund_quote",
    "reverse_visit_entries",
    "set_points_rates",
    "spend",
    "split_draw",
    "topup",
    "transfer_balances",
    "void_topup",
]
