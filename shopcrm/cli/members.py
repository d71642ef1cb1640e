"""Member commands: find, show, add, archive/restore, merge, import and export."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ..db import session_scope
from ..i18n import ShopError, current_language, define, join_list, translate
from ..services.auth import Actor
from ..services.birthdays import format_birthday
from ..services.boundary import write_session
from ..services.members import (
    ImportReportWriter,
    MemberForm,
    archive_member,
    create_member,
    export_members,
    get_member,
    import_members,
    merge_members,
    profile_fields,
    restore_member,
    search_members,
)
from ..services.members.columns import CARD_LINES, GENDER_WORDS, STATUS_WORDS
from .app import CliState, echo_json, handle_errors, main, pass_state
from .find import M_NONE, _jsonable
from .security import counter_actor, counter_command, owner_command
from .tables import cell_len, pad

if TYPE_CHECKING:
    from rich.progress import Progress

M_MANY = define(
    "cli.members.many",
    en="{count} members match “{query}”; be more precise:",
    zh="有 {count} 位会员匹配“{query}”，请输入更精确的内容：",
)
M_ADDED = define(
    "cli.members.added", en="Member #{id} added: {name}", zh="已添加会员 #{id}：{name}"
)
M_ARCHIVED = define("cli.members.archived", en="Member #{id} archived.", zh="会员 #{id} 已归档。")
M_RESTORED = define("cli.members.restored", en="Member #{id} restored.", zh="会员 #{id} 已恢复。")
M_MERGED = define(
    "cli.members.merged",
    en="Member #{other} merged into #{keep}: {visits} visits and {followups} "
    "follow-ups moved{balances}.",
    zh="会员 #{other} 已合并到 #{keep}：转移 {visits} 次到店、{followups} 条回访{balances}。",
)
M_EXPORTED = define(
    "cli.members.exported",
    en="{count} members written to {path}.",
    zh="已将 {count} 位会员写入 {path}。",
)
M_REPORT = define("cli.members.report", en="Row-by-row report: {path}", zh="逐行导入结果：{path}")
M_IGNORED = define(
    "cli.members.ignored", en="Columns not imported: {columns}", zh="未导入的列：{columns}"
)
M_MORE = define(
    "cli.members.more",
    en="... and {count} more rejected rows (see --report).",
    zh="…另有 {count} 行未导入（详见 --report）。",
)


def _lang() -> str:
    return current_language()


def _resolve(session: Any, ident: str) -> int:
    if ident.isdigit() and len(ident) <= 9:
        return int(ident)
    hits = search_members(session, ident, limit=10, include_archived=True)
    if not hits:
        raise ShopError(M_NONE, query=ident)
    best = [h for h in hits if h.match == hits[0].match]
    if len(best) > 1:
        click.echo(translate(M_MANY, count=len(best), query=ident), err=True)
        for h in best:
            click.echo(f"  #{h.id} {h.name} {h.phone}", err=True)
        sys.exit(1)
    return hits[0].id


@main.group()
def member() -> None:
    """Show, add, archive, restore and merge members."""


@member.command("show")
@click.argument("ident", metavar="ID_OR_QUERY")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def show(state: CliState, ident: str, as_json: bool) -> None:
    """Show one member's card (by id, phone, card number or name)."""
    with session_scope(state.engine) as session:
        card = get_member(session, _resolve(session, ident))
        specs = {s.key: s for s in profile_fields(session, include_inactive=True)}
    if as_json:
        echo_json(_jsonable(card))
        return
    lang = _lang()
    values = {
        "name": f"{card.name}  (#{card.id})",
        "phone": card.phone_display,
        "card_no": card.card_no or "",
        "gender": translate(GENDER_WORDS[card.gender], lang) if card.gender else "",
        "birthday": format_birthday(card.birthday, lang),
        "level": card.level,
        "join_date": card.join_date.isoformat(),
        "source": card.source,
        "referred_by": (
            f"{card.referred_by_name} #{card.referred_by_id}" if card.referred_by_id else ""
        ),
        "tags": join_list(card.tags, lang),
        "notes": card.notes,
        "consent": "√" if card.consent_marketing else "×",  # both exist in GBK
        "status": translate(STATUS_WORDS.get(card.status, card.status), lang)
        + (f" → #{card.merged_into_id}" if card.merged_into_id else ""),
        "visits": str(card.visit_count),
        "last_visit": card.last_visit_on.isoformat() if card.last_visit_on else "",
        "spend": f"{card.lifetime_spend:.2f}",
    }
    rows = [(line.header(lang), values[line.key]) for line in CARD_LINES]
    for key, value in card.profile.items():
        spec = specs.get(key)
        rows.append((spec.label(lang) if spec else key, str(value)))
    width = max(cell_len(label) for label, value in rows if value)
    for label, value in rows:
        if value:
            click.echo(f"{pad(label, width, right=True)}: {value}")


