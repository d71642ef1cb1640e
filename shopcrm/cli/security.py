"""`owner_command`: the decorator that makes a CLI command ask for the owner's PIN.

When the shop has roles switched on (``shopcrm roles on``), owner commands need the owner's
PIN: from ``--pin``, from the ``SHOPCRM_PIN`` variable, or typed at a hidden prompt. Without
a terminal (a script, a pipe) and without a PIN the command stops with a clear message
instead of waiting. The command receives ``actor`` (the owner's `Actor`, or `SYSTEM` when
roles are off) to pass to the services. Use it under ``@main.command()``::

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
M_PROMPT = define("cli.pin_prompt", en="Owner PIN", zh="店主 PIN 码")
E_NO_TTY = define(
    "cli.pin_needed",
    en="Roles are on: this command needs the owner's PIN. Give --pin or set SHOPCRM_PIN "
    "(no terminal to ask in).",
    zh="已启用角色：此命令需要店主 PIN 码。请使用 --pin 或设置 SHOPCRM_PIN（当前无法交互输入）。",
)


def owner_actor(state: CliState, pin: str | None) -> Actor:
    """SYSTEM when roles are off; otherwise the owner whose PIN was given or typed."""
    from ..db import session_scope

    with session_scope(state.engine) as session:
        if not roles_enabled(session):
            return SYSTEM
    if pin is None:
        if not sys.stdin.isatty():
            raise ShopError(E_NO_TTY)
        pin = click.prompt(translate(M_PROMPT), hide_input=True)
    with session_scope(state.engine) as session:
        return login_owner_by_pin(session, pin)


def counter_actor(state: CliState) -> Actor:
    """Who acts in a counter command (add a member, record a visit, top up ...).

    `SYSTEM` (the owner's rights, named "system" in the audit) when roles are off. With
    roles on the terminal has no login screen, so it acts as the owner and needs the
    owner's PIN from ``SHOPCRM_PIN`` (or typed at a hidden prompt); before, these commands
    ran with owner rights and no PIN at all.
    """
    return owner_actor(state, os.environ.get(ENV_PIN) or None)


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
