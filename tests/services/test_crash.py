"""A counter PC losing its process mid-save (SIGKILL) leaves exactly the committed visits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rel_helpers import add_member
from sqlalchemy import func, select

from shopcrm.db import is_sqlite, make_engine, session_scope
from shopcrm.models import Visit, VisitLine, VisitPayment
from shopcrm.services.integrity import integrity_check

ROOT = Path(__file__).resolve().parents[2]
BATCH = 20
LINES = 3

CHILD = textwrap.dedent(f"""
    import sys
    from datetime import datetime
    from decimal import Decimal
    from sqlalchemy import event
    from shopcrm.db import is_sqlite, make_engine, session_scope
    from shopcrm.models import Visit, VisitLine, VisitPayment

    url, member_id, handshake = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
    engine = make_engine(url)
    if is_sqlite(engine):
        @event.listens_for(engine, "connect")
        def _tiny_cache(conn, _rec):
            conn.execute("PRAGMA cache_size = 5")  # spill pages into the WAL mid-transaction

    n = 0
    while True:
        with session_scope(engine, write=True) as s:
            ids = []
            for _ in range({BATCH}):
                n += 1
                visit = Visit(member_id=member_id, visited_at=datetime(2025, 1, 1),
                              total_list=Decimal("30"), total_amount=Decimal("30"),
                              note="批" * 400)
                for line in range({LINES}):
                    visit.lines.append(VisitLine(line_no=line + 1, item_name="项目",
                                                 unit_price=Decimal("10"),
                                                 amount=Decimal("10")))
                visit.payments.append(VisitPayment(method="cash", amount=Decimal("30")))
                s.add(visit)
                s.flush()
                ids.append(visit.id)
            if handshake:
                print("P", flush=True)  # written, not committed: wait for the parent
                sys.stdin.readline()
        print("C " + ",".join(map(str, ids)), flush=True)
""")


def _start(tmp_path: Path, url: str, member_id: int, handshake: bool) -> subprocess.Popen:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(script), url, str(member_id), "1" if handshake else "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _state(url: str) -> tuple[set[int], bool]:
    """Visit ids in the database, and whether every visit is whole (lines + payment)."""
    engine = make_engine(url)
    try:
        if is_sqlite(engine):
            assert integrity_check(engine).ok
        with session_scope(engine) as s:
            ids = set(s.scalars(select(Visit.id)))
            lines = dict(
                s.execute(
                    select(VisitLine.visit_id, func.count()).group_by(VisitLine.visit_id)
                ).all()
            )
            pays = dict(
                s.execute(
                    select(VisitPayment.visit_id, func.count()).group_by(VisitPayment.visit_id)
                ).all()
            )
        whole = all(lines.get(i) == LINES and pays.get(i) == 1 for i in ids)
        return ids, whole and set(lines) <= ids and set(pays) <= ids
    finally:
        engine.dispose()


def _member(engine) -> int:
    with session_scope(engine, write=True) as s:
        return add_member(s)


def _parse(line: str) -> list[int]:
    return [int(x) for x in line.split()[1].split(",")]


def test_sigkill_mid_transaction_keeps_exactly_the_committed_visits(engine, db_url, tmp_path):
    member = _member(engine)
    engine.dispose()
    child = _start(tmp_path, db_url, member, handshake=True)
    committed: list[int] = []
    pending = 0
    try:
        assert child.stdout is not None and child.stdin is not None
        while True:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "child died"
            if line.startswith("C "):
                committed += _parse(line)
            elif line.startswith("P"):
                pending += 1
                if pending == 6:  # the sixth batch is written but not committed
                    child.send_signal(signal.SIGKILL)
                    break
                child.stdin.write("go\n")
                child.stdin.flush()
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert len(committed) == 5 * BATCH
    ids, whole = _state(db_url)
    assert ids == set(committed)
    assert whole


def test_sigkill_at_a_random_moment_loses_no_reported_visit(engine, db_url, tmp_path):
    member = _member(engine)
    engine.dispose()
    child = _start(tmp_path, db_url, member, handshake=False)
    reported: list[int] = []
    try:
        assert child.stdout is not None
        while len(reported) < 8 * BATCH:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "child died"
            reported += _parse(line)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        rest = child.stdout.read()  # lines printed before it died
    finally:
        child.kill()
    reported += [i for line in rest.splitlines() if line.startswith("C ") for i in _parse(line)]
    ids, whole = _state(db_url)
    assert set(reported) <= ids  # every reported commit survived
    # at most one batch committed in the instant between its commit and its report
    assert len(ids - set(reported)) in (0, BATCH)
    assert whole


@pytest.fixture(autouse=True)
def _posix_only():
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL (POSIX)")
