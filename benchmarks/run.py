#!/usr/bin/env python3
"""ShopCRM benchmark suite: the product at shop scale beside the machine's limit, same run.

    python benchmarks/run.py [--members 100000] [--visits 1000000] [--json FILE]

Builds (or reuses, cached by its parameters and the schema version) a demo shop of that
size, then measures each figure as the median of several runs next to its limit: the same
query in raw sqlite3 with the best index, the same workbook written by openpyxl's write-only
mode from already-fetched rows, an empty PySide6 window's start-up. Prints a Markdown table
and writes JSON. Not a timed test: CI runs it small only to prove it runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import scenarios  # noqa: E402
from benchmarks.harness import Figure, format_table  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"


def _fast_build(engine: Any) -> None:
    """Pragmas for generating the shop only (the copy measured is opened the product's way):
    no fsync, a large page cache, temporary b-trees in memory."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA synchronous=OFF")
        cur.execute("PRAGMA cache_size=-400000")  # 400 MB
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    engine.dispose()  # connections made before the listener get it too


def build_shop(members: int, visits: int, seed: int) -> Path:
    """The cached demo database for these parameters, built on first use."""
    from shopcrm.db import open_database
    from shopcrm.migrate import head_revision
    from shopcrm.services import hooks
    from shopcrm.services.demo import DemoOptions, create_demo_shop

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"shop-m{members}-v{visits}-s{seed}-{head_revision()}.db"
    if path.exists():
        return path
    tmp = path.with_suffix(".building")
    for stale in CACHE.glob(tmp.name + "*"):
        stale.unlink()
    started = time.perf_counter()
    older = sorted(CACHE.glob(f"shop-m{members}-v{visits}-s{seed}-*.db"))
    if older:  # the same shop at an earlier schema: upgrade a copy (seconds, not the build's
        return _upgrade_cached(older[-1], tmp, path, started)  # half hour at full size)
    engine = open_database(str(tmp))
    _fast_build(engine)
    create_demo_shop(engine, DemoOptions(members=members, visits=visits, months=36, seed=seed))
    hooks.after_demo(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    tmp.replace(path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _upgrade_cached(older: Path, tmp: Path, path: Path, started: float) -> Path:
    """`older` (a cached shop at an earlier revision) copied, migrated to head and analysed."""
    from shopcrm.db import make_engine
    from shopcrm.migrate import head_revision, upgrade_to

    shutil.copyfile(older, tmp)
    engine = make_engine(str(tmp))
    upgrade_to(engine, head_revision())
    engine.dispose()
    raw = sqlite3.connect(str(tmp), isolation_level=None)  # statistics for the new indexes
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    tmp.replace(path)
    older.unlink()  # one cached copy of a shop: 1.2 GB at full size
    print(f"upgraded {older.name} to {path.name} in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--only", nargs="*", help="run only these scenarios")
    parser.add_argument("--import-members", type=int, default=10_000,
                        help="rows in the member import figure")
    parser.add_argument("--import-visits", type=int, default=100_000,
                        help="rows in the visit import figure")
    args = parser.parse_args(argv)

    shop = build_shop(args.members, args.visits, args.seed)
    work = CACHE / "work.db"
    shutil.copyfile(shop, work)  # writes go to a copy; the cache stays pristine
    with open(work, "rb+") as copied:  # the copy on disk before timing: no writeback of
        os.fsync(copied.fileno())  # a 1 GB copy behind the first figures' commits
    figures: list[Figure] = []
    ctx = scenarios.Context(db_path=work, runs=args.runs, members=args.members,
                            visits=args.visits, import_members=args.import_members,
                            import_visits=args.import_visits)
    try:
        for name, scenario in scenarios.ALL:
            if args.only and name not in args.only:
                continue
            print(f"… {name}", file=sys.stderr, flush=True)
            figures.extend(scenario(ctx))
    finally:
        ctx.close()
        for leftover in CACHE.glob("work.db*"):
            leftover.unlink()
        # the app's backup on close (the start-up work changes the shop, so every cold start
        # writes one: 1.2 GB at full size) lands beside the work copy
        for leftover in (CACHE / "backups").glob("work_*.db*"):
            leftover.unlink()
    print(f"\nShopCRM benchmarks — {args.members:,} members, {args.visits:,} visits "
          f"(asked), {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}\n")
    print(format_table(figures))
    if args.json:
        args.json.write_text(json.dumps({
            "members": args.members, "visits": args.visits, "runs": args.runs,
            "python": platform.python_version(), "figures": [f.as_dict() for f in figures],
        }, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
