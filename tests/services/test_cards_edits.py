"""Voiding and editing visits paid with cards: uses given back by reversal rows and taken
again, recognition exact (per-use share, remainder on the last paid use), refusals clean.

The property test runs random sequences of uses, voids, edits (same or other quantity,
the visit's own day kept), month closes, refunds and days passing, and after every step
checks the raw rows: what the uses recognised (card_entries) equals the card tender of the
visits still standing (visit_payments), recognised + refunded + value left == price for each
card, recognised == price exactly once the last paid use is taken, no use row ever changes,
and a closed month's card figures never change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import CardEntry, MemberCard, Visit, VisitPayment
from shopcrm.models.card import CARD_REFUND, CARD_REVERSAL, CARD_USE
from shopcrm.services import cards, catalog
from shopcrm.services.auth import SYSTEM
from shopcrm.services.cards.edits import card_of_lines
from shopcrm.services.cards.figures import card_figures, liability_at
from shopcrm.services.money import ledger
from shopcrm.services.money.months import close_month
from shopcrm.services.visits import LineDraft, VisitDraft, edit_visit, record_visit, void_visit

D = Decimal
START = datetime(2026, 6, 1, 10, 0)


def _setup(session):
    shop = make_shop(session)
    member = make_member(session)
    a = catalog.create_service(session, "A", D("50"), actor=SYSTEM)
    b = catalog.create_service(session, "B", D("100"), actor=SYSTEM)
    with clock.frozen(START):
        # awkward shares: 199.99 over 3×A + 4×B (+1 gifted A), and 100 over 3 cuts
        cards.create_card_type(
            session, "AB", "199.99", {a: 3, b: 4}, bonus_uses={a: 1}, valid_days=45, actor=SYSTEM
        )
        cards.create_card_type(session, "三次", "100", {shop["cut"]: 3}, actor=SYSTEM)
        ab = cards.sell_card(session, member, "AB", method="cash", actor=SYSTEM).id
        three = cards.sell_card(session, member, "三次", method="cash", actor=SYSTEM).id
    return member, {ab: (a, b), three: (shop["cut"],)}


def _draft(member, card_id, service, qty, when):
    line = LineDraft(service_id=service, quantity=qty, use_card=True, card_id=card_id)
    return VisitDraft(member, (line,), visited_at=when)


def _entries(session):
    return {
        e.id: (e.card_id, e.kind, e.paid_uses, e.bonus_uses, e.value, e.occurred_at)
        for e in session.scalars(select(CardEntry))
    }


def _check(session, card_ids):
    recognised_all = D("0.00")
    for card_id in card_ids:
        card = session.get(MemberCard, card_id)
        rows = session.scalars(select(CardEntry).where(CardEntry.card_id == card_id)).all()
        recognised = -sum((e.value for e in rows if e.kind in (CARD_USE, CARD_REVERSAL)), D(0))
        refunded = -sum((e.value for e in rows if e.kind == CARD_REFUND), D(0))
        view = cards.get_card(session, card_id)
        assert recognised + refunded + view.value_left == card.price
        assert view.value_left >= 0
        paid_left = sum(i.paid_left for i in view.items)
        if paid_left == 0 and card.refunded_at is None:
            assert recognised == card.price  # the last paid use took the exact remainder
        units = {i.item_id: i.unit_value for i in view.items}
        for e in rows:  # every paid use is its share, or the remainder on the last one
            if e.kind == CARD_USE and e.paid_uses:
                assert -e.value <= units[e.item_id] + D("0.05")
            if e.kind == CARD_USE and e.bonus_uses:
                assert e.value == 0
        recognised_all += recognised
    tender = session.scalar(
        select(func.coalesce(func.sum(VisitPayment.amount), 0))
        .join(Visit, Visit.id == VisitPayment.visit_id)
        .where(VisitPayment.method == "package", Visit.status != "voided")
    )
    assert D(tender) == recognised_all


def _roll_forward(session, months):
    for year, month in months:
        fig = card_figures(session, year, month)
        start, end = clock.month_bounds(year, month)
        assert fig["opening"] == liability_at(session, start)
        assert fig["closing"] == liability_at(session, end)


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("use"), st.integers(0, 1), st.integers(0, 1), st.integers(1, 3)),
        st.tuples(st.just("void"), st.integers(0, 20)),
        st.tuples(st.just("edit"), st.integers(0, 20), st.integers(0, 1), st.integers(1, 3)),
        st.tuples(st.just("days"), st.integers(1, 40)),
        st.tuples(
            st.just("close"),
        ),
        st.tuples(st.just("refund"), st.integers(0, 1)),
    ),
    min_size=4,
    max_size=16,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
# pinned: an edit of a June visit after June closed; a void after the card expired; the last
# paid use after give-backs; a refunded card's visit
@example(ops=[("use", 1, 0, 1), ("days", 25), ("days", 10), ("close",), ("edit", 0, 0, 2)])
@example(ops=[("use", 0, 0, 2), ("use", 0, 1, 3), ("days", 25), ("days", 25), ("void", 0),
              ("close",), ("edit", 0, 1, 1)])  # fmt: skip
@example(ops=[("use", 1, 0, 2), ("void", 0), ("use", 1, 0, 1), ("edit", 0, 0, 3),
              ("use", 1, 0, 1), ("refund", 1), ("void", 0)])  # fmt: skip
def test_any_sequence_of_uses_edits_and_voids_keeps_recognition_exact(session, ops):
    outer = session.begin_nested()
    try:
        _run(session, ops)
    finally:
        outer.rollback()
        ledger.forget_closed(session)


def _run(session, ops):
    member, card_services = _setup(session)
    card_ids = list(card_services)
    now = START + timedelta(hours=1)
    visits: list[int] = []  # standing visits
    closed: dict[tuple[int, int], dict] = {}
    for op in ops:
        before = _entries(session)
        with clock.frozen(now):
            try:
                if op[0] == "use":
                    card_id = card_ids[op[1]]
                    services = card_services[card_id]
                    service = services[op[2] % len(services)]
                    visits.append(
                        record_visit(
                            session, _draft(member, card_id, service, op[3], now), actor=SYSTEM
                        )  # fmt: skip
                    )
                elif op[0] in ("void", "edit") and visits:
                    old = visits[op[1] % len(visits)]
                    visit = session.get(Visit, old)
                    if op[0] == "void":
                        void_visit(session, old, "test", actor=SYSTEM)
                        visits.remove(old)
                    else:
                        use = session.scalars(
                            select(CardEntry).where(CardEntry.visit_id == old)
                        ).first()
                        services = card_services[use.card_id]
                        draft = _draft(member, use.card_id, services[op[2] % len(services)],
                                       op[3], visit.visited_at)  # fmt: skip
                        new = edit_visit(session, old, draft, "fix", actor=SYSTEM)
                        visits[visits.index(old)] = new
                elif op[0] == "days":
                    now += timedelta(days=op[1])
                elif op[0] == "close":
                    prev = (now.replace(day=1) - timedelta(days=1)).date()
                    key = (prev.year, prev.month)
                    if key not in closed and prev >= START.date():
                        close_month(session, *key, actor=SYSTEM)
                        closed[key] = card_figures(session, *key)
                elif op[0] == "refund":
                    card_id = card_ids[op[1]]
                    if cards.get_card(session, card_id).status == "active":
                        cards.refund_card(session, card_id, method="cash", reason="r",
                                          actor=SYSTEM)  # fmt: skip
            except ShopError:
                # a refusal writes nothing
                assert _entries(session) == before
        after = _entries(session)
        for entry_id, row in before.items():  # append-only: no row changed or went away
            assert after[entry_id] == row
        _check(session, card_ids)
        for key, figures in closed.items():
            assert card_figures(session, *key) == figures
    months = {(START.year, START.month)}
    day = START.date()
    while day <= now.date():
        months.add((day.year, day.month))
        day += timedelta(days=20)
    _roll_forward(session, sorted(months))


@pytest.fixture
def setup(session):
    member, card_services = _setup(session)
    session.flush()
    return member, card_services


def _card(card_services, name_len):
    return next(c for c, s in card_services.items() if len(s) == name_len)


def test_editing_a_card_visit_gives_the_use_back_and_takes_the_new_ones(session, setup):
    member, card_services = setup
    three = _card(card_services, 1)
    cut = card_services[three][0]
    with clock.frozen(START + timedelta(hours=1)):
        first = record_visit(session, _draft(member, three, cut, 1, None), actor=SYSTEM)
        record_visit(session, _draft(member, three, cut, 1, None), actor=SYSTEM)
        new = edit_visit(session, first, _draft(member, three, cut, 1, None), "staff", actor=SYSTEM)
        rows = session.scalars(
            select(CardEntry).where(CardEntry.card_id == three).order_by(CardEntry.id)
        ).all()
        assert [(e.kind, e.value, e.visit_id) for e in rows[1:]] == [
            ("use", D("-33.33"), first),
            ("use", D("-33.33"), first + 1),
            ("reversal", D("33.33"), first),
            ("use", D("-33.33"), new),
        ]
        assert rows[3].reverses_id == rows[1].id
        assert card_of_lines(session, new) == {1: three} and card_of_lines(session, first) == {}
        assert cards.get_card(session, three).value_left == D("33.34")
        last = record_visit(session, _draft(member, three, cut, 1, None), actor=SYSTEM)
        value = session.scalars(select(CardEntry.value).where(CardEntry.visit_id == last)).one()
        assert value == D("-33.34")  # the card's last paid use: the exact remainder
        assert cards.get_card(session, three).value_left == D("0.00")


def test_an_edit_beyond_the_uses_left_is_refused_and_writes_nothing(session, setup):
    member, card_services = setup
    three = _card(card_services, 1)
    cut = card_services[three][0]
    with clock.frozen(START + timedelta(hours=1)):
        first = record_visit(session, _draft(member, three, cut, 2, None), actor=SYSTEM)
        before = _entries(session)
        with pytest.raises(ShopError) as refused:
            edit_visit(session, first, _draft(member, three, cut, 4, None), "more", actor=SYSTEM)
        assert "no 洗剪吹 uses left; pay another way" in refused.value.message("en")
        assert "次数已用完" in refused.value.message("zh")
        assert _entries(session) == before
        assert session.get(Visit, first).status != "voided"


def test_an_edit_keeps_the_visit_day_and_a_card_expired_since_is_refused_only_if_moved(
    session, setup
):
    member, card_services = setup
    ab = _card(card_services, 2)
    a, _ = card_services[ab]
    visit_day = START + timedelta(days=40)  # the AB card's last day is START + 44 days
    with clock.frozen(visit_day):
        first = record_visit(session, _draft(member, ab, a, 1, None), actor=SYSTEM)
    with clock.frozen(START + timedelta(days=50)):
        kept = edit_visit(session, first, _draft(member, ab, a, 2, visit_day), "two", actor=SYSTEM)
        before = _entries(session)
        with pytest.raises(ShopError) as refused:  # moved to today: the card has expired
            edit_visit(session, kept, _draft(member, ab, a, 2, None), "today", actor=SYSTEM)
        assert "expired on 2026-07-15; pay another way" in refused.value.message("en")
        assert _entries(session) == before


def test_a_visit_on_a_refunded_card_cannot_be_voided(session, setup):
    member, card_services = setup
    three = _card(card_services, 1)
    cut = card_services[three][0]
    with clock.frozen(START + timedelta(days=10)):
        first = record_visit(session, _draft(member, three, cut, 1, None), actor=SYSTEM)
        cards.refund_card(session, three, method="cash", reason="moving", actor=SYSTEM)
        before = _entries(session)
        with pytest.raises(ShopError) as refused:
            void_visit(session, first, "wrong", actor=SYSTEM)
        assert "cannot be given back" in refused.value.message("en")
        assert "次数不能退回" in refused.value.message("zh")
        assert _entries(session) == before
        assert session.get(Visit, first).status != "voided"


def test_a_void_in_a_closed_month_gives_back_today_and_leaves_june_as_closed(session, setup):
    member, card_services = setup
    three = _card(card_services, 1)
    cut = card_services[three][0]
    with clock.frozen(START + timedelta(hours=1)):
        first = record_visit(session, _draft(member, three, cut, 1, None), actor=SYSTEM)
    with clock.frozen(datetime(2026, 7, 3, 9, 0)):
        close_month(session, 2026, 6, actor=SYSTEM)
        june = card_figures(session, 2026, 6)
        new = edit_visit(
            session, first, _draft(member, three, cut, 2, START + timedelta(hours=1)), "two",
            actor=SYSTEM,
        )  # fmt: skip
        assert card_figures(session, 2026, 6) == june
        july = card_figures(session, 2026, 7)
        assert july["recognised"] == D("33.33")  # −33.33 given back, +66.66 taken again
        times = session.scalars(
            select(CardEntry.occurred_at).where(CardEntry.visit_id.in_([first, new]))
        ).all()
        assert sorted({t.date() for t in times}) == [date(2026, 6, 1), date(2026, 7, 3)]
