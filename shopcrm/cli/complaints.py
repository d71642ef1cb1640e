"""Complaint and satisfaction commands (issue 20): complaints to resolution, scores, trend."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from .. import clock
from ..db import session_scope
from ..i18n import current_language, define, translate
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.members.lookup import resolve_member
from .app import CliState, echo_json, handle_errors, main, pass_state
from .care import plain
from .security import counter_actor, counter_command, owner_command

RESOLUTIONS = ("redo", "refund", "apology", "voucher")
M_COMPLAINT = define(
    "cli.care.complaint",
    en="#{id} {opened} {member}: {text} [{status}{how}]",
    zh="#{id} {opened} {member}：{text}【{status}{how}】",
)
M_NO_COMPLAINTS = define("cli.care.no_complaints", en="No complaints.", zh="没有投诉。")
M_SCORE = define(
    "cli.care.score",
    en="Score {score} kept for member #{member}{low}.",
    zh="已记录会员 #{member} 的满意度 {score} 分{low}。",
)
M_LOW = define(
    "cli.care.low", en=": low, care follow-up #{id} raised", zh="：低分，已生成回访 #{id}"
)
M_MONTH = define(
    "cli.care.month",
    en="{month}: {count} score(s), average {average}, low {low_share}",
    zh="{month}：{count} 条评分，平均 {average}，低分占比 {low_share}",
)
M_CHART = define("cli.care.chart", en="Chart written to {path}.", zh="图表已保存到 {path}。")


def _echo_complaint(info, lang: str) -> None:  # noqa: ANN001
    how = f" · {info.resolution_text}" if info.resolution_text else ""
    click.echo(
        translate(
            M_COMPLAINT,
            lang,
            id=info.id,
            opened=info.opened_at.strftime("%Y-%m-%d %H:%M"),
            member=info.member_name,
            text=info.text,
            status=info.status_text,
            how=how,
        )
    )


@main.group("complaint")
def complaint_group() -> None:
    """Complaints: add, contact, resolve or drop."""


def _done(info, as_json: bool) -> None:  # noqa: ANN001
    if as_json:
        echo_json(plain(asdict(info)))
    else:
        _echo_complaint(info, current_language())


@complaint_group.command("add")
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.option("--text", required=True, help="What the member complained about.")
@click.option("--visit", "visit_id", type=int, default=None, help="The visit it is about.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@counter_command
@pass_state
@handle_errors
def complaint_add(
    state: CliState, query: str, text: str, visit_id: int | None, as_json: bool
) -> None:
    """Enter a complaint: it opens a complaint follow-up due today."""
    from ..services.care.complaints import open_complaint

    with write_session(state.engine, counter_actor(state)) as scope:
        member_id = resolve_member(scope.session, query)
        info = open_complaint(scope.session, member_id, text, visit_id=visit_id, actor=scope.actor)
    _done(info, as_json)


@complaint_group.command("contact")
@click.argument("complaint_id", type=int)
@click.option("--note", default="")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@counter_command
@pass_state
@handle_errors
def complaint_contact(state: CliState, complaint_id: int, note: str, as_json: bool) -> None:
    """The member was contacted; the complaint stays open until resolved."""
    from ..services.care.complaints import contact_complaint

    with write_session(state.engine, counter_actor(state)) as scope:
        info = contact_complaint(scope.session, complaint_id, note, actor=scope.actor)
    _done(info, as_json)


@complaint_group.command("resolve")
@click.argument("complaint_id", type=int)
@click.option("--how", type=click.Choice(RESOLUTIONS), required=True, help="What was done.")
@click.option("--note", default="")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def complaint_resolve(
    state: CliState, complaint_id: int, how: str, note: str, as_json: bool, actor: Actor
) -> None:
    """Resolved (redo, refund, apology, voucher): closes its follow-up."""
    from ..services.care.complaints import resolve_complaint

    with write_session(state.engine, actor) as scope:
        info = resolve_complaint(scope.session, complaint_id, how, note, actor=scope.actor)
    _done(info, as_json)


@complaint_group.command("drop")
@click.argument("complaint_id", type=int)
@click.option("--note", default="")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def complaint_drop(
    state: CliState, complaint_id: int, note: str, as_json: bool, actor: Actor
) -> None:
    """Give up on a complaint (it was not one, or the member cannot be reached)."""
    from ..services.care.complaints import drop_complaint

    with write_session(state.engine, actor) as scope:
        info = drop_complaint(scope.session, complaint_id, note, actor=scope.actor)
    _done(info, as_json)


@main.command("complaints")
@click.option("--all", "show_all", is_flag=True, help="Also resolved and dropped ones.")
@click.option("--member", "query", default=None, help="Only this member's.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def complaints_cmd(state: CliState, show_all: bool, query: str | None, as_json: bool) -> None:
    """Complaints not resolved yet (--all: every one)."""
    from ..services.care.complaints import list_complaints

    lang = current_language()
    with session_scope(state.engine) as session:
        member_id = resolve_member(session, query) if query else None
        infos = list_complaints(session, live_only=not show_all, member_id=member_id, lang=lang)
    if as_json:
        echo_json([plain(asdict(i)) for i in infos])
        return
    if not infos:
        click.echo(translate(M_NO_COMPLAINTS, lang))
    for info in infos:
        _echo_complaint(info, lang)


@main.command("score")
@click.argument("score", type=int)
@click.option("--member", "query", default=None, help="Phone, card number or #id.")
@click.option("--visit", "visit_id", type=int, default=None, help="The visit it is for.")
@click.option("--followup", "followup_id", type=int, default=None, help="The care call.")
@click.option("--note", default="")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@counter_command
@pass_state
@handle_errors
def score_cmd(
    state: CliState,
    score: int,
    query: str | None,
    visit_id: int | None,
    followup_id: int | None,
    note: str,
    as_json: bool,
) -> None:
    """Keep a satisfaction score (1-5); 2 or less raises a care follow-up."""
    from ..services.care.satisfaction import record_score

    lang = current_language()
    with write_session(state.engine, counter_actor(state)) as scope:
        member_id = resolve_member(scope.session, query) if query else None
        info = record_score(
            scope.session,
            score,
            member_id=member_id,
            visit_id=visit_id,
            followup_id=followup_id,
            note=note,
            actor=scope.actor,
        )
    if as_json:
        echo_json(asdict(info))
        return
    low = translate(M_LOW, lang, id=info.followup_id) if info.followup_id else ""
    click.echo(translate(M_SCORE, lang, score=info.score, member=info.member_id, low=low))


@main.command("satisfaction")
@click.option("--month", "month_text", default=None, metavar="YYYY-MM", help="Last month shown.")
@click.option("--months", type=click.IntRange(1, 60), default=12, show_default=True)
@click.option("--chart", "chart_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def satisfaction_cmd(
    state: CliState, month_text: str | None, months: int, chart_path: Path | None, as_json: bool
) -> None:
    """Average score and share of low scores by month (--chart FILE.png draws them)."""
    from ..services.care.satisfaction import satisfaction_series
    from ..services.reports.monthly import parse_month

    lang = current_language()
    today = clock.today()
    year, month = parse_month(month_text) if month_text else (today.year, today.month)
    with session_scope(state.engine) as session:
        series = satisfaction_series(session, year, month, months)
    if chart_path is not None:
        from ..services.care.chart import satisfaction_chart

        satisfaction_chart(series, lang).savefig(chart_path)
    if as_json:
        echo_json(plain([asdict(m) for m in series]))
        return
    for m in series:
        click.echo(
            translate(
                M_MONTH,
                lang,
                month=m.month.isoformat()[:7],
                count=m.count,
                average="-" if m.average is None else f"{m.average:.2f}",
                low_share="-" if m.low_share is None else f"{m.low_share:.0%}",
            )
        )
    if chart_path is not None:
        click.echo(translate(M_CHART, lang, path=str(chart_path)))
