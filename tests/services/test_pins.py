"""Issue 22 item 9: PIN length and cost, hash upgrade, lockout per person that a staff
member cannot impose on the owner, lockout on a read-only file, roles switched off by
editing the file."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from rel_helpers import owner_and_staff
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import make_engine, session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import AuditEntry, Staff
from shopcrm.services import auth
from shopcrm.services.auth import (
    ROLE_OWNER,
    ROLE_STAFF,
    SYSTEM,
    Actor,
    add_staff,
    login,
    login_owner_by_pin,
    set_pin,
    set_roles_enabled,
    verify_pin,
)
from shopcrm.services.roles_guard import ACTION, check_roles_switch, switched_off_outside
from shopcrm.services.settings import set_setting

START = datetime(2026, 11, 1, 3, 0)


def _old_hash(pin: str) -> str:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**10, r=4, p=1, dklen=32)
    return f"scrypt$n=1024,r=4,p=1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_owner_pins_have_six_digits_staff_four_only_when_allowed(session):
    owner = add_staff(session, "老板", ROLE_OWNER, actor=SYSTEM)
    with pytest.raises(ShopError) as short:
        set_pin(session, owner, "1234", actor=SYSTEM)
    assert short.value.message("en") == "老板's PIN needs at least 6 digits."
    set_pin(session, owner, "123456", actor=SYSTEM)
    boss = Actor(owner, "老板", ROLE_OWNER)
    staff = add_staff(session, "小王", ROLE_STAFF, actor=boss)
    with pytest.raises(ShopError):
        set_pin(session, staff, "1357", actor=boss)
    set_setting(session, auth.SETTING_SHORT_STAFF_PINS, True)
    set_pin(session, staff, "1357", actor=boss)
    with pytest.raises(ShopError):
        set_pin(session, owner, "4321", actor=boss)  # never for the owner
    session.commit()  # login writes its attempt on a connection of its own
    assert login(session, "小王", "1357").name == "小王"


def test_the_shops_cost_is_high_and_carried_in_the_hash(monkeypatch):
    assert auth.SCRYPT_COST_DEFAULT == (2**17, 8, 1)
    monkeypatch.setattr(auth, "SCRYPT_COST", auth.SCRYPT_COST_DEFAULT)
    stored = auth.hash_pin("246800")
    assert stored.startswith("scrypt$n=131072,r=8,p=1$")
    assert verify_pin("246800", stored) and not verify_pin("246801", stored)


def test_an_older_hash_verifies_and_is_upgraded_on_login(engine):
    with session_scope(engine, write=True) as s:
        owner_and_staff(s)
        s.query(Staff).filter_by(name="小王").update({"pin_hash": _old_hash("135700")})
    with session_scope(engine) as s:
        assert login(s, "小王", "135700").name == "小王"
    with session_scope(engine) as s:
        stored = s.query(Staff).filter_by(name="小王").one().pin_hash
    n, r, p = auth.SCRYPT_COST
    assert stored.startswith(f"scrypt$n={n},r={r},p={p}$")
    assert verify_pin("135700", stored) and not auth.needs_rehash(stored)


def test_a_staff_session_cannot_lock_the_owner_out(session):
    owner, staff = owner_and_staff(session)
    with clock.frozen(START):
        clerk = login(session, "小王", "135700")
        for _ in range(auth.LOCK_AFTER):
            with pytest.raises(ShopError) as wrong:
                login(session, owner, "000000", by=clerk)
            assert wrong.value.msg_id == auth.E_WRONG_PIN
        with pytest.raises(ShopError) as locked:
            login(session, owner, "000000", by=clerk)
        assert locked.value.message("en").startswith("Too many wrong PINs for 小王.")
        with pytest.raises(ShopError):
            login(session, "小王", "135700")  # the clerk locked themselves out
        assert auth.lockout_remaining(session, owner) == 0
        assert login(session, owner, "246800").is_owner  # the owner is not locked out
        assert login_owner_by_pin(session, "246800").staff_id == owner


def test_anonymous_failures_still_lock_the_person_tried(session):
    owner, _ = owner_and_staff(session)
    with clock.frozen(START):
        for _ in range(auth.LOCK_AFTER):
            with pytest.raises(ShopError):
                login(session, owner, "000000")
        with pytest.raises(ShopError) as locked:
            login(session, owner, "246800")
    assert locked.value.msg_id == auth.E_LOCKED


def test_login_is_refused_when_attempts_cannot_be_recorded(db_url: str):
    if db_url.startswith("postgresql"):
        pytest.skip("SQLite only: a read-only database file (mode=ro) has no PostgreSQL twin here")
    path = Path(db_url)
    writable = make_engine(db_url)
    with session_scope(writable, write=True) as s:
        owner_and_staff(s)
    writable.dispose()
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        for pin in ["000000"] * (auth.LOCK_AFTER + 2) + ["135700"]:
            with pytest.raises(ShopError) as refused, session_scope(read_only) as s:
                login(s, "小王", pin)
            assert refused.value.msg_id == auth.E_CANNOT_RECORD  # no oracle for guesses
    finally:
        read_only.dispose()


def _roles_on_then_edited(engine) -> None:
    with session_scope(engine, write=True) as s:
        owner, _ = owner_and_staff(s)
        set_roles_enabled(s, True, actor=Actor(owner, "老板", ROLE_OWNER))
    with engine.begin() as conn:  # what `sqlite3 shop.db "update settings ..."` does
        conn.execute(
            text("UPDATE settings SET value = 'false' WHERE key = :k"), {"k": auth.SETTING_ROLES}
        )


def test_roles_switched_off_by_editing_the_file_are_noticed_and_audited_once(engine):
    _roles_on_then_edited(engine)
    for _ in range(2):
        with session_scope(engine) as s:
            assert check_roles_switch(s)
    with session_scope(engine) as s:
        assert s.query(AuditEntry).filter_by(action=ACTION).count() == 1
        owner = s.query(Staff).filter_by(name="老板").one().id
        set_roles_enabled(s, True, actor=Actor(owner, "老板", ROLE_OWNER))
        set_roles_enabled(s, False, actor=Actor(owner, "老板", ROLE_OWNER))
        assert not switched_off_outside(s)  # switched off in the app: no warning


def test_the_cli_warns_when_roles_were_switched_off_outside(db_url):
    engine = make_engine(db_url)
    _roles_on_then_edited(engine)
    engine.dispose()
    result = CliRunner().invoke(
        main,
        [
            "--db",
            db_url,
            "--lang",
            "en",
            "member",
            "add",
            "--name",
            "钱七",
            "--phone",
            "13500135000",
        ],
        env={"SHOPCRM_PIN": None, "SHOPCRM_STAFF": None},
    )
    assert result.exit_code == 0, result.output
    assert "roles were switched off outside ShopCRM" in result.output


def test_the_owner_allows_four_digit_staff_pins_from_the_cli(db_url):
    engine = make_engine(db_url)
    with session_scope(engine, write=True) as s:
        owner_and_staff(s)
    engine.dispose()

    def run(*args):
        return CliRunner().invoke(
            main,
            ["--db", db_url, "--lang", "en", *args, "--pin", "246800"],
            env={"SHOPCRM_PIN": None, "SHOPCRM_STAFF": None},
        )

    refused = run("staff-pin", "小王", "--new-pin", "1234")
    assert refused.exit_code == 1 and "at least 6 digits" in refused.output
    assert run("roles", "on", "--short-staff-pins", "allow").exit_code == 0
    assert run("staff-pin", "小王", "--new-pin", "1234").exit_code == 0
    owner = run("staff-pin", "老板", "--new-pin", "1234")
    assert owner.exit_code == 1 and "老板's PIN needs at least 6 digits." in owner.output


def _fail_in_rounds(session, who, rounds: int, *, by_pin: bool = False, start=START) -> list[int]:
    """Wrong PINs from a fresh login screen (nobody logged in), each round once the lockout
    is over; returns the wait (seconds) the person tried has after each round."""
    staff_id = who if isinstance(who, int) else session.query(Staff.id).filter_by(name=who).scalar()
    now, waits = start, []
    for _ in range(rounds):
        with clock.frozen(now):
            for _ in range(auth.LOCK_AFTER):
                if auth.lockout_remaining(session, staff_id):
                    break
                with pytest.raises(ShopError) as wrong:
                    if by_pin:
                        login_owner_by_pin(session, "000000")
                    else:
                        login(session, who, "000000")
                assert wrong.value.msg_id in (auth.E_WRONG_PIN, auth.E_NO_OWNER_MATCH)
            waits.append(auth.lockout_remaining(session, staff_id, now=now))
        now += timedelta(seconds=waits[-1] + 1)
    return waits


def test_nobody_can_lock_the_owner_out_for_longer_than_30_seconds(session):
    owner, _ = owner_and_staff(session)
    waits = _fail_in_rounds(session, owner, 8)
    assert all(0 < w <= 30 for w in waits), waits
    later = START + timedelta(hours=1)
    cli_waits = _fail_in_rounds(session, owner, 4, by_pin=True, start=later)  # CLI, no login
    assert all(0 < w <= 30 for w in cli_waits), cli_waits
    with Session(session.get_bind()) as side:  # written on a connection of their own
        failures = side.query(AuditEntry).filter_by(staff_id=owner, action="login_attempt").count()
    assert failures >= 8 + 4  # every wrong try is still counted and audited
    with clock.frozen(later + auth.OWNER_LOCK_MAX * 5):
        assert login(session, owner, "246800").is_owner


def test_staff_keep_the_long_lockout(session):
    owner_and_staff(session)
    waits = _fail_in_rounds(session, "小王", 7)
    assert waits[0] == 30 and waits[1] == 60 and waits[2] == 120  # doubles per failure
    assert max(waits) == auth.LOCK_MAX.total_seconds() == 15 * 60
