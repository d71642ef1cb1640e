"""`shopcrm selfcheck`: does this installation have everything it needs?

Run on a shop's PC (or on a freshly built app) to see at once whether the parts that are
loaded late — charts, Excel, pinyin, phone tables, lunar calendar, the statistics, the
PostgreSQL driver, the migrations and resources — are really there; and to diagnose a first
install from one screenshot: the console's encoding, the data folder (local? writable?), the
backup folder (writable?) and the fonts that can show Chinese.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..i18n import define, translate
from .app import echo_json, main

M_OK = define("selfcheck.ok", en="All {count} checks passed.", zh="全部 {count} 项检查通过。")
M_FAILED = define(
    "selfcheck.failed",
    en="{failed} of {count} checks failed.",
    zh="{count} 项检查中有 {failed} 项失败。",
)


def _resources() -> str:
    from ..paths import resource_dir

    icon = resource_dir() / "icons" / "shopcrm.png"
    if not icon.exists():
        raise FileNotFoundError(icon)
    return str(resource_dir())


def _migrations() -> str:
    from ..migrate import MIGRATIONS_DIR, head_revision

    return f"{head_revision()} in {MIGRATIONS_DIR}"


def _console() -> str:
    from ..console import describe_console

    return describe_console()


def _write_probe(folder: Path) -> None:
    """Write, read back and delete a small file in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / ".shopcrm-selfcheck"
    probe.write_text("写入测试 ok", encoding="utf-8")
    try:
        if probe.read_text(encoding="utf-8") != "写入测试 ok":
            raise OSError(f"{probe} reads back differently")
    finally:
        probe.unlink(missing_ok=True)


def _data_folder() -> str:
    from ..paths import data_dir, network_location

    folder = data_dir()
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and Path(bundle).parent in [folder, *folder.parents]:
        raise RuntimeError(f"data folder {folder} is inside the program folder")
    how = network_location(folder)
    if how is not None:
        raise RuntimeError(f"{folder} is on a network share ({how}): SQLite must not be there")
    _write_probe(folder)
    return f"{folder} (local disk, writable)"


def _backup_folder() -> str:
    from ..paths import default_backup_dir

    folder = default_backup_dir()
    _write_probe(folder)
    return f"{folder} (writable)"


# Windows' own Chinese fonts (Microsoft YaHei, SimHei, SimSun): file stems and extensions
# (in the Fonts folder, not ShopCRM's resources).
WINDOWS_CJK_FONTS = {"msyh": ("ttc", "ttf"), "simhei": ("ttf",), "simsun": ("ttc",)}


def chinese_fonts(platform: str | None = None, fonts_dir: Path | None = None) -> list[str]:
    """Fonts that can show Chinese: Windows' own (Microsoft YaHei, SimHei, SimSun) in its
    Fonts folder, elsewhere what fontconfig lists for the language zh."""
    import os
    import subprocess

    if (platform or sys.platform) == "win32":
        folder = fonts_dir or Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        names = [f"{stem}.{ext}" for stem, exts in WINDOWS_CJK_FONTS.items() for ext in exts]
        return [name for name in names if (folder / name).exists()]
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    names = {line.split(",")[0].strip() for line in listed.splitlines() if line.strip()}
    return sorted(names, key=lambda name: ("SC" not in name and "CN" not in name, name))


def _fonts() -> str:
    found = chinese_fonts()
    if not found:
        raise RuntimeError("no font for Chinese found: Chinese text would show as boxes")
    shown = ", ".join(found[:4]) + (f" (+{len(found) - 4})" if len(found) > 4 else "")
    return shown


def _pinyin() -> str:
    from pypinyin import Style, lazy_pinyin

    result = (
        "".join(lazy_pinyin("张三")) + "/" + "".join(lazy_pinyin("张三", style=Style.FIRST_LETTER))
    )
    assert result == "zhangsan/zs", result
    return result


def _phone() -> str:
    import phonenumbers

    number = phonenumbers.parse("138 0013 8000", "CN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _lunar() -> str:
    from lunar_python import Solar

    lunar = Solar.fromYmd(2024, 2, 10).getLunar()
    assert (lunar.getMonth(), lunar.getDay()) == (1, 1), lunar
    return "2024-02-10 = 正月初一"


def _excel() -> str:
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.active["A1"] = 12.5
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    assert load_workbook(buffer).active["A1"].value == 12.5
    return f"{len(buffer.getvalue())} bytes"


def _chart() -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    figure.add_subplot().bar(["A", "B"], [3, 5])
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return f"PNG {len(buffer.getvalue())} bytes"


def _statistics() -> str:
    from scipy.optimize import minimize
    from scipy.special import gammaln

    found = minimize(lambda x: (x[0] - 3.0) ** 2, [0.0]).x[0]
    assert abs(found - 3.0) < 1e-4 and abs(gammaln(5.0) - 3.178053830347) < 1e-9
    return f"minimum at {found:.3f}"


def _postgres_driver() -> str:
    import psycopg

    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__})"


CHECKS: dict[str, Callable[[], str]] = {
    "resources": _resources,
    "migrations": _migrations,
    "console": _console,
    "data_folder": _data_folder,
    "backup_folder": _backup_folder,
    "fonts": _fonts,
    "pinyin": _pinyin,
    "phone": _phone,
    "lunar": _lunar,
    "excel": _excel,
    "chart": _chart,
    "statistics": _statistics,
    "postgres_driver": _postgres_driver,
}


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def selfcheck(as_json: bool) -> None:
    """Check that this installation can load everything it needs (exit 1 if not)."""
    results: dict[str, dict[str, str | bool]] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, "detail": check()}
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none hidden
            results[name] = {"ok": False, "detail": f"{type(exc).__name__}: {exc}"}
    failed = sum(not r["ok"] for r in results.values())
    if as_json:
        echo_json(results)
    else:
        for name, result in results.items():
            mark = "ok  " if result["ok"] else "FAIL"
            click.echo(f"{mark} {name:<16} {result['detail']}")
        message = M_FAILED if failed else M_OK
        click.echo(translate(message, failed=failed, count=len(results)))
    if failed:
        sys.exit(1)
