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
    member_id = pick_member(engine)

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
            if screen.screen_id == "counter":
                written += counter_shots(ctx, window, screen, member_id, args.out, lang)
                continue
            path = args.out / f"{screen.screen_id}-{lang}.png"
            window.grab().save(str(path))
            written.append(path)
            for suffix, show in EXTRA_VIEWS.get(screen.screen_id, ()):
                show(screen)
                settle(ctx)
                path = args.out / f"{screen.screen_id}-{suffix}-{lang}.png"
                window.grab().save(str(path))
                written.append(path)
            pages = screen.pages if screen.screen_id == "settings" else []
            for page in pages[1:]:  # Settings: one shot per page
                screen.show_page(page.page_id)
                settle(ctx)
                path = args.out / f"settings-{page.page_id}-{lang}.png"
                window.grab().save(str(path))
                written.append(path)
        window.session.dirty = False  # no backup on close for the screenshots
        window.close()
        login = LoginDialog(ctx)
        login.show()
        settle(ctx)
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


def pick_member(engine) -> int:  # noqa: ANN001
    """A member with a follow-up due today and many visits; noted as allergic to show the
    red badge on the card."""
    from shopcrm.db import session_scope
    from shopcrm.services.followups import due_list
    from shopcrm.services.members import get_member, update_member
    from shopcrm.services.wallet import balances

    with session_scope(engine, write=True) as s:
        ids = {item.member_id for item in due_list(s, date.today(), "zh")}
        cards = sorted(
            (get_member(s, i) for i in ids),
            key=lambda c: (balances(s, c.id).stored_value < 300, -c.visit_count),
        )
        card = cards[0]
        update_member(
            s,
            card.id,
            card.version,
            tags=(*card.tags, "VIP")[:3],
            profile={"allergies": "染发剂（PPD）", "hair_type": "细软", "scalp": "偏油"},
        )
        # a level with a history: the visit dialog prices lines at 金卡
        from shopcrm.services import levels

        for level, note in (("普通会员", "开卡"), ("银卡", "老顾客"), ("金卡", "年卡续费")):
            levels.set_member_level(s, card.id, level, note=note)
        return card.id


def counter_shots(ctx, window, counter, member_id: int, out: Path, lang: str) -> list[Path]:  # noqa: ANN001
    """The counter idle, with a member's card open, the new-visit and the edit dialogs."""
    from shopcrm.db import session_scope
    from shopcrm.services.members import get_member

    paths = [out / f"counter-idle-{lang}.png", out / f"counter-{lang}.png"]
    window.grab().save(str(paths[0]))
    with session_scope(ctx.engine) as s:
        phone = get_member(s, member_id).phone or ""
    counter.search.setText(phone[-4:])
    counter.run_search(phone[-4:])
    settle(ctx)
    counter.open_member(member_id)
    settle(ctx)
    window.grab().save(str(paths[1]))
    counter.new_visit()
    settle(ctx)
    dialog = counter.dialog
    dialog.resize(980, 640)
    for typed in ("xjc", "tphl"):
        dialog.find(typed)
        settle(ctx)
        dialog._pick(0)
    dialog.find("t")
    dialog.service_search.setText("t")
    settle(ctx)
    dialog.show()
    settle(ctx)
    paths.append(out / f"visit-dialog-{lang}.png")
    dialog.grab().save(str(paths[2]))
    dialog.reject()
    settle(ctx)
    counter.edit_member()
    settle(ctx)
    dialog = counter.dialog
    dialog.resize(640, 720)
    dialog.show()
    settle(ctx)
    paths.append(out / f"member-dialog-{lang}.png")
    dialog.grab().save(str(paths[3]))
    dialog.reject()
    settle(ctx)
    counter.level_history()
    settle(ctx)
    dialog = counter.dialog
    dialog.resize(820, 360)
    dialog.show()
    settle(ctx)
    paths.append(out / f"level-history-{lang}.png")
    dialog.grab().save(str(paths[4]))
    dialog.reject()
    settle(ctx)
    return paths


if __name__ == "__main__":
    sys.exit(main())
