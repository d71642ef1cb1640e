"""The member list: filtered and sorted ids in SQL, then display rows a page at a time.

The Members screen keeps only the id list of the whole (filtered) shop and asks for rows of
the ids it shows (a couple of hundred per call, three indexed ``IN`` queries). Rules:

- Text filter: characters anywhere in the name, full pinyin or initials from the start
  (``zhangs``, ``zs``), digits anywhere in the phone number, card number from the start.
- "Not seen for N days": last visit more than N days ago, or never visited though the member
  joined more than N days ago (someone who joined yesterday is not "unseen for 60 days").
- Status ``active`` (default), ``archived`` or ``all`` (both; merged and erased records are
  never listed).
- ABC class, RFM segment and lifecycle stage are not columns: they are computed by the
  analytics rules once per refresh (:func:`member_class_codes`) and applied to the SQL
  result in Python (set look-ups keep the SQL order; sorting by them is a stable sort).
- Every order ends with the id, so equal keys keep one order; empty values sort last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from ... import clock
from ...models import (
    ACCOUNT_STORED_VALUE,
    MEMBER_ACTIVE,
    MEMBER_ARCHIVED,
    Member,
    MemberTag,
    WalletEntry,
)
from ..analytics.segments import (
    SEGMENTS,
    STAGES,
    abc_classes,
    abc_limits,
    lifecycle_params,
    lifecycle_stage,
    rfm_scores,
    rfm_window,
)
from ..names import name_sort_key, normalize_query_letters
from ..phones import display_phone
from .search import clean_query, like_escape, prefix_range

STATUS_ACTIVE, STATUS_ARCHIVED, STATUS_ALL = "active", "archived", "all"
STATUSES = {
    STATUS_ACTIVE: (MEMBER_ACTIVE,),
    STATUS_ARCHIVED: (MEMBER_ARCHIVED,),
    STATUS_ALL: (MEMBER_ACTIVE, MEMBER_ARCHIVED),
}
# Sort keys computed from the class map rather than SQL.
CLASS_KEYS = ("abc", "segment", "stage")
SORT_KEYS = (
    "name",
    "phone",
    "card_no",
    "level",
    "tags",
    "last_visit_on",
    "visit_count",
    "lifetime_spend",
    "balance",
    "join_date",
    *CLASS_KEYS,
)
_DIGITS = re.compile(r"^[\d\s+\-()（）.]+$")


@dataclass(frozen=True)
class MemberFilter:
    """What the member list shows; every field left at its default filters nothing."""

    text: str = ""
    level: str | None = None
    tag: str | None = None
    status: str = STATUS_ACTIVE
    not_seen_days: int | None = None  # last visit over N days ago (or never, see above)
    seen_within_days: int | None = None  # visited in the last N days
    never_visited: bool = False
    abc: str | None = None
    segment: str | None = None  # an RFM segment key (analytics.SEGMENTS)
    stage: str | None = None  # a lifecycle stage key (analytics.STAGES)

    @property
    def needs_classes(self) -> bool:
        return bool(self.abc or self.segment or self.stage)


@dataclass(frozen=True, slots=True)
class ClassCodes:
    abc: str
    segment: str | None  # None: no visit inside the RFM window
    stage: str


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One display-ready line of the member list."""

    id: int
    name: str
    phone: str  # as displayed
    card_no: str | None
    level: str
    tags: str  # "tag1, tag2"
    last_visit_on: date | None
    visit_count: int
    lifetime_spend: Decimal
    balance: Decimal
    status: str
    join_date: date | None = None
    abc: str | None = None
    segment: str | None = None
    stage: str | None = None


# ------------------------------------------------------------------ classes


def member_class_codes(session: Session, as_of: date | None = None) -> dict[int, ClassCodes]:
    """Every active or archived member's ABC class, RFM segment and lifecycle stage (codes
    only, no reasons: cheap enough to recompute on each refresh of the list)."""
    as_of = as_of or clock.today()
    window = rfm_window(session)
    from ..analytics.history import load_histories  # numpy: loaded on first use

    histories = load_histories(session, as_of, window)
    abc = abc_classes(histories, abc_limits(session))
    rfm = rfm_scores(histories, as_of, window)
    params = lifecycle_params(session)
    out: dict[int, ClassCodes] = {}
    shared: dict[ClassCodes, ClassCodes] = {}  # ~150 combinations: one object each
    for h in histories:
        s = rfm.get(h.member_id)
        codes = ClassCodes(
            abc[h.member_id].cls,
            s.segment if s else None,
            lifecycle_stage(h, as_of, params).stage,
        )
        out[h.member_id] = shared.setdefault(codes, codes)
    return out


