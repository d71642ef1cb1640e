"""`owner_command` and `counter_command`: who acts in a CLI command when roles are on.

When the shop has roles switched on (``shopcrm roles on``), owner commands need the owner's
PIN: from ``--pin``, from the ``SHOPCRM_PIN`` variable, or typed at a hidden prompt. Without
a terminal (a script, a pipe) and without a PIN the command stops with a clear message
instead of waiting. The command receives ``actor`` (the owner's `Actor`, or `SYSTEM` when
roles are off) to pass to the services. Counter commands (``@counter_command``) accept any
active staff member instead: ``--staff NAME`` (or ``SHOPCRM_STAFF``) with that person's PIN;
without a name the PIN must be an owner's. Use them under ``@main.command()``::

    @main.command()
    @owner_command
    @pass_state
    @handle_errors
    def report(state: CliState, actor: Actor, ...) -> None:
        build_report(session, ..., actor=actor)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from ..i18n import ShopError, define, translate
from ..services.auth import SYSTEM, Actor, login_owner_by_pin, roles_enabled
from .app import CliState, report_failure

F = TypeVar("F", bound=Callable[..., Any])

ENV_PIN = "SHOPCRM_PIN"
ENV_STAFF = "SHOPCRM_STAFF"
META_LOGIN = "shopcrm.counter_login"  # (name, pin) given to a counter command
M_PROMPT = define("cli.pin_prompt", en="Owner PIN", zh="店主 PIN 码")
M_STAFF_PROMPT = define("cli.staff_pin_prompt", en="PIN for {name}", zh="{name} 的 PIN 码")
E_NO_TTY_STAFF = define(
    "cli.staff_pin_needed",
    en="Roles are on: this command needs the PIN of the person at the counter. Give --staff "
    "NAME with --pin (or SHOPCRM_STAFF and SHOPCRM_PIN); without a name, the owner's PIN.",
    zh="已启用角色：此命令需要当前操作员工的 PIN 码。请使用 --staff 姓名 和 --pin（或设置 "
    "SHOPCRM_STAFF 和 SHOPCRM_PIN）；不指定姓名时需店主 PIN 码。",
)
E_NO_TTY = define(
    "cli.pin_needed",
    en="Roles are on: this command needs the owner's PIN. Give --pin or set SHOPCRM_PIN "
    "(no terminal to ask in).",
    zh="已启用角色：此命令需要店主 PIN 码。请使用 --pin 或设置 SHOPCRM_PIN（当前无法交互输入）。",
)


def _roles_on(state: CliState) -> bool:
    """Whether roles are on; warns (and audits once) when they were switched off outside."""
    from ..db import session_scope
    from ..services.roles_guard import W_ROLES_OFF_OUTSIDE, check_roles_switch

    with session_scope(state.engine) as session:
        if roles_enabled(session):
            return True
        if check_roles_switch(session):
            click.echo(translate(W_ROLES_OFF_OUTSIDE), err=True)
        return False


def owner_actor(state: CliState, pin: str | None) -> Actor:
    """SYSTEM when roles are off; otherwise the owner whose PIN was given or typed."""
    from ..db import session_scope

    if not _roles_on(state):
        return SYSTEM
    if pin is None:
        if not sys.stdin.isatty():
            raise ShopError(E_NO_TTY)
        pin = click.prompt(translate(M_PROMPT), hide_input=True)
    with session_scope(state.engine) as session:
        return login_owner_by_pin(session, pin)


def counter_actor(state: CliState, fallback_name: str | None = None) -> Actor:
    """Who acts in a counter command (add a member, record a visit, top up ...).

    `SYSTEM` (the owner's rights, named "system" in the audit) when roles are off. With
    roles on: the staff member named by ``--staff``/``SHOPCRM_STAFF`` logged in with their
    own PIN (their permissions apply and the audit names them), or, without a name, the
    owner whose PIN is given. The PIN comes from ``--pin``/``SHOPCRM_PIN`` or a hidden prompt.
    `fallback_name`: whom to log in when no name was given (``visit add``'s ``--staff``).
    """
    from ..db import session_scope
    from ..services.auth import login

    ctx = click.get_current_context(silent=True)
    given = ctx.meta.get(META_LOGIN, (None, None)) if ctx is not None else (None, None)
    name = given[0] or os.environ.get(ENV_STAFF) or fallback_name or None
    pin = given[1] or os.environ.get(ENV_PIN) or None
    if not _roles_on(state):
        return SYSTEM
    if pin is None:
        if not sys.stdin.isatty():
            raise ShopError(E_NO_TTY_STAFF)
        prompt = translate(M_STAFF_PROMPT, name=name) if name else translate(M_PROMPT)
        pin = click.prompt(prompt, hide_input=True)
    with session_scope(state.engine) as session:
        return login(session, name, pin) if name else login_owner_by_pin(session, pin)


def counter_command(func: F | None = None, *, names: tuple[str, ...] = ("--staff", "--as")) -> Any:
    """Add ``--staff NAME`` (also ``--as``) and ``--pin`` for `counter_actor` to read.

    ``visit add`` uses ``names=("--as",)``: its ``--staff`` names who did the service.
    """

    def decorate(inner: F) -> F:
        @click.option(
            *names,
            "counter_name",
            envvar=ENV_STAFF,
            default=None,
            metavar="NAME",
            help="Who is at the counter when roles are on (or SHOPCRM_STAFF).",
        )
        @click.option(
            "--pin",
            "counter_pin",
            envvar=ENV_PIN,
            default=None,
            metavar="PIN",
            help="Their PIN when roles are on (or SHOPCRM_PIN; asked if omitted).",
        )
        @wraps(inner)
        def wrapper(
            *args: Any, counter_name: str | None, counter_pin: str | None, **kwargs: Any
        ) -> Any:
            click.get_current_context().meta[META_LOGIN] = (counter_name, counter_pin)
            return inner(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate(func) if func is not None else decorate


def owner_command(func: F) -> F:
    """Add ``--pin`` and pass ``actor=`` (see the module docstring)."""

    @click.option(
        "--pin",
        envvar=ENV_PIN,
        default=None,
        metavar="PIN",
        help="Owner's PIN when roles are on (or set SHOPCRM_PIN; asked if omitted).",
    )
    @wraps(func)
    def wrapper(*args: Any, pin: str | None, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(CliState)
        if state is None:
            raise click.UsageError("owner_command needs the shopcrm command group")
        try:
            kwargs["actor"] = owner_actor(state, pin)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # locked, read-only, damaged ... in one line, exit 1
            report_failure(exc)
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
