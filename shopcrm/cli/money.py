"""Money from the terminal: payment methods, stored-value refunds and top-up voids, closing
and reopening months."""

from __future__ import annotations

import click

from ..db import session_scope
from ..i18n import current_language, define, translate
from ..services import wallet
from ..services.amounts import parse_amount
from ..services.auth import Actor
from ..services.members.lookup import resolve_member
from ..services.money import methods, months
from ..services.reports import parse_month
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import owner_command

L_RETIRED = define("cli.money.retired", en="retired", zh="已停用")
L_INTERNAL = define("cli.money.internal", en="internal", zh="内部")
M_ADDED = define(
    "cli.money.method_added", en="Payment method added: {code} ({name}).",
    zh="已添加付款方式：{code}（{name}）。",
)  # fmt: skip
M_RENAMED = define(
    "cli.money.method_renamed", en="{code} is now “{zh}” / “{en}”.",
    zh="{code} 现名为“{zh}”/“{en}”。",
)  # fmt: skip
M_RETIRED = define(
    "cli.money.method_retired", en="{code} retired: old payments keep it.",
    zh="{code} 已停用，历史付款仍保留。",
)  # fmt: skip
M_RESTORED = define(
    "cli.money.method_restored", en="{code} is in use again.", zh="{code} 已恢复使用。"
)
M_REFUND_QUOTE = define(
    "cli.money.refund_quote",
    en="Card: principal ¥{principal} + bonus ¥{bonus}. A refund returns principal only: "
    "¥{amount} of principal off the card, ¥{back} back by {method}.",
    zh="储值：本金 ¥{principal} + 赠送 ¥{bonus}。退款只退本金：扣除本金 ¥{amount}，"
    "以{method}退还 ¥{back}。",
)
M_REFUNDED = define(
    "cli.money.refunded",
    en="Refunded. Card now: principal ¥{principal} + bonus ¥{bonus}.",
    zh="已退款。储值现有：本金 ¥{principal} + 赠送 ¥{bonus}。",
)
M_TOPUP_VOIDED = define(
    "cli.money.topup_voided",
    en="Top-up {id} reversed; balance ¥{balance}.",
    zh="充值 {id} 已作废，余额 ¥{balance}。",
)
M_CLOSED = define(
    "cli.money.closed",
    en="{period} closed: its figures will not change.",
    zh="{period} 已结账，数据不再变化。",
)
M_REOPENED = define("cli.money.reopened", en="{period} reopened.", zh="{period} 已重新打开。")


@main.command("payment-methods")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def payment_methods(state: CliState, as_json: bool) -> None:
    """The shop's payment methods (retired ones marked)."""
    with session_scope(state.engine) as session:
        rows = methods.list_methods(session)
    if as_json:
        echo_json(
            [
                {
                    "code": m.code,
                    "name_zh": m.name_zh,
                    "name_en": m.name_en,
                    "active": m.active,
                    "internal": m.internal,
                    "sort_order": m.sort_order,
                }
                for m in rows
            ]
        )
        return
    lang = current_language()
    for m in rows:
        marks = [translate(L_RETIRED)] if not m.active else []
        marks += [translate(L_INTERNAL)] if m.internal else []
        tail = f"  [{', '.join(marks)}]" if marks else ""
        click.echo(f"{m.code:<14} {m.name(lang)}{tail}")


@main.group("payment-method")
def payment_method_group() -> None:
    """Add, rename, retire or restore a payment method."""


@payment_method_group.command("add")
@click.argument("name")
@click.option("--code", help="Short code for --pay (letters, digits, _); made from the name.")
@click.option("--en", "name_en", help="English name (default: NAME).")
@owner_command
@pass_state
@handle_errors
def method_add(
    state: CliState, name: str, code: str | None, name_en: str | None, actor: Actor
) -> None:
    """Add a method the shop takes money by, e.g. payment-method add 云闪付 --code unionpay."""
    with session_scope(state.engine, write=True) as session:
        new_code = methods.add_method(session, name, code=code, name_en=name_en, actor=actor)
    click.echo(translate(M_ADDED, code=new_code, name=name))


