"""The counter's bundled reads and the Follow-ups screen's day list (with future preview)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from visit_helpers import make_shop

from shopcrm.models import Followup
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.counter import (
    counter_today,
    line_amount,
    member_panel,
    new_member_prefill,
    points_needed,
    visit_setup,
)
from shopcrm.services.followups import raise_due, record_outcome
from shopcrm.services.followups.day import day_list
from shopcrm.services.members import MemberForm, create_member
from shopcrm.services.settings import set_setting
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")  # TODAY is the frozen clock's day


def _member(session, **profile):
    return create_member(
        session, MemberForm(name="王芳", phone="13912345678", level="金卡", profile=profile), actor=SYSTEM
    )


def test_member_panel_bundles_card_wallet_visits_followups(session):
    set_setting(session, "shop.kind", "salon")
    ids = make_shop(session)
    mid = _member(session, allergies="染发剂", hair_type="细软", scalp="")
    wallet.topup(session, mid, Decimal("500"), actor=SYSTEM)
    record_visit(
        session,
        VisitDraft(
            mid,
            (LineDraft(ids["perm"], staff_id=ids["tony"]), LineDraft(ids["cut"])),
            (PaymentDraft("stored_value", Decimal("468")),),
            visited_at=datetime.combine(TODAY - timedelta(days=3), datetime.min.time()),
        ),
        actor=SYSTEM,
    )
    raise_due(session, TODAY, actor=SYSTEM)
    panel = member_panel(session, mid, TODAY, "en")
    assert panel.card.name == "王芳"
    assert panel.balances.stored_value == Decimal("32.00")
    assert [v.total_amount for v in panel.visits] == [Decimal("468.00")]
    assert panel.visits[0].lines_text == "烫发, 洗剪吹"
    assert panel.allergies == "染发剂"
    # filled fields only, allergies apart, labels in the asked language and field order
    assert [(p.label, p.value) for p in panel.profile] == [("Hair type", "细软")]
    assert [f.key for f in panel.fields][:2] == ["hair_type", "scalp"]
    assert [f.rule_kind for f in panel.followups] == ["aftercare"]  # perm: 3 days after
    zh = member_panel(session, mid, TODAY, "zh")
    assert zh.profile[0].label == "发质"


def test_counter_today_counts(session):
    ids = make_shop(session)
    mid = _member(session)
    record_visit(
        session, VisitDraft(mid, (LineDraft(ids["cut"]),), (PaymentDraft("cash", Decimal("88")),)), actor=SYSTEM
    )
    record_visit(
        session, VisitDraft(None, (LineDraft(ids["cut"]),), (PaymentDraft("cash", Decimal("88")),)), actor=SYSTEM
    )
    wallet.topup(session, mid, Decimal("200"), bonus=Decimal("20"), actor=SYSTEM)
    today = counter_today(session, TODAY)
    assert today.visits_today == 2
    assert today.new_members_month == 1
    assert today.stored_value == Decimal("220.00")
    assert today.followups_due == 0


def test_visit_setup_remembers_staff_and_method(session):
    ids = make_shop(session)
    mid = _member(session)
    wallet.topup(session, mid, Decimal("300"), actor=SYSTEM)
    record_visit(
        session,
        VisitDraft(
            mid,
            (LineDraft(ids["cut"], staff_id=ids["li"]),),
            (PaymentDraft("stored_value", Decimal("88")),),
        ),
        actor=SYSTEM,
    )
    setup = visit_setup(session, mid)
    assert setup.defaults.staff_id == ids["li"]
    assert setup.defaults.payment_method == "stored_value"
    assert setup.balances.stored_value == Decimal("212.00")
    assert {s.name for s in setup.staff} == {"Tony", "小李"}
    assert setup.points_per_yuan == 100
    walk_in = visit_setup(session, None)
    assert walk_in.member_id is None and walk_in.balances is None
    assert walk_in.defaults.payment_method is None


def test_small_pure_helpers():
    assert line_amount(2, Decimal("88"), Decimal("10")) == Decimal("166.00")
    assert line_amount(0, Decimal("88"), Decimal("0")) == Decimal("0.00")
    assert points_needed(Decimal("1.005"), 100) == 101
    assert new_member_prefill(" 1391234 ") == {"phone": "1391234"}
    assert new_member_prefill("138-0013 8000") == {"phone": "138-0013 8000"}
    assert new_member_prefill("王芳") == {"name": "王芳"}
    assert new_member_prefill("wf") == {"name": "wf"}
    assert new_member_prefill("  ") == {}


def test_future_day_is_a_preview_that_writes_nothing(session):
    ids = make_shop(session)
    mid = _member(session)
    record_visit(
        session,
        VisitDraft(mid, (LineDraft(ids["perm"]),), (PaymentDraft("cash", Decimal("380")),)),
        actor=SYSTEM,
    )
    raise_due(session, TODAY, actor=SYSTEM)
    before = session.scalar(select(func.count()).select_from(Followup))
    care_day = TODAY + timedelta(days=3)
    preview = day_list(session, care_day, TODAY, "en")
    assert [i.rule_kind for i in preview.items] == ["aftercare"]
    assert preview.preview and not preview.actionable(preview.items[0])
    assert session.scalar(select(func.count()).select_from(Followup)) == before
    assert day_list(session, TODAY, TODAY).items == ()
    # once its day is raised for real, the same list is actionable
    raise_due(session, care_day, actor=SYSTEM)
    real = day_list(session, care_day, TODAY, "en")
    assert len(real.items) == 1 and real.actionable(real.items[0]) and not real.preview
    record_outcome(session, real.items[0].id, "done", channel="call", actor=SYSTEM)
    assert day_list(session, care_day, TODAY).items == ()
