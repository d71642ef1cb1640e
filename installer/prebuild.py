"""Steps that run before PyInstaller's analysis (called by shopcrm.spec and by build.py).

1. Compile the Qt Linguist translations (``resources/translations/*.ts`` → ``*.qm``) with the
   UI's own script when the checkout has one (``scripts/build_translations.py`` or
   ``shopcrm.ui.translations.compile_translations``); without either there is nothing to do.
2. Make sure the app icon exists in every format the installers need:
   ``resources/icons/shopcrm.png`` (256 px, rendered from ``shopcrm.svg`` with QtSvg) and
   ``resources/icons/shopcrm.ico`` (Windows, made from the PNG with Pillow).

Each step only writes what is missing or stale, so running it twice changes nothing. Qt and
Pillow are used in a child process of the build interpreter, never inside PyInstaller's own
process.

    python installer/prebuild.py            # run both steps for this checkout
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_NAME = "shopcrm"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def say(text: str) -> None:
    print(f"[prebuild] {text}", flush=True)


def icon_paths(root: Path = ROOT) -> dict[str, Path]:
    icons = root / "resources" / "icons"
    return {ext: icons / f"{ICON_NAME}.{ext}" for ext in ("svg", "png", "ico")}


def compile_translations(root: Path = ROOT, python: str = sys.executable) -> str:
    """Run the UI's translation build if this checkout has one; says what it did."""
    script = root / "scripts" / "build_translations.py"
    module = root / "shopcrm" / "ui" / "translations.py"
    if script.exists():
        command = [python, str(script)]
    elif module.exists():
        command = [
            python,
            "-c",
            "from shopcrm.ui.translations import compile_translations as c;"
            "print('\\n'.join(str(p) for p in c(force=True)))",
        ]
    else:
        return "no translation build script in this checkout: skipped"
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    )
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"translation build failed:\n{result.stdout}{result.stderr}")
    qm = sorted(p.name for p in (root / "resources" / "translations").glob("*.qm"))
    return f"translations compiled: {', '.join(qm) if qm else 'none'}"


def ensure_icons(root: Path = ROOT, python: str = sys.executable) -> list[Path]:
    """Make the PNG and the ICO from the SVG (or the ICO from the PNG) when missing."""
    paths = icon_paths(root)
    written: list[Path] = []
    if paths["svg"].exists() and not paths["png"].exists():
        _child(python, "png", paths["svg"], paths["png"])
        written.append(paths["png"])
    if paths["png"].exists() and not paths["ico"].exists():
        _child(python, "ico", paths["png"], paths["ico"])
        written.append(paths["ico"])
    return written


def _child(python: str, kind: str, source: Path, target: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [python, str(Path(__file__).resolve()), kind, str(source), str(target)], check=True, env=env
    )


def render_png(svg: Path, png: Path, size: int = 256) -> None:
    """Render the SVG at `size`×`size` with Qt's SVG renderer (antialiased, transparent)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(png)):
        raise RuntimeError(f"could not write {png}")


def make_ico(png: Path, ico: Path) -> None:
    """A multi-size Windows icon from the 256 px PNG."""
    from PIL import Image

    with Image.open(png) as image:
        image.convert("RGBA").save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])


def run(root: Path = ROOT, python: str = sys.executable) -> None:
    say(compile_translations(root, python))
    written = ensure_icons(root, python)
    say("icons made: " + ", ".join(p.name for p in written) if written else "icons present")


def main(argv: list[str]) -> int:
    if argv and argv[0] == "png":
        render_png(Path(argv[1]), Path(argv[2]))
    elif argv and argv[0] == "ico":
        make_ico(Path(argv[1]), Path(argv[2]))
    else:
        run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
