"""Probe: monthly report, member classes and the month's workbook against raw sqlite3.

    python benchmarks/report_probe.py --db /tmp/big.db [--month 2026-10] [--runs 3]
        [--only report,classes,export]

Each figure is the median of `--runs` runs, each in a fresh session (nothing cached), and
sits beside its limit measured in the same run — the same aggregates in raw sqlite3 on
the same indexes, and the same workbook's big sheets written by xlsxwriter (constant memory) from
rows already in memory — so the ratio holds on a noisy shared machine. Exports run in a child process
each so that the peak memory (ru_maxrss) is the export's own. Standalone on purpose:
benchmarks/run.py is the suite; this is the reports' probe.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def month_args(db: str, month: str | None) -> tuple[int, int]:
    if month:
        y, m = month.split("-")
        return int(y), int(m)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        last = conn.execute("SELECT max(visited_at) FROM visits").fetchone()[0]
    y, m = int(last[:4]), int(last[5:7])
    return (y - 1, 12) if m == 1 else (y, m - 1)  # the last complete month


def _ts(d: date) -> str:
    return f"{d.isoformat()} 00:00:00.000000"


def raw_report(db: str, year: int, month: int) -> None:
    """Every figure of the report (the same limit as benchmarks/run.py's: three months'
    headlines, breakdowns, ledgers, money, follow-ups, levels, cards, care and the class
    counts' inputs), in raw sqlite3."""
    from benchmarks.month_bench import raw_month_report

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    raw_month_report(conn, year, month)
    conn.close()


def raw_histories(conn: sqlite3.Connection, end: date) -> None:
    """The read behind the classes: every ok member visit before the as-of day's end."""
    conn.execute(
        "SELECT group_concat(member_id), group_concat(CAST(julianday(visited_at)"
        " - 2440587.5 AS INTEGER)), group_concat(total_amount) FROM visits"
        " WHERE +status = 'ok' AND member_id IS NOT NULL AND visited_at < ?",
        (_ts(end),),
    ).fetchall()
    conn.execute(
        "SELECT id, name FROM members WHERE status IN ('active', 'archived')"
        " AND join_date < ? ORDER BY id",
        (end.isoformat(),),
    ).fetchall()


def product_report(engine, year: int, month: int) -> None:  # noqa: ANN001
    from shopcrm.db import session_scope
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.reports import monthly_report

    with session_scope(engine) as session:
        monthly_report(session, year, month, "zh", actor=SYSTEM)


def product_classes(engine, as_of: date) -> None:  # noqa: ANN001
    from shopcrm.db import session_scope
    from shopcrm.services.analytics import member_classes

    with session_scope(engine) as session:
        member_classes(session, as_of, "zh")


def child_export(db: str, year: int, month: int, mode: str) -> None:
    """Run in a child process: print {"seconds", "peak_mb", "rows"} for one export."""
    from shopcrm.db import make_engine, session_scope
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.excel import export_month_workbook

    engine = make_engine(db)
    out = Path(tempfile.mkdtemp(prefix="report-probe-")) / "month.xlsx"
    with session_scope(engine) as session:
        if mode == "product":
            t0 = time.perf_counter()
            done = export_month_workbook(session, year, month, out, "zh", actor=SYSTEM)
            seconds, rows = time.perf_counter() - t0, done.ledger_rows + done.member_rows
        else:
            seconds, rows = limit_export(session, year, month, out, mode)
    out.unlink(missing_ok=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows}))


def limit_export(  # noqa: ANN001
    session, year: int, month: int, out: Path, writer: str = "xlsxwriter"
) -> tuple[float, int]:
    """The Ledger and Members sheets, rows fetched beforehand (not timed), written with the
    same number formats by `writer`: "xlsxwriter" in its constant-memory mode (the fastest
    well-kept writer: the limit), or "openpyxl" write-only (a second, informative limit)."""
    from shopcrm.services.analytics import class_overview
    from shopcrm.services.excel.rows import ledger_rows, member_rows
    from shopcrm.services.reports import month_bounds

    start, end = month_bounds(year, month)
    labels = class_overview(session, date.fromordinal(end.toordinal() - 1), "zh")[1]
    sheets = [list(ledger_rows(session, start, end, "zh"))]
    sheets.append(list(member_rows(session, start, end, labels)))
    write = _write_xlsxwriter if writer == "xlsxwriter" else _write_openpyxl
    t0 = time.perf_counter()
    write(sheets, out)
    return time.perf_counter() - t0, sum(len(r) for r in sheets)


