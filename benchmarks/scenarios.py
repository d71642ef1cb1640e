"""The benchmark scenarios: each returns Figures, the product beside its same-run limit."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks import bookings_bench, month_bench
from benchmarks.harness import Figure, median_time, run_child

TMP = Path(tempfile.gettempdir())


@dataclass
class Context:
    db_path: Path
    runs: int
    members: int
    visits: int
    import_members: int = 10_000
    import_visits: int = 100_000
    _engine: Any = field(default=None, repr=False)
    _raw: sqlite3.Connection | None = field(default=None, repr=False)

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from shopcrm.db import open_database

            self._engine = open_database(str(self.db_path))
        return self._engine

    @property
    def raw(self) -> sqlite3.Connection:
        """A plain sqlite3 connection: the machine's limit for a query."""
        if self._raw is None:
            self._raw = sqlite3.connect(str(self.db_path))
            self._raw.execute("PRAGMA journal_mode=WAL")
        return self._raw

    def session(self) -> Any:
        from sqlalchemy.orm import Session

        return Session(self.engine, expire_on_commit=False)

    def sample_member(self) -> tuple[int, str, str]:
        """A member with visits and a stored-value balance: (id, phone digits, name)."""
        row = self.raw.execute(
            "SELECT m.id, m.phone_digits, m.name FROM members m JOIN wallet_entries w"
            " ON w.member_id = m.id AND w.account = 'stored_value'"
            " WHERE m.status = 'active' AND m.visit_count >= 5"
            " GROUP BY m.id HAVING SUM(w.amount) >= 50000 ORDER BY m.id LIMIT 1").fetchone()
        return int(row[0]), str(row[1]), str(row[2])

    def latest_month(self) -> tuple[int, int]:
        """The last full month of the shop's history."""
        last = self.raw.execute("SELECT MAX(visited_at) FROM visits").fetchone()[0]
        day = datetime.fromisoformat(str(last)).date().replace(day=1)
        return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
        if self._engine is not None:
            self._engine.dispose()


def _ms(seconds: float) -> float:
    return seconds * 1000


# ---------------------------------------------------------------- member search


def _has_fts(raw: sqlite3.Connection) -> bool:
    return raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'member_names_fts'"
                       ).fetchone() is not None


def _search_cases(ctx: Context) -> list[tuple[str, str, str, tuple]]:
    """(title, query, the same look-ups in raw SQL on the best index, params)."""
    from shopcrm.services.members.name_grams import fold
    from shopcrm.services.members.name_index import fts_phrase
    from shopcrm.services.names import name_keys

    _id, phone, name = ctx.sample_member()
    full, initials = name_keys(name)
    card = ctx.raw.execute("SELECT card_no FROM members WHERE card_no IS NOT NULL"
                           " AND status = 'active' ORDER BY id DESC LIMIT 1").fetchone()[0]
    long_name = ctx.raw.execute("SELECT name FROM members WHERE length(name) >= 4"
                                " AND status = 'active' LIMIT 1").fetchone()
    inner = long_name[0][1:4] if long_name else name  # 3 characters not at the start
    given = name[1:] if len(name) >= 3 else name  # the given name: 2 characters
    tail = phone[-4:][::-1]
    upper = tail[:-1] + chr(ord(tail[-1]) + 1)
    prefix = ("SELECT id FROM members INDEXED BY ix_members_name WHERE name >= ? AND name < ?"
              " AND status = 'active'")
    scan = (" UNION SELECT id FROM (SELECT id FROM members WHERE name LIKE '%' || ? || '%'"
            " AND status = 'active' LIMIT 80)")
    fts = (" UNION SELECT id FROM members WHERE status = 'active' AND id IN (SELECT rowid"
           " FROM member_names_fts WHERE member_names_fts MATCH ? LIMIT 80)")
    contains = fts if _has_fts(ctx.raw) else scan
    grams = (" UNION SELECT id FROM members WHERE status = 'active' AND id IN (SELECT member_id"
             " FROM member_name_grams WHERE gram = ? ORDER BY member_id DESC LIMIT 80)")

    def name_case(title: str, query: str) -> tuple[str, str, str, tuple]:
        if len(query) >= 3 and contains is fts:
            return (title, query, prefix + fts, (query, query + "\uffff", fts_phrase(query)))
        if len(query) <= 2:  # 1–2 characters: the gram table (migration 0020)
            return (title, query, prefix + grams, (query, query + "\uffff", fold(query)))
        return (title, query, prefix + scan, (query, query + "\uffff", query))

    return [
        ("member search: phone tail", phone[-4:],
         "SELECT id FROM members INDEXED BY ix_members_phone_rev WHERE phone_rev >= ?"
         " AND phone_rev < ? AND status = 'active' LIMIT 20", (tail, upper)),
        ("member search: card number", card,
         "SELECT id FROM members INDEXED BY ix_members_card_no WHERE card_no >= ?"
         " AND card_no < ? AND status = 'active' LIMIT 20", (card, card + "~")),
        name_case("member search: whole name", name),
        name_case("member search: 3 characters inside a name", inner),
        name_case("member search: given name (2 characters: the gram table)", given),
        ("member search: pinyin", full,
         "SELECT id FROM members INDEXED BY ix_members_name_pinyin WHERE name_pinyin >= ?"
         " AND name_pinyin < ? AND status = 'active' LIMIT 20", (full, full + "~")),
        ("member search: pinyin initials", initials,
         "SELECT id FROM members INDEXED BY ix_members_name_initials WHERE name_initials >= ?"
         " AND name_initials < ? AND status = 'active' LIMIT 20", (initials, initials + "~")),
    ]


