"""Commission rules: parse, add (a new version of the same scope is an edit), retire, list.

The scope of a rule is who (a staff member, a role = staff title, or anyone), what (a
service, a category, any service, card sales or top-ups) and the mode (designated,
rotation or either). One version per scope is in force at a time; adding a rule whose scope
is already in force closes that version now and opens the new one, so lines recorded before
keep the old rate (docs/commission.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define, translate
from ...models import Service, ServiceCategory, Staff
from ...models.base import CENT
from ...models.commission import (
    BASE_LIST,
    BASE_PAID,
    MODE_DESIGNATED,
    MODE_ROTATION,
    RULE_CARD_SALE,
    RULE_KINDS,
    RULE_SERVICE,
    RULE_TOPUP,
    TIERS_PROGRESSIVE,
    TIERS_ZERO,
    CommissionRule,
)
from ...models.level import RATE_STEP
from .. import audit
from ..amounts import AmountError, amount_text, within_ceiling
from ..auth import PERM_SETTINGS_CHANGE, Actor, require_permission
from ..names import name_sort_key
from ..tables import TableColumn

E_RATE = define(
    "commission.rate",
    en="“{value}” is not a commission rate (e.g. 20% or 0.2, from 0 to 100%).",
    zh="“{value}”不是有效的提成比例（如 20% 或 0.2，0 到 100%）。",
)
E_RATE_OR_FIXED = define(
    "commission.rate_or_fixed",
    en="A rule pays either a rate (--rate 20%) or a fixed amount (--fixed 15), one of them.",
    zh="提成规则须给出比例（--rate 20%）或固定金额（--fixed 15）之一。",
)
E_FIXED = define(
    "commission.fixed", en="“{value}” is not a fixed amount.", zh="“{value}”不是有效的固定金额。"
)
E_BASE = define(
    "commission.base",
    en="The base is “paid” (实收) or “list” (list price).",
    zh="提成基数为“paid”（实收）或“list”（标价）。",
)
E_SALES_BASE = define(
    "commission.sales_base",
    en="Card sales and top-ups earn on the money paid; they take no list base or "
    "designated/rotation mode.",
    zh="售卡和充值按实付金额提成，不能按标价，也不分指定/轮牌。",
)
E_TIER = define(
    "commission.tier",
    en="“{value}” is not a tier (FROM:RATE, e.g. 5000:15%).",
    zh="“{value}”不是有效的阶梯（起点:比例，如 5000:15%）。",
)
E_TIER_ORDER = define(
    "commission.tier_order",
    en="Tiers start above zero and go up, each from a higher amount than the last.",
    zh="阶梯起点须大于 0 且逐级递增。",
)
E_TIER_FIXED = define(
    "commission.tier_fixed",
    en="Tiers need a rate, not a fixed amount.",
    zh="阶梯提成须按比例，不能用固定金额。",
)
E_TIER_MODE = define(
    "commission.tier_mode",
    en="Tiers are “zero” (the whole month at the rate reached) or “progressive”.",
    zh="阶梯方式为“zero”（全月按达到的比例）或“progressive”（超额累进）。",
)
E_SCOPE = define(
    "commission.scope",
    en="Give at most one of --staff/--role and one of --service/--category/--card-sales/--topups.",
    zh="--staff/--role 至多给一个，--service/--category/--card-sales/--topups 至多给一个。",
)
E_STAFF = define(
    "commission.staff", en="No staff member called “{name}”.", zh="没有名为“{name}”的员工。"
)
E_SERVICE = define(
    "commission.service", en="No service called “{name}”.", zh="没有名为“{name}”的服务项目。"
)
E_CATEGORY = define(
    "commission.category", en="No category called “{name}”.", zh="没有名为“{name}”的项目分类。"
)
E_RULE = define(
    "commission.no_rule",
    en="No commission rule {id} in force.",
    zh="没有编号为 {id} 的有效提成规则。",
)

W_ANYONE = define("commission.anyone", en="anyone", zh="所有人")
W_ANY_SERVICE = define("commission.any_service", en="any service", zh="所有项目")
W_CARD_SALES = define("commission.card_sales", en="card sales", zh="售卡")
W_TOPUPS = define("commission.topups", en="top-ups", zh="充值")
W_DESIGNATED = define("commission.designated", en="designated", zh="指定")
W_ROTATION = define("commission.rotation", en="rotation", zh="轮牌")
W_EITHER = define("commission.either", en="either", zh="不限")
W_PAID = define("commission.base_paid", en="paid", zh="实收")
W_LIST = define("commission.base_list", en="list price", zh="标价")
W_ROLE = define("commission.role", en="role {role}", zh="岗位 {role}")
W_CATEGORY = define("commission.category_word", en="category {name}", zh="分类 {name}")
W_ZERO = define("commission.tiers_zero", en="zero-based", zh="全额累进")
W_PROGRESSIVE = define("commission.tiers_progressive", en="progressive", zh="超额累进")
W_FIXED = define("commission.fixed_each", en="¥{amount} each", zh="每项 ¥{amount}")

H_ID = define("commission.col.id", en="ID", zh="编号")
H_WHO = define("commission.col.who", en="Who", zh="员工")
H_WHAT = define("commission.col.what", en="On", zh="项目")
H_MODE = define("commission.col.mode", en="Mode", zh="指定/轮牌")
H_PAYS = define("commission.col.pays", en="Pays", zh="提成")
H_BASE = define("commission.col.base", en="Base", zh="基数")
H_TIERS = define("commission.col.tiers", en="Tiers", zh="阶梯")
H_SINCE = define("commission.col.since", en="Since", zh="生效")

RULE_COLUMNS = (
    TableColumn("id", H_ID, right=True),
    TableColumn("who", H_WHO),
    TableColumn("what", H_WHAT),
    TableColumn("mode", H_MODE),
    TableColumn("pays", H_PAYS, right=True),
    TableColumn("base", H_BASE),
    TableColumn("tiers", H_TIERS),
    TableColumn("since", H_SINCE),
)

ONE = Decimal("1")


def parse_rate(value: object) -> Decimal:
    """`20%`, `0.2` or `20` (a bare number above 1 is a percentage) → Decimal('0.2')."""
    text = str(value).strip().replace("％", "%")
    try:
        if text.endswith("%"):
            rate = Decimal(text[:-1].strip()) / 100
        else:
            rate = Decimal(text)
            if rate > ONE:
                rate = rate / 100
    except (InvalidOperation, ValueError):
        raise ShopError(E_RATE, value=str(value)) from None
    if not rate.is_finite() or rate < 0 or rate > ONE or rate != rate.quantize(RATE_STEP):
        raise ShopError(E_RATE, value=str(value))
    return rate.quantize(RATE_STEP)


def parse_fixed(value: object) -> Decimal:
    try:
        amount = within_ceiling(value)
    except AmountError:
        raise ShopError(E_FIXED, value=str(value)) from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(CENT):
        raise ShopError(E_FIXED, value=str(value))
    return amount.quantize(CENT)


def parse_tier(text: str) -> tuple[Decimal, Decimal]:
    """`5000:15%` → (5000.00, 0.15): from ¥5,000 of the month's base on, 15%."""
    start, sep, rate = str(text).partition(":")
    if not sep:
        raise ShopError(E_TIER, value=text)
    try:
        amount = within_ceiling(start.strip().lstrip("¥"))
    except AmountError:
        raise ShopError(E_TIER, value=text) from None
    return amount.quantize(CENT), parse_rate(rate)


