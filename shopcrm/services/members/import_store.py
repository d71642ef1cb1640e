"""Member import, the table side: set-based look-ups of the members a batch names, and the
bulk insert and update statements that write a batch (no ORM objects, one statement each)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from ... import clock
from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED, Member, MemberTag
from . import name_grams
from .core import status_in
from .rows import ParsedRow

MEMBER_COLUMNS = (
    "id",
    "name",
    "name_pinyin",
    "name_initials",
    "phone",
    "phone_digits",
    "phone_rev",
    "card_no",
    "gender",
    "birthday_kind",
    "birth_year",
    "birth_month",
    "birth_day",
    "birth_leap",
    "level",
    "join_date",
    "source",
    "referred_by_id",
    "notes",
    "consent_marketing",
    "profile",
    "status",
    "version",
)
UPDATABLE = tuple(c for c in MEMBER_COLUMNS if c not in ("id", "version"))


def existing_members(session: Session, batch: list[ParsedRow]) -> tuple[dict, dict, dict]:
    """Set-based look-ups for one batch: members by phone, by card, and their tags."""
    cols = [getattr(Member, c) for c in MEMBER_COLUMNS]
    revs = {r.phone.reversed_digits for r in batch if r.phone}
    cards = {r.values["card_no"] for r in batch if r.values.get("card_no")}
    by_phone: dict[str, dict] = {}
    by_card: dict[str, dict] = {}
    live = (MEMBER_ACTIVE, MEMBER_ARCHIVED)
    if revs:
        for row in session.execute(
            select(*cols).where(Member.phone_rev.in_(revs), status_in(*live))
        ):
            m = row._asdict()
            best = by_phone.get(m["phone"])
            if best is None or better_match(m, best):
                by_phone[m["phone"]] = m
    if cards:
        for row in session.execute(
            select(*cols).where(Member.card_no.in_(cards), status_in(*live))
        ):
            m = row._asdict()
            best = by_card.get(m["card_no"])
            if best is None or better_match(m, best):
                by_card[m["card_no"]] = m
    ids = {m["id"] for m in (*by_phone.values(), *by_card.values())}
    tags: dict[int, set[str]] = {i: set() for i in ids}
    if ids:
        for mid, tag in session.execute(
            select(MemberTag.member_id, MemberTag.tag).where(MemberTag.member_id.in_(ids))
        ):
            tags[mid].add(tag)
    return by_phone, by_card, tags


def better_match(a: dict, b: dict) -> bool:
    """Active beats archived; among equals the newest record wins."""
    return (a["status"] == MEMBER_ACTIVE, a["id"]) > (b["status"] == MEMBER_ACTIVE, b["id"])


def insert_members(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert (plain executemany: SQLite's RETURNING would go row by row), then the new
    ids in one look-up by phone, or by card for rows without a phone."""
    table = Member.__table__
    floor = session.scalar(select(func.max(table.c.id))) or 0
    session.execute(insert(table), rows)
    by_phone: dict[str, int] = {}
    by_card: dict[str, int] = {}
    for mid, phone, card in session.execute(
        select(table.c.id, table.c.phone, table.c.card_no)
        .where(table.c.id > floor)
        .order_by(table.c.id)
    ):
        if phone:
            by_phone.setdefault(phone, mid)
        elif card:
            by_card.setdefault(card, mid)
    ids = [by_phone[r["phone"]] if r["phone"] else by_card[r["card_no"]] for r in rows]
    name_grams.add_new(
        session, [{"id": i, "name": r["name"]} for i, r in zip(ids, rows, strict=True)]
    )
    return ids


def new_member_values(row: ParsedRow) -> dict[str, Any]:
    values = {c: None for c in UPDATABLE}
    values.update(
        gender="",
        level="",
        source="",
        notes="",
        consent_marketing=True,
        birth_leap=False,
        profile={},
        status=MEMBER_ACTIVE,
        join_date=clock.today(),
        phone_digits="",
        phone_rev="",
    )
    values.update(row.values)
    now = clock.now()
    values.update(
        visit_count=0,
        lifetime_spend=0,
        first_visit_on=None,
        last_visit_on=None,
        merged_into_id=None,
        created_at=now,
        updated_at=now,
        version=1,
    )
    return values


def changed_values(current: dict, row: ParsedRow) -> dict[str, Any]:
    changes = {k: v for k, v in row.values.items() if k != "profile" and current.get(k) != v}
    if row.values.get("profile"):
        merged = dict(current.get("profile") or {})
        merged.update(row.values["profile"])
        if merged != (current.get("profile") or {}):
            changes["profile"] = merged
    if "birthday_kind" in changes or any(k.startswith("birth_") for k in changes):
        for k in ("birthday_kind", "birth_year", "birth_month", "birth_day", "birth_leap"):
            changes[k] = row.values[k]
    return changes


def bulk_update(session: Session, rows: list[dict]) -> None:
    table = Member.__table__
    params = [{"b_" + k: r[k] for k in (*UPDATABLE, "id")} for r in rows]
    for p in params:
        p["b_updated_at"] = clock.now()
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({k: bindparam("b_" + k) for k in (*UPDATABLE, "updated_at")})
        .values(version=table.c.version + 1)
    )
    session.execute(stmt, params, execution_options={"synchronize_session": False})
    name_grams.set_names(session, {r["id"]: r["name"] for r in rows})
