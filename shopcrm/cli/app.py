"""The `shopcrm` command group: global options and the shared state of one invocation."""

from __future__ import annotations

import importlib
import json
import logging
import os
import subprocess
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


# Commands that only read the shop (by their path under `shopcrm`). They open the database
# as it is: no schema upgrade, no daily backup, no follow-up catch-up (`due` raises the day's
# follow-ups itself: that is its job). Every other command upgrades and runs that start-up
# work, as the app does.
READ_ONLY_COMMANDS = frozenset(
    {
        "find",
        "payment-methods",
        "member show",
        "visits",
        "balance",
        "services",
        "service",
        "staff",
        "info",
        "due",
        "report",
        "segments",
        "charts",
        "levels",
        "card-types",
        "cards",
        "offers",
        "level history",
        "commission-rules",
        "bookings",
        "campaigns",
        "holidays",
        "complaints",
        "satisfaction",
    }
)


def command_path(ctx: click.Context | None) -> str:
    """'member show' for `shopcrm --db x member show 3`: the names under the root group."""
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


@dataclass
class CliState:
    db: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The database, opened on first use by the running command.

        A command in `READ_ONLY_COMMANDS` only opens it, and stops with one line when there
        is no shop there or its schema needs upgrading first; any other command upgrades
        the schema and runs the start-up work (daily backup, follow-ups).
        """
        if self._engine is None:
            if command_path(click.get_current_context(silent=True)) in READ_ONLY_COMMANDS:
                from ..db import open_for_reading

                self._engine = open_for_reading(self.db)
            else:
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
    text = " ".join(error.message().splitlines())
    click.echo(text, err=True)
    if _asked_for_json():
        # A tool reading `--json` output gets the refusal as JSON too, with its stable id
        # and the figures in it (e.g. the nearest free time of a taken booking slot).
        params = {k: v for k, v in error.params.items() if not k.startswith("_")}
        echo_json({"error": {"id": error.msg_id, "message": text, "params": params}})
    sys.exit(1)


def _asked_for_json() -> bool:
    """Whether the command that failed was run with ``--json``."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.params.get("as_json"))


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


# Which module of this package to load for each top-level command. A command's module is
# imported only when that command runs, so `shopcrm find` does not load the report, import
# or demo code (tests/services/test_cli_startup.py checks this table against the modules).
# `staff` is listed by cli/wallet.py; cli/catalog.py (which imports it) adds its subcommands.
COMMAND_MODULES = {
    "demo": "core",
    "info": "core",
    "due": "followups",
    "followup": "followups",
    "rules": "followups",
    "find": "find",
    "member": "members",
    "import-members": "members",
    "export-members": "members",
    "backup": "reliability",
    "restore": "reliability",
    "check": "reliability",
    "staff-pin": "reliability",
    "roles": "reliability",
    "audit": "reliability",
    "member-export": "reliability",
    "member-erase": "reliability",
    "report": "reports",
    "segments": "reports",
    "charts": "reports",
    "selfcheck": "selfcheck",
    "service": "catalog",
    "visits": "visits",
    "visit": "visits",
    "import-visits": "visits",
    "topup": "wallet",
    "balance": "wallet",
    "services": "wallet",
    "staff": "catalog",
    "payment-methods": "money",
    "payment-method": "money",
    "refund": "money",
    "void-topup": "money",
    "close-month": "money",
    "reopen-month": "money",
    "starter-catalogue": "setup",
    "first-steps": "setup",
    "import-services": "setup",
    "import-staff": "setup",
    "template": "setup",
    "level": "levels",
    "levels": "levels",
    "offer": "levels",
    "offers": "levels",
    "card-type": "cards",
    "card-types": "cards",
    "card": "cards",
    "cards": "cards",
    "import-balances": "cards",
    "commission-rule": "commission",
    "commission-rules": "commission",
    "commission": "commission",
    "book": "bookings",
    "bookings": "bookings",
    "booking": "bookings",
    "campaign": "care",
    "campaigns": "care",
    "holiday": "care",
    "holidays": "care",
    "sms-export": "care",
    "complaint": "complaints",
    "complaints": "complaints",
    "score": "complaints",
    "satisfaction": "complaints",
}


class LazyGroup(click.Group):
    """The `shopcrm` group: loads a command's module when the command is asked for.

    A name missing from `COMMAND_MODULES` (a module added without updating it) still works:
    every command module is then loaded, as `--help` does.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None:  # imported even when the name is known: it may add subcommands
            importlib.import_module(f"{__package__}.{module}")
        if cmd_name not in self.commands:
            load_all_commands()
        return self.commands.get(cmd_name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Before anything is printed (usage errors too): a GBK console, a redirect or a pipe
        never crash a command (shopcrm.console)."""
        from ..console import make_streams_safe

        make_streams_safe()
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_all_commands()
        return sorted(self.commands)


def load_all_commands() -> None:
    """Import every command module of this package (each adds its commands to `main`)."""
    import pkgutil

    package = importlib.import_module(__package__ or "shopcrm.cli")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "app":
            importlib.import_module(f"{package.__name__}.{module.name}")


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
        sys.exit(open_app(ctx.obj.db_url))


ENV_RUN_APP = "SHOPCRM_RUN_APP"


def app_command(db_url: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start the desktop app on `db_url`.

    Installed: ``python -m shopcrm.ui``. Frozen (PyInstaller), the executable is the app
    itself: installer/launcher.py sees ``SHOPCRM_RUN_APP`` and starts the window.
    """
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        env[ENV_RUN_APP] = "1"
        return [sys.executable, "--db", db_url], env
    return [sys.executable, "-m", "shopcrm.ui", "--db", db_url], env


def open_app(db_url: str) -> int:
    """Run the desktop app in a process of its own and return its exit code.

    A separate process, not an import: the CLI stays free of Qt and of ``shopcrm.ui`` (the
    layer rule), and a command never pays for loading them.
    """
    args, env = app_command(db_url)
    try:
        return subprocess.call(args, env=env)
    except KeyboardInterrupt:
        return 130


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
