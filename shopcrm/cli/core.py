"""Commands every shop has from the start: demo data and database information."""

from __future__ import annotations

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import func, select

from ..db import session_scope
from ..i18n import define, translate
from ..migrate import SCHEMA_HEAD, stored_revision
from ..models import Member, Visit, WalletEntry
from ..services.demo import DemoOptions, create_demo_shop
from ..services.settings import SHOP_KINDS, get_setting
from .app import CliState, echo_json, handle_errors, main, pass_state

M_DEMO_DONE = define(
    "cli.demo_done",
    en="Demo shop ready: {members} members, {visits} visits, {lines} service lines, "
    "{wallet} stored-value and points entries in {seconds:.1f} s.",
    zh="演示店已生成：{members} 位会员，{visits} 次到店，{lines} 条服务明细，"
    "{wallet} 条储值/积分流水，用时 {seconds:.1f} 秒。",
)


@main.command()
@click.option(
    "--kind",
    type=click.Choice(SHOP_KINDS),
    default="salon",
    show_default=True,
    help="Which kind of shop to make.",
)
@click.option("--members", type=click.IntRange(1, 1_000_000), default=800, show_default=True)
@click.option(
    "--months",
    type=click.IntRange(1, 120),
    default=24,
    show_default=True,
    help="How many months of history.",
)
@click.option(
    "--visits",
    type=click.IntRange(1, 20_000_000),
    default=None,
    help="Aim for about this many visits (scales the members' cadences).",
)
@click.option("--seed", type=int, default=2026, show_default=True)
@pass_state
@handle_errors
def demo(
    state: CliState, kind: str, members: int, months: int, visits: int | None, seed: int
) -> None:
    """Fill an empty database with a realistic demo shop (refused on a database with members)."""
    options = DemoOptions(kind=kind, members=members, months=months, seed=seed, visits=visits)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True
    ) as bar:
        task = bar.add_task("demo", total=1.0)
        summary = create_demo_shop(
            state.engine,
            options,
            progress=lambda fraction, message: bar.update(
                task, completed=fraction, description=message
            ),
        )
    from ..services import hooks

    hooks.after_demo(state.engine)
    click.echo(
        translate(
            M_DEMO_DONE,
            members=summary.members,
            visits=summary.visits,
            lines=summary.lines,
            wallet=summary.wallet_entries,
            seconds=summary.seconds,
        )
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def info(state: CliState, as_json: bool) -> None:
    """Where the database is, its schema version and what it holds."""
    engine = state.engine
    with session_scope(engine) as session:
        figures = {
            "database": engine.url.render_as_string(hide_password=True),
            "schema": stored_revision(engine),
            "schema_head": SCHEMA_HEAD,
            "shop": get_setting(session, "shop.name"),
            "kind": get_setting(session, "shop.kind"),
            "members": session.scalar(select(func.count()).select_from(Member)),
            "visits": session.scalar(select(func.count()).select_from(Visit)),
            "wallet_entries": session.scalar(select(func.count()).select_from(WalletEntry)),
        }
    from ..services.files import network_share_warning

    warning = network_share_warning(engine)
    figures["network_share"] = warning.message() if warning else None
    if as_json:
        echo_json(figures)
        return
    for key, value in figures.items():
        if key != "network_share":
            click.echo(f"{key:>15}: {value}")
    if warning is not None:
        click.echo(warning.message(), err=True)
