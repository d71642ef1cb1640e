#!/usr/bin/env python3
"""Build the one-folder ShopCRM app (dist/ShopCRM/) on the system this runs on.

    python3 installer/build.py                # Linux, macOS or Windows
    python3 installer/build.py --installer    # Windows: also the Inno Setup installer

Standard library only: it makes (or reuses) the project's virtual environment `.venv/`,
installs ShopCRM with the `build` extra (PyInstaller) into it, then runs PyInstaller on
installer/shopcrm.spec. The spec compiles the translations and makes the icon files first.
It ends by printing the build time and the size of the folder.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "shopcrm.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_DIR = DIST / "ShopCRM"
ISS = ROOT / "installer" / "windows" / "shopcrm.iss"
WINDOWS = os.name == "nt"


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def ensure_build_env(venv: Path) -> Path:
    """The venv's python with ShopCRM[build] installed (reinstalled when pyproject changes)."""
    python = venv_python(venv)
    if not python.exists():
        say(f"creating virtual environment {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    stamp = venv / ".shopcrm-build-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    say("installing ShopCRM and PyInstaller into it (a few minutes the first time)")
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-e", f"{ROOT}[build]"], check=True)
    stamp.write_text(wanted)
    return python


def app_version() -> str:
    namespace: dict[str, str] = {}
    init = (ROOT / "shopcrm" / "__init__.py").read_text(encoding="utf-8")
    for line in init.splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)  # a single literal assignment
    return namespace.get("__version__", "0.0.0")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(python: Path) -> None:
    if APP_DIR.exists():
        shutil.rmtree(APP_DIR)
    command = [
        str(python),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    say("running PyInstaller (several minutes)")
    subprocess.run(command, cwd=ROOT, check=True)


def write_version_ini(version: str) -> Path:
    """The version for the Inno Setup script (read with ReadIni)."""
    path = ROOT / "build" / "version.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[app]\nversion={version}\n", encoding="utf-8")
    return path


def build_installer(version: str) -> None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    for guess in (
        Path(os.environ.get("PROGRAMFILES(X86)", "")) / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Inno Setup 6" / "ISCC.exe",
    ):
        if iscc is None and guess.exists():
            iscc = str(guess)
    if iscc is None:
        sys.exit(
            "Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org, then run "
            f'"ISCC.exe" /DAppVersion={version} {ISS}'
        )
    subprocess.run([iscc, f"/DAppVersion={version}", str(ISS)], check=True)
    say(f"installer written to {DIST / f'ShopCRM-{version}-setup.exe'}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--venv",
        type=Path,
        default=ROOT / ".venv",
        help="virtual environment to build in (default: the project's .venv)",
    )
    parser.add_argument(
        "--installer",
        action="store_true",
        help="Windows: compile installer/windows/shopcrm.iss afterwards",
    )
    args = parser.parse_args(argv)
    if sys.version_info < (3, 11):  # noqa: UP036 - runs with any python3
        sys.exit(f"ShopCRM needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    started = time.monotonic()
    python = ensure_build_env(args.venv.resolve())
    setup_done = time.monotonic()
    run_pyinstaller(python)
    finished = time.monotonic()
    version = app_version()
    write_version_ini(version)
    exe = APP_DIR / ("ShopCRM.exe" if WINDOWS else "ShopCRM")
    if not exe.exists():
        sys.exit(f"PyInstaller finished but {exe} is missing")
    size_mb = folder_size(APP_DIR) / 1_000_000
    files = sum(1 for p in APP_DIR.rglob("*") if p.is_file())
    say(f"ShopCRM {version} built in {APP_DIR}")
    say(
        f"time: {finished - started:.0f} s in all ({setup_done - started:.0f} s environment, "
        f"{finished - setup_done:.0f} s PyInstaller)"
    )
    say(f"size: {size_mb:.0f} MB in {files} files")
    if args.installer:
        if not WINDOWS:
            sys.exit("--installer needs Windows (Inno Setup)")
        build_installer(version)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
