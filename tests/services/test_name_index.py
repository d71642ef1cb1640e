"""The name index (migration 0013): "characters anywhere in the name" from a trigram index,
filled for the members already there, in step with every write, empty of erased names."""

from __future__ import annotations

from pathlib import Path

import pytest
from rel_helpers import revision_before
from sqlalchemy import text

from shopcrm.db import is_sqlite, make_engine, open_database
from shopcrm.migrate import upgrade_to
from shopcrm.models import Member
from shopcrm.services import privacy
from shopcrm.services.auth import ROLE_OWNER, SYSTEM, Actor
from shopcrm.services.members import (
    MemberForm,
    archive_member,
    create_member,
    merge_members,
    name_index,
    search_members,
    update_member,
)
from shopcrm.services.members.search import _search

OWNER = Actor(None, "老板", ROLE_OWNER)
NAMES = ["欧阳娜娜", "司马相如", "王思馨", "李四", "Anna Lee", "诸葛孔明亮"]


def _sqlite_only(engine) -> None:
    if not is_sqlite(engine):
        pytest.skip("the FTS5 table is SQLite's (PostgreSQL: see the pg_trgm test)")


def _terms(session) -> set[str]:
    """Every trigram the index holds for a live entry (fts5vocab reads through segments)."""
    session.execute(
        text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.name_vocab"
            " USING fts5vocab(main, member_names_fts, 'row')"
        )
    )
    return set(session.scalars(text("SELECT term FROM temp.name_vocab")))


def _trigrams(name: str) -> set[str]:
    low = name.lower()
    return {low[i : i + 3] for i in range(len(low) - 2)}


def _fts_ids(session, query: str) -> set[int]:
    rows = session.execute(
        text("SELECT rowid FROM member_names_fts WHERE member_names_fts MATCH :q"),
        {"q": name_index.fts_phrase(query)},
    )
    return {r[0] for r in rows}


@pytest.fixture
def people(session):
    ids = {
        name: create_member(session, MemberForm(name=name, phone=f"1380013{n:04d}"), actor=SYSTEM)
        for n, name in enumerate(NAMES)
    }
    session.commit()
    return ids


def test_three_characters_inside_a_name_are_found_by_the_index(engine, session, people):
    _sqlite_only(engine)
    assert name_index.has_fts(session)
    for query, name in [("阳娜娜", "欧阳娜娜"), ("马相如", "司马相如"), ("孔明亮", "诸葛孔明亮")]:
        hits = search_members(session, query)
        assert [(h.name, h.match) for h in hits] == [(name, "name_contains")]
    assert [h.name for h in search_members(session, "思馨")] == ["王思馨"]  # 2: the scan
    assert search_members(session, "娜娜娜") == []


@pytest.mark.parametrize(
    "query", ["阳娜娜", "娜娜", "葛孔明", "王思馨", "nna L", "ANNA", "李四", "思", "%_\\", '"思"']
)
def test_the_index_answers_as_the_scan_does(engine, session, people, monkeypatch, query):
    with_index = _search(session, query, 20, True, batched=True)
    monkeypatch.setattr("shopcrm.services.members.search.has_fts", lambda s: False)
    scanned = _search(session, query, 20, True, batched=True)
    assert with_index == scanned


def test_the_index_follows_every_write(engine, session, people):
    _sqlite_only(engine)
    new = create_member(session, MemberForm(name="上官婉儿", phone="13900001111"), actor=SYSTEM)
    session.flush()
    assert _fts_ids(session, "官婉儿") == {new}
    member = session.get(Member, new)
    update_member(session, new, member.version, actor=SYSTEM, name="上官飞燕")
    session.flush()
    assert _fts_ids(session, "官婉儿") == set() and _fts_ids(session, "官飞燕") == {new}
    assert [h.id for h in search_members(session, "官飞燕")] == [new]
    archive_member(session, people["司马相如"], actor=SYSTEM)
    session.flush()
    assert search_members(session, "马相如") == []  # hidden, as every archived member
    assert [h.id for h in search_members(session, "马相如", include_archived=True)] == [
        people["司马相如"]
    ]
    merge_members(session, people["王思馨"], people["欧阳娜娜"], actor=SYSTEM)
    session.flush()
    assert search_members(session, "阳娜娜", include_archived=True) == []  # merged away
    session.execute(text("DELETE FROM members WHERE id = :i"), {"i": new})
    assert _fts_ids(session, "官飞燕") == set()
    names = set(session.scalars(text("SELECT name FROM members")))
    assert _terms(session) == set().union(*(_trigrams(n) for n in names))


