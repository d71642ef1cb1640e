"""Count cards and packages from the terminal (docs/cards.md).

``shopcrm card-type add 洗剪吹10次 --price 800 --uses 洗剪吹:10 [--bonus-uses 洗剪吹:2]
[--valid-days 365 | --valid-until DATE | --no-expiry]``, ``shopcrm card-types``,
``shopcrm card sell --member Q TYPE --pay wechat [--staff S]``,
``shopcrm card refund CARD_ID --pay cash --reason R [--yes]``, ``shopcrm cards --member Q``,
``shopcrm import-balances FILE [--dry-run] [--report R.xlsx]``.
"""

from __future__ import annotations

from datetime import date

import click

from ..db import session_scope
from ..i18n import ShopError, define, translate
from ..services import cards, staff
from ..services.amounts import amount_text
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.cards.columns import (
    CARD_COLUMNS,
    TYPE_COLUMNS,
    card_json,
    card_row,
    type_json,
    type_row,
)
from ..services.cards.opening import import_balances
from ..services.members.lookup import resolve_member
from ..services.money.methods import resolve_method
from .app import CliState, echo_json, handle_errors, main, pass_state
from .imports import run_import
from .security import counter_actor, counter_command, owner_command
from .tables import echo_table

E_VALIDITY = define(
    "cli.cards.validity",
    en="Give one of --valid-days, --valid-until or --no-expiry.",
    zh="请给出 --valid-days、--valid-until 或 --no-expiry 之一。",
)
E_DATE = define(
    "cli.cards.date",
    en="“{value}” is not a date (YYYY-MM-DD).",
    zh="“{value}”不是日期（YYYY-MM-DD）。",
)
E_STAFF = define("cli.cards.staff", en="No staff member “{name}”.", zh="没有员工“{name}”。")
M_TYPE_ADDED = define(
    "cli.cards.type_added", en="Card type #{id} {name} added.", zh="已添加次卡类型 #{id} {name}。"
)
M_TYPE_RETIRED = define(
    "cli.cards.type_retired", en="Card type {name} retired.", zh="次卡类型 {name} 已停售。"
)
M_SOLD = define(
    "cli.cards.sold",
    en="Card {id} ({name}) sold for ¥{price}: {uses}; last day {expires}.",
    zh="已售出次卡 {id}（{name}）¥{price}：{uses}；到期日 {expires}。",
)
M_REFUNDED = define(
    "cli.cards.refunded", en="Card {id} refunded: ¥{refund}.", zh="次卡 {id} 已退卡：¥{refund}。"
)
M_CONFIRM = define("cli.cards.confirm", en="Refund card {id}?", zh="确认退次卡 {id}？")
M_NONE = define("cli.cards.none", en="No cards.", zh="没有次卡。")
L_NO_EXPIRY = define("cli.cards.no_expiry", en="none", zh="不限期")


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ShopError(E_DATE, value=text) from None


@main.group("card-type")
def card_type_group() -> None:
    """Card types: what the shop sells (次卡、疗程卡、套餐卡)."""


@card_type_group.command("add")
@click.argument("name")
@click.option("--price", required=True, metavar="YUAN", help="What the card costs.")
@click.option(
    "--uses",
    "uses",
    multiple=True,
    required=True,
    metavar="SERVICE:COUNT",
    help="Paid uses of a service (repeat for several services).",
)
@click.option(
    "--bonus-uses",
    "bonus",
    multiple=True,
    metavar="SERVICE:COUNT",
    help="Gifted uses (recognise ¥0).",
)
@click.option("--valid-days", type=int, default=None, help="Days from the sale (365: a year).")
@click.option("--valid-until", default=None, metavar="DATE", help="A fixed last day.")
@click.option("--no-expiry", is_flag=True, help="The card never expires.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def card_type_add(state: CliState, name: str, price: str, uses: tuple[str, ...],
                  bonus: tuple[str, ...], valid_days: int | None, valid_until: str | None,
                  no_expiry: bool, as_json: bool, actor: Actor) -> None:  # fmt: skip
    """Add a card type, e.g. card-type add 洗剪吹10次 --price 800 --uses 洗剪吹:10 --valid-days 365."""
    if sum((valid_days is not None, valid_until is not None, no_expiry)) != 1:
        raise ShopError(E_VALIDITY)
    with write_session(state.engine, actor) as scope:
        s = scope.session
        type_id = cards.create_card_type(
            s, name, price, cards.parse_uses(s, uses), bonus_uses=cards.parse_uses(s, bonus),
            valid_days=valid_days, valid_until=_date(valid_until), actor=scope.actor,
        )  # fmt: skip
        view = cards.get_card_type(s, type_id)
    if as_json:
        echo_json(type_json(view))
        return
    click.echo(translate(M_TYPE_ADDED, id=type_id, name=view.name))


