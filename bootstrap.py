#!/usr/bin/env python3
"""Set up ShopCRM from a fresh checkout with nothing but Python 3.11+, then run it.

    python3 bootstrap.py app --demo     # make .venv, install, open the app on the demo shop
    python3 bootstrap.py app            # open the app on your shop (user data folder)
    python3 bootstrap.py test [ARGS]    # make .venv, install, run the whole test suite
    python3 bootstrap.py shopcrm ARGS   # any CLI command, e.g. `shopcrm find 8000`

Only the standard library is used here. The virtual environment lives in `.venv/` and is
reinstalled when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".shopcrm-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# Shared libraries Qt needs on a bare Debian/Ubuntu machine (PySide6 wheels bring Qt itself).
QT_DEBIAN_PACKAGES = ["libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0",
                      "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0",
                      "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-xinerama0",
                      "libxcb-randr0", "libxcb-render-util0", "libxcb-image0"]


def say(text: str) -> None:
    print(f"[bootstrap] {text}", flush=True)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs before any venv exists
        sys.exit(f"ShopCRM needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say(f"creating virtual environment in {VENV}")
        try:
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        except subprocess.CalledProcessError:
            sys.exit("Could not create a virtual environment. On Debian/Ubuntu install it with: "
                     "sudo apt-get install python3-venv")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("installing ShopCRM and its dependencies (first run takes a few minutes)")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def ensure_qt_libraries() -> None:
    """Qt's wheels need a few system libraries that minimal Linux machines lack."""
    if not sys.platform.startswith("linux"):
        return
    probe = subprocess.run([str(PYTHON), "-c", "from PySide6 import QtWidgets"],
                           capture_output=True, text=True)
    if probe.returncode == 0:
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing the system libraries Qt needs: " + " ".join(QT_DEBIAN_PACKAGES))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([apt, "-qq", "update"], check=False, env=env)
        subprocess.run([apt, "-y", "-qq", "install", *QT_DEBIAN_PACKAGES], check=True, env=env)
        return
    sys.exit("Qt cannot load: " + probe.stderr.strip().splitlines()[-1] + "\nInstall: sudo "
             "apt-get install " + " ".join(QT_DEBIAN_PACKAGES))


def run(args: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(args, cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    ensure_venv()
    # The UI translations (.ts -> .qm) are build products; compile them when missing or stale.
    run([str(PYTHON), str(ROOT / "scripts" / "build_translations.py")])
    if command == "app":
        ensure_qt_libraries()
        if "--demo" in rest:
            rest = [a for a in rest if a != "--demo"]
            return run([str(PYTHON), "-m", "shopcrm", "--demo-shop", *rest])
        return run([str(PYTHON), "-m", "shopcrm", *rest])
    if command == "test":
        ensure_qt_libraries()
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        # One clock (docs/architecture.md, "Time"): the suite runs in a shop's zone far from
        # UTC, then the services again in UTC, so nothing may depend on the machine's zone.
        code = run([str(PYTHON), "-m", "pytest", *rest], env=dict(env, TZ="Asia/Shanghai"))
        chosen = any(not a.startswith("-") and (ROOT / a.split("::")[0]).exists() for a in rest)
        if code != 0 or chosen:  # the second pass is for the whole suite only
            return code
        say("tests/services again with TZ=UTC")
        return run([str(PYTHON), "-m", "pytest", *rest, "tests/services"], env=dict(env, TZ="UTC"))
    if command == "shopcrm":
        return run([str(PYTHON), "-m", "shopcrm", *rest])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
