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
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".shopcrm-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# Shared libraries Qt needs on a bare Debian/Ubuntu machine (PySide6 wheels bring Qt itself):
# installed all together when a missing library has no entry in QT_SONAME_PACKAGES.
QT_DEBIAN_PACKAGES = ["libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0",
                      "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0",
                      "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-xinerama0",
                      "libxcb-randr0", "libxcb-render-util0", "libxcb-image0"]
# The Debian package of each library Qt and its xcb platform plugin load (`ldd` names them).
QT_SONAME_PACKAGES = {
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6", "libxcb.so.1": "libxcb1", "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinput.so.0": "libxcb-xinput0", "libxcb-util.so.1": "libxcb-util1",
}


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


def missing_in_ldd(output: str) -> list[str]:
    """The libraries `ldd` could not find: lines like ``libxcb-icccm.so.4 => not found``."""
    return sorted({line.split()[0] for line in output.splitlines() if "=> not found" in line})


def missing_in_error(text: str) -> list[str]:
    """The library an ImportError names: ``libEGL.so.1: cannot open shared object file``."""
    return sorted(set(re.findall(r"([\w.+-]+\.so[\w.]*): cannot open shared object", text)))


def debian_packages(libraries: list[str]) -> list[str]:
    """Debian packages providing `libraries`; the whole Qt list when one is not known."""
    packages = {QT_SONAME_PACKAGES.get(lib, "") for lib in libraries}
    if "" in packages:
        packages = (packages - {""}) | set(QT_DEBIAN_PACKAGES)
    return sorted(packages)


def qt_missing_libraries(platform: str) -> tuple[list[str], str]:
    """What Qt would fail to load here for `platform` (xcb, offscreen, ...): the libraries
    missing for `from PySide6 import QtWidgets` and for the platform plugin itself (which
    that import does not load: a missing libxcb-icccm4 shows only when the window opens).
    Returns (libraries, the import's error when it names none)."""
    code = ("import os, PySide6; from PySide6 import QtWidgets; "
            "print(os.path.join(os.path.dirname(PySide6.__file__), 'Qt', 'plugins'))")
    probe = subprocess.run([str(PYTHON), "-c", code], capture_output=True, text=True)
    if probe.returncode != 0:
        missing = missing_in_error(probe.stderr)
        return missing, "" if missing else (probe.stderr.strip().splitlines() or ["?"])[-1]
    plugin = Path(probe.stdout.strip()) / "platforms" / f"libq{platform}.so"
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.exists():
        return [], ""
    listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True)
    return missing_in_ldd(listing.stdout), ""


def ensure_qt_libraries(platform: str) -> None:
    """Install (as root, with apt) or name the system libraries Qt needs for `platform`:
    `xcb` for the app on a Linux desktop, `offscreen` for the tests (no display needed)."""
    if not sys.platform.startswith("linux"):
        return
    missing, error = qt_missing_libraries(platform)
    if not missing and not error:
        return
    packages = debian_packages(missing) if missing else list(QT_DEBIAN_PACKAGES)
    what = ", ".join(missing) if missing else error
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        say(f"Qt ({platform}) misses {what}; installing " + " ".join(packages))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([apt, "-qq", "update"], check=False, env=env)
        subprocess.run([apt, "-y", "-qq", "install", *packages], check=True, env=env)
        missing, error = qt_missing_libraries(platform)
        if not missing and not error:
            return
        what = ", ".join(missing) if missing else error
    line = ("sudo apt-get install " + " ".join(packages) if apt
            else "install the packages of your system that provide them")
    sys.exit(f"Qt cannot load its {platform} platform: missing {what}\nTo fix it: {line}")


def check_layers() -> int:
    """The import-linter contracts in pyproject.toml (docs/architecture.md): `test` fails
    on an import that crosses the layers, before any test runs."""
    say("checking the layers (lint-imports)")
    return run([str(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"))])


def parallel(rest: list[str]) -> list[str]:
    """pytest-xdist options: one worker per core (at most 4), a test file kept on one worker so
    its module fixtures are built once. Nothing if the caller chose (-n, -p no:xdist)."""
    chose = any(a.startswith("-n") or a.startswith("--numprocesses") for a in rest)
    if chose or "no:xdist" in rest:
        return []
    cores = os.cpu_count() or 1
    # --no-loadscope-reorder: keep the collection order (tests/conftest.py starts the longest
    # file first) instead of xdist's biggest-file-first, which started the 5-minute GBK run last.
    options = ["-n", str(min(cores, 4)), "--dist", "loadfile", "--no-loadscope-reorder"]
    return options if cores > 1 else []


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
        ensure_qt_libraries(re.split("[;:]", os.environ.get("QT_QPA_PLATFORM", "xcb"))[0] or "xcb")
        if "--demo" in rest:
            rest = [a for a in rest if a != "--demo"]
            return run([str(PYTHON), "-m", "shopcrm", "--demo-shop", *rest])
        return run([str(PYTHON), "-m", "shopcrm", *rest])
    if command == "test":
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        ensure_qt_libraries(env["QT_QPA_PLATFORM"])
        if check_layers() != 0:
            return 1
        # One clock (docs/architecture.md, "Time"): the suite runs in a shop's zone far from
        # UTC, then the services again in UTC, so nothing may depend on the machine's zone.
        rest = [*parallel(rest), *rest]
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
