"""A member's level over time: upgrades by rule, refunds that take them back, locks,
downgrades at a window's end, and the history with its reasons.

Order of rules (docs/levels.md): a sale is priced at the level the member holds when it
is recorded; the upgrade it earns is evaluated after it is written, so it applies from
the next sale on. Spend counting toward a level is the money paid for visits minus the
bonus share of stored value (points are not money); a void's reversal lowers it again.
Top-ups count their principal, less refunds and voided top-ups. A locked member never
changes level by rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from ... import clock
from ...i18n import ShopError, define, translate
from ...models import LevelChange, Member, MemberLevel, MoneyMovement, Staff
from ...models.level import UPGRADE_NONE, UPGRADE_SINGLE, UPGRADE_SPEND, UPGRADE_TOPUP
from ...models.money import KIND_REFUND, KIND_TOPUP, KIND_VISIT_PAYMENT, KIND_VOID_REVERSAL
from .. import audit
from ..amounts import amount_text
from ..auth import PERM_MEMBERS_EDIT, Actor, explicit_actor, require_permission
from .core import level_named

ZERO = Decimal("0.00")

R_TOPUP = define(
    "levels.reason.topup",
    en="topped up ¥{amount} on {day}",
    zh="{day} 充值 ¥{amount}",
)
R_SPEND = define(
    "levels.reason.spend",
    en="spent ¥{amount} on {day} (¥{counted} counted toward the level)",
    zh="{day} 消费 ¥{amount}（计入等级的消费 ¥{counted}）",
)
R_OFFER = define(
    "levels.reason.offer",
    en="top-up offer: top up ¥{topup}, get ¥{bonus} (on {day})",
    zh="{day} 充值赠送：充 ¥{topup} 送 ¥{bonus}",
)
R_REVERSED = define(
    "levels.reason.reversed",
    en="refund or void on {day}: no longer meets the rule of {level}",
    zh="{day} 退款或作废：不再满足“{level}”的条件",
)
R_DOWNGRADE = define(
    "levels.reason.downgrade",
    en="the {days}-day window ended on {day} without meeting the rule",
    zh="{day} {days} 天统计周期结束，未达到保级条件",
)
R_MANUAL = define("levels.reason.manual", en="set by staff: {note}", zh="员工设置：{note}")
R_LOCK = define("levels.reason.lock", en="locked at this level", zh="锁定在此等级")
R_UNLOCK = define("levels.reason.unlock", en="lock removed", zh="解除等级锁定")
R_LABEL = define("levels.reason.label", en="set on the member card", zh="在会员资料中设置")
E_LOCKED = define(
    "levels.locked",
    en="{name} is locked at {level}; unlock the member first.",
    zh="{name} 已锁定在“{level}”，请先解除锁定。",
)
E_MEMBER = define("levels.member", en="No member {id}.", zh="没有编号为 {id} 的会员。")

RULE_REASONS = (R_TOPUP, R_SPEND, R_OFFER)


@dataclass(frozen=True)
class LevelHistoryRow:
    changed_at: datetime
    from_level: str
    to_level: str
    reason: str  # in the language asked for
    staff: str
    visit_id: int | None


def _member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise ShopError(E_MEMBER, id=member_id)
    return member


def _since(level: Any, today: date) -> date | None:
    return today - timedelta(days=level.window_days - 1) if level.window_days else None


# The rule's sums, built once per form (with or without a window): they run on every save
# whose member has a level above to reach.
@cache
def _spend_query(windowed: bool) -> Select:
    query = select(func.sum(MoneyMovement.amount), func.sum(MoneyMovement.bonus_part)).where(
        MoneyMovement.member_id == bindparam("member_id"),
        MoneyMovement.visit_id.is_not(None),
        MoneyMovement.kind.in_((KIND_VISIT_PAYMENT, KIND_VOID_REVERSAL)),
        MoneyMovement.method != "points",
    )
    return query.where(MoneyMovement.booked_on >= bindparam("since")) if windowed else query


@cache
def _topups_query(windowed: bool) -> Select:
    query = select(func.sum(MoneyMovement.amount)).where(
        MoneyMovement.member_id == bindparam("member_id"),
        MoneyMovement.visit_id.is_(None),
        MoneyMovement.kind.in_((KIND_TOPUP, KIND_REFUND, KIND_VOID_REVERSAL)),
    )
    return query.where(MoneyMovement.booked_on >= bindparam("since")) if windowed else query


@cache
def _largest_topup_query(windowed: bool) -> Select:
    query = select(func.max(MoneyMovement.amount)).where(
        MoneyMovement.member_id == bindparam("member_id"), MoneyMovement.kind == KIND_TOPUP
    )
    return query.where(MoneyMovement.booked_on >= bindparam("since")) if windowed else query


def _params(member_id: int, since: date | None) -> dict[str, Any]:
    return {"member_id": member_id} if since is None else {"member_id": member_id, "since": since}


def counted_spend(session: Session, member_id: int, since: date | None = None) -> Decimal:
    """Spend that counts toward levels: visit payments (and their voids' reversals) minus
    the bonus share; points are not money."""
    query = _spend_query(since is not None)
    amount, bonus = session.execute(query, _params(member_id, since)).one()
    return _cents(amount) - _cents(bonus)


def counted_topups(session: Session, member_id: int, since: date | None = None) -> Decimal:
    """Principal topped up, less refunds and voided top-ups."""
    query = _topups_query(since is not None)
    return _cents(session.scalar(query, _params(member_id, since)))


def _largest_topup(session: Session, member_id: int, since: date | None) -> Decimal:
    query = _largest_topup_query(since is not None)
    return _cents(session.scalar(query, _params(member_id, since)))


def _cents(value: Any) -> Decimal:
    """A SQL sum of a Money column comes back as cents (int) or Decimal; both → yuan."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


def meets_rule(session: Session, member_id: int, level: Any, today: date) -> bool:
    """Whether the member's record reaches the level's upgrade rule today (`level`: a
    MemberLevel or a row with its upgrade_kind, upgrade_amount and window_days)."""
    if level.upgrade_kind == UPGRADE_NONE or level.upgrade_amount is None:
        return False
    since = _since(level, today)
    if level.upgrade_kind == UPGRADE_SPEND:
        return counted_spend(session, member_id, since) >= level.upgrade_amount
    if level.upgrade_kind == UPGRADE_TOPUP:
        return counted_topups(session, member_id, since) >= level.upgrade_amount
    if level.upgrade_kind == UPGRADE_SINGLE:
        return _largest_topup(session, member_id, since) >= level.upgrade_amount
    return False


def _rank(session: Session, level_id: int | None) -> int:
    if level_id is None:
        return 0
    return session.scalar(select(MemberLevel.rank).where(MemberLevel.id == level_id)) or 0


def change_level(
    session: Session,
    member: Member,
    level: MemberLevel | None,
    reason_id: str,
    params: dict[str, Any] | None = None,
    *,
    visit_id: int | None = None,
    actor: Actor,
    note: str = "",
) -> None:
    """Move the member to `level` (None: no level) and keep the change in the history."""
    old = member.level_id
    member.level_id = level.id if level else None
    member.level = level.name if level else ""
    session.add(
        LevelChange(
            member_id=member.id,
            from_level_id=old,
            to_level_id=member.level_id,
            reason_id=reason_id,
            reason_params=params or {},
            visit_id=visit_id,
            changed_at=clock.now().replace(microsecond=0),
            staff_id=explicit_actor(actor).staff_id,
            note=note,
        )
    )
    session.flush()
    audit.record(
        session,
        actor,
        "member",
        member.id,
        "level",
        old=old,
        new=member.level_id,
        reason=reason_id,
    )


@cache
def _candidates_query() -> Select:
    """One query, built once (it runs on every visit save): the levels with a rule above
    the member's (none when locked: NULL rank)."""
    held = aliased(MemberLevel)
    current = (
        select(func.coalesce(held.rank, 0))
        .select_from(Member)
        .outerjoin(held, held.id == Member.level_id)
        .where(Member.id == bindparam("member_id"), Member.level_locked.is_(False))
        .scalar_subquery()
    )
    # the columns a rule needs (no ORM object is loaded on every save; the level is
    # loaded only when the member moves up)
    return (
        select(
            MemberLevel.id,
            MemberLevel.name,
            MemberLevel.upgrade_kind,
            MemberLevel.upgrade_amount,
            MemberLevel.window_days,
        )
        .where(MemberLevel.active.is_(True), MemberLevel.rank > current)
        .where(MemberLevel.upgrade_kind != UPGRADE_NONE)
        .order_by(MemberLevel.rank.desc())
    )


def evaluate_upgrade(
    session: Session,
    member_id: int,
    reason_id: str,
    params: dict[str, Any],
    *,
    visit_id: int | None = None,
    actor: Actor,
) -> str | None:
    """Raise the member to the highest level whose rule they now meet; returns the new
    level's name, or None when nothing changed (locked members never change)."""
    candidates = session.execute(_candidates_query(), {"member_id": member_id}).all()
    today = clock.today()
    for row in candidates:
        if meets_rule(session, member_id, row, today):
            member = _member(session, member_id)
            level = session.get(MemberLevel, row.id)
            change_level(session, member, level, reason_id, params, visit_id=visit_id, actor=actor)
            return row.name
    return None


def after_topup(session: Session, member_id: int, amount: Decimal, *, actor: Actor) -> str | None:
    params = {"amount": amount_text(amount), "day": clock.today().isoformat()}
    return evaluate_upgrade(session, member_id, R_TOPUP, params, actor=actor)


def after_sale(
    session: Session,
    member_id: int,
    visit_id: int,
    amount: Decimal,
    counted: Decimal,
    when: datetime,
    *,
    actor: Actor,
) -> str | None:
    params = {
        "amount": amount_text(amount),
        "counted": amount_text(counted),
        "day": when.date().isoformat(),
    }
    return evaluate_upgrade(session, member_id, R_SPEND, params, visit_id=visit_id, actor=actor)


def offer_upgrade(
    session: Session,
    member_id: int,
    level_id: int,
    topup: Decimal,
    bonus: Decimal,
    *,
    actor: Actor,
) -> str | None:
    """An offer's level: given when higher than the member's (never down, never locked)."""
    member = _member(session, member_id)
    level = session.get(MemberLevel, level_id)
    if member.level_locked or level is None or level.rank <= _rank(session, member.level_id):
        return None
    params = {
        "topup": amount_text(topup),
        "bonus": amount_text(bonus),
        "day": clock.today().isoformat(),
    }
    change_level(session, member, level, R_OFFER, params, actor=actor)
    return level.name


def after_reversal(session: Session, member_id: int | None, *, actor: Actor) -> str | None:
    """After a void or refund: when the member's level came from a rule that they no longer
    meet and the level says so, they go back to where they were before it."""
    if member_id is None:
        return None
    member = _member(session, member_id)
    if member.level_locked or member.level_id is None:
        return None
    last = session.scalar(
        select(LevelChange)
        .where(LevelChange.member_id == member_id)
        .order_by(LevelChange.id.desc())
        .limit(1)
    )
    if last is None or last.to_level_id != member.level_id:
        return None
    if last.reason_id not in (R_TOPUP, R_SPEND):
        return None
    level = session.get(MemberLevel, member.level_id)
    if level is None or not level.reverse_on_refund:
        return None
    if meets_rule(session, member_id, level, clock.today()):
        return None
    back = session.get(MemberLevel, last.from_level_id) if last.from_level_id else None
    params = {"day": clock.today().isoformat(), "level": level.name}
    change_level(session, member, back, R_REVERSED, params, actor=actor)
    return back.name if back else ""


def set_member_level(
    session: Session,
    member_id: int,
    level: str | int | None,
    *,
    note: str = "",
    lock: bool | None = None,
    actor: Actor,
) -> None:
    """Staff set a member's level by hand (with a note), and optionally lock or unlock it."""
    require_permission(actor, PERM_MEMBERS_EDIT)
    member = _member(session, member_id)
    target = level_named(session, level) if level is not None else None
    target_id = target.id if target else None
    if member.level_locked and lock is None and target_id != member.level_id:
        raise ShopError(E_LOCKED, name=member.name, level=member.level)
    if target_id != member.level_id:
        reason = R_LOCK if lock else R_MANUAL
        change_level(session, member, target, reason, {"note": note or "-"}, actor=actor)
    elif lock is not None and lock != member.level_locked:
        reason = R_LOCK if lock else R_UNLOCK
        change_level(session, member, target, reason, {}, actor=actor)
    if lock is not None:
        member.level_locked = lock
    session.flush()


def lock_member(session: Session, member_id: int, level: str | int, *, actor: Actor) -> None:
    """Hold the member at `level`: no rule, refund or downgrade moves them."""
    set_member_level(session, member_id, level, lock=True, actor=actor)


def run_downgrades(session: Session, *, actor: Actor) -> list[int]:
    """At the end of a window: members whose level allows downgrades and who no longer meet
    its rule step down to the highest lower level they do meet (or one without a rule).
    Run at start-up or by `shopcrm level downgrades`; never during a sale."""
    today = clock.today()
    levels = list(
        session.scalars(
            select(MemberLevel).where(MemberLevel.active.is_(True)).order_by(MemberLevel.rank)
        )
    )
    moved: list[int] = []
    for level in levels:
        if not (level.downgrade and level.window_days and level.upgrade_kind != UPGRADE_NONE):
            continue
        for member in session.scalars(
            select(Member).where(Member.level_id == level.id, Member.level_locked.is_(False))
        ):
            since = session.scalar(
                select(func.max(LevelChange.changed_at)).where(
                    LevelChange.member_id == member.id, LevelChange.to_level_id == level.id
                )
            )
            if since is not None and since.date() + timedelta(days=level.window_days) > today:
                continue  # the window is not over yet
            if meets_rule(session, member.id, level, today):
                continue
            lower = [lv for lv in levels if lv.rank < level.rank]
            target = next(
                (
                    lv
                    for lv in reversed(lower)
                    if lv.upgrade_kind == UPGRADE_NONE or meets_rule(session, member.id, lv, today)
                ),
                None,
            )
            params = {"days": level.window_days, "day": today.isoformat()}
            change_level(session, member, target, R_DOWNGRADE, params, actor=actor)
            moved.append(member.id)
    return moved


def level_history(
    session: Session, member_id: int, lang: str | None = None
) -> list[LevelHistoryRow]:
    """The member's level changes, newest first, each with its reason in `lang`."""
    names = dict(session.execute(select(MemberLevel.id, MemberLevel.name)).all())
    staff = dict(session.execute(select(Staff.id, Staff.name)).all())
    rows = session.scalars(
        select(LevelChange)
        .where(LevelChange.member_id == member_id)
        .order_by(LevelChange.changed_at.desc(), LevelChange.id.desc())
    )
    return [
        LevelHistoryRow(
            changed_at=c.changed_at,
            from_level=names.get(c.from_level_id, "") if c.from_level_id else "",
            to_level=names.get(c.to_level_id, "") if c.to_level_id else "",
            reason=translate(c.reason_id, lang, **(c.reason_params or {})),
            staff=staff.get(c.staff_id, "") if c.staff_id else "",
            visit_id=c.visit_id,
        )
        for c in rows
    ]


def level_id_for_label(session: Session, label: str) -> int | None:
    """The level a member form's label names (None: a free label without pricing)."""
    if not label:
        return None
    return session.scalar(select(MemberLevel.id).where(MemberLevel.name == label))


def record_label_change(
    session: Session,
    member_id: int,
    old_id: int | None,
    new_id: int | None,
    *,
    actor: Actor,
) -> None:
    """Keep a level set through the member form in the member's history."""
    if old_id == new_id:
        return
    session.add(
        LevelChange(
            member_id=member_id,
            from_level_id=old_id,
            to_level_id=new_id,
            reason_id=R_LABEL,
            reason_params={},
            changed_at=clock.now().replace(microsecond=0),
            staff_id=explicit_actor(actor).staff_id,
        )
    )
