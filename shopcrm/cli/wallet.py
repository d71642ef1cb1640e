"""Wallet, catalogue and staff from the terminal: top-up, balance, services, staff."""

from __future__ import annotations

from decimal import Decimal

import click

from ..db import session_scope
from ..i18n import ShopError, define, translate
from ..services import catalog, staff, wallet
from ..services.amounts import amount_text, parse_amount
from ..services.boundary import write_session
from ..services.members.lookup import resolve_member
from ..services.money.methods import resolve_method
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import counter_actor, counter_command
from .tables import echo_table

M_TOPUP = define(
    "cli.wallet.topup",
    en="Topped up ¥{amount} (bonus ¥{bonus}); balance ¥{balance}.",
    zh="已充值 ¥{amount}（赠送 ¥{bonus}），余额 ¥{balance}。",
)
M_BALANCE = define(
    "cli.wallet.balance",
    en="Stored value ¥{stored}; points {points} (worth ¥{value}).",
    zh="储值余额 ¥{stored}；积分 {points}（可抵 ¥{value}）。",
)
M_PARTS = define(
    "cli.wallet.parts",
    en="  of which principal ¥{principal}, bonus ¥{bonus}.",
    zh="  其中本金 ¥{principal}，赠送 ¥{bonus}。",
)
E_SELLER = define(
    "cli.wallet.seller", en="No staff member called “{name}”.", zh="没有名为“{name}”的员工。"
)
L_ACTIVE = define("cli.catalog.retired", en="retired", zh="已停用")
L_INACTIVE = define("cli.staff.inactive", en="inactive", zh="已停用")


@main.command()
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.argument("amount", type=str)
@click.option(
    "--bonus",
    default=None,
    help="Bonus value added on top (赠送); default: the best top-up offer reached (0 for none).",
)
@click.option(
    "--pay",
    "method",
    default="cash",
    show_default=True,
    help="How the top-up was paid: cash, card, wechat, alipay, other or the shop's own.",
)
@click.option(
    "--staff",
    "staff_name",
    default=None,
    help="Who sold it (earns the top-up commission); default: who is at the counter.",
)
@counter_command(names=("--as",))
@pass_state
@handle_errors
def topup(
    state: CliState, query: str, amount: str, bonus: str | None, method: str, staff_name: str | None
) -> None:
    """Put money on a member's stored-value card."""
    paid = parse_amount(amount, allow_zero=False)
    extra = None if bonus is None else parse_amount(bonus) if bonus.strip() else Decimal("0.00")
    with write_session(state.engine, counter_actor(state, staff_name)) as scope:
        code = resolve_method(scope.session, method)
        seller: int | str | None = wallet.SELLER_ACTOR
        if staff_name:
            found = staff.staff_by_name(scope.session, staff_name)
            if found is None:
                raise ShopError(E_SELLER, name=staff_name)
            seller = found.id
        result = wallet.topup(
            scope.session,
            resolve_member(scope.session, query),
            paid,
            bonus=extra,
            method=code,
            actor=scope.actor,
            seller_id=seller,
        )
    click.echo(
        translate(
            M_TOPUP,
            amount=amount_text(paid),
            bonus=amount_text(result.bonus),
            balance=amount_text(result.balance),
        )
    )


@main.command()
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.option("--ledger", "show_ledger", is_flag=True, help="Also list the stored-value ledger.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def balance(state: CliState, query: str, show_ledger: bool, as_json: bool) -> None:
    """A member's stored value and points."""
    with session_scope(state.engine) as session:
        member_id = resolve_member(session, query)
        b = wallet.balances(session, member_id)
        entries = wallet.ledger(session, member_id) if show_ledger or as_json else []
    if as_json:
        echo_json(
            {
                "member_id": member_id,
                "stored_value": b.stored_value,
                "points": b.points,
                "points_value": b.points_value,
                "principal": b.principal,
                "bonus": b.bonus,
                "ledger": [
                    {
                        "id": e.id,
                        "seq": e.seq,
                        "type": e.entry_type,
                        "amount": e.amount,
                        "balance_after": e.balance_after,
                        "principal": e.principal,
                        "bonus": e.bonus,
                        "at": e.created_at,
                        "visit_id": e.visit_id,
                        "reason": e.reason,
                    }
                    for e in entries
                ],
            }
        )
        return
    click.echo(
        translate(
            M_BALANCE,
            stored=amount_text(b.stored_value),
            points=b.points,
            value=amount_text(b.points_value),
        )
    )
    click.echo(translate(M_PARTS, principal=wallet.money(b.principal), bonus=wallet.money(b.bonus)))
    for e in entries:
        click.echo(
            f"{e.seq:>4} {e.created_at:%Y-%m-%d %H:%M} {e.entry_type:<9} "
            f"{amount_text(e.amount):>10} {amount_text(e.balance_after):>10}"
            f"{'  #' + str(e.visit_id) if e.visit_id else ''} {e.reason}"
        )


@main.command()
@click.option("--all", "include_retired", is_flag=True, help="Include retired services.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def services(state: CliState, include_retired: bool, as_json: bool) -> None:
    """The service catalogue."""
    with session_scope(state.engine) as session:
        rows = catalog.list_services(session, include_retired=include_retired)
    if as_json:
        echo_json(
            [
                {
                    "id": s.id,
                    "name": s.name,
                    "category": s.category,
                    "list_price": s.list_price,
                    "duration_min": s.duration_min,
                    "care_offsets": list(s.care_offsets),
                    "active": s.active,
                    "pinyin": s.name_pinyin,
                }
                for s in rows
            ]
        )
        return
    lines = [
        {
            "id": s.id,
            "category": s.category or "-",
            "name": s.name,
            "price": f"¥{amount_text(s.list_price)}",
            "minutes": s.duration_min,
            "care": ",".join(map(str, s.care_offsets)),
            "state": "" if s.active else translate(L_ACTIVE),
        }
        for s in rows
    ]
    echo_table(catalog.SERVICE_COLUMNS, lines)


@main.group("staff", invoke_without_command=True)
@click.option("--all", "include_inactive", is_flag=True, help="Include inactive staff.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def staff_cmd(state: CliState, include_inactive: bool, as_json: bool) -> None:
    """The shop's staff; `staff add` and `staff retire` are in cli/catalog.py."""
    if click.get_current_context().invoked_subcommand is not None:
        return
    with session_scope(state.engine) as session:
        rows = staff.list_staff(session, include_inactive=include_inactive)
    if as_json:
        echo_json(
            [
                {"id": s.id, "name": s.name, "role": s.role, "title": s.title, "active": s.active}
                for s in rows
            ]
        )
        return
    lines = [
        {
            "id": s.id,
            "name": s.name,
            "role": s.role,
            "title": s.title,
            "state": "" if s.active else translate(L_INACTIVE),
        }
        for s in rows
    ]
    echo_table(staff.STAFF_COLUMNS, lines)
