"""Member levels and top-up offers from the terminal.

``shopcrm level add 金卡 --discount 0.88 --category 剪发 --discount 0.9 --upgrade-spend 2000``:
the first ``--discount`` (before any ``--category``) is the level's default; each
``--category C`` takes the ``--discount`` that follows it. ``--category-discount C:0.9`` is
the same pair in one option. ``shopcrm levels``, ``shopcrm level lock|set|history``,
``shopcrm offer add --topup 1000 --bonus 150 [--level L]``, ``shopcrm offers``.
"""

from __future__ import annotations

from typing import Any

import click

from ..db import session_scope
from ..i18n import ShopError, define, translate
from ..models.level import UPGRADE_NONE, UPGRADE_SINGLE, UPGRADE_SPEND, UPGRADE_TOPUP
from ..services import levels
from ..services.amounts import amount_text
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.levels.columns import (
    HISTORY_COLUMNS,
    LEVEL_COLUMNS,
    OFFER_COLUMNS,
    level_row,
)
from ..services.members.lookup import resolve_member
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import counter_actor, owner_command
from .tables import echo_table

E_PAIRS = define(
    "cli.levels.pairs",
    en="Each --category needs a --discount after it (or use --category-discount C:0.9).",
    zh="每个 --category 后面都需要一个 --discount（或使用 --category-discount 类别:0.9）。",
)
E_TWO_DEFAULTS = define(
    "cli.levels.two_defaults",
    en="Give the default --discount once, before any --category.",
    zh="默认 --discount 只能给一次，且放在所有 --category 之前。",
)
E_ONE_RULE = define(
    "cli.levels.one_rule",
    en="Give one upgrade rule: --upgrade-topup, --upgrade-spend or --upgrade-single.",
    zh="只能给一个升级条件：--upgrade-topup、--upgrade-spend 或 --upgrade-single。",
)
E_PAIR_FORM = define(
    "cli.levels.pair_form",
    en="“{value}” is not CATEGORY:DISCOUNT (e.g. 剪发:0.9).",
    zh="“{value}”不是“类别:折扣”格式（例如 剪发:0.9）。",
)
M_ADDED = define(
    "cli.levels.added", en="Level #{id} {name} added.", zh="已添加会员等级 #{id} {name}。"
)
M_SAVED = define("cli.levels.saved", en="Level {name} saved.", zh="已保存会员等级 {name}。")
M_LOCKED = define(
    "cli.levels.locked", en="{member} is locked at {level}.", zh="{member} 已锁定在 {level}。"
)
M_SET = define("cli.levels.set", en="{member} is now {level}.", zh="{member} 现为 {level}。")
M_OFFER = define(
    "cli.levels.offer_added",
    en="Offer #{id}: top up ¥{topup}, get ¥{bonus}.",
    zh="充值赠送 #{id}：充 ¥{topup} 送 ¥{bonus}。",
)
M_OFFER_RETIRED = define(
    "cli.levels.offer_retired", en="Offer #{id} retired.", zh="充值赠送 #{id} 已停用。"
)
M_DOWNGRADES = define(
    "cli.levels.downgrades", en="{n} member(s) stepped down.", zh="{n} 位会员已降级。"
)
L_NONE = define("cli.levels.none", en="(none)", zh="（无）")


