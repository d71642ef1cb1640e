"""The installer ships everything the app loads (fast: no build, no PyInstaller needed).

The spec is executed with stand-ins for PyInstaller's classes, so these tests check the very
lists a real build hands to PyInstaller, and every resource the code refers to exists.
"""

from __future__ import annotations

import ast
import configparser
import fnmatch
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "shopcrm" / "migrations"
RESOURCE_SUFFIXES = (
    ".qss",
    ".svg",
    ".png",
    ".ico",
    ".qm",
    ".ts",
    ".ttf",
    ".otf",
    ".gif",
    ".jpg",
    ".jpeg",
    ".webp",
    ".icns",
    ".css",
    ".html",
)

sys.path.insert(0, str(INSTALLER))
import bundle  # noqa: E402

sys.path.remove(str(INSTALLER))


# ---------------------------------------------------------------- the spec, run with stand-ins


class _Recorder:
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]

    def __init__(self, kind: str, calls: list) -> None:
        self.kind, self.calls = kind, calls

    def __call__(self, *args: Any, **kwargs: Any) -> types.SimpleNamespace:
        self.calls.append((self.kind, args, kwargs))
        return types.SimpleNamespace(
            kind=self.kind, args=args, kwargs=kwargs, pure=[], scripts=[], binaries=[], datas=[]
        )


