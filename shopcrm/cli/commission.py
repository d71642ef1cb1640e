"""Staff commission from the terminal.

``shopcrm commission-rule add [--staff S | --role R] [--service X | --category C |
--card-sales | --topups] (--rate 20% | --fixed 15) [--base paid|list] [--designated |
--rotation] [--tier 5000:15% ... --tiers zero|progressive] [--from YYYY-MM-DD]``,
``shopcrm commission-rule retire ID``, ``shopcrm commission-rules [--all] [--json]``,
``shopcrm commission --month YYYY-MM [--staff S] [--lines] [--json]``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import click

from ..db import session_scope
from ..i18n import ShopError, define, translate
from ..models.commission import (
    MODE_DESIGNATED,
    MODE_ROTATION,
    RULE_CARD_SALE,
    RULE_SERVICE,
    RULE_TOPUP,
)
from ..services import commission as cm
from ..services.amounts import amount_text
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.visit_import.fields import parse_when
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import counter_actor, counter_command, owner_command
from .tables import echo_table

E_WHAT = define(
    "cli.commission.what",
    en="Give at most one of --service, --category, --card-sales and --topups.",
    zh="--service、--category、--card-sales、--topups 至多给一个。",
)
E_MODE = define(
    "cli.commission.mode",
    en="Give --designated or --rotation, not both.",
    zh="--designated 与 --rotation 只能给一个。",
)
E_FROM = define("cli.commission.from", en="“{value}” is not a date.", zh="“{value}”不是有效日期。")
M_ADDED = define(
    "cli.commission.added",
    en="Commission rule #{id}: {who} · {what} · {mode} · {pays} on {base}.",
    zh="提成规则 #{id}：{who} · {what} · {mode} · {pays}（{base}）。",
)
M_RETIRED = define(
    "cli.commission.retired", en="Commission rule #{id} retired.", zh="提成规则 #{id} 已停用。"
)
M_NO_RULES = define("cli.commission.no_rules", en="No commission rules yet.", zh="还没有提成规则。")
M_NOTHING = define(
    "cli.commission.nothing",
    en="No commission in {month}.",
    zh="{month} 没有提成。",
)
M_TOTAL = define(
    "cli.commission.total", en="Total commission {month}: ¥{total}", zh="{month} 提成合计：¥{total}"
)


@main.group("commission-rule")
def rule_group() -> None:
    """Add or retire a commission rule (提成规则)."""


@rule_group.command("add")
@click.option("--staff", "staff_name", help="One staff member.")
@click.option("--role", help="A staff title (发型师, 助理…).")
@click.option("--service", "service_name", help="One service.")
@click.option("--category", "category_name", help="A service category.")
@click.option("--card-sales", is_flag=True, help="Card and package sales (the money paid).")
@click.option("--topups", is_flag=True, help="Stored-value top-ups (the money paid, no bonus).")
@click.option("--rate", help="A share of the base: 20% (or 0.2).")
@click.option("--fixed", help="A fixed amount per unit of a line, or per sale.")
@click.option("--base", type=click.Choice(["paid", "list"]), default="paid", show_default=True)
@click.option("--designated", is_flag=True, help="Only lines the member asked for (指定).")
@click.option("--rotation", is_flag=True, help="Only rotation lines (轮牌).")
@click.option(
    "--tier",
    "tiers",
    multiple=True,
    metavar="FROM:RATE",
    help="From this much of the month's base on, this rate (e.g. 5000:15%).",
)
@click.option(
    "--tiers",
    "tier_mode",
    type=click.Choice(["zero", "progressive"]),
    default="zero",
    show_default=True,
    help="zero: the whole month at the rate reached; progressive: each band at its own rate.",
)
@click.option("--from", "from_text", metavar="DATE", help="In force from (default now).")
@owner_command
@pass_state
@handle_errors
def rule_add(state: CliState, staff_name: str | None, role: str | None,
             service_name: str | None, category_name: str | None, card_sales: bool,
             topups: bool, rate: str | None, fixed: str | None, base: str, designated: bool,
             rotation: bool, tiers: tuple[str, ...], tier_mode: str, from_text: str | None,
             actor: Actor) -> None:  # fmt: skip
    """Add a rule; a rule of the same scope in force is replaced from now (its lines keep
    their rate), e.g. commission-rule add --role 发型师 --designated --rate 20%."""
    if sum(map(bool, (service_name, category_name, card_sales, topups))) > 1:
        raise ShopError(E_WHAT)
    if designated and rotation:
        raise ShopError(E_MODE)
    kind = RULE_CARD_SALE if card_sales else RULE_TOPUP if topups else RULE_SERVICE
    valid_from: datetime | None = None
    if from_text:
        valid_from = parse_when(from_text)
        if valid_from is None:
            raise ShopError(E_FROM, value=from_text)
    with write_session(state.engine, actor) as scope:
        session = scope.session
        staff_id, service_id, category_id = cm.resolve_names(
            session, staff=staff_name, service=service_name, category=category_name
        )
        spec = cm.RuleSpec(
            kind=kind,
            staff_id=staff_id,
            role=(role or "").strip() or None,
            service_id=service_id,
            category_id=category_id,
            mode=MODE_DESIGNATED if designated else MODE_ROTATION if rotation else None,
            rate=cm.parse_rate(rate) if rate is not None else None,
            fixed=cm.parse_fixed(fixed) if fixed is not None else None,
            base=base,
            tier_mode=tier_mode if tiers else None,
            tiers=tuple(cm.parse_tier(t) for t in tiers),
        )
        rule_id = cm.add_rule(session, spec, actor=scope.actor, valid_from=valid_from)
        view = next(r for r in cm.list_rules(session) if r.id == rule_id)
    click.echo(translate(M_ADDED, id=rule_id, who=view.who(), what=view.what(),
                         mode=view.mode_text(), pays=view.pays(), base=view.base_text()))  # fmt: skip


@rule_group.command("retire")
@click.argument("rule_id", type=int)
@owner_command
@pass_state
@handle_errors
def rule_retire(state: CliState, rule_id: int, actor: Actor) -> None:
    """End a rule now (lines already recorded keep what they earned)."""
    with write_session(state.engine, actor) as scope:
        cm.retire_rule(scope.session, rule_id, actor=scope.actor)
    click.echo(translate(M_RETIRED, id=rule_id))


def _rule_json(r: cm.RuleView) -> dict[str, object]:
    return {
        "id": r.id,
        "family_id": r.family_id,
        "kind": r.kind,
        "staff": r.staff_name,
        "role": r.role,
        "service": r.service_name,
        "category": r.category_name,
        "mode": r.mode,
        "rate": r.rate,
        "fixed": r.fixed,
        "base": r.base,
        "tier_mode": r.tier_mode,
        "tiers": [{"from": a, "rate": b} for a, b in r.tiers],
        "valid_from": r.valid_from.isoformat(sep=" "),
        "valid_to": r.valid_to.isoformat(sep=" ") if r.valid_to else None,
    }


@main.command("commission-rules")
@click.option("--all", "history", is_flag=True, help="Every version, retired ones too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def rules_cmd(state: CliState, history: bool, as_json: bool) -> None:
    """The commission rules in force."""
    with session_scope(state.engine) as session:
        rules = cm.list_rules(session, include_history=history)
    if as_json:
        echo_json([_rule_json(r) for r in rules])
        return
    if not rules:
        click.echo(translate(M_NO_RULES))
        return
    echo_table(
        cm.RULE_COLUMNS,
        [
            {"id": f"#{r.id}", "who": r.who(), "what": r.what(), "mode": r.mode_text(),
             "pays": r.pays(), "base": r.base_text(), "tiers": r.tiers_text() or "-",
             "since": f"{r.valid_from:%Y-%m-%d %H:%M}"}
            for r in rules
        ],
    )  # fmt: skip


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%"


@main.command("commission")
@click.option("--month", required=True, metavar="YYYY-MM")
@click.option("--staff", "staff_name", help="One staff member only.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (per staff and per line).")
@counter_command(names=("--as",))
@pass_state
@handle_errors
def commission_cmd(state: CliState, month: str, staff_name: str | None, as_json: bool) -> None:
    """The month's commission per staff member (with roles on, staff see their own)."""
    actor = counter_actor(state, staff_name)
    with session_scope(state.engine) as session:
        staff_id = None
        if staff_name:
            staff_id, _, _ = cm.resolve_names(session, staff=staff_name)
        rep = cm.commission_report(session, month, actor=actor, staff_id=staff_id)
    if as_json:
        echo_json(
            {
                "month": rep.period,
                "total": rep.total,
                "staff": [
                    {"staff": s.name, "staff_id": s.staff_id, "lines": s.lines, "base": s.base,
                     "designated_base": s.designated_base,
                     "designated_share": s.designated_share, "card_sales_topups": s.sales,
                     "service_commission": s.service_commission,
                     "sales_commission": s.sales_commission, "reversed": s.reversed,
                     "commission": s.commission}
                    for s in rep.staff
                ],
                "lines": [
                    {"staff": rep.names.get(e.staff_id), "kind": e.kind, "ref_id": e.ref_id,
                     "visit_id": e.visit_id, "at": e.at.isoformat(sep=" "), "item": e.item,
                     "designated": e.designated, "share": e.share.quantize(Decimal("0.0001")),
                     "base": e.base, "rule_id": e.rule_id, "rate": e.rate, "fixed": e.fixed,
                     "commission": e.commission, "reversal": e.reversal}
                    for e in rep.earnings
                ],
            }
        )  # fmt: skip
        return
    if not rep.staff:
        click.echo(translate(M_NOTHING, month=rep.period))
        return
    echo_table(
        cm.STAFF_COLUMNS,
        [
            {"staff": s.name, "lines": str(s.lines), "base": f"¥{amount_text(s.base)}",
             "designated": _pct(s.designated_share),
             "service_commission": f"¥{amount_text(s.service_commission)}",
             "sales": f"¥{amount_text(s.sales)}",
             "sales_commission": f"¥{amount_text(s.sales_commission)}",
             "reversed": f"¥{amount_text(s.reversed)}",
             "commission": f"¥{amount_text(s.commission)}"}
            for s in rep.staff
        ],
    )  # fmt: skip
    click.echo(translate(M_TOTAL, month=rep.period, total=amount_text(rep.total)))