@dataclass(frozen=True)
class RuleSpec:
    """A rule as a person gives it (names resolved to ids by the caller or `resolve`)."""

    kind: str = RULE_SERVICE
    staff_id: int | None = None
    role: str | None = None
    service_id: int | None = None
    category_id: int | None = None
    mode: str | None = None
    rate: Decimal | None = None
    fixed: Decimal | None = None
    base: str = BASE_PAID
    tier_mode: str | None = None
    tiers: tuple[tuple[Decimal, Decimal], ...] = ()


@dataclass(frozen=True)
class RuleView:
    id: int
    family_id: int
    kind: str
    staff_id: int | None
    staff_name: str | None
    role: str | None
    service_id: int | None
    service_name: str | None
    category_id: int | None
    category_name: str | None
    mode: str | None
    rate: Decimal | None
    fixed: Decimal | None
    base: str
    tier_mode: str | None
    tiers: tuple[tuple[Decimal, Decimal], ...]
    valid_from: datetime
    valid_to: datetime | None

    def who(self, lang: str | None = None) -> str:
        if self.staff_name:
            return self.staff_name
        if self.role:
            return translate(W_ROLE, lang, role=self.role)
        return translate(W_ANYONE, lang)

    def what(self, lang: str | None = None) -> str:
        if self.kind == RULE_TOPUP:
            return translate(W_TOPUPS, lang)
        if self.kind == RULE_CARD_SALE:
            return translate(W_CARD_SALES, lang)
        if self.service_name:
            return self.service_name
        if self.category_name:
            return translate(W_CATEGORY, lang, name=self.category_name)
        return translate(W_ANY_SERVICE, lang)

    def mode_text(self, lang: str | None = None) -> str:
        word = {MODE_DESIGNATED: W_DESIGNATED, MODE_ROTATION: W_ROTATION}.get(self.mode or "")
        return translate(word or W_EITHER, lang)

    def pays(self, lang: str | None = None) -> str:
        if self.fixed is not None:
            return translate(W_FIXED, lang, amount=amount_text(self.fixed))
        return rate_text(self.rate or Decimal(0))

    def base_text(self, lang: str | None = None) -> str:
        return translate(W_LIST if self.base == BASE_LIST else W_PAID, lang)

    def tiers_text(self, lang: str | None = None) -> str:
        if not self.tier_mode:
            return ""
        word = W_PROGRESSIVE if self.tier_mode == TIERS_PROGRESSIVE else W_ZERO
        steps = " / ".join(f"≥¥{amount_text(a)} {rate_text(r)}" for a, r in self.tiers)
        return f"{translate(word, lang)}: {steps}"


