"""Visit import, phases 3 and 4: group parsed rows into visits, skip the visits already
imported (by `source_ref`), bulk-insert visits, lines and payments, refresh member figures."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import define
from ...models import VISIT_OK, Visit, VisitLine, VisitPayment
from ...models.money import KIND_VISIT_PAYMENT
from ..auth import Actor
from ..money import ledger
from ..visits.stats import refresh_member_stats
from . import fields as F
from .job import ImportJob, Row, chunks

INSERT_CHUNK = 5000
NO_ITEM = "—"

R_SERVICE = define(
    "visit_import.row.service", en="unknown service “{value}”", zh="未知的服务项目“{value}”"
)
R_STAFF = define(
    "visit_import.row.staff", en="unknown staff member “{value}”", zh="未知的员工“{value}”"
)
R_GROUP = define(
    "visit_import.row.group",
    en="not imported: another row of the same visit failed (row {first})",
    zh="未导入：同一次消费的另一行有错误（第 {first} 行）",
)
R_GROUP_MEMBER = define(
    "visit_import.row.group_member",
    en="rows of receipt “{value}” name different members",
    zh="单号“{value}”的各行属于不同会员",
)


# --- phase 3: grouping --------------------------------------------------------------------


@dataclass
class Group:
    member_id: int | None
    rows: list[Row]
    source_ref: str = ""


def group_rows(
    job: ImportJob,
    rows: list[tuple[Row, int | None]],
    services: dict[str, int],
    staff: dict[str, int],
) -> list[Group]:
    groups: dict[tuple[Any, ...], Group] = {}
    for row, member_id in rows:
        if row[12]:
            key: tuple[Any, ...] = ("ref", row[12])
        elif member_id is not None:
            key = ("member", member_id, row[3])
        else:
            key = ("row", row[0])
        group = groups.get(key)
        if group is None:
            groups[key] = Group(member_id, [row])
        elif group.member_id != member_id:
            group.member_id = -1  # mixed members on one receipt: reported below
            group.rows.append(row)
        else:
            group.rows.append(row)
    good: list[Group] = []
    for group in groups.values():
        bad = _check_group(job, group, services, staff)
        if bad:
            first = min(bad)
            for row in group.rows:
                if row[0] not in bad:
                    job.problem(row[0], R_GROUP, first=first)
            continue
        group.source_ref = _source_ref(group)
        good.append(group)
    return good


def _check_group(
    job: ImportJob, group: Group, services: dict[str, int], staff: dict[str, int]
) -> set[int]:
    bad: set[int] = set()
    for row in group.rows:
        if group.member_id == -1:
            job.problem(row[0], R_GROUP_MEMBER, value=row[12])
            bad.add(row[0])
        elif row[4] and row[4] not in services:
            job.problem(row[0], R_SERVICE, value=row[5])
            bad.add(row[0])
        elif row[8] and row[8] not in staff:
            job.problem(row[0], R_STAFF, value=row[9])
            bad.add(row[0])
    return bad


def _source_ref(group: Group) -> str:
    """Hash of the visit's normalised content: the same rows give the same reference."""
    when = min(r[3] for r in group.rows)
    parts = sorted(f"{r[4]}|{r[6]}|{r[7]}|{r[8]}|{r[10]}|{r[11]}|{r[12]}" for r in group.rows)
    text = "\n".join([f"v1|{group.member_id}|{when.isoformat()}", *parts])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- phase 4: write -----------------------------------------------------------------------

