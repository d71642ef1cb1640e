"""`member_classes` words each member's class from the class arrays (analytics/reasons.py):
member by member, the result must be what the reference rules in segments.py give
(`abc_classes`, `rfm_scores`, `lifecycle_stage` on each member's history)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shopcrm.i18n import translate
from shopcrm.services.analytics import (
    SEGMENT_NAMES,
    STAGE_NAMES,
    abc_classes,
    lifecycle_stage,
    load_histories,
    member_classes,
    rfm_scores,
)
from shopcrm.services.analytics.segments import abc_limits, lifecycle_params, rfm_window
from shopcrm.services.demo import DemoOptions

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(demo_shop, session):
    demo_shop(DemoOptions(members=220, months=15, seed=5, today=TODAY))
    return session


def _reference(session, as_of: date, lang: str) -> list[dict]:
    """Each member's class, scores and reasons by the per-member reference rules."""
    histories = load_histories(session, as_of, rfm_window(session))
    abc = abc_classes(histories, abc_limits(session))
    rfm = rfm_scores(histories, as_of, rfm_window(session))
    params = lifecycle_params(session)
    out = []
    for h in histories:
        a, s, st = abc[h.member_id], rfm.get(h.member_id), lifecycle_stage(h, as_of, params)
        out.append(
            {
                "member_id": h.member_id,
                "name": h.name,
                "visits": h.days,
                "first_visit": h.first,
                "last_visit": h.last,
                "lifetime_spend": (Decimal(h.spend_cents) / 100).quantize(Decimal("0.01")),
                "abc": a.cls,
                "abc_reason": translate(a.reason_id, lang, **a.params),
                "r": s.r if s else None,
                "f": s.f if s else None,
                "m": s.m if s else None,
                "segment": s.segment if s else None,
                "segment_name": translate(SEGMENT_NAMES[s.segment], lang) if s else "",
                "segment_reason": translate("analytics.rfm_reason", lang, **s.params) if s else "",
                "stage": st.stage,
                "stage_name": translate(STAGE_NAMES[st.stage], lang),
                "stage_reason": translate(st.reason_id, lang, **st.params),
            }
        )
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("as_of", [TODAY, date(2026, 3, 31)], ids=["today", "earlier"])
def test_member_classes_are_the_reference_rules_member_by_member(demo, lang, as_of):
    found = member_classes(demo, as_of, lang, with_comeback=False)
    expected = _reference(demo, as_of, lang)
    assert len(found.members) == len(expected) > 100  # who had joined by then
    for member, want in zip(found.members, expected, strict=True):
        got = {key: getattr(member, key) for key in want}
        assert got == want
    # every kind of reason is met in this shop, so each branch above was compared
    stages = {m.stage for m in found.members}
    assert {"stable", "decline", "development"} <= stages
    assert {m.abc for m in found.members} == {"A", "B", "C"}


def test_a_shop_without_spend_says_so_for_everyone(session):
    from followup_helpers import add_member

    for name in ("甲", "乙"):
        add_member(session, name)
    found = member_classes(session, TODAY, "en", with_comeback=False)
    assert [m.abc_reason for m in found.members] == ["No spend yet: class C."] * 2
    assert [m.stage_reason for m in found.members] == ["No visits yet."] * 2
    assert [m.segment for m in found.members] == [None, None]
    assert [m.first_visit for m in found.members] == [None, None]
