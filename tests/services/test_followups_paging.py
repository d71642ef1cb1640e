"""The day's list in SQL and a page at a time (issue 21) against the Python filter it
replaced, kept here as the oracle: same follow-ups, same order, every member once across
pages, figures equal to the raw rows. Data written directly (snoozes, lapses a visit ended,
keep_days edges, several rules, consent, archived members) under a frozen clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from followup_helpers import add_member
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from shopcrm import clock
from shopcrm.db import is_sqlite
from shopcrm.models import FOLLOWUP_OPEN, MEMBER_ACTIVE, Followup, FollowupRule, Member
from shopcrm.services.followups import (
    due_count,
    due_ids,
    due_list,
    ensure_default_rules,
    member_open_followups,
)
from shopcrm.services.followups.paging import due_page, due_totals
from shopcrm.services.followups.raising import last_listed_day
from shopcrm.services.followups.rules import rule_params
from shopcrm.services.followups.texts import KIND_WINBACK, MARKETING_KINDS

ON = date(2026, 11, 20)
KINDS = ("birthday", "aftercare", "winback", "anniversary", "low_score", "complaint")


# -- the oracle: the list's filter as it was in Python (services/followups/listing.py
#    `_listed` before issue 21) --------------------------------------------------------
def oracle(session, on: date, *, only_listed: bool = True, member_id: int | None = None):
    """(id, member_id, rule_id, due, occasion) of the listed follow-ups, in the list's
    'rule' order (the rule's sort order, rule id, due date, id)."""
    rules = {r.id: r for r in session.scalars(select(FollowupRule))}
    active = {rid: r for rid, r in rules.items() if r.active}
    service = {rid for rid, r in active.items() if r.kind not in MARKETING_KINDS}
    query = (
        select(
            Followup.id,
            Followup.member_id,
            Followup.rule_id,
            Followup.due_date,
            Followup.occasion_date,
            Followup.snoozed_until,
            Member.last_visit_on,
            Member.consent_marketing,
        )
        .join(Member, Member.id == Followup.member_id)
        .where(Followup.status == FOLLOWUP_OPEN, Member.status == MEMBER_ACTIVE)
    )
    if member_id is not None:
        query = query.where(Followup.member_id == member_id)
    out = []
    for fid, mid, rid, due, occasion, snoozed, last_visit, consent in session.execute(query):
        if rid not in active or not (consent or rid in service):
            continue
        rule = active[rid]
        if rule.kind == KIND_WINBACK and last_visit and last_visit > occasion:
            continue
        if last_listed_day(rule.kind, rule_params(rule), occasion, due, snoozed) < on:
            continue
        if only_listed and not (due <= on and (snoozed is None or snoozed <= on)):
            continue
        out.append((fid, mid, rid, due, occasion))
    order = {rid: (r.sort_order, rid) for rid, r in rules.items()}
    return sorted(out, key=lambda r: (*order[r[2]], r[3], r[0])), rules


def stream_key(row, rules, on):
    """The paged list's order of a member's follow-ups (overdue first, then the rules')."""
    fid, _mid, rid, due, occasion = row
    base = due if rules[rid].kind == KIND_WINBACK else occasion
    return (not on > base, rules[rid].sort_order, rid, due, fid)


def expected_members(rows, rules, on):
    """member id -> her follow-up ids (most pressing first), in the paged list's order."""
    mine: dict[int, list] = {}
    for row in rows:
        mine.setdefault(row[1], []).append(row)
    ordered = sorted(mine.values(), key=lambda rs: min(stream_key(r, rules, on) for r in rs))
    return [
        (rs[0][1], [r[0] for r in sorted(rs, key=lambda r: stream_key(r, rules, on))])
        for rs in ordered
    ]


def read_pages(session, on, limit):
    members, after, pages = [], None, 0
    while True:
        page = due_page(session, on, after, limit, "en")
        assert limit is None or len(page.members) <= limit
        members.extend((m.member_id, list(m.ids)) for m in page.members)
        pages += 1
        assert pages < 500
        if page.next is None:
            return members
        after = page.next


# -- data -------------------------------------------------------------------------------
def _setup_rules(session, keeps: dict[str, int], inactive: set[str]):
    ensure_default_rules(session)
    rules = {}
    for rule in session.scalars(select(FollowupRule).where(FollowupRule.builtin)):
        if rule.kind in KINDS:
            rule.active = rule.kind not in inactive
            if rule.kind in keeps:
                rule.params = {**(rule.params or {}), "keep_days": keeps[rule.kind]}
            rules[rule.kind] = rule
        else:
            rule.active = False
    session.flush()
    return rules


def _add(session, member, rule, occasion, due, *, status=FOLLOWUP_OPEN, snoozed=None):
    session.add(
        Followup(
            member_id=member.id,
            rule_id=rule.id,
            occasion_date=occasion,
            due_date=due,
            status=status,
            snoozed_until=snoozed,
            detail={"visit_date": occasion.isoformat(), "gap": 30, "offset": 3},
        )
    )


member_st = st.tuples(
    st.booleans(),  # consent
    st.sampled_from([MEMBER_ACTIVE, MEMBER_ACTIVE, MEMBER_ACTIVE, "archived"]),
    st.one_of(st.none(), st.integers(-60, 0)),  # last visit, days from ON
)
followup_st = st.tuples(
    st.integers(0, 7),  # member
    st.sampled_from(KINDS),
    st.integers(-45, 6),  # occasion, days from ON
    st.integers(-3, 40),  # due = occasion - this (win-back: occasion + this)
    st.sampled_from([FOLLOWUP_OPEN, FOLLOWUP_OPEN, FOLLOWUP_OPEN, "done"]),
    st.one_of(st.none(), st.integers(-4, 4)),  # snoozed until, days from ON
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    members=st.lists(member_st, min_size=8, max_size=8),
    followups=st.lists(followup_st, max_size=40),
    keeps=st.fixed_dictionaries(
        {},
        optional={k: st.integers(0, 31) for k in ("birthday", "aftercare", "winback")},
    ),
    inactive=st.sets(st.sampled_from(KINDS), max_size=2),
    offset=st.integers(-2, 3),
    limit=st.sampled_from([1, 2, 3, 7, None]),
)
def test_the_sql_list_and_its_pages_equal_the_python_filter(
    session, members, followups, keeps, inactive, offset, limit
):
    outer = session.begin_nested()
    try:
        with clock.frozen(f"{ON.isoformat()} 10:00"):
            rules = _setup_rules(session, keeps, inactive)
            people = []
            for n, (consent, status, last) in enumerate(members):
                m = add_member(session, f"顾客{n}", consent=consent, status=status)
                m.last_visit_on = None if last is None else ON + timedelta(days=last)
                people.append(m)
            seen = set()
            for who, kind, occ, delta, status, snoozed in followups:
                occasion = ON + timedelta(days=occ)
                if (who, kind, occasion) in seen:
                    continue
                seen.add((who, kind, occasion))
                due = occasion + timedelta(days=delta if kind == KIND_WINBACK else -delta)
                snooze = None if snoozed is None else ON + timedelta(days=snoozed)
                _add(
                    session, people[who], rules[kind], occasion, due, status=status, snoozed=snooze
                )
            session.flush()
            on = ON + timedelta(days=offset)
            rows, all_rules = oracle(session, on)
            # the whole day: same follow-ups, same order, same count
            assert due_ids(session, on) == [r[0] for r in rows]
            assert [i.id for i in due_list(session, on, "en")] == [r[0] for r in rows]
            assert due_count(session, on) == len(rows)
            # a page at a time: each member once, with all her follow-ups, in order
            want = expected_members(rows, all_rules, on)
            assert read_pages(session, on, limit) == want
            totals = due_totals(session, on)
            assert (totals.items, totals.members) == (len(rows), len(want))
            firsts = [next(r for r in rows if r[0] == ids[0]) for _m, ids in want]
            late = [r for r in firsts if stream_key(r, all_rules, on)[0] is False]
            assert totals.overdue == len(late)
            assert sum(totals.by_rule.values()) == len(want) - len(late)
            # the member card's open follow-ups (due or not yet)
            for m in people[:3]:
                card, _ = oracle(session, on, only_listed=False, member_id=m.id)
                got = {i.id for i in member_open_followups(session, m.id, on, "en")}
                assert got == {r[0] for r in card}
    finally:
        outer.rollback()


def test_edges_snoozed_to_the_day_lapse_ended_keep_days_and_no_duplicates(session):
    """Hand-picked: the day the keep ends and the day after, a snooze to exactly the day,
    a win-back ended by a later visit, one member with an overdue and a current follow-up."""
    with clock.frozen(f"{ON.isoformat()} 10:00"):
        rules = _setup_rules(session, {"aftercare": 7, "winback": 30}, set())
        kept = add_member(session, "甲")
        _add(session, kept, rules["aftercare"], ON - timedelta(days=7), ON - timedelta(days=7))
        gone = add_member(session, "乙")
        _add(session, gone, rules["aftercare"], ON - timedelta(days=8), ON - timedelta(days=8))
        snoozed = add_member(session, "丙")
        _add(session, snoozed, rules["aftercare"], ON - timedelta(days=20), ON - timedelta(days=20),
             snoozed=ON)  # fmt: skip
        back = add_member(session, "丁")
        back.last_visit_on = ON - timedelta(days=2)
        _add(session, back, rules["winback"], ON - timedelta(days=5), ON - timedelta(days=3))
        lapsed = add_member(session, "戊")
        lapsed.last_visit_on = ON - timedelta(days=70)
        _add(session, lapsed, rules["winback"], ON - timedelta(days=70), ON - timedelta(days=30))
        both = add_member(session, "己")
        _add(session, both, rules["birthday"], ON + timedelta(days=2), ON - timedelta(days=1))
        _add(session, both, rules["aftercare"], ON - timedelta(days=1), ON - timedelta(days=1))
        session.flush()
        rows, all_rules = oracle(session, ON)
        listed = {r[1] for r in rows}
        assert listed == {kept.id, snoozed.id, lapsed.id, both.id}
        assert set(due_ids(session, ON)) == {r[0] for r in rows}
        pages = read_pages(session, ON, 1)
        assert [m for m, _ in pages] == [m for m, _ in expected_members(rows, all_rules, ON)]
        assert len(pages) == len({m for m, _ in pages}) == 4
        mine = dict(pages)[both.id]
        assert len(mine) == 2  # both her follow-ups on her one row, the overdue care call first
        assert all_rules[next(r for r in rows if r[0] == mine[0])[2]].kind == "aftercare"
        assert due_totals(session, ON).members == 4


def test_the_first_page_reads_a_handful_of_statements_whatever_the_day_holds(engine, session):
    with clock.frozen(f"{ON.isoformat()} 10:00"):
        rules = _setup_rules(session, {}, set())
        for n in range(120):
            m = add_member(session, f"会员{n}")
            _add(
                session,
                m,
                rules["aftercare"],
                ON - timedelta(days=n % 5),
                ON - timedelta(days=n % 5),
            )
            if n % 3 == 0:
                _add(session, m, rules["birthday"], ON + timedelta(days=1), ON - timedelta(days=2))
        session.flush()
        seen: list[str] = []

        def grab(conn, cursor, statement, params, context, many):
            seen.append(statement)

        event.listen(engine, "before_cursor_execute", grab)
        try:
            page = due_page(session, ON, None, 40, "en")
        finally:
            event.remove(engine, "before_cursor_execute", grab)
        assert len(page.members) == 40 and page.next is not None
        # rules, each lane read (+ its members' rows), settings, history, last visits
        assert len(seen) <= 10, seen


INDEX = "ix_followups_status_rule_due"


def test_the_lane_reads_seek_the_index(engine, session):
    if not is_sqlite(engine):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    with clock.frozen(f"{ON.isoformat()} 10:00"):
        rules = _setup_rules(session, {}, set())
        m = add_member(session, "甲")
        _add(session, m, rules["aftercare"], ON - timedelta(days=1), ON - timedelta(days=1))
        session.flush()
        session.connection().exec_driver_sql("ANALYZE")
        seen: list[tuple[str, object]] = []

        def keep(_conn, _cur, statement, params, _ctx, _many):
            if statement.lstrip().startswith("SELECT followups.id, followups.member_id"):
                seen.append((statement, params))

        event.listen(engine, "before_cursor_execute", keep)
        try:
            first = due_page(session, ON, None, 1, "en")
            due_page(session, ON, first.next, 1, "en")
        finally:
            event.remove(engine, "before_cursor_execute", keep)
        assert len(seen) >= 2  # the first lane from its start, then from a cursor
        for statement, params in seen:
            rows = session.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, tuple(params)
            )
            plan = " ".join(str(row[-1]) for row in rows)
            assert INDEX in plan and "SCAN followups" not in plan, plan
            assert "TEMP B-TREE" not in plan, plan  # the index gives the order
