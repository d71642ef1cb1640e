"""`shopcrm find`: the command a counter runs most, kept light.

Its own module so that it loads only the member search (not the import, export and merge
code `cli/members.py` needs): what `shopcrm find` pays to start is the interpreter, click,
SQLAlchemy, the models and the search (issue 21, CLI ≤ 3× a bare `import sqlalchemy, click`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from ..db import session_scope
from ..i18n import define, translate
from ..services.members.columns import HIT_COLUMNS
from ..services.members.search import search_members
from .app import CliState, echo_json, handle_errors, main, pass_state
from .tables import echo_table

M_NONE = define("cli.members.none", en="No member matches “{query}”.", zh="没有会员匹配“{query}”。")


def _jsonable(obj: Any) -> Any:
    return dataclasses.asdict(obj) if dataclasses.is_dataclass(obj) else obj


@main.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--archived", is_flag=True, help="Include archived members.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def find(state: CliState, query: str, limit: int, archived: bool, as_json: bool) -> None:
    """Find members by phone digits, card number, name, pinyin or initials."""
    with session_scope(state.engine) as session:
        hits = search_members(session, query, limit=limit, include_archived=archived)
    if as_json:
        echo_json([_jsonable(h) for h in hits])
        return
    if not hits:
        click.echo(translate(M_NONE, query=query))
        return
    rows = [
        {
            "id": f"#{h.id}",
            "name": h.name,
            "phone": h.phone,
            "card_no": h.card_no or "",
            "level": h.level,
            "last_visit": h.last_visit_on.isoformat() if h.last_visit_on else "-",
            "match": h.match,
        }
        for h in hits
    ]
    echo_table(HIT_COLUMNS, rows)
