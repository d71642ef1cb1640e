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
7      ``name_contains`` characters anywhere in the name (1–2 characters: the gram table,
                         ``name_grams``; from 3: the trigram index, FTS5 on SQLite,
                         pg_trgm on PostgreSQL; else a covering-index scan)
8      ``phone_digits``  digits anywhere in the number (covering-index scan)
=====  ================  ==========================================================

Within a rank, exact keys come first, then the most recent visitors. Lower ranks are only
asked while the list is not full, so the common searches stop after one or two lookups; the
digit fragment (an index scan) is only asked when no phone or card matched at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    bindparam,
    func,
    literal_column,
    select,
    table,
    union_all,
)
from sqlalchemy import column as sql_column
from sqlalchemy.orm import Session

from ...i18n import ShopError
from ...models import MEMBER_ACTIVE, MEMBER_ARCHIVED, Member
from ..names import normalize_query_letters
from ..phones import display_phone, normalize_phone
from . import name_grams
from .core import phone_region
from .name_index import FTS_TABLE, MIN_CHARS, fts_phrase, has_fts

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


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def clean_query(query: str) -> str:
    text = unicodedata.normalize("NFKC", str(query or ""))
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    return " ".join(text.split())[:MAX_QUERY]


_M = Member.__table__.c
_COLUMNS = (
    _M.id,
    _M.name,
    _M.phone,
    _M.card_no,
    _M.level,
    _M.last_visit_on,
    _M.status,
    _M.name_pinyin,
    _M.name_initials,
)
_BRANCH = "branch"
_FTS = table(FTS_TABLE, sql_column("rowid"))
_GRAMS = name_grams.GRAMS.c


@dataclass(frozen=True)
class _Lookup:
    """One index look-up of the search: `shape` names its condition on `column`.

    eq: column = :v · range: :v <= column < :w · from: column >= :v ·
    phone: phone_rev = :v AND phone = :w · contains: id among the first ids (limit × 4) of a
    covering-index scan for column LIKE :v (`escape` for names) · fts: id among the first
    rowids (limit × 4) the FTS5 trigram table matches with the phrase :v · gram: id among
    the newest members (limit × 4) whose name holds the 1–2 characters :v (a seek).
    """

    kind: str
    shape: str
    column: str
    order: str | None
    v: Any
    w: Any = None
    exact: Callable[[Any], bool] | None = None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.shape, self.column, self.order)


def _status_in(statuses: tuple[str, ...]) -> ColumnElement[bool]:
    """members.core.status_in on the table's column (a Core statement, no ORM layer)."""
    return func.coalesce(_M.status, "").in_(statuses)


def _condition(shape: str, column: str, n: int) -> ColumnElement[bool]:
    col = _M[column]
    v, w = bindparam(f"v{n}"), bindparam(f"w{n}")
    if shape == "eq":
        return col == v
    if shape == "range":
        return (col >= v) & (col < w)
    if shape == "from":
        return col >= v
    if shape == "phone":
        return (_M.phone_rev == v) & (_M.phone == w)
    if shape == "fts":
        match = literal_column(FTS_TABLE).op("MATCH")(v)
        rowids = select(_FTS.c.rowid).where(match).limit(bindparam(f"w{n}"))
        return _M.id.in_(rowids.scalar_subquery())
    if shape == "gram":
        ids = (
            select(_GRAMS.member_id)
            .where(_GRAMS.gram == v)
            .order_by(_GRAMS.member_id.desc())
            .limit(bindparam(f"w{n}"))
        )
        return _M.id.in_(ids.scalar_subquery())
    escape = "\\" if column == "name" else None
    if shape == "icontains":  # PostgreSQL: ILIKE, so Latin letters match in any case there
        ids = select(_M.id).where(col.ilike(v, escape=escape)).limit(bindparam(f"w{n}"))
        return _M.id.in_(ids.scalar_subquery())
    ids = select(_M.id).where(col.like(v, escape=escape)).limit(bindparam(f"w{n}"))
    return _M.id.in_(ids.scalar_subquery())


@lru_cache(maxsize=128)
def _statement(
    keys: tuple[tuple[str, str, str | None], ...], statuses: tuple[str, ...], limit: int
):
    """The look-ups as one statement (UNION ALL of each look-up with its own order and
    limit, tagged with its position), built once per shape: the compiled form is cached."""
    parts = []
    for n, (shape, column, order) in enumerate(keys):
        part = select(literal_column(str(n)).label(_BRANCH), *_COLUMNS).where(
            _condition(shape, column, n), _status_in(statuses)
        )
        if order is not None:
            part = part.order_by(_M[order]).limit(limit)
        parts.append(part if len(keys) == 1 else select(part.subquery()))
    return parts[0] if len(parts) == 1 else union_all(*parts)


def _params(look: _Lookup, n: int, limit: int) -> dict[str, Any]:
    if look.shape in ("contains", "icontains", "fts", "gram"):
        return {f"v{n}": look.v, f"w{n}": limit * 4}
    if look.shape in ("range", "phone"):
        return {f"v{n}": look.v, f"w{n}": look.w}
    return {f"v{n}": look.v}


