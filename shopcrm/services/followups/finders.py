"""Finding the occasions a rule raises in a window of days, set-based.

Each finder takes (session, rule parameters, first day, last day) and returns candidates
whose days on the list overlap the window; `raising` writes them idempotently.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ...models import (
    MEMBER_ACTIVE,
    VISIT_OK,
    VISIT_VOIDED,
    Member,
    MemberCard,
    Service,
    Staff,
    Visit,
    VisitLine,
)
from .. import calendar as cal
from .booking_reminder import booking_candidates
from .texts import (
    KIND_AFTERCARE,
    KIND_ANNIVERSARY,
    KIND_BIRTHDAY,
    KIND_BOOKING,
    KIND_CARD_EXPIRING,
    KIND_WINBACK,
    MARKETING_KINDS,
)

CHUNK = 500  # ids per IN (...) list


@dataclass
class Candidate:
    member_id: int
    occasion_date: date
    due_date: date
    detail: dict[str, Any]
    visit_id: int | None = None
    service_id: int | None = None


def chunks(items: list[Any], size: int = CHUNK) -> Any:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _active_members(rule_kind: str) -> list[Any]:
    """Conditions every raised member meets: active, and consent for greetings/offers."""
    conds: list[Any] = [Member.status == MEMBER_ACTIVE]
    if rule_kind in MARKETING_KINDS:
        conds.append(Member.consent_marketing.is_(True))
    return conds


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


# --- birthdays -------------------------------------------------------------------------


def _birthday_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    lead, keep = int(params["lead_days"]), int(params["keep_days"])
    # On the list from occurrence - lead to occurrence + keep; overlapping [start, on].
    days = cal.days_between(start - timedelta(days=keep), on + timedelta(days=lead))
    solar: dict[int, list[date]] = defaultdict(list)
    lunar: dict[tuple[int, bool], list[date]] = defaultdict(list)
    for day in days:
        for month, mday in cal.solar_birthdays_on(day):
            solar[month * 100 + mday].append(day)
        for month, lday, leap in cal.lunar_birthdays_on(day):
            lunar[(month * 100 + lday, leap)].append(day)
    key = Member.birth_month * 100 + Member.birth_day
    lunar_plain = sorted(k for k, leap in lunar if not leap)
    lunar_leap = sorted(k for k, leap in lunar if leap)
    query = select(
        Member.id,
        Member.birthday_kind,
        Member.birth_month,
        Member.birth_day,
        Member.birth_leap,
        Member.birth_year,
    ).where(
        *_active_members(KIND_BIRTHDAY),
        or_(
            and_(Member.birthday_kind == cal.SOLAR, key.in_(sorted(solar))),
            and_(
                Member.birthday_kind == cal.LUNAR,
                Member.birth_leap.is_(False),
                key.in_(lunar_plain),
            ),
            and_(
                Member.birthday_kind == cal.LUNAR, Member.birth_leap.is_(True), key.in_(lunar_leap)
            ),
        ),
    )
    out = []
    for mid, kind, month, mday, leap, year in session.execute(query):
        k = month * 100 + mday
        occurrences = solar[k] if kind == cal.SOLAR else lunar[(k, bool(leap))]
        for occ in occurrences:
            detail = {"kind": kind, "month": month, "day": mday, "leap": bool(leap)}
            if year:
                age_year = occ.year if kind == cal.SOLAR else cal.lunar_of(occ)[0]
                detail["age"] = age_year - year
            out.append(Candidate(mid, occ, occ - timedelta(days=lead), detail))
    return out


def _anniversary_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    lead, keep = int(params["lead_days"]), int(params["keep_days"])
    years = [int(y) for y in params["years"]]
    by_join: dict[date, list[tuple[date, int]]] = defaultdict(list)
    for day in cal.days_between(start - timedelta(days=keep), on + timedelta(days=lead)):
        for n in years:
            for month, mday in cal.solar_birthdays_on(day):
                try:
                    by_join[date(day.year - n, month, mday)].append((day, n))
                except ValueError:  # 29 February of a common year
                    continue
    out = []
    joins = sorted(by_join)
    for part in chunks(joins):
        query = select(Member.id, Member.join_date).where(
            *_active_members(KIND_ANNIVERSARY), Member.join_date.in_(part)
        )
        for mid, joined in session.execute(query):
            for occ, n in by_join[joined]:
                out.append(
                    Candidate(
                        mid,
                        occ,
                        occ - timedelta(days=lead),
                        {"years": n, "join_date": joined.isoformat()},
                    )
                )
    return out


# --- aftercare -------------------------------------------------------------------------


def _offsets_to_services(session: Session, params: dict[str, Any]) -> dict[int, set[int] | None]:
    """offset in days -> the service ids it applies to (None: every service)."""
    wanted = set(params.get("service_ids") or [])
    if params.get("offsets"):
        return {int(o): (wanted or None) for o in params["offsets"]}
    result: dict[int, set[int] | None] = defaultdict(set)
    for sid, offsets in session.execute(select(Service.id, Service.care_offsets)):
        if wanted and sid not in wanted:
            continue
        for offset in offsets or []:
            if isinstance(offset, int) and offset > 0:
                result[offset].add(sid)  # type: ignore[union-attr]
    return dict(result)


def _aftercare_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    keep = int(params["keep_days"])
    merged: dict[tuple[int, date], Candidate] = {}
    for offset, services in sorted(_offsets_to_services(session, params).items()):
        # care date = visit date + offset, on the list until care date + keep.
        first = start - timedelta(days=keep + offset)
        last = on - timedelta(days=offset)
        query = (
            select(
                Visit.id,
                Visit.member_id,
                Visit.visited_at,
                Visit.status,
                VisitLine.service_id,
                VisitLine.item_name,
                Staff.name,
            )
            .join(VisitLine, VisitLine.visit_id == Visit.id)
            .outerjoin(Staff, Staff.id == VisitLine.staff_id)
            .where(
                Visit.visited_at >= day_start(first),
                Visit.visited_at < day_start(last + timedelta(days=1)),
                Visit.member_id.is_not(None),
                # Written as expressions (`status || ''`, `service_id + 0`) so that no index
                # applies to them: SQLite then walks the visited_at index, the selective one,
                # instead of the status or service index that match far more rows.
                Visit.status.concat("") == VISIT_OK,
            )
            .order_by(Visit.visited_at, Visit.id, VisitLine.line_no)
        )
        if services is not None:
            query = query.where((VisitLine.service_id + 0).in_(sorted(services)))
        for vid, mid, visited_at, _status, sid, item, staff in session.execute(query):
            visit_day = visited_at.date()
            care = visit_day + timedelta(days=offset)
            cand = merged.get((mid, care))
            if cand is None:
                merged[(mid, care)] = Candidate(
                    mid,
                    care,
                    care,
                    {
                        "services": [item],
                        "visit_date": visit_day.isoformat(),
                        "offset": offset,
                        "staff": staff or "",
                    },
                    visit_id=vid,
                    service_id=sid,
                )
            elif item not in cand.detail["services"]:
                cand.detail["services"].append(item)
    eligible = _eligible(session, KIND_AFTERCARE, sorted({mid for mid, _ in merged}))
    return [c for (mid, _), c in merged.items() if mid in eligible]


def _eligible(session: Session, kind: str, member_ids: list[int]) -> set[int]:
    """Those of `member_ids` a rule of `kind` may raise for (checked by primary key)."""
    found: set[int] = set()
    for part in chunks(member_ids):
        found.update(
            session.scalars(select(Member.id).where(Member.id.in_(part), *_active_members(kind)))
        )
    return found


# --- win-back --------------------------------------------------------------------------


def _visit_days(session: Session, member_ids: list[int]) -> dict[int, list[date]]:
    """The days of each member's ok visits, in order (a day twice for two visits).

    All visits come from the (member_id, visited_at) index alone, without touching the
    table; the few voided ones (found by the status index) are then taken out.
    """
    days: dict[int, list[date]] = defaultdict(list)
    for part in chunks(member_ids):
        query = select(Visit.member_id, Visit.visited_at).where(Visit.member_id.in_(part))
        for mid, visited_at in session.execute(query):
            days[mid].append(visited_at.date())
    voided = select(Visit.member_id, Visit.visited_at).where(Visit.status == VISIT_VOIDED)
    for mid, visited_at in session.execute(voided):
        if mid in days and visited_at.date() in days[mid]:
            days[mid].remove(visited_at.date())
    return {mid: sorted(d) for mid, d in days.items()}


def winback_threshold(days: list[date], floor_days: int, factor: float) -> tuple[float, float]:
    """(median gap, threshold in days) for a member's visit days (at least two)."""
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    median = float(statistics.median(gaps))
    return median, max(factor * median, float(floor_days))


