"""A new shop's first hour from the terminal: starter catalogues and the first-steps list.

``shopcrm starter-catalogue KIND`` lists what a shop of that type usually offers and, with
``--apply``, adds it (``--price KEY=YUAN`` for the prices typed now; the others take the
suggestion). ``shopcrm first-steps`` shows the checklist the idle counter shows.
"""

from __future__ import annotations

import click

from ..db import session_scope
from ..i18n import current_language, define, translate
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.first_steps import M_DISMISSED, M_DONE, M_TODO
from ..services.settings import get_setting
from ..services.setup_import import import_services, import_staff
from ..services.shop_setup import dismiss_first_steps, first_steps
from ..services.starter_catalogue import (
    M_APPLIED,
    STARTER_COLUMNS,
    STARTER_KINDS,
    apply_starter_catalogue,
    starter_catalogue,
)
from ..services.templates import TEMPLATES, write_template
from .app import CliState, echo_json, handle_errors, main, pass_state
from .imports import run_import
from .security import counter_actor, owner_command
from .tables import echo_table

M_TEMPLATE = define(
    "cli.setup.template", en="Template written to {path}.", zh="模板已保存到 {path}。"
)


def _prices(specs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for spec in specs:
        key, _, price = spec.partition("=")
        out[key.strip()] = price.strip()
    return out


@main.command("starter-catalogue")
@click.argument("kind", type=click.Choice(STARTER_KINDS))
@click.option("--apply", "do_apply", is_flag=True, help="Add it to the shop's catalogue.")
@click.option(
    "--price", "prices", multiple=True, metavar="KEY=YUAN", help="A price typed now (--apply)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def starter_cmd(
    state: CliState, kind: str, do_apply: bool, prices: tuple[str, ...], as_json: bool, actor: Actor
) -> None:
    """The starter catalogue for a shop type (salon, beauty, nail, massage, restaurant)."""
    rows = starter_catalogue(kind)
    if do_apply:
        with write_session(state.engine, actor) as scope:
            result = apply_starter_catalogue(
                scope.session, kind, _prices(prices), actor=scope.actor
            )
        if as_json:
            echo_json({"created": list(result.created), "skipped": list(result.skipped)})
        else:
            click.echo(
                translate(M_APPLIED, created=len(result.created), skipped=len(result.skipped))
            )
        return
    if as_json:
        echo_json(
            [
                {
                    "key": r.key,
                    "category": r.category,
                    "name": r.name,
                    "price": r.price,
                    "minutes": r.minutes,
                    "care_days": list(r.care_days),
                }
                for r in rows
            ]
        )
        return
    echo_table(
        STARTER_COLUMNS,
        [
            {
                "key": r.key,
                "category": r.category,
                "name": r.name,
                "price": f"¥{r.price}",
                "minutes": r.minutes or "",
                "care": ",".join(map(str, r.care_days)),
            }
            for r in rows
        ],
    )


@main.command("first-steps")
@click.option("--dismiss", is_flag=True, help="Hide the list on the counter.")
@click.option("--show", "undismiss", is_flag=True, help="Show the list on the counter again.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def first_steps_cmd(state: CliState, dismiss: bool, undismiss: bool, as_json: bool) -> None:
    """The first-steps checklist, ticked off from the shop's data."""
    if dismiss or undismiss:
        with write_session(state.engine, counter_actor(state)) as scope:
            dismiss_first_steps(scope.session, dismiss, actor=scope.actor)
    with session_scope(state.engine) as session:
        steps = first_steps(session)
    if as_json:
        echo_json(
            {
                "steps": [{"key": s.key, "title": s.title(), "done": s.done} for s in steps.steps],
                "all_done": steps.all_done,
                "dismissed": steps.dismissed,
            }
        )
        return
    for step in steps.steps:
        mark = "✓" if step.done else "·"
        state_word = translate(M_DONE if step.done else M_TODO)
        click.echo(f"{mark} {step.title()}  ({state_word})")
    if steps.dismissed:
        click.echo(translate(M_DISMISSED))


def _import_cmd(
    state: CliState,
    kind: str,
    path: str,
    dry_run: bool,
    report: str | None,
    as_json: bool,
    actor: Actor,
) -> None:
    run_import(
        state,
        import_services if kind == "services" else import_staff,
        path,
        dry_run=dry_run,
        report=report,
        as_json=as_json,
        actor=actor,
        outcomes=("created", "updated", "unchanged"),
    )


@main.command("import-services")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check everything, save nothing.")
@click.option("--report", type=click.Path(dir_okay=False), help="Write each row's outcome (.xlsx).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def import_services_cmd(
    state: CliState, path: str, dry_run: bool, report: str | None, as_json: bool, actor: Actor
) -> None:
    """Add or update catalogue services from an .xlsx or .csv (matched by name)."""
    _import_cmd(state, "services", path, dry_run, report, as_json, actor)


@main.command("import-staff")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check everything, save nothing.")
@click.option("--report", type=click.Path(dir_okay=False), help="Write each row's outcome (.xlsx).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def import_staff_cmd(
    state: CliState, path: str, dry_run: bool, report: str | None, as_json: bool, actor: Actor
) -> None:
    """Add staff from an .xlsx or .csv (names the shop has already are left alone)."""
    _import_cmd(state, "staff", path, dry_run, report, as_json, actor)


@main.command("template")
@click.argument("kind", type=click.Choice(sorted(TEMPLATES)))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="FILE.xlsx")
@pass_state
@handle_errors
def template_cmd(state: CliState, kind: str, output: str) -> None:
    """A blank import template (header row and one example row) in the shop's language."""
    lang = click.get_current_context().find_root().params.get("lang")
    if not lang:  # the shop's language, else the terminal's
        with session_scope(state.engine) as session:
            lang = get_setting(session, "ui.language") or current_language()
    path = write_template(kind, output, lang)
    click.echo(translate(M_TEMPLATE, path=str(path)))
