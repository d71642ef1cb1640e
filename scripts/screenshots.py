"""Screenshots of every registered screen in Chinese and English at 1366×768.

    python scripts/screenshots.py [--out docs/screenshots] [--members 400] [--only money]

Makes a demo shop in a temporary folder (the user's data and window settings are not
touched), renders each screen offscreen — or on the X display if one is set, e.g. under
``xvfb-run -a -s "-screen 0 1366x768x24"`` — and saves ``<screen>-<lang>.png``. Needs a CJK
font (Debian: fonts-noto-cjk).

``--only care`` makes just the Care and Follow-ups screens with issue 20's views
(scripts/care_shots.py).
``--only cards`` makes just the count cards' views (issue 17, scripts/card_shots.py).
``--only money`` makes just the money views (issue 15): the Reports screen on a closed month
(banner and Money tab), the open month's prior-period adjustment, the member card with
principal and bonus, the refund dialog and the payment methods page.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = (1366, 768)

from care_shots import CARE_VIEWS, FOLLOWUP_VIEWS  # noqa: E402 - scripts/care_shots.py


def settle(ctx) -> None:  # noqa: ANN001
    """Let the ops finish and their results arrive (each op may start another)."""
    from PySide6.QtWidgets import QApplication

    for _ in range(4):
        ctx.runner.wait(60_000)
        QApplication.processEvents()


def _select_first_member(screen) -> None:  # noqa: ANN001
    screen.tabs.setCurrentWidget(screen.classes_tab)
    screen.classes_tab.table.selectRow(0)


# More views of a screen worth a picture: screen id -> (file suffix, how to show it).
CARE_MESSAGE = {  # the campaign the Care screen's builder previews
    "zh": "{name}您好！本月贵宾到店护理享8折，您的{points}积分也可抵现～",
    "en": "Hi {name}, this month our best guests get 20% off care, and your {points} points "
    "count as cash.",
}


def _care_preview(screen) -> None:  # noqa: ANN001
    from shopcrm.i18n import for_language

    tab = screen.campaigns
    tab.segment.setText("abc:A")
    tab.message.setPlainText(for_language(CARE_MESSAGE))
    tab.run_preview()


EXTRA_VIEWS = {
    "care": (
        ("campaign", _care_preview),
        ("complaints", lambda s: (s.show_tab("complaints"), s.complaints.show_all.setChecked(True))),
        ("satisfaction", lambda s: s.show_tab("satisfaction")),
        *CARE_VIEWS,
    ),
    "followups": FOLLOWUP_VIEWS,
    "members": (("filtered", lambda s: s.filters.last_visit.setCurrentIndex(4)),),
    "reports": (
        (
            "breakdowns",
            lambda s: s.tabs.setCurrentWidget(next(iter(s.breakdowns.values())).parentWidget()),
        ),
        ("charts", lambda s: s.tabs.setCurrentWidget(s.chart_tabs)),
        (
            "hours",
            lambda s: (s.tabs.setCurrentWidget(s.chart_tabs), s.chart_tabs.setCurrentIndex(2)),
        ),
        ("segments", _select_first_member),
        ("commission", lambda s: s.tabs.setCurrentWidget(s.commission_tab)),
    ),
}


def prepare_shop(engine) -> None:  # noqa: ANN001
    """A few things the settings pages show: PINs, a custom field, a backup, audit entries."""
    from shopcrm.db import session_scope
    from shopcrm.services.auth import ROLE_OWNER, SYSTEM, set_pin
    from shopcrm.services.backup import backup_now
    from shopcrm.services.members import add_custom_field
    from shopcrm.services.staff import list_staff

    with session_scope(engine, write=True) as session:
        staff = list_staff(session)
        owners = [s for s in staff if s.role == ROLE_OWNER]
        for n, person in enumerate(owners[:1] + [s for s in staff if s.role != ROLE_OWNER][:2]):
            set_pin(session, person.id, f"{246800 + n}", actor=SYSTEM)
        add_custom_field(session, "甲形", "choice", ["圆形", "方形", "杏仁形"], actor=SYSTEM)
        add_custom_field(session, "上次烫发药水", "text", actor=SYSTEM)
        _audit_examples(session, owners[0] if owners else None)
    backup_now(engine, actor=SYSTEM)


def _audit_examples(session, owner) -> None:  # noqa: ANN001
    """What an owner reads in the audit log: a top-up and a voided visit, by name."""
    from decimal import Decimal

    from sqlalchemy import select

    from shopcrm.models import VISIT_OK, Visit
    from shopcrm.services.auth import Actor
    from shopcrm.services.visits import void_visit
    from shopcrm.services.wallet import topup

    if owner is None:
        return
    actor = Actor(owner.id, owner.name, owner.role)
    visit = session.scalars(
        select(Visit)
        .where(Visit.status == VISIT_OK, Visit.member_id.is_not(None))
        .order_by(Visit.visited_at.desc())
        .limit(1)
    ).first()
    if visit is not None:
        topup(session, visit.member_id, Decimal("500"), bonus=Decimal("50"), actor=actor)
        void_visit(session, visit.id, "重复录入", actor=actor)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--langs", default="zh,en")
    parser.add_argument(
        "--only", choices=("money", "cards", "bookings", "care"), help="make only these views"
    )
    parser.add_argument(
        "--only-first-hour", action="store_true", help="Only the new shop's first-hour pictures."
    )
    parser.add_argument(
        "--only-gaps", action="store_true", help="Only the empty screens, idle demo, Levels sheet."
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="shopcrm-shots-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from card_shots import card_shots  # scripts/card_shots.py (this script's folder)
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
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only_gaps:  # scripts/screenshots_gaps.py (issues 16 and 23)
        from screenshots_gaps import demo_idle_shots, empty_shots

        langs = args.langs.split(",")
        shots = empty_shots(app, tmp, args.out, langs, SIZE, settle)
        shots += demo_idle_shots(app, tmp, args.out, langs, SIZE, settle, args.members)
        for path in shots:
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0
    if args.only == "bookings":  # issue 19's views (scripts/bookings_shots.py)
        from bookings_shots import bookings_shots

        for path in bookings_shots(app, tmp, args.out, args.langs.split(",")):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0
    first_hour = first_hour_shots(app, tmp, args.out, args.langs.split(","))
    if args.only_first_hour:
        for path in first_hour:
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0
    engine = open_database(str(tmp / "demo.db"))
    hooks.on_open(engine)
    create_demo_shop(engine, DemoOptions(members=args.members, months=18, today=date.today()))
    hooks.after_demo(engine)
    prepare_shop(engine)
    member_id = pick_member(engine)
    close_last_month(engine)

    args.out.mkdir(parents=True, exist_ok=True)
    languages = LanguageManager(app)
    written = []
    for lang in args.langs.split(","):
        languages.apply(lang)
        ctx = AppContext(engine, languages)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        if args.only == "cards":  # issue 17's views (scripts/card_shots.py)
            written += card_shots(ctx, window, member_id, args.out, lang, settle)
            window.session.dirty = False
            window.close()
            ctx.shutdown()
            continue
        if args.only != "care":
            written += money_shots(ctx, window, member_id, args.out, lang, only=bool(args.only))
        if args.only and args.only != "care":
            window.session.dirty = False
            window.close()
            ctx.shutdown()
            continue
        for index, screen in enumerate(window.screens):
            if args.only == "care" and screen.screen_id not in ("care", "followups"):
                continue
            window.show_screen(index)
            settle(ctx)
            if screen.screen_id == "counter":
                written += counter_shots(ctx, window, screen, member_id, args.out, lang)
                written += card_shots(ctx, window, member_id, args.out, lang, settle)
                window.show_screen(index)
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
        if args.only == "care":
            ctx.shutdown()
            continue
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


def close_last_month(engine) -> None:  # noqa: ANN001
    """The owner closes last month, then voids one of its visits paid in money: the closed
    month keeps its figures and this month shows the prior-period adjustment."""
    from sqlalchemy import select

    from shopcrm.db import session_scope
    from shopcrm.models import Visit, VisitPayment
    from shopcrm.services.auth import ROLE_OWNER, Actor
    from shopcrm.services.money.months import close_month
    from shopcrm.services.reports.review import default_month
    from shopcrm.services.staff import list_staff
    from shopcrm.services.visits import void_visit

    year, month = default_month()
    with session_scope(engine, write=True) as s:
        owner = next(p for p in list_staff(s) if p.role == ROLE_OWNER)
        actor = Actor(owner.id, owner.name, ROLE_OWNER)
        close_month(s, year, month, actor=actor)
        start, end = date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1)
        visit_id = s.scalar(
            select(Visit.id)
            .join(VisitPayment, VisitPayment.visit_id == Visit.id)
            .where(
                Visit.status == "ok",
                Visit.visited_at >= start,
                Visit.visited_at < end,
                VisitPayment.method.in_(("wechat", "alipay", "cash")),
            )
            .order_by(Visit.visited_at.desc())
            .limit(1)
        )
        void_visit(s, visit_id, "录错会员 / wrong member", actor=actor)


def money_shots(ctx, window, member_id: int, out: Path, lang: str, only: bool) -> list[Path]:  # noqa: ANN001
    """Issue 15's views: the closed month, the adjustment, principal/bonus, the refund."""
    from shopcrm import clock

    paths: list[Path] = []

    def shot(name: str, widget=None) -> None:  # noqa: ANN001
        settle(ctx)
        path = out / f"{name}-{lang}.png"
        (widget or window).grab().save(str(path))
        paths.append(path)

    reports = window.screen("reports")
    window.show_screen(window.screens.index(reports))
    settle(ctx)
    reports.tabs.setCurrentWidget(reports.money)
    shot("reports-month-closed")
    today = clock.today()
    reports.set_month(today.year, today.month)
    shot("reports-adjustment")
    counter = window.screen("counter")
    window.show_screen(window.screens.index(counter))
    counter.open_member(member_id)
    shot("counter-principal-bonus")
    counter.refund()
    settle(ctx)
    dialog = counter.dialog
    dialog.reason.setText({"zh": "会员搬家"}.get(lang, "moving away"))
    dialog.show()
    dialog.resize(max(dialog.sizeHint().width(), 580), max(dialog.sizeHint().height(), 340))
    shot("refund-dialog", dialog)
    dialog.reject()
    settle(ctx)
    counter.show_idle()
    if only:  # a full run makes the Settings page shots in its loop
        settings = window.screen("settings")
        window.show_screen(window.screens.index(settings))
        page = settings.show_page("payment-methods")
        settle(ctx)
        page.table.selectRow(2)  # WeChat Pay: the form and the order buttons filled in
        shot("settings-payment-methods")
        settings.show_page("shop")
    window.show_screen(0)
    settle(ctx)
    return paths


