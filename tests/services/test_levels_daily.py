"""Downgrades happen by themselves at a window's end: once per shop day when the app or a
CLI write command opens the shop (services/levels/daily.py via hooks.on_open), never for a
locked member, with the reason kept in the member's history."""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import session_scope
from shopcrm.models import Member
from shopcrm.services import catalog, hooks, levels
from shopcrm.services.auth import SYSTEM
from shopcrm.services.settings import get_setting
from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

D = Decimal


def _gold_members(engine) -> tuple[int, int]:
    """Two members who reached 金卡 (spend ¥100 within 30 days, downgrade at the window's
    end) on 1 October; the second is then locked at 金卡."""
    with clock.frozen("2026-10-01 10:00"), session_scope(engine, write=True) as s:
        levels.create_level(s, "普通会员", discount="1", actor=SYSTEM)
        levels.create_level(
            s, "金卡", discount="0.9", upgrade_kind="spend", upgrade_amount="100",
            window_days=30, downgrade=True, actor=SYSTEM,
        )  # fmt: skip
        oil = catalog.create_service(s, "精油", D("100"), actor=SYSTEM)
        ids = []
        for name, phone in (("张三", "13800138000"), ("李四", "13900139000")):
            member = make_member(s, name, phone)
            lines = (LineDraft(service_id=oil),)
            record_visit(
                s, VisitDraft(member, lines, (PaymentDraft("cash", D("100")),)), actor=SYSTEM
            )
            ids.append(member)
        levels.lock_member(s, ids[1], "金卡", actor=SYSTEM)
    return ids[0], ids[1]


def _level(engine, member_id: int) -> str:
    with session_scope(engine) as s:
        return s.get(Member, member_id).level


def test_opening_the_shop_after_the_window_steps_the_member_down_but_not_a_locked_one(engine):
    free, locked = _gold_members(engine)
    assert _level(engine, free) == _level(engine, locked) == "金卡"
    with clock.frozen("2026-10-20 09:00"):
        hooks.on_open(engine)  # the window is not over yet
    assert _level(engine, free) == "金卡"
    with clock.frozen("2026-11-05 09:00"):
        hooks.on_open(engine)  # what the app (as a background job) and the CLI call
    assert _level(engine, free) == "普通会员"
    assert _level(engine, locked) == "金卡"
    with session_scope(engine) as s:
        latest = levels.level_history(s, free, "en")[0]
        assert (latest.from_level, latest.to_level) == ("金卡", "普通会员")
        assert latest.reason == "the 30-day window ended on 2026-11-05 without meeting the rule"
        assert "统计周期结束" in levels.level_history(s, free, "zh")[0].reason
        assert levels.level_history(s, locked, "en")[0].reason == "locked at this level"
        assert get_setting(s, levels.DOWNGRADES_LAST_RUN_KEY) == "2026-11-05"


def test_downgrades_run_at_most_once_per_shop_day(engine):
    free, _locked = _gold_members(engine)
    with clock.frozen("2026-11-05 08:00"), session_scope(engine, write=True) as s:
        # today's run already happened (before this member's window ended, say)
        from shopcrm.services.settings import set_setting

        set_setting(s, levels.DOWNGRADES_LAST_RUN_KEY, "2026-11-05")
    with clock.frozen("2026-11-05 18:00"):
        hooks.on_open(engine)
    assert _level(engine, free) == "金卡"  # not twice on one day
    with clock.frozen("2026-11-06 08:00"):
        hooks.on_open(engine)
    assert _level(engine, free) == "普通会员"  # the next day's first opening


def test_cli_write_command_runs_them_and_level_downgrades_forces_a_run(db_url, engine):
    free, locked = _gold_members(engine)
    env = {"SHOPCRM_NOW": "2026-11-05 09:00"}
    result = CliRunner().invoke(
        main, ["--db", db_url, "--lang", "en", "level", "downgrades", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    # the opening hook stepped the member down first; the forced run then found nobody
    assert json.loads(result.output) == {"moved": []}
    assert _level(engine, free) == "普通会员" and _level(engine, locked) == "金卡"
