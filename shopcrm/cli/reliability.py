"""Backups, restore, integrity checks, staff PINs and roles, audit log, members' privacy."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from ..db import make_engine, session_scope
from ..i18n import ShopError, current_language, define, translate
from ..services import backup as backups
from ..services.audit import audit_entries, export_audit
from ..services.audit_words import audit_sentences
from ..services.auth import ROLE_STAFF, ROLES, Actor, add_staff, set_pin, set_roles_enabled
from ..services.boundary import write_session
from ..services.integrity import integrity_check, quick_check
from ..services.privacy import (
    M_PURGE_PENDING,
    erase_member,
    export_member_data,
    purge_freed_space,
)
from ..services.restore import (
    M_FACTS,
    M_TYPE_SHOP,
    backup_facts,
    current_shop_name,
    other_shop,
)
from ..services.restore import restore as restore_backup
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import owner_actor, owner_command

M_BACKUP_DONE = define(
    "cli.backup_done",
    en="Backup written: {path} ({size_kb} KB).",
    zh="备份已写入：{path}（{size_kb} KB）。",
)
M_RESTORE_ASK = define(
    "cli.restore_ask",
    en="Replace the shop's database {database} with the backup {path}? The current database "
    "is kept aside.",
    zh="用备份 {path} 替换本店数据库 {database}？当前数据库会另存保留。",
)
M_RESTORE_DONE = define(
    "cli.restore_done",
    en="Restored {path}: {members} members, {visits} visits. The previous database is kept "
    "as {aside}.",
    zh="已恢复 {path}：{members} 位会员，{visits} 次到店。原数据库另存为 {aside}。",
)
E_CONFIRM = define(
    "cli.confirm_needed",
    en="Add --yes to confirm (no terminal to ask in).",
    zh="请加 --yes 确认（当前无法交互询问）。",
)
M_CANCELLED = define(
    "cli.cancelled", en="Cancelled; nothing was changed.", zh="已取消，未做任何更改。"
)
M_UNREADABLE = define(
    "cli.db_unreadable",
    en="The current database cannot be opened ({detail}); restoring without the PIN check.",
    zh="当前数据库无法打开（{detail}），恢复时不检查 PIN 码。",
)
M_PIN_SET = define("cli.pin_set", en="PIN set for {name}.", zh="已为 {name} 设置 PIN 码。")
M_NEW_PIN = define("cli.new_pin", en="New PIN for {name}", zh="{name} 的新 PIN 码")
M_ROLES = define("cli.roles", en="Roles are {state}.", zh="角色已{state}。")
ROLE_WORDS = {
    True: define("cli.roles.on", en="on", zh="启用"),
    False: define("cli.roles.off", en="off", zh="关闭"),
}
M_EXPORTED = define(
    "cli.exported", en="Wrote {count} rows to {path}.", zh="已将 {count} 行写入 {path}。"
)
M_MEMBER_EXPORTED = define(
    "cli.member_exported",
    en="Wrote member #{id}'s data to {path}.",
    zh="已将会员 #{id} 的数据写入 {path}。",
)
M_ERASE_ASK = define(
    "cli.erase_ask",
    en="Erase member #{id}'s personal data for good? Sales stay, anonymous.",
    zh="永久删除会员 #{id} 的个人数据？消费记录将匿名保留。",
)
M_ERASED = define(
    "cli.erased",
    en="Member #{id} erased: {visits} visits ({sales}) and {wallet} stored-value and points entries kept "
    "anonymous, {followups} follow-ups closed, {audit} audit entries scrubbed.",
    zh="会员 #{id} 已删除：{visits} 次到店（{sales}）与 {wallet} 条储值流水匿名保留，"
    "关闭 {followups} 条回访，清理 {audit} 条日志。",
)


def _confirm(yes: bool, msg_id: str, **params: object) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise ShopError(E_CONFIRM)
    if not click.confirm(translate(msg_id, **params)):
        click.echo(translate(M_CANCELLED))
        sys.exit(1)


@main.command()
@click.option(
    "--to",
    "folder",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder to write into (default: the backup folder setting).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def backup(state: CliState, folder: Path | None, as_json: bool, actor: Actor) -> None:
    """Back the shop up now (SQLite; PostgreSQL: use pg_dump)."""
    info = backups.backup_now(state.engine, folder, actor=actor)
    if as_json:
        echo_json(
            {
                "path": str(info.path),
                "size": info.size,
                "revision": info.revision,
                "created_at": info.created_at.isoformat(),
            }
        )
        return
    click.echo(translate(M_BACKUP_DONE, path=info.path, size_kb=info.size // 1024))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option(
    "--shop",
    "shop",
    default=None,
    metavar="NAME",
    help="The backup's shop name, to restore a backup of another shop.",
)
@click.option(
    "--pin",
    envvar="SHOPCRM_PIN",
    default=None,
    metavar="PIN",
    help="Owner's PIN when roles are on (or SHOPCRM_PIN).",
)
@pass_state
@handle_errors
def restore(state: CliState, path: Path, yes: bool, shop: str | None, pin: str | None) -> None:
    """Restore a backup (checked first; the current database is kept aside)."""
    actor: Actor | None
    try:
        actor = owner_actor(state, pin)
    except ShopError:
        raise
    except Exception as exc:  # a damaged database is the usual reason to restore
        click.echo(translate(M_UNREADABLE, detail=str(exc)[:200]), err=True)
        actor = None
    if state._engine is not None:
        state._engine.dispose()
    facts = backup_facts(path)
    current = current_shop_name(state.db_url)
    if not yes and sys.stdin.isatty():  # what is about to be put in place, before the question
        click.echo(
            translate(
                M_FACTS,
                shop=facts.shop_name or "-",
                when=facts.when,
                members=facts.members,
                visits=facts.visits,
            )
        )
    if other_shop(facts, current) and shop is None and sys.stdin.isatty():
        shop = click.prompt(
            translate(M_TYPE_SHOP, backup_shop=facts.shop_name, current_shop=current),
            default="",
            show_default=False,
            prompt_suffix=" ",
        )
    if not other_shop(facts, current):  # for another shop, its typed name is the confirmation
        _confirm(yes, M_RESTORE_ASK, database=state.db_url, path=path)
    result = restore_backup(state.db_url, path, actor=actor, shop=shop)
    click.echo(
        translate(
            M_RESTORE_DONE,
            path=result.restored_from,
            members=result.members,
            visits=result.visits,
            aside=result.kept_aside or "-",
        )
    )


@main.command()
@click.option("--full", is_flag=True, help="Full integrity check (slower) instead of quick.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def check(state: CliState, full: bool, as_json: bool) -> None:
    """Check the database file's integrity (exit status 1 when damaged)."""
    engine = make_engine(state.db_url)  # no upgrade: a damaged file must still be checked
    try:
        result = integrity_check(engine) if full else quick_check(engine)
    finally:
        engine.dispose()
    if as_json:
        echo_json(
            {
                "ok": result.ok,
                "kind": result.kind,
                "read_only": result.read_only,
                "problems": list(result.problems),
                "latest_backup": str(result.latest_backup or "") or None,
                "message": result.message(),
            }
        )
    else:
        click.echo(result.message())
    if not result.ok:
        sys.exit(1)