def search(ctx: Context) -> list[Figure]:
    from shopcrm.services.members import search_members

    figures = []
    with ctx.session() as session:
        for title, query, sql, params in _search_cases(ctx):
            value = median_time(lambda q=query: search_members(session, q, limit=20),
                                runs=ctx.runs * 3)
            limit = median_time(lambda s=sql, p=params: ctx.raw.execute(s, p).fetchall(),
                                runs=ctx.runs * 3)
            figures.append(Figure(title, "ms", _ms(value), _ms(limit), target=16,
                                  note=f"“{query}”"))
    return figures


# ---------------------------------------------------------------- member card


def member_card(ctx: Context) -> list[Figure]:
    from shopcrm.services.followups import member_open_followups
    from shopcrm.services.members import get_member
    from shopcrm.services.visits import member_visits
    from shopcrm.services.wallet import balances

    member_id, _phone, _name = ctx.sample_member()
    today = date.today()

    def product() -> None:
        with ctx.session() as session:
            get_member(session, member_id)
            member_visits(session, member_id, limit=10)
            balances(session, member_id)
            member_open_followups(session, member_id, today)

    def raw() -> None:
        db = ctx.raw
        db.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
        visits = db.execute("SELECT id, visited_at, total_amount FROM visits WHERE member_id = ?"
                            " ORDER BY visited_at DESC LIMIT 10", (member_id,)).fetchall()
        ids = [v[0] for v in visits]
        db.execute(f"SELECT * FROM visit_lines WHERE visit_id IN ({','.join('?' * len(ids))})",
                   ids).fetchall()
        db.execute(f"SELECT * FROM visit_payments WHERE visit_id IN ({','.join('?' * len(ids))})",
                   ids).fetchall()
        for account in ("stored_value", "points"):
            db.execute("SELECT balance_after FROM wallet_entries WHERE member_id = ? AND account = ?"
                       " ORDER BY seq DESC LIMIT 1", (member_id, account)).fetchone()
        db.execute("SELECT * FROM followups WHERE member_id = ? AND status = 'open'",
                   (member_id,)).fetchall()

    value = median_time(product, runs=ctx.runs * 3)
    limit = median_time(raw, runs=ctx.runs * 3)
    return [Figure("open a member card with its history", "ms", _ms(value), _ms(limit),
                   target=16)]


# ---------------------------------------------------------------- visit save