@pytest.fixture(scope="module")
def spec_calls() -> dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]]:
    """Run installer/shopcrm.spec with fake PyInstaller objects; return what it asked for."""
    calls: list = []
    submodule_requests: list[str] = []

    def collect_submodules(package: str, filter=None, **_: Any) -> list[str]:  # noqa: A002
        submodule_requests.append(package)
        names = [package, f"{package}.migrations", f"{package}.migrations.env"]
        return [n for n in names if filter is None or filter(n)]

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = collect_submodules
    hooks.collect_data_files = lambda package, **_: [(f"<{package} data>", package)]
    fake_prebuild = types.ModuleType("prebuild")
    fake_prebuild.run = lambda root: calls.append(("prebuild", (root,), {}))
    modules = {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "prebuild": fake_prebuild,
    }
    saved = {name: sys.modules.get(name) for name in modules}
    saved_path = list(sys.path)
    sys.modules.update(modules)
    namespace = {"SPECPATH": str(INSTALLER), "__name__": "__spec__"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT"):
        namespace[kind] = _Recorder(kind, calls)
    try:
        spec = INSTALLER / "shopcrm.spec"
        exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    finally:
        sys.path[:] = saved_path
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    result: dict[str, list] = {"submodules": [((p,), {}) for p in submodule_requests]}
    for kind, args, kwargs in calls:
        result.setdefault(kind, []).append((args, kwargs))
    return result


def _analysis(spec_calls: dict) -> dict[str, Any]:
    [(args, kwargs)] = spec_calls["Analysis"]
    return {"scripts": args[0], **kwargs}


def _bundled_files(spec_calls: dict) -> dict[Path, str]:
    """source file → folder inside the bundle, for the checkout's own data files."""
    return {
        Path(src).resolve(): dest
        for src, dest in _analysis(spec_calls)["datas"]
        if not src.startswith("<")
    }


def test_spec_prepares_resources_before_listing_them(spec_calls):
    assert spec_calls["prebuild"] == [((ROOT,), {})]


def test_spec_bundles_every_file_of_resources_and_the_migrations(spec_calls):
    bundled = _bundled_files(spec_calls)
    for base, target in ((RESOURCES, "resources"), (MIGRATIONS, "shopcrm/migrations")):
        files = [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        assert files, f"nothing under {base}"
        for path in files:
            expected = Path(target) / path.parent.relative_to(base)
            assert Path(bundled.get(path.resolve(), "<missing>")) == expected, path
    names = {p.name for p in bundled}
    assert {"env.py", "script.py.mako", "0001_initial_schema.py"} <= names


def test_spec_imports_what_the_code_loads_by_name(spec_calls):
    hidden = set(_analysis(spec_calls)["hiddenimports"])
    assert "shopcrm" in hidden  # collect_submodules("shopcrm") ...
    assert not any(n.startswith("shopcrm.migrations") for n in hidden)  # ... but not these
    assert {"alembic.op", "sqlalchemy", "shopcrm.models"} <= hidden  # from the migrations
    assert {"sqlalchemy.dialects.postgresql.psycopg", "psycopg_binary.pq"} <= hidden
    requested = {args[0] for args, _ in spec_calls["submodules"]}
    assert {"shopcrm", "phonenumbers.data", "rich._unicode_data", "alembic"} <= requested
    data_packages = {src for src, _ in _analysis(spec_calls)["datas"] if src.startswith("<")}
    for package in ("pypinyin", "phonenumbers", "lunar_python", "matplotlib", "openpyxl"):
        assert f"<{package} data>" in data_packages


def test_spec_entry_point_excludes_and_executables(spec_calls):
    analysis = _analysis(spec_calls)
    [script] = analysis["scripts"]
    assert Path(script) == INSTALLER / "launcher.py" and Path(script).exists()
    assert {"tkinter", "pytest", "hypothesis", "PySide6.QtQml"} <= set(analysis["excludes"])
    # needed at run time although they look like tooling (scipy.optimize imports numpy.f2py)
    assert not {"numpy.f2py", "unittest", "scipy.optimize"} & set(analysis["excludes"])
    names = [kwargs["name"] for _, kwargs in spec_calls["EXE"]]
    consoles = [kwargs["console"] for _, kwargs in spec_calls["EXE"]]
    if sys.platform == "win32":
        assert names == ["ShopCRM", "shopcrm-cli"] and consoles == [False, True]
    else:
        assert names == ["ShopCRM"] and consoles == [True]
    [(_, collect)] = spec_calls["COLLECT"]
    assert collect["name"] == "ShopCRM"


def test_gtk_theme_and_foreign_qt_catalogues_are_dropped_but_qt_itself_kept():
    assert not bundle.keep_binary("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not bundle.keep_binary("libgtk-3.so.0")
    assert not bundle.keep_binary("libharfbuzz.so.0")
    for kept in (
        "libQt6Gui.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libglib-2.0.so.0",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    ):
        assert bundle.keep_binary(kept), kept
    assert bundle.keep_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert bundle.keep_data("PySide6\\translations\\qt_zh_CN.qm")  # Windows layout
    assert bundle.keep_data("PySide6/Qt/translations/qtbase_en.qm")
    assert not bundle.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not bundle.keep_data("PySide6/Qt/translations/qt_help_zh_CN.qm")
    assert bundle.keep_data("resources/translations/shopcrm_de.qm")  # ours: all kept


def test_excluded_phone_tables_are_not_used_by_the_code():
    used = re.compile(r"phonenumbers\s*(import[^\n]*\b|\.)(geocoder|carrier|timezone)\b")
    for path in (ROOT / "shopcrm").rglob("*.py"):
        assert not used.search(path.read_text(encoding="utf-8")), (
            f"{path} uses phonenumbers' geocoder/carrier/timezone tables: remove them from "
            "bundle.EXCLUDES"
        )


# ---------------------------------------------------------------- resources the code refers to


def _pattern(node: ast.expr) -> str | None:
    """A string constant, or an f-string as a glob pattern ({...} → *)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "*" for v in node.values)
    return None


def _resource_dir_chain(node: ast.BinOp) -> list[str] | None:
    """["icons", "app.png"] for `resource_dir() / "icons" / "app.png"`."""
    parts: list[str] = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        part = _pattern(node.right)
        if part is None:
            return None
        parts.insert(0, part)
        node = node.left
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, (ast.Name, ast.Attribute))
        and getattr(node.func, "id", getattr(node.func, "attr", "")) == "resource_dir"
    ):
        return parts
    return None


def resource_references() -> list[tuple[Path, str]]:
    """(file, pattern relative to resources/ or a bare file name) for each reference."""
    found: list[tuple[Path, str]] = []
    for path in sorted((ROOT / "shopcrm").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        chained: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.BinOp):
                parts = _resource_dir_chain(node)
                if parts:
                    found.append((path, "/".join(parts)))
                    chained.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            # Bare names: constants only. An f-string outside a resource_dir() chain names a
            # file the code writes (e.g. chart PNGs), not a resource it loads.
            text = _pattern(node) if isinstance(node, ast.Constant) else None
            if (
                text
                and id(node) not in chained
                and text.lower().endswith(RESOURCE_SUFFIXES)
                and text.strip("*.")
                and not text.startswith(".")
                and re.fullmatch(r"[\w*./:-]+", text)
            ):
                found.append((path, text.removeprefix(":/").split("/")[-1]))
    return found


def _exists_in_resources(pattern: str) -> bool:
    files = [p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*") if p.is_file()]
    dirs = [p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*") if p.is_dir()]
    if pattern.endswith(".qm"):  # built from the .ts at build time
        return _exists_in_resources(pattern[:-3] + ".ts") or _exists_in_resources(pattern[:-3])
    if "/" in pattern:
        return any(fnmatch.fnmatch(p, pattern) for p in files + dirs)
    return any(fnmatch.fnmatch(p.split("/")[-1], pattern) for p in files + dirs)


def test_every_resource_the_code_refers_to_exists_and_is_bundled(spec_calls):
    references = resource_references()
    assert any(ref == "icons/shopcrm.png" for _, ref in references), references
    missing = [
        f"{path.relative_to(ROOT)}: {ref}"
        for path, ref in references
        if not _exists_in_resources(ref)
    ]
    assert missing == []
    bundled_dests = {dest for dest in _bundled_files(spec_calls).values()}
    assert "resources/icons" in bundled_dests


def test_reference_scanner_sees_chains_and_file_names(tmp_path):
    """The scanner itself: a missing file would be reported."""
    tree = ast.parse('x = resource_dir() / "styles" / f"{name}.qss"\ny = QIcon("nope.svg")')
    parts = [_resource_dir_chain(n) for n in ast.walk(tree) if isinstance(n, ast.BinOp)]
    assert ["styles", "*.qss"] in parts
    assert not _exists_in_resources("icons/definitely-missing.png")
    assert _exists_in_resources("icons/shopcrm.*")


# ---------------------------------------------------------------- installers refer to real files


def test_icon_exists_in_every_format():
    for ext in ("svg", "png", "ico"):
        assert (RESOURCES / "icons" / f"shopcrm.{ext}").stat().st_size > 500
    assert (RESOURCES / "icons" / "shopcrm.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (RESOURCES / "icons" / "shopcrm.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_inno_setup_script_installs_per_user_and_keeps_the_data():
    from shopcrm.paths import APP_DIR_NAME

    iss_path = INSTALLER / "windows" / "shopcrm.iss"
    iss = iss_path.read_text(encoding="utf-8")
    defines = dict(re.findall(r"^#define (\w+) (.+)$", iss, flags=re.M))
    for name in ("IconFile", "DistDir"):
        relative = re.search(r'"([^"]+)"\s*$', defines[name]).group(1).replace("\\", "/")
        target = (iss_path.parent / relative).resolve()
        if name == "DistDir":  # a build product: the spec's COLLECT name
            assert target == ROOT / "dist" / bundle.APP_NAME
        else:
            assert target.exists(), target
    assert defines["AppExe"] == f'"{bundle.APP_NAME}.exe"'
    assert "PrivilegesRequired=lowest" in iss
    assert r"DefaultDirName={localappdata}\Programs\{#AppName}" in iss
    assert "{autodesktop}" in iss and "{autoprograms}" in iss
    # The uninstall message names the data folder the app really uses; nothing deletes it.
    assert r"ExpandConstant('{localappdata}\{#AppName}')" in iss
    assert defines["AppName"] == f'"{APP_DIR_NAME}"'
    delete_section = iss.split("[UninstallDelete]")[1].split("\n[")[0]
    assert all(r"{app}" in line for line in delete_section.splitlines() if line.startswith("Type:"))
    assert "{localappdata}" not in delete_section and "{userappdata}" not in delete_section


def test_linux_desktop_entry_and_install_script_refer_to_real_files():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(INSTALLER / "linux" / "shopcrm.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"] == f"@APPDIR@/{bundle.APP_NAME}"
    assert (RESOURCES / "icons" / f"{entry['Icon']}.png").exists()
    assert parser["Desktop Action demo"]["Exec"].endswith("--demo-shop")
    script = (INSTALLER / "linux" / "install.sh").read_text(encoding="utf-8")
    for relative in re.findall(r"\$ROOT/([\w./-]+)", script):
        assert (ROOT / relative).exists() or relative == "dist/ShopCRM", relative
    assert "256x256/apps/shopcrm.png" in script and "applications" in script


# ---------------------------------------------------------------- frozen-app paths


def test_frozen_app_reads_resources_from_the_bundle_and_data_from_the_user_folder(
    monkeypatch, tmp_path
):
    from shopcrm import paths

    bundle_dir = tmp_path / "ShopCRM" / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle_dir), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home-data"))
    assert paths.resource_dir() == bundle_dir / "resources"
    if sys.platform.startswith("linux"):
        assert paths.default_db_path() == tmp_path / "home-data" / "ShopCRM" / "shopcrm.db"
    assert bundle_dir not in paths.default_db_path().parents


def _iss_sections(text: str) -> dict[str, list[str]]:
    """The .iss as {section: [lines]}, comments and preprocessor lines left out."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections


def test_inno_setup_shortcuts_no_admin_no_file_types_data_kept():
    """Per user without admin rights, Start menu and desktop shortcuts, no file types
    claimed, nothing of the shop's data (data folder, Documents backups) deleted."""
    from shopcrm.paths import BACKUP_DIR_NAME

    iss = (INSTALLER / "windows" / "shopcrm.iss").read_text(encoding="utf-8")
    sections = _iss_sections(iss)
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{localappdata}")  # no Program Files
    assert setup.get("ChangesAssociations", "no") == "no"
    assert "Registry" not in sections  # no file types, no machine-wide keys
    assert not re.search(r"HKCR|HKLM|HKEY_CLASSES_ROOT|ChangesAssociations=yes", iss)
    icons = sections["Icons"]
    start_menu = [i for i in icons if i.startswith('Name: "{autoprograms}')]
    desktop = [i for i in icons if i.startswith('Name: "{autodesktop}')]
    assert start_menu and all('Filename: "{app}\\{#AppExe}"' in i for i in start_menu)
    assert len(desktop) == 1 and "Tasks: desktopicon" in desktop[0]
    task = next(t for t in sections["Tasks"] if 'Name: "desktopicon"' in t)
    assert "unchecked" not in task  # the desktop shortcut is made unless unticked
    # Deleting at uninstall: only inside the program folder.
    for section in ("UninstallDelete", "InstallDelete"):
        for line in sections.get(section, []):
            assert 'Name: "{app}' in line, line
    assert "DelTree" not in iss and "DeleteFile" not in iss
    assert "{userdocs}\\{#AppName} backups" in iss and BACKUP_DIR_NAME == "ShopCRM backups"


def test_windows_build_script_checks_the_tools_and_builds_in_one_step():
    script = (INSTALLER / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert '[version]"3.11"' in script  # refuses an older Python with a message
    assert "Inno Setup 6\\ISCC.exe" in script and "jrsoftware.org" in script
    assert '"installer\\build.py"' in script and '"--installer"' in script
    assert f"dist\\ShopCRM\\{bundle.CLI_NAME}.exe" in script and "selfcheck" in script
    assert '$ErrorActionPreference = "Stop"' in script
    assert script.isascii()  # Windows PowerShell 5 reads a BOM-less script as the ANSI code page
    docs = (ROOT / "docs" / "installer.md").read_text(encoding="utf-8")
    assert "installer\\windows\\build.ps1" in docs and "Inno Setup 6" in docs
