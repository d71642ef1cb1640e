"""The demo shop's care (issue 20): complaints from its visits (the older ones resolved,
one dropped, the recent ones open or contacted), two campaigns (one three weeks old with
outcomes, one this week), and scores given on care calls over the months.

Run after the demo shop is written (`hooks.after_demo`), through the services themselves
with the clock set to when each thing happened, so the data is what a shop would have.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import Engine, select

from ... import clock
from ...models import FOLLOWUP_OPEN, Complaint, Followup, FollowupRule, Member, SatisfactionScore
from ..auth import SYSTEM
from ..followups import ensure_default_rules, raise_due, record_outcome
from ..followups.care_kinds import ingest_visit_complaints
from ..followups.texts import KIND_AFTERCARE
from .campaigns import launch_campaign
from .complaints import RESOLUTIONS, contact_complaint, drop_complaint, resolve_complaint

NOTES = {
    "redo": "免费返工，顾客满意",
    "refund": "退还本次费用",
    "apology": "店长电话致歉",
    "voucher": "赠送50元代金券",
}
CAMPAIGNS = (
    (
        21,
        "abc:A",
        "{name}您好！感谢您一直以来的支持，本月贵宾到店护理享8折，您的{points}积分也可抵现～",
        "A类贵宾回馈",
    ),
    (
        3,
        "lapsed:60",
        "{name}您好，好久不见！{shop}为您准备了老朋友回店礼，期待再见到您～",
        "老朋友回店礼",
    ),
)


def add_demo_care(engine: Engine, seed: int = 20) -> None:
    """Give the demo shop its complaints, campaigns and call scores (idempotent enough: a
    second run finds the complaints and campaigns already there)."""
    from ...db import session_scope

    rng = random.Random(seed)
    today = clock.today()
    with session_scope(engine, write=True) as s:
        ensure_default_rules(s)
        ingest_visit_complaints(s, today - timedelta(days=150), today)
        complaints = s.scalars(
            select(Complaint).where(Complaint.status == "open").order_by(Complaint.opened_at)
        ).all()
        live = len(complaints) - 2  # the two newest stay on the list: one open, one contacted
        for n, c in enumerate(complaints):
            if n < live:
                how = RESOLUTIONS[n % len(RESOLUTIONS)]
                hours = rng.choice((3, 6, 20, 26, 49, 75))
                with clock.frozen(c.opened_at + timedelta(hours=hours)):
                    if n == 1:
                        drop_complaint(s, c.id, "顾客表示不用处理", actor=SYSTEM)
                    else:
                        resolve_complaint(s, c.id, how, NOTES[how], actor=SYSTEM)
            elif n == live:
                with clock.frozen(c.opened_at + timedelta(hours=2)):
                    contact_complaint(s, c.id, "已电话联系，约好回店处理", actor=SYSTEM)
        for days_ago, segment, message, name in CAMPAIGNS:
            on = today - timedelta(days=days_ago)
            with clock.frozen(datetime.combine(on, time(9, 30))):
                result = launch_campaign(s, segment, message, on=on, name=name, actor=SYSTEM)
            # older campaigns were worked through; the newest still has messages to send
            _work_campaign(s, result.campaign_id, on, rng, share=0.92 if days_ago > 7 else 0.85)
        _call_scores(s, today, rng)
        raise_due(s, today, actor=SYSTEM, catch_up=False)  # the open complaints' follow-ups


def _work_campaign(  # noqa: ANN001
    session, campaign_id: int, on, rng: random.Random, share: float
) -> None:
    """About `share` of a campaign's messages were sent the day after it started, a few
    numbers no longer worked (dismissed), and the rest are still on the list."""
    from ...models import Campaign

    rule_id = session.get(Campaign, campaign_id).rule_id
    ids = session.scalars(
        select(Followup.id).where(Followup.rule_id == rule_id, Followup.status == FOLLOWUP_OPEN)
    ).all()
    with clock.frozen(datetime.combine(on + timedelta(days=1), time(11))):
        for fid in ids:
            roll = rng.random()
            if roll < share:
                record_outcome(session, fid, "done", channel="message", actor=SYSTEM)
            elif roll < share + 0.05:
                record_outcome(session, fid, "dismiss", note="号码已停用", actor=SYSTEM)


def _call_scores(session, today, rng: random.Random) -> None:  # noqa: ANN001
    """Scores members gave on their care calls over the last six months."""
    rule_ids = session.scalars(
        select(FollowupRule.id).where(FollowupRule.kind == KIND_AFTERCARE)
    ).all()
    rows = session.execute(
        select(Followup.id, Followup.member_id, Followup.visit_id, Followup.occasion_date)
        .where(
            Followup.rule_id.in_(rule_ids),
            Followup.occasion_date >= today - timedelta(days=180),
        )
        .limit(60)
    ).all()
    if not rows:  # the demo's aftercare raised only recently: score some members instead
        members = session.scalars(select(Member.id).limit(40)).all()
        rows = [(None, mid, None, today - timedelta(days=rng.randint(1, 180))) for mid in members]
    for fid, mid, vid, day in rows:
        score = rng.choices([5, 4, 3, 2, 1], [55, 30, 10, 4, 1])[0]
        session.add(
            SatisfactionScore(
                member_id=mid,
                visit_id=vid,
                followup_id=fid,
                score=score,
                source="call",
                created_at=datetime.combine(day, time(16, rng.randint(0, 59))),
            )
        )
    session.flush()
