"""Guards on the number of statements the counter's hot paths send (issue 9): a change that
adds a query per line, per visit or per follow-up fails here before it shows at the counter.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event
from visit_helpers import make_shop

from shopcrm.db import is_sqlite
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.counter import member_panel
from shopcrm.services.followups import due_ids, due_list, raise_due, record_outcome
from shopcrm.services.members import MemberForm, create_member, get_member
from shopcrm.services.visits import (
    LineDraft,
    PaymentDraft,
    VisitDraft,
    member_visits,
    record_visit,
    refresh_member_stats,
)

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("frozen_clock")  # TODAY is the frozen clock's day


@contextmanager
def counting(engine):
    seen: list[str] = []

    def grab(conn, cursor, statement, params, context, many):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def _shop(session, members=3):
    ids = make_shop(session)
    mids = [
        create_member(session, MemberForm(name=f"王芳{n}", phone=f"1391234567{n}", level="金卡"), actor=SYSTEM)
        for n in range(members)
    ]
    for mid in mids:
        wallet.topup(session, mid, Decimal("2000"), actor=SYSTEM)
        for days in (40, 3):
            record_visit(
                session,
                VisitDraft(
                    mid,
                    (LineDraft(ids["perm"], staff_id=ids["tony"]), LineDraft(ids["cut"])),
                    (PaymentDraft("stored_value", Decimal("468")),),
                    visited_at=datetime.combine(TODAY - timedelta(days=days), datetime.min.time()),
                ),
                actor=SYSTEM,
            )
    session.commit()
    return ids, mids


def test_visit_save_statements(engine, session):
    ids, (mid, *_rest) = _shop(session)
    draft = VisitDraft(
        mid,
        (LineDraft(ids["perm"], staff_id=ids["tony"]), LineDraft(ids["cut"], staff_id=ids["li"])),
        (PaymentDraft("stored_value", Decimal("468")),),
    )
    with counting(engine) as seen:
        visit_id = record_visit(session, draft, actor=SYSTEM)
    # member check, services, staff, 3 inserts, stored value (last, insert in a SAVEPOINT:
    # a deferred transaction can race on `seq`), rates, points (last, insert, SAVEPOINT),
    # stats (one update), the money ledger's insert, audit, savepoints (payment methods and
    # closed months are read once per session); was 25 (the wallet's member check and the
    # stats' read are gone). The counter's BEGIN IMMEDIATE save: see the test below.
    # + the member level upgrade check (one query; a member without a level reads no pricing)
    # + the member's preferred stylist, read only when a line leaves 指定/轮牌 to it
    #   (commission; the visit dialog decides each line itself, so the counter skips it)
    assert len(seen) <= 23, "\n".join(seen)
    assert not any(
        s.lstrip().upper().startswith("SELECT") and "FROM visit_lines" in s for s in seen
    )
    history = member_visits(session, mid, limit=1)
    assert history[0].id == visit_id and history[0].lines_text == "烫发, 洗剪吹"
    assert history[0].staff_text == "Tony, 小李"
    card = get_member(session, mid)
    assert card.visit_count == 3 and card.lifetime_spend == Decimal("1404.00")
    assert card.last_visit_on == TODAY
    assert wallet.balances(session, mid).stored_value == Decimal("596.00")


def test_visit_save_statements_under_the_write_lock(engine, session):
    """The counter's save (`session_scope(write=True)`: BEGIN IMMEDIATE on SQLite): both
    accounts' last entries in one read, the wallet's rows in one insert, no SAVEPOINT
    around them; the money and the balances come out as before."""
    if not is_sqlite(engine):
        pytest.skip("BEGIN IMMEDIATE is SQLite's write lock")
    from shopcrm.db import session_scope

    ids, (mid, *_rest) = _shop(session)
    session.close()
    draft = VisitDraft(
        mid,
        (LineDraft(ids["perm"], staff_id=ids["tony"]), LineDraft(ids["cut"], staff_id=ids["li"])),
        (PaymentDraft("stored_value", Decimal("468")),),
    )
    with session_scope(engine, write=True) as s, counting(engine) as seen:
        visit_id = record_visit(s, draft, actor=SYSTEM)
    # 18 (BEGIN IMMEDIATE included); was 25, with 5 for the wallet (member check, last +
    # insert per account) and 2 for the member's figures
    assert len(seen) <= 18, "\n".join(seen)
    assert sum("INTO wallet_entries" in q for q in seen) == 1
    assert sum("FROM wallet_entries" in q for q in seen) == 1
    assert sum(q.startswith("SAVEPOINT") for q in seen) == 1  # record_visit's own
    with session_scope(engine) as s:
        assert wallet.balances(s, mid).stored_value == Decimal("596.00")
        points = wallet.ledger(s, mid, "points", limit=1)[0]
        assert points.entry_type == "earn" and points.visit_id == visit_id and points.amount > 0
        card = get_member(s, mid)
        assert card.visit_count == 3 and card.lifetime_spend == Decimal("1404.00")
        assert member_visits(s, mid, limit=1)[0].id == visit_id
        assert wallet.check_ledgers(s, mid) == []  # seq, running balances, principal + bonus


def test_member_card_statements_do_not_grow_with_history(engine, session):
    _ids, (mid, *_rest) = _shop(session)
    raise_due(session, TODAY, actor=SYSTEM)
    session.commit()
    with counting(engine) as seen:
        panel = member_panel(session, mid, TODAY, "zh")
    assert len(panel.visits) == 2 and panel.followups
    # settings, fields, the member with its tags, balances, 2 for visits (the visits; their
    # lines and payments), 5 for follow-ups (was 20, then 13)
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) <= 11, seen


def test_followup_list_statements_do_not_grow_with_items(engine, session):
    _ids, mids = _shop(session, members=4)
    raise_due(session, TODAY, actor=SYSTEM)
    fid = due_ids(session, TODAY)[0]
    record_outcome(session, fid, "noanswer", actor=SYSTEM)
    session.commit()
    with counting(engine) as seen:
        items = due_list(session, TODAY, "zh")
    assert len(items) >= 4 and {i.member_id for i in items} == set(mids)
    assert [i.attempts for i in items if i.id == fid] == [1]
    # rules, light rows, settings, rows, history: the same for 4 items or 4,000
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) <= 6, seen


def test_one_member_stats_refresh_is_one_grouped_read(engine, session):
    _ids, (mid, *_rest) = _shop(session)
    with counting(engine) as seen:
        assert refresh_member_stats(session, [mid]) == 1
    seen = [s for s in seen if not s.startswith("BEGIN")]
    assert len(seen) == 2, seen  # the grouped read and the update
    assert get_member(session, mid).visit_count == 2
    if is_sqlite(engine):  # the member's visits through the (member, time) index
        plan = session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + seen[0].replace("(__[POSTCOMPILE_member_id_1])", "(?)"),
            (mid,),
        )
        detail = " ".join(r[-1] for r in plan)
        # one seek on an index that starts with member_id (the plain or the covering one)
        assert "(member_id=?)" in detail and "ix_visits_member_" in detail, detail


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="{}ab_x 名", max_size=30),
    st.dictionaries(st.sampled_from(["a", "b", "x_1", "名"]), st.integers(), max_size=3),
)
def test_parsed_templates_fill_as_the_regex_did(template, values):
    import re

    from shopcrm.services.followups.messages import fill_placeholders

    placeholder = re.compile(r"\{(\w+)\}")  # the rule as written in docs/followups.md

    def sub(match):
        key = match.group(1)
        return str(values[key]) if key in values else match.group(0)

    assert fill_placeholders(template, values) == placeholder.sub(sub, template)


def test_visit_import_statements_do_not_grow_with_rows(engine, session, tmp_path):
    """1,500 rows of 300 members: batched look-ups and inserts, indexed phone look-up."""
    from visit_helpers import make_member

    from shopcrm.services.visit_import import import_visits

    make_shop(session)
    phones = [f"1390000{n:04d}" for n in range(300)]
    ids = [make_member(session, f"会员{n}", phone) for n, phone in enumerate(phones)]
    session.commit()
    source = tmp_path / "visits.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write("手机,日期,项目,金额,员工,支付方式\n")
        for n in range(1500):
            handle.write(
                f"{phones[n % 300]},2024-{1 + n // 300:02d}-{1 + n % 28:02d} 10:00,"
                f"洗剪吹,88.00,Tony,微信\n"
            )
    with counting(engine) as seen:
        result = import_visits(session, source, actor=SYSTEM)
    assert (result.visits_created, result.rows_failed, result.members_touched) == (1500, 0, 300)
    assert len(seen) <= 40, len(seen)
    phone_reads = [s for s in seen if "FROM members" in s and "phone" in s.split("WHERE")[-1]]
    assert phone_reads and all("phone_rev IN" in s for s in phone_reads), phone_reads
    card = get_member(session, ids[7])
    assert card.visit_count == 5 and card.lifetime_spend == Decimal("440.00")
    again = import_visits(session, source, actor=SYSTEM)
    assert (again.visits_created, again.rows_already_imported) == (0, 1500)


def test_visit_save_at_a_level_reads_the_pricing_once(engine, session):
    """A member at a level with a category discount: the level and its category rates
    are one statement; the upgrade check reads columns, and the upgrade the sale earns
    still happens (for the next sale)."""
    from shopcrm.models import Member
    from shopcrm.services import levels

    ids = make_shop(session)  # 洗剪吹 ¥88 and 烫发 in 剪发, 头皮护理 ¥168.50 in none
    levels.create_level(
        session, "银卡", discount="0.9", category_discounts={"剪发": "8.8折"}, actor=SYSTEM
    )
    levels.create_level(
        session, "金卡", discount="0.8", upgrade_kind="spend", upgrade_amount="400",
        window_days=365, actor=SYSTEM,
    )  # fmt: skip
    mid = create_member(session, MemberForm(name="王芳", phone="13912345670"), actor=SYSTEM)
    levels.set_member_level(session, mid, "银卡", actor=SYSTEM)
    session.commit()
    lines = (LineDraft(ids["cut"]), LineDraft(ids["care"]))
    # ¥88 × 0.88 = ¥77.44 (the category's rate), ¥168.50 × 0.9 = ¥151.65 (the default)
    draft = VisitDraft(mid, lines, (PaymentDraft("cash", Decimal("229.09")),))
    with counting(engine) as seen:
        record_visit(session, draft, actor=SYSTEM)
    # the pricing (level + category rates: was two) and the upgrade's candidates
    levels_read = [q for q in seen if "FROM member_levels" in q or "FROM level_discounts" in q]
    assert len(levels_read) == 2, "\n".join(seen)
    assert "level_discounts" in levels_read[0]
    session.expire_all()
    assert session.get(Member, mid).level == "银卡"  # ¥229.09 < ¥400
    record_visit(session, draft, actor=SYSTEM)  # ¥458.18 ≥ ¥400: 金卡 from the next sale
    session.expire_all()
    assert session.get(Member, mid).level == "金卡"
    # ¥88 × 0.8 + ¥168.50 × 0.8 = ¥70.40 + ¥134.80
    assert levels.member_pricing(session, mid).by_category == {}
    gold = (PaymentDraft("cash", Decimal("205.20")),)
    record_visit(session, VisitDraft(mid, lines, gold), actor=SYSTEM)
