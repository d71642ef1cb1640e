"""PINs, logins with lockout, roles switching, and staff refused every owner-only call."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rel_helpers import owner_and_staff

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import Staff
from shopcrm.services import auth
from shopcrm.services.auth import (
    PERMISSIONS,
    ROLE_OWNER,
    ROLE_STAFF,
    SYSTEM,
    Actor,
    add_staff,
    can,
    hash_pin,
    login,
    login_owner_by_pin,
    require_permission,
    roles_enabled,
    set_pin,
    set_roles_enabled,
    verify_pin,
)

START = datetime(2026, 11, 1, 3, 0)


def test_pin_hash_is_salted_self_describing_scrypt():
    first, second = hash_pin("246800"), hash_pin("246800")
    assert first != second  # random salt
    scheme, params, salt, digest = first.split("$")
    n, r, p = auth.SCRYPT_COST
    assert scheme == "scrypt" and params == f"n={n},r={r},p={p}"
    assert "246800" not in first
    assert verify_pin("246800", first) and verify_pin("246800", second)
    assert not verify_pin("2469", first)
    assert not verify_pin("246800", "scrypt$n=16384,r=8,p=1$bad$bad")
    assert not verify_pin("246800", "md5$x$y$z") and not verify_pin("246800", None)


def test_pin_hash_parameters_are_read_from_the_string():
    salt = b"0123456789abcdef"
    import base64
    import hashlib

    digest = hashlib.scrypt(b"1234", salt=salt, n=2**10, r=4, p=1, dklen=32)
    stored = (
        f"scrypt$n=1024,r=4,p=1${base64.b64encode(salt).decode()}"
        f"${base64.b64encode(digest).decode()}"
    )
    assert verify_pin("1234", stored) and not verify_pin("4321", stored)


@pytest.mark.parametrize(
    "bad", ["", "123", "12345678901234", "12a4", "１２３４", " 1234", "1234\n", None, 1234]
)
def test_pin_format_is_refused(bad):
    with pytest.raises(ShopError) as exc:
        hash_pin(bad)
    assert exc.value.msg_id == auth.E_PIN_FORMAT


def test_login_right_and_wrong_pin(session):
    owner, staff = owner_and_staff(session)
    actor = login(session, "小王", "135700")
    assert actor == Actor(staff_id=staff, name="小王", role=ROLE_STAFF)
    assert login(session, owner, "246800").is_owner
    assert login(session, str(owner), "246800").is_owner
    with pytest.raises(ShopError) as exc:
        login(session, "小王", "246800")
    assert exc.value.message("en") == "Wrong PIN for 小王."
    assert "不正确" in exc.value.message("zh")
    with pytest.raises(ShopError) as unknown:
        login(session, "nobody", "1234")
    assert unknown.value.msg_id == auth.E_UNKNOWN_STAFF


def test_repeated_failures_lock_out_then_expire(session):
    owner_and_staff(session)
    with clock.frozen(START):
        for _ in range(auth.LOCK_AFTER):
            with pytest.raises(ShopError) as exc:
                login(session, "小王", "0000")
            assert exc.value.msg_id == auth.E_WRONG_PIN
        with pytest.raises(ShopError) as locked:
            login(session, "小王", "135700")  # even the right PIN waits
    assert locked.value.msg_id == auth.E_LOCKED
    assert 0 < locked.value.params["seconds"] <= 30
    with clock.frozen(START + timedelta(seconds=31)):
        assert login(session, "小王", "135700").name == "小王"  # lockout over, counter reset
        with pytest.raises(ShopError) as again:
            login(session, "小王", "0000")
    assert again.value.msg_id == auth.E_WRONG_PIN


def test_lockout_doubles_with_more_failures(session):
    owner_and_staff(session)
    staff_id = session.query(Staff.id).filter_by(name="小王").scalar()
    with clock.frozen(START):
        for _ in range(auth.LOCK_AFTER):
            with pytest.raises(ShopError):
                login(session, "小王", "0000")
    later = START + timedelta(seconds=31)
    with clock.frozen(later), pytest.raises(ShopError):
        login(session, "小王", "0000")
    assert 30 < auth.lockout_remaining(session, staff_id, now=later) <= 60


def test_failed_logins_survive_the_callers_rollback(engine):
    with session_scope(engine, write=True) as s:
        owner_and_staff(s)
    for _ in range(auth.LOCK_AFTER):
        with pytest.raises(ShopError), session_scope(engine) as s:
            login(s, "小王", "9999")
    with pytest.raises(ShopError) as locked, session_scope(engine) as s:
        login(s, "小王", "135700")
    assert locked.value.msg_id == auth.E_LOCKED


def test_first_owner_pin_needs_no_login_but_later_changes_do(session):
    owner = add_staff(session, "店主", ROLE_OWNER, actor=SYSTEM)
    set_pin(session, owner, "111100", actor=SYSTEM)  # first-time setup
    staff = add_staff(session, "小李", ROLE_STAFF, actor=Actor(owner, "店主", ROLE_OWNER))
    staff_actor = Actor(staff, "小李", ROLE_STAFF)
    with pytest.raises(ShopError):
        set_pin(session, owner, "222200", actor=staff_actor)  # not any more
    with pytest.raises(ShopError):
        add_staff(session, "小赵", ROLE_STAFF, actor=staff_actor)
    set_pin(session, staff, "333300", actor=staff_actor)  # one's own PIN
    set_pin(session, owner, "444400", actor=Actor(owner, "店主", ROLE_OWNER))
    session.commit()
    assert login(session, owner, "444400").is_owner


def test_roles_switch_needs_an_owner_pin(session):
    assert roles_enabled(session) is False  # today's default: everyone is the owner
    with pytest.raises(ShopError) as exc:
        set_roles_enabled(session, True, actor=SYSTEM)
    assert exc.value.msg_id == auth.E_NEED_OWNER_PIN
    owner, staff = owner_and_staff(session)
    with pytest.raises(ShopError):
        set_roles_enabled(session, True, actor=Actor(staff, "小王", ROLE_STAFF))
    set_roles_enabled(session, True, actor=Actor(owner, "老板", ROLE_OWNER))
    assert roles_enabled(session) is True


def test_permission_table_matches_the_issue():
    staff = Actor(2, "小王", ROLE_STAFF)
    allowed = {perm for perm in PERMISSIONS if can(staff, perm)}
    assert allowed == {"members.find", "members.edit", "visits.log", "followups.work"}
    assert all(can(Actor(1, "老板", ROLE_OWNER), perm) for perm in PERMISSIONS)
    assert all(can(SYSTEM, perm) for perm in PERMISSIONS)
    for refused in (
        lambda: can(None, auth.PERM_REPORTS_VIEW),
        lambda: require_permission(None, auth.PERM_MEMBERS_FIND),
        lambda: auth.require_owner(None, "anything"),
    ):
        with pytest.raises(TypeError, match="explicit Actor"):
            refused()
    with pytest.raises(ValueError):
        can(staff, "no.such.permission")
    with pytest.raises(ShopError) as exc:
        require_permission(staff, auth.PERM_REPORTS_VIEW)
    assert "view reports" in exc.value.message("en") and "查看报表" in exc.value.message("zh")


def test_owner_login_by_pin_for_the_cli(session):
    owner, _ = owner_and_staff(session)
    assert login_owner_by_pin(session, "246800").staff_id == owner
    with pytest.raises(ShopError) as exc:
        login_owner_by_pin(session, "135700")  # a staff PIN is not an owner's
    assert exc.value.msg_id == auth.E_NO_OWNER_MATCH


# --- staff is refused every owner-only service call ---------------------------------------
# The lead extends OWNER_ONLY with other branches' owner-only calls: (name, callable taking
# (session, engine, db_url, tmp_path, actor)).


def _calls() -> list[tuple[str, object]]:
    from shopcrm.services import backup, privacy
    from shopcrm.services.audit import audit_entries, export_audit
    from shopcrm.services.restore import restore
    from shopcrm.services.settings import change_setting

    return [
        ("backup.backup_now", lambda s, e, u, t, a: backup.backup_now(e, t, actor=a)),
        ("restore.restore", lambda s, e, u, t, a: restore(u, t / "x.db", actor=a)),
        ("audit.audit_entries", lambda s, e, u, t, a: audit_entries(s, actor=a)),
        ("audit.export_audit", lambda s, e, u, t, a: export_audit(s, t / "a.csv", actor=a)),
        ("privacy.erase_member", lambda s, e, u, t, a: privacy.erase_member(s, 1, actor=a, reason="asked")),
        (
            "privacy.export_member_data",
            lambda s, e, u, t, a: privacy.export_member_data(s, 1, t / "m.json", actor=a),
        ),
        ("settings.change_setting", lambda s, e, u, t, a: change_setting(s, "shop.name", "x", actor=a)),
        ("auth.set_roles_enabled", lambda s, e, u, t, a: set_roles_enabled(s, False, actor=a)),
        ("auth.add_staff", lambda s, e, u, t, a: add_staff(s, "新人", ROLE_STAFF, actor=a)),
        ("auth.set_pin (other's)", lambda s, e, u, t, a: set_pin(s, 1, "987600", actor=a)),
        ("auth.clear_pin", lambda s, e, u, t, a: auth.clear_pin(s, 1, actor=a)),
        *_other_modules(),
    ]


def _other_modules() -> list[tuple[str, object]]:
    """Owner-only calls of the other domains (reports, export, prices, wallet, rules...)."""
    from shopcrm.services import catalog, shop_setup, staff, wallet
    from shopcrm.services.excel import export_month_workbook
    from shopcrm.services.followups import add_rule, update_rule
    from shopcrm.services.members import add_custom_field, export_members
    from shopcrm.services.members import set_custom_field_active as field_active
    from shopcrm.services.reports import monthly_report

    return [
        ("reports.monthly_report", lambda s, e, u, t, a: monthly_report(s, 2025, 3, actor=a)),
        (
            "excel.export_month_workbook",
            lambda s, e, u, t, a: export_month_workbook(s, 2025, 3, t / "m.xlsx", actor=a),
        ),
        ("members.export_members", lambda s, e, u, t, a: export_members(s, t / "x.csv", actor=a)),
        ("members.add_custom_field", lambda s, e, u, t, a: add_custom_field(s, "甲形", actor=a)),
        ("members.set_custom_field_active", lambda s, e, u, t, a: field_active(s, "k", False, actor=a)),
        (
            "catalog.create_service",
            lambda s, e, u, t, a: catalog.create_service(s, "剪", "38", actor=a),
        ),
        (
            "catalog.update_service (price)",
            lambda s, e, u, t, a: catalog.update_service(s, 1, list_price="1", actor=a),
        ),
        (
            "catalog.set_service_active",
            lambda s, e, u, t, a: catalog.set_service_active(s, 1, False, actor=a),
        ),
        ("catalog.create_category", lambda s, e, u, t, a: catalog.create_category(s, "x", actor=a)),
        ("wallet.adjust", lambda s, e, u, t, a: wallet.adjust(s, 1, "stored_value", "10",
                                                              reason="fix", actor=a)),
        (
            "wallet.set_points_rates",
            lambda s, e, u, t, a: wallet.set_points_rates(s, 2, 50, True, actor=a),
        ),
        (
            "followups.update_rule",
            lambda s, e, u, t, a: update_rule(s, 1, actor=a, template_zh="改"),
        ),
        ("followups.add_rule", lambda s, e, u, t, a: add_rule(s, "anniversary", "x", actor=a)),
        (
            "shop_setup.save_shop_settings",
            lambda s, e, u, t, a: shop_setup.save_shop_settings(s, {"shop.name": "x"}, actor=a),
        ),
        ("staff.create_staff", lambda s, e, u, t, a: staff.create_staff(s, "新人", actor=a)),
        ("staff.update_staff", lambda s, e, u, t, a: staff.update_staff(s, 2, title="x", actor=a)),
    ]


OWNER_ONLY = _calls()


@pytest.mark.parametrize(("name", "call"), OWNER_ONLY, ids=[n for n, _ in OWNER_ONLY])
def test_staff_is_refused_each_owner_only_call(session, engine, db_url, tmp_path, name, call):
    from rel_helpers import add_member

    owner, staff = owner_and_staff(session)
    assert owner == 1
    add_member(session)
    session.commit()
    actor = login(session, "小王", "135700")
    with pytest.raises(ShopError) as exc:
        call(session, engine, db_url, tmp_path, actor)
    assert exc.value.msg_id == auth.E_OWNER_ONLY, name
    assert not [p for p in Path(tmp_path).iterdir() if p.suffix in (".csv", ".json", ".xlsx")]


# --- fuzz -------------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=40), st.integers(), st.none(), st.binary(max_size=8)))
def test_hostile_pins_never_crash_and_only_digits_pass(value):
    try:
        hashed = hash_pin(value)
    except ShopError as exc:
        assert exc.msg_id == auth.E_PIN_FORMAT
        assert not (
            isinstance(value, str) and value.isascii() and value.isdigit() and 4 <= len(value) <= 12
        )
        return
    assert verify_pin(value, hashed)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_hostile_login_input_is_a_clear_error(engine, text):
    with session_scope(engine) as s:
        with pytest.raises(ShopError):
            login(s, text or "x", text)
        with pytest.raises(ShopError):
            login_owner_by_pin(s, text)
    assert not verify_pin(text, "scrypt$" + text)
