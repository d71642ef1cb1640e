"""Screenshots of the count cards (issue 17), called by scripts/screenshots.py: the card
types settings page, selling a card (F6), the member card with the cards left (one ends
within 30 days: the warning), and a visit whose line is paid with the member's card."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path


def give_member_cards(engine, member_id: int) -> None:  # noqa: ANN001
    """The member holds a 洗剪吹 card with uses used and a package ending in three weeks."""
    from shopcrm import clock
    from shopcrm.db import session_scope
    from shopcrm.services import cards
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.catalog import service_by_name
    from shopcrm.services.visits import LineDraft, VisitDraft, record_visit

    with session_scope(engine, write=True) as s:
        if cards.member_cards(s, member_id):
            return
        now = clock.now().replace(microsecond=0)
        sold = cards.sell_card(
            s, member_id, "洗剪吹10次卡", method="wechat", when=now - timedelta(days=40),
            actor=SYSTEM,
        )  # fmt: skip
        cut = service_by_name(s, "洗剪吹")
        for days in (30, 12):
            line = LineDraft(service_id=cut.id, use_card=True, card_id=sold.id)
            record_visit(
                s, VisitDraft(member_id, (line,), visited_at=now - timedelta(days=days)),
                actor=SYSTEM,
            )  # fmt: skip
        ending = cards.sell_card(
            s, member_id, "头皮护理疗程（6次）", method="alipay",
            when=now - timedelta(days=159), actor=SYSTEM,
        )  # fmt: skip
        care = service_by_name(s, "头皮护理")
        line = LineDraft(service_id=care.id, use_card=True, card_id=ending.id)
        record_visit(
            s, VisitDraft(member_id, (line,), visited_at=now - timedelta(days=100)),
            actor=SYSTEM,
        )  # fmt: skip


def card_shots(
    ctx, window, member_id: int, out: Path, lang: str, settle: Callable  # noqa: ANN001
) -> list[Path]:
    paths: list[Path] = []

    def shot(name: str, widget=None) -> None:  # noqa: ANN001
        settle(ctx)
        path = out / f"{name}-{lang}.png"
        (widget or window).grab().save(str(path))
        paths.append(path)

    give_member_cards(ctx.engine, member_id)
    settings = window.screen("settings")
    window.show_screen(window.screens.index(settings))
    page = settings.show_page("cards")
    settle(ctx)
    page.name_edit.setText({"zh": "烫染套餐"}.get(lang, "Perm & colour package"))
    page.price_edit.setText("1200")
    page.uses_edit.setText("数码烫:1, 时尚染发:2")
    page.bonus_edit.setText("深层护发:2")
    shot("settings-cards")
    for edit in (page.name_edit, page.price_edit, page.uses_edit, page.bonus_edit):
        edit.clear()
    counter = window.screen("counter")
    window.show_screen(window.screens.index(counter))
    counter.open_member(member_id)
    shot("counter-cards")
    counter.cards.sell()
    settle(ctx)
    dialog = counter.dialog
    dialog.type_combo.setCurrentIndex(max(dialog.type_combo.findData(3), 0))
    dialog.method.setCurrentIndex(max(dialog.method.findData("wechat"), 0))
    dialog.show()
    dialog.resize(max(dialog.sizeHint().width(), 560), max(dialog.sizeHint().height(), 300))
    shot("sell-card", dialog)
    dialog.reject()
    settle(ctx)
    counter.new_full_visit()
    settle(ctx)
    dialog = counter.dialog
    dialog.resize(1220, 640)
    for typed in ("xjc", "tphl"):
        dialog.find(typed)
        settle(ctx)
        dialog._pick(0)
    dialog.show()
    shot("visit-dialog-card", dialog)
    dialog.reject()
    settle(ctx)
    counter.show_idle()
    reports = window.screen("reports")  # Reports → Money: the cards' month
    window.show_screen(window.screens.index(reports))
    settle(ctx)
    reports.tabs.setCurrentWidget(reports.money)
    from shopcrm import clock

    today = clock.today()
    reports.set_month(today.year, today.month)
    settle(ctx)
    bar = reports.money.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # the package cards section, below the stored value
    shot("reports-money-cards")
    bar.setValue(0)
    window.show_screen(0)
    settle(ctx)
    return paths
