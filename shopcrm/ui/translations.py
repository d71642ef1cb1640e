"""Build the Qt translation files: ``.ts`` (sources, in git) → ``.qm`` (build products).

Run by ``scripts/build_translations.py`` (bootstrap / installer) and, as a fallback, by the
app at start when a ``.qm`` is missing or older than its ``.ts`` and lrelease is available.
No Qt import: this runs in build scripts too.

    pyside6-lupdate shopcrm/ui -extensions py -ts resources/translations/shopcrm_zh_CN.ts
    pyside6-lrelease resources/translations/shopcrm_zh_CN.ts

Each screen package ``shopcrm/ui/<area>/`` has its own catalogue ``<area>_zh_CN.ts``; the rest
of shopcrm/ui (main window, widgets, models) is ``shopcrm_zh_CN.ts``. Qt looks a text up in
every installed catalogue, so splitting changes nothing at run time and keeps each screen's
translations beside its own work.
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


MAIN_CATALOGUE = "shopcrm"
# Sub-packages of shopcrm/ui that are helpers, not screens: their texts go to the main catalogue.
SHARED_PACKAGES = {"models", "ops", "widgets"}


def ts_path(lang: str, catalogue: str = MAIN_CATALOGUE) -> Path:
    return translations_dir() / f"{catalogue}_{QT_LOCALES[lang]}.ts"


def qm_path(lang: str, catalogue: str = MAIN_CATALOGUE) -> Path:
    return ts_path(lang, catalogue).with_suffix(".qm")


def ts_files(lang: str) -> list[Path]:
    """Every catalogue's .ts for `lang`, the main one first."""
    files = sorted(translations_dir().glob(f"*_{QT_LOCALES[lang]}.ts"))
    return sorted(files, key=lambda p: p.name != ts_path(lang).name)


def qm_files(lang: str) -> list[Path]:
    return [ts.with_suffix(".qm") for ts in ts_files(lang)]


def catalogue_sources(ui_dir: Path | None = None) -> dict[str, list[Path]]:
    """Which Python files feed which catalogue."""
    root = ui_dir or Path(__file__).resolve().parent
    sources: dict[str, list[Path]] = {MAIN_CATALOGUE: []}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        area = parts[0] if len(parts) > 1 and parts[0] not in SHARED_PACKAGES else MAIN_CATALOGUE
        sources.setdefault(area, []).append(path)
    return sources


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


def _stale(ts: Path) -> bool:
    qm = ts.with_suffix(".qm")
    return not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime


def needs_build(lang: str) -> bool:
    return any(_stale(ts) for ts in ts_files(lang))


def compile_translations(force: bool = False) -> list[Path]:
    """Compile every ``.ts`` whose ``.qm`` is missing or stale; returns the files written."""
    tool = _tool("lrelease")
    written: list[Path] = []
    for lang in QT_LOCALES:
        for ts in ts_files(lang):
            if not (force or _stale(ts)):
                continue
            if tool is None:
                log.warning("lrelease not found; %s not compiled", ts)
                continue
            qm = ts.with_suffix(".qm")
            result = subprocess.run(
                [tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True
            )
            if result.returncode != 0:
                log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
                continue
            written.append(qm)
    return written


def update_sources(source_dir: Path | None = None) -> None:
    """Refresh the ``.ts`` files from the ``tr()`` calls in shopcrm/ui (keeps translations)."""
    tool = _tool("lupdate")
    if tool is None:
        raise RuntimeError("pyside6-lupdate not found")
    for catalogue, paths in catalogue_sources(source_dir).items():
        files = [str(p) for p in paths]
        for lang, qt_locale in QT_LOCALES.items():
            _lupdate(tool, files, lang, qt_locale, catalogue)


def _lupdate(tool: str, files: list[str], lang: str, qt_locale: str, catalogue: str) -> None:
    """Refresh one catalogue's .ts for one language from its source files."""
    subprocess.run(
        [tool, *files, "-no-obsolete", "-locations", "none",
         "-source-language", SOURCE_LANGUAGE, "-target-language", qt_locale,
         "-ts", str(ts_path(lang, catalogue))],
        check=True,
    )