def _winback_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    floor_days, factor = int(params["floor_days"]), float(params["factor"])
    min_visits, keep = int(params["min_visits"]), int(params["keep_days"])
    # Step 1, from the members' derived stats: lapsed beyond the floor at least.
    query = select(
        Member.id, Member.first_visit_on, Member.last_visit_on, Member.visit_count
    ).where(
        *_active_members(KIND_WINBACK),
        Member.visit_count >= min_visits,
        Member.last_visit_on <= on - timedelta(days=floor_days + 1),
    )
    earliest_due = start - timedelta(days=keep)
    ids = []
    for mid, first, last, count in session.execute(query):
        # At least half of the n = count - 1 gaps are >= their median, so the median is at
        # most span / ceil(n / 2): an upper bound of the threshold. Members whose lapse began
        # before the window even at that bound are skipped without reading their visits.
        span = (last - first).days if first else 0
        upper = max(factor * span / max(1, math.ceil((count - 1) / 2)), float(floor_days))
        if last + timedelta(days=math.floor(upper) + 1) >= earliest_due:
            ids.append(mid)
    # Step 2, only for those: their own cadence from the visits.
    out = []
    for mid, days in _visit_days(session, ids).items():
        if len(days) < min_visits:
            continue
        median, threshold = winback_threshold(days, floor_days, factor)
        last = days[-1]
        due = last + timedelta(days=math.floor(threshold) + 1)  # days since > threshold
        if due <= on and due >= earliest_due:
            out.append(
                Candidate(mid, last, due, {"gap": round(median), "threshold": round(threshold, 1)})
            )
    return out