# ------------------------------------------------------------------ ids


def _text_clause(text: str) -> ColumnElement[bool] | None:
    text = clean_query(text)
    if not text:
        return None
    compact = text.replace(" ", "")
    ors: list[ColumnElement[bool]] = [
        Member.name.like(f"%{like_escape(text)}%", escape="\\"),
        prefix_range(Member.card_no, compact),
    ]
    if compact.upper() != compact:
        ors.append(prefix_range(Member.card_no, compact.upper()))
    if _DIGITS.match(text):
        digits = re.sub(r"\D", "", text)
        if digits:
            ors.append(Member.phone_rev.like(f"%{digits[::-1]}%"))
    letters = normalize_query_letters(text)
    if letters and letters.isascii() and letters.isalpha():
        ors.append(prefix_range(Member.name_pinyin, letters))
        ors.append(prefix_range(Member.name_initials, letters))
    return or_(*ors)


def _where(flt: MemberFilter, today: date) -> list[ColumnElement[bool]]:
    statuses = STATUSES.get(flt.status, STATUSES[STATUS_ACTIVE])
    where: list[ColumnElement[bool]] = [Member.status.in_(statuses)]
    text = _text_clause(flt.text)
    if text is not None:
        where.append(text)
    if flt.level:
        where.append(Member.level == flt.level)
    if flt.tag:
        where.append(Member.id.in_(select(MemberTag.member_id).where(MemberTag.tag == flt.tag)))
    if flt.not_seen_days is not None:
        cutoff = today - timedelta(days=flt.not_seen_days)
        where.append(
            or_(
                Member.last_visit_on < cutoff,
                and_(Member.last_visit_on.is_(None), Member.join_date < cutoff),
            )
        )
    if flt.seen_within_days is not None:
        where.append(Member.last_visit_on >= today - timedelta(days=flt.seen_within_days))
    if flt.never_visited:
        where.append(Member.last_visit_on.is_(None))
    return where


def _balance_of_member() -> Any:
    """The member's stored-value balance: the last entry's balance_after (one look-up on the
    (member, account, seq) unique index per member)."""
    return func.coalesce(
        select(WalletEntry.balance_after)
        .where(
            WalletEntry.member_id == Member.id,
            WalletEntry.account == ACCOUNT_STORED_VALUE,
        )
        .order_by(WalletEntry.seq.desc())
        .limit(1)
        .correlate(Member)
        .scalar_subquery(),
        0,
    )


def member_ids(
    session: Session,
    flt: MemberFilter = MemberFilter(),  # noqa: B008 - frozen, never mutated
    order: str = "name",
    descending: bool = False,
    classes: dict[int, ClassCodes] | None = None,
    today: date | None = None,
) -> list[int]:
    """The ids of the members `flt` selects, in `order` (one of SORT_KEYS).

    `classes` (from :func:`member_class_codes`) is needed to filter or sort by class; it is
    computed here when missing.
    """
    if order not in SORT_KEYS:
        raise ValueError(f"unknown order {order!r}; one of {SORT_KEYS}")
    today = today or clock.today()
    sql_order = "name" if order in CLASS_KEYS else order
    if sql_order == "name":  # by the surname's syllable (names.name_sort_key), in Python
        query = select(Member.id, Member.name).where(*_where(flt, today)).order_by(Member.id)
        named = session.execute(query).all()  # sorted is stable: equal names keep id order
        ids = [r.id for r in sorted(named, key=lambda r: name_sort_key(r.name), reverse=descending)]
    else:
        ids = _sql_ordered(session, flt, today, sql_order, descending)
    if not flt.needs_classes and order not in CLASS_KEYS:
        return ids
    if classes is None:
        classes = member_class_codes(session, today)
    return apply_classes(ids, flt, classes, order if order in CLASS_KEYS else None, descending)


