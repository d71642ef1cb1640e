"""The member's data export (`member-export`) holds the member's package cards and their uses,
as the raw card rows say; another member's cards stay out."""

from __future__ import annotations

import json
from decimal import Decimal

from openpyxl import load_workbook
from sqlalchemy import select
from visit_helpers import make_member, make_shop

from shopcrm import clock
from shopcrm.models import CardEntry
from shopcrm.services import cards, privacy
from shopcrm.services.auth import SYSTEM
from shopcrm.services.visits import LineDraft, VisitDraft, record_visit, void_visit


def test_member_export_lists_the_cards_with_every_use_and_give_back(session, tmp_path):
    shop = make_shop(session)
    member = make_member(session)
    other = make_member(session, phone="13900000002", name="路人乙")
    with clock.frozen("2026-06-01 10:00"):
        cards.create_card_type(session, "三次", "100", {shop["cut"]: 3}, actor=SYSTEM)
        card = cards.sell_card(session, member, "三次", method="cash", actor=SYSTEM)
        cards.sell_card(session, other, "三次", method="cash", actor=SYSTEM)
        line = LineDraft(service_id=shop["cut"], use_card=True, card_id=card.id)
        first = record_visit(session, VisitDraft(member, (line,)), actor=SYSTEM)
        record_visit(session, VisitDraft(member, (line,)), actor=SYSTEM)
        void_visit(session, first, "wrong day", actor=SYSTEM)
        path = privacy.export_member_data(session, member, tmp_path / "m.json", actor=SYSTEM)
        book_path = privacy.export_member_data(session, member, tmp_path / "m.xlsx", actor=SYSTEM)
    raw = session.scalars(
        select(CardEntry).where(CardEntry.card_id == card.id).order_by(CardEntry.id)
    ).all()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [c["id"] for c in data["cards"]] == [card.id]  # not the other member's card
    exported = data["cards"][0]
    assert exported["name"] == "三次" and exported["status"] == "active"
    assert Decimal(exported["value_left"]) == Decimal("100") - Decimal("33.33")
    assert exported["items"][0]["paid_left"] == 2 and exported["items"][0]["service"] == "洗剪吹"
    assert [(e["id"], e["kind"], e["visit_id"]) for e in exported["entries"]] == [
        (e.id, e.kind, e.visit_id) for e in raw
    ]
    assert [e["kind"] for e in exported["entries"]] == ["sale", "use", "use", "reversal"]
    book = load_workbook(book_path)
    assert book["cards"].max_row == 2 and book["card_items"].max_row == 2
    assert book["card_entries"].max_row == 1 + len(raw)
