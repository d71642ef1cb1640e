"""Work other services want done at well-known moments (after the demo, at start-up).

Kept here so that start-up and the demo call one function, and each domain adds its step
in one place instead of the CLI and the UI each knowing the list.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine

from . import backup

log = logging.getLogger(__name__)


def on_open(engine: Engine) -> None:
    """Run when the app or a CLI command opens a shop: defaults and catch-up work."""
    from .files import warn_if_network_share

    warn_if_network_share(engine)  # SQLite on a share: logged at every start
    backup.on_open(engine)  # the daily backup; logs and never raises
    from .followups import on_open as followups_on_open  # seed rules, raise what is due

    followups_on_open(engine)
    from .levels.daily import on_open as levels_on_open  # downgrades, once per shop day

    levels_on_open(engine)


def after_demo(engine: Engine) -> None:
    """Run after the demo shop is written: raise its follow-ups even if today's run is done
    (the database was opened, and raised for, before the demo members existed)."""
    from .followups import on_open as followups_on_open

    followups_on_open(engine, force=True)
    from .care.demo import add_demo_care  # complaints, campaigns, call scores (issue 20)

    add_demo_care(engine)