@main.command("staff-pin")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default=None,
    help="Add the staff member with this role when not there yet.",
)
@click.option(
    "--new-pin",
    envvar="SHOPCRM_NEW_PIN",
    default=None,
    metavar="PIN",
    help="The new PIN (or SHOPCRM_NEW_PIN; asked, hidden, if omitted).",
)
@owner_command
@pass_state
@handle_errors
def staff_pin(
    state: CliState, name: str, role: str | None, new_pin: str | None, actor: Actor
) -> None:
    """Set a staff member's PIN (the first owner's PIN needs no login)."""
    from sqlalchemy import select

    from ..models import Staff

    if new_pin is None:
        if not sys.stdin.isatty():
            raise ShopError(E_CONFIRM)
        new_pin = click.prompt(
            translate(M_NEW_PIN, name=name), hide_input=True, confirmation_prompt=True
        )
    with write_session(state.engine, actor) as scope:
        session = scope.session
        staff_id = session.scalar(select(Staff.id).where(Staff.name == name.strip()))
        if staff_id is None:
            staff_id = add_staff(session, name, role or ROLE_STAFF, actor=scope.actor)
        set_pin(session, staff_id, new_pin, actor=scope.actor)
    click.echo(translate(M_PIN_SET, name=name.strip()))


@main.command()
@click.argument("switch", type=click.Choice(["on", "off"]))
@click.option(
    "--short-staff-pins",
    type=click.Choice(["allow", "refuse"]),
    default=None,
    help="Allow four-digit PINs for staff (never for the owner), or refuse them again.",
)
@owner_command
@pass_state
@handle_errors
def roles(state: CliState, switch: str, short_staff_pins: str | None, actor: Actor) -> None:
    """Switch roles on (PINs at the counter) or off (everyone acts as the owner)."""
    from ..services.auth import SETTING_SHORT_STAFF_PINS
    from ..services.settings import change_setting

    enabled = switch == "on"
    with write_session(state.engine, actor) as scope:
        set_roles_enabled(scope.session, enabled, actor=scope.actor)
        if short_staff_pins is not None:
            change_setting(scope.session, SETTING_SHORT_STAFF_PINS,
                           short_staff_pins == "allow", actor=scope.actor)
    click.echo(translate(M_ROLES, state=translate(ROLE_WORDS[enabled])))


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2025-03-31") from exc


