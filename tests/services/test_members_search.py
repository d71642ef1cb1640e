"""The one search box: every form of query, ranking, and index use."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select, update

from shopcrm.db import is_sqlite
from shopcrm.models import Member
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import MemberForm, archive_member, create_member, search_members

PEOPLE = [
    ("张三", "13800138000", "880001"),
    ("张三丰", "13912348000", None),
    ("曾小贤", "13700008000", "880002"),
    ("单田芳", "13611112222", None),
    ("仇九", "13522223333", "VIP77"),
    ("欧阳娜娜", "13633334444", None),
    ("李四", "18988880000", "880010"),
    ("Tom Lee", "+85291234567", None),
]


@pytest.fixture
def shop(session):
    ids = {}
    for name, phone, card in PEOPLE:
        ids[name] = create_member(session, MemberForm(name=name, phone=phone, card_no=card), actor=SYSTEM)
    session.commit()
    return ids


def names(hits):
    return [h.name for h in hits]


def test_phone_tail_shared_by_several_ranks_recent_visitors_first(session, shop):
    session.execute(
        update(Member).where(Member.id == shop["曾小贤"]).values(last_visit_on=date(2025, 5, 1))
    )
    session.execute(
        update(Member).where(Member.id == shop["张三"]).values(last_visit_on=date(2025, 1, 1))
    )
    hits = search_members(session, "8000")
    assert names(hits)[:3] == ["曾小贤", "张三", "张三丰"]
    assert {h.match for h in hits[:3]} == {"phone_tail"}
    assert hits[0].phone == "137 0000 8000"


def test_exact_phone_first_in_any_writing(session, shop):
    for query in ("13800138000", "138 0013 8000", "+86-138-0013-8000"):
        hits = search_members(session, query)
        assert (hits[0].name, hits[0].match) == ("张三", "phone"), query


def test_foreign_number_found_by_tail_and_whole(session, shop):
    assert names(search_members(session, "4567")) == ["Tom Lee"]
    assert search_members(session, "+852 9123 4567")[0].match == "phone"


def test_card_exact_then_prefix_and_before_names(session, shop):
    hits = search_members(session, "880001")
    assert (hits[0].name, hits[0].match) == ("张三", "card")
    assert [(h.name, h.match) for h in search_members(session, "88000")] == [
        ("张三", "card_prefix"),
        ("曾小贤", "card_prefix"),
    ]
    assert search_members(session, "vip77")[0].name == "仇九"


def test_phone_tail_outranks_card_prefix(session, shop):
    # "0001" ends no phone here but 880001 contains it; "8000" ends phones and starts no card
    hits = search_members(session, "0000")
    assert hits[0].match == "phone_tail" and hits[0].name == "李四"


def test_name_characters_prefix_then_contains(session, shop):
    hits = search_members(session, "张三")
    assert [(h.name, h.match) for h in hits] == [("张三", "name"), ("张三丰", "name")]
    assert [(h.name, h.match) for h in search_members(session, "三")] == [
        ("张三", "name_contains"),
        ("张三丰", "name_contains"),
    ]
    assert names(search_members(session, "娜娜")) == ["欧阳娜娜"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zhangsan", ["张三", "张三丰"]),
        ("zhang san", ["张三", "张三丰"]),
        ("Zhang San", ["张三", "张三丰"]),
        ("zhangsanf", ["张三丰"]),
        ("zs", ["张三"]),  # initials: 张三 is "zs", 张三丰 "zsf" (both prefixes; exact first)
        ("zsf", ["张三丰"]),
        ("zeng", ["曾小贤"]),  # 曾 as a surname is zeng, not ceng
        ("zxx", ["曾小贤"]),
        ("shan", ["单田芳"]),  # not dan
        ("stf", ["单田芳"]),
        ("qiu", ["仇九"]),  # not chou
        ("ouyang", ["欧阳娜娜"]),
        ("oynn", ["欧阳娜娜"]),
        ("tom", ["Tom Lee"]),
    ],
)
def test_pinyin_and_initials(session, shop, query, expected):
    got = names(search_members(session, query))
    assert got[: len(expected)] == expected
    assert "ceng" not in query


def test_polyphonic_surnames_not_found_by_common_reading(session, shop):
    assert search_members(session, "ceng") == []
    assert search_members(session, "chou") == []
    assert search_members(session, "dantian") == []


def test_initials_exact_before_longer(session, shop):
    hits = search_members(session, "zs")
    assert [(h.name, h.match) for h in hits] == [("张三", "initials"), ("张三丰", "initials")]


def test_digit_fragment_is_last_resort(session, shop):
    hits = search_members(session, "1234")
    assert {(h.name, h.match) for h in hits} == {
        ("张三丰", "phone_digits"),
        ("Tom Lee", "phone_digits"),
    }


def test_archived_hidden_unless_asked(session, shop):
    archive_member(session, shop["李四"], actor=SYSTEM)
    assert search_members(session, "18988880000") == []
    hits = search_members(session, "18988880000", include_archived=True)
    assert (hits[0].name, hits[0].status) == ("李四", "archived")


def test_limit_and_blank(session, shop):
    assert len(search_members(session, "0", limit=3)) == 3
    assert search_members(session, "   ") == []
    assert search_members(session, "%") == [] and search_members(session, "_") == []


def _plans(engine, session, query):
    captured = []

    def grab(conn, cursor, statement, params, context, many):
        if statement.lstrip().upper().startswith("SELECT") and "members" in statement:
            captured.append((statement, params))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        search_members(session, query)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    conn = session.connection()
    return [
        " | ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + s, p))
        for s, p in captured
    ]


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("8000", "ix_members_phone_rev"),
        ("zhangsan", "ix_members_name_pinyin"),
        ("zs", "ix_members_name_initials"),
        ("张", "ix_members_name"),
        ("880001", "ix_members_card_no"),
        ("13800138000", "ix_members_phone_rev"),
    ],
)
def test_lookups_use_an_index_on_sqlite(engine, session, shop, query, index):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    plans = _plans(engine, session, query)
    assert any(f"USING INDEX {index} (" in p for p in plans), plans
    for plan in plans:  # never a plain table scan, never the status index, never a sort
        assert "SCAN members" not in plan or "COVERING INDEX" in plan, plan
        assert "ix_members_status" not in plan and "TEMP B-TREE" not in plan, plan


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(max_size=40)
    | st.sampled_from(
        ["%", "_", "'; DROP TABLE members;--", "\x00", "\U0010ffff", "\ud7ff", "𠀀", "🙂" * 30]
    )
)
def test_no_query_raises_or_changes_data(session, shop, query):
    before = session.scalar(select(func.count()).select_from(Member))
    hits = search_members(session, query)
    assert len(hits) <= 20
    assert session.scalar(select(func.count()).select_from(Member)) == before


# --- one round trip (perf): the batched search ranks exactly as asking each look-up in turn


def _selects(engine, fn):
    seen = []

    def grab(conn, cursor, statement, params, context, many):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", grab)
    try:
        result = fn()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return result, seen


@pytest.fixture
def crowd(session, shop):
    """Many members sharing tails, card prefixes, names and initials, some recent."""
    surnames = ["张", "章", "曾", "单", "李"]
    for n in range(60):
        name = (
            surnames[n % 5] + ["三", "山", "小贤", "田芳", "四"][n // 12] + ("丰" if n % 3 else "")
        )
        mid = create_member(
            session,
            MemberForm(
                name=name,
                phone=f"13{n % 7}{n:04d}8{n % 3}00",
                card_no=f"88{n:03d}9" if n % 2 else None,
            ),
            actor=SYSTEM,
        )
        if n % 4 == 0:
            session.execute(
                update(Member)
                .where(Member.id == mid)
                .values(last_visit_on=date(2025, 1, 1 + n % 28))
            )
    session.commit()


QUERIES = [
    "8000",
    "800",
    "0",
    "00",
    "88",
    "880",
    "8800",
    "13800138000",
    "138",
    "z",
    "zs",
    "zhang",
    "zhangsan",
    "s",
    "sh",
    "张",
    "张三",
    "三",
    "小",
    "曾小贤",
    "vip77",
    "Tom",
    "1234",
    "4567",
]


def test_batched_search_ranks_as_one_lookup_at_a_time(session, crowd):
    from shopcrm.services.members.search import _search

    for query in QUERIES:
        for limit in (1, 3, 20):
            batched = _search(session, query, limit, True, batched=True)
            plain = _search(session, query, limit, True, batched=False)
            assert batched == plain, (query, limit)
            assert batched, query
        assert _search(session, query, 20, False, batched=True) == search_members(session, query)


@pytest.mark.parametrize(
    ("query", "selects"),
    [("8000", 1), ("13800138000", 2), ("zs", 1), ("张三", 1), ("880001", 1), ("9999", 2)],
)
def test_search_is_one_statement_for_common_queries(engine, session, crowd, query, selects):
    # a whole number also reads the shop's phone region; digits nobody's number ends with
    # then look for the digits anywhere (the scan, asked only then)
    _hits, seen = _selects(engine, lambda: search_members(session, query))
    assert len(seen) == selects, seen
