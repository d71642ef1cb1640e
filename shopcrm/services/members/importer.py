"""Importing a member list (.xlsx or .csv) in batches, with every row's fate reported.

Rules (docs/members.md): a row needs a name and a phone or card number. It updates the
member with that phone (the active one, else the latest archived one), else the member
with that card number, else it creates a member. Blank cells never clear stored values;
tags are added, never removed; profile keys are merged. A phone (or card) met a second
time in the same file is rejected with a pointer to the first row. Any unreadable value
rejects its row (nothing of it is written) with the column and the reason. The whole import
runs in one savepoint: a broken file, a cancel or a dry run leave the database as it was.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, current_language, define, translate
from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED, Member, MemberTag
from ..audit import record
from ..auth import Actor
from .columns import HeaderMap, alias_table, all_columns, match_header
from .core import E_CARD_TAKEN, phone_region, status_in
from .fields import profile_fields
from .import_store import (
    better_match,
    bulk_update,
    changed_values,
    existing_members,
    insert_members,
    new_member_values,
)
from .reader import Sheet, open_source
from .rows import ParsedRow, parse_row

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
BATCH = 500
HEADER_SCAN = 20

E_NO_HEADER = define(
    "members.no_header",
    en="No header row found in {path}: the first rows should name the columns, "
    "at least 姓名/Name and 手机/Phone",
    zh="在 {path} 中找不到表头：前几行应写明各列名称，至少包括“姓名”和“手机”",
)
E_CANCELLED = define(
    "members.import_cancelled",
    en="Import cancelled; no member was changed",
    zh="已取消导入，未改动任何会员",
)
E_DUP_PHONE = define(
    "members.dup_phone", en="Same phone as row {row}", zh="手机号与第 {row} 行重复"
)
E_DUP_CARD = define(
    "members.dup_card", en="Same card number as row {row}", zh="卡号与第 {row} 行重复"
)
W_REFERRER = define(
    "members.referrer_missing",
    en="Referrer phone {phone} matches no member; left empty",
    zh="推荐人手机 {phone} 找不到对应会员，已留空",
)
M_SUMMARY = define(
    "members.import_summary",
    en="{verb}: {created} created, {updated} updated, {unchanged} unchanged, "
    "{rejected} rejected ({rows} rows read in {seconds:.1f} s)",
    zh="{verb}：新建 {created} 位，更新 {updated} 位，无变化 {unchanged} 位，"
    "未导入 {rejected} 行（共读取 {rows} 行，用时 {seconds:.1f} 秒）",
)
M_IMPORTED = define("members.imported", en="Imported", zh="导入完成")
M_DRY_RUN = define("members.dry_run", en="Dry run (nothing saved)", zh="试运行（未保存）")

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class RowOutcome:
    row: int
    status: str  # created | updated | unchanged | rejected
    name: str
    phone: str
    reason: str = ""  # in the import's language
    reason_id: str = ""
    member_id: int | None = None


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    rejected: int
    rows: int  # data rows read (blank rows not counted)
    rejected_rows: tuple[RowOutcome, ...]
    warnings: tuple[RowOutcome, ...]
    ignored_columns: tuple[str, ...]
    sheet: str
    encoding: str | None
    dry_run: bool
    seconds: float

    def summary(self, lang: str | None = None) -> str:
        verb = translate(M_DRY_RUN if self.dry_run else M_IMPORTED, lang)
        return translate(
            M_SUMMARY,
            lang,
            verb=verb,
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            rejected=self.rejected,
            rows=self.rows,
            seconds=self.seconds,
        )


@dataclass
class _State:
    lang: str
    on_row: Callable[[RowOutcome], None] | None
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((CREATED, UPDATED, UNCHANGED, REJECTED), 0)
    )
    rejected: list[RowOutcome] = field(default_factory=list)
    warnings: list[RowOutcome] = field(default_factory=list)
    phones: dict[str, int] = field(default_factory=dict)
    cards: dict[str, int] = field(default_factory=dict)
    referrals: list[tuple[int, str, ParsedRow]] = field(default_factory=list)
    pending: list[RowOutcome] = field(default_factory=list)
    rows: int = 0

    def outcome(
        self,
        row: ParsedRow,
        status: str,
        member_id: int | None = None,
        msg: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        reason = translate(msg[0], self.lang, **msg[1]) if msg else ""
        reason_id = (row.error_id or msg[0]) if msg else ""
        out = RowOutcome(
            row.row, status, row.name_text, row.phone_text, reason, reason_id, member_id
        )
        self.counts[status] += 1
        self.pending.append(out)

    def flush(self) -> None:
        """Hand a batch's outcomes on in row order."""
        self.pending.sort(key=lambda o: o.row)
        for out in self.pending:
            if out.status == REJECTED:
                self.rejected.append(out)
            if self.on_row is not None:
                self.on_row(out)
        self.pending.clear()