@main.command()
@click.option("--entity", default=None, help="member, visit, wallet, setting, staff ...")
@click.option("--since", default=None, help="First day (YYYY-MM-DD).")
@click.option("--until", default=None, help="Last day (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to .xlsx, .csv or .json instead of printing.",
)
@owner_command
@pass_state
@handle_errors
def audit(
    state: CliState,
    entity: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
    output: Path | None,
    actor: Actor,
) -> None:
    """Show or export the audit log (who changed what and when)."""
    first, last = _day(since), _day(until)
    with session_scope(state.engine) as session:
        if output is not None:
            count = export_audit(
                session,
                output,
                actor=actor,
                entity=entity,
                since=first,
                until=last,
                limit=limit,
                lang=current_language(),
            )
            click.echo(translate(M_EXPORTED, count=count, path=output))
            return
        rows = audit_entries(
            session, actor=actor, entity=entity, since=first, until=last, limit=limit
        )
        lines = audit_sentences(session, rows)
    if as_json:
        echo_json(
            [
                {
                    "id": r.id,
                    "created_at": r.created_at.isoformat(),
                    "actor": r.actor,
                    "entity": r.entity,
                    "entity_id": r.entity_id,
                    "action": r.action,
                    "detail": r.detail,
                    "sentence": line.sentence,
                }
                for r, line in zip(rows, lines, strict=True)
            ]
        )
        return
    for line in lines:
        click.echo(f"{line.created_at:%Y-%m-%d %H:%M}  {line.sentence}")


@main.command("member-export")
@click.argument("member_id", type=int)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="A .json or .xlsx file."
)
@owner_command
@pass_state
@handle_errors
def member_export(state: CliState, member_id: int, output: Path, actor: Actor) -> None:
    """Export everything held on one member (a member's request for their data)."""
    with write_session(state.engine, actor) as scope:
        export_member_data(scope.session, member_id, output, actor=scope.actor)
    click.echo(translate(M_MEMBER_EXPORTED, id=member_id, path=output))


@main.command("member-erase")
@click.argument("member_id", type=int)
@click.option("--reason", required=True, help="Why (e.g. 'member asked on 3 May').")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@owner_command
@pass_state
@handle_errors
def member_erase(state: CliState, member_id: int, reason: str, yes: bool, actor: Actor) -> None:
    """Erase one member's personal data on request; sales stay, anonymous."""
    _confirm(yes, M_ERASE_ASK, id=member_id)
    with write_session(state.engine, actor) as scope:
        result = erase_member(scope.session, member_id, actor=scope.actor, reason=reason)
    purged = purge_freed_space(state.engine)
    click.echo(
        translate(
            M_ERASED,
            id=result.member_id,
            visits=result.visits_kept,
            sales=result.sales_kept,
            wallet=result.wallet_entries_kept,
            followups=result.followups_closed,
            audit=result.audit_rows_scrubbed,
        )
    )
    if not purged:
        click.echo(translate(M_PURGE_PENDING))
