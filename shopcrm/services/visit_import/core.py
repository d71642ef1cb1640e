"""Importing visit history from a spreadsheet, in one transaction, at shop scale.

Phases: stream and parse every row (keeping a compact tuple per good row), look members,
services and staff up set-based, group rows into visits, skip visits already imported
(`visits.source_ref`), then bulk-insert visits, lines and payments and refresh the touched
members' figures in one statement per 500 members. Every row either lands or is reported
with its row number and a reason. The caller commits (or rolls back for a dry run); a
cancel raises before anything is committed, so the database stays as it was.

Rules (see docs/visits-and-wallet.md): rows of one visit share a receipt number when the
file has that column, otherwise the same member and the same date-time; a walk-in row (no
phone, no card) is a visit of its own. The row amount is the line amount. Historic visits
paid by stored value or points do not touch the wallet.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define, translate
from ...models import (
    MEMBER_ACTIVE,
    MEMBER_ERASED,
    VISIT_OK,
    Member,
    Service,
    Staff,
    Visit,
    VisitLine,
    VisitPayment,
)
from ...models.base import utcnow
from ...models.money import KIND_VISIT_PAYMENT
from .. import audit
from ..auth import Actor, require_owner
from ..catalog import normalize_name, service_pinyin
from ..money import ledger
from ..phones import normalize_phone
from ..visits.stats import refresh_member_stats
from . import fields as F
from .source import open_source

Progress = Callable[[float, str], None]
IN_CHUNK = 500
INSERT_CHUNK = 5000
NO_ITEM = "—"

E_CANCELLED = define(
    "visit_import.cancelled",
    en="Import cancelled; nothing was changed.",
    zh="已取消导入，数据未做任何更改。",
)
E_NO_HEADER = define(
    "visit_import.no_header",
    en="No header row with a date and an amount column was found (e.g. 日期, 金额 / date, amount).",
    zh="未找到包含日期和金额列的表头（例如：日期、金额 / date、amount）。",
)
R_DATE = define(
    "visit_import.row.date", en="date “{value}” not understood", zh="无法识别日期“{value}”"
)
R_AMOUNT = define(
    "visit_import.row.amount", en="amount “{value}” not understood", zh="无法识别金额“{value}”"
)
R_QTY = define(
    "visit_import.row.quantity", en="quantity “{value}” not understood", zh="无法识别数量“{value}”"
)
R_PAYMENT = define(
    "visit_import.row.payment",
    en="payment method “{value}” not understood",
    zh="无法识别付款方式“{value}”",
)
R_PHONE = define(
    "visit_import.row.phone",
    en="phone “{value}” is not a phone number",
    zh="“{value}”不是有效的电话号码",
)
R_NO_MEMBER = define(
    "visit_import.row.no_member",
    en="no member with {what} “{value}”",
    zh="没有{what}为“{value}”的会员",
)
R_AMBIGUOUS = define(
    "visit_import.row.ambiguous",
    en="several members have {what} “{value}”",
    zh="多位会员的{what}都是“{value}”",
)
R_CONFLICT = define(
    "visit_import.row.conflict",
    en="phone and card number belong to different members",
    zh="手机号与卡号属于不同的会员",
)
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
W_NO_PAYMENT = define(
    "visit_import.warn.no_payment",
    en="{count} rows had no payment method and were counted as cash",
    zh="{count} 行没有付款方式，已按现金计",
)
WHAT = {
    "phone": define("visit_import.what.phone", en="phone", zh="手机号"),
    "card": define("visit_import.what.card", en="card number", zh="卡号"),
}


@dataclass(frozen=True)
class RowProblem:
    row: int
    msg_id: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return translate(self.msg_id, lang, **dict(self.params))


@dataclass
class ImportResult:
    rows_read: int = 0
    rows_imported: int = 0
    rows_already_imported: int = 0
    visits_created: int = 0
    lines_created: int = 0
    members_touched: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    created_services: list[str] = field(default_factory=list)
    created_staff: list[str] = field(default_factory=list)
    missing_services: dict[str, int] = field(default_factory=dict)
    missing_staff: dict[str, int] = field(default_factory=dict)
    rows_without_payment: int = 0
    seconds: float = 0.0

    @property
    def rows_failed(self) -> int:
        return len(self.problems)

    def warnings(self, lang: str | None = None) -> list[str]:
        if not self.rows_without_payment:
            return []
        return [translate(W_NO_PAYMENT, lang, count=self.rows_without_payment)]


# A parsed row: (row_no, phone_e164, card, visited_at, service_key, service_name, quantity,
#                amount, staff_key, staff_name, method, note, ref)
Row = tuple[int, str | None, str | None, datetime, str, str, int, Decimal, str, str, str, str, str]


class _Job:
    def __init__(
        self, session: Session, progress: Progress | None, cancel: threading.Event | None
    ) -> None:
        self.session, self.cancel = session, cancel
        self.progress = progress or (lambda fraction, message: None)
        self.result = ImportResult()
        self.phone_rev: dict[str, str] = {}  # e164 -> reversed national digits (indexed)

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ShopError(E_CANCELLED)

    def problem(self, row: int, msg_id: str, /, **params: Any) -> None:
        self.result.problems.append(RowProblem(row, msg_id, tuple(params.items())))


def import_visits(
    session: Session,
    path: str | Path,
    *,
    create_missing: bool = False,
    actor: Actor | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Import visit history from `path` (.xlsx or .csv) into the caller's transaction.

    Unknown services and staff are created (retired / inactive, see the docs) when
    `create_missing`, otherwise their rows are reported. Raises ShopError when cancelled.
    """
    require_owner(actor, "import visits")
    started = time.perf_counter()
    job = _Job(session, progress, cancel)
    source = open_source(path)
    rows = _parse(job, source)
    job.progress(0.55, "lookups")
    rows = _resolve_members(job, rows)
    services, staff = _catalogue(job, rows, create_missing, actor)
    groups = _group(job, rows, services, staff)
    job.check_cancel()
    _write(job, groups, services, staff, actor)
    job.result.problems.sort(key=lambda p: p.row)
    job.result.seconds = time.perf_counter() - started
    audit.record(
        session,
        actor,
        "visit",
        None,
        "import",
        file=Path(path).name,
        visits=job.result.visits_created,
        rows=job.result.rows_imported,
        failed=job.result.rows_failed,
    )
    job.progress(1.0, "done")
    return job.result


