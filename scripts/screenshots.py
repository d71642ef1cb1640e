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


def prepare_shop(engine) -> None:  # noqa: ANN001
    """A few things the settings pages show: PINs, a custom field, a backup, audit entries."""
    from shopcrm.db import session_scope
    from shopcrm.services.auth import ROLE_OWNER, set_pin
    from shopcrm.services.backup import backup_now
    from shopcrm.services.members import add_custom_field
    from shopcrm.services.staff import list_staff

    with session_scope(engine, write=True) as session:
        staff = list_staff(session)
        owners = [s for s in staff if s.role == ROLE_OWNER]
        for n, person in enumerate(owners[:1] + [s for s in staff if s.role != ROLE_OWNER][:2]):
            set_pin(session, person.id, f"{2468 + n}")
        add_custom_field(session, "甲形", "choice", ["圆形", "方形", "杏仁形"])
        add_custom_field(session, "上次烫发药水", "text")
    backup_now(engine)


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
    from shopcrm.ui.settings.login import LoginDialog
    from shopcrm.ui.translations import compile_translations

    app = make_application([sys.argv[0]])
    compile_translations()
    engine = open_database(str(tmp / "demo.db"))
    hooks.on_open(engine)
    create_demo_shop(engine, DemoOptions(members=args.members, months=18, today=date.today()))
    hooks.after_demo(engine)
    prepare_shop(engine)

    args.out.mkdir(parents=True, exist_ok=True)
    languages = LanguageManager(app)
    written = []
    for lang in args.langs.split(","):
        languages.apply(lang)
        ctx = AppContext(engine, languages)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()

        def settle(ctx: AppContext = ctx) -> None:
            for _ in range(3):
                ctx.runner.wait(10_000)
                QApplication.processEvents()

        for index, screen in enumerate(window.screens):
            window.show_screen(index)
            settle()
            path = args.out / f"{screen.screen_id}-{lang}.png"
            window.grab().save(str(path))
            written.append(path)
            for page in getattr(screen, "pages", ())[1:]:  # Settings: one shot per page
                screen.show_page(page.page_id)
                settle()
                path = args.out / f"settings-{page.page_id}-{lang}.png"
                window.grab().save(str(path))
                written.append(path)
        window.session.dirty = False  # no backup on close for the screenshots
        window.close()
        login = LoginDialog(ctx)
        login.show()
        settle()
        path = args.out / f"login-{lang}.png"
        login.grab().save(str(path))
        written.append(path)
        login.close()
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