@payment_method_group.command("rename")
@click.argument("code")
@click.option("--zh", "name_zh", help="Chinese name.")
@click.option("--en", "name_en", help="English name.")
@click.argument("name", required=False)
@owner_command
@pass_state
@handle_errors
def method_rename(
    state: CliState,
    code: str,
    name_zh: str | None,
    name_en: str | None,
    name: str | None,
    actor: Actor,
) -> None:
    """Rename a method: payment-method rename CODE NAME (both languages) or --zh/--en."""
    if name is not None:
        name_zh = name_zh if name_zh is not None else name
        name_en = name_en if name_en is not None else name
    with session_scope(state.engine, write=True) as session:
        view = methods.rename_method(session, code, name_zh=name_zh, name_en=name_en, actor=actor)
    click.echo(translate(M_RENAMED, code=code, zh=view.name_zh, en=view.name_en))


@payment_method_group.command("retire")
@click.argument("code")
@click.option("--restore", is_flag=True, help="Bring a retired method back.")
@owner_command
@pass_state
@handle_errors
def method_retire(state: CliState, code: str, restore: bool, actor: Actor) -> None:
    """Retire a method: refused for new payments, kept on old ones."""
    with session_scope(state.engine, write=True) as session:
        methods.set_method_active(session, code, restore, actor=actor)
    click.echo(translate(M_RESTORED if restore else M_RETIRED, code=code))


@main.command("refund")
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.argument("amount")
@click.option("--pay", "method", default="cash", show_default=True, help="How money goes back.")
@click.option("--cash-back", help="Money given back when less than AMOUNT (a fee kept).")
@click.option("--reason", required=True)
@owner_command
@pass_state
@handle_errors
def refund_cmd(
    state: CliState,
    query: str,
    amount: str,
    method: str,
    cash_back: str | None,
    reason: str,
    actor: Actor,
) -> None:
    """Refund stored value: principal only (the bonus is not money the member paid)."""
    value = parse_amount(amount, allow_zero=False)
    back = parse_amount(cash_back) if cash_back else value
    with session_scope(state.engine, write=True) as session:
        member_id = resolve_member(session, query)
        code = methods.resolve_method(session, method)
        quote = wallet.refund_quote(session, member_id)
        click.echo(
            translate(
                M_REFUND_QUOTE,
                principal=wallet.money(quote.principal),
                bonus=wallet.money(quote.bonus),
                amount=wallet.money(value),
                back=wallet.money(back),
                method=methods.method_names(session).get(code, code),
            )
        )
        wallet.refund(
            session, member_id, value, cash_back=back, method=code, reason=reason, actor=actor
        )
        after = wallet.balances(session, member_id, rate=1)
    click.echo(
        translate(
            M_REFUNDED, principal=wallet.money(after.principal), bonus=wallet.money(after.bonus)
        )
    )


@main.command("void-topup")
@click.argument("entry_id", type=int)
@click.option("--reason", required=True)
@owner_command
@pass_state
@handle_errors
def void_topup_cmd(state: CliState, entry_id: int, reason: str, actor: Actor) -> None:
    """Reverse a top-up taken by mistake (its bonus too); see `balance --ledger` for ids."""
    with session_scope(state.engine, write=True) as session:
        done = wallet.void_topup(session, entry_id, reason=reason, actor=actor)
        balance = done[-1].balance_after
    click.echo(translate(M_TOPUP_VOIDED, id=entry_id, balance=wallet.money(balance)))


@main.command("close-month")
@click.argument("month_text", metavar="YYYY-MM")
@owner_command
@pass_state
@handle_errors
def close_month_cmd(state: CliState, month_text: str, actor: Actor) -> None:
    """Close a past month: its report is frozen; later changes become adjustments."""
    year, month = parse_month(month_text)
    with session_scope(state.engine, write=True) as session:
        period = months.close_month(session, year, month, actor=actor)
    click.echo(translate(M_CLOSED, period=period))


@main.command("reopen-month")
@click.argument("month_text", metavar="YYYY-MM")
@click.option("--reason", required=True)
@owner_command
@pass_state
@handle_errors
def reopen_month_cmd(state: CliState, month_text: str, reason: str, actor: Actor) -> None:
    """Reopen a closed month (audited)."""
    year, month = parse_month(month_text)
    with session_scope(state.engine, write=True) as session:
        period = months.reopen_month(session, year, month, reason, actor=actor)
    click.echo(translate(M_REOPENED, period=period))
