"""1–2 characters anywhere in the name (migration 0020): the gram table answers as the old
scan of the name index did, follows every write of a name, and is one index seek."""

from __future__ import annotations

import csv
import importlib
from datetime import date

import pytest
from rel_helpers import revision_before
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from shopcrm.db import is_sqlite, make_engine, open_database
from shopcrm.migrate import upgrade_to
from shopcrm.models import Member
from shopcrm.services import privacy
from shopcrm.services.auth import ROLE_OWNER, SYSTEM, Actor
from shopcrm.services.members import (
    MemberForm,
    create_member,
    import_members,
    merge_members,
    name_grams,
    search_members,
    update_member,
)
from shopcrm.services.members.search import _search

OWNER = Actor(None, "老板", ROLE_OWNER)
NAMES = [
    "王思馨",
    "李思馨",
    "欧阳思思",
    "思馨",
    "张三",
    "Anna Lee",
    "anna李",
    "McDonald王",
    "王 小明",
    "李_四",
    "赵%五",
    "陈思",
    "思",
]
QUERIES = [
    "思",
    "思馨",
    "馨",
    "王",
    "思思",
    "a李",
    "A李",
    "d王",
    "D王",
    "王小",
    "_四",
    "%五",
    "李_",
    "n",
    "Le",
    "三",
    "阳思",
    "小明",
    "明",
    "xy",
    "王 ",
]


def _stored(session) -> set[tuple[int, str]]:
    return {
        (r[0], r[1]) for r in session.execute(text("SELECT member_id, gram FROM member_name_grams"))
    }


def _expected(session) -> set[tuple[int, str]]:
    return {
        (mid, g)
        for mid, name in session.execute(text("SELECT id, name FROM members"))
        for g in name_grams.name_grams(name)
    }


@pytest.fixture
def people(session):
    ids = {
        name: create_member(session, MemberForm(name=name, phone=f"1380013{n:04d}"), actor=SYSTEM)
        for n, name in enumerate(NAMES)
    }
    session.commit()
    return ids


def test_grams_of_a_name():
    assert name_grams.name_grams("王思馨") == {"王", "思", "馨", "王思", "思馨"}
    assert name_grams.name_grams("Anna Lee") == {"a", "n", "l", "e", "an", "nn", "na", "le", "ee"}
    assert name_grams.name_grams("思思") == {"思", "思思"}
    assert name_grams.name_grams("") == set() and name_grams.name_grams(None) == set()
    assert name_grams.fold("ÄbC王") == "Äbc王"  # ASCII only, as SQLite's LIKE


@pytest.mark.parametrize("query", QUERIES)
def test_the_grams_answer_as_the_scan_did(session, people, monkeypatch, query):
    for archived in (False, True):
        found = _search(session, query, 20, archived, batched=True)
        with monkeypatch.context() as m:
            m.setattr(name_grams, "MAX_CHARS", 0)  # the old way: the scan
            scanned = _search(session, query, 20, archived, batched=True)
        assert found == scanned, query


def test_a_given_name_finds_every_holder(session, people):
    hits = search_members(session, "思馨")
    assert {h.name for h in hits} == {"王思馨", "李思馨", "思馨"}
    assert [h.match for h in hits if h.name != "思馨"] == ["name_contains"] * 2
    assert {h.name for h in search_members(session, "思")} == {
        "王思馨",
        "李思馨",
        "欧阳思思",
        "思馨",
        "陈思",
        "思",
    }


