"""Render resources/icons/shopcrm.svg to shopcrm.png (256 px) for platforms needing a PNG.

python scripts/render_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def main(size: int = 256) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    svg = ROOT / "resources" / "icons" / "shopcrm.svg"
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    out = svg.with_suffix(".png")
    image.save(str(out))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
