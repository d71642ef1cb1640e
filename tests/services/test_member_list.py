"""The member list service: filters and orders in SQL agree with the rows themselves."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import MEMBER_ACTIVE, MEMBER_ARCHIVED, Member, MemberTag
from shopcrm.services.analytics import member_classes
from shopcrm.services.auth import SYSTEM
from shopcrm.services.demo import DemoOptions
from shopcrm.services.members import MemberForm, archive_member, create_member
from shopcrm.services.members.listing import (
    SORT_KEYS,
    MemberFilter,
    apply_classes,
    member_class_codes,
    member_count,
    member_ids,
    member_levels,
    member_rows,
)
from shopcrm.services.wallet import balances, topup

TODAY = date(2026, 3, 15)


@pytest.fixture
def shop(engine, demo_shop):
    demo_shop(DemoOptions(members=60, months=6, seed=11, today=TODAY))
    with session_scope(engine, write=True) as s:
        ids = sorted(s.scalars(select(Member.id)))
        archive_member(s, ids[0], actor=SYSTEM)
        archive_member(s, ids[1], actor=SYSTEM)
    return engine


def all_rows(session):
    ids = list(session.scalars(select(Member.id)))
    return member_rows(session, ids)


def test_rows_match_the_records(shop):
    with session_scope(shop) as s:
        ids = list(s.scalars(select(Member.id).order_by(Member.id)))[:30]
        rows = member_rows(s, [*ids, 999_999])
        assert set(rows) == set(ids)
        for mid in ids:
            m = s.get(Member, mid)
            row = rows[mid]
            assert (row.name, row.card_no, row.level, row.status) == (
                m.name,
                m.card_no,
                m.level or "",
                m.status,
            )
            assert row.visit_count == m.visit_count
            assert row.lifetime_spend == m.lifetime_spend
            assert row.last_visit_on == m.last_visit_on
            assert row.balance == balances(s, mid).stored_value
            assert row.tags == ", ".join(sorted(t.tag for t in m.tags))
            assert row.phone.replace(" ", "") in (m.phone or "")


def test_status_filter_and_count(shop):
    with session_scope(shop) as s:
        statuses = dict(s.execute(select(Member.id, Member.status)).all())
        active = [i for i, st in statuses.items() if st == MEMBER_ACTIVE]
        archived = [i for i, st in statuses.items() if st == MEMBER_ARCHIVED]
        assert sorted(member_ids(s, MemberFilter())) == sorted(active)
        assert sorted(member_ids(s, MemberFilter(status="archived"))) == sorted(archived)
        assert len(member_ids(s, MemberFilter(status="all"))) == len(active) + len(archived)
        assert member_count(s) == len(active) and len(archived) == 2


def test_every_order_sorts_by_its_key(shop):
    with session_scope(shop) as s:
        for order in SORT_KEYS:
            for descending in (False, True):
                check_order(s, order, descending)


def check_order(s, order, descending):
    if True:
        ids = member_ids(s, MemberFilter(status="all"), order, descending, today=TODAY)
        assert sorted(ids) == sorted(s.scalars(select(Member.id).where(Member.status != "merged")))
        if order in ("abc", "segment", "stage"):
            return
        rows = member_rows(s, ids)
        keyfn = {
            "name": lambda r: None,
            "phone": lambda r: r.phone.replace(" ", "") or None,
            "tags": lambda r: r.tags.split(", ")[0] if r.tags else None,
        }.get(order, lambda r: getattr(r, order))
        values = [keyfn(rows[i]) for i in ids]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=descending)
        # empty values come last
        if None in values:
            assert all(v is None for v in values[values.index(None) :])


def test_name_order_is_pinyin(engine):
    with session_scope(engine, write=True) as s:
        for name in ("赵六", "张三", "安娜", "李四"):
            create_member(s, MemberForm(name=name), actor=SYSTEM)
    with session_scope(engine) as s:
        names = [member_rows(s, [i])[i].name for i in member_ids(s, MemberFilter(), "name")]
        assert names == ["安娜", "李四", "张三", "赵六"]
        back = [member_rows(s, [i])[i].name for i in member_ids(s, MemberFilter(), "name", True)]
        assert back == names[::-1]


def test_text_filter(engine):
    with session_scope(engine, write=True) as s:
        a = create_member(
            s, MemberForm(name="张三丰", phone="13800138000", card_no="VIP001"), actor=SYSTEM
        )
        b = create_member(s, MemberForm(name="李四", phone="13912345678"), actor=SYSTEM)
        c = create_member(s, MemberForm(name="Anna Zhang", phone="13700001111"), actor=SYSTEM)
    with session_scope(engine) as s:

        def found(text):
            return set(member_ids(s, MemberFilter(text=text)))

        assert found("三丰") == {a}
        assert found("zs") == {a}
        assert found("zhangsan") == {a}
        assert found("8000") == {a}
        assert found("1234") == {b}
        assert found("vip0") == {a}
        assert found("anna") == {c}
        assert found("138") == {a}
        assert found("") == {a, b, c}
        assert found("nobody") == set()


def test_level_tag_and_visit_filters(shop):
    with session_scope(shop) as s:
        rows = {r.id: r for r in all_rows(s).values() if r.status == MEMBER_ACTIVE}
        joins = dict(s.execute(select(Member.id, Member.join_date)).all())
        levels = member_levels(s)
        assert levels and levels == sorted({r.level for r in rows.values() if r.level})
        level = levels[0]
        assert set(member_ids(s, MemberFilter(level=level))) == {
            i for i, r in rows.items() if r.level == level
        }
        tag = s.scalar(select(MemberTag.tag).limit(1))
        tagged = set(s.scalars(select(MemberTag.member_id).where(MemberTag.tag == tag)))
        assert set(member_ids(s, MemberFilter(tag=tag))) == tagged & set(rows)
        cutoff = TODAY - timedelta(days=60)
        expected = {
            i
            for i, r in rows.items()
            if (r.last_visit_on and r.last_visit_on < cutoff)
            or (r.last_visit_on is None and joins[i] < cutoff)
        }
        got = set(member_ids(s, MemberFilter(not_seen_days=60), today=TODAY))
        assert got == expected and 0 < len(got) < len(rows)
        recent = set(member_ids(s, MemberFilter(seen_within_days=30), today=TODAY))
        assert recent == {
            i
            for i, r in rows.items()
            if r.last_visit_on and r.last_visit_on >= TODAY - timedelta(days=30)
        }
        never = set(member_ids(s, MemberFilter(never_visited=True)))
        assert never == {i for i, r in rows.items() if r.last_visit_on is None}


def test_class_codes_match_the_analytics_and_filter(shop):
    with session_scope(shop) as s:
        codes = member_class_codes(s, TODAY)
        full = member_classes(s, TODAY, "en", with_comeback=False)
        assert {m.member_id: (m.abc, m.segment, m.stage) for m in full.members} == {
            i: (c.abc, c.segment, c.stage) for i, c in codes.items()
        }
        stage = next(c.stage for c in codes.values())
        ids = member_ids(s, MemberFilter(stage=stage), today=TODAY, classes=codes)
        active = set(member_ids(s, MemberFilter()))
        assert set(ids) == {i for i, c in codes.items() if c.stage == stage} & active
        segment = next(c.segment for c in codes.values() if c.segment)
        both = member_ids(s, MemberFilter(segment=segment, abc="A"), classes=codes)
        assert all(codes[i].segment == segment and codes[i].abc == "A" for i in both)
        by_stage = member_ids(s, MemberFilter(), "stage", classes=codes)
        from shopcrm.services.analytics import STAGES

        ranks = [STAGES.index(codes[i].stage) for i in by_stage]
        assert ranks == sorted(ranks)


def test_apply_classes_keeps_sql_order_and_puts_unknown_last():
    from shopcrm.services.members.listing import ClassCodes

    classes = {1: ClassCodes("A", "champions", "stable"), 2: ClassCodes("C", None, "none")}
    assert apply_classes([3, 2, 1], MemberFilter(), classes, "segment") == [1, 3, 2]
    assert apply_classes([3, 2, 1], MemberFilter(), classes, "abc") == [1, 2, 3]
    assert apply_classes([3, 2, 1], MemberFilter(), classes, "abc", True) == [2, 1, 3]
    assert apply_classes([3, 2, 1], MemberFilter(abc="C"), classes) == [2]


def test_balance_order_uses_the_latest_entry(engine):
    with session_scope(engine, write=True) as s:
        a = create_member(s, MemberForm(name="甲"), actor=SYSTEM)
        b = create_member(s, MemberForm(name="乙"), actor=SYSTEM)
        c = create_member(s, MemberForm(name="丙"), actor=SYSTEM)
        topup(s, a, Decimal("100"), actor=SYSTEM)
        topup(s, a, Decimal("50"), actor=SYSTEM)
        topup(s, b, Decimal("120"), actor=SYSTEM)
    with session_scope(engine) as s:
        assert member_ids(s, MemberFilter(), "balance", True) == [a, b, c]
        assert member_rows(s, [a])[a].balance == Decimal("150.00")
