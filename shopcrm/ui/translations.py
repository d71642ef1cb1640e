"""Build the Qt translation files: ``.ts`` (sources, in git) → ``.qm`` (build products).

Run by ``scripts/build_translations.py`` (bootstrap / installer) and, as a fallback, by the
app at start when a ``.qm`` is missing or older than its ``.ts`` and lrelease is available.
No Qt import: this runs in build scripts too.

    pyside6-lupdate shopcrm/ui -extensions py -ts resources/translations/shopcrm_zh_CN.ts
    pyside6-lrelease resources/translations/shopcrm_zh_CN.ts
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from ..paths import resource_dir

log = logging.getLogger(__name__)

# language code used by the app → Qt locale suffix of the .ts/.qm file
QT_LOCALES = {"zh": "zh_CN"}
SOURCE_LANGUAGE = "en"


def translations_dir() -> Path:
    return resource_dir() / "translations"


def ts_path(lang: str) -> Path:
    return translations_dir() / f"shopcrm_{QT_LOCALES[lang]}.ts"


def qm_path(lang: str) -> Path:
    return ts_path(lang).with_suffix(".qm")


def _tool(name: str) -> str | None:
    """The Qt tool `name` (lrelease/lupdate) shipped with PySide6, or on PATH."""
    exe = name + (".exe" if sys.platform == "win32" else "")
    try:
        import PySide6

        candidate = Path(PySide6.__file__).resolve().parent / exe
        if candidate.exists():
            return str(candidate)
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        pass
    for found in (shutil.which(f"pyside6-{name}"), shutil.which(name)):
        if found:
            return found
    return None


def lrelease_available() -> bool:
    return _tool("lrelease") is not None


def needs_build(lang: str) -> bool:
    ts, qm = ts_path(lang), qm_path(lang)
    return ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime)


def compile_translations(force: bool = False) -> list[Path]:
    """Compile every ``.ts`` whose ``.qm`` is missing or stale; returns the files written."""
    tool = _tool("lrelease")
    written: list[Path] = []
    for lang in QT_LOCALES:
        if not (force or needs_build(lang)):
            continue
        if tool is None:
            log.warning("lrelease not found; %s not compiled", ts_path(lang))
            continue
        result = subprocess.run(
            [tool, "-silent", str(ts_path(lang)), "-qm", str(qm_path(lang))],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            log.warning("lrelease failed for %s: %s", ts_path(lang), result.stderr.strip())
            continue
        written.append(qm_path(lang))
    return written


def update_sources(source_dir: Path | None = None) -> None:
    """Refresh the ``.ts`` files from the ``tr()`` calls in shopcrm/ui (keeps translations)."""
    tool = _tool("lupdate")
    if tool is None:
        raise RuntimeError("pyside6-lupdate not found")
    src = source_dir or Path(__file__).resolve().parent
    files = sorted(str(p) for p in src.rglob("*.py"))
    for lang, qt_locale in QT_LOCALES.items():
        subprocess.run(
            [
                tool,
                *files,
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                SOURCE_LANGUAGE,
                "-target-language",
                qt_locale,
                "-ts",
                str(ts_path(lang)),
            ],
            check=True,
        )
