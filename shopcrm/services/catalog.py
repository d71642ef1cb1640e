"""The service catalogue: categories and services (price, duration, care offsets).

A service is never deleted once used: retiring it keeps it in old visits and hides it from
the visit dialog. Every catalogue change is owner-only (it sets or affects prices).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..i18n import ShopError, define
from ..models import Service, ServiceCategory
from ..models.base import CENT
from . import audit
from .amounts import AmountError, within_ceiling
from .auth import Actor, require_owner
from .names import normalize_query_letters
from .tables import TableColumn

E_NAME = define("catalog.name_required", en="A service needs a name.", zh="服务项目必须有名称。")
E_DUPLICATE = define(
    "catalog.duplicate",
    en="There is already a service or category called “{name}”.",
    zh="已存在名为“{name}”的服务项目或分类。",
)
E_PRICE_HIGH = define(
    "catalog.price_too_high",
    en="“{price}” is more than the highest price a service can have (¥{highest}).",
    zh="“{price}”超过了服务项目的最高价格（¥{highest}）。",
)
E_NAME_NOT_FOUND = define(
    "catalog.name_not_found",
    en="No service called “{name}” (see shopcrm services --all).",
    zh="没有名为“{name}”的服务项目（可用 shopcrm services --all 查看）。",
)
E_CARE_DAYS = define(
    "catalog.care_days_invalid",
    en="Care days are whole days separated by commas, e.g. 3,30 (got “{text}”).",
    zh="回访天数应为用逗号分隔的整数，例如 3,30（输入为“{text}”）。",
)
E_PRICE = define(
    "catalog.price_invalid",
    en="“{price}” is not a valid price (a number ≥ 0 with at most two decimals).",
    zh="“{price}”不是有效价格（应为不小于 0、最多两位小数的数字）。",
)
E_DURATION = define(
    "catalog.duration_invalid",
    en="Duration must be between 0 and 1440 minutes (got {minutes}).",
    zh="时长必须在 0 到 1440 分钟之间（输入为 {minutes}）。",
)
E_OFFSET = define(
    "catalog.offset_invalid",
    en="Care offsets are whole days from 1 to 3650 (got {offset}).",
    zh="回访天数必须是 1 到 3650 之间的整数（输入为 {offset}）。",
)
E_NOT_FOUND = define(
    "catalog.not_found", en="No service with id {id}.", zh="没有编号为 {id} 的服务项目。"
)
E_CATEGORY_NOT_FOUND = define(
    "catalog.category_not_found", en="No category with id {id}.", zh="没有编号为 {id} 的分类。"
)
E_RETIRED = define(
    "catalog.retired",
    en="“{name}” is retired and cannot be chosen for a new visit.",
    zh="“{name}”已停用，不能用于新的消费记录。",
)


@dataclass(frozen=True)
class CategoryView:
    id: int
    name: str
    sort_order: int


@dataclass(frozen=True)
class ServiceView:
    id: int
    name: str
    category_id: int | None
    category: str
    list_price: Decimal
    duration_min: int
    care_offsets: tuple[int, ...]
    active: bool
    description: str
    name_pinyin: str


def service_pinyin(name: str) -> str:
    """'洗剪吹' → 'xjc xijianchui': initials, a space, full pinyin (what typing matches)."""
    from pypinyin import lazy_pinyin  # heavy: imported on first use, not at start

    text = unicodedata.normalize("NFKC", name or "").strip().lower()
    words = [normalize_query_letters(w) for w in lazy_pinyin(text, errors=lambda s: s.split())]
    words = [w for w in words if w]
    return f"{''.join(w[0] for w in words)} {''.join(words)}" if words else ""


def normalize_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name or "").split())


# A service priced above this is a typing slip (and would not fit the cents column).
MAX_PRICE = Decimal("1000000")


def _price(value: Decimal | int | str) -> Decimal:
    try:
        price = within_ceiling(value)
    except AmountError:
        raise ShopError(E_PRICE, price=str(value)) from None
    if not price.is_finite() or price < 0:
        raise ShopError(E_PRICE, price=str(value))
    if price > MAX_PRICE:
        raise ShopError(E_PRICE_HIGH, price=str(value), highest=MAX_PRICE)
    if price != price.quantize(CENT):
        raise ShopError(E_PRICE, price=str(value))
    return price.quantize(CENT)


def parse_price(text: str) -> Decimal:
    """A price typed by a person ('88', '88.5'), refused with a clear message when not one."""
    return _price(text)


def parse_care_days(text: str) -> list[int]:
    """'3,30' → [3, 30]: the days after a visit when its care follow-ups fall due."""
    parts = [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        raise ShopError(E_CARE_DAYS, text=text)
    return _offsets([int(p) for p in parts])


def _offsets(values: list[int] | tuple[int, ...] | None) -> list[int]:
    result: list[int] = []
    for value in values or []:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
            raise ShopError(E_OFFSET, offset=value)
        result.append(value)
    return sorted(set(result))


def _duration(minutes: int) -> int:
    if not isinstance(minutes, int) or not 0 <= minutes <= 1440:
        raise ShopError(E_DURATION, minutes=minutes)
    return minutes


def _check_unique(session: Session, model: type, name: str, exclude_id: int | None) -> None:
    query = select(model.id).where(func.lower(model.name) == name.lower())
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    if session.scalar(query) is not None:
        raise ShopError(E_DUPLICATE, name=name)


# --- categories ---------------------------------------------------------------------------


def list_categories(session: Session) -> list[CategoryView]:
    rows = session.scalars(
        select(ServiceCategory).order_by(ServiceCategory.sort_order, ServiceCategory.name)
    )
    return [CategoryView(c.id, c.name, c.sort_order) for c in rows]


def create_category(
    session: Session, name: str, *, sort_order: int | None = None, actor: Actor
) -> int:
    require_owner(actor, "edit catalogue")
    name = normalize_name(name)
    if not name:
        raise ShopError(E_NAME)
    _check_unique(session, ServiceCategory, name, None)
    if sort_order is None:
        sort_order = (session.scalar(select(func.max(ServiceCategory.sort_order))) or 0) + 1
    category = ServiceCategory(name=name, sort_order=sort_order)
    session.add(category)
    session.flush()
    audit.record(session, actor, "category", category.id, "create", name=name)
    return category.id


def rename_category(
    session: Session, category_id: int, name: str, *, actor: Actor
) -> None:
    require_owner(actor, "edit catalogue")
    category = session.get(ServiceCategory, category_id)
    if category is None:
        raise ShopError(E_CATEGORY_NOT_FOUND, id=category_id)
    name = normalize_name(name)
    if not name:
        raise ShopError(E_NAME)
    _check_unique(session, ServiceCategory, name, category_id)
    category.name = name
    session.flush()
    audit.record(session, actor, "category", category_id, "rename", name=name)


def find_category(session: Session, name: str) -> int | None:
    name = normalize_name(name)
    return session.scalar(
        select(ServiceCategory.id).where(func.lower(ServiceCategory.name) == name.lower())
    )


def category_named(session: Session, name: str, *, actor: Actor) -> int:
    """The category called `name`, made when the shop has none by that name yet."""
    found = find_category(session, name)
    return found if found is not None else create_category(session, name, actor=actor)


# --- services -----------------------------------------------------------------------------


def _view(s: Service, category: str) -> ServiceView:
    return ServiceView(
        s.id,
        s.name,
        s.category_id,
        category,
        s.list_price,
        s.duration_min,
        tuple(s.care_offsets or ()),
        s.active,
        s.description,
        s.name_pinyin,
    )


def create_service(
    session: Session,
    name: str,
    list_price: Decimal | int | str,
    *,
    category_id: int | None = None,
    duration_min: int = 0,
    care_offsets: list[int] | tuple[int, ...] | None = None,
    description: str = "",
    active: bool = True,
    actor: Actor,
) -> int:
    """A new catalogue service (owner-only: it sets a price)."""
    require_owner(actor, "edit prices")
    name = normalize_name(name)
    if not name:
        raise ShopError(E_NAME)
    _check_unique(session, Service, name, None)
    if category_id is not None and session.get(ServiceCategory, category_id) is None:
        raise ShopError(E_CATEGORY_NOT_FOUND, id=category_id)
    service = Service(
        name=name,
        name_pinyin=service_pinyin(name),
        list_price=_price(list_price),
        category_id=category_id,
        duration_min=_duration(duration_min),
        care_offsets=_offsets(care_offsets),
        description=description or "",
        active=active,
    )
    session.add(service)
    session.flush()
    audit.record(
        session, actor, "service", service.id, "create", name=name, list_price=service.list_price
    )
    return service.id


_UNSET = object()


def update_service(
    session: Session,
    service_id: int,
    *,
    name: str | None = None,
    list_price: Decimal | int | str | None = None,
    category_id: int | None | object = _UNSET,
    duration_min: int | None = None,
    care_offsets: list[int] | tuple[int, ...] | None = None,
    description: str | None = None,
    actor: Actor,
) -> ServiceView:
    """Change what is given; old visits keep the name and price they were recorded with."""
    require_owner(actor, "edit prices")
    service = _get(session, service_id)
    changes: dict[str, object] = {}
    if name is not None:
        new_name = normalize_name(name)
        if not new_name:
            raise ShopError(E_NAME)
        _check_unique(session, Service, new_name, service_id)
        service.name, service.name_pinyin = new_name, service_pinyin(new_name)
        changes["name"] = new_name
    if list_price is not None:
        changes["list_price"] = (service.list_price, _price(list_price))
        service.list_price = _price(list_price)
    if category_id is not _UNSET:
        if category_id is not None and session.get(ServiceCategory, category_id) is None:
            raise ShopError(E_CATEGORY_NOT_FOUND, id=category_id)
        service.category_id = category_id  # type: ignore[assignment]
        changes["category_id"] = category_id
    if duration_min is not None:
        service.duration_min = _duration(duration_min)
        changes["duration_min"] = duration_min
    if care_offsets is not None:
        service.care_offsets = _offsets(care_offsets)
        changes["care_offsets"] = service.care_offsets
    if description is not None:
        service.description = description
    session.flush()
    audit.record(session, actor, "service", service_id, "update", **changes)
    return get_service(session, service_id)


def set_service_active(
    session: Session, service_id: int, active: bool, *, actor: Actor
) -> None:
    """Retire (active=False) or bring back a service. Retired services stay in old visits."""
    require_owner(actor, "edit catalogue")
    service = _get(session, service_id)
    service.active = active
    session.flush()
    audit.record(session, actor, "service", service_id, "activate" if active else "retire")


def _get(session: Session, service_id: int) -> Service:
    service = session.get(Service, service_id)
    if service is None:
        raise ShopError(E_NOT_FOUND, id=service_id)
    return service


def get_service(session: Session, service_id: int) -> ServiceView:
    service = _get(session, service_id)
    category = session.get(ServiceCategory, service.category_id) if service.category_id else None
    return _view(service, category.name if category else "")


def usable_service(session: Session, service_id: int) -> Service:
    """The service for a new visit line; refused when retired."""
    service = _get(session, service_id)
    if not service.active:
        raise ShopError(E_RETIRED, name=service.name)
    return service


def _query():
    return select(Service, ServiceCategory.name).outerjoin(
        ServiceCategory, Service.category_id == ServiceCategory.id
    )


# The service list as the CLI prints it (`shopcrm services`).
SERVICE_COLUMNS = (
    TableColumn("id", define("catalog.col.id", en="ID", zh="编号"), right=True),
    TableColumn("category", define("catalog.col.category", en="Category", zh="类别")),
    TableColumn("name", define("catalog.col.name", en="Service", zh="服务项目")),
    TableColumn("price", define("catalog.col.price", en="Price", zh="价格"), right=True),
    TableColumn(
        "minutes", define("catalog.col.minutes", en="Minutes", zh="时长（分钟）"), right=True
    ),
    TableColumn("care", define("catalog.col.care", en="Care calls (days)", zh="回访（天）")),
    TableColumn("state", define("catalog.col.state", en="State", zh="状态")),
)


def list_services(session: Session, *, include_retired: bool = False) -> list[ServiceView]:
    query = _query().order_by(ServiceCategory.sort_order, Service.name)
    if not include_retired:
        query = query.where(Service.active.is_(True))
    return [_view(s, c or "") for s, c in session.execute(query)]


def find_services(
    session: Session, text: str, *, include_retired: bool = False, limit: int = 20
) -> list[ServiceView]:
    """Services for the visit dialog: name contains `text`, or pinyin/initials start with it.

    'xjc', 'xijian' and '剪' all find 洗剪吹. Name-prefix and initials matches come first.
    """
    raw = normalize_name(text).lower()
    if not raw:
        return list_services(session, include_retired=include_retired)[:limit]
    letters = normalize_query_letters(raw)
    conditions = [func.lower(Service.name).contains(raw, autoescape=True)]
    if letters:
        conditions += [
            Service.name_pinyin.startswith(letters, autoescape=True),
            Service.name_pinyin.contains(" " + letters, autoescape=True),
        ]
    query = _query().where(or_(*conditions))
    if not include_retired:
        query = query.where(Service.active.is_(True))
    rows = [_view(s, c or "") for s, c in session.execute(query.limit(limit * 5))]

    def rank(view: ServiceView) -> tuple[int, str]:
        initials = view.name_pinyin.split(" ")[0]
        if view.name.lower() == raw or (letters and initials == letters):
            return (0, view.name)
        if view.name.lower().startswith(raw) or (letters and initials.startswith(letters)):
            return (1, view.name)
        return (2, view.name)

    return sorted(rows, key=rank)[:limit]


def resolve_service(session: Session, name_or_id: str) -> ServiceView:
    """A service by its id ('12') or its exact name, retired ones included."""
    text = normalize_name(name_or_id)
    if text.isdigit():
        return get_service(session, int(text))
    found = service_by_name(session, text)
    if found is None:
        raise ShopError(E_NAME_NOT_FOUND, name=text)
    return found


def service_by_name(session: Session, name: str) -> ServiceView | None:
    """Exact (case-insensitive) name lookup, retired services included."""
    name = normalize_name(name)
    service = session.scalar(select(Service).where(func.lower(Service.name) == name.lower()))
    return get_service(session, service.id) if service else None