def rate_text(rate: Decimal) -> str:
    """0.2 → '20%', 0.125 → '12.5%'."""
    pct = (rate * 100).normalize()
    return f"{pct:f}%"


def _check(spec: RuleSpec) -> RuleSpec:
    if spec.kind not in RULE_KINDS:
        raise ShopError(E_SCOPE)
    if (spec.rate is None) == (spec.fixed is None):
        raise ShopError(E_RATE_OR_FIXED)
    if spec.base not in (BASE_PAID, BASE_LIST):
        raise ShopError(E_BASE)
    if spec.staff_id is not None and spec.role:
        raise ShopError(E_SCOPE)
    if spec.service_id is not None and spec.category_id is not None:
        raise ShopError(E_SCOPE)
    if spec.kind != RULE_SERVICE and (
        spec.base != BASE_PAID or spec.mode or spec.service_id or spec.category_id
    ):
        raise ShopError(E_SALES_BASE)
    if spec.mode not in (None, MODE_DESIGNATED, MODE_ROTATION):
        raise ShopError(E_SCOPE)
    if spec.tiers or spec.tier_mode:
        if spec.fixed is not None:
            raise ShopError(E_TIER_FIXED)
        if spec.tier_mode not in (TIERS_ZERO, TIERS_PROGRESSIVE):
            raise ShopError(E_TIER_MODE)
        starts = [a for a, _ in spec.tiers]
        if not starts or starts[0] <= 0 or starts != sorted(set(starts)):
            raise ShopError(E_TIER_ORDER)
    return spec


def _same_scope(spec: RuleSpec):  # noqa: ANN202 - a SQLAlchemy clause list
    c = CommissionRule
    return (
        c.kind == spec.kind,
        c.staff_id.is_(None) if spec.staff_id is None else c.staff_id == spec.staff_id,
        c.role.is_(None) if not spec.role else c.role == spec.role,
        c.service_id.is_(None) if spec.service_id is None else c.service_id == spec.service_id,
        c.category_id.is_(None) if spec.category_id is None else c.category_id == spec.category_id,
        c.mode.is_(None) if not spec.mode else c.mode == spec.mode,
        c.valid_to.is_(None),
    )


def add_rule(
    session: Session, spec: RuleSpec, *, actor: Actor, valid_from: datetime | None = None
) -> int:
    """Put a rule in force from `valid_from` (default now); a rule of the same scope in
    force is closed then (an edit: its lines keep their rate). Returns the new version id."""
    require_permission(actor, PERM_SETTINGS_CHANGE)
    spec = _check(spec)
    now = valid_from or clock.now().replace(microsecond=0)
    with session.begin_nested():
        old = session.scalars(select(CommissionRule).where(*_same_scope(spec))).first()
        if old is not None:
            old.valid_to = max(now, old.valid_from)
        rule = CommissionRule(
            kind=spec.kind,
            staff_id=spec.staff_id,
            role=spec.role or None,
            service_id=spec.service_id,
            category_id=spec.category_id,
            mode=spec.mode or None,
            rate=spec.rate,
            fixed=spec.fixed,
            base=spec.base,
            tier_mode=spec.tier_mode if spec.tiers else None,
            tiers=[[str(a), str(r)] for a, r in spec.tiers],
            valid_from=max(now, old.valid_from) if old is not None else now,
            created_by_id=actor.staff_id,
        )
        session.add(rule)
        session.flush()
        rule.family_id = old.family_id if old is not None else rule.id
        session.flush()
        audit.record(
            session, actor, "commission_rule", rule.id, "edit" if old else "add",
            replaces=old.id if old else None, rate=spec.rate, fixed=spec.fixed,
        )  # fmt: skip
    return rule.id


