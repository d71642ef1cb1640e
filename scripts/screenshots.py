"""Screenshots of every registered screen in Chinese and English at 1366×768.

    python scripts/screenshots.py [--out docs/screenshots] [--members 400]

Makes a demo shop in a temporary folder (the user's data and window settings are not
touched), renders each screen offscreen — or on the X display if one is set, e.g. under
``xvfb-run -a -s "-screen 0 1366x768x24"`` — and saves ``<screen>-<lang>.png``. Needs a CJK
font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = (1366, 768)


def settle(ctx) -> None:  # noqa: ANN001
    """Let the ops finish and their results arrive (each op may start another)."""
    from PySide6.QtWidgets import QApplication

    for _ in range(4):
        ctx.runner.wait(60_000)
        QApplication.processEvents()


def _select_first_member(screen) -> None:  # noqa: ANN001
    screen.tabs.setCurrentIndex(3)
    screen.classes_tab.table.selectRow(0)


# More views of a screen worth a picture: screen id -> (file suffix, how to show it).
EXTRA_VIEWS = {
    "members": (("filtered", lambda s: s.filters.last_visit.setCurrentIndex(4)),),
    "reports": (
        ("breakdowns", lambda s: s.tabs.setCurrentIndex(1)),
        ("charts", lambda s: s.tabs.setCurrentIndex(2)),
        (
            "hours",
            lambda s: (s.tabs.setCurrentIndex(2), s.chart_tabs.setCurrentIndex(2)),
        ),
        ("segments", _select_first_member),
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--langs", default="zh,en")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="shopcrm-shots-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from shopcrm.db import open_database
    from shopcrm.services import hooks
    from shopcrm.services.demo import DemoOptions, create_demo_shop
    from shopcrm.ui.app import make_application
    from shopcrm.ui.app_context import AppContext
    from shopcrm.ui.first_run import FirstRunDialog
    from shopcrm.ui.i18n import LanguageManager
    from shopcrm.ui.main_window import MainWindow
    from shopcrm.ui.translations import compile_translations

    app = make_application([sys.argv[0]])
    compile_translations()
    engine = open_database(str(tmp / "demo.db"))
    hooks.on_open(engine)
    create_demo_shop(engine, DemoOptions(members=args.members, months=18, today=date.today()))
    hooks.after_demo(engine)

    args.out.mkdir(parents=True, exist_ok=True)
    languages = LanguageManager(app)
    written = []
    for lang in args.langs.split(","):
        languages.apply(lang)
        ctx = AppContext(engine, languages)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        for index, screen in enumerate(window.screens):
            window.show_screen(index)
            settle(ctx)
            path = args.out / f"{screen.screen_id}-{lang}.png"
            window.grab().save(str(path))
            written.append(path)
            for suffix, show in EXTRA_VIEWS.get(screen.screen_id, ()):
                show(screen)
                settle(ctx)
                path = args.out / f"{screen.screen_id}-{suffix}-{lang}.png"
                window.grab().save(str(path))
                written.append(path)
        window.close()
        ctx.shutdown()
        dialog = FirstRunDialog(languages)
        dialog.show()
        QApplication.processEvents()
        path = args.out / f"first-run-{lang}.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
    engine.dispose()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
