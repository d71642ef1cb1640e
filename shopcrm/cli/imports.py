"""One way to run a catalogue, staff or opening-balance import from the command line.

Trial inside a savepoint (rolled back for a dry run), the per-row report file, then either
JSON or one line per refused row and the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..i18n import current_language, define, translate
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.setup_import import write_import_report
from .app import CliState, echo_json

M_ROW_PROBLEM = define("cli.setup.row", en="Row {row}: {reason}", zh="第 {row} 行：{reason}")
M_DRY_RUN = define(
    "cli.setup.dry_run", en="Dry run: nothing was saved.", zh="试运行：未保存任何内容。"
)


def run_import(
    state: CliState,
    importer: Callable[..., Any],
    path: str,
    *,
    dry_run: bool,
    report: str | None,
    as_json: bool,
    actor: Actor,
    outcomes: tuple[str, ...],
    name_key: str = "name",
) -> None:
    """Run `importer(session, path, actor=...)`; `outcomes` are the counts --json prints
    (before "errors"), `name_key` the key each JSON row names its subject by."""
    with write_session(state.engine, actor) as scope, scope.session.begin_nested() as trial:
        result = importer(scope.session, path, actor=scope.actor)
        if dry_run:
            trial.rollback()
    if report:
        write_import_report(result, report, current_language())
    if as_json:
        echo_json(
            {
                "dry_run": dry_run,
                **{outcome: result.count(outcome) for outcome in outcomes},
                "errors": result.count("error"),
                "rows": [
                    {"row": r.row, name_key: r.name, "outcome": r.outcome, "reason": r.reason}
                    for r in result.rows
                ],
            }
        )
        return
    for r in result.rows:
        if r.outcome == "error":
            click.echo(translate(M_ROW_PROBLEM, row=r.row, reason=r.reason))
    click.echo(result.summary())
    if dry_run:
        click.echo(translate(M_DRY_RUN))
