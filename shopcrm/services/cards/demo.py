"""Count cards in the demo shop: a few card types, cards sold over the last months, some of
them used on visits, one about to end (the counter's warning) and one expired with uses left
(breakage in its month's report). Called once by services/demo.py on the demo's connection."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ...models import MEMBER_ACTIVE, Member, Service, Staff
from ..auth import SYSTEM
from ..visits import LineDraft, VisitDraft, record_visit
from .holding import sell_card
from .types import create_card_type

# name, price, paid uses {service: n}, gifted uses, valid days
DEMO_TYPES = [
    ("洗剪吹10次卡", "580", {"洗剪吹": 10}, {"洗剪吹": 1}, 365),
    ("头皮护理疗程（6次）", "880", {"头皮护理": 6}, {}, 180),
    ("美发套餐", "900", {"洗剪吹": 3, "深层护发": 3}, {"头部按摩": 2}, 365),
]
SOLD = 36  # cards sold over the last ten months


def write_demo_cards(conn: Connection, today: date, seed: int) -> int:
    """Card types, sales and uses for the salon demo; returns how many cards were sold."""
    session = Session(bind=conn)
    services = dict(session.execute(select(Service.name, Service.id)).all())
    if not all(s in services for _, _, paid, gifted, _ in DEMO_TYPES for s in (*paid, *gifted)):
        return 0  # not the salon's catalogue (a restaurant sells no count cards)
    rng = random.Random(seed + 17)
    for name, price, paid, gifted, days in DEMO_TYPES:
        create_card_type(
            session, name, price, {services[s]: n for s, n in paid.items()},
            bonus_uses={services[s]: n for s, n in gifted.items()}, valid_days=days,
            actor=SYSTEM,
        )  # fmt: skip
    members = list(
        session.scalars(select(Member.id).where(Member.status == MEMBER_ACTIVE).order_by(Member.id))
    )
    staff = list(session.scalars(select(Staff.id).where(Staff.role == "staff")))
    if not members:
        return 0
    sold = 0
    for n, member_id in enumerate(rng.sample(members, min(SOLD, len(members)))):
        name, _price, paid, _gifted, days = DEMO_TYPES[n % len(DEMO_TYPES)]
        back = rng.randint(5, 300) if n > 1 else (days - 20 if n == 0 else days + 10)
        sold_at = datetime.combine(today - timedelta(days=back), time(rng.randint(10, 19), 30))
        card = sell_card(
            session, member_id, name, method=rng.choice(["wechat", "alipay", "cash", "card"]),
            staff_id=rng.choice(staff) if staff else None, when=sold_at, actor=SYSTEM,
        )  # fmt: skip
        sold += 1
        service = services[next(iter(paid))]
        first = next(iter(paid))
        uses = min(rng.randint(0, 5), max(back // 20, 0), paid[first] - 1)
        for k in range(uses):
            day = sold_at + timedelta(days=(k + 1) * max(back // (uses + 1), 1))
            if day.date() >= today or (card.expires_on and day.date() > card.expires_on):
                break
            draft = VisitDraft(
                member_id,
                (LineDraft(service_id=service, use_card=True, card_id=card.id,
                           staff_id=rng.choice(staff) if staff else None),),
                visited_at=day.replace(hour=rng.randint(10, 19)),
            )  # fmt: skip
            record_visit(session, draft, actor=SYSTEM)
    session.flush()
    return sold


__all__ = ["DEMO_TYPES", "write_demo_cards"]
