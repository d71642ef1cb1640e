"""The small reads and writes the money screens use: month status, method order, the till's
methods (services.money.months.month_status, methods.move_method, counter.till_methods)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm import clock
from shopcrm.i18n import ShopError
from shopcrm.models import AuditEntry, PaymentMethod
from shopcrm.services.auth import ROLE_OWNER, ROLE_STAFF, SYSTEM, Actor
from shopcrm.services.counter import till_methods, visit_setup
from shopcrm.services.money import methods, months
from shopcrm.services.staff import create_staff


def _order(session: Session) -> list[str]:
    rows = session.scalars(
        select(PaymentMethod.code)
        .where(PaymentMethod.internal.is_(False))
        .order_by(PaymentMethod.sort_order, PaymentMethod.code)
    )
    return list(rows)


def test_month_status_says_when_and_by_whom(session: Session) -> None:
    owner_id = create_staff(session, "老板", role=ROLE_OWNER, actor=SYSTEM)
    owner = Actor(owner_id, "老板", ROLE_OWNER)
    with clock.frozen("2026-11-03 09:15"):
        status = months.month_status(session, 2026, 10)
        assert (status.period, status.closed, status.ended) == ("2026-10", False, True)
        assert not months.month_status(session, 2026, 11).ended  # the month still running
        months.close_month(session, 2026, 10, actor=owner)
        status = months.month_status(session, 2026, 10)
    assert status.closed and status.closed_by == "老板"
    assert status.closed_at == datetime(2026, 11, 3, 9, 15)


def test_move_method_reorders_the_money_methods_only(session: Session) -> None:
    before = _order(session)
    internal = dict(
        session.execute(
            select(PaymentMethod.code, PaymentMethod.sort_order).where(
                PaymentMethod.internal.is_(True)
            )
        ).all()
    )
    code = before[2]
    methods.move_method(session, code, -1, actor=SYSTEM)
    after = _order(session)
    assert after.index(code) == 1 and sorted(after) == sorted(before)
    methods.move_method(session, before[0], -1, actor=SYSTEM)  # already first: nothing moves
    assert _order(session) == after
    still = dict(
        session.execute(
            select(PaymentMethod.code, PaymentMethod.sort_order).where(
                PaymentMethod.internal.is_(True)
            )
        ).all()
    )
    assert still == internal
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity == "payment_method")
    ).all()
    assert actions == ["move"]
    with pytest.raises(ShopError):
        methods.move_method(session, code, 1, actor=Actor(None, "c", ROLE_STAFF))
    with pytest.raises(ShopError):
        methods.move_method(session, "nope", 1, actor=SYSTEM)


def test_till_methods_are_the_active_money_methods_in_order(session: Session) -> None:
    methods.set_method_active(session, "other", False, actor=SYSTEM)
    codes = [m.code for m in till_methods(session)]
    active = [c for c in _order(session) if session.get(PaymentMethod, c).active]
    assert codes == active
    assert "other" not in codes and "stored_value" not in codes and "points" not in codes
    assert {"wechat", "alipay"} <= set(codes)
    assert [m.code for m in visit_setup(session, None).methods] == codes