class PairedDiscounts(click.Command):
    """Reads the raw arguments in order so `--category C --discount D` pairs survive
    (click collects repeated options per name and loses their order)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        default: str | None = None
        pairs: list[tuple[str, str]] = []
        pending: str | None = None
        bad = False
        i = 0
        while i < len(args):
            arg, value = args[i], args[i + 1] if i + 1 < len(args) else None
            if "=" in arg and arg.startswith("--"):
                arg, value = arg.split("=", 1)
                step = 1
            else:
                step = 2
            if arg == "--category" and value is not None:
                bad = bad or pending is not None
                pending = value
            elif arg == "--discount" and value is not None:
                if pending is not None:
                    pairs.append((pending, value))
                    pending = None
                elif default is None and not pairs:
                    default = value
                else:
                    ctx.meta["levels.error"] = E_TWO_DEFAULTS
            else:
                step = 1
            i += step
        if bad or pending is not None:
            ctx.meta["levels.error"] = E_PAIRS
        ctx.meta["levels.default"] = default
        ctx.meta["levels.pairs"] = pairs
        return super().parse_args(ctx, args)


def _discounts(ctx: click.Context, extra: tuple[str, ...]) -> tuple[str | None, dict[str, str]]:
    error = ctx.meta.get("levels.error")
    if error:
        raise ShopError(error)
    found = dict(ctx.meta.get("levels.pairs", []))
    for spec in extra:
        cat, sep, rate = spec.rpartition(":")
        if not sep or not cat.strip() or not rate.strip():
            raise ShopError(E_PAIR_FORM, value=spec)
        found[cat.strip()] = rate.strip()
    return ctx.meta.get("levels.default"), found


def _rule(
    topup: str | None, spend: str | None, single: str | None
) -> tuple[str | None, str | None]:
    given = [(k, v) for k, v in (
        (UPGRADE_TOPUP, topup), (UPGRADE_SPEND, spend), (UPGRADE_SINGLE, single)
    ) if v is not None]  # fmt: skip
    if len(given) > 1:
        raise ShopError(E_ONE_RULE)
    return given[0] if given else (None, None)


def _level_options(func: Any) -> Any:
    for option in reversed(
        [
            click.option("--discount", multiple=True, metavar="RATE",
                         help="Default rate (0.88, 8.8折, 88%); after --category C: that category's."),
            click.option("--category", multiple=True, metavar="C", help="A service category."),
            click.option("--category-discount", "category_discount", multiple=True,
                         metavar="C:RATE", help="A category's rate in one option, e.g. 剪发:0.9."),
            click.option("--upgrade-topup", metavar="YUAN", help="Reached by cumulative top-ups."),
            click.option("--upgrade-spend", metavar="YUAN",
                         help="Reached by cumulative spend (bonus money excluded)."),
            click.option("--upgrade-single", metavar="YUAN", help="Reached by one top-up of this."),
            click.option("--window-days", type=click.IntRange(1, 3660),
                         help="Count top-ups/spend within this many days."),
            click.option("--downgrade/--no-downgrade", default=None,
                         help="Step down at the window's end if the rule is no longer met."),
            click.option("--points-rate", metavar="R", help="Points multiplier, e.g. 1.5."),
        ]
    ):  # fmt: skip
        func = option(func)
    return func


@main.group("level")
def level_group() -> None:
    """Add and edit member levels; set, lock or show a member's level."""


@level_group.command("add", cls=PairedDiscounts)
@click.argument("name")
@_level_options
@owner_command
@pass_state
@handle_errors
def level_add(state: CliState, name: str, category_discount: tuple[str, ...],
              upgrade_topup: str | None, upgrade_spend: str | None, upgrade_single: str | None,
              window_days: int | None, downgrade: bool | None, points_rate: str | None,
              actor: Actor, **_: Any) -> None:  # fmt: skip
    """Add a level at the top, e.g. level add 金卡 --discount 0.88 --upgrade-spend 2000."""
    default, per_cat = _discounts(click.get_current_context(), category_discount)
    kind, amount = _rule(upgrade_topup, upgrade_spend, upgrade_single)
    with write_session(state.engine, actor) as scope:
        level_id = levels.create_level(
            scope.session, name, discount=default or "1", category_discounts=per_cat,
            points_rate=points_rate or "1", upgrade_kind=kind or UPGRADE_NONE,
            upgrade_amount=amount, window_days=window_days, downgrade=bool(downgrade),
            actor=scope.actor,
        )  # fmt: skip
    click.echo(translate(M_ADDED, id=level_id, name=name.strip()))


@level_group.command("edit", cls=PairedDiscounts)
@click.argument("level")
@click.option("--name", "new_name", help="New name (members' labels follow).")
@_level_options
@owner_command
@pass_state
@handle_errors
def level_edit(state: CliState, level: str, new_name: str | None, category_discount: tuple[str, ...],
               upgrade_topup: str | None, upgrade_spend: str | None, upgrade_single: str | None,
               window_days: int | None, downgrade: bool | None, points_rate: str | None,
               actor: Actor, **_: Any) -> None:  # fmt: skip
    """Change a level: its discounts, rule, window, points rate or name."""
    default, per_cat = _discounts(click.get_current_context(), category_discount)
    kind, amount = _rule(upgrade_topup, upgrade_spend, upgrade_single)
    changes: dict[str, Any] = {}
    if window_days is not None:
        changes["window_days"] = window_days
    with write_session(state.engine, actor) as scope:
        levels.update_level(
            scope.session, level, name=new_name, discount=default,
            category_discounts=dict(per_cat), points_rate=points_rate, upgrade_kind=kind,
            upgrade_amount=amount, downgrade=downgrade, actor=scope.actor, **changes,
        )  # fmt: skip
    click.echo(translate(M_SAVED, name=new_name or level))


@main.command("levels")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def levels_list(state: CliState, as_json: bool) -> None:
    """The shop's levels, lowest first, with discounts, rules and members."""
    with session_scope(state.engine) as session:
        views = levels.list_levels(session)
    if as_json:
        echo_json([
            {
                "id": v.id, "name": v.name, "rank": v.rank, "discount": str(v.discount),
                "category_discounts": {c: str(r) for c, r in v.category_discounts},
                "points_rate": str(v.points_rate), "upgrade_kind": v.upgrade_kind,
                "upgrade_amount": v.upgrade_amount, "window_days": v.window_days,
                "downgrade": v.downgrade, "members": v.members,
            }
            for v in views
        ])  # fmt: skip
        return
    echo_table(LEVEL_COLUMNS, [level_row(v) for v in views])