def visit_save(ctx: Context) -> list[Figure]:
    from shopcrm.db import session_scope
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

    member_id, _phone, _name = ctx.sample_member()
    services = ctx.raw.execute(
        "SELECT id, list_price FROM services WHERE active = 1 ORDER BY list_price LIMIT 2"
    ).fetchall()
    from shopcrm.services.levels.pricing import apply_rate, service_rate

    with ctx.session() as session:  # the member's level prices the lines (issue 16)
        amounts = [apply_rate(Decimal(price) / 100, service_rate(session, member_id, sid))
                   for sid, price in services]
    total = sum(amounts, Decimal("0"))
    draft = VisitDraft(
        member_id=member_id,
        lines=tuple(LineDraft(service_id=sid) for sid, _p in services),
        payments=(PaymentDraft("stored_value", total),),
    )

    def product() -> None:
        with session_scope(ctx.engine, write=True) as session:
            record_visit(session, draft, actor=SYSTEM)

    def raw() -> None:
        db = ctx.raw
        now = datetime.now().isoformat(sep=" ")
        cents = int(total * 100)
        with db:
            db.execute("BEGIN IMMEDIATE") if not db.in_transaction else None
            seq, bal = db.execute(
                "SELECT seq, balance_after FROM wallet_entries WHERE member_id = ? AND"
                " account = 'stored_value' ORDER BY seq DESC LIMIT 1", (member_id,)).fetchone()
            cur = db.execute(
                "INSERT INTO visits (member_id, visited_at, total_list, total_discount,"
                " total_amount, status, note, complaint, created_at, updated_at, void_reason,"
                " version) VALUES (?, ?, ?, 0, ?, 'ok', '', '', ?, ?, '', 1)",
                (member_id, now, cents, cents, now, now))
            visit_id = cur.lastrowid
            for n, (sid, price) in enumerate(services, start=1):
                db.execute("INSERT INTO visit_lines (visit_id, line_no, service_id, item_name,"
                           " quantity, unit_price, discount, amount) VALUES (?, ?, ?, 'x', 1, ?,"
                           " 0, ?)", (visit_id, n, sid, price, price))
            db.execute("INSERT INTO visit_payments (visit_id, method, amount) VALUES (?,"
                       " 'stored_value', ?)", (visit_id, cents))
            db.execute("INSERT INTO wallet_entries (member_id, account, seq, entry_type, amount,"
                       " balance_after, visit_id, reason, created_at) VALUES (?, 'stored_value',"
                       " ?, 'spend', ?, ?, ?, '', ?)",
                       (member_id, seq + 1, -cents, bal - cents, visit_id, now))
            db.execute("UPDATE members SET visit_count = visit_count + 1, lifetime_spend ="
                       " lifetime_spend + ?, last_visit_on = ? WHERE id = ?",
                       (cents, now[:10], member_id))

    # top up enough for every run of both sides
    from shopcrm.services.wallet import topup

    with session_scope(ctx.engine, write=True) as session:
        topup(session, member_id, total * (ctx.runs * 2 + 4) + 100, actor=SYSTEM)
    value = median_time(product, runs=ctx.runs)
    limit = median_time(raw, runs=ctx.runs)
    return [Figure("save a visit (2 lines, stored value)", "ms", _ms(value), _ms(limit),
                   target=16)]


def visit_dialog(ctx: Context) -> list[Figure]:
    """What F2 asks before the first key: the member's level rates (pricing a visit at a
    level) and the service list with the member's usual services first."""
    from shopcrm.services.levels import service_rates
    from shopcrm.services.usual_services import services_for_visit

    member_id, _phone, _name = ctx.sample_member()

    def rates() -> None:
        with ctx.session() as session:
            service_rates(session, member_id)

    def raw_rates() -> None:
        ctx.raw.execute("SELECT l.id, l.discount FROM members m JOIN member_levels l"
                        " ON l.id = m.level_id WHERE m.id = ?", (member_id,)).fetchall()
        ctx.raw.execute("SELECT category_id, discount FROM level_discounts WHERE level_id ="
                        " (SELECT level_id FROM members WHERE id = ?)", (member_id,)).fetchall()
        ctx.raw.execute("SELECT id, category_id, level_floor, no_level_discount FROM services"
                        " WHERE active = 1").fetchall()

    def usual() -> None:
        with ctx.session() as session:
            services_for_visit(session, member_id, "", limit=12)

    def raw_usual() -> None:
        ctx.raw.execute(
            "SELECT service_id, count(*), max(visit_id) FROM visit_lines WHERE visit_id IN"
            " (SELECT id FROM visits WHERE member_id = ? AND status = 'ok'"
            " ORDER BY visited_at DESC LIMIT 20) AND service_id IS NOT NULL"
            " GROUP BY service_id", (member_id,)).fetchall()
        ctx.raw.execute("SELECT s.id, s.name, c.name FROM services s LEFT JOIN"
                        " service_categories c ON c.id = s.category_id WHERE s.active = 1"
                        " ORDER BY c.sort_order, s.name").fetchall()

    runs = ctx.runs * 3
    return [Figure("pricing a visit at a level (the member's rates)", "ms",
                   _ms(median_time(rates, runs=runs)), _ms(median_time(raw_rates, runs=runs)),
                   target=16),
            Figure("the visit's service list, the usual first", "ms",
                   _ms(median_time(usual, runs=runs)), _ms(median_time(raw_usual, runs=runs)),
                   target=16)]


