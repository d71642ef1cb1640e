"""Benchmark figure: opening the Bookings day view with 200 bookings (target ≤ 100 ms).

A day in the future of the demo shop gets 200 bookings of 15 minutes spread over the active
staff (written through the booking service, claims included). Measured in a fresh
interpreter with Qt offscreen, as the screen does it: `day_view` read in a session, then the
day grid laid out and painted into an image. Its limit, same run: the same bookings joined
to their members read by raw sqlite3 (the read alone), beside the service read alone.
"""

from __future__ import annotations

import json
from typing import Any

from benchmarks.harness import Figure, run_child

BOOKINGS = 200
DAY = "2031-03-03"

_SETUP = """
from datetime import datetime, timedelta
from sqlalchemy import select
from shopcrm.db import open_database, session_scope
from shopcrm.models import Staff
from shopcrm.services import bookings
from shopcrm.services.auth import SYSTEM
engine = open_database(DB)
with session_scope(engine, write=True) as s:
    if not bookings.day_view(s, datetime.fromisoformat(DAY).date()).bookings:
        staff = list(s.scalars(select(Staff.id).where(Staff.active.is_(True)).order_by(Staff.id)))
        members = [m for m in range(1, N + 1)]
        for n in range(N):
            at = datetime.fromisoformat(DAY) + timedelta(hours=8, minutes=15 * (n // len(staff)))
            draft = bookings.BookingDraft(starts_at=at, member_id=members[n % len(members)],
                                          staff_id=staff[n % len(staff)], minutes=15)
            bookings.create_booking(s, draft, actor=SYSTEM)
engine.dispose()
print("{}")
"""

_MEASURE = """
import json, os, sqlite3, statistics, sys, time
from datetime import date
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from shopcrm.db import open_database, session_scope
from shopcrm.services.bookings import day_view
from shopcrm.ui.bookings.day_grid import DayGrid
app = QApplication([])
engine = open_database(DB)
day = date.fromisoformat(DAY)
raw = sqlite3.connect(DB)
SQL = ("SELECT b.*, m.name, m.phone_digits FROM bookings b LEFT JOIN members m"
       " ON m.id = b.member_id WHERE b.starts_at >= ? AND b.starts_at < ?"
       " ORDER BY b.starts_at, b.id")

def median(func, runs=RUNS):
    func()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); func(); times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000

def read():
    with session_scope(engine) as s:
        return day_view(s, day)

def open_view():
    view = read()
    grid = DayGrid()
    grid.resize(1280, 900)
    grid.set_view(view)
    image = QImage(grid.size(), QImage.Format.Format_ARGB32_Premultiplied)  # as a window's
    grid.render(image)
    assert len(view.bookings) == N, len(view.bookings)

def limit():
    raw.execute(SQL, (DAY + " 00:00:00", DAY + " 23:59:59.999999")).fetchall()

print(json.dumps({"open": median(open_view), "read": median(read), "limit": median(limit)}))
sys.stdout.flush()
os._exit(0)  # no Qt teardown at exit (widgets without parents outliving the application)
"""


def _code(template: str, db: str, runs: int) -> str:
    head = f"DB = {db!r}\nDAY = {DAY!r}\nN = {BOOKINGS}\nRUNS = {runs}\n"
    return head + template


def day_view(ctx: Any) -> list[Figure]:
    db = str(ctx.db_path)
    run_child(_code(_SETUP, db, ctx.runs))
    result = run_child(_code(_MEASURE, db, ctx.runs * 3))
    note = f"{BOOKINGS} bookings"
    return [
        Figure("open the Bookings day view (read + draw)", "ms", result["open"],
               result["limit"], target=100, note=note),
        Figure("Bookings day view: read only", "ms", result["read"], result["limit"],
               note=note),
    ]  # fmt: skip


if __name__ == "__main__":  # pragma: no cover - a quick look without the whole suite
    print(json.dumps(BOOKINGS))
