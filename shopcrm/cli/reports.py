"""Owner's commands: the monthly report, member segments, charts."""

from __future__ import annotations

import threading
from pathlib import Path

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .. import clock
from ..db import session_scope
from ..i18n import current_language, define, translate
from ..services.auth import Actor
from ..services.cards.columns import card_figures_line, card_uses_part
from ..services.money.months import report_dict
from ..services.reports import monthly_report, parse_month
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import owner_command

M_WROTE = define(
    "cli.report_wrote",
    en="Workbook written: {path} ({rows} ledger rows).",
    zh="已导出工作簿：{path}（{rows} 行流水）。",
)
M_CHARTS = define(
    "cli.charts_wrote",
    en="{count} charts written to {folder}.",
    zh="已生成 {count} 张图表：{folder}。",
)


def _print_report(report) -> None:  # noqa: ANN001
    lab = report.labels
    f = report.figures
    click.echo(f"{report.shop_name} {report.title}".strip())
    for key in (
        "net_revenue",
        "list_total",
        "discounts",
        "visits",
        "walk_in_visits",
        "voided_visits",
        "distinct_members",
        "returning_members",
        "first_time_members",
        "returning_rate",
        "new_members",
        "average_ticket",
    ):
        value = getattr(f, key)
        if key == "returning_rate":
            value = f"{value * 100:.2f}%"
        click.echo(f"  {lab[key]}: {value}")
    sv = report.stored_value
    click.echo(
        f"{lab['stored_value']}: {lab['opening']} {sv.opening} + {lab['topups']} "
        f"{sv.added} + {lab['bonus']} {sv.bonus} - {lab['spent']} {sv.used} "
        f"+ {lab['other']} {sv.other} = {lab['closing']} {sv.closing}"
    )
    if report.money_in is not None:
        received = ", ".join(f"{m.label} {m.amount}" for m in report.money_in.by_method)
        click.echo(f"{lab['money_in']}: {report.money_in.total} ({received or '-'})")
        rev = report.revenue
        click.echo(
            f"{lab['revenue']}: {rev.total} = {rev.paid} + {lab['principal']} "
            f"{rev.stored_value_principal}{card_uses_part(rev)}  "
            f"{lab['bonus_used']}: {rev.bonus_used}"
        )
        for key, part in (sv.parts or {}).items():
            name = lab["principal"] if key == "principal" else lab["bonus_part"]
            click.echo(
                f"  {name}: {lab['opening']} {part.opening} + {part.added} - {part.used} "
                f"- {part.refunded} + {part.other} = {lab['closing']} {part.closing}"
            )
        click.echo(f"{lab['voids']}: {len(report.voids)}  {lab['adjustments']}: "
                   f"{sum((a.amount for a in report.adjustments), 0)}")  # fmt: skip
    if report.cards:
        click.echo(card_figures_line(report.cards))
    click.echo(
        f"{lab['points_issued']}: {report.points.added}  "
        f"{lab['points_redeemed']}: {report.points.used}"
    )
    click.echo(
        f"{lab['followups_raised']}: {report.followups.raised}  "
        f"{lab['followups_done']}: {report.followups.done}"
    )
    for key in ("by_payment", "by_category", "by_staff"):
        click.echo(lab[key] + ":")
        for b in getattr(report, key):
            click.echo(f"  {b.label}: {b.amount}")
    for key in ("vs_previous_month", "vs_last_year"):
        click.echo(lab[key] + ":")
        for ch in getattr(report, key):
            pct = f"{ch.pct}%" if ch.pct is not None else "-"
            click.echo(f"  {lab[ch.key]}: {ch.current} ({ch.delta:+}, {pct})")
    if report.segments:
        s = report.segments
        click.echo(f"{lab['abc']}: {s.abc}")
        click.echo(f"{lab['segments']}: {s.segments}")
        click.echo(f"{lab['stages']}: {s.stages}")


@main.command()
@click.option("--month", "month_text", required=True, metavar="YYYY-MM")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the month's Excel workbook here (.xlsx).",
)
@owner_command
@pass_state
@handle_errors
def report(
    state: CliState, month_text: str, as_json: bool, output: Path | None, actor: Actor
) -> None:
    """The owner's monthly report (and optionally the Excel workbook)."""
    year, month = parse_month(month_text)
    lang = current_language()
    with session_scope(state.engine) as session:
        if as_json and output is None:
            # a closed month's figures are its frozen snapshot (services.money.months)
            echo_json(report_dict(session, year, month, lang, actor=actor))
            return
        result = monthly_report(session, year, month, lang, actor=actor)
        if as_json:
            echo_json(report_dict(session, year, month, lang, actor=actor))
        else:
            _print_report(result)
        if output is not None:
            from ..services.excel import export_month_workbook

            cancel = threading.Event()
            with Progress(
                TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True
            ) as bar:
                task = bar.add_task("export", total=1.0)
                done = export_month_workbook(
                    session,
                    year,
                    month,
                    output,
                    lang,
                    cancel=cancel,
                    actor=actor,
                    progress=lambda fr, msg: bar.update(task, completed=fr, description=msg),
                    report=result,
                )
            click.echo(translate(M_WROTE, path=done.path, rows=done.ledger_rows), err=as_json)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Classify as of this day.")
@owner_command
@pass_state
@handle_errors
def segments(state: CliState, as_json: bool, as_of, actor: Actor) -> None:  # noqa: ANN001
    """Every member's ABC class, RFM segment and lifecycle stage, with the reasons."""
    from ..services.analytics import member_classes

    lang = current_language()
    day = as_of.date() if as_of else clock.today()
    with session_scope(state.engine) as session:
        classes = member_classes(session, day, lang)
    if as_json:
        echo_json(classes.to_dict())
        return
    click.echo(classes.model.message)
    click.echo(f"ABC: {classes.abc}")
    click.echo(f"RFM: {classes.segments}")
    click.echo(f"{classes.stages}")
    for m in classes.members:
        alive = f"{m.p_alive:.2f}" if m.p_alive is not None else "-"
        expect = f"{m.expected_visits_90:.2f}" if m.expected_visits_90 is not None else "-"
        click.echo(
            f"#{m.member_id} {m.name}  {m.abc} | {m.segment_name or '-'} | "
            f"{m.stage_name} | P(alive) {alive} | 90d {expect}"
        )
        click.echo(f"    {m.abc_reason}")
        if m.segment_reason:
            click.echo(f"    {m.segment_reason}")
        click.echo(f"    {m.stage_reason}")


@main.command()
@click.option("--month", "month_text", required=True, metavar="YYYY-MM")
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PNGs.",
)
@owner_command
@pass_state
@handle_errors
def charts(state: CliState, month_text: str, folder: Path, actor: Actor) -> None:
    """The month's charts as PNG files."""
    from ..services.charts import month_charts

    year, month = parse_month(month_text)
    folder.mkdir(parents=True, exist_ok=True)
    with session_scope(state.engine) as session:
        figures = month_charts(session, year, month, current_language(), actor=actor)
    for name, figure in figures.items():
        figure.savefig(folder / f"{month_text}-{name}.png")
    click.echo(translate(M_CHARTS, count=len(figures), folder=folder))
