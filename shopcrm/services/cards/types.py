"""Card types: what the shop sells ("10 washes for ¥500", "3 cuts + 2 treatments").

A type lists services with paid uses and gifted uses apart, a price and a validity: a number of
days after the sale, a fixed last day, or none. A type is retired, never deleted: cards already
sold keep their own copy of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import CardType, CardTypeItem, Service
from .. import audit
from ..amounts import check_amount
from ..auth import PERM_PRICES_EDIT, Actor, require_permission
from ..catalog import resolve_service
from ..followups.rules import ensure_card_rule

E_NAME = define("cards.type_name", en="A card type needs a name.", zh="次卡类型必须填写名称。")
E_DUPLICATE = define(
    "cards.type_duplicate",
    en="There is already a card type named “{name}”.",
    zh="已有名为“{name}”的次卡类型。",
)
E_NO_USES = define(
    "cards.type_no_uses",
    en="A card type needs at least one service with one use or more (e.g. 洗剪吹:10).",
    zh="次卡类型至少需要一个项目及次数（例如 洗剪吹:10）。",
)
E_USES_SPEC = define(
    "cards.uses_spec",
    en="“{value}” is not SERVICE:COUNT (e.g. 洗剪吹:10).",
    zh="“{value}”不是“项目:次数”的格式（例如 洗剪吹:10）。",
)
E_USES_COUNT = define(
    "cards.uses_count",
    en="{service}: the number of uses must be a whole number from 0 to 999.",
    zh="{service}：次数必须是 0 到 999 的整数。",
)
E_VALIDITY = define(
    "cards.validity",
    en="Give either a number of days or a last day, not both.",
    zh="有效期只能填天数或截止日期之一。",
)
E_VALID_DAYS = define(
    "cards.valid_days",
    en="Valid days must be a whole number from 1 to 3660.",
    zh="有效天数必须是 1 到 3660 的整数。",
)
E_NOT_FOUND = define(
    "cards.type_not_found", en="No card type “{name}”.", zh="没有名为“{name}”的次卡类型。"
)
E_RETIRED = define(
    "cards.type_retired",
    en="Card type “{name}” is retired and cannot be sold.",
    zh="次卡类型“{name}”已停售。",
)
E_PAID_NEEDS_PRICE = define(
    "cards.price_without_uses",
    en="A card with a price needs paid uses (gifted uses alone recognise nothing).",
    zh="有售价的次卡必须包含付费次数（赠送次数不计收入）。",
)

MAX_USES = 999


@dataclass(frozen=True)
class UsesView:
    service_id: int
    service: str
    list_price: Decimal
    paid: int
    bonus: int


@dataclass(frozen=True)
class CardTypeView:
    id: int
    name: str
    price: Decimal
    valid_days: int | None
    valid_until: date | None
    active: bool
    items: tuple[UsesView, ...]

    @property
    def uses_text(self) -> str:
        """ "洗剪吹 10+2, 护理 2" (paid + gifted), the same in both languages."""
        parts = []
        for i in self.items:
            parts.append(f"{i.service} {i.paid}" + (f"+{i.bonus}" if i.bonus else ""))
        return ", ".join(parts)


def parse_uses(session: Session, specs: list[str] | tuple[str, ...]) -> dict[int, int]:
    """["洗剪吹:10", "护理:2"] → {service_id: count} (a service twice adds up)."""
    out: dict[int, int] = {}
    for spec in specs:
        name, sep, count = (spec or "").replace("：", ":").rpartition(":")
        if not sep or not name.strip():
            raise ShopError(E_USES_SPEC, value=spec)
        service = resolve_service(session, name.strip())
        try:
            n = int(count.strip())
        except ValueError:
            raise ShopError(E_USES_COUNT, service=service.name) from None
        if not 0 <= n <= MAX_USES:
            raise ShopError(E_USES_COUNT, service=service.name)
        out[service.id] = out.get(service.id, 0) + n
    return out


def _clean_name(name: str) -> str:
    clean = " ".join((name or "").split())[:60]
    if not clean:
        raise ShopError(E_NAME)
    return clean


def _check_counts(paid: dict[int, int], bonus: dict[int, int], names: dict[int, str]) -> None:
    for sid, n in {**paid, **bonus}.items():
        if not isinstance(n, int) or not 0 <= n <= MAX_USES:
            raise ShopError(E_USES_COUNT, service=names.get(sid, str(sid)))
    if sum(paid.values()) + sum(bonus.values()) < 1:
        raise ShopError(E_NO_USES)


def create_card_type(
    session: Session,
    name: str,
    price: Decimal | int | str,
    paid_uses: dict[int, int],
    *,
    bonus_uses: dict[int, int] | None = None,
    valid_days: int | None = None,
    valid_until: date | None = None,
    actor: Actor,
) -> int:
    """Add a card type; `paid_uses`/`bonus_uses` map service ids to counts. Returns its id."""
    require_permission(actor, PERM_PRICES_EDIT)
    clean = _clean_name(name)
    if session.scalar(select(CardType.id).where(CardType.name == clean)) is not None:
        raise ShopError(E_DUPLICATE, name=clean)
    amount = check_amount(price)
    bonus_uses = dict(bonus_uses or {})
    names = {s.id: s.name for s in session.scalars(select(Service))}
    _check_counts(paid_uses, bonus_uses, names)
    if amount > 0 and sum(paid_uses.values()) == 0:
        raise ShopError(E_PAID_NEEDS_PRICE)
    if valid_days is not None and valid_until is not None:
        raise ShopError(E_VALIDITY)
    if valid_days is not None and not 1 <= int(valid_days) <= 3660:
        raise ShopError(E_VALID_DAYS)
    card_type = CardType(
        name=clean, price=amount, valid_days=valid_days, valid_until=valid_until, active=True
    )
    session.add(card_type)
    session.flush()
    for sid in sorted(set(paid_uses) | set(bonus_uses)):
        session.add(
            CardTypeItem(
                card_type_id=card_type.id,
                service_id=sid,
                paid_uses=paid_uses.get(sid, 0),
                bonus_uses=bonus_uses.get(sid, 0),
            )
        )
    session.flush()
    ensure_card_rule(session)  # the "card expiring soon" follow-ups start with the first type
    audit.record(
        session, actor, "card_type", card_type.id, "create", name=clean, price=amount,
        paid_uses=paid_uses, bonus_uses=bonus_uses, valid_days=valid_days,
        valid_until=valid_until,
    )  # fmt: skip
    return card_type.id


def set_card_type_active(session: Session, type_id: int, active: bool, *, actor: Actor) -> None:
    """Retire a type (no new sales) or offer it again."""
    require_permission(actor, PERM_PRICES_EDIT)
    card_type = session.get(CardType, type_id)
    if card_type is None:
        raise ShopError(E_NOT_FOUND, name=str(type_id))
    card_type.active = bool(active)
    audit.record(session, actor, "card_type", type_id, "retire" if not active else "restore")


def _view(session: Session, t: CardType) -> CardTypeView:
    services = {
        s.id: s
        for s in session.scalars(
            select(Service).where(Service.id.in_([i.service_id for i in t.items]))
        )
    }
    return CardTypeView(
        t.id, t.name, t.price, t.valid_days, t.valid_until, t.active,
        tuple(
            UsesView(i.service_id, services[i.service_id].name, services[i.service_id].list_price,
                     i.paid_uses, i.bonus_uses)
            for i in t.items
        ),
    )  # fmt: skip


def list_card_types(session: Session, *, include_retired: bool = False) -> list[CardTypeView]:
    query = select(CardType).order_by(CardType.active.desc(), CardType.name)
    if not include_retired:
        query = query.where(CardType.active.is_(True))
    return [_view(session, t) for t in session.scalars(query)]


def get_card_type(session: Session, name_or_id: str | int) -> CardTypeView:
    """A type by id or exact name (retired ones too)."""
    text = str(name_or_id).strip()
    found = None
    if text.isdigit():
        found = session.get(CardType, int(text))
    if found is None:
        found = session.scalar(select(CardType).where(CardType.name == " ".join(text.split())))
    if found is None:
        raise ShopError(E_NOT_FOUND, name=text)
    return _view(session, found)


def expiry_for(view: CardTypeView, sold_at: datetime) -> date | None:
    """The last day a card of this type sold at `sold_at` can be used (None: no expiry).

    `valid_days` = 365 sold on 1 July 2026 is usable through 30 June 2027 (day 365)."""
    if view.valid_until is not None:
        return view.valid_until
    if view.valid_days is not None:
        return sold_at.date() + timedelta(days=view.valid_days - 1)
    return None
