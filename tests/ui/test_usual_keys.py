# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""A regular's usual visit in at most 6 keys after the phone digits, never the mouse:
Enter (open the member), F2, Enter (the usual service, listed first), Enter (save)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import list_services, service_by_name
from shopcrm.services.usual_services import services_for_visit, usual_service_ids
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, member_visits, record_visit

from .shop_fixtures import PHONE, shop, window  # noqa: F401 - fixtures


class KeyCounter(QObject):
    """Counts the key presses the application receives (what the person typed)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Every key press first asks the focus widget whether it overrides a shortcut (also
        # keys a shortcut then takes, like F2, which never arrive as a KeyPress): once per key.
        if event.type() == QEvent.Type.ShortcutOverride and obj is QApplication.focusWidget():
            self.keys.append(event.key())
        return False


def _history(engine, member_id, names_per_visit):
    with session_scope(engine, write=True) as s:
        for n, names in enumerate(names_per_visit):
            services = [service_by_name(s, name) for name in names]
            lines = tuple(LineDraft(service_id=sv.id) for sv in services)
            total = sum((sv.list_price for sv in services), Decimal("0"))
            record_visit(
                s,
                VisitDraft(
                    member_id,
                    lines,
                    (PaymentDraft("cash", total),),
                    visited_at=clock.now() - timedelta(days=30 * (len(names_per_visit) - n)),
                ),
                actor=SYSTEM,
            )


def test_the_usual_is_listed_first_by_the_members_own_history(engine, shop):
    _history(engine, shop, [["头皮护理"], ["头皮护理", "洗剪吹"], ["头皮护理"], ["洗剪吹"]])
    with session_scope(engine) as s:
        ids = usual_service_ids(s, shop)
        names = [sv.name for sv in services_for_visit(s, shop, "", limit=50)]
        catalogue = [sv.name for sv in list_services(s)]
        assert names[:2] == ["头皮护理", "洗剪吹"]  # 3 times, then 2 times
        assert sorted(names) == sorted(catalogue[:50])  # then the rest of the catalogue
        assert len(ids) == 2
        assert services_for_visit(s, None, "")[0].name == catalogue[0]  # a walk-in: catalogue
        assert services_for_visit(s, shop, "xjc")[0].name == "洗剪吹"  # typing still finds


def test_a_regulars_usual_visit_takes_four_keys_after_the_digits(window, qtbot, engine, shop):
    _history(engine, shop, [["头皮护理"], ["头皮护理"]])
    with session_scope(engine) as s:
        assert list_services(s)[0].name != "头皮护理"  # not simply the catalogue's first
    counter = window.screen("counter")
    app = QApplication.instance()
    keys = KeyCounter()
    app.installEventFilter(keys)
    try:
        qtbot.keyClicks(counter.search, PHONE[-4:])  # the phone digits (not counted)
        counter.search.flush()
        typed = len(keys.keys)
        assert typed == 4  # the counter counts every key
        focus = QApplication.focusWidget
        qtbot.keyClick(focus(), Qt.Key.Key_Return)  # open the member
        qtbot.keyClick(focus(), Qt.Key.Key_F2)  # new visit
        dialog = counter.dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: bool(dialog.services))
        dialog.activateWindow()  # what the window manager does for a new dialog
        qtbot.waitUntil(lambda: focus() is dialog.service_search)
        assert dialog.services[0].name == "头皮护理"
        qtbot.keyClick(focus(), Qt.Key.Key_Return)  # the usual, first in the list
        assert [line.service.name for line in dialog.lines.lines] == ["头皮护理"]
        qtbot.keyClick(focus(), Qt.Key.Key_Return)  # save
        after = len(keys.keys) - typed
    finally:
        app.removeEventFilter(keys)
    assert not dialog.isVisible() and dialog.visit_id is not None
    assert after <= 6, after
    assert after == 4
    with session_scope(engine) as s:
        latest = member_visits(s, shop)[0]
    assert latest.lines_text == "头皮护理"