# ---------------------------------------------------------------- follow-ups


def followups_today(ctx: Context) -> list[Figure]:
    from shopcrm.services.followups import due_count, due_list
    from shopcrm.services.followups.day import day_list, day_totals

    today = date.today()

    def product() -> None:
        with ctx.session() as session:
            due_list(session, today, "zh")

    def raw() -> None:
        ctx.raw.execute(
            "SELECT f.id, f.due_date, f.detail, m.name, m.phone, r.kind, r.template_zh"
            " FROM followups f JOIN members m ON m.id = f.member_id"
            " JOIN followup_rules r ON r.id = f.rule_id"
            " WHERE f.status = 'open' AND f.due_date <= ?"
            " AND (f.snoozed_until IS NULL OR f.snoozed_until <= ?)",
            (today.isoformat(), today.isoformat())).fetchall()

    def first_page() -> None:  # what the Follow-ups screen asks, and the text of its rows
        with ctx.session() as session:
            listing = day_list(session, today, today, "zh")
        for member in listing.members:
            (member.member_name, member.phone, member.reasons("zh"),
             member.first.message.replace("\n", " "),
             "\n".join(f"{i.rule_name}: {i.reason}" for i in member.items))

    def figures() -> None:  # the screen's second read: the day's true counts
        with ctx.session() as session:
            day_totals(session, today)

    def counter_count() -> None:  # the counter's figure at start-up
        with ctx.session() as session:
            due_count(session, today)

    with ctx.session() as session:
        count = due_count(session, today)
        shown = len(day_list(session, today, today, "zh").members)
        members = day_totals(session, today).members
    value = median_time(product, runs=ctx.runs)
    page = median_time(first_page, runs=ctx.runs)
    totals = median_time(figures, runs=ctx.runs)
    counted = median_time(counter_count, runs=ctx.runs)
    limit = median_time(raw, runs=ctx.runs)
    return [Figure("today's follow-ups", "ms", _ms(value), _ms(limit), target=200,
                   note=f"{count} items"),
            Figure("today's follow-ups: first page", "ms", _ms(page), _ms(limit), target=16,
                   note=f"{shown} of {members} members ({count} items)"),
            Figure("today's follow-ups: the day's counts", "ms", _ms(totals), _ms(limit),
                   note="members per group, in the background"),
            Figure("counter: follow-ups due (start-up)", "ms", _ms(counted), _ms(limit),
                   note=f"{count}")]


# ---------------------------------------------------------------- the owner's month


