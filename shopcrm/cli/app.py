"""The `shopcrm` command group: global options and the shared state of one invocation."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, NoReturn, TypeVar

import click
from sqlalchemy import Engine

from .. import __version__
from ..i18n import set_language, translate

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger(__name__)


@dataclass
class CliState:
    db: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The database, opened (and upgraded by the migrations) on first use."""
        if self._engine is None:
            from ..db import open_database
            from ..services import hooks

            self._engine = open_database(self.db)
            hooks.on_open(self._engine)
        return self._engine

    @property
    def db_url(self) -> str:
        from ..db import resolve_db_url

        return resolve_db_url(self.db)


pass_state = click.make_pass_decorator(CliState)


def fail(msg_id: str, /, **params: Any) -> None:
    """Print a translated error and exit with status 1."""
    click.echo(translate(msg_id, **params), err=True)
    sys.exit(1)


def report_failure(exc: Exception) -> NoReturn:
    """Print `exc` as one line in the user's language and exit with status 1.

    Database and file failures are translated by `services.boundary.translate_failure` (the
    same translation the UI's ops use); anything else is a bug, shown as one line too, with
    the traceback in the log (``-v``).
    """
    from ..services.boundary import translate_failure, unexpected

    error = translate_failure(exc)
    if error is None:
        log.error("unexpected error", exc_info=exc)
        error = unexpected(exc)
    click.echo(" ".join(error.message().splitlines()), err=True)
    sys.exit(1)


def handle_errors(func: F) -> F:
    """Every failure a shop can meet becomes one line in the user's language and exit 1.

    The transaction the command opened has rolled back by the time this runs (sessions roll
    back on any exception), so nothing is half-written. Click's own exceptions (usage
    errors, --help, Abort) pass through untouched.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except click.exceptions.ClickException:
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            report_failure(exc)

    return wrapper  # type: ignore[return-value]


def echo_json(data: Any) -> None:
    """Print JSON that keeps Chinese readable and turns Decimals and dates into strings."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="ShopCRM")
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="SHOPCRM_DB",
    help="SQLite file or SQLAlchemy URL (default: shopcrm.db in the user data folder).",
)
@click.option(
    "--demo-shop",
    is_flag=True,
    help="Use the demo shop (demo.db in the user data folder), made on first use.",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of messages.")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.pass_context
def main(
    ctx: click.Context, db: str | None, demo_shop: bool, lang: str | None, verbose: bool
) -> None:
    """ShopCRM — members, visits, follow-ups and reports for a small shop.

    Without a command, opens the desktop app.
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if lang:
        set_language(lang)
    if demo_shop:
        from ..paths import default_demo_db_path

        db = str(default_demo_db_path())
    ctx.obj = CliState(db=db)
    if ctx.invoked_subcommand is None:
        if demo_shop:
            _ensure_demo(ctx.obj)
        from ..ui.app import run_app

        sys.exit(run_app(db_url=ctx.obj.db_url))


def _ensure_demo(state: CliState) -> None:
    """Fill the demo database the first time it is opened."""
    from sqlalchemy import func, select

    from ..db import session_scope
    from ..models import Member
    from ..services import hooks
    from ..services.demo import DemoOptions, create_demo_shop

    with session_scope(state.engine) as session:
        if session.scalar(select(func.count()).select_from(Member)):
            return
    click.echo("Making the demo shop (a few seconds)...")
    create_demo_shop(state.engine, DemoOptions())
    hooks.after_demo(state.engine)
