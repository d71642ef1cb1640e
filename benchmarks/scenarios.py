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

from benchmarks.harness import Figure, median_child, median_time, run_child

TMP = Path(tempfile.gettempdir())


@dataclass
class Context:
    db_path: Path
    runs: int
    members: int
    visits: int
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


def search(ctx: Context) -> list[Figure]:
    from shopcrm.services.members import search_members

    _id, phone, name = ctx.sample_member()
    from shopcrm.services.names import name_keys

    full, initials = name_keys(name)
    tail = phone[-4:][::-1]
    upper = tail[:-1] + chr(ord(tail[-1]) + 1)
    cases = [
        ("member search: phone tail", phone[-4:],
         "SELECT id FROM members WHERE phone_rev >= ? AND phone_rev < ? AND status = 'active'"
         " ORDER BY last_visit_on DESC LIMIT 20", (tail, upper)),
        ("member search: name", name,
         "SELECT id FROM members WHERE name >= ? AND name < ? AND status = 'active' LIMIT 20",
         (name, name + "\uffff")),
        ("member search: pinyin initials", initials,
         "SELECT id FROM members WHERE name_initials >= ? AND name_initials < ?"
         " AND status = 'active' LIMIT 20", (initials, initials + "~")),
    ]
    figures = []
    with ctx.session() as session:
        for title, query, sql, params in cases:
            value = median_time(lambda q=query: search_members(session, q, limit=20),
                                runs=ctx.runs * 3)
            limit = median_time(lambda s=sql, p=params: ctx.raw.execute(s, p).fetchall(),
                                runs=ctx.runs * 3)
            figures.append(Figure(title, "ms", _ms(value), _ms(limit), target=20,
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
    return [Figure("open a member card with its history", "ms", _ms(value), _ms(limit))]


# ---------------------------------------------------------------- visit save


def visit_save(ctx: Context) -> list[Figure]:
    from shopcrm.db import session_scope
    from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

    member_id, _phone, _name = ctx.sample_member()
    services = ctx.raw.execute(
        "SELECT id, list_price FROM services WHERE active = 1 ORDER BY list_price LIMIT 2"
    ).fetchall()
    total = Decimal(sum(price for _id, price in services)) / 100
    draft = VisitDraft(
        member_id=member_id,
        lines=tuple(LineDraft(service_id=sid) for sid, _p in services),
        payments=(PaymentDraft("stored_value", total),),
    )

    def product() -> None:
        with session_scope(ctx.engine, write=True) as session:
            record_visit(session, draft)

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
        topup(session, member_id, total * (ctx.runs * 2 + 4) + 100)
    value = median_time(product, runs=ctx.runs)
    limit = median_time(raw, runs=ctx.runs)
    return [Figure("save a visit (2 lines, stored value)", "ms", _ms(value), _ms(limit),
                   target=50)]


# ---------------------------------------------------------------- follow-ups


def followups_today(ctx: Context) -> list[Figure]:
    from shopcrm.services.followups import due_list

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

    with ctx.session() as session:
        count = len(due_list(session, today, "zh"))
    value = median_time(product, runs=ctx.runs)
    limit = median_time(raw, runs=ctx.runs)
    return [Figure("today's follow-ups", "ms", _ms(value), _ms(limit), target=200,
                   note=f"{count} items")]


ALL: list[tuple[str, Callable[[Context], list[Figure]]]] = [
    ("search", search),
    ("member_card", member_card),
    ("visit_save", visit_save),
    ("followups", followups_today),
]

__all__ = ["ALL", "Context", "Decimal", "csv", "date", "median_child", "run_child",
           "threading"]
