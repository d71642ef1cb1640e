"""Entry point of the frozen app (both ShopCRM and, on Windows, shopcrm-cli).

Without arguments the `shopcrm` command opens the desktop app; with a command it is the CLI
(`ShopCRM --version`, `ShopCRM demo --members 200`, ...), exactly as `python -m shopcrm`.
"""

from __future__ import annotations

import os
import sys


def _give_windowed_process_streams() -> None:
    """A windowed Windows build has no console: sys.stdout/stderr are None there.

    Click and rich write to them (a `--version` double-clicked from a shortcut, a log line);
    send that to the null device instead of failing. The console build (shopcrm-cli.exe)
    and the Linux build have real streams and are left alone.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main() -> None:
    _give_windowed_process_streams()
    from shopcrm.console import make_streams_safe

    make_streams_safe()  # a GBK console (cp936), a redirect or a pipe never crash a command
    if len(sys.argv) == 1 or os.environ.pop("SHOPCRM_RUN_APP", ""):
        # The window: straight away, or because `ShopCRM --db x.db` (the CLI without a
        # command) asked for it; the CLI starts the app as a process, never by import.
        from shopcrm.ui.app import main as app_main

        sys.exit(app_main())
    from shopcrm.cli import main as shopcrm_main

    shopcrm_main()


if __name__ == "__main__":
    main()