def first_hour_shots(app, tmp: Path, out: Path, langs: list[str]) -> list[Path]:  # noqa: ANN001
    """A new restaurant's first hour: the first run with its starter catalogue, the
    first-steps checklist on the idle counter, the quick bill dialog."""
    from PySide6.QtWidgets import QApplication

    from shopcrm.db import open_database, session_scope
    from shopcrm.services import hooks
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.members import MemberForm, create_member
    from shopcrm.services.shop_setup import complete_first_run
    from shopcrm.services.staff import create_staff
    from shopcrm.services.starter_catalogue import apply_starter_catalogue
    from shopcrm.ui.app_context import AppContext
    from shopcrm.ui.first_run import FirstRunDialog
    from shopcrm.ui.i18n import LanguageManager
    from shopcrm.ui.main_window import MainWindow

    languages = LanguageManager(app)
    written: list[Path] = []
    names = {"zh": ("老街坊面馆", "张伟", "小李"), "en": ("Lucky Noodles", "Zhang Wei", "Xiao Li")}
    for lang in langs:
        languages.apply(lang)
        dialog = FirstRunDialog(languages)
        dialog.name_edit.setText(names[lang][0])
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("restaurant"))
        dialog.resize(620, 720)
        dialog.show()
        QApplication.processEvents()
        written.append(out / f"first-run-starter-{lang}.png")
        dialog.grab().save(str(written[-1]))
        dialog.close()

        engine = open_database(str(tmp / f"first-hour-{lang}.db"))
        hooks.on_open(engine)
        with session_scope(engine, write=True) as s:
            complete_first_run(s, names[lang][0], "restaurant", lang, actor=SYSTEM)
            apply_starter_catalogue(s, "restaurant", None, actor=SYSTEM, lang=lang)
            create_staff(s, names[lang][2], actor=SYSTEM)
            member_id = create_member(
                s, MemberForm(name=names[lang][1], phone="13900001111"), actor=SYSTEM
            )
        ctx = AppContext(engine, languages)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        settle(ctx)
        written.append(out / f"counter-first-steps-{lang}.png")
        window.grab().save(str(written[-1]))
        counter = window.screen("counter")
        counter.open_member(member_id)
        settle(ctx)
        counter.new_visit()
        settle(ctx)
        bill = counter.dialog
        bill.amount_edit.setText("356")
        bill.party_spin.setValue(4)
        bill.table_edit.setText("A3")
        bill.show()
        settle(ctx)
        written.append(out / f"quick-bill-{lang}.png")
        bill.grab().save(str(written[-1]))
        bill.reject()
        settle(ctx)
        window.session.dirty = False
        window.close()
        ctx.shutdown()
        engine.dispose()
    return written


