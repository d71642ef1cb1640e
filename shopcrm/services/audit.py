"""The audit log: who changed what and when, and the owner's view and export of it.

Every service that changes members, visits, wallets, settings or staff calls ``record`` in
its own transaction, so an entry exists exactly when the change committed. Entries hold
ids and the fields that changed, never PINs; an erased member's entries are scrubbed of
their personal data (see services.privacy).
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session

from ..i18n import ShopError, define
from ..models import AuditEntry
from .auth import PERM_AUDIT_VIEW, Actor, require_permission
from .safe_cells import csv_cell, protect_text_cell

MAX_LIMIT = 100_000
E_EXPORT_FORMAT = define(
    "audit.export_format", en="Export to a .xlsx, .csv or .json file, not {suffix}.",
    zh="请导出为 .xlsx、.csv 或 .json 文件，而不是 {suffix}。",
)
COLUMNS = ("id", "created_at", "actor", "staff_id", "entity", "entity_id", "action", "detail",
           "sentence")
HEADERS_ZH = ("编号", "时间", "操作人", "员工编号", "对象", "对象编号", "操作", "详情", "说明")


def record(
    session: Session,
    actor: Actor,
    entity: str,
    entity_id: int | None,
    action: str,
    **detail: Any,
) -> None:
    """Add an audit entry in the caller's transaction (it commits or rolls back with it)."""
    from .auth import explicit_actor

    who = explicit_actor(actor)
    session.add(
        AuditEntry(
            staff_id=who.staff_id,
            actor=who.name,
            entity=entity,
            entity_id=entity_id,
            action=action,
            detail={k: _jsonable(v) for k, v in detail.items()},
        )
    )


_INSERT = insert(AuditEntry.__table__)  # built once; created_at takes its default


def record_now(
    session: Session,
    actor: Actor,
    entity: str,
    entity_id: int | None,
    action: str,
    **detail: Any,
) -> None:
    """`record` as one Core insert, for hot paths (a visit save): the same row, without an
    ORM object for the session to flush. What the session holds is flushed first, so the
    entries keep the order in which they were made."""
    from .auth import explicit_actor

    who = explicit_actor(actor)
    session.flush()
    session.execute(
        _INSERT,
        {
            "staff_id": who.staff_id,
            "actor": who.name,
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "detail": {k: _jsonable(v) for k, v in detail.items()},
        },
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return str(value)


@dataclass(frozen=True)
class AuditRow:
    id: int
    created_at: datetime  # the shop's local time (see shopcrm/clock.py)
    actor: str
    staff_id: int | None
    entity: str
    entity_id: int | None
    action: str
    detail: dict[str, Any]

    def detail_text(self) -> str:
        return json.dumps(self.detail, ensure_ascii=False, sort_keys=True, default=str)


def _as_start(value: date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min)


def _as_end(value: date | datetime | None) -> datetime | None:
    """`until` is inclusive: a date means up to the end of that day."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=1), time.min)


def _query(entity: str | None, entity_id: int | None, since: date | datetime | None,
           until: date | datetime | None, staff_id: int | None,
           action: str | None) -> Select[tuple[AuditEntry]]:
    query = select(AuditEntry)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if staff_id is not None:
        query = query.where(AuditEntry.staff_id == staff_id)
    if action:
        query = query.where(AuditEntry.action == action)
    start, end = _as_start(since), _as_end(until)
    if start is not None:
        query = query.where(AuditEntry.created_at >= start)
    if end is not None:
        query = query.where(AuditEntry.created_at < end if not isinstance(until, datetime)
                            else AuditEntry.created_at <= end)
    return query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(id=entry.id, created_at=entry.created_at, actor=entry.actor,
                    staff_id=entry.staff_id, entity=entry.entity, entity_id=entry.entity_id,
                    action=entry.action, detail=dict(entry.detail or {}))


def audit_entries(session: Session, *, actor: Actor, entity: str | None = None,
                  entity_id: int | None = None, since: date | datetime | None = None,
                  until: date | datetime | None = None, staff_id: int | None = None,
                  action: str | None = None, limit: int = 200,
                  offset: int = 0) -> list[AuditRow]:
    """Audit entries, newest first, filtered (owner-only). `until` is inclusive."""
    require_permission(actor, PERM_AUDIT_VIEW)
    limit = max(0, min(int(limit), MAX_LIMIT))
    query = _query(entity, entity_id, since, until, staff_id, action)
    rows = session.scalars(query.limit(limit).offset(max(0, int(offset)))).all()
    return [_row(entry) for entry in rows]


def export_audit(session: Session, path: str | Path, *, actor: Actor,
                 entity: str | None = None, since: date | datetime | None = None,
                 until: date | datetime | None = None, staff_id: int | None = None,
                 limit: int = MAX_LIMIT, lang: str | None = None) -> int:
    """Write the filtered audit log to .xlsx, .csv or .json; returns the number of rows.

    Each row carries its sentence in `lang` (services/audit_words.py) next to the stored
    fields, so the accountant reads who did what without decoding the details."""
    from .audit_words import audit_sentences

    require_permission(actor, PERM_AUDIT_VIEW)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".json"):
        raise ShopError(E_EXPORT_FORMAT, suffix=suffix or "''")
    rows = audit_entries(session, actor=actor, entity=entity, since=since, until=until,
                         staff_id=staff_id, limit=limit)
    sentences = [line.sentence for line in audit_sentences(session, rows, lang)]
    target.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        data = [{**asdict(row), "sentence": text} for row, text in zip(rows, sentences,
                                                                       strict=True)]
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str),
                          encoding="utf-8")
    elif suffix == ".csv":
        # utf-8-sig so that Excel on a Chinese Windows opens it with the right characters.
        with target.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row, text in zip(rows, sentences, strict=True):
                writer.writerow([row.id, row.created_at.isoformat(sep=" "), csv_cell(row.actor),
                                 row.staff_id, row.entity, row.entity_id, row.action,
                                 csv_cell(row.detail_text()), csv_cell(text)])
    else:
        write_rows_xlsx(target, "audit", HEADERS_ZH, (
            [row.id, row.created_at, row.actor, row.staff_id, row.entity, row.entity_id,
             row.action, row.detail_text(), text] for row, text in zip(rows, sentences,
                                                                      strict=True)))
    return len(rows)


def write_rows_xlsx(target: Path, title: str, headers: tuple[str, ...] | list[str],
                    rows: Any) -> None:
    """A one-sheet workbook (see fill_sheet)."""
    from openpyxl import Workbook

    book = Workbook()
    fill_sheet(book.active, title, headers, rows)
    book.save(target)


def fill_sheet(sheet: Any, title: str, headers: tuple[str, ...] | list[str], rows: Any) -> None:
    """A plain sheet: frozen header, filter, real dates, text kept as text (never formulas)."""
    from openpyxl.utils import get_column_letter

    sheet.title = title
    sheet.append(list(headers))
    widths = [len(str(h)) * 2 + 2 for h in headers]
    for values in rows:
        cells = []
        for i, value in enumerate(values):
            if isinstance(value, str):
                value = _illegal_free(value)
                widths[i] = min(60, max(widths[i], len(value) + 2))
            cells.append(value)
        sheet.append(cells)
    for column in sheet.iter_cols():
        for cell in column:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
                protect_text_cell(cell)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(10, width)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _illegal_free(text: str) -> str:
    """openpyxl refuses control characters in cells; show them as U+FFFD instead."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