_VISIT_COLUMNS = (
    "member_id",
    "visited_at",
    "total_list",
    "total_discount",
    "total_amount",
    "status",
    "note",
    "satisfaction",
    "complaint",
    "party_size",
    "created_by_id",
    "created_at",
    "updated_at",
    "voided_at",
    "voided_by_id",
    "void_reason",
    "replaces_id",
    "source_ref",
    "version",
)
_LINE_COLUMNS = (
    "visit_id",
    "line_no",
    "service_id",
    "item_name",
    "quantity",
    "unit_price",
    "discount",
    "amount",
    "staff_id",
)
_PAY_COLUMNS = ("visit_id", "method", "amount")
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _bulk_insert(
    session: Session, table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert `rows` (values in `columns` order) with one executemany straight through the
    driver: each value is converted by its column's own bind processor (cents, timestamps),
    as a Core insert would, without the Core insert's per-row parameter handling (most of
    an import's time at 100,000 rows). Every column is given, so no default is skipped."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    mark = _MARKS.get(dialect.paramstyle)
    if mark is None:  # a driver we have not measured: the Core insert
        session.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    convert = [
        (i, proc)
        for i, name in enumerate(columns)
        if (proc := table.c[name].type.bind_processor(dialect)) is not None
    ]
    if convert:
        converted = []
        for row in rows:
            values = list(row)
            for i, proc in convert:
                values[i] = proc(values[i])
            converted.append(tuple(values))
        rows = converted
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    conn.exec_driver_sql(sql, rows)


def write_visits(
    job: ImportJob,
    groups: list[Group],
    services: dict[str, int],
    staff: dict[str, int],
    actor: Actor,
) -> None:
    session = job.session
    existing: set[str] = set()
    for chunk in chunks(g.source_ref for g in groups):
        existing.update(
            session.scalars(select(Visit.source_ref).where(Visit.source_ref.in_(chunk)))
        )
    fresh = [g for g in groups if g.source_ref not in existing]
    job.result.rows_already_imported = sum(len(g.rows) for g in groups) - sum(
        len(g.rows) for g in fresh
    )
    now = clock.now()
    created_by = actor.staff_id if actor else None
    touched: set[int] = set()
    visit_table, line_table, pay_table = (
        Visit.__table__,
        VisitLine.__table__,
        VisitPayment.__table__,
    )
    zero = Decimal("0.00")
    done = 0
    for start in range(0, len(fresh), INSERT_CHUNK):
        job.check_cancel()
        batch = fresh[start : start + INSERT_CHUNK]
        visit_rows = []
        for g in batch:
            total = sum((r[7] for r in g.rows), zero)
            note = "; ".join(dict.fromkeys(r[11] for r in g.rows if r[11]))
            visit_rows.append(
                (g.member_id, min(r[3] for r in g.rows), total, total, note, g.source_ref)
            )
        # A plain executemany (RETURNING with guaranteed order degrades to one statement
        # per row on SQLite), then the new ids by their unique source_ref.
        _bulk_insert(
            session,
            visit_table,
            _VISIT_COLUMNS,
            [
                (
                    mid,
                    when,
                    total,
                    zero,
                    amount,
                    VISIT_OK,
                    note,
                    None,
                    "",
                    None,
                    created_by,
                    now,
                    now,
                    None,
                    None,
                    "",
                    None,
                    ref,
                    1,
                )
                for mid, when, total, amount, note, ref in visit_rows
            ],
        )
        by_ref: dict[str, int] = {}
        for refs in chunks(g.source_ref for g in batch):
            by_ref.update(
                session.execute(
                    select(visit_table.c.source_ref, visit_table.c.id).where(
                        visit_table.c.source_ref.in_(refs)
                    )
                ).all()
            )
        ids = [by_ref[g.source_ref] for g in batch]
        lines, pays = [], []
        for visit_id, g in zip(ids, batch, strict=True):
            per_method: dict[str, Decimal] = defaultdict(Decimal)
            for n, r in enumerate(sorted(g.rows, key=lambda r: r[0]), start=1):
                unit = (r[7] / r[6]).quantize(F.CENT, rounding=ROUND_CEILING)
                lines.append(
                    (
                        visit_id,
                        n,
                        services.get(r[4]) if r[4] else None,
                        (r[5] or NO_ITEM)[:120],
                        r[6],
                        unit,
                        unit * r[6] - r[7],
                        r[7],
                        staff.get(r[8]) if r[8] else None,
                    )
                )
                per_method[r[10]] += r[7]
            pays.extend((visit_id, m, a) for m, a in per_method.items() if a > 0)
            if g.member_id is not None:
                touched.add(g.member_id)
        _bulk_insert(session, line_table, _LINE_COLUMNS, lines)
        _bulk_insert(session, pay_table, _PAY_COLUMNS, pays)
        # the money ledger: each payment booked on its visit's day (a closed month's become
        # prior-period adjustments); historic stored value draws no parts (the wallet is
        # left alone), so its bonus share is 0
        whens = {
            vid: (g.member_id, row[1]) for vid, g, row in zip(ids, batch, visit_rows, strict=True)
        }
        ledger.post_batch(
            session,
            [
                {
                    "occurred_at": whens[vid][1],
                    "kind": KIND_VISIT_PAYMENT,
                    "method": method,
                    "amount": amount,
                    "member_id": whens[vid][0],
                    "visit_id": vid,
                    "staff_id": created_by,
                }
                for vid, method, amount in pays
            ],
        )
        job.result.visits_created += len(batch)
        job.result.lines_created += len(lines)
        job.result.rows_imported += sum(len(g.rows) for g in batch)
        done += len(batch)
        job.progress(0.6 + 0.3 * done / max(len(fresh), 1), f"{done} visits")
    job.check_cancel()
    job.progress(0.92, "member figures")
    refresh_member_stats(session, touched)
    job.result.members_touched = len(touched)