def import_members(
    session: Session,
    path: str | Path,
    *,
    dry_run: bool = False,
    lang: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_row: Callable[[RowOutcome], None] | None = None,
    actor: Actor,
) -> ImportResult:
    """Import members from `path`; see the module docstring for the rules.

    `on_row` receives every row's outcome as it is decided (for a row-by-row report);
    the result keeps the rejected rows and warnings. Raises ShopError for a file that
    cannot be read or on cancel, in which case nothing was changed.
    """
    started = time.perf_counter()
    lang = lang or current_language()
    report = progress or (lambda _f, _m: None)
    specs = profile_fields(session, include_inactive=True)
    table = alias_table(all_columns(specs))
    path = Path(path)
    with open_source(path) as source:
        sheet, header, rows = _find_header(source.sheets, table, path)
        state = _State(lang, on_row)
        savepoint = session.begin_nested()
        try:
            with session.no_autoflush:
                _run(session, sheet, header, rows, state, report, cancel)
                _resolve_referrals(session, state)
        except BaseException:
            savepoint.rollback()
            raise
        if dry_run:
            savepoint.rollback()
        else:
            savepoint.commit()
    result = ImportResult(
        created=state.counts[CREATED],
        updated=state.counts[UPDATED],
        unchanged=state.counts[UNCHANGED],
        rejected=state.counts[REJECTED],
        rows=state.rows,
        rejected_rows=tuple(state.rejected),
        warnings=tuple(state.warnings),
        ignored_columns=header.ignored,
        sheet=sheet.name,
        encoding=source.encoding,
        dry_run=dry_run,
        seconds=time.perf_counter() - started,
    )
    if not dry_run:
        record(
            session,
            actor,
            "member",
            None,
            "import",
            file=path.name,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            rejected=result.rejected,
        )
    report(1.0, result.summary(lang))
    return result


def _find_header(
    sheets: list[Sheet], table: dict, path: Path
) -> tuple[Sheet, HeaderMap, Iterator[tuple[int, tuple[Any, ...]]]]:
    """The first sheet whose first rows hold a header naming at least the name column and
    one more known column; returns the row iterator positioned after the header."""
    for sheet in sheets:
        rows = sheet.rows()
        for number, cells in rows:
            if number > HEADER_SCAN:
                break
            header = match_header(cells, table, number)
            if "name" in header.positions and len(header.positions) >= 2:
                return sheet, header, rows
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    raise ShopError(E_NO_HEADER, path=path.name)


def _run(
    session: Session,
    sheet: Sheet,
    header: HeaderMap,
    rows: Iterator[tuple[int, tuple[Any, ...]]],
    state: _State,
    report: Progress,
    cancel: threading.Event | None,
) -> None:
    batch: list[ParsedRow] = []
    today = clock.today()
    region = phone_region(session)
    for number, cells in rows:
        if not any(c is not None and str(c).strip() for c in cells):
            continue
        state.rows += 1
        batch.append(parse_row(number, cells, header, region, today, state.lang))
        if len(batch) >= BATCH:
            _check_cancel(cancel)
            _write_batch(session, batch, state)
            batch = []
            fraction = sheet.position() / sheet.size if sheet.size else 0.0
            report(min(fraction, 0.99), f"{state.rows}")
    _check_cancel(cancel)
    if batch:
        _write_batch(session, batch, state)


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ShopError(E_CANCELLED)