def retire_rule(session: Session, rule_id: int, *, actor: Actor) -> None:
    """End a rule now (lines already recorded keep what they earned)."""
    require_permission(actor, PERM_SETTINGS_CHANGE)
    rule = session.get(CommissionRule, rule_id)
    if rule is None or rule.valid_to is not None:
        raise ShopError(E_RULE, id=rule_id)
    rule.valid_to = max(clock.now().replace(microsecond=0), rule.valid_from)
    session.flush()
    audit.record(session, actor, "commission_rule", rule_id, "retire")


def _views(session: Session, rows: list[CommissionRule]) -> list[RuleView]:
    staff = dict(session.execute(select(Staff.id, Staff.name)).all())
    services = dict(session.execute(select(Service.id, Service.name)).all())
    cats = dict(session.execute(select(ServiceCategory.id, ServiceCategory.name)).all())
    return [
        RuleView(
            r.id,
            r.family_id or r.id,
            r.kind,
            r.staff_id,
            staff.get(r.staff_id) if r.staff_id else None,
            r.role,
            r.service_id,
            services.get(r.service_id) if r.service_id else None,
            r.category_id,
            cats.get(r.category_id) if r.category_id else None,
            r.mode,
            r.rate,
            r.fixed,
            r.base,
            r.tier_mode,
            tuple((Decimal(a), Decimal(b)) for a, b in (r.tiers or [])),
            r.valid_from,
            r.valid_to,
        )
        for r in rows
    ]


def list_rules(session: Session, *, include_history: bool = False) -> list[RuleView]:
    """The rules in force (or every version, oldest first within a family)."""
    query = select(CommissionRule)
    if not include_history:
        query = query.where(CommissionRule.valid_to.is_(None))
    query = query.order_by(CommissionRule.kind, CommissionRule.family_id, CommissionRule.id)
    return _views(session, list(session.scalars(query)))


def all_versions(session: Session) -> list[RuleView]:
    return list_rules(session, include_history=True)


def resolve_names(
    session: Session,
    *,
    staff: str | None = None,
    service: str | None = None,
    category: str | None = None,
) -> tuple[int | None, int | None, int | None]:
    """Staff, service and category names → ids (a clear message for an unknown name)."""
    ids: list[int | None] = []
    for model, name, err in (
        (Staff, staff, E_STAFF),
        (Service, service, E_SERVICE),
        (ServiceCategory, category, E_CATEGORY),
    ):
        if not name:
            ids.append(None)
            continue
        found = session.scalar(select(model.id).where(model.name == name.strip()))
        if found is None:
            raise ShopError(err, name=name)
        ids.append(found)
    return ids[0], ids[1], ids[2]


def parse_tiers(text: str) -> tuple[tuple[Decimal, Decimal], ...]:
    """`5000:15%, 8000:18%` (commas, 、, ； or spaces between) → the tiers, in order given."""
    for sep in ("，", "、", "；", ";", " "):
        text = (text or "").replace(sep, ",")
    return tuple(parse_tier(part) for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class RuleChoices:
    """What the Settings page offers in its lists."""

    staff: tuple[tuple[int, str], ...]
    roles: tuple[str, ...]  # the staff titles in use
    categories: tuple[tuple[int, str], ...]
    services: tuple[tuple[int, str], ...]


def rule_choices(session: Session) -> RuleChoices:
    people = sorted(
        session.execute(select(Staff.id, Staff.name, Staff.title).where(Staff.active)).all(),
        key=lambda row: name_sort_key(row.name),
    )
    return RuleChoices(
        tuple((i, n) for i, n, _ in people),
        tuple(sorted({t for _, _, t in people if t})),
        tuple(
            (i, n)
            for i, n in session.execute(
                select(ServiceCategory.id, ServiceCategory.name).order_by(
                    ServiceCategory.sort_order, ServiceCategory.name
                )
            ).all()
        ),
        tuple(
            (i, n)
            for i, n in session.execute(
                select(Service.id, Service.name).where(Service.active).order_by(Service.name)
            ).all()
        ),
    )
