"""A new shop's first hour from the terminal: starter catalogues and the first-steps list.

``shopcrm starter-catalogue KIND`` lists what a shop of that type usually offers and, with
``--apply``, adds it (``--price KEY=YUAN`` for the prices typed now; the others take the
suggestion). ``shopcrm first-steps`` shows the checklist the idle counter shows.
"""

from __future__ import annotations

import click

from ..db import session_scope
from ..i18n import translate
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.first_steps import M_DISMISSED, M_DONE, M_TODO
from ..services.shop_setup import dismiss_first_steps, first_steps
from ..services.starter_catalogue import (
    M_APPLIED,
    STARTER_COLUMNS,
    STARTER_KINDS,
    apply_starter_catalogue,
    starter_catalogue,
)
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import counter_actor, owner_command
from .tables import echo_table


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
            result = apply_starter_catalogue(scope.session, kind, _prices(prices), scope.actor)
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
            dismiss_first_steps(scope.session, dismiss, scope.actor)
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