def pick_member(engine) -> int:  # noqa: ANN001
    """A member with a follow-up due today and many visits; noted as allergic to show the
    red badge on the card."""
    from shopcrm.db import session_scope
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.followups import due_list
    from shopcrm.services.members import get_member, update_member
    from shopcrm.services.wallet import balances, topup

    with session_scope(engine, write=True) as s:
        ids = {item.member_id for item in due_list(s, date.today(), "zh")}
        cards = sorted(
            (get_member(s, i) for i in ids),
            key=lambda c: (balances(s, c.id).stored_value < 300, -c.visit_count),
        )
        card = cards[0]
        if balances(s, card.id).bonus <= 0:
            topup(s, card.id, 500, bonus=100, method="wechat")
        update_member(
            s,
            card.id,
            card.version,
            tags=(*card.tags, "VIP")[:3],
            profile={"allergies": "染发剂（PPD）", "hair_type": "细软", "scalp": "偏油"},
            actor=SYSTEM,
        )
        # a level with a history: the visit dialog prices lines at 金卡
        from shopcrm.services import levels

        for level, note in (("普通会员", "开卡"), ("银卡", "老顾客"), ("金卡", "年卡续费")):
            levels.set_member_level(s, card.id, level, note=note, actor=SYSTEM)
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
    own = dialog.lines.lines[1].staff.currentData() if len(dialog.lines.lines) > 1 else None
    other = next((p.id for p in dialog.lines.staff if own and p.id != own), None)
    if other is not None:  # the second line shared 70/30 (Ctrl+E, commission)
        dialog.lines.set_split(1, ((other, Decimal("0.3")),))
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
    counter.top_up()  # the top-up dialog: amount, bonus, paid by, sold by (commission)
    settle(ctx)
    dialog = counter.dialog
    dialog.show()
    settle(ctx)
    paths.append(out / f"topup-dialog-{lang}.png")
    dialog.grab().save(str(paths[5]))
    dialog.reject()
    settle(ctx)
    return paths


if __name__ == "__main__":
    sys.exit(main())
