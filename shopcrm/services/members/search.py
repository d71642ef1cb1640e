"""The front desk's one search box.

Every form of query is answered by index range scans (``col >= prefix AND col < next``, which
SQLite and PostgreSQL both serve from a B-tree, unlike LIKE on a non-C collation):

=====  ================  ==========================================================
rank   match             how
=====  ================  ==========================================================
0      ``phone``         the whole number (any writing) = ``phone`` (unique index)
1      ``card``          card number equal
2      ``phone_tail``    last digits: prefix of ``phone_rev`` (reversed digits)
3      ``card_prefix``   card number starts with the query
4      ``name``          name starts with the characters
5      ``pinyin``        full pinyin starts with the letters (``zhangsan``, ``zhang s``)
6      ``initials``      initials start with the letters (``zs``)
7      ``name_contains`` characters anywhere in the name (covering-index scan)
8      ``phone_digits``  digits anywhere in the number (covering-index scan)
=====  ================  ==========================================================

Within a rank, exact keys come first, then the most recent visitors. Lower ranks are only
asked while the list is not full, so the common searches stop after one or two lookups; the
digit fragment (an index scan) is only asked when no phone or card matched at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from ...i18n import ShopError
from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED, Member
from ..names import normalize_query_letters
from ..phones import display_phone, normalize_phone
from .core import phone_region, status_in

MATCH_KINDS = (
    "phone",
    "card",
    "phone_tail",
    "card_prefix",
    "name",
    "pinyin",
    "initials",
    "name_contains",
    "phone_digits",
)
_RANK = {kind: i for i, kind in enumerate(MATCH_KINDS)}
_PHONEISH = re.compile(r"^[\d\s+\-()（）.]+$")
_LETTERS = re.compile(r"^[A-Za-z\s'’·.-]+$")
MAX_QUERY = 60


@dataclass(frozen=True)
class MemberHit:
    id: int
    name: str
    phone: str  # as displayed ("138 0013 8000")
    card_no: str | None
    level: str
    last_visit_on: date | None
    match: str  # one of MATCH_KINDS
    status: str = MEMBER_ACTIVE


def _next_prefix(prefix: str) -> str | None:
    """The smallest string greater than every string starting with `prefix`."""
    code = ord(prefix[-1]) + 1
    if 0xD800 <= code <= 0xDFFF:
        code = 0xE000
    if code > 0x10FFFF:
        return None
    return prefix[:-1] + chr(code)


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    upper = _next_prefix(prefix)
    if upper is None:
        return column >= prefix
    return (column >= prefix) & (column < upper)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def clean_query(query: str) -> str:
    text = unicodedata.normalize("NFKC", str(query or ""))
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    return " ".join(text.split())[:MAX_QUERY]


_COLUMNS = (
    Member.id,
    Member.name,
    Member.phone,
    Member.card_no,
    Member.level,
    Member.last_visit_on,
    Member.status,
    Member.name_pinyin,
    Member.name_initials,
)


class _Collector:
    def __init__(self, session: Session, limit: int, statuses: tuple[str, ...]):
        self.session, self.limit, self.statuses = session, limit, statuses
        self.found: dict[int, tuple[tuple[Any, ...], Any]] = {}

    @property
    def full(self) -> bool:
        return len(self.found) >= self.limit

    def run(self, kind: str, where: ColumnElement[bool], order: Any, exact: Any = None) -> None:
        if self.full:
            return
        stmt: Select[Any] = (
            select(*_COLUMNS)
            .where(where, status_in(*self.statuses))
            .order_by(order)
            .limit(self.limit)
        )
        self._add(kind, self.session.execute(stmt), exact)

    def run_ids(self, kind: str, id_stmt: Select[Any]) -> None:
        """A scan of a covering index for ids, then the rows by primary key."""
        if self.full:
            return
        ids = list(self.session.scalars(id_stmt.limit(self.limit * 4)))
        if ids:
            stmt = select(*_COLUMNS).where(Member.id.in_(ids), status_in(*self.statuses))
            self._add(kind, self.session.execute(stmt), None)

    def _add(self, kind: str, rows: Any, exact: Any) -> None:
        for row in rows:
            if row.id in self.found:
                continue
            is_exact = exact is not None and exact(row)
            recency = -(row.last_visit_on.toordinal() if row.last_visit_on else 0)
            self.found[row.id] = (
                (_RANK[kind], 0 if is_exact else 1, recency, row.name, row.id),
                (row, kind),
            )

    def hits(self) -> list[MemberHit]:
        ordered = sorted(self.found.values(), key=lambda item: item[0])[: self.limit]
        return [
            MemberHit(
                id=row.id,
                name=row.name,
                phone=display_phone(row.phone),
                card_no=row.card_no,
                level=row.level or "",
                last_visit_on=row.last_visit_on,
                match=kind,
                status=row.status,
            )
            for _key, (row, kind) in ordered
        ]


def search_members(
    session: Session, query: str, limit: int = 20, include_archived: bool = False
) -> list[MemberHit]:
    """Members matching what was typed in the search box, best first (see module doc)."""
    text = clean_query(query)
    limit = max(1, min(int(limit), 500))
    if not text:
        return []
    statuses = (MEMBER_ACTIVE, MEMBER_ARCHIVED) if include_archived else (MEMBER_ACTIVE,)
    found = _Collector(session, limit, statuses)
    compact = text.replace(" ", "")
    if _PHONEISH.match(text):
        _search_digits(session, found, text, re.sub(r"\D", "", text))
    if any(c.isdigit() for c in compact):  # card numbers carry digits ("880001", "VIP07")
        found.run("card", Member.card_no == compact, Member.card_no)
        if compact.upper() != compact:
            found.run("card", Member.card_no == compact.upper(), Member.card_no)
        found.run("card_prefix", prefix_range(Member.card_no, compact), Member.card_no)
    if _PHONEISH.match(text):
        _search_fragment(found, re.sub(r"\D", "", text))
    elif _LETTERS.match(text):
        _search_pinyin(found, text)
    else:
        found.run(
            "name", prefix_range(Member.name, text), Member.name, exact=lambda row: row.name == text
        )
        found.run_ids(
            "name_contains",
            select(Member.id).where(Member.name.like(f"%{_like_escape(text)}%", escape="\\")),
        )
    return found.hits()


def _search_digits(session: Session, found: _Collector, text: str, digits: str) -> None:
    if not digits:
        return
    if len(digits) >= 7:
        try:
            phone = normalize_phone(text, phone_region(session))
        except ShopError:
            phone = None
        if phone:
            found.run(
                "phone",
                (Member.phone_rev == phone.reversed_digits) & (Member.phone == phone.e164),
                Member.phone_rev,
            )
    found.run(
        "phone_tail",
        prefix_range(Member.phone_rev, digits[::-1]),
        Member.phone_rev,
        exact=lambda row: False,
    )


def _search_fragment(found: _Collector, digits: str) -> None:
    """Digits anywhere in the number: a scan of the phone_rev index, so only asked when no
    phone or card matched the digits in a better way (and not for a whole number)."""
    if 3 <= len(digits) < 11 and not found.found:
        found.run_ids(
            "phone_digits", select(Member.id).where(Member.phone_rev.like(f"%{digits[::-1]}%"))
        )


def _search_pinyin(found: _Collector, text: str) -> None:
    letters = normalize_query_letters(text)
    if not letters:
        return
    found.run(
        "name",
        prefix_range(Member.name, text),
        Member.name,
        exact=lambda row: row.name.lower() == text.lower(),
    )
    found.run(
        "pinyin",
        prefix_range(Member.name_pinyin, letters),
        Member.name_pinyin,
        exact=lambda row: row.name_pinyin == letters,
    )
    found.run(
        "initials",
        prefix_range(Member.name_initials, letters),
        Member.name_initials,
        exact=lambda row: row.name_initials == letters,
    )
