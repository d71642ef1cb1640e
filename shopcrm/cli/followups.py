"""Follow-up commands: the day's list, recording outcomes, and the rules."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

import click
from sqlalchemy.orm import Session

from .. import clock
from ..db import session_scope
from ..i18n import ShopError, current_language, define, translate
from ..services.auth import SYSTEM
from ..services.boundary import write_session
from ..services.followups import (
    ACTIONS,
    CHANNELS,
    DUE_COLUMNS,
    RULE_COLUMNS,
    DueItem,
    MemberDue,
    by_member,
    due_list,
    ensure_default_rules,
    export_due,
    list_rules,
    raise_due,
    record_outcome,
)
from ..services.followups.paging import due_page, due_totals
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import counter_actor, counter_command
from .tables import echo_table, table_lines

M_NOTHING_DUE = define(
    "cli.followups.nothing", en="Nothing due on {date}.", zh="{date} 没有待回访事项。"
)
M_RAISED = define(
    "cli.followups.raised",
    en="{raised} new follow-up(s) raised (checked {start} to {on}).",
    zh="新增 {raised} 条回访（检查了 {start} 至 {on}）。",
)
M_EXPORTED = define(
    "cli.followups.exported",
    en="{rows} row(s) written to {path}.",
    zh="已导出 {rows} 行到 {path}。",
)
M_PAGE = define(
    "cli.followups.page",
    en="Page {page} of {pages} ({limit} a page): {total_members} member(s), "
    "{total_items} follow-up(s) in all.",
    zh="第 {page}/{pages} 页（每页 {limit} 位）：共 {total_members} 位会员，{total_items} 条回访。",
)
M_OVERDUE = define("cli.followups.overdue", en="overdue since {date}", zh="自 {date} 起逾期")
M_ATTEMPTS = define("cli.followups.attempts", en="{n}× no answer", zh="未接通 {n} 次")
M_OUTCOME = define(
    "cli.followups.outcome",
    en="Follow-up {id}: {status}{until}.",
    zh="回访 {id}：{status}{until}。",
)
M_LABELLED = define("cli.followups.labelled", en="{label}: {text}", zh="{label}：{text}")
M_UNTIL = define("cli.followups.until", en=" until {date}", zh="，推迟到 {date}")
E_SNOOZE_NEEDS_DATE = define(
    "cli.followups.snooze_date",
    en="snooze needs a date: shopcrm followup ID snooze YYYY-MM-DD",
    zh="推迟需要日期：shopcrm followup 编号 snooze YYYY-MM-DD",
)
E_BAD_DATE = define(
    "cli.followups.bad_date",
    en="Not a date (YYYY-MM-DD): {value}",
    zh="日期格式应为 YYYY-MM-DD：{value}",
)
STATUS_NAMES = {
    "open": define("cli.followups.status.open", en="open", zh="待回访"),
    "done": define("cli.followups.status.done", en="done", zh="已完成"),
    "dismissed": define("cli.followups.status.dismissed", en="dismissed", zh="不再回访"),
}
ACTIVE_NAMES = {
    True: define("cli.followups.on", en="on", zh="启用"),
    False: define("cli.followups.off", en="off", zh="停用"),
}

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _jsonable(obj: object) -> dict:
    return {
        k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in asdict(obj).items()
    }  # type: ignore[call-overload]


@main.command()
@click.option("--on", "on_day", type=DATE, default=None, help="Day to list (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False),
    help="Also write the list to FILE.xlsx or FILE.csv.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="List this many members a page (the list's order: overdue first, then by rule).",
)
@click.option(
    "--page", type=click.IntRange(min=1), default=1, help="Which page of --limit members."
)
@pass_state
@handle_errors
def due(
    state: CliState,
    on_day: datetime | None,
    as_json: bool,
    export_path: str | None,
    limit: int | None,
    page: int,
) -> None:
    """Raise what is due, then list the day's follow-ups with reason and message
    (all of them, or a page of --limit members)."""
    day = on_day.date() if on_day else clock.today()
    lang = current_language()
    with write_session(state.engine, SYSTEM) as scope:  # raising is the system's own work
        result = raise_due(scope.session, day, actor=scope.actor)
    paging: dict | None = None
    with session_scope(state.engine) as session:
        if limit is None:
            items = due_list(session, day, lang)
            members = by_member(session, items, day)
        else:
            items, members, paging = _page(session, day, lang, limit, page)
        rows = export_due(session, day, export_path, lang) if export_path else None
    if as_json:
        data = {
            "on": day.isoformat(),
            "raised": result.raised,
            "items": [_jsonable(i) for i in items],
            "members": [_member_json(m, lang) for m in members],
        }
        echo_json({**data, **paging} if paging else data)
    else:
        _print_members(members, day, lang)
        if paging:
            click.echo(translate(M_PAGE, lang, **paging))
        if result.raised:
            click.echo(
                translate(
                    M_RAISED,
                    lang,
                    raised=result.raised,
                    start=result.window_start.isoformat(),
                    on=day.isoformat(),
                )
            )
    if rows is not None and not as_json:
        click.echo(translate(M_EXPORTED, lang, rows=rows, path=export_path))


def _page(
    session: Session, day: date, lang: str, limit: int, page: int
) -> tuple[list[DueItem], list[MemberDue], dict]:
    """Page `page` of `limit` members (the Follow-ups screen's pages, read one after the
    other up to it) and the day's totals."""
    after = None
    for _ in range(page - 1):
        skipped = due_page(session, day, after, limit, lang)
        after = skipped.next
        if after is None:
            break
    shown = due_page(session, day, after, limit, lang) if after or page == 1 else None
    totals = due_totals(session, day)
    paging = {
        "page": page,
        "limit": limit,
        "pages": max(1, -(-totals.members // limit)),
        "total_members": totals.members,
        "total_items": totals.items,
    }
    if shown is None:
        return [], [], paging
    return list(shown.items), list(shown.members), paging


def _member_json(member: MemberDue, lang: str) -> dict:
    return {
        "member_id": member.member_id,
        "member_name": member.member_name,
        "phone": member.phone,
        "followup_ids": list(member.ids),
        "reasons": member.reasons(lang),
        "overdue_days": member.overdue_days,
        "last_visit": member.last_visit.isoformat() if member.last_visit else None,
        "last_staff": list(member.last_staff),
    }


def _print_members(members: list[MemberDue], day: date, lang: str) -> None:
    """One line per member (all her reasons), grouped under the rule of her most pressing
    follow-up; her message(s) below."""
    if not members:
        click.echo(translate(M_NOTHING_DUE, lang, date=day.isoformat()))
        return
    groups: dict[int, list[MemberDue]] = {}
    for member in sorted(members, key=lambda m: (m.first.rule_order, m.first.rule_id)):
        groups.setdefault(member.first.rule_id, []).append(member)
    for group in groups.values():
        click.secho(f"{group[0].first.rule_name} ({len(group)})", bold=True)
        rows = []
        for member in group:
            extra = member.facts(lang, day)
            attempts = max(i.attempts for i in member.items)
            if attempts:
                extra.append(translate(M_ATTEMPTS, lang, n=attempts))
            rows.append(
                {
                    "id": " ".join(f"#{i}" for i in member.ids),
                    "member": member.member_name,
                    "phone": member.phone or "-",
                    "reason": member.reasons(lang),
                    "note": " · ".join(extra),
                }
            )
        head, rule, *lines = table_lines(DUE_COLUMNS, rows, lang)
        click.echo(f"  {head}\n  {rule}")
        for line, member in zip(lines, group, strict=True):
            click.echo(f"  {line}")
            for item in member.items:
                text = item.message
                if len(member.items) > 1:
                    text = translate(M_LABELLED, lang, label=item.rule_name, text=text)
                click.echo(f"      {text}")


@main.command()
@click.argument("followup_id", type=int)
@click.argument("action", type=click.Choice(ACTIONS))
@click.argument("snooze_date", required=False)
@click.option("--channel", type=click.Choice(CHANNELS), help="How it was done.")
@click.option("--note", default="", help="A note kept with the outcome.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@counter_command
@pass_state
@handle_errors
def followup(
    state: CliState,
    followup_id: int,
    action: str,
    snooze_date: str | None,
    channel: str | None,
    note: str,
    as_json: bool,
) -> None:
    """Record an outcome: done | noanswer | snooze YYYY-MM-DD | dismiss."""
    snooze_to = None
    if action == "snooze":
        if not snooze_date:
            raise ShopError(E_SNOOZE_NEEDS_DATE)
        try:
            snooze_to = date.fromisoformat(snooze_date)
        except ValueError:
            raise ShopError(E_BAD_DATE, value=snooze_date) from None
    with write_session(state.engine, counter_actor(state)) as scope:
        result = record_outcome(
            scope.session,
            followup_id,
            action,
            channel=channel,
            snooze_to=snooze_to,
            note=note,
            actor=scope.actor,
        )
    if as_json:
        echo_json(_jsonable(result))
        return
    lang = current_language()
    until = (
        translate(M_UNTIL, lang, date=result.snoozed_until.isoformat())
        if action == "snooze" and result.snoozed_until
        else ""
    )
    click.echo(
        translate(
            M_OUTCOME,
            lang,
            id=followup_id,
            status=translate(STATUS_NAMES[result.status], lang),
            until=until,
        )
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def rules(state: CliState, as_json: bool) -> None:
    """The follow-up rules and their settings."""
    lang = current_language()
    with write_session(state.engine, SYSTEM) as scope:  # the default rules, made once
        ensure_default_rules(scope.session)
        infos = list_rules(scope.session, lang)
    if as_json:
        echo_json([_jsonable(r) for r in infos])
        return
    rows = [
        {
            "id": f"#{r.id}",
            "active": translate(ACTIVE_NAMES[r.active], lang),
            "kind": r.kind,
            "name": r.name,
            "params": ", ".join(f"{k}={v}" for k, v in r.params.items()),
        }
        for r in infos
    ]
    echo_table(RULE_COLUMNS, rows, lang)
