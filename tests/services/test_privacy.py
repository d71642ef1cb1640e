"""A member's data: everything exported; erased with sales and balances kept anonymous."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from rel_helpers import add_member, add_visit
from sqlalchemy import func, select, text

from shopcrm.db import is_sqlite, session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import (
    Followup,
    FollowupEvent,
    FollowupRule,
    Member,
    MemberTag,
    Visit,
    WalletEntry,
)
from shopcrm.services import privacy
from shopcrm.services.audit import record
from shopcrm.services.auth import ROLE_OWNER, Actor
from shopcrm.services.visits.stats import refresh_member_stats

OWNER = Actor(None, "老板", ROLE_OWNER)
NAME, PHONE, CARD = "欧阳娜娜", "+8613812345678", "VIP-778899"


def _rich_member(session) -> tuple[int, int]:
    member = add_member(
        session,
        NAME,
        PHONE,
        card_no=CARD,
        notes="对染发剂过敏，住在幸福路",
        profile={"allergies": "染发剂", "hair": "细软"},
        birthday_kind="lunar",
        birth_month=8,
        birth_day=15,
    )
    session.add(MemberTag(member_id=member, tag="常客"))
    other = add_member(session, "路人甲", "+8613900000001")
    for amount in ("100.00", "58.50"):
        add_visit(session, member, amount, note=f"{NAME} 说下次再来")
    add_visit(session, other, "20.00")
    for seq, (kind, amount) in enumerate([("topup", "500"), ("spend", "-120")], start=1):
        session.add(
            WalletEntry(
                member_id=member,
                account="stored_value",
                seq=seq,
                entry_type=kind,
                amount=Decimal(amount),
                balance_after=Decimal("500") if seq == 1 else Decimal("380"),
                reason=f"{NAME} 充值" if seq == 1 else "",
            )
        )
    rule = FollowupRule(kind="birthday", name="生日")
    session.add(rule)
    session.flush()
    followup = Followup(
        member_id=member,
        rule_id=rule.id,
        occasion_date=_d(2025, 9, 1),
        due_date=_d(2025, 8, 29),
        detail={"name": NAME},
    )
    followup.events.append(FollowupEvent(action="noanswer", note=f"给{NAME}打电话没人接"))
    session.add(followup)
    session.flush()
    record(session, OWNER, "member", member, "create", name=NAME, phone=PHONE)
    record(session, OWNER, "visit", 1, "create", member_id=member, amount="100.00")
    record(session, OWNER, "member", other, "create", name="路人甲")
    session.commit()
    return member, other


def _d(y, m, d):
    from datetime import date

    return date(y, m, d)


def test_export_json_holds_everything(session, tmp_path):
    member, _ = _rich_member(session)
    path = privacy.export_member_data(session, member, tmp_path / "m.json", actor=OWNER)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["member"]["name"] == NAME and data["member"]["card_no"] == CARD
    assert data["member"]["profile"]["allergies"] == "染发剂"
    assert data["tags"] == ["常客"]
    assert [v["total_amount"] for v in data["visits"]] == ["100.00", "58.50"]
    assert all(len(v["lines"]) == 1 and len(v["payments"]) == 1 for v in data["visits"])
    assert [w["amount"] for w in data["wallet_entries"]] == ["500.00", "-120.00"]
    assert data["followups"][0]["events"][0]["action"] == "noanswer"
    audit = {(a["entity"], a["action"]) for a in data["audit"]}
    assert audit == {("member", "create"), ("visit", "create")}  # not the other member's
    assert "路人甲" not in path.read_text(encoding="utf-8")


def test_export_xlsx_has_a_sheet_per_kind(session, tmp_path):
    member, _ = _rich_member(session)
    path = privacy.export_member_data(session, member, tmp_path / "m.xlsx", actor=OWNER)
    book = load_workbook(path)
    assert book.sheetnames == [
        "member",
        "visits",
        "visit_lines",
        "visit_payments",
        "wallet",
        "cards",
        "card_items",
        "card_entries",
        "followups",
        "followup_events",
        "audit",
    ]
    fields = {row[0]: row[1] for row in book["member"].iter_rows(min_row=2, values_only=True)}
    assert fields["name"] == NAME and fields["phone"] == PHONE and fields["tags"] == "常客"
    assert book["visits"].max_row == 3 and book["wallet"].max_row == 3
    with pytest.raises(ShopError):
        privacy.export_member_data(session, member, tmp_path / "m.txt", actor=OWNER)


def _sales(session) -> tuple:
    total = session.scalar(select(func.sum(Visit.total_amount)))
    wallet = session.scalar(select(func.sum(WalletEntry.amount)))
    return total, wallet, session.scalar(select(func.count()).select_from(Visit))


def _dump(engine) -> str:
    with engine.connect() as conn:
        if is_sqlite(engine):
            raw = conn.connection.dbapi_connection
            return "\n".join(raw.iterdump())
        parts = []
        for table in (
            "members",
            "member_tags",
            "visits",
            "visit_lines",
            "wallet_entries",
            "followups",
            "followup_events",
            "audit_log",
            "settings",
        ):
            rows = conn.execute(text(f"SELECT * FROM {table}")).all()
            parts.append(repr(rows))
        return "\n".join(parts)


def test_erase_keeps_totals_and_leaves_no_personal_data(engine, session):
    member, other = _rich_member(session)
    refresh_member_stats(session, [member])  # the figures the counter shows: 2 visits, 158.50
    session.commit()
    before = _sales(session)
    result = privacy.erase_member(session, member, actor=OWNER, reason=f"{NAME} 本人于店内要求删除")
    session.commit()
    assert result.visits_kept == 2 and result.sales_kept == Decimal("158.50")
    assert result.wallet_entries_kept == 2 and result.followups_closed == 1
    assert _sales(session) == before
    erased = session.get(Member, member)
    assert erased.name == f"已删除会员 #{member}" and erased.status == "erased"
    assert (erased.phone, erased.card_no, erased.profile, erased.tags) == (None, None, {}, [])
    # The derived figures stay: the two visits of 100.00 and 58.50 made above.
    assert (erased.visit_count, erased.lifetime_spend) == (2, Decimal("158.50"))
    assert session.get(Member, other).name == "路人甲"
    privacy.purge_freed_space(engine)
    dump = _dump(engine)
    for secret in (NAME, PHONE, PHONE[3:], CARD, "幸福路", "染发剂"):
        assert secret not in dump, secret
    assert "路人甲" in dump
    if is_sqlite(engine):
        raw = Path(engine.url.database).read_bytes()
        for secret in (NAME, PHONE, CARD):
            assert secret.encode() not in raw, secret  # secure_delete zeroed the old cells
    erase_row = session.scalars(
        select(privacy.AuditEntry).where(privacy.AuditEntry.action == "erase")
    ).one()
    assert erase_row.detail["reason"] == "[已删除] 本人于店内要求删除"
    with pytest.raises(ShopError) as again:
        privacy.erase_member(session, member, actor=OWNER, reason="twice")
    assert again.value.msg_id == "privacy.already_erased"


def test_erase_needs_a_reason_and_a_member(session):
    member, _ = _rich_member(session)
    for bad in ("", "   ", "x" * 501, None, 42):
        with pytest.raises(ShopError) as exc:
            privacy.erase_member(session, member, actor=OWNER, reason=bad)
        assert exc.value.msg_id == "privacy.reason"
    with pytest.raises(ShopError) as missing:
        privacy.erase_member(session, 999, actor=OWNER, reason="asked")
    assert missing.value.msg_id == "privacy.no_member"
    assert session.get(Member, member).name == NAME


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reason=st.one_of(st.text(max_size=600), st.none(), st.integers()))
def test_hostile_reasons_are_cleaned_or_refused(reason):
    try:
        clean = privacy.clean_reason(reason)
    except ShopError as exc:
        assert exc.msg_id == "privacy.reason"
        return
    assert clean and clean == clean.strip() and len(clean) <= 500 and clean.isprintable()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    reason=st.text(min_size=1, max_size=80).filter(lambda t: t.strip()),
    name=st.text(min_size=2, max_size=30).filter(lambda t: t.strip() and "\x00" not in t),
)
def test_erase_with_hostile_names_and_reasons(engine, reason, name):
    with session_scope(engine, write=True) as s:
        member = add_member(s, name, None)
        add_visit(s, member, "10.00", note=name)
    try:
        with session_scope(engine, write=True) as s:
            privacy.erase_member(s, member, actor=OWNER, reason=reason)
    except ShopError as exc:
        assert exc.msg_id == "privacy.reason"
        return
    with session_scope(engine) as s:
        row = s.get(Member, member)
        assert row.status == "erased" and row.name == f"已删除会员 #{member}"
        assert s.scalar(select(Visit.note).where(Visit.member_id == member)) == ""
