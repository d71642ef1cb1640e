"""Command-line interface. Each module in this package adds its commands to `main`."""

import importlib
import pkgutil

from .app import CliState, echo_json, fail, handle_errors, main, pass_state

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "app":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["CliState", "echo_json", "fail", "handle_errors", "main", "pass_state"]
