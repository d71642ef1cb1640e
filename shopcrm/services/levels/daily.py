"""Downgrades at a window's end, run by the shop itself once per shop day.

`hooks.on_open` calls `on_open` when the app opens a shop (as a background job after the
window shows, on the long-job lane, never inside a sale's transaction) and when a CLI write
command opens it; a settings key holds the last day it ran, so only the first opening of a
day does the work. `shopcrm level downgrades` runs it by hand at any time.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ... import clock
from ..auth import SYSTEM, Actor
from ..settings import get_setting, set_setting
from .changes import run_downgrades

log = logging.getLogger(__name__)

LAST_RUN_KEY = "levels.downgrades_last_run"


def run_daily_downgrades(
    session: Session, *, actor: Actor, today: date | None = None, force: bool = False
) -> list[int] | None:
    """`run_downgrades` unless it already ran on this shop day (then None); `force` runs it
    anyway. Returns the ids of the members stepped down."""
    day = (today or clock.today()).isoformat()
    if not force and get_setting(session, LAST_RUN_KEY) == day:
        return None
    moved = run_downgrades(session, actor=actor)
    set_setting(session, LAST_RUN_KEY, day)
    return moved


def on_open(engine: Engine) -> None:
    """Start-up step: today's downgrades in a write transaction of their own; a failure is
    logged and never stops the app or the command from starting."""
    from ...db import session_scope

    try:
        with session_scope(engine, write=True) as session:
            moved = run_daily_downgrades(session, actor=SYSTEM)
        if moved:
            log.info("levels: %d member(s) stepped down at the window's end", len(moved))
    except Exception:  # noqa: BLE001 - a failed catch-up must not block the counter
        log.exception("levels: start-up downgrades failed; the app continues")
