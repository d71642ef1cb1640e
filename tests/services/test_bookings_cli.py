"""The booking commands run for real, the day-before reminder in `due`, the migration."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from followup_helpers import add_member
from rel_helpers import revision_before
from sqlalchemy import text

from shopcrm.cli import main
from shopcrm.db import make_engine, open_database, session_scope
from shopcrm.migrate import current_revision, head_revision, upgrade_to
from shopcrm.services import catalog, staff
from shopcrm.services.auth import SYSTEM


@pytest.fixture(autouse=True)
def _no_startup_raise(monkeypatch):
    monkeypatch.setattr("shopcrm.services.hooks.on_open", lambda engine: None)


def run(db_url, *args, now="2026-11-23 10:00"):
    env = {"SHOPCRM_NOW": now}
    return CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args], env=env)


@pytest.fixture
def people(engine):
    with session_scope(engine, write=True) as s:
        catalog.create_service(s, "洗剪吹", "88", duration_min=45, actor=SYSTEM)
        staff.create_staff(s, "Tony", actor=SYSTEM)
        ids = {
            "yes": add_member(s, "王芳").id,
            "no": add_member(s, "李雷", consent=False).id,
            "later": add_member(s, "韩梅").id,
            "gone": add_member(s, "赵六").id,
        }
    return ids


def test_book_list_and_move_bookings(db_url, people):
    out = run(db_url, "book", "--member", f"#{people['yes']}", "--staff", "Tony",
              "--service", "洗剪吹", "--at", "2026-11-24T14:00", "--json")  # fmt: skip
    assert out.exit_code == 0, out.output
    booked = json.loads(out.output)
    assert (booked["member"], booked["staff"], booked["services"]) == ("王芳", "Tony", ["洗剪吹"])
    assert (booked["start"], booked["end"], booked["state"]) == (
        "2026-11-24T14:00", "2026-11-24T14:45", "booked"
    )  # fmt: skip
    clash = run(db_url, "book", "--member", f"#{people['later']}", "--staff", "Tony",
                "--at", "2026-11-24T14:30", "--minutes", "30")  # fmt: skip
    assert clash.exit_code == 1
    assert "Tony already has a booking from 11-24 14:00 to 14:45" in clash.output
    assert "Traceback" not in clash.output
    day = json.loads(run(db_url, "bookings", "--day", "2026-11-24", "--json").output)
    assert [b["id"] for b in day] == [booked["id"]]
    out = run(db_url, "booking", "cancel", str(booked["id"]))
    assert out.exit_code == 1 and "Say why" in out.output
    out = run(db_url, "booking", "cancel", str(booked["id"]), "--reason", "出差", "--by", "client",
              "--json")  # fmt: skip
    assert json.loads(out.output)["state"] == "cancelled"
    again = run(db_url, "book", "--member", f"#{people['later']}", "--staff", "Tony",
                "--at", "2026-11-24T14:30", "--minutes", "30", "--json")  # fmt: skip
    later = json.loads(again.output)["id"]
    assert json.loads(run(db_url, "booking", "arrive", str(later), "--json").output)["state"] == (
        "arrived"
    )
    out = run(db_url, "booking", "no-show", str(later))
    assert out.exit_code == 1 and "cannot be marked a no-show" in out.output
    table = run(db_url, "booking", "table", "A1", "--area", "大厅", "--seats", "6")
    assert table.exit_code == 0, table.output
    hours = run(db_url, "booking", "hours", "10:00", "22:00")
    assert "10:00–22:00" in hours.output
    sunday = run(db_url, "booking", "hours", "--closed", "--day", "sun", "--json")
    saturday = run(db_url, "booking", "hours", "10:00", "14:00", "--day", "sat")
    assert sunday.exit_code == 0 and saturday.exit_code == 0, sunday.output + saturday.output
    week = json.loads(sunday.output)
    assert week[6] == {"day": "sun", "closed": True, "opens": None, "closes": None}
    assert week[0] == {"day": "mon", "closed": False, "opens": "10:00", "closes": "22:00"}
    assert "sat  Opening hours: 10:00–14:00." in saturday.output
    assert "sun  Closed." in saturday.output
    bad = run(db_url, "booking", "hours", "14:00", "10:00", "--day", "mon")
    assert bad.exit_code == 1 and "14:00" in bad.output and "Traceback" not in bad.output
    zh = CliRunner().invoke(main, ["--db", db_url, "--lang", "zh", "bookings", "--day",
                                   "2026-11-24"])  # fmt: skip
    assert "已取消" in zh.output and "已到店" in zh.output


def test_day_before_reminder_in_due_for_the_right_members_only(engine, db_url, people):
    for who, at in (("yes", "2026-11-24T14:00"), ("no", "2026-11-24T15:00"),
                    ("later", "2026-11-26T14:00"), ("gone", "2026-11-24T16:00")):  # fmt: skip
        out = run(db_url, "book", "--member", f"#{people[who]}", "--staff", "Tony",
                  "--service", "洗剪吹", "--at", at)  # fmt: skip
        assert out.exit_code == 0, out.output
    run(db_url, "book", "--name", "新客", "--phone", "13700137000", "--at", "2026-11-24T11:00")
    gone = json.loads(run(db_url, "bookings", "--day", "2026-11-24", "--json").output)
    gone_id = next(b["id"] for b in gone if b["member"] == "赵六")
    run(db_url, "booking", "cancel", str(gone_id), "--reason", "改期")
    data = json.loads(run(db_url, "due", "--on", "2026-11-23", "--json").output)
    reminders = [i for i in data["items"] if i["rule_kind"] == "booking"]
    assert [i["member_name"] for i in reminders] == ["王芳"]
    assert reminders[0]["reason"] == "booking tomorrow at 14:00 (洗剪吹, Tony)"
    assert "14:00" in reminders[0]["message"] and "洗剪吹" in reminders[0]["message"]
    # two days before: not yet
    data = json.loads(run(db_url, "due", "--on", "2026-11-24", "--json").output)
    names = [i["member_name"] for i in data["items"] if i["rule_kind"] == "booking"]
    assert names == ["王芳"]  # still on the list on the day itself; 韩梅 only from the 25th


def test_migration_from_0008_keeps_data_and_adds_the_book(tmp_path):
    engine = make_engine(str(tmp_path / "old.db"))
    upgrade_to(engine, revision_before("0011"))
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO staff (id, name, role, title, active, created_at)"
            " VALUES (3, 'Tony', 'staff', '', 1, '2026-01-01 00:00:00')"))  # fmt: skip
    engine.dispose()
    upgraded = open_database(str(tmp_path / "old.db"))
    assert current_revision(upgraded) == head_revision()
    with upgraded.begin() as conn:
        assert conn.execute(text("SELECT name FROM staff WHERE id = 3")).scalar() == "Tony"
        assert conn.execute(text("SELECT count(*) FROM bookings")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM booking_slots")).scalar() == 0


def test_month_figures_in_report_json_and_workbook(engine, db_url, people, tmp_path):
    from openpyxl import load_workbook

    for n, who in enumerate(("yes", "no", "later", "gone")):
        out = run(db_url, "book", "--member", f"#{people[who]}", "--staff", "Tony",
                  "--at", f"2026-11-10T1{n}:00", "--minutes", "60", now="2026-11-09 09:00")  # fmt: skip
        assert out.exit_code == 0, out.output
    day = json.loads(run(db_url, "bookings", "--day", "2026-11-10", "--json").output)
    ids = {b["member"]: b["id"] for b in day}
    run(db_url, "booking", "noshow", str(ids["李雷"]), now="2026-11-10 12:00")
    run(db_url, "booking", "cancel", str(ids["韩梅"]), "--reason", "出差", now="2026-11-10 09:00")
    data = json.loads(run(db_url, "report", "--month", "2026-11", "--json").output)["bookings"]
    # 4 bookings; due: 3 (王芳 and 赵六 booked in the past, 李雷 no-show) -> 1/3 no-shows
    assert data["bookings"] == 4 and data["by_state"]["noshow"] == 1
    assert data["no_show_rate"] == "0.3333" and data["cancellation_rate"] == "0.2500"
    tony = data["staff"][0]
    assert (tony["staff"], tony["bookings"], tony["booked_minutes"]) == ("Tony", 4, 120)
    assert data["open_minutes"] == 12 * 60 * 30  # 09:00-21:00 on 30 days
    out = run(db_url, "report", "--month", "2026-11", "-o", str(tmp_path / "m.xlsx"))
    assert out.exit_code == 0, out.output
    sheet = load_workbook(tmp_path / "m.xlsx")["Bookings"]
    values = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows()]
    assert ["Bookings", 4] in values and ["Tony", 4, 0, 1, 2, tony_use(tony)] in values


def tony_use(tony):
    return float(tony["utilisation"])
