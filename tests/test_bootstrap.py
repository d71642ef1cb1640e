"""bootstrap.py: the Qt probe names the libraries Qt's platform plugin really misses, and
`test` checks the layers before it runs pytest."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def bootstrap():
    spec = importlib.util.spec_from_file_location("shopcrm_bootstrap", ROOT / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LDD_XCB = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2)
"""


def test_ldd_output_gives_the_missing_libraries_once(bootstrap):
    assert bootstrap.missing_in_ldd(LDD_XCB) == [
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]
    assert bootstrap.missing_in_ldd("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_missing_libraries_map_to_their_debian_packages(bootstrap):
    libraries = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert bootstrap.debian_packages(libraries) == [
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
    ]


def test_an_unknown_library_falls_back_to_the_whole_qt_list(bootstrap):
    packages = bootstrap.debian_packages(["libxcb-icccm.so.4", "libsomething-new.so.3"])
    assert set(packages) == set(bootstrap.QT_DEBIAN_PACKAGES)


def test_an_import_error_names_its_library(bootstrap):
    text = "ImportError: libEGL.so.1: cannot open shared object file: No such file or directory"
    assert bootstrap.missing_in_error(text) == ["libEGL.so.1"]
    assert bootstrap.missing_in_error("ImportError: something else") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the probe is for Linux")
def test_the_offscreen_platform_needs_nothing_the_tests_do_not_have(bootstrap, monkeypatch):
    """The test command probes `offscreen` only: a headless CI machine without the xcb
    libraries must pass the probe (these very tests run offscreen)."""
    monkeypatch.setattr(bootstrap, "PYTHON", Path(sys.executable))
    assert bootstrap.qt_missing_libraries("offscreen") == ([], "")


def test_test_command_checks_the_layers_before_pytest(bootstrap, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(bootstrap, "ensure_venv", lambda: None)
    monkeypatch.setattr(bootstrap, "ensure_qt_libraries", lambda platform: calls.append(platform))

    def run(args, env=None):  # noqa: ANN001, ANN202
        name = Path(args[0]).name if "-m" not in args else args[args.index("-m") + 1]
        if "build_translations.py" in " ".join(args):
            name = "translations"
        calls.append(name)
        return 1 if name.startswith("lint-imports") and lint_fails else 0

    monkeypatch.setattr(bootstrap, "run", run)
    lint_fails = False
    assert bootstrap.main(["test", "-q"]) == 0
    assert "offscreen" in calls and "xcb" not in calls
    lint = next(i for i, c in enumerate(calls) if c.startswith("lint-imports"))
    assert "pytest" in calls[lint:]
    assert "pytest" not in calls[:lint]

    calls.clear()
    lint_fails = True
    assert bootstrap.main(["test"]) == 1
    assert "pytest" not in calls
