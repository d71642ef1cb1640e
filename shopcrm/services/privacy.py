"""Members' personal data: export everything held on one member, or erase it on request.

Erasing keeps the shop's figures: the member row stays (status 'erased', name
"已删除会员 #id") with its derived totals, its visits stay (amounts, lines, payments) and its
wallet ledger stays, so monthly sales and stored-value liabilities do not change. What goes:
every personal field and search key, tags, profile, notes; free text on the member's visits
(notes, complaints); occurrences of the name, phone or card number in wallet reasons and in
the audit log; follow-ups are closed (dismissed) with their notes and details cleared.
The erasure is audited with the reason (itself scrubbed of the personal strings) and counts.
Records merged into the member (duplicates, `merged_into_id`) are the same person and are
blanked too; any other audit row quoting one of the personal strings has that string replaced.

On SQLite the erasing transaction runs with ``PRAGMA secure_delete`` so the old values are
zeroed in the pages it rewrites; ``purge_freed_space`` (called by the CLI after commit) then
checkpoints the WAL so no old copy stays in the -wal file. Backups made before the erasure
still hold the member until they rotate out (12 months at most): see docs/reliability.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, String, cast, inspect, or_, select
from sqlalchemy.orm import Session

from .. import clock
from ..db import is_sqlite
from ..i18n import ShopError, define
from ..models import (
    FOLLOWUP_DISMISSED,
    FOLLOWUP_OPEN,
    MEMBER_ERASED,
    VISIT_OK,
    AuditEntry,
    Followup,
    Member,
    Visit,
    WalletEntry,
)
from .audit import fill_sheet, record
from .auth import PERM_MEMBERS_ERASE, PERM_MEMBERS_EXPORT, Actor, require_permission
from .cards.export import member_cards_data
from .members import scrub_name_index
from .members.name_grams import set_names

ERASED_NAME = "已删除会员 #{id}"
ERASED_MARK = "[已删除]"
MAX_REASON = 500
# Audit detail keys whose values are personal whatever they contain.
PERSONAL_KEYS = frozenset({
    "name", "phone", "phone_digits", "phone_rev", "card_no", "notes", "birthday", "birth_year",
    "birth_month", "birth_day", "profile", "tags", "gender", "name_pinyin", "name_initials",
    "old", "new", "before", "after", "changes",
})

E_NO_MEMBER = define("privacy.no_member", en="No member #{id}.", zh="没有编号为 {id} 的会员。")
E_ALREADY = define("privacy.already_erased", en="Member #{id} was erased already.",
                   zh="会员 #{id} 已删除。")
E_REASON = define(
    "privacy.reason",
    en="Give the reason for erasing (1 to 500 characters, e.g. 'member asked on 3 May').",
    zh="请填写删除原因（1 到 500 个字，例如“会员于 5 月 3 日要求删除”）。",
)
M_PURGE_PENDING = define(
    "privacy.purge_pending",
    en="Another counter is reading the shop file right now: the erased values leave the file "
    "when it is done, at the latest when ShopCRM is closed there.",
    zh="另一台前台电脑正在读取本店文件：被删除的内容将在它读取完毕后从文件中清除，最迟在那台前台电脑"
    "关闭 ShopCRM 时清除。",
)
E_FORMAT = define(
    "privacy.format", en="Export a member's data to .xlsx or .json, not {suffix}.",
    zh="会员数据请导出为 .xlsx 或 .json，而不是 {suffix}。",
)


@dataclass(frozen=True)
class ErasureResult:
    member_id: int
    visits_kept: int
    sales_kept: Decimal  # sum of the member's valid visits, unchanged by the erasure
    wallet_entries_kept: int
    followups_closed: int
    audit_rows_scrubbed: int


# --- collecting ----------------------------------------------------------------------------


def _columns(obj: Any) -> dict[str, Any]:
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def _member(session: Session, member_id: int) -> Member:
    member = session.get(Member, int(member_id))
    if member is None:
        raise ShopError(E_NO_MEMBER, id=member_id)
    return member


def _audit_about(session: Session, member_id: int, visit_ids: set[int],
                 followup_ids: set[int], wallet_ids: set[int]) -> list[AuditEntry]:
    """Audit entries about the member: by entity id, or naming member_id in their detail."""
    by_id = [AuditEntry.entity.in_(("member", "wallet", "privacy"))
             & (AuditEntry.entity_id == member_id)]
    for entity, ids in (("visit", visit_ids), ("followup", followup_ids),
                        ("wallet_entry", wallet_ids)):
        if ids:
            by_id.append((AuditEntry.entity == entity) & AuditEntry.entity_id.in_(ids))
    mentions = cast(AuditEntry.detail, String).like("%member_id%")
    rows = session.scalars(select(AuditEntry).where(or_(*by_id, mentions))
                           .order_by(AuditEntry.id)).all()
    ids = {"visit": visit_ids, "followup": followup_ids, "wallet_entry": wallet_ids}
    return [row for row in rows if _is_about(row, member_id, ids)]


def _is_about(row: AuditEntry, member_id: int, ids: dict[str, set[int]]) -> bool:
    if row.entity in ("member", "wallet", "privacy") and row.entity_id == member_id:
        return True
    if row.entity_id is not None and row.entity_id in ids.get(row.entity, ()):
        return True
    detail = row.detail or {}
    return str(detail.get("member_id")) == str(member_id)


def member_data(session: Session, member_id: int) -> dict[str, Any]:
    """Everything the shop holds on one member, as plain values (for export)."""
    member = _member(session, member_id)
    visits = session.scalars(select(Visit).where(Visit.member_id == member.id)
                             .order_by(Visit.visited_at, Visit.id)).all()
    wallet = session.scalars(select(WalletEntry).where(WalletEntry.member_id == member.id)
                             .order_by(WalletEntry.account, WalletEntry.seq)).all()
    followups = session.scalars(select(Followup).where(Followup.member_id == member.id)
                                .order_by(Followup.id)).all()
    audit = _audit_about(session, member.id, {v.id for v in visits},
                         {f.id for f in followups}, {w.id for w in wallet})
    return {
        "member": _columns(member),
        "tags": sorted(tag.tag for tag in member.tags),
        "visits": [{**_columns(v), "lines": [_columns(line) for line in v.lines],
                    "payments": [_columns(p) for p in v.payments]} for v in visits],
        "wallet_entries": [_columns(w) for w in wallet],
        "cards": member_cards_data(session, member.id),  # package cards and their uses
        "followups": [{**_columns(f), "events": [_columns(e) for e in f.events]}
                      for f in followups],
        "audit": [_columns(a) for a in audit],
    }


# --- export ---------------------------------------------------------------------------------


def export_member_data(session: Session, member_id: int, path: str | Path,
                       *, actor: Actor) -> Path:
    """Write everything held on the member to .json or .xlsx (owner-only; audited)."""
    require_permission(actor, PERM_MEMBERS_EXPORT)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        raise ShopError(E_FORMAT, suffix=suffix or "''")
    data = member_data(session, member_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str),
                          encoding="utf-8")
    else:
        _write_xlsx(target, data)
    record(session, actor, "member", int(member_id), "export_data", file=target.name)
    session.flush()
    return target


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _table(rows: list[dict[str, Any]], drop: tuple[str, ...] = ()) -> tuple[list[str], list]:
    keys = [k for k in (rows[0] if rows else {}) if k not in drop]
    return keys, [[_cell(row[k]) for k in keys] for row in rows]


def _write_xlsx(target: Path, data: dict[str, Any]) -> None:
    from openpyxl import Workbook

    sheets: list[tuple[str, list[str], list]] = [
        ("member", ["field", "value"], [[k, _cell(v)] for k, v in data["member"].items()]
         + [["tags", ", ".join(data["tags"])]]),
        ("visits", *_table(data["visits"], ("lines", "payments"))),
        ("visit_lines", *_table([line for v in data["visits"] for line in v["lines"]])),
        ("visit_payments", *_table([p for v in data["visits"] for p in v["payments"]])),
        ("wallet", *_table(data["wallet_entries"])),
        ("cards", *_table(data["cards"], ("items", "entries"))),
        ("card_items", *_table([i for c in data["cards"] for i in c["items"]])),
        ("card_entries", *_table([e for c in data["cards"] for e in c["entries"]])),
        ("followups", *_table(data["followups"], ("events",))),
        ("followup_events", *_table([e for f in data["followups"] for e in f["events"]])),
        ("audit", *_table(data["audit"])),
    ]
    book = Workbook()
    for i, (title, headers, rows) in enumerate(sheets):
        sheet = book.active if i == 0 else book.create_sheet()
        fill_sheet(sheet, title, headers or ["-"], rows)
    book.save(target)


# --- erase ---------------------------------------------------------------------------------


def clean_reason(reason: object) -> str:
    if not isinstance(reason, str):
        raise ShopError(E_REASON)
    text = "".join(ch if ch.isprintable() else " " for ch in reason).strip()
    if not text or len(text) > MAX_REASON:
        raise ShopError(E_REASON)
    return text


def _secrets(member: Member) -> list[str]:
    values = [member.name, member.phone, member.phone_digits, member.card_no]
    if member.phone_digits and len(member.phone_digits) > 4:
        values.append(member.phone_digits[-8:])  # "1380013 8000" written without the prefix
    found = {v.strip() for v in values if isinstance(v, str) and len(v.strip()) >= 2}
    return sorted(found, key=len, reverse=True)


def _scrub(value: Any, secrets: list[str], key: str = "", *, keep_keys: bool = False) -> Any:
    """`value` with the secrets replaced; personal keys wiped whole unless `keep_keys`."""
    if not keep_keys and key in PERSONAL_KEYS and value not in (None, "", [], {}):
        return ERASED_MARK
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, ERASED_MARK)
        return value
    if isinstance(value, dict):
        return {k: _scrub(v, secrets, str(k), keep_keys=keep_keys) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, secrets, keep_keys=keep_keys) for v in value]
    return value


def _merged_into(session: Session, member_id: int) -> list[Member]:
    """Every record merged into `member_id`, directly or through a chain of merges."""
    found: list[Member] = []
    frontier = [member_id]
    seen = {member_id}
    while frontier:
        rows = session.scalars(select(Member).where(Member.merged_into_id.in_(frontier))).all()
        frontier = [m.id for m in rows if m.id not in seen]
        seen.update(frontier)
        found.extend(m for m in rows if m.id in frontier)
    return found


def erase_member(session: Session, member_id: int, *, actor: Actor,
                 reason: str = "") -> ErasureResult:
    """Erase one member's personal data on request, keeping anonymous sales (owner-only)."""
    require_permission(actor, PERM_MEMBERS_ERASE)
    why = clean_reason(reason)
    member = _member(session, member_id)
    if member.status == MEMBER_ERASED:
        raise ShopError(E_ALREADY, id=member.id)
    if is_sqlite(session.get_bind()):
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    # The duplicates merged into this member are the same person: their names, phones,
    # notes and tags go too (they keep status 'merged', pointing at the erased record).
    records = [member, *_merged_into(session, member.id)]
    secrets = sorted({s for m in records for s in _secrets(m)}, key=len, reverse=True)
    visits: list[Visit] = []
    wallet: list[WalletEntry] = []
    closed = 0
    audit_ids: set[int] = set()
    for person in records:
        data_ids = member_data(session, person.id)
        audit_ids.update(row["id"] for row in data_ids["audit"])
        own = session.scalars(select(Visit).where(Visit.member_id == person.id)).all()
        for visit in own:  # free text about the person's visit
            visit.note = ""
            visit.complaint = ""
        visits.extend(own)
        entries = session.scalars(
            select(WalletEntry).where(WalletEntry.member_id == person.id)
        ).all()
        for entry in entries:
            if any(secret in (entry.reason or "") for secret in secrets):
                entry.reason = _scrub(entry.reason, secrets)
        wallet.extend(entries)
        closed += _close_followups(session, person.id)
    scrubbed = 0
    for row in session.scalars(select(AuditEntry).where(AuditEntry.id.in_(audit_ids))):
        clean = _scrub(dict(row.detail or {}), secrets)
        if clean != row.detail:
            row.detail = clean
            scrubbed += 1
    # Copies of the personal strings in any other audit row (another member's merge, an
    # import's row): the strings only, the rest of the row is someone else's.
    session.flush()
    for secret in secrets:
        pattern = f"%{secret}%"
        query = select(AuditEntry).where(cast(AuditEntry.detail, String).like(pattern))
        for row in session.scalars(query):
            clean = _scrub(row.detail, secrets, keep_keys=True)
            if clean != row.detail:
                row.detail = clean
                scrubbed += 1
    for person in records:
        status = person.status
        _blank_member(person)
        if person is not member:
            person.status = status  # merged: still points at the erased member
    session.flush()
    set_names(session, {person.id: person.name for person in records})  # 1–2 character grams
    scrub_name_index(session)  # the old names' trigrams leave the name index's segments
    sales = sum((v.total_amount for v in visits if v.status == VISIT_OK), Decimal("0"))
    record(session, actor, "member", member.id, "erase", reason=_scrub(why, secrets),
           visits_kept=len(visits), wallet_entries_kept=len(wallet), followups_closed=closed,
           audit_rows_scrubbed=scrubbed)
    session.flush()
    return ErasureResult(member_id=member.id, visits_kept=len(visits),
                         sales_kept=sales,
                         wallet_entries_kept=len(wallet), followups_closed=closed,
                         audit_rows_scrubbed=scrubbed)


