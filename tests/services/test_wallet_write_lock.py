"""Wallet entries inside a write transaction: no SAVEPOINT each on SQLite, same balances."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import event

from shopcrm.db import session_scope
from shopcrm.i18n import ShopError
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import MemberForm, create_member


def _statements(engine, work):
    seen: list[str] = []

    def grab(conn, cursor, statement, params, context, many):
        seen.append(statement.strip().split()[0].upper())

    event.listen(engine, "before_cursor_execute", grab)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return seen


def test_write_session_entries_skip_savepoints_and_keep_balances(engine, session):
    with session_scope(engine, write=True) as s:
        mid = create_member(s, MemberForm(name="王芳", phone="13912345670"), actor=SYSTEM)
        other = create_member(s, MemberForm(name="李娜", phone="13912345671"), actor=SYSTEM)

    def in_write_session():
        with session_scope(engine, write=True) as s:
            wallet.topup(s, mid, Decimal("300"), actor=SYSTEM)
            wallet.spend(s, mid, Decimal("120"), actor=SYSTEM)

    def in_plain_session():  # not begun IMMEDIATE: each entry keeps the retry's SAVEPOINT
        wallet.topup(session, other, Decimal("300"), actor=SYSTEM)
        wallet.spend(session, other, Decimal("120"), actor=SYSTEM)
        session.commit()

    locked = _statements(engine, in_write_session).count("SAVEPOINT")
    plain = _statements(engine, in_plain_session).count("SAVEPOINT")
    if engine.dialect.name == "sqlite":
        assert locked == plain - 2  # one SAVEPOINT fewer for each of the two entries
    else:  # PostgreSQL keeps it for the retry on a lost seq race
        assert locked == plain
    with session_scope(engine) as s:
        assert wallet.balances(s, mid).stored_value == Decimal("180.00")
        assert wallet.balances(s, other).stored_value == Decimal("180.00")
    with pytest.raises(ShopError), session_scope(engine, write=True) as s:
        wallet.spend(s, mid, Decimal("500"), actor=SYSTEM)  # refused, nothing written
    with session_scope(engine) as s:
        assert wallet.balances(s, mid).stored_value == Decimal("180.00")
