"""Command-line interface. Each module in this package adds its commands to `main`.

The modules are imported when one of their commands runs (`COMMAND_MODULES` in app.py), so
starting a command loads only what it needs.
"""

from .app import CliState, echo_json, fail, handle_errors, main, pass_state

__all__ = ["CliState", "echo_json", "fail", "handle_errors", "main", "pass_state"]
