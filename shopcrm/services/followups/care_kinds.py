"""The care kinds of follow-up (issue 20, docs/care.md): how each is found and worded.

- **holiday**: greetings `lead_days` before each holiday of the rule (services/holidays.py),
  for consenting active members, only women on 妇女节, only the rule's segment if it has one.
- **campaign**: raised by launching a campaign (services/care/campaigns.py), never here.
- **complaint**: a visit's complaint text (within `lookback_days`) becomes a complaint row;
  every live complaint has one follow-up, due the day it was opened, on the list until the
  complaint is resolved or dropped.
- **low_score**: a visit scored `max_score` or lower raises a care call on the visit's day.

Imported by the package (`followups/__init__.py`), which registers the finders and words.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define, for_language, join_list, translate
from ...models import (
    COMPLAINT_LIVE,
    VISIT_OK,
    Complaint,
    Member,
    SatisfactionScore,
    Staff,
    Visit,
    VisitLine,
)
from .. import holidays
from ..birthdays import format_month_day
from ..care.segments import check_segment, segment_ids
from ..dates import day_text
from .finders import FINDERS, Candidate, chunks, day_start
from .messages import REASONS, VALUES
from .rules import PARAM_CHECKS
from .texts import (
    ACTION_NAMES,
    E_BAD_PARAM,
    KIND_CAMPAIGN,
    KIND_COMPLAINT,
    KIND_HOLIDAY,
    KIND_LOW_SCORE,
)

R_COMPLAINT = define(
    "followups.reason.complaint",
    en="complaint on {date}: {text}",
    zh="{date}投诉：{text}",
)
R_LOW_SCORE = define(
    "followups.reason.low_score",
    en="scored {score} of 5 on {date}{services}",
    zh="{date}满意度{score}分{services}",
)
R_SERVICES = define("followups.reason.low_score_services", en=" ({services})", zh="（{services}）")
R_CAMPAIGN = define("followups.reason.campaign", en="campaign: {why}", zh="活动：{why}")


# --- finding -------------------------------------------------------------------------------


def _consenting(session: Session, gender: str) -> list[int]:
    query = select(Member.id).where(Member.status == "active", Member.consent_marketing.is_(True))
    if gender:
        query = query.where(Member.gender == gender)
    return list(session.scalars(query))


def holiday_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    key = params.get("holiday", "")
    if key not in holidays.BY_KEY:
        return []
    lead, keep = int(params["lead_days"]), int(params["keep_days"])
    days = holidays.occurrences(key, start - timedelta(days=keep), on + timedelta(days=lead))
    if not days:
        return []
    members = _consenting(session, holidays.BY_KEY[key].gender)
    segment = (params.get("segment") or "").strip()
    if segment:
        inside = segment_ids(session, segment, on)
        members = [m for m in members if m in inside]
    return [
        Candidate(mid, day, day - timedelta(days=lead), {"holiday": key})
        for day in days
        for mid in members
    ]


def ingest_visit_complaints(session: Session, first: date, last: date) -> int:
    """Turn the complaint texts of ok visits from `first` to `last` into complaint rows
    (once per visit: `complaints.visit_id` is unique). Returns how many were added."""
    query = select(Visit.id, Visit.member_id, Visit.visited_at, Visit.complaint).where(
        Visit.visited_at >= day_start(first),
        Visit.visited_at < day_start(last + timedelta(days=1)),
        Visit.member_id.is_not(None),
        Visit.status.concat("") == VISIT_OK,  # walk the visited_at index (finders.py)
    )
    found = [row for row in session.execute(query) if (row.complaint or "").strip()]
    if not found:
        return 0
    have = set()
    for part in chunks([row.id for row in found]):
        have.update(session.scalars(select(Complaint.visit_id).where(Complaint.visit_id.in_(part))))
    new = [row for row in found if row.id not in have]
    firsts = _first_lines(session, [row.id for row in new])
    for row in new:
        staff_id, service_id = firsts.get(row.id, (None, None))
        session.add(
            Complaint(
                member_id=row.member_id,
                visit_id=row.id,
                staff_id=staff_id,
                service_id=service_id,
                text=row.complaint.strip(),
                source="visit",
                opened_at=row.visited_at,
            )
        )
    session.flush()
    return len(new)


def _first_lines(
    session: Session, visit_ids: list[int]
) -> dict[int, tuple[int | None, int | None]]:
    """visit id -> (staff, service) of its first line: who and what a complaint is about."""
    out: dict[int, tuple[int | None, int | None]] = {}
    for part in chunks(visit_ids):
        query = (
            select(VisitLine.visit_id, VisitLine.staff_id, VisitLine.service_id)
            .where(VisitLine.visit_id.in_(part))
            .order_by(VisitLine.visit_id, VisitLine.line_no)
        )
        for vid, staff_id, service_id in session.execute(query):
            out.setdefault(vid, (staff_id, service_id))
    return out


def complaint_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    lookback = int(params.get("lookback_days", 30))
    ingest_visit_complaints(session, start - timedelta(days=lookback), on)
    query = select(Complaint).where(
        Complaint.status.in_(COMPLAINT_LIVE), Complaint.followup_id.is_(None)
    )
    out = []
    for c in session.scalars(query):
        day = c.opened_at.date()
        if day > on:
            continue
        out.append(
            Candidate(
                c.member_id,
                day,
                day,
                {"complaint_id": c.id, "text": c.text[:200]},
                visit_id=c.visit_id,
                service_id=c.service_id,
            )
        )
    return out


def low_score_candidates(
    session: Session, params: dict[str, Any], start: date, on: date
) -> list[Candidate]:
    top, keep = int(params["max_score"]), int(params["keep_days"])
    first = start - timedelta(days=keep)
    query = select(Visit.id, Visit.member_id, Visit.visited_at, Visit.satisfaction).where(
        Visit.visited_at >= day_start(first),
        Visit.visited_at < day_start(on + timedelta(days=1)),
        Visit.member_id.is_not(None),
        Visit.status.concat("") == VISIT_OK,
    )
    rows = [
        r for r in session.execute(query) if r.satisfaction is not None and r.satisfaction <= top
    ]
    services = _line_words(session, [r.id for r in rows])
    out = [
        Candidate(
            r.member_id,
            r.visited_at.date(),
            r.visited_at.date(),
            {
                "score": r.satisfaction,
                "visit_date": r.visited_at.date().isoformat(),
                **services.get(r.id, {}),
            },
            visit_id=r.id,
        )
        for r in rows
    ]
    calls = select(SatisfactionScore).where(
        SatisfactionScore.created_at >= day_start(first),
        SatisfactionScore.created_at < day_start(on + timedelta(days=1)),
        SatisfactionScore.score <= top,
    )
    for s in session.scalars(calls):
        day = s.created_at.date()
        out.append(
            Candidate(
                s.member_id,
                day,
                day,
                {"score": s.score, "visit_date": day.isoformat()},
                visit_id=s.visit_id,
            )
        )
    return out


def _line_words(session: Session, visit_ids: list[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = defaultdict(lambda: {"services": [], "staff": ""})
    for part in chunks(visit_ids):
        query = (
            select(VisitLine.visit_id, VisitLine.item_name, Staff.name)
            .outerjoin(Staff, Staff.id == VisitLine.staff_id)
            .where(VisitLine.visit_id.in_(part))
            .order_by(VisitLine.visit_id, VisitLine.line_no)
        )
        for vid, item, staff in session.execute(query):
            entry = out[vid]
            if item not in entry["services"]:
                entry["services"].append(item)
            entry["staff"] = entry["staff"] or (staff or "")
    return dict(out)


# --- words ---------------------------------------------------------------------------------

# What the rules page shows for the care kinds: placeholders beyond the common ones, words
# for their parameters and placeholders, and a made-up occasion for the preview.
CARE_PLACEHOLDERS = {
    KIND_HOLIDAY: ("holiday",),
    KIND_COMPLAINT: ("complaint",),
    KIND_LOW_SCORE: ("score", "service", "staff"),
}
CARE_PARAMS = {
    "segment": define(
        "followups.param.segment",
        en="Only this segment (empty: everyone)",
        zh="仅限客群（留空为全部）",
    ),
    "max_score": define(
        "followups.param.max_score", en="Low score: at most", zh="低分标准：不高于"
    ),
    "lookback_days": define(
        "followups.param.lookback_days",
        en="Pick up visit complaints from the last (days)",
        zh="读取最近几天消费记录里的投诉",
    ),
    "holiday": define("followups.placeholder.holiday", en="the holiday", zh="节日名称"),
    "complaint": define("followups.placeholder.complaint", en="the complaint", zh="投诉内容"),
    "score": define("followups.placeholder.score", en="the score", zh="评分"),
}
_SAMPLE_COMPLAINT = {"zh": "等待时间太长", "en": "waited too long"}


def care_sample(
    kind: str, lang: str, sample: dict[str, str], today: date
) -> tuple[dict[str, Any], date]:
    """(detail, occasion) of a made-up follow-up of a care kind, for the rules page."""
    if kind == KIND_HOLIDAY:
        return {"holiday": "spring_festival"}, today + timedelta(days=3)
    if kind == KIND_COMPLAINT:
        return {"text": for_language(_SAMPLE_COMPLAINT, lang)}, today
    return {
        "score": 2,
        "services": [sample.get("service", "")],
        "staff": sample.get("staff", ""),
    }, today


def _date_words(day: date, lang: str) -> str:
    return format_month_day(day.month, day.day, lang)


def _holiday_reason(detail: dict[str, Any], occasion: date, on: date, lang: str) -> str:
    return holidays.reason(detail.get("holiday", ""), occasion, on, lang)


def _holiday_values(detail: dict[str, Any], occasion: date, on: date, lang: str) -> dict:
    key = detail.get("holiday", "spring_festival")
    return {"holiday": holidays.holiday_name(key, lang)}


def _campaign_reason(detail: dict[str, Any], occasion: date, on: date, lang: str) -> str:
    why = detail.get("why") or {}
    return translate(R_CAMPAIGN, lang, why=why.get(lang) or why.get("en") or "")


def _campaign_values(detail: dict[str, Any], occasion: date, on: date, lang: str) -> dict:
    return dict(detail.get("values") or {})


def _complaint_reason(detail: dict[str, Any], occasion: date, on: date, lang: str) -> str:
    day = day_text(occasion, lang, on)  # the one date rule: 11月14日 / 14 Nov
    return translate(R_COMPLAINT, lang, date=day, text=detail.get("text", ""))


def _complaint_values(detail: dict[str, Any], occasion: date, on: date, lang: str) -> dict:
    return {"complaint": detail.get("text", ""), "date": _date_words(occasion, lang)}


def _low_score_reason(detail: dict[str, Any], occasion: date, on: date, lang: str) -> str:
    names = detail.get("services") or []
    services = translate(R_SERVICES, lang, services=join_list(names, lang)) if names else ""
    return translate(
        R_LOW_SCORE,
        lang,
        score=detail.get("score", ""),
        date=day_text(occasion, lang, on),
        services=services,
    )


def _low_score_values(detail: dict[str, Any], occasion: date, on: date, lang: str) -> dict:
    return {
        "score": detail.get("score", ""),
        "service": join_list(detail.get("services") or [], lang),
        "staff": detail.get("staff", ""),
    }


def _check_segment_param(value: Any) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise ShopError(E_BAD_PARAM, key="segment", value=value)
    return check_segment(value)


ACTION_NAMES["contacted"] = define("followups.action.contacted", en="contacted", zh="已联系")
FINDERS[KIND_HOLIDAY] = holiday_candidates
FINDERS[KIND_CAMPAIGN] = lambda session, params, start, on: []
FINDERS[KIND_COMPLAINT] = complaint_candidates
FINDERS[KIND_LOW_SCORE] = low_score_candidates
REASONS.update(
    {
        KIND_HOLIDAY: _holiday_reason,
        KIND_CAMPAIGN: _campaign_reason,
        KIND_COMPLAINT: _complaint_reason,
        KIND_LOW_SCORE: _low_score_reason,
    }
)
VALUES.update(
    {
        KIND_HOLIDAY: _holiday_values,
        KIND_CAMPAIGN: _campaign_values,
        KIND_COMPLAINT: _complaint_values,
        KIND_LOW_SCORE: _low_score_values,
    }
)
PARAM_CHECKS["segment"] = _check_segment_param
