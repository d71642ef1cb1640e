"""Staff commission (提成): rules, designated/rotation lines, shared lines, the month's
figures and the payroll sheet's rows. See docs/commission.md."""

from .compute import Earning, month_earnings, own_earnings, pick_rule
from .lines import check_split, preferred_staff_id, split_of
from .report import (
    STAFF_COLUMNS,
    CommissionReport,
    StaffCommission,
    check_period,
    commission_report,
)
from .rules import (
    RULE_COLUMNS,
    RuleChoices,
    RuleSpec,
    RuleView,
    add_rule,
    list_rules,
    parse_fixed,
    parse_rate,
    parse_tier,
    parse_tiers,
    rate_text,
    resolve_names,
    retire_rule,
    rule_choices,
)

__all__ = [
    "RULE_COLUMNS",
    "STAFF_COLUMNS",
    "CommissionReport",
    "Earning",
    "RuleChoices",
    "RuleSpec",
    "RuleView",
    "StaffCommission",
    "add_rule",
    "check_period",
    "check_split",
    "commission_report",
    "list_rules",
    "month_earnings",
    "own_earnings",
    "parse_fixed",
    "parse_rate",
    "parse_tier",
    "parse_tiers",
    "pick_rule",
    "preferred_staff_id",
    "rate_text",
    "resolve_names",
    "retire_rule",
    "rule_choices",
    "split_of",
]
