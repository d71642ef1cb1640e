"""The first-steps checklist: each step ticked off by the data, hidden when dismissed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session
from visit_helpers import make_member

from shopcrm.cli import main
from shopcrm.services import catalog, staff, wallet
from shopcrm.services.auth import SYSTEM, set_pin, set_roles_enabled
from shopcrm.services.settings import set_setting
from shopcrm.services.shop_setup import dismiss_first_steps, first_steps
from shopcrm.services.visits import BillDraft, record_bill


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """The CLI's --lang sets the process's language: put it back for the next tests."""
    from shopcrm.i18n import current_language, set_language

    before = current_language()
    yield
    set_language(before)


def done_keys(session: Session) -> list[str]:
    return [s.key for s in first_steps(session).steps if s.done]


def test_steps_tick_off_from_the_data(session: Session) -> None:
    steps = first_steps(session)
    assert done_keys(session) == [] and steps.show and not steps.all_done
    set_setting(session, "shop.name", "Lucky Noodles")
    catalog.create_service(session, "Set meal", Decimal("88"), actor=SYSTEM)
    assert done_keys(session) == ["shop", "services"]
    staff_id = staff.create_staff(session, "Xiao Li", actor=SYSTEM)
    assert "staff" in done_keys(session)
    owner = staff.create_staff(session, "Boss", role="owner", actor=SYSTEM)
    set_pin(session, owner, "987654", actor=SYSTEM)
    set_roles_enabled(session, True, actor=SYSTEM)  # roles wanted: the staff step needs everyone's PIN
    assert "staff" not in done_keys(session)
    set_pin(session, staff_id, "123456", actor=SYSTEM)
    assert "staff" in done_keys(session)
    member = make_member(session)
    wallet.topup(session, member, "300", actor=SYSTEM)
    record_bill(session, BillDraft(member, Decimal("56")), actor=SYSTEM)
    set_setting(session, "backup.folder", "/media/usb")
    steps = first_steps(session)
    assert steps.all_done and not steps.show


def test_dismissed_list_is_not_shown_and_can_come_back(session: Session) -> None:
    dismiss_first_steps(session, actor=SYSTEM)
    assert not first_steps(session).show
    dismiss_first_steps(session, False, actor=SYSTEM)
    assert first_steps(session).show


def test_cli_first_steps(db_url: str) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["--db", db_url, "--lang", "zh", "first-steps"])
    assert out.exit_code == 0 and "记录第一笔消费" in out.output
    out = runner.invoke(main, ["--db", db_url, "first-steps", "--dismiss", "--json"])
    data = json.loads(out.output)
    assert data["dismissed"] is True and len(data["steps"]) == 7
    assert not any(s["done"] for s in data["steps"] if s["key"] != "shop")


def test_the_demo_shop_hides_the_list_while_a_new_shop_shows_it(engine) -> None:
    from datetime import date

    from shopcrm.db import session_scope
    from shopcrm.services.demo import DemoOptions, create_demo_shop
    from shopcrm.services.shop_setup import complete_first_run

    with session_scope(engine, write=True) as s:  # a new shop, named, nothing else yet
        complete_first_run(s, "Lucky Noodles", "restaurant", "en", actor=SYSTEM)
    with session_scope(engine) as s:
        steps = first_steps(s)
        assert steps.show and not steps.dismissed and not steps.all_done
    # the backup step is not done in a demo: the list is hidden because it was dismissed
    create_demo_shop(engine, DemoOptions(members=20, months=2, seed=3, today=date(2026, 11, 23)))
    with session_scope(engine) as s:
        steps = first_steps(s)
        assert steps.dismissed and not steps.show and not steps.done("backup")