def _write_batch(session: Session, batch: list[ParsedRow], state: _State) -> None:
    by_phone, by_card, tags = existing_members(session, batch)
    inserts: list[tuple[ParsedRow, dict]] = []
    updates: list[tuple[ParsedRow, dict, dict]] = []
    new_tags: list[dict] = []
    for row in batch:
        if row.error is not None:
            state.outcome(row, REJECTED, msg=row.error)
            continue
        e164 = row.values.get("phone")
        card = row.values.get("card_no")
        if e164 and e164 in state.phones:
            state.outcome(row, REJECTED, msg=(E_DUP_PHONE, {"row": state.phones[e164]}))
            continue
        if card and card in state.cards:
            state.outcome(row, REJECTED, msg=(E_DUP_CARD, {"row": state.cards[card]}))
            continue
        current = by_phone.get(e164) if e164 else None
        if current is None and not e164 and card:
            current = by_card.get(card)
        holder = by_card.get(card) if card else None
        if (
            holder is not None
            and holder["status"] == MEMBER_ACTIVE
            and (current is None or holder["id"] != current["id"])
            and row.values.get("status", MEMBER_ACTIVE) == MEMBER_ACTIVE
        ):
            state.outcome(
                row,
                REJECTED,
                msg=(E_CARD_TAKEN, {"card": card, "name": holder["name"], "id": holder["id"]}),
            )
            continue
        if e164:
            state.phones[e164] = row.row
        if card:
            state.cards[card] = row.row
        if current is None:
            inserts.append((row, new_member_values(row)))
            continue
        changes = changed_values(current, row)
        missing = [t for t in row.tags if t not in tags.get(current["id"], set())]
        new_tags.extend({"member_id": current["id"], "tag": t} for t in missing)
        if row.referrer:
            state.referrals.append((current["id"], row.referrer, row))
        if changes or missing:
            updates.append((row, current, changes))
            state.outcome(row, UPDATED, current["id"])
        else:
            state.outcome(row, UNCHANGED, current["id"])
    if inserts:
        ids = insert_members(session, [values for _row, values in inserts])
        for (row, _values), mid in zip(inserts, ids, strict=True):
            new_tags.extend({"member_id": mid, "tag": t} for t in row.tags)
            if row.referrer:
                state.referrals.append((mid, row.referrer, row))
            state.outcome(row, CREATED, mid)
    changed = [dict(current, **changes) for _row, current, changes in updates if changes]
    if changed:
        bulk_update(session, changed)
    if new_tags:
        session.execute(insert(MemberTag.__table__), new_tags)
    state.flush()


def _resolve_referrals(session: Session, state: _State) -> None:
    """Point members at their referrers, found by phone among all members now stored."""
    pending = state.referrals
    for start in range(0, len(pending), BATCH):
        chunk = pending[start : start + BATCH]
        phones = {ref for _mid, ref, _row in chunk}
        found: dict[str, dict] = {}
        for m in session.execute(
            select(Member.id, Member.phone, Member.status).where(
                Member.phone.in_(phones), status_in(MEMBER_ACTIVE, MEMBER_ARCHIVED)
            )
        ):
            best = found.get(m.phone)
            if best is None or better_match(m._asdict(), best):
                found[m.phone] = m._asdict()
        params = []
        for mid, ref, row in chunk:
            target = found.get(ref)
            if target is None:
                msg = translate(W_REFERRER, state.lang, phone=row.referrer_text)
                state.warnings.append(
                    RowOutcome(
                        row.row, "warning", row.name_text, row.phone_text, msg, W_REFERRER, mid
                    )
                )
            elif target["id"] != mid:
                params.append({"b_id": mid, "b_ref": target["id"]})
        if params:
            table = Member.__table__
            session.execute(
                update(table)
                .where(
                    table.c.id == bindparam("b_id"),
                    table.c.referred_by_id.is_distinct_from(bindparam("b_ref")),
                )
                .values(referred_by_id=bindparam("b_ref")),
                params,
                execution_options={"synchronize_session": False},
            )