# --- count cards near their last day ---------------------------------------------------


def _card_expiring_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    """Cards with uses left whose last day is `lead_days` away (services/cards)."""
    from ..cards.holding import card_views

    lead, keep = int(params["lead_days"]), int(params["keep_days"])
    cards = session.scalars(
        select(MemberCard)
        .join(Member, Member.id == MemberCard.member_id)
        .where(
            *_active_members(KIND_CARD_EXPIRING),
            MemberCard.refunded_at.is_(None),
            MemberCard.expires_on >= start - timedelta(days=keep),
            MemberCard.expires_on <= on + timedelta(days=lead),
        )
    ).all()
    out = []
    for view in card_views(session, list(cards), on):
        if view.uses_left <= 0 or view.expires_on is None:
            continue
        detail = {"card_id": view.id, "card": view.name, "uses": view.uses_text()}
        day = view.expires_on
        out.append(Candidate(view.member_id, day, day - timedelta(days=lead), detail))
    return out


FINDERS = {
    KIND_BIRTHDAY: _birthday_candidates,
    KIND_ANNIVERSARY: _anniversary_candidates,
    KIND_AFTERCARE: _aftercare_candidates,
    KIND_WINBACK: _winback_candidates,
    KIND_CARD_EXPIRING: _card_expiring_candidates,
    KIND_BOOKING: booking_candidates,
}
