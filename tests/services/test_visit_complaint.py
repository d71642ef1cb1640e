"""A complaint typed with a visit (`visit add --complaint`, the counter's visit dialog) opens
its complaint and owner follow-up at once, once; a walk-in's stays on the visit only."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from followup_helpers import add_member
from sqlalchemy import func, select

from shopcrm import clock
from shopcrm.cli import main
from shopcrm.db import session_scope
from shopcrm.models import Complaint, Visit
from shopcrm.services.auth import SYSTEM
from shopcrm.services.care import open_visit_complaint
from shopcrm.services.followups import raise_due


@pytest.fixture(autouse=True)
def _no_startup_raise(monkeypatch):
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: None)


def run(db_url, *args):
    result = CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_visit_add_complaint_opens_it_once(engine, db_url, monkeypatch):
    monkeypatch.setenv("SHOPCRM_NOW", "2026-11-20 10:00")
    with clock.frozen("2026-11-20 10:00"):
        with session_scope(engine, write=True) as s:
            member = add_member(s, "甲").id
        run(db_url, "service", "add", "洗剪吹", "--price", "68")
        run(db_url, "visit", "add", "--member", f"#{member}", "--service", "洗剪吹",
            "--satisfaction", "2", "--complaint", "等太久")  # fmt: skip
        listed = json.loads(run(db_url, "complaints", "--json"))
        assert [(c["member_id"], c["text"], c["status"]) for c in listed] == [
            (member, "等太久", "open")
        ]
        with session_scope(engine, write=True) as s:
            visit_id = s.scalar(select(Visit.id))
            assert s.get(Visit, visit_id).satisfaction == 2
            assert open_visit_complaint(s, visit_id, actor=SYSTEM) is None  # once
            raise_due(s, clock.today(), actor=SYSTEM)  # the ingest finds it already open
            assert s.scalar(select(func.count()).select_from(Complaint)) == 1


def test_walk_in_complaint_stays_on_the_visit(engine, db_url, monkeypatch):
    monkeypatch.setenv("SHOPCRM_NOW", "2026-11-20 10:00")
    with clock.frozen("2026-11-20 10:00"):
        run(db_url, "service", "add", "洗剪吹", "--price", "68")
        run(db_url, "visit", "add", "--service", "洗剪吹", "--complaint", "太吵")
        with session_scope(engine) as s:
            assert s.scalar(select(Visit.complaint)) == "太吵"
            assert s.scalar(select(func.count()).select_from(Complaint)) == 0
