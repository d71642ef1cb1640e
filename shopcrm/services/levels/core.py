"""The shop's levels: the ordered list, discounts per category, upgrade rules, rates.

A rate is what the member pays of the list price: 0.88 = 8.8折 = 12% off. The owner may
type it as `0.88`, `8.8折` or `88%`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import LevelDiscount, MemberLevel, Service, ServiceCategory
from ...models.level import RATE_STEP, UPGRADE_KINDS, UPGRADE_NONE
from .. import audit
from ..amounts import parse_amount
from ..auth import PERM_PRICES_EDIT, Actor, require_permission

ONE = Decimal("1")

E_RATE = define(
    "levels.rate",
    en="“{value}” is not a rate: give 0.88, 8.8折 or 88% (more than 0, at most 1).",
    zh="“{value}”不是有效折扣：请填 0.88、8.8折 或 88%（大于 0，不超过 1）。",
)
E_NAME = define("levels.name", en="A level needs a name.", zh="会员等级必须有名称。")
E_DUPLICATE = define(
    "levels.duplicate", en="There is already a level “{name}”.", zh="已有会员等级“{name}”。"
)
E_NOT_FOUND = define("levels.not_found", en="No level “{name}”.", zh="没有会员等级“{name}”。")
E_CATEGORY = define(
    "levels.category", en="No service category “{name}”.", zh="没有服务类别“{name}”。"
)
E_RULE = define(
    "levels.rule",
    en="An upgrade rule needs an amount above 0 (top-up, spend or single top-up).",
    zh="升级规则需要大于 0 的金额（累计充值、累计消费或单次充值）。",
)
E_WINDOW = define(
    "levels.window", en="The window is a number of days from 1.", zh="统计周期须为至少 1 天。"
)
E_POINTS_RATE = define(
    "levels.points_rate",
    en="“{value}” is not a points rate (0 to 100, e.g. 1.5).",
    zh="“{value}”不是有效的积分倍率（0 到 100，例如 1.5）。",
)


@dataclass(frozen=True)
class LevelView:
    id: int
    name: str
    rank: int
    discount: Decimal
    category_discounts: tuple[tuple[str, Decimal], ...]  # (category name, rate)
    points_rate: Decimal
    upgrade_kind: str
    upgrade_amount: Decimal | None
    window_days: int | None
    downgrade: bool
    reverse_on_refund: bool
    members: int


def parse_rate(value: object) -> Decimal:
    """`0.88`, `8.8折`, `88%` → Decimal('0.88'); refuses 0, above 1 and finer than 0.0001."""
    text = str(value).strip().replace("％", "%")
    try:
        if text.endswith("折"):
            rate = Decimal(text[:-1].strip()) / 10
        elif text.endswith("%"):
            rate = Decimal(text[:-1].strip()) / 100
        else:
            rate = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ShopError(E_RATE, value=str(value)) from None
    if not rate.is_finite() or rate <= 0 or rate > ONE or rate != rate.quantize(RATE_STEP):
        raise ShopError(E_RATE, value=str(value))
    return rate.quantize(RATE_STEP)


def parse_points_rate(value: object) -> Decimal:
    try:
        rate = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ShopError(E_POINTS_RATE, value=str(value)) from None
    if not rate.is_finite() or rate < 0 or rate > 100 or rate != rate.quantize(RATE_STEP):
        raise ShopError(E_POINTS_RATE, value=str(value))
    return rate.quantize(RATE_STEP)


def _level(session: Session, name_or_id: str | int) -> MemberLevel:
    if isinstance(name_or_id, int):
        level = session.get(MemberLevel, name_or_id)
    else:
        level = session.scalar(select(MemberLevel).where(MemberLevel.name == name_or_id.strip()))
        if level is None and name_or_id.strip().isdigit():
            level = session.get(MemberLevel, int(name_or_id.strip()))
    if level is None:
        raise ShopError(E_NOT_FOUND, name=str(name_or_id))
    return level


def level_named(session: Session, name_or_id: str | int) -> MemberLevel:
    """The level by name (or id); a clear error when there is none."""
    return _level(session, name_or_id)


def _category_id(session: Session, name: str) -> int:
    cid = session.scalar(select(ServiceCategory.id).where(ServiceCategory.name == name.strip()))
    if cid is None:
        raise ShopError(E_CATEGORY, name=name)
    return cid


def _rule(kind: str, amount: object, window_days: int | None) -> tuple[str, Decimal | None]:
    if kind not in UPGRADE_KINDS:
        raise ValueError(f"unknown upgrade kind {kind!r}")
    if window_days is not None and window_days < 1:
        raise ShopError(E_WINDOW)
    if kind == UPGRADE_NONE:
        return kind, None
    value = parse_amount(str(amount)) if amount is not None else Decimal("0")
    if value <= 0:
        raise ShopError(E_RULE)
    return kind, value


def create_level(
    session: Session,
    name: str,
    *,
    discount: object = ONE,
    category_discounts: dict[str, object] | None = None,
    points_rate: object = ONE,
    upgrade_kind: str = UPGRADE_NONE,
    upgrade_amount: object = None,
    window_days: int | None = None,
    downgrade: bool = False,
    reverse_on_refund: bool = True,
    actor: Actor,
) -> int:
    """Add a level at the top of the list; returns its id."""
    require_permission(actor, PERM_PRICES_EDIT)
    clean = " ".join((name or "").split())[:40]
    if not clean:
        raise ShopError(E_NAME)
    if session.scalar(select(MemberLevel.id).where(MemberLevel.name == clean)) is not None:
        raise ShopError(E_DUPLICATE, name=clean)
    kind, amount = _rule(upgrade_kind, upgrade_amount, window_days)
    rank = (session.scalar(select(func.max(MemberLevel.rank))) or 0) + 1
    level = MemberLevel(
        name=clean,
        rank=rank,
        discount=parse_rate(discount),
        points_rate=parse_points_rate(points_rate),
        upgrade_kind=kind,
        upgrade_amount=amount,
        window_days=window_days,
        downgrade=downgrade,
        reverse_on_refund=reverse_on_refund,
    )
    session.add(level)
    session.flush()
    for cat, rate in (category_discounts or {}).items():
        session.add(
            LevelDiscount(
                level_id=level.id, category_id=_category_id(session, cat), discount=parse_rate(rate)
            )
        )
    session.flush()
    audit.record(session, actor, "level", level.id, "create", name=clean, discount=level.discount)
    return level.id


def update_level(
    session: Session,
    name_or_id: str | int,
    *,
    name: str | None = None,
    discount: object = None,
    category_discounts: dict[str, object | None] | None = None,
    points_rate: object = None,
    upgrade_kind: str | None = None,
    upgrade_amount: object = None,
    window_days: int | None | object = ...,
    downgrade: bool | None = None,
    reverse_on_refund: bool | None = None,
    rank: int | None = None,
    actor: Actor,
) -> int:
    """Change what is given; a category mapped to None loses its own discount."""
    require_permission(actor, PERM_PRICES_EDIT)
    level = _level(session, name_or_id)
    changes: dict[str, object] = {}
    if name is not None:
        clean = " ".join(name.split())[:40]
        if not clean:
            raise ShopError(E_NAME)
        other = session.scalar(select(MemberLevel.id).where(MemberLevel.name == clean))
        if other is not None and other != level.id:
            raise ShopError(E_DUPLICATE, name=clean)
        from ...models import Member  # the label members show follows the level's name

        session.execute(
            Member.__table__.update()
            .where(Member.__table__.c.level_id == level.id)
            .values(level=clean)
        )
        level.name = changes["name"] = clean
    if discount is not None:
        level.discount = changes["discount"] = parse_rate(discount)
    if points_rate is not None:
        level.points_rate = changes["points_rate"] = parse_points_rate(points_rate)
    if upgrade_kind is not None:
        days = level.window_days if window_days is ... else window_days
        kind, amount = _rule(upgrade_kind, upgrade_amount, days)  # type: ignore[arg-type]
        level.upgrade_kind, level.upgrade_amount = kind, amount
        changes["upgrade"] = (kind, amount)
    if window_days is not ...:
        if window_days is not None and window_days < 1:  # type: ignore[operator]
            raise ShopError(E_WINDOW)
        level.window_days = changes["window_days"] = window_days  # type: ignore[assignment]
    if downgrade is not None:
        level.downgrade = changes["downgrade"] = downgrade
    if reverse_on_refund is not None:
        level.reverse_on_refund = changes["reverse_on_refund"] = reverse_on_refund
    if rank is not None:
        level.rank = changes["rank"] = rank
    for cat, rate in (category_discounts or {}).items():
        cid = _category_id(session, cat)
        row = session.get(LevelDiscount, (level.id, cid))
        if rate is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                LevelDiscount(level_id=level.id, category_id=cid, discount=parse_rate(rate))
            )
        else:
            row.discount = parse_rate(rate)
        changes[f"category:{cat}"] = rate
    session.flush()
    audit.record(session, actor, "level", level.id, "update", **changes)
    return level.id


def list_levels(session: Session, *, include_inactive: bool = False) -> list[LevelView]:
    """The levels, lowest first, with their discounts and how many members hold each."""
    from ...models import MEMBER_ACTIVE, Member

    query = select(MemberLevel).order_by(MemberLevel.rank, MemberLevel.id)
    if not include_inactive:
        query = query.where(MemberLevel.active.is_(True))
    levels = list(session.scalars(query))
    per_cat: dict[int, list[tuple[str, Decimal]]] = {}
    for level_id, cat, rate in session.execute(
        select(LevelDiscount.level_id, ServiceCategory.name, LevelDiscount.discount)
        .join(ServiceCategory, ServiceCategory.id == LevelDiscount.category_id)
        .order_by(ServiceCategory.sort_order, ServiceCategory.name)
    ):
        per_cat.setdefault(level_id, []).append((cat, rate))
    counts = dict(
        session.execute(
            select(Member.level_id, func.count())
            .where(Member.status == MEMBER_ACTIVE, Member.level_id.is_not(None))
            .group_by(Member.level_id)
        ).all()
    )
    return [
        LevelView(
            id=lv.id,
            name=lv.name,
            rank=lv.rank,
            discount=lv.discount,
            category_discounts=tuple(per_cat.get(lv.id, ())),
            points_rate=lv.points_rate,
            upgrade_kind=lv.upgrade_kind,
            upgrade_amount=lv.upgrade_amount,
            window_days=lv.window_days,
            downgrade=lv.downgrade,
            reverse_on_refund=lv.reverse_on_refund,
            members=int(counts.get(lv.id, 0)),
        )
        for lv in levels
    ]


def set_service_pricing(
    session: Session,
    service_id: int,
    *,
    floor: object = ...,
    no_level_discount: bool | None = None,
    actor: Actor,
) -> None:
    """A service's floor ("no lower than 9折"; None removes it) or exclusion from levels."""
    require_permission(actor, PERM_PRICES_EDIT)
    service = session.get(Service, service_id)
    if service is None:
        raise ValueError(f"no service {service_id}")
    changes: dict[str, object] = {}
    if floor is not ...:
        service.level_floor = changes["level_floor"] = None if floor is None else parse_rate(floor)
    if no_level_discount is not None:
        service.no_level_discount = changes["no_level_discount"] = no_level_discount
    session.flush()
    audit.record(session, actor, "service", service_id, "level_pricing", **changes)
