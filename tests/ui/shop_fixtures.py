"""Fixtures shared by the counter and follow-up screen tests (import them by name)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcrm.db import session_scope
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.catalog import service_by_name, update_service
from shopcrm.services.members import MemberForm, create_member
from shopcrm.ui.main_window import MainWindow

PHONE = "13900017788"


@pytest.fixture
def shop(engine, small_demo):
    """The small demo shop plus a member we know: ¥1000 on the card, no visits yet."""
    with session_scope(engine, write=True) as s:
        # a label that is no level of the demo's: list prices (the level tests price lines)
        member_id = create_member(
            s, MemberForm(name="王测试", phone=PHONE, level="老客"), actor=SYSTEM
        )
        wallet.topup(
            s, member_id, Decimal("1000"), bonus=0, actor=SYSTEM
        )  # no offer: ¥1,000 exactly
        cut = service_by_name(s, "洗剪吹")
        update_service(s, cut.id, care_offsets=[5], actor=SYSTEM)  # a care call 5 days after a cut
    return member_id


@pytest.fixture
def window(ctx, qtbot, shop):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win
