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

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, Word, define, translate
from ...models import (
    MEMBER_ACTIVE,
    MEMBER_ERASED,
    Member,
    Service,
    Staff,
    Visit,
)
from .. import audit
from ..auth import Actor, require_owner
from ..catalog import normalize_name, service_pinyin
from ..phones import normalize_phone
from . import fields as F
from .job import ImportJob, ImportResult, Progress, Row, chunks
from .source import open_source
from .writer import group_rows, write_visits

E_NO_HEADER = define(
    "visit_import.no_header",
    en="No header row with a date and an amount column was found (e.g. 日期, 金额 / date, amount).",
    zh="未找到包含日期和金额列的表头（例如：日期、金额 / date、amount）。",
)
R_DATE = define(
    "visit_import.row.date", en="date “{value}” not understood", zh="无法识别日期“{value}”"
)
R_FUTURE = define(
    "visit_import.row.future",
    en="date {value} is in the future (today is {today}): a visit that has not happened "
    "cannot be imported",
    zh="日期 {value} 在未来（今天是 {today}）：尚未发生的消费不能导入",
)
R_NAME_LONG = define(
    "visit_import.row.name_long",
    en="{what} “{value}” is longer than {max} characters",
    zh="{what}“{value}”超过 {max} 个字符",
)
WHAT_NAME = {
    "service": define("visit_import.what.service", en="service name", zh="服务项目名称"),
    "staff": define("visit_import.what.staff", en="staff name", zh="员工姓名"),
}
# the catalogue's column sizes (models.catalog: Service.name, Staff.name)
MAX_NAME = {"service": 80, "staff": 60}
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
WHAT = {
    "phone": define("visit_import.what.phone", en="phone", zh="手机号"),
    "card": define("visit_import.what.card", en="card number", zh="卡号"),
}


def import_visits(
    session: Session,
    path: str | Path,
    *,
    create_missing: bool = False,
    actor: Actor,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Import visit history from `path` (.xlsx or .csv) into the caller's transaction.

    Unknown services and staff are created (retired / inactive, see the docs) when
    `create_missing`, otherwise their rows are reported. Raises ShopError when cancelled.
    """
    require_owner(actor, "import visits")
    started = time.perf_counter()
    job = ImportJob(session, progress, cancel)
    source = open_source(path)
    rows = _parse(job, source)
    job.progress(0.55, "lookups")
    rows = _resolve_members(job, rows)
    services, staff = _catalogue(job, rows, create_missing, actor)
    groups = group_rows(job, rows, services, staff)
    job.check_cancel()
    write_visits(job, groups, services, staff, actor)
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


def _parse(job: ImportJob, source: Any) -> list[Row]:
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
    job: ImportJob,
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
    today = clock.today()
    if when.date() > today:
        job.problem(number, R_FUTURE, value=when.date().isoformat(), today=today.isoformat())
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
    for kind, name in (("service", service), ("staff", staff)):
        if len(name) > MAX_NAME[kind]:
            shown = name[:37] + "..." if len(name) > 40 else name
            job.problem(
                number, R_NAME_LONG, what=Word(WHAT_NAME[kind]), value=shown, max=MAX_NAME[kind]
            )
            return None
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
    for chunk in chunks(wanted):
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


def _resolve_members(job: ImportJob, rows: list[Row]) -> list[tuple[Row, int | None]]:
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
    job: ImportJob, rows: list[tuple[Row, int | None]], create: bool, actor: Actor
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


def count_visits(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Visit)) or 0