def _close_followups(session: Session, member_id: int) -> int:
    closed = 0
    for followup in session.scalars(select(Followup).where(Followup.member_id == member_id)):
        if followup.status == FOLLOWUP_OPEN:
            followup.status = FOLLOWUP_DISMISSED
            followup.closed_at = clock.now()
            closed += 1
        followup.detail = {}
        followup.snoozed_until = None
        for event in followup.events:
            event.note = ""
    return closed


def _blank_member(member: Member) -> None:
    member.name = ERASED_NAME.format(id=member.id)
    member.name_pinyin = member.name_initials = ""
    member.phone = member.card_no = None
    member.phone_digits = member.phone_rev = ""
    member.gender = member.level = member.source = member.notes = ""
    member.birthday_kind = None
    member.birth_year = member.birth_month = member.birth_day = None
    member.birth_leap = False
    member.profile = {}
    member.tags.clear()
    member.consent_marketing = False
    member.referred_by_id = None
    member.status = MEMBER_ERASED


def purge_freed_space(engine: Engine, *, vacuum: bool = False) -> bool:
    """After an erasure commits (SQLite): move the WAL into the file and empty it.

    Returns False when another connection (the app at another counter, in the middle of a
    read) kept the checkpoint from finishing: the erased values then leave the main file
    and the WAL at the next checkpoint, when that reader is done — the caller says so.
    With ``vacuum=True`` the file is also rebuilt, which drops every free page (slow on a
    large shop; the erasure's own pages are already zeroed by secure_delete).
    """
    if not is_sqlite(engine):
        return True
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        row = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        done = row is None or int(row[0]) == 0
        if vacuum and done:
            conn.exec_driver_sql("VACUUM")
    return done
