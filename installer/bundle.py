"""What goes into the frozen app: the lists shopcrm.spec hands to PyInstaller.

Kept apart from the spec (and free of PyInstaller imports) so that tests/test_packaging.py
checks the very lists the build uses. Everything is found by walking the checkout at build
time, so resources, migrations and modules added by other branches are picked up without
editing this file.
"""

from __future__ import annotations

import ast
from pathlib import Path

APP_NAME = "ShopCRM"
# The Windows console companion of the windowed ShopCRM.exe (same folder, same libraries).
CLI_NAME = "shopcrm-cli"
ENTRY_SCRIPT = "installer/launcher.py"
ICON = "resources/icons/shopcrm.ico"

# Folders of the checkout copied as they are (source, place inside the bundle). The
# migrations are read from the file system by Alembic (shopcrm/migrate.py MIGRATIONS_DIR).
DATA_TREES = (
    ("resources", "resources"),
    ("shopcrm/migrations", "shopcrm/migrations"),
)
SKIPPED_PARTS = {"__pycache__", ".DS_Store", "Thumbs.db"}
SKIPPED_SUFFIXES = {".pyc", ".pyo", ".orig", ".rej", ".swp"}

# Modules that are imported by name at run time, which PyInstaller cannot see.
HIDDEN_IMPORTS = [
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    # psycopg's C implementation (it refuses to be imported before psycopg, so it is named
    # here rather than walked with collect_submodules)
    "psycopg_binary",
    "psycopg_binary.pq",
    "psycopg_binary._psycopg",
    "psycopg_binary.version",
    "PySide6.QtSvg",  # SVG icons: Qt's svg image-format plugin needs it
    "matplotlib.backends.backend_qtagg",
    "matplotlib.backends.backend_agg",
    "openpyxl",
    "xlsxwriter",  # the month's workbook and the member export (imported lazily)
    "charset_normalizer",
    "lunar_python",
    "pypinyin",
    "phonenumbers",
    "scipy.special",
    "scipy.optimize",
]
# Packages whose submodules are loaded by name (phone metadata per region, rich's unicode
# tables, Alembic's dialect implementations).
SUBMODULE_PACKAGES = [
    "phonenumbers.data",
    "phonenumbers.shortdata",
    "rich._unicode_data",
    "alembic",
]
# Packages whose non-Python files must travel with them.
DATA_PACKAGES = ["pypinyin", "phonenumbers", "lunar_python", "openpyxl", "matplotlib"]
MATPLOTLIB_BACKENDS = ["QtAgg", "Agg", "SVG", "PDF"]

# Never needed at run time: GUI toolkits we do not use, test tools, interactive shells,
# phonenumbers' 40 MB geocoding/carrier tables (ShopCRM only parses and formats numbers;
# tests/test_packaging.py fails if the code starts using them).
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "wx",
    "gi",
    "IPython",
    "jedi",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "lunardate",
    "ruff",
    "alembic.testing",
    "sqlalchemy.testing",
    "matplotlib.tests",
    "matplotlib.testing",
    "numpy.tests",
    # not numpy.f2py: scipy.optimize imports it (`shopcrm selfcheck` caught that)
    "scipy.tests",
    "phonenumbers.geodata",
    "phonenumbers.carrierdata",
    "phonenumbers.tzdata",
    "phonenumbers.geocoder",
    "phonenumbers.carrier",
    "phonenumbers.timezone",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtXml",
]


# Qt's own catalogues (standard dialog buttons...) for the languages ShopCRM speaks.
QT_LOCALES_KEPT = ("zh_CN", "en")
# Linux: Qt's GTK3 platform theme drags in the whole GTK stack (about 20 MB), which can also
# clash with the system's GTK. ShopCRM has its own style sheet, so it runs with Qt's Fusion
# style and these are left out. (Libraries needed only by that plugin, found with readelf.)
GTK_THEME_PLUGIN = "platformthemes/libqgtk3"
GTK_STACK_LIBS = (
    "libgtk-3.so",
    "libgdk-3.so",
    "libgdk_pixbuf-2.0.so",
    "libatk-1.0.so",
    "libatk-bridge-2.0.so",
    "libatspi.so",
    "libcairo.so",
    "libcairo-gobject.so",
    "libpango-1.0.so",
    "libpangocairo-1.0.so",
    "libpangoft2-1.0.so",
    "libepoxy.so",
    "libpixman-1.so",
    "libthai.so",
    "libdatrie.so",
    "libfribidi.so",
    "libgraphite2.so",
    "libharfbuzz.so",
)


def keep_binary(dest: str) -> bool:
    """False for the GTK theme plugin and the libraries only it needs."""
    dest = dest.replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    return GTK_THEME_PLUGIN not in dest and not name.startswith(GTK_STACK_LIBS)


def keep_data(dest: str) -> bool:
    """False for Qt's catalogues in languages ShopCRM does not offer (about 7 MB)."""
    dest = dest.replace("\\", "/")
    folder, _, name = dest.rpartition("/")
    if not (folder.startswith("PySide6/") and folder.endswith("/translations")):
        return True
    stem = name.removesuffix(".qm")
    return any(stem.endswith(f"_{locale}") for locale in QT_LOCALES_KEPT) and not stem.startswith(
        "qt_help"
    )


def _wanted(path: Path) -> bool:
    return (
        path.is_file()
        and not (SKIPPED_PARTS & set(path.parts))
        and path.suffix not in SKIPPED_SUFFIXES
    )


def app_datas(root: Path) -> list[tuple[str, str]]:
    """(file, folder inside the bundle) for every file of the data trees that exist."""
    datas: list[tuple[str, str]] = []
    for source, target in DATA_TREES:
        base = root / source
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if _wanted(p)):
            relative = path.parent.relative_to(base)
            datas.append((str(path), str(Path(target) / relative)))
    return datas


def migration_imports(root: Path) -> list[str]:
    """Modules the migration scripts import (they are loaded as files, not analysed)."""
    names: set[str] = set()
    for path in sorted((root / "shopcrm" / "migrations").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                # `from alembic import op`: op may be a module; `Base` (CapWords) is not.
                names.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name != "*" and alias.name.islower()
                )
    return sorted(names)


def is_shopcrm_module(name: str) -> bool:
    """Submodules of shopcrm to freeze: all but the migrations (shipped as files)."""
    return not (name == "shopcrm.migrations" or name.startswith("shopcrm.migrations."))