def monthly_report(ctx: Context) -> list[Figure]:
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.reports import monthly_report as report

    year, month = ctx.latest_month()

    def product() -> None:
        with ctx.session() as session:
            report(session, year, month, "zh", actor=SYSTEM)

    def raw() -> None:  # every figure the report shows, class counts' inputs included
        month_bench.raw_month_report(ctx.raw, year, month)

    runs = max(1, ctx.runs // 2)
    value = median_time(product, runs=runs)
    limit = median_time(raw, runs=runs)
    return [Figure("monthly report figures", "s", value, limit, target=round(min(1, 2 * limit), 3),
                   note=f"{year}-{month:02d}; target ≤ 1 s and ≤ 2× the limit")]


# Peak resident memory of this process. ru_maxrss survives execve on Linux (a child would
# report its parent's peak), so read the address space's high-water mark instead.
_PEAK = """
def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_EXPORT_CHILD = _PEAK + """
import json, sys, time
sys.path.insert(0, {root!r})
from datetime import date
from sqlalchemy.orm import Session
from shopcrm.db import open_database
from shopcrm.services.auth import SYSTEM
from shopcrm.services.excel import export_month_workbook
engine = open_database({db!r})
t = time.perf_counter()
with Session(engine) as session:
    export_month_workbook(session, {year}, {month}, {out!r}, "zh", actor=SYSTEM)
print(json.dumps({{"s": time.perf_counter() - t, "mb": peak_mb()}}))
"""

_EXPORT_LIMIT_CHILD = _PEAK + """
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from benchmarks.report_probe import limit_export
from shopcrm.db import make_engine, session_scope
with session_scope(make_engine({db!r})) as session:
    seconds, rows = limit_export(session, {year}, {month}, Path({out!r}), {writer!r})
print(json.dumps({{"s": seconds, "rows": rows, "mb": peak_mb()}}))
"""


def month_export(ctx: Context) -> list[Figure]:
    """The product's workbook against the same Ledger and Members rows written by xlsxwriter
    in constant-memory mode (the limit), and by openpyxl write-only (informative)."""
    import statistics

    from benchmarks.harness import ROOT

    year, month = ctx.latest_month()
    out = str(TMP / "shopcrm-bench-month.xlsx")
    runs = max(1, ctx.runs // 3)

    def median(code: str) -> dict[str, float]:  # minutes each at full size on a busy machine
        results = [run_child(code, timeout=1800) for _ in range(runs)]
        return {key: statistics.median(r[key] for r in results) for key in results[0]}

    product = median(_EXPORT_CHILD.format(root=str(ROOT), db=str(ctx.db_path), year=year,
                                          month=month, out=out))
    limits = {
        writer: median(_EXPORT_LIMIT_CHILD.format(
            root=str(ROOT), db=str(ctx.db_path), year=year, month=month, out=out, writer=writer))
        for writer in ("xlsxwriter", "openpyxl")
    }
    limit, slow = limits["xlsxwriter"], limits["openpyxl"]
    Path(out).unlink(missing_ok=True)
    return [
        Figure("Excel export of the month", "s", product["s"], limit["s"],
               target=round(1.2 * limit["s"], 2),
               note=f"{int(limit['rows'])} ledger and member rows; limit: the same sheets by "
                    "xlsxwriter, constant memory"),
        Figure("Excel export of the month against openpyxl", "s", product["s"], slow["s"],
               note="informative: the same sheets by openpyxl write-only"),
        Figure("Excel export of the month: peak memory", "MB", product["mb"], limit["mb"],
               target=400),
    ]


# ---------------------------------------------------------------- bulk work (issue 11)


def _empty_shop(name: str) -> Path:
    from shopcrm.db import open_database

    path = TMP / f"shopcrm-bench-{name}.db"
    for old in TMP.glob(path.name + "*"):
        old.unlink()
    open_database(str(path)).dispose()
    return path


def _member_rows(count: int) -> list[list[str]]:
    import random

    from shopcrm.services.demo import SURNAMES
    from shopcrm.services.demo_data import GIVEN_FEMALE

    rng = random.Random(11)
    rows = []
    for n in range(count):
        name = SURNAMES(rng) + rng.choice(GIVEN_FEMALE) + rng.choice(GIVEN_FEMALE)
        phone = f"139{n:08d}"
        rows.append([name, phone, f"{rng.randint(1960, 2005)}-{rng.randint(1, 12):02d}-"
                     f"{rng.randint(1, 28):02d}", "金卡" if n % 7 == 0 else "普通会员",
                     "老顾客" if n % 5 == 0 else ""])
    return rows


def member_import(ctx: Context) -> list[Figure]:
    import time

    from sqlalchemy.orm import Session

    from shopcrm.db import open_database
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.members import import_members
    from shopcrm.services.names import name_keys

    rows = _member_rows(ctx.import_members)
    source = TMP / "shopcrm-bench-members.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "手机", "生日", "等级", "备注"])
        writer.writerows(rows)
    target = _empty_shop("import")
    engine = open_database(str(target))
    started = time.perf_counter()
    with Session(engine) as session:
        result = import_members(session, source, actor=SYSTEM)
        session.commit()
    value = time.perf_counter() - started
    engine.dispose()
    assert result.created == len(rows), result

    raw_target = _empty_shop("import-raw")
    db = sqlite3.connect(str(raw_target))
    started = time.perf_counter()
    with db:
        db.executemany(
            "INSERT INTO members (name, name_pinyin, name_initials, phone, phone_digits,"
            " phone_rev, gender, birthday_kind, birth_year, birth_month, birth_day, birth_leap,"
            " level, join_date, source, notes, consent_marketing, profile, status, visit_count,"
            " lifetime_spend, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, '',"
            " 'solar', ?, ?, ?, 0, ?, ?, '', ?, 1, '{}', 'active', 0, 0, ?, ?, 1)",
            [(name, *name_keys(name), "+86" + phone, phone, phone[::-1], int(bday[:4]),
              int(bday[5:7]), int(bday[8:]), level, date.today().isoformat(), note,
              datetime.now().isoformat(sep=" "), datetime.now().isoformat(sep=" "))
             for name, phone, bday, level, note in rows])
    limit = time.perf_counter() - started
    db.close()
    return [Figure(f"member import ({len(rows):,} rows, CSV)", "s", value, limit,
                   target=10 if len(rows) == 10_000 else None, note="once")]


def visit_import(ctx: Context) -> list[Figure]:
    import random
    import time

    from sqlalchemy.orm import Session

    from shopcrm.db import open_database
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.visit_import import import_visits

    phones = [p for (p,) in ctx.raw.execute(
        "SELECT phone_digits FROM members WHERE status = 'active' LIMIT 20000")]
    services = [n for (n,) in ctx.raw.execute("SELECT name FROM services WHERE active = 1")]
    staff = [n for (n,) in ctx.raw.execute("SELECT name FROM staff")]
    rng = random.Random(5)
    rows = []
    for n in range(ctx.import_visits):
        day = date(2020, 1, 1).toordinal() + n // 60
        rows.append([rng.choice(phones), date.fromordinal(day).isoformat() +
                     f" {10 + n % 10}:{n % 60:02d}", rng.choice(services),
                     f"{rng.randint(30, 400)}.00", rng.choice(staff),
                     rng.choice(["现金", "微信", "刷卡"])])
    source = TMP / "shopcrm-bench-visits.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["手机", "日期", "项目", "金额", "员工", "支付方式"])
        writer.writerows(rows)
    target = TMP / "shopcrm-bench-vimport.db"
    shutil_copy(ctx.db_path, target)
    engine = open_database(str(target))
    started = time.perf_counter()
    with Session(engine) as session:
        result = import_visits(session, source, actor=SYSTEM)
        session.commit()
    value = time.perf_counter() - started
    engine.dispose()

    db = sqlite3.connect(str(target))
    ids = dict(db.execute("SELECT phone_digits, id FROM members"))
    started = time.perf_counter()
    with db:
        first = (db.execute("SELECT MAX(id) FROM visits").fetchone()[0] or 0) + 1
        db.executemany(
            "INSERT INTO visits (id, member_id, visited_at, total_list, total_discount,"
            " total_amount, status, note, complaint, created_at, updated_at, void_reason,"
            " version) VALUES (?, ?, ?, ?, 0, ?, 'ok', '', '', ?, ?, '', 1)",
            [(first + n, ids[r[0]], r[1], int(float(r[3]) * 100), int(float(r[3]) * 100),
              r[1], r[1]) for n, r in enumerate(rows)])
        db.executemany(
            "INSERT INTO visit_lines (visit_id, line_no, item_name, quantity, unit_price,"
            " discount, amount) VALUES (?, 1, ?, 1, ?, 0, ?)",
            [(first + n, r[2], int(float(r[3]) * 100), int(float(r[3]) * 100))
             for n, r in enumerate(rows)])
    limit = time.perf_counter() - started
    db.close()
    for old in TMP.glob(target.name + "*"):
        old.unlink()
    return [Figure(f"visit import ({len(rows):,} rows, CSV)", "s", value, limit,
                   target=60 if len(rows) == 100_000 else None,
                   note=f"once; {result.visits_created:,} visits")]


def member_export(ctx: Context) -> list[Figure]:
    """The member list export against the same members' rows, fetched beforehand, written
    by xlsxwriter in constant-memory mode (the limit) and by openpyxl write-only
    (informative)."""
    import time

    from openpyxl import Workbook

    from benchmarks.report_probe import write_rows_xlsxwriter
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.members import export_members

    out = TMP / "shopcrm-bench-members.xlsx"
    started = time.perf_counter()
    with ctx.session() as session:
        count = export_members(session, out, actor=SYSTEM)
    value = time.perf_counter() - started
    rows = [tuple(r) for r in ctx.raw.execute(
        "SELECT name, phone, card_no, gender, birthday_kind, birth_year, birth_month,"
        " birth_day, level, date(join_date), source, notes, consent_marketing, profile, status"
        " FROM members WHERE status IN ('active', 'archived')").fetchall()]
    rows = [r[:9] + (date.fromisoformat(r[9]) if r[9] else None,) + r[10:] for r in rows]
    started = time.perf_counter()
    write_rows_xlsxwriter([rows], out)
    limit = time.perf_counter() - started
    started = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Members")
    for row in rows:
        ws.append(list(row))
    wb.save(str(out))
    slow = time.perf_counter() - started
    out.unlink()
    return [Figure(f"member export ({count:,} members)", "s", value, limit,
                   target=round(1.2 * limit, 2),
                   note="once; limit: the same members' rows by xlsxwriter, constant memory"),
            Figure("member export against openpyxl", "s", value, slow,
                   note="informative: the same rows by openpyxl write-only")]


# ---------------------------------------------------------------- the desktop app

_EMPTY_WINDOW_CHILD = _PEAK + """
import json, os, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
app.processEvents()
print(json.dumps({{"s": time.time() - float(os.environ["T0"]), "mb": peak_mb()}}))
"""


def _timed_child(code: str, runs: int) -> dict[str, float]:
    import statistics
    import time

    results = [run_child(code, env={"T0": repr(time.time())}) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


HEAVY_AT_START = ("numpy", "scipy", "matplotlib", "openpyxl", "pypinyin", "alembic")


def installed(script_name: str, module: str) -> list[str]:
    """How a user starts a command: the installed script when it runs this interpreter,
    else ``python -m module`` (the same entry point; a copied venv's scripts run another)."""
    import sys

    script = Path(sys.executable).with_name(script_name)
    if script.exists():
        first = script.read_text(encoding="utf-8", errors="replace").splitlines()[:1]
        if first and first[0].removeprefix("#!").strip() == sys.executable:
            return [str(script)]
    return [sys.executable, "-m", module]


def app_command() -> list[str]:
    """``shopcrm-app`` (or ``python -m shopcrm.ui``): the desktop app's entry point."""
    return installed("shopcrm-app", "shopcrm.ui")


def _app_start(db_path: Path) -> dict[str, Any]:
    """One start of the app the user's way, to the counter's search box having the keys."""
    import json
    import os
    import subprocess
    import time

    from benchmarks.harness import ROOT

    probe = TMP / f"shopcrm-probe-{os.getpid()}.json"
    probe.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SHOPCRM_STARTUP_PROBE=str(probe),
               PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed: compiled (see cold_start)
    started = time.time()
    subprocess.run([*app_command(), "--db", str(db_path)], check=True, capture_output=True,
                   env=env, timeout=300, cwd=ROOT)
    data = json.loads(probe.read_text(encoding="utf-8"))
    probe.unlink()
    if data["focus"] != "searchBox":
        raise RuntimeError(f"the counter's search box did not have the keys: {data['focus']!r}")
    heavy = [m for m in HEAVY_AT_START if m in data["modules"]]
    ready = data.get("ready", data["usable"])  # the main window with the shop's data layers
    return {"s": data["usable"] - started, "ready_s": ready - started, "mb": data["rss_mb"],
            "heavy": len(heavy)}


def _compile_shopcrm() -> None:
    """Bytecode for ShopCRM's modules, as an installed copy has (pip compiles them): with
    PYTHONDONTWRITEBYTECODE in the shell, every start would compile about 600 modules from
    source (0.4–0.8 s here), which no user's start does; the limits' modules have theirs."""
    import compileall

    from benchmarks.harness import ROOT

    compileall.compile_dir(str(ROOT / "shopcrm"), quiet=1)


def cold_start(ctx: Context) -> list[Figure]:
    """The app started as a user starts it, beside an empty PySide6 window, taking turns."""
    import statistics
    import time

    _compile_shopcrm()
    app_runs: list[dict[str, Any]] = []
    empty_runs: list[dict[str, Any]] = []
    for _ in range(ctx.runs):
        app_runs.append(_app_start(ctx.db_path))
        empty_runs.append(run_child(_EMPTY_WINDOW_CHILD.format(), env={"T0": repr(time.time())}))

    def med(runs: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    empty_s, empty_mb = med(empty_runs, "s"), med(empty_runs, "mb")
    heavy = max(r["heavy"] for r in app_runs)
    return [Figure("cold start to a usable counter", "s", med(app_runs, "s"), empty_s,
                   target=round(3 * empty_s, 2),
                   note="`python -m shopcrm.ui`; limit: an empty PySide6 window; target 3×"),
            Figure("cold start to the counter's first search (database open)", "s",
                   med(app_runs, "ready_s"), empty_s,
                   note="the main window replaced the start-up shell; keys typed before are kept"),
            Figure("memory after start", "MB", med(app_runs, "mb"), empty_mb, target=150,
                   note=f"heavy modules loaded at start: {heavy}")]


# ---------------------------------------------------------------- the command line


def _wall_times(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command, the commands taking turns run after run."""
    import os
    import statistics
    import subprocess
    import time

    env = dict(os.environ, SHOPCRM_LANG="en")
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs + 1):  # the first round warms the disk cache and is dropped
        for i, command in enumerate(commands):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            times[i].append(time.perf_counter() - started)
    return [statistics.median(t[1:]) for t in times]


def cli_find(ctx: Context) -> list[Figure]:
    """`shopcrm find <4 digits>` as a user types it (the installed script) beside a bare
    interpreter importing sqlalchemy and click: what any such command pays to start."""
    import sys

    shopcrm = installed("shopcrm", "shopcrm")
    _id, digits, _name = ctx.sample_member()
    find = [*shopcrm, "--db", str(ctx.db_path), "find", digits[-4:]]
    bare = [sys.executable, "-c", "import sqlalchemy, click"]
    _compile_shopcrm()  # as installed; and the children may read it (see _compile_shopcrm)
    import os

    saved = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        value, limit = _wall_times([find, bare], ctx.runs)
    finally:
        if saved is not None:
            os.environ["PYTHONDONTWRITEBYTECODE"] = saved
    return [Figure("CLI: shopcrm find (4 phone digits)", "s", value, limit, target=round(3 * limit, 2),
                   note="limit: python -c 'import sqlalchemy, click'; target 3× the limit")]


def shutil_copy(source: Path, target: Path) -> None:
    """`source` copied to `target` by SQLite's backup API, never by reading the file: closing
    any file descriptor of a database file drops every POSIX lock this process holds on it
    (SQLite's own connections included), and another process then believed itself the last
    connection and deleted the -shm file under this one (benchmarks/README.md, round 3)."""
    for old in target.parent.glob(target.name + "*"):
        old.unlink()
    src, dst = sqlite3.connect(str(source)), sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


ALL: list[tuple[str, Callable[[Context], list[Figure]]]] = [
    ("search", search),
    ("member_card", member_card),
    ("visit_save", visit_save),
    ("visit_dialog", visit_dialog),
    ("followups", followups_today),
    ("report", monthly_report),
    ("analytics", month_bench.analytics_pass),
    ("commission", month_bench.commission_month),
    ("export", month_export),
    ("member_import", member_import),
    ("visit_import", visit_import),
    ("member_export", member_export),
    ("cold_start", cold_start),
    ("cli_find", cli_find),
    # Last: the app and the child processes above and here write the work copy while this
    # process holds connections to it (see shutil_copy for how that once damaged it).
    ("bookings_day", bookings_bench.day_view),
]

__all__ = ["ALL", "Context", "run_child", "threading"]
