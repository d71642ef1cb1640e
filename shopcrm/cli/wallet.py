"""Wallet, catalogue and staff from the terminal: top-up, balance, services, staff."""

from __future__ import annotations

from decimal import Decimal

import click

from ..db import session_scope
from ..i18n import define, translate
from ..services import catalog, staff, wallet
from ..services.member_lookup import resolve_member
from ..services.visit_import.fields import parse_payment
from .app import CliState, echo_json, handle_errors, main, pass_state

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
L_ACTIVE = define("cli.catalog.retired", en="retired", zh="已停用")
L_INACTIVE = define("cli.staff.inactive", en="inactive", zh="已停用")


@main.command()
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.argument("amount", type=str)
@click.option("--bonus", default="0", help="Bonus value added on top (赠送).")
@click.option(
    "--pay",
    "method",
    default="cash",
    show_default=True,
    help="How the top-up was paid: cash, card or mobile.",
)
@pass_state
@handle_errors
def topup(state: CliState, query: str, amount: str, bonus: str, method: str) -> None:
    """Put money on a member's stored-value card."""
    code = method if method in wallet.TILL_METHODS else (parse_payment(method) or method)
    with session_scope(state.engine, write=True) as session:
        result = wallet.topup(
            session,
            resolve_member(session, query),
            Decimal(amount),
            bonus=Decimal(bonus or "0"),
            method=code,
        )
    click.echo(
        translate(
            M_TOPUP,
            amount=wallet.money(Decimal(amount)),
            bonus=wallet.money(Decimal(bonus or "0")),
            balance=wallet.money(result.balance),
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
                "ledger": [
                    {
                        "seq": e.seq,
                        "type": e.entry_type,
                        "amount": e.amount,
                        "balance_after": e.balance_after,
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
            stored=wallet.money(b.stored_value),
            points=b.points,
            value=wallet.money(b.points_value),
        )
    )
    for e in entries:
        click.echo(
            f"{e.seq:>4} {e.created_at:%Y-%m-%d %H:%M} {e.entry_type:<9} "
            f"{wallet.money(e.amount):>10} {wallet.money(e.balance_after):>10}"
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
    for s in rows:
        mark = "" if s.active else f"  [{translate(L_ACTIVE)}]"
        care = f"  +{','.join(map(str, s.care_offsets))}d" if s.care_offsets else ""
        click.echo(
            f"{s.id:>4} {s.category or '-':<8} {s.name:<16} ¥{wallet.money(s.list_price):>9}"
            f" {s.duration_min:>4}min{care}{mark}"
        )


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
    for s in rows:
        mark = "" if s.active else f"  [{translate(L_INACTIVE)}]"
        click.echo(f"{s.id:>4} {s.name:<12} {s.role:<6} {s.title}{mark}")