@level_group.command("lock")
@click.argument("member")
@click.argument("level")
@pass_state
@handle_errors
def level_lock(state: CliState, member: str, level: str) -> None:
    """Hold MEMBER (phone, card or #id) at LEVEL: no rule, refund or downgrade moves them."""
    with write_session(state.engine, counter_actor(state)) as scope:
        member_id = resolve_member(scope.session, member)
        levels.lock_member(scope.session, member_id, level, actor=scope.actor)
    click.echo(translate(M_LOCKED, member=member, level=level))


@level_group.command("set")
@click.argument("member")
@click.argument("level")
@click.option("--note", default="", help="Why (kept in the member's level history).")
@click.option("--unlock", is_flag=True, help="Also remove a lock.")
@pass_state
@handle_errors
def level_set(state: CliState, member: str, level: str, note: str, unlock: bool) -> None:
    """Set MEMBER's level by hand (LEVEL "" for none)."""
    with write_session(state.engine, counter_actor(state)) as scope:
        member_id = resolve_member(scope.session, member)
        levels.set_member_level(
            scope.session, member_id, level or None, note=note,
            lock=False if unlock else None, actor=scope.actor,
        )  # fmt: skip
    click.echo(translate(M_SET, member=member, level=level or translate(L_NONE)))


@level_group.command("history")
@click.argument("member")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def level_history(state: CliState, member: str, as_json: bool) -> None:
    """A member's level changes, newest first, with their reasons."""
    with session_scope(state.engine) as session:
        rows = levels.level_history(session, resolve_member(session, member))
    if as_json:
        echo_json([
            {"when": r.changed_at, "from": r.from_level, "to": r.to_level, "reason": r.reason,
             "staff": r.staff, "visit_id": r.visit_id}
            for r in rows
        ])  # fmt: skip
        return
    echo_table(
        HISTORY_COLUMNS,
        [
            {"when": f"{r.changed_at:%Y-%m-%d %H:%M}", "from": r.from_level or "—",
             "to": r.to_level or "—", "reason": r.reason, "staff": r.staff}
            for r in rows
        ],
    )  # fmt: skip


@level_group.command("downgrades")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def level_downgrades(state: CliState, as_json: bool, actor: Actor) -> None:
    """Step down members whose window ended without meeting their level's rule (also run by
    itself once a day when the shop is opened)."""
    with write_session(state.engine, actor) as scope:
        moved = levels.run_daily_downgrades(scope.session, actor=scope.actor, force=True) or []
    if as_json:
        echo_json({"moved": moved})
        return
    click.echo(translate(M_DOWNGRADES, n=len(moved)))


@main.group("offer")
def offer_group() -> None:
    """Top-up offers (充值赠送)."""


@offer_group.command("add")
@click.option("--topup", required=True, metavar="YUAN", help="Top-ups of at least this...")
@click.option("--bonus", required=True, metavar="YUAN", help="...get this bonus.")
@click.option("--level", default=None, help="...and are raised to this level.")
@owner_command
@pass_state
@handle_errors
def offer_add(state: CliState, topup: str, bonus: str, level: str | None, actor: Actor) -> None:
    """Add a tier, e.g. offer add --topup 1000 --bonus 150."""
    with write_session(state.engine, actor) as scope:
        offer_id = levels.create_offer(scope.session, topup, bonus, level=level, actor=scope.actor)
        view = next(o for o in levels.list_offers(scope.session) if o.id == offer_id)
    click.echo(
        translate(
            M_OFFER, id=offer_id, topup=amount_text(view.topup), bonus=amount_text(view.bonus)
        )
    )


@offer_group.command("retire")
@click.argument("offer_id", type=int)
@owner_command
@pass_state
@handle_errors
def offer_retire(state: CliState, offer_id: int, actor: Actor) -> None:
    """Stop offering a tier (top-ups already made keep their bonus)."""
    with write_session(state.engine, actor) as scope:
        levels.set_offer_active(scope.session, offer_id, False, actor=scope.actor)
    click.echo(translate(M_OFFER_RETIRED, id=offer_id))


@main.command("offers")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def offers_list(state: CliState, as_json: bool) -> None:
    """The top-up offers, smallest first."""
    with session_scope(state.engine) as session:
        views = levels.list_offers(session)
    if as_json:
        echo_json([
            {"id": o.id, "topup": o.topup, "bonus": o.bonus, "level": o.level or None}
            for o in views
        ])  # fmt: skip
        return
    echo_table(
        OFFER_COLUMNS,
        [{"topup": amount_text(o.topup), "bonus": amount_text(o.bonus), "level": o.level or "—"}
         for o in views],
    )  # fmt: skip