def test_the_table_follows_every_write_of_a_name(engine, session, people, tmp_path):
    assert _stored(session) == _expected(session)
    member = session.get(Member, people["张三"])
    update_member(session, member.id, member.version, actor=SYSTEM, name="张思馨")
    assert {h.id for h in search_members(session, "思馨")} >= {member.id}
    assert all(h.id != member.id for h in search_members(session, "三"))
    update_member(session, member.id, member.version, actor=SYSTEM, notes="no name change")
    assert _stored(session) == _expected(session)
    merge_members(session, people["王思馨"], people["李思馨"], actor=SYSTEM)
    assert people["李思馨"] not in {h.id for h in search_members(session, "思馨")}  # merged
    path = tmp_path / "members.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "手机"])
        writer.writerow(["钱多多", "13900000001"])  # new
        writer.writerow(["思馨改", "13800130003"])  # the member named 思馨, renamed
    import_members(session, path, actor=SYSTEM)
    assert [h.name for h in search_members(session, "多多")] == ["钱多多"]
    assert "思馨改" in {h.name for h in search_members(session, "馨改")}
    assert _stored(session) == _expected(session)
    privacy.erase_member(session, people["陈思"], actor=OWNER, reason="本人要求")
    assert people["陈思"] not in {r[0] for r in _stored(session) if r[1] in ("陈", "陈思")}
    assert _stored(session) == _expected(session)
    session.execute(text("DELETE FROM members WHERE id = :i"), {"i": people["思"]})
    if is_sqlite(engine):  # ON DELETE CASCADE (foreign keys are on for every connection)
        assert people["思"] not in {r[0] for r in _stored(session)}


def test_the_look_up_is_a_seek_on_the_gram_table(engine, session, people):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    seen: list[tuple[str, object]] = []

    def grab(conn, cursor, statement, params, context, many):
        seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        search_members(session, "思馨")
        search_members(session, "思")
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    gram_statements = [s for s in seen if "member_name_grams" in s[0]]
    assert len(gram_statements) == 2
    for statement, params in gram_statements:
        plan = " | ".join(
            r[-1]
            for r in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
        )
        assert "SEARCH member_name_grams USING PRIMARY KEY (gram=?)" in plan, plan
        assert "SCAN members" not in plan or "COVERING INDEX" in plan, plan
        assert "TEMP B-TREE" not in plan and "ix_members_status" not in plan, plan
        assert "LIKE" not in statement


def test_the_upgrade_fills_the_table_for_the_members_already_there(tmp_path):
    path = tmp_path / "before-0020.db"
    engine = make_engine(str(path))
    upgrade_to(engine, revision_before("0020"))
    with engine.begin() as conn:
        for n, name in enumerate(NAMES, start=1):
            conn.execute(
                text(
                    "INSERT INTO members (id, name, name_pinyin, name_initials, phone, phone_digits,"
                    " phone_rev, gender, birth_leap, level, join_date, source, notes,"
                    " consent_marketing, profile, status, visit_count, lifetime_spend, created_at,"
                    " updated_at, version, level_locked) VALUES (:id, :name, '', '', NULL, '', '',"
                    " '', 0, '', '2024-01-02', '', '', 1, '{}', 'active', 0, 0,"
                    " '2024-01-02 10:00:00', '2024-01-02 10:00:00', 1, 0)"
                ),
                {"id": n, "name": name},
            )
    engine.dispose()
    upgraded = open_database(str(path))
    with Session(upgraded) as session:
        assert _stored(session) == _expected(session) and len(_stored(session)) > 40
        assert {h.id for h in search_members(session, "思馨")} == {1, 2, 4}
    upgraded.dispose()


def test_the_migration_folds_as_the_service_does():
    migration = importlib.import_module("shopcrm.migrations.versions.0020_member_name_grams")
    for name in [*NAMES, "ÄBC", "A  b", "ＡＢ", "\u3000思", "🙂🙂", "x"]:
        assert migration._grams(name) == name_grams.name_grams(name), name


def test_the_demo_shop_fills_the_table(demo_shop, session):
    from shopcrm.services.demo import DemoOptions

    demo_shop(DemoOptions(members=220, months=15, seed=5, today=date(2026, 11, 23)))
    assert _stored(session) == _expected(session)
    assert session.scalar(text("SELECT count(*) FROM member_name_grams")) > 0


def test_latin_letters_match_in_any_case_on_every_database(session, people):
    """1–2 characters (the grams), 3+ (FTS5 trigram on SQLite, ILIKE + pg_trgm on
    PostgreSQL): a name's Latin letters match whatever their case, on both databases."""
    for query in ("A李", "Na李", "NNA李"):
        names = {h.name for h in search_members(session, query)}
        assert "anna李" in names, (query, names)
    assert "anna李" in {h.name for h in search_members(session, "NA李")}  # 3+: the index