@card_type_group.command("retire")
@click.argument("name")
@owner_command
@pass_state
@handle_errors
def card_type_retire(state: CliState, name: str, actor: Actor) -> None:
    """Stop selling a type (cards already sold are kept)."""
    with write_session(state.engine, actor) as scope:
        view = cards.get_card_type(scope.session, name)
        cards.set_card_type_active(scope.session, view.id, False, actor=scope.actor)
    click.echo(translate(M_TYPE_RETIRED, name=view.name))


@main.command("card-types")
@click.option("--all", "show_all", is_flag=True, help="Retired types too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def card_types_cmd(state: CliState, show_all: bool, as_json: bool) -> None:
    """The card types the shop sells."""
    with session_scope(state.engine) as session:
        views = cards.list_card_types(session, include_retired=show_all)
    if as_json:
        echo_json([type_json(v) for v in views])
        return
    echo_table(TYPE_COLUMNS, [type_row(v) for v in views])


@main.group("card")
def card_group() -> None:
    """A member's card: sell, refund."""


@card_group.command("sell")
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.argument("card_type")
@click.option(
    "--pay",
    "method",
    default="cash",
    show_default=True,
    help="cash, card, wechat, alipay, other or the shop's own.",
)
@click.option("--staff", "staff_name", default=None, help="Who sold it (commission).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@counter_command(names=("--as",))
@pass_state
@handle_errors
def card_sell(state: CliState, query: str, card_type: str, method: str,
              staff_name: str | None, as_json: bool) -> None:  # fmt: skip
    """Sell a card: money received (a liability until the uses are used)."""
    with write_session(state.engine, counter_actor(state, staff_name)) as scope:
        s = scope.session
        staff_id = None
        if staff_name:
            found = staff.staff_by_name(s, staff_name)
            if found is None:
                raise ShopError(E_STAFF, name=staff_name)
            staff_id = found.id
        view = cards.sell_card(
            s, resolve_member(s, query), card_type, method=resolve_method(s, method),
            staff_id=staff_id, actor=scope.actor,
        )  # fmt: skip
    if as_json:
        echo_json(card_json(view))
        return
    click.echo(
        translate(
            M_SOLD, id=view.id, name=view.name, price=amount_text(view.price),
            uses=view.uses_text(),
            expires=view.expires_on.isoformat() if view.expires_on else translate(L_NO_EXPIRY),
        )
    )  # fmt: skip


@card_group.command("refund")
@click.argument("card_id", type=int)
@click.option("--pay", "method", default="cash", show_default=True, help="How it is paid back.")
@click.option("--reason", required=True, help="Why (audited).")
@click.option("--yes", is_flag=True, help="Do not ask to confirm.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def card_refund(state: CliState, card_id: int, method: str, reason: str, yes: bool,
                as_json: bool, actor: Actor) -> None:  # fmt: skip
    """Refund a card: the paid part of its unused value (the formula is shown first)."""
    with session_scope(state.engine) as session:
        quote = cards.refund_quote(session, card_id)
    if not as_json:
        click.echo(quote.formula())
    if not yes and not as_json and not click.confirm(translate(M_CONFIRM, id=card_id)):
        return
    with write_session(state.engine, actor) as scope:
        done = cards.refund_card(
            scope.session, card_id, method=resolve_method(scope.session, method), reason=reason,
            actor=scope.actor,
        )  # fmt: skip
    if as_json:
        echo_json({"card_id": card_id, "refund": done.refund, "cooling_off": done.cooling_off,
                   "formula": done.formula()})  # fmt: skip
        return
    click.echo(translate(M_REFUNDED, id=card_id, refund=amount_text(done.refund)))


@main.command("cards")
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def cards_cmd(state: CliState, query: str, as_json: bool) -> None:
    """A member's cards: uses left per service (paid + gifted), last day, value left."""
    with session_scope(state.engine) as session:
        views = cards.member_cards(session, resolve_member(session, query))
    if as_json:
        echo_json([card_json(v) for v in views])
        return
    if not views:
        click.echo(translate(M_NONE))
        return
    echo_table(CARD_COLUMNS, [card_row(v) for v in views])


@main.command("import-balances")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check everything, save nothing.")
@click.option("--report", type=click.Path(dir_okay=False), help="Write each row's outcome (.xlsx).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def import_balances_cmd(state: CliState, path: str, dry_run: bool, report: str | None,
                        as_json: bool, actor: Actor) -> None:  # fmt: skip
    """Opening balances: stored value, points, card uses (template: shopcrm template balances)."""
    run_import(
        state,
        import_balances,
        path,
        dry_run=dry_run,
        report=report,
        as_json=as_json,
        actor=actor,
        outcomes=("created", "unchanged"),
        name_key="member",
    )