def test_an_erased_member_leaves_no_text_in_the_index(engine, session, people):
    _sqlite_only(engine)
    secret = "龘靐齉龖"  # characters no other name shares
    member = create_member(session, MemberForm(name=secret, phone="13900002222"), actor=SYSTEM)
    session.commit()
    for n in range(30):  # several segments, so the old trigrams would survive a plain delete
        create_member(
            session, MemberForm(name=f"路人{n:02d}号", phone=f"1390000{n:04d}"), actor=SYSTEM
        )
        session.commit()
    assert _fts_ids(session, "靐齉龖") == {member}
    privacy.erase_member(session, member, actor=OWNER, reason="本人要求")
    session.commit()
    assert _fts_ids(session, "靐齉龖") == set()
    assert not _terms(session) & _trigrams(secret)
    privacy.purge_freed_space(engine)
    raw = Path(engine.url.database).read_bytes()
    for char in secret[1:]:  # a term's first bytes may be shared with the term before it
        assert char.encode() not in raw, char


def test_the_upgrade_fills_the_index_for_the_members_already_there(tmp_path):
    path = tmp_path / "at-0008.db"
    engine = make_engine(str(path))
    upgrade_to(engine, revision_before("0013"))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO members (id, name, name_pinyin, name_initials, phone, phone_digits,"
                " phone_rev, gender, birth_leap, level, join_date, source, notes,"
                " consent_marketing, profile, status, visit_count, lifetime_spend, created_at,"
                " updated_at, version, level_locked) VALUES (7, '欧阳娜娜', 'ouyangnana', 'oynn',"
                " '+8613800138000', '13800138000', '00083100831', 'F', 0, '', '2024-01-02', '',"
                " '', 1, '{}', 'active', 0, 0, '2024-01-02 10:00:00', '2024-01-02 10:00:00', 1,"
                " 0)"
            )
        )
    engine.dispose()
    upgraded = open_database(str(path))
    from sqlalchemy.orm import Session

    with Session(upgraded) as session:
        assert name_index.has_fts(session)
        assert _fts_ids(session, "阳娜娜") == {7}
        assert [(h.id, h.match) for h in search_members(session, "阳娜娜")] == [
            (7, "name_contains")
        ]
    upgraded.dispose()


def test_without_the_table_the_search_scans(engine, session, people):
    _sqlite_only(engine)
    session.execute(text("DROP TABLE member_names_fts"))
    for suffix in ("ai", "ad", "au"):
        session.execute(text(f"DROP TRIGGER member_names_fts_{suffix}"))
    name_index.forget(engine)
    try:
        assert not name_index.has_fts(session)
        assert [h.name for h in search_members(session, "阳娜娜")] == ["欧阳娜娜"]
        create_member(session, MemberForm(name="上官婉儿", phone="13900001111"), actor=SYSTEM)
        name_index.scrub(session)  # what an erasure calls: nothing to merge, no error
    finally:
        session.rollback()
        name_index.forget(engine)


def test_name_contains_plan_uses_the_index(engine, session, people):
    """The query plan of a 3-character search: the FTS5 table, never a scan of members."""
    _sqlite_only(engine)
    seen: list[tuple[str, object]] = []
    from sqlalchemy import event

    def grab(conn, cursor, statement, params, context, many):
        seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        search_members(session, "阳娜娜")
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    [(statement, params)] = [s for s in seen if "member_names_fts" in s[0]]
    plan = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
    detail = " | ".join(r[-1] for r in plan)
    assert "VIRTUAL TABLE INDEX" in detail and "member_names_fts" in detail, detail
    assert "SCAN members" not in detail, detail


def test_postgresql_has_the_trigram_index_or_scans(engine, session, people):
    if is_sqlite(engine):
        pytest.skip("pg_trgm is PostgreSQL's")
    found = session.scalar(
        text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_members_name_trgm'")
    )
    has_ext = session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"))
    assert found == has_ext  # the index exactly where the extension could be made
    assert [h.name for h in search_members(session, "阳娜娜")] == ["欧阳娜娜"]
    if found:  # the plan: a bitmap scan of the trigram index (seq scans priced out, as on a
        # shop of 100,000 members; a test table of six rows would be scanned anyway)
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(
            session.scalars(
                text("EXPLAIN SELECT id FROM members WHERE name ILIKE :q ESCAPE '\\'"),
                {"q": "%阳娜娜%"},
            )
        )
        assert "ix_members_name_trgm" in plan, plan