def write_rows_xlsxwriter(sheets: list[list[tuple]], out: Path) -> None:
    """Rows written cell by cell with the type's own call (what xlsxwriter's `write` would
    dispatch to): text inline, numbers, dates and times with their formats, money as a
    number with the money format."""
    from datetime import datetime as _datetime
    from datetime import time as _time
    from decimal import Decimal

    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    money = wb.add_format({"num_format": '"¥"#,##0.00;-"¥"#,##0.00'})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    clock = wb.add_format({"num_format": "hh:mm"})
    for rows in sheets:
        ws = wb.add_worksheet()
        text, number, when = ws.write_string, ws.write_number, ws.write_datetime
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    if value:
                        text(r, c, value)
                elif isinstance(value, int):
                    number(r, c, value)
                elif isinstance(value, Decimal):
                    number(r, c, float(value), money)
                elif isinstance(value, _datetime):
                    when(r, c, value, stamp)
                elif isinstance(value, _time):
                    when(r, c, value, clock)
                else:
                    when(r, c, value, day)
    wb.close()


_write_xlsxwriter = write_rows_xlsxwriter


def _write_openpyxl(sheets: list[list[tuple]], out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for rows in sheets:
        ws = wb.create_sheet()
        for row in rows:
            cells = []
            for value in row:
                if isinstance(value, str):
                    cells.append(value)
                    continue
                cell = WriteOnlyCell(ws, value=value)
                if value is not None and not isinstance(value, int):
                    cell.number_format = "yyyy-mm-dd" if hasattr(value, "year") else "#,##0.00"
                cells.append(cell)
            ws.append(cells)
    wb.save(out)


def run_child(db: str, year: int, month: int, mode: str, runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--db",
                db,
                "--month",
                f"{year}-{month:02d}",
                "--child",
                mode,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
        "rows": results[0]["rows"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--month")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="report,classes,export")
    parser.add_argument("--json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    year, month = month_args(args.db, args.month)
    if args.child:
        child_export(args.db, year, month, args.child)
        return
    from shopcrm.db import open_database
    from shopcrm.services.reports import month_bounds

    engine = open_database(args.db)  # brings the schema (and its indexes) up to date
    end = month_bounds(year, month)[1]
    as_of = date.fromordinal(end.toordinal() - 1)
    only = set(args.only.split(","))
    rows: list[tuple[str, float, float, str]] = []
    if "report" in only:
        product_report(engine, year, month)  # warm the page cache for both sides
        limit = median_time(lambda: raw_report(args.db, year, month), args.runs)
        value = median_time(lambda: product_report(engine, year, month), args.runs)
        rows.append(("monthly report (s)", value, limit, ""))
    if "classes" in only:
        conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        limit = median_time(lambda: raw_histories(conn, end), args.runs)
        value = median_time(lambda: product_classes(engine, as_of), args.runs)
        rows.append(("member classes + BG/NBD (s)", value, limit, "limit: the visits read"))
    if "export" in only:
        product = run_child(args.db, year, month, "product", args.runs)
        limit = run_child(args.db, year, month, "xlsxwriter", args.runs)
        slow = run_child(args.db, year, month, "openpyxl", args.runs)
        note = f"peak {product['peak_mb']:.0f} MB (limit {limit['peak_mb']:.0f} MB)"
        rows.append(("month export (s)", product["seconds"], limit["seconds"], note))
        rows.append(("  vs openpyxl (s)", product["seconds"], slow["seconds"], "informative"))
    print(f"{year}-{month:02d} on {args.db}")
    print(f"{'figure':30s} {'value':>8s} {'limit':>8s} {'ratio':>6s}")
    for name, value, limit, note in rows:
        print(f"{name:30s} {value:8.2f} {limit:8.2f} {value / limit:6.2f}  {note}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                [{"figure": n, "value": v, "limit": li, "ratio": v / li} for n, v, li, _ in rows],
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