@member.command("add")
@click.option("--name", required=True)
@click.option("--phone")
@click.option("--birthday", help="1990-05-01, 5月1日, 农历八月十五 ...")
@click.option("--card", "card_no")
@click.option("--gender", default="")
@click.option("--level", default="")
@click.option("--tag", "tags", multiple=True)
@click.option("--notes", default="")
@counter_command
@pass_state
@handle_errors
def add(
    state: CliState,
    name: str,
    phone: str | None,
    birthday: str | None,
    card_no: str | None,
    gender: str,
    level: str,
    tags: tuple[str, ...],
    notes: str,
) -> None:
    """Add a member."""
    form = MemberForm(
        name=name,
        phone=phone,
        birthday=birthday,
        card_no=card_no,
        gender=gender,
        level=level,
        tags=tags,
        notes=notes,
    )
    with write_session(state.engine, counter_actor(state)) as scope:
        member_id = create_member(scope.session, form, actor=scope.actor)
    click.echo(translate(M_ADDED, id=member_id, name=name))


@member.command("archive")
@click.argument("member_id", type=int)
@counter_command
@pass_state
@handle_errors
def archive(state: CliState, member_id: int) -> None:
    """Archive a member (kept, hidden from search)."""
    with write_session(state.engine, counter_actor(state)) as scope:
        archive_member(scope.session, member_id, actor=scope.actor)
    click.echo(translate(M_ARCHIVED, id=member_id))


@member.command("restore")
@click.argument("member_id", type=int)
@counter_command
@pass_state
@handle_errors
def restore(state: CliState, member_id: int) -> None:
    """Make an archived member active again."""
    with write_session(state.engine, counter_actor(state)) as scope:
        restore_member(scope.session, member_id, actor=scope.actor)
    click.echo(translate(M_RESTORED, id=member_id))


@member.command("merge")
@click.argument("keep_id", type=int)
@click.argument("other_id", type=int)
@owner_command
@pass_state
@handle_errors
def merge(state: CliState, keep_id: int, other_id: int, actor: Actor) -> None:
    """Merge member OTHER_ID into KEEP_ID (visits, balances, history move)."""
    with write_session(state.engine, actor) as scope:
        result = merge_members(scope.session, keep_id, other_id, actor=scope.actor)
    balances = "".join(f", {k} {v}" for k, v in result.balances_moved.items())
    click.echo(
        translate(
            M_MERGED,
            keep=keep_id,
            other=other_id,
            visits=result.visits_moved,
            followups=result.followups_moved,
            balances=balances,
        )
    )


def _bar() -> Progress:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True
    )


@main.command("import-members")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Write the fate of every row to this .xlsx file.",
)
@click.option("--dry-run", is_flag=True, help="Check the file and count; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@counter_command
@pass_state
@handle_errors
def import_members_cmd(
    state: CliState, file: str, report_path: str | None, dry_run: bool, as_json: bool
) -> None:
    """Import members from an Excel (.xlsx) or CSV file."""
    lang = _lang()
    writer = ImportReportWriter(report_path, lang) if report_path else None
    actor = counter_actor(state)
    with _bar() as bar, write_session(state.engine, actor) as scope:
        task = bar.add_task(file, total=1.0)
        result = import_members(
            scope.session,
            file,
            dry_run=dry_run,
            lang=lang,
            actor=scope.actor,
            on_row=writer.add if writer else None,
            progress=lambda f, m: bar.update(task, completed=f),
        )
    if writer:
        writer.close(result.warnings)
    if as_json:
        echo_json(_jsonable(result))
        return
    click.echo(result.summary(lang))
    if result.ignored_columns:
        click.echo(translate(M_IGNORED, columns=", ".join(result.ignored_columns)))
    for outcome in (*result.rejected_rows[:20], *result.warnings[:20]):
        click.echo(
            f"  {outcome.row:>6}  {outcome.name or '-'}  {outcome.phone or '-'}  {outcome.reason}"
        )
    if len(result.rejected_rows) > 20:
        click.echo(translate(M_MORE, count=len(result.rejected_rows) - 20))
    if writer:
        click.echo(translate(M_REPORT, path=report_path))


@main.command("export-members")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--active-only", is_flag=True, help="Leave out archived members.")
@owner_command
@pass_state
@handle_errors
def export_members_cmd(state: CliState, file: str, active_only: bool, actor: Actor) -> None:
    """Export the member list to an Excel file that import-members reads back."""
    with _bar() as bar, session_scope(state.engine) as session:
        task = bar.add_task(file, total=1.0)
        count = export_members(
            session,
            file,
            lang=_lang(),
            include_archived=not active_only,
            actor=actor,
            progress=lambda f, m: bar.update(task, completed=f),
        )
    click.echo(translate(M_EXPORTED, count=count, path=file))