def _sql_ordered(
    session: Session, flt: MemberFilter, today: date, order: str, descending: bool
) -> list[int]:
    stmt = select(Member.id).where(*_where(flt, today))
    if order == "balance":
        key: Any = _balance_of_member()
    elif order == "tags":
        key = (
            select(func.min(MemberTag.tag))
            .where(MemberTag.member_id == Member.id)
            .correlate(Member)
            .scalar_subquery()
        )
    else:
        key = getattr(Member, order)
    stmt = stmt.order_by((key.desc() if descending else key.asc()).nulls_last(), Member.id)
    return list(session.scalars(stmt))


_RANKS = {
    "abc": {k: i for i, k in enumerate("ABC")},
    "segment": {k: i for i, k in enumerate(SEGMENTS)},
    "stage": {k: i for i, k in enumerate(STAGES)},
}


def apply_classes(
    ids: Sequence[int],
    flt: MemberFilter,
    classes: dict[int, ClassCodes],
    order: str | None = None,
    descending: bool = False,
) -> list[int]:
    """Keep the ids whose classes match `flt`; then (stably) sort by a class if asked."""
    wanted = [(k, getattr(flt, k)) for k in CLASS_KEYS if getattr(flt, k)]
    kept = [
        i
        for i in ids
        if all(getattr(classes.get(i), k, None) == v for k, v in wanted) or not wanted
    ]
    if order is None:
        return kept
    ranks = _RANKS[order]
    missing = len(ranks)

    def rank(i: int) -> int:
        value = getattr(classes.get(i), order, None)
        return ranks.get(value, missing) if value is not None else missing

    if descending:  # empty still last
        return sorted(kept, key=lambda i: (rank(i) == missing, -rank(i)))
    return sorted(kept, key=rank)


# ------------------------------------------------------------------ rows


def member_rows(session: Session, ids: Sequence[int]) -> dict[int, MemberRow]:
    """Display rows for `ids` (any status; unknown ids are left out)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    tags: dict[int, list[str]] = {}
    for mid, tag in session.execute(
        select(MemberTag.member_id, MemberTag.tag)
        .where(MemberTag.member_id.in_(ids))
        .order_by(MemberTag.member_id, MemberTag.tag)
    ):
        tags.setdefault(mid, []).append(tag)
    w2 = WalletEntry.__table__.alias("w2")
    latest = (
        select(func.max(w2.c.seq))
        .where(w2.c.member_id == WalletEntry.member_id, w2.c.account == ACCOUNT_STORED_VALUE)
        .scalar_subquery()
    )
    balances = dict(
        session.execute(
            select(WalletEntry.member_id, WalletEntry.balance_after).where(
                WalletEntry.member_id.in_(ids),
                WalletEntry.account == ACCOUNT_STORED_VALUE,
                WalletEntry.seq == latest,
            )
        ).all()
    )
    zero = Decimal("0.00")
    out: dict[int, MemberRow] = {}
    for m in session.execute(
        select(
            Member.id,
            Member.name,
            Member.phone,
            Member.card_no,
            Member.level,
            Member.last_visit_on,
            Member.visit_count,
            Member.lifetime_spend,
            Member.status,
            Member.join_date,
        ).where(Member.id.in_(ids))
    ):
        out[m.id] = MemberRow(
            id=m.id,
            name=m.name,
            phone=display_phone(m.phone),
            card_no=m.card_no,
            level=m.level or "",
            tags=", ".join(tags.get(m.id, [])),
            last_visit_on=m.last_visit_on,
            visit_count=m.visit_count or 0,
            lifetime_spend=m.lifetime_spend if m.lifetime_spend is not None else zero,
            balance=balances.get(m.id, zero),
            status=m.status,
            join_date=m.join_date,
        )
    return out


def member_levels(session: Session) -> list[str]:
    """The membership levels in use (active or archived members), alphabetically."""
    return [
        level
        for level in session.scalars(
            select(Member.level)
            .where(Member.status.in_(STATUSES[STATUS_ALL]), Member.level != "")
            .distinct()
            .order_by(Member.level)
        )
        if level
    ]


def member_count(session: Session, status: str = STATUS_ACTIVE) -> int:
    statuses = STATUSES.get(status, STATUSES[STATUS_ACTIVE])
    return int(
        session.scalar(select(func.count()).select_from(Member).where(Member.status.in_(statuses)))
        or 0
    )