# --- phase 1: parse -----------------------------------------------------------------------


def _parse(job: _Job, source: Any) -> list[Row]:
    columns: dict[str, int] | None = None
    rows: list[Row] = []
    phone_cache: dict[Any, Any] = {}
    total = source.total_rows
    for number, cells in source.rows():
        if number % 2000 == 0:
            job.check_cancel()
            job.progress(0.5 * min(number / total, 1.0), f"{number} rows")
        if columns is None:
            mapped = F.map_headers(cells)
            if "date" in mapped and "amount" in mapped:
                columns = mapped
            elif number >= 20:
                break
            continue
        if not any(c not in (None, "") for c in cells):
            continue
        job.result.rows_read += 1
        parsed = _parse_row(job, number, cells, columns, phone_cache)
        if parsed is not None:
            rows.append(parsed)
    if columns is None:
        raise ShopError(E_NO_HEADER)
    return rows


def _cell(cells: list[Any], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _name(value: Any) -> str:
    return normalize_name(F.clean_text(value))


def _cached(cache: dict[Any, Any], kind: str, raw: Any, parse: Callable[[Any], Any]) -> Any:
    """Services, staff and methods repeat on most rows: parse each spelling once."""
    key = (kind, raw)
    try:
        return cache[key]
    except KeyError:
        value = cache[key] = parse(raw)
        return value
    except TypeError:  # an unhashable cell value
        return parse(raw)


def _parse_row(
    job: _Job,
    number: int,
    cells: list[Any],
    columns: dict[str, int],
    phone_cache: dict[Any, Any],
) -> Row | None:
    raw_when = _cell(cells, columns, "date")
    when = F.parse_when(raw_when, _cell(cells, columns, "time"))
    if when is None:
        job.problem(number, R_DATE, value=F.clean_text(raw_when))
        return None
    raw_amount = _cell(cells, columns, "amount")
    amount = F.parse_amount(raw_amount)
    if amount is None:
        job.problem(number, R_AMOUNT, value=F.clean_text(raw_amount))
        return None
    raw_qty = _cell(cells, columns, "quantity")
    quantity = F.parse_quantity(raw_qty)
    if quantity is None:
        job.problem(number, R_QTY, value=F.clean_text(raw_qty))
        return None
    raw_pay = _cell(cells, columns, "payment")
    method = _cached(phone_cache, "pay", raw_pay, F.parse_payment)
    if method is None:
        job.problem(number, R_PAYMENT, value=F.clean_text(raw_pay))
        return None
    if method == "":
        method = "cash"
        job.result.rows_without_payment += 1
    phone_text = F.clean_text(_cell(cells, columns, "phone"))
    phone = None
    if phone_text:
        if phone_text not in phone_cache:
            try:
                parsed = normalize_phone(phone_text)
            except ShopError:
                phone_cache[phone_text] = None
            else:
                phone_cache[phone_text] = parsed.e164
                job.phone_rev[parsed.e164] = parsed.reversed_digits
        phone = phone_cache[phone_text]
        if phone is None:
            job.problem(number, R_PHONE, value=phone_text)
            return None
    card = F.clean_text(_cell(cells, columns, "card")) or None
    service = _cached(phone_cache, "name", _cell(cells, columns, "service"), _name)
    staff = _cached(phone_cache, "name", _cell(cells, columns, "staff"), _name)
    return (
        number,
        phone,
        card,
        when,
        service.lower(),
        service,
        quantity,
        amount,
        staff.lower(),
        staff,
        method,
        F.clean_text(_cell(cells, columns, "note")),
        F.clean_text(_cell(cells, columns, "ref")),
    )


# --- phase 2: look-ups --------------------------------------------------------------------


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    items = list(values)
    for start in range(0, len(items), IN_CHUNK):
        yield items[start : start + IN_CHUNK]


def _member_map(
    session: Session, column: Any, values: set[str], keys: dict[str, str] | None = None
) -> dict[str, list[int]]:
    """Value → ids of the members holding it (active first, erased left out).

    `keys` maps each value to its key in an indexed column (phone → phone_rev: the unique
    index on phone is partial, which SQLite does not use for a bound IN list, so asking
    by phone would scan every member per chunk); the value itself is then checked."""
    found: dict[str, list[tuple[bool, int]]] = defaultdict(list)
    lookup = Member.phone_rev if keys is not None else column
    wanted = sorted({keys[v] for v in values} if keys is not None else values)
    for chunk in _chunks(wanted):
        query = select(column, Member.id, Member.status).where(
            lookup.in_(chunk), Member.status != MEMBER_ERASED
        )
        for value, member_id, status in session.execute(query):
            if value in values:
                found[value].append((status != MEMBER_ACTIVE, member_id))
    result: dict[str, list[int]] = {}
    for value, entries in found.items():
        entries.sort()
        best = [mid for inactive, mid in entries if inactive == entries[0][0]]
        result[value] = best
    return result


def _resolve_members(job: _Job, rows: list[Row]) -> list[tuple[Row, int | None]]:
    session = job.session
    phones = _member_map(session, Member.phone, {r[1] for r in rows if r[1]}, job.phone_rev)
    cards = _member_map(session, Member.card_no, {r[2] for r in rows if r[2]})
    what = {"phone": translate(WHAT["phone"]), "card": translate(WHAT["card"])}
    resolved: list[tuple[Row, int | None]] = []
    for row in rows:
        ids: list[int | None] = []
        failed = False
        for kind, value, table in (("phone", row[1], phones), ("card", row[2], cards)):
            if not value:
                continue
            hits = table.get(value, [])
            if len(hits) != 1:
                job.problem(
                    row[0],
                    R_AMBIGUOUS if hits else R_NO_MEMBER,
                    what=what[kind],
                    value=value if kind == "card" else value.removeprefix("+86"),
                )
                failed = True
                break
            ids.append(hits[0])
        if failed:
            continue
        if len(set(ids)) > 1:
            job.problem(row[0], R_CONFLICT)
            continue
        resolved.append((row, ids[0] if ids else None))
    return resolved


def _catalogue(
    job: _Job, rows: list[tuple[Row, int | None]], create: bool, actor: Actor | None
) -> tuple[dict[str, int], dict[str, int]]:
    """Name (lower case) → id for services and staff, creating the missing ones if asked.

    Created services are retired (kept for history, not offered in the visit dialog) with
    the first amount seen per unit as list price; created staff are inactive.
    """
    session = job.session
    services = {
        normalize_name(name).lower(): sid
        for sid, name in session.execute(select(Service.id, Service.name))
    }
    staff = {
        normalize_name(name).lower(): sid
        for sid, name in session.execute(select(Staff.id, Staff.name))
    }
    new_services: dict[str, tuple[str, Decimal]] = {}
    new_staff: dict[str, str] = {}
    for row, _ in rows:
        if row[4] and row[4] not in services and row[4] not in new_services:
            new_services[row[4]] = (
                row[5],
                (row[7] / row[6]).quantize(F.CENT, rounding=ROUND_CEILING),
            )
        if row[8] and row[8] not in staff and row[8] not in new_staff:
            new_staff[row[8]] = row[9]
    if not create:
        for row, _ in rows:
            if row[4] and row[4] not in services:
                job.result.missing_services[row[5]] = job.result.missing_services.get(row[5], 0) + 1
            if row[8] and row[8] not in staff:
                job.result.missing_staff[row[9]] = job.result.missing_staff.get(row[9], 0) + 1
        return services, staff
    for key, (name, price) in sorted(new_services.items()):
        service = Service(
            name=name[:80],
            name_pinyin=service_pinyin(name),
            list_price=price,
            active=False,
            care_offsets=[],
            description="",
        )
        session.add(service)
        session.flush()
        services[key] = service.id
        job.result.created_services.append(name)
    for key, name in sorted(new_staff.items()):
        person = Staff(name=name[:60], role="staff", title="", active=False)
        session.add(person)
        session.flush()
        staff[key] = person.id
        job.result.created_staff.append(name)
    if new_services or new_staff:
        audit.record(
            session,
            actor,
            "visit",
            None,
            "import_created",
            services=job.result.created_services,
            staff=job.result.created_staff,
        )
    return services, staff


# --- phase 3: grouping --------------------------------------------------------------------


@dataclass
class _Group:
    member_id: int | None
    rows: list[Row]
    source_ref: str = ""


def _group(
    job: _Job, rows: list[tuple[Row, int | None]], services: dict[str, int], staff: dict[str, int]
) -> list[_Group]:
    groups: dict[tuple[Any, ...], _Group] = {}
    for row, member_id in rows:
        if row[12]:
            key: tuple[Any, ...] = ("ref", row[12])
        elif member_id is not None:
            key = ("member", member_id, row[3])
        else:
            key = ("row", row[0])
        group = groups.get(key)
        if group is None:
            groups[key] = _Group(member_id, [row])
        elif group.member_id != member_id:
            group.member_id = -1  # mixed members on one receipt: reported below
            group.rows.append(row)
        else:
            group.rows.append(row)
    good: list[_Group] = []
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
    job: _Job, group: _Group, services: dict[str, int], staff: dict[str, int]
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


def _source_ref(group: _Group) -> str:
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


def _write(
    job: _Job,
    groups: list[_Group],
    services: dict[str, int],
    staff: dict[str, int],
    actor: Actor | None,
) -> None:
    session = job.session
    existing: set[str] = set()
    for chunk in _chunks(g.source_ref for g in groups):
        existing.update(
            session.scalars(select(Visit.source_ref).where(Visit.source_ref.in_(chunk)))
        )
    fresh = [g for g in groups if g.source_ref not in existing]
    job.result.rows_already_imported = sum(len(g.rows) for g in groups) - sum(
        len(g.rows) for g in fresh
    )
    now = utcnow()
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
        for refs in _chunks(g.source_ref for g in batch):
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


def count_visits(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Visit)) or 0
