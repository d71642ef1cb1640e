"""The small services the Settings screen added: clearing a PIN, the points rule, has_pin."""

from __future__ import annotations

import pytest
from rel_helpers import owner_and_staff

from shopcrm.i18n import ShopError
from shopcrm.services import auth, wallet
from shopcrm.services.audit import audit_entries
from shopcrm.services.auth import SYSTEM, Actor, clear_pin, login, set_roles_enabled
from shopcrm.services.staff import list_staff


def test_clear_pin_is_owner_only_audited_and_keeps_an_owner_able_to_log_in(session):
    owner_id, staff_id = owner_and_staff(session)
    owner = Actor(owner_id, "老板", "owner")
    assert {s.name: s.has_pin for s in list_staff(session)} == {"老板": True, "小王": True}
    with pytest.raises(ShopError) as refused:
        clear_pin(session, owner_id, actor=Actor(staff_id, "小王", "staff"))
    assert refused.value.msg_id == auth.E_OWNER_ONLY
    clear_pin(session, staff_id, actor=owner)
    assert {s.name: s.has_pin for s in list_staff(session)} == {"老板": True, "小王": False}
    with pytest.raises(ShopError) as no_pin:
        login(session, "小王", "135700")
    assert no_pin.value.msg_id == auth.E_NO_PIN
    set_roles_enabled(session, True, actor=owner)
    with pytest.raises(ShopError) as last:
        clear_pin(session, owner_id, actor=owner)  # nobody could switch roles off again
    assert last.value.msg_id == auth.E_LAST_OWNER_PIN
    actions = [row.action for row in audit_entries(session, entity="staff", actor=SYSTEM)]
    assert "clear_pin" in actions


def test_points_rule_is_validated_changed_and_audited(session):
    assert wallet.points_rates(session) == (1, 100, True)
    changed = wallet.set_points_rates(session, 2, 50, False, actor=SYSTEM)
    assert changed == {
        wallet.SETTING_POINTS_PER_YUAN: 2,
        wallet.SETTING_POINTS_REDEEM_RATE: 50,
        wallet.SETTING_EARN_ON_STORED_VALUE: False,
    }
    assert wallet.points_rates(session) == (2, 50, False)
    assert wallet.set_points_rates(session, 2, 50, False, actor=SYSTEM) == {}
    keys = [row.detail["key"] for row in audit_entries(session, entity="setting", actor=SYSTEM)]
    assert sorted(keys) == sorted(changed)
    for bad in ((-1, 100), (101, 100), (1, 0), (True, 100), (1, 2.5)):
        with pytest.raises(ShopError) as exc:
            wallet.set_points_rates(session, *bad, True, actor=SYSTEM)
        assert exc.value.msg_id == wallet.E_POINTS_RATE
    assert wallet.points_rates(session) == (2, 50, False)
