"""Service catalogue and staff."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session
from visit_helpers import make_member, make_shop

from shopcrm.i18n import ShopError
from shopcrm.services import catalog, staff
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.visits import (
    LineDraft,
    PaymentDraft,
    VisitDraft,
    member_visits,
    record_visit,
    visit_detail,
)

CLERK = Actor(staff_id=None, name="clerk", role="staff")


def test_service_pinyin_and_find_by_typing(session: Session) -> None:
    shop = make_shop(session)
    assert catalog.service_pinyin("洗剪吹") == "xjc xijianchui"
    assert catalog.get_service(session, shop["cut"]).name_pinyin == "xjc xijianchui"
    assert [s.name for s in catalog.find_services(session, "xjc")] == ["洗剪吹"]
    assert [s.name for s in catalog.find_services(session, "xijian")] == ["洗剪吹"]
    assert [s.name for s in catalog.find_services(session, "剪")] == ["洗剪吹"]
    assert [s.name for s in catalog.find_services(session, "tf")] == ["烫发"]
    assert {s.name for s in catalog.find_services(session, "t")} == {"烫发", "头皮护理"}
    assert catalog.find_services(session, "fa") == []  # not a prefix of tangfa
    assert catalog.find_services(session, "zzz") == []


def test_care_offsets_validated_and_sorted(session: Session) -> None:
    shop = make_shop(session)
    assert catalog.get_service(session, shop["perm"]).care_offsets == (3, 30)
    for bad in ([0], [3651], [1.5], ["3"]):
        with pytest.raises(ShopError):
            catalog.create_service(session, f"x{bad}", "10", care_offsets=bad, actor=SYSTEM)
    view = catalog.update_service(session, shop["cut"], care_offsets=[7, 7, 1], actor=SYSTEM)
    assert view.care_offsets == (1, 7)


def test_prices_are_owner_only_and_exact(session: Session) -> None:
    shop = make_shop(session)
    with pytest.raises(ShopError) as err:
        catalog.update_service(session, shop["cut"], list_price="98", actor=CLERK)
    assert err.value.msg_id == "auth.owner_only"
    with pytest.raises(ShopError):
        catalog.create_service(session, "新项目", "12.345", actor=SYSTEM)
    with pytest.raises(ShopError):
        catalog.create_service(session, "洗剪吹", "10", actor=SYSTEM)  # duplicate name
    catalog.update_service(session, shop["cut"], list_price="98.50", actor=SYSTEM)
    assert catalog.get_service(session, shop["cut"]).list_price == Decimal("98.50")


def test_retired_service_keeps_old_visits_but_cannot_be_picked(session: Session) -> None:
    shop = make_shop(session)
    member = make_member(session)
    old = record_visit(
        session,
        VisitDraft(
            member, (LineDraft(service_id=shop["perm"]),), (PaymentDraft("cash", Decimal("380")),)
        ),
        actor=SYSTEM,
    )
    catalog.set_service_active(session, shop["perm"], False, actor=SYSTEM)
    assert "烫发" not in [s.name for s in catalog.list_services(session)]
    assert "烫发" in [s.name for s in catalog.list_services(session, include_retired=True)]
    assert catalog.find_services(session, "tf") == []
    detail = visit_detail(session, old)
    assert detail.lines[0].item_name == "烫发" and detail.lines[0].service_id == shop["perm"]
    assert member_visits(session, member)[0].lines_text == "烫发"
    with pytest.raises(ShopError) as err:
        record_visit(
            session,
            VisitDraft(
                member,
                (LineDraft(service_id=shop["perm"]),),
                (PaymentDraft("cash", Decimal("380")),),
            ),
            actor=SYSTEM,
        )
    assert err.value.msg_id == "catalog.retired"
    # renaming or repricing later does not change the old visit
    catalog.update_service(session, shop["perm"], name="烫发（旧）", list_price="500", actor=SYSTEM)
    assert visit_detail(session, old).lines[0].item_name == "烫发"
    assert visit_detail(session, old).total_amount == Decimal("380.00")


def test_staff_crud_roles_and_last_owner(session: Session) -> None:
    owner = staff.create_staff(session, "老板", role="owner", actor=SYSTEM)
    clerk = staff.create_staff(session, "小王", title="技师", actor=SYSTEM)
    with pytest.raises(ShopError):
        staff.create_staff(session, "小王", actor=SYSTEM)
    with pytest.raises(ShopError):
        staff.create_staff(session, "x", role="boss", actor=SYSTEM)
    with pytest.raises(ShopError):
        staff.create_staff(session, "y", actor=CLERK)
    with pytest.raises(ShopError) as err:
        staff.update_staff(session, owner, active=False, actor=SYSTEM)
    assert err.value.msg_id == "staff.last_owner"
    staff.update_staff(session, clerk, active=False, actor=SYSTEM)
    assert [s.name for s in staff.list_staff(session)] == ["老板"]
    assert {s.name for s in staff.list_staff(session, include_inactive=True)} == {"老板", "小王"}
    member = make_member(session)
    with pytest.raises(ShopError) as err:
        record_visit(
            session,
            VisitDraft(
                member,
                (LineDraft(item_name="x", amount=Decimal(1), staff_id=clerk),),
                (PaymentDraft("cash", Decimal(1)),),
            ),
            actor=SYSTEM,
        )
    assert err.value.msg_id == "staff.inactive"
    assert staff.get_staff(session, owner).as_actor().is_owner
