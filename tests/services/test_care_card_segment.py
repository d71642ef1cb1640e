"""The "card expiring" segment (card:N): members holding a package card with uses left whose
last day is within N days. The expected members are worked out here from the raw rows
(member_cards, card_entries, members), never from the segment code."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from followup_helpers import add_member
from sqlalchemy import func, select
from visit_helpers import make_shop

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import CardEntry, Member, MemberCard, MemberTag
from shopcrm.services import cards
from shopcrm.services.auth import SYSTEM
from shopcrm.services.care.campaigns import launch_campaign, preview_campaign
from shopcrm.services.care.segments import parse_segment, segment_ids, segment_members
from shopcrm.services.visits import LineDraft, VisitDraft, record_visit

ON = date(2026, 5, 1)


def _type(session, shop, name, *, until=None, days=None, paid=3, bonus=0):  # noqa: ANN001, ANN202
    cards.create_card_type(
        session, name, "300", {shop["cut"]: paid}, bonus_uses={shop["cut"]: bonus} if bonus else None,
        valid_until=until, valid_days=days, actor=SYSTEM,
    )  # fmt: skip
    return name


def _sell(session, member, type_name, when=None):  # noqa: ANN001, ANN202
    return cards.sell_card(session, member.id, type_name, method="cash", when=when, actor=SYSTEM)


@pytest.fixture
def shop_cards(session):
    """Members and cards around 1 May 2026; returns the members by a short name."""
    shop = make_shop(session)
    m = {key: add_member(session, f"会员{key}") for key in "abcdefghij"}
    m["g"].consent_marketing = False
    m["f"].status = "archived"
    session.flush()
    with clock.frozen("2026-04-01 10:00"):
        may20 = _type(session, shop, "五月卡", until=date(2026, 5, 20))
        may31 = _type(session, shop, "月底卡", until=date(2026, 5, 31))  # day 30: the edge
        june15 = _type(session, shop, "六月卡", until=date(2026, 6, 15))
        one_use = _type(session, shop, "单次卡", until=date(2026, 5, 20), paid=1)
        gifted = _type(session, shop, "赠送卡", until=date(2026, 5, 10), paid=1, bonus=1)
        month = _type(session, shop, "月卡", days=30)
        forever = _type(session, shop, "长期卡")
        _sell(session, m["a"], may20)  # in
        _sell(session, m["b"], june15)  # 45 days away: only in card:60
        used = _sell(session, m["c"], one_use)  # used up below: out
        refunded = _sell(session, m["d"], may20)  # refunded below: out
        _sell(session, m["e"], month, when=datetime(2026, 3, 1, 10))  # ended 30 March: out
        _sell(session, m["f"], may20)  # archived member: out
        _sell(session, m["g"], may20)  # no consent: in the segment, left out of offers
        _sell(session, m["h"], forever)  # no last day: out
        _sell(session, m["i"], may31)  # ends on day 30: in
        _sell(session, m["i"], may20)  # ... and this one ends first: named
        gift = _sell(session, m["j"], gifted)  # paid use used, a gifted one left: in
        for card, member in ((used, m["c"]), (gift, m["j"])):
            line = LineDraft(service_id=shop["cut"], use_card=True, card_id=card.id)
            record_visit(session, VisitDraft(member.id, (line,)), actor=SYSTEM)
        cards.refund_card(session, refunded.id, method="cash", reason="搬家", actor=SYSTEM)
    session.flush()
    return m


def _expected(session, on: date, days: int) -> set[int]:
    """Straight from the rows: active members with a card not refunded, last day in
    [on, on + days], whose entries leave uses (paid + gifted) above zero."""
    left = (
        select(CardEntry.card_id)
        .group_by(CardEntry.card_id)
        .having(func.sum(CardEntry.paid_uses + CardEntry.bonus_uses) > 0)
    )
    return set(
        session.scalars(
            select(MemberCard.member_id)
            .join(Member, Member.id == MemberCard.member_id)
            .where(
                Member.status == "active",
                MemberCard.refunded_at.is_(None),
                MemberCard.expires_on >= on,
                MemberCard.expires_on <= on + timedelta(days=days),
                MemberCard.id.in_(left),
            )
        )
    )


def test_card_segment_is_exactly_the_members_with_uses_left_near_the_last_day(session, shop_cards):
    m = shop_cards
    with clock.frozen("2026-05-01 09:00"):
        for days in (0, 9, 30, 60):
            assert segment_ids(session, f"card:{days}", ON) == _expected(session, ON, days), days
        assert segment_ids(session, "card:30", ON) == {m[k].id for k in "agij"}
        assert m["b"].id in segment_ids(session, "card:60", ON)
        session.add(MemberTag(member_id=m["a"].id, tag="VIP"))
        session.add(MemberTag(member_id=m["b"].id, tag="VIP"))
        session.flush()
        assert segment_ids(session, "tag:VIP,card:30", ON) == {m["a"].id}  # all criteria
        # on 21 May the cards that ended on 20 May are past; 31 May and 15 June are near
        later = date(2026, 5, 21)
        assert segment_ids(session, "card:30", later) == _expected(session, later, 30)
        assert segment_ids(session, "card:30", later) == {m["i"].id, m["b"].id}


def test_why_and_placeholders_name_the_card_ending_first(session, shop_cards):
    m = shop_cards
    with clock.frozen("2026-05-01 09:00"):
        [target] = [
            t for t in segment_members(session, "card:30", ON, "en") if t.member_id == m["i"].id
        ]
        assert (target.card, target.card_ends) == ("五月卡", date(2026, 5, 20))
        preview = preview_campaign(
            session, "card:30", "{name}：{card}{card_ends}到期，还剩{card_uses}", ON, "zh"
        )
        zh = {r.member_id: r for r in preview.recipients}
        assert set(zh) == {m[k].id for k in "aij"} and preview.no_consent == 1  # g declined
        assert zh[m["i"].id].text == "会员i：五月卡5月20日到期，还剩洗剪吹 3"
        assert zh[m["j"].id].text.endswith("还剩洗剪吹 0+1")  # a gifted use left counts
        assert zh[m["i"].id].why == "次卡“五月卡”5月20日到期，剩余：洗剪吹 3"
        en = preview_campaign(session, "card:30", "x", ON, "en").recipients
        assert {r.why for r in en if r.member_id == m["a"].id} == {
            "package card “五月卡” ends 20 May; left: 洗剪吹 3"
        }
        first = launch_campaign(session, "card:30", "{name}，{card}快到期了", on=ON, actor=SYSTEM)
        again = launch_campaign(session, "card:30", "{name}，{card}快到期了", on=ON, actor=SYSTEM)
    assert (first.created, first.no_consent, again.created) == (3, 1, 0)


@pytest.mark.parametrize("text", ["card:", "card:x", "card:-1", "card:2.5"])
def test_bad_card_segment_is_refused(text):
    with pytest.raises(ShopError):
        parse_segment(text)