class _Collector:
    """Gathers look-ups and asks them in one round trip (`batched`) or one by one.

    Either way a look-up counts only if the list was not full before it, as when each is
    asked in turn (its rows would otherwise displace the earlier look-ups' rows).
    """

    def __init__(
        self, session: Session, limit: int, statuses: tuple[str, ...], batched: bool = True
    ):
        self.session, self.limit, self.statuses = session, limit, statuses
        self.batched = batched
        self.found: dict[int, tuple[tuple[Any, ...], Any]] = {}
        self.pending: list[_Lookup] = []

    @property
    def full(self) -> bool:
        return len(self.found) >= self.limit

    def ask(self, look: _Lookup) -> None:
        if look.shape in ("range", "from"):
            upper = _next_prefix(look.v)
            look = _Lookup(
                look.kind,
                "from" if upper is None else "range",
                look.column,
                look.order,
                look.v,
                upper,
                look.exact,
            )
        self.pending.append(look)

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        if not pending:
            return
        groups = [pending] if self.batched else [[look] for look in pending]
        for group in groups:
            if self.full:
                return
            self._fetch(group)

    def _fetch(self, group: list[_Lookup]) -> None:
        stmt = _statement(tuple(look.key for look in group), self.statuses, self.limit)
        params: dict[str, Any] = {}
        for n, look in enumerate(group):
            params.update(_params(look, n, self.limit))
        by_branch: dict[int, list[Any]] = {}
        for row in self.session.execute(stmt, params):
            by_branch.setdefault(row.branch, []).append(row)
        for n, look in enumerate(group):
            if self.full:
                break
            self._add(look.kind, by_branch.get(n, ()), look.exact)

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
    return _search(session, query, limit, include_archived, batched=True)


def _search(
    session: Session, query: str, limit: int, include_archived: bool, *, batched: bool
) -> list[MemberHit]:
    """The search; `batched` asks the look-ups of a step in one statement (the product),
    otherwise one statement each (the plain form, kept to check they agree)."""
    text = clean_query(query)
    limit = max(1, min(int(limit), 500))
    if not text:
        return []
    statuses = (MEMBER_ACTIVE, MEMBER_ARCHIVED) if include_archived else (MEMBER_ACTIVE,)
    found = _Collector(session, limit, statuses, batched)
    compact = text.replace(" ", "")
    if _PHONEISH.match(text):
        _search_digits(session, found, text, re.sub(r"\D", "", text))
    if any(c.isdigit() for c in compact):  # card numbers carry digits ("880001", "VIP07")
        found.ask(_Lookup("card", "eq", "card_no", "card_no", compact))
        if compact.upper() != compact:
            found.ask(_Lookup("card", "eq", "card_no", "card_no", compact.upper()))
        found.ask(_Lookup("card_prefix", "range", "card_no", "card_no", compact))
    if _PHONEISH.match(text):
        found.flush()
        _search_fragment(found, re.sub(r"\D", "", text))
    elif _LETTERS.match(text):
        _search_pinyin(found, text)
    else:
        found.ask(
            _Lookup("name", "range", "name", "name", text, exact=lambda row: row.name == text)
        )
        if len(text) >= MIN_CHARS and has_fts(session):
            found.ask(_Lookup("name_contains", "fts", "name", None, fts_phrase(text)))
        elif len(text) <= name_grams.MAX_CHARS:
            gram = name_grams.fold(text)
            found.ask(_Lookup("name_contains", "gram", "name", None, gram))
        else:
            # SQLite's LIKE ignores the case of ASCII letters (as the gram table does);
            # PostgreSQL's LIKE does not, its ILIKE does (and pg_trgm serves both)
            shape = "icontains" if session.get_bind().dialect.name == "postgresql" else "contains"
            found.ask(_Lookup("name_contains", shape, "name", None, f"%{like_escape(text)}%"))
    found.flush()
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
            found.ask(
                _Lookup(
                    "phone", "phone", "phone_rev", "phone_rev", phone.reversed_digits, phone.e164
                )
            )
    found.ask(
        _Lookup(
            "phone_tail", "range", "phone_rev", "phone_rev", digits[::-1], exact=lambda row: False
        )
    )


def _search_fragment(found: _Collector, digits: str) -> None:
    """Digits anywhere in the number: a scan of the phone_rev index, so only asked when no
    phone or card matched the digits in a better way (and not for a whole number)."""
    if 3 <= len(digits) < 11 and not found.found:
        found.ask(_Lookup("phone_digits", "contains", "phone_rev", None, f"%{digits[::-1]}%"))


def _search_pinyin(found: _Collector, text: str) -> None:
    letters = normalize_query_letters(text)
    if not letters:
        return
    found.ask(
        _Lookup(
            "name",
            "range",
            "name",
            "name",
            text,
            exact=lambda row: row.name.lower() == text.lower(),
        )
    )
    found.ask(
        _Lookup(
            "pinyin",
            "range",
            "name_pinyin",
            "name_pinyin",
            letters,
            exact=lambda row: row.name_pinyin == letters,
        )
    )
    found.ask(
        _Lookup(
            "initials",
            "range",
            "name_initials",
            "name_initials",
            letters,
            exact=lambda row: row.name_initials == letters,
        )
    )
