"""Pictures for issues 16 and 23's last gaps (called by scripts/screenshots.py, or alone
with ``python scripts/screenshots.py --only-gaps``): a new shop's empty screens with their
hint, the demo's idle counter (no first-steps list: a demo is not a new shop), Reports →
Levels and the month workbook's Levels sheet (LibreOffice renders its first page when it is installed).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

EMPTY_VIEWS = (  # (file name, screen id, settings page id or None)
    ("members-empty", "members", None),
    ("settings-catalog-empty", "settings", "catalog"),
    ("settings-staff-empty", "settings", "staff"),
    ("followups-empty", "followups", None),
    ("reports-empty", "reports", None),
)


def empty_shots(app, tmp: Path, out: Path, langs: list[str], size, settle) -> list[Path]:  # noqa: ANN001
    """A restaurant just named in the first run: each empty screen with its hint."""
    from shopcrm.db import open_database, session_scope
    from shopcrm.services import hooks
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.shop_setup import complete_first_run
    from shopcrm.ui.app_context import AppContext
    from shopcrm.ui.i18n import LanguageManager
    from shopcrm.ui.main_window import MainWindow

    languages = LanguageManager(app)
    written: list[Path] = []
    names = {"zh": "老街坊面馆", "en": "Lucky Noodles"}
    for lang in langs:
        languages.apply(lang)
        engine = open_database(str(tmp / f"empty-{lang}.db"))
        hooks.on_open(engine)
        with session_scope(engine, write=True) as s:
            complete_first_run(s, names[lang], "restaurant", lang, actor=SYSTEM)
        ctx = AppContext(engine, languages)
        window = MainWindow(ctx)
        window.resize(*size)
        window.show()
        settle(ctx)
        for name, screen_id, page_id in EMPTY_VIEWS:
            screen = window.screen(screen_id)
            window.show_screen(window.screens.index(screen))
            if page_id:
                screen.show_page(page_id)
            settle(ctx)
            written.append(out / f"{name}-{lang}.png")
            window.grab().save(str(written[-1]))
        window.session.dirty = False
        window.close()
        ctx.shutdown()
        engine.dispose()
    return written


def demo_idle_shots(app, tmp: Path, out: Path, langs: list[str], size, settle, members: int):  # noqa: ANN001, ANN201
    """The demo shop's idle counter: figures, no first-steps list."""
    from shopcrm.db import open_database
    from shopcrm.services import hooks
    from shopcrm.services.demo import DemoOptions, create_demo_shop
    from shopcrm.ui.app_context import AppContext
    from shopcrm.ui.i18n import LanguageManager
    from shopcrm.ui.main_window import MainWindow

    engine = open_database(str(tmp / "gaps-demo.db"))
    hooks.on_open(engine)
    create_demo_shop(engine, DemoOptions(members=members, months=18, today=date.today()))
    hooks.after_demo(engine)
    level_changes_last_month(engine)
    languages = LanguageManager(app)
    written: list[Path] = []
    for lang in langs:
        languages.apply(lang)
        ctx = AppContext(engine, languages)
        window = MainWindow(ctx)
        window.resize(*size)
        window.show()
        settle(ctx)
        written.append(out / f"counter-idle-{lang}.png")
        window.grab().save(str(written[-1]))
        reports = window.screen("reports")
        window.show_screen(window.screens.index(reports))
        settle(ctx)
        reports.tabs.setCurrentWidget(reports.levels_tab)
        settle(ctx)
        written.append(out / f"reports-levels-{lang}.png")
        window.grab().save(str(written[-1]))
        written += levels_sheet_shot(ctx.engine, tmp, out, lang)
        window.session.dirty = False
        window.close()
        ctx.shutdown()
    engine.dispose()
    return written


def level_changes_last_month(engine) -> None:  # noqa: ANN001
    """A few level changes in the last full month (the demo writes levels directly): an
    upgrade by a top-up, one set by staff and a downgrade at a window's end."""
    from decimal import Decimal

    from sqlalchemy import select

    from shopcrm import clock
    from shopcrm.db import session_scope
    from shopcrm.models import Member, MemberLevel
    from shopcrm.services import levels, wallet
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.reports.review import default_month

    year, month = default_month()
    with session_scope(engine, write=True) as s:
        ranks = {lv.name: lv.rank for lv in s.scalars(select(MemberLevel))}
        lowest = min(ranks, key=ranks.get)
        plain = s.scalars(
            select(Member.id).where(Member.level == lowest).order_by(Member.id).limit(3)
        ).all()
        top = max(ranks, key=ranks.get)
        with clock.frozen(f"{year}-{month:02d}-08 15:20"):
            wallet.topup(s, plain[0], Decimal("5000"), bonus=0, actor=SYSTEM)
        with clock.frozen(f"{year}-{month:02d}-12 11:05"):
            levels.set_member_level(s, plain[1], top, note="老顾客介绍", actor=SYSTEM)
        with clock.frozen(f"{year}-{month:02d}-20 18:40"):
            levels.set_member_level(s, plain[2], None, note="会员要求取消等级", actor=SYSTEM)


def levels_sheet_shot(engine, tmp: Path, out: Path, lang: str) -> list[Path]:  # noqa: ANN001
    """The last full month's Levels sheet as printed (LibreOffice → PDF → PNG)."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        return []
    from openpyxl import load_workbook

    from shopcrm.db import session_scope
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.excel import export_month_workbook
    from shopcrm.services.excel.workbook import sheet_title
    from shopcrm.services.reports.review import default_month

    year, month = default_month()
    book = tmp / f"levels-{lang}.xlsx"
    with session_scope(engine) as s:
        export_month_workbook(s, year, month, book, lang, actor=SYSTEM)
    wb = load_workbook(book)
    keep = sheet_title("levels", lang)
    for ws in list(wb.worksheets):
        if ws.title != keep:
            wb.remove(ws)
    only = tmp / f"levels-only-{lang}.xlsx"
    wb.save(only)
    work = Path(tempfile.mkdtemp(dir=tmp))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(only)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    target = out / f"workbook-levels-{lang}"
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
         str(work / f"{only.stem}.pdf"), str(target)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return [target.with_suffix(".png")]
