"""The shop's payment methods: cash, bank card, WeChat Pay, Alipay, other, and its own.

A method's `code` is what payments store and never changes; the owner renames, adds and
retires methods. Retired methods are refused for new payments and keep their names on old
ones. Stored value and points are internal tenders: paying from the member's own balances,
never money received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n import ShopError, current_language, define
from ...models import PaymentMethod
from .. import audit
from ..auth import PERM_SETTINGS_CHANGE, Actor, require_permission

E_UNKNOWN = define(
    "money.method_unknown",
    en="Unknown payment method “{method}” (see shopcrm payment-methods).",
    zh="未知的付款方式“{method}”（见 shopcrm payment-methods）。",
)
E_RETIRED = define(
    "money.method_retired",
    en="Payment method “{method}” is retired.",
    zh="付款方式“{method}”已停用。",
)
E_INTERNAL = define(
    "money.method_internal",
    en="“{method}” is not money received; choose cash, bank card, WeChat Pay, Alipay...",
    zh="“{method}”不是实收款，请选择现金、银行卡、微信支付、支付宝等。",
)
E_NAME = define(
    "money.method_name",
    en="A payment method needs a name (at most 40 characters).",
    zh="付款方式需要名称（最多 40 个字符）。",
)
E_CODE = define(
    "money.method_code",
    en="“{code}” cannot be a method code (letters, digits and _, at most 20) or is taken.",
    zh="“{code}”不能用作付款方式代码（字母、数字、下划线，最多 20 个）或已被使用。",
)
E_KEEP_INTERNAL = define(
    "money.method_keep_internal",
    en="Stored value and points cannot be retired.",
    zh="储值和积分不能停用。",
)

_CODE = re.compile(r"^[a-z][a-z0-9_]{0,19}$")


@dataclass(frozen=True)
class MethodView:
    code: str
    name_zh: str
    name_en: str
    active: bool
    internal: bool
    sort_order: int

    def name(self, lang: str | None = None) -> str:
        """The name in `lang` (names are shop data, one column per language)."""
        return str(getattr(self, f"name_{lang or current_language()}", self.name_en))


def _view(m: Any) -> MethodView:
    return MethodView(m.code, m.name_zh, m.name_en, m.active, m.internal, m.sort_order)


# The columns a view needs, built once (every visit save reads the methods once).
_ALL_METHODS = select(
    PaymentMethod.code,
    PaymentMethod.name_zh,
    PaymentMethod.name_en,
    PaymentMethod.active,
    PaymentMethod.internal,
    PaymentMethod.sort_order,
).order_by(PaymentMethod.sort_order, PaymentMethod.code)
_ACTIVE_METHODS = _ALL_METHODS.where(PaymentMethod.active.is_(True))


def list_methods(session: Session, *, include_retired: bool = True) -> list[MethodView]:
    query = _ALL_METHODS if include_retired else _ACTIVE_METHODS
    return [_view(m) for m in session.execute(query)]


def method_names(session: Session, lang: str | None = None) -> dict[str, str]:
    """code -> name in `lang`, every method (retired ones too: old rows keep their names)."""
    return {m.code: m.name(lang) for m in list_methods(session)}


def internal_codes(session: Session) -> frozenset[str]:
    return frozenset(
        session.scalars(select(PaymentMethod.code).where(PaymentMethod.internal.is_(True)))
    )


_CACHE_KEY = "shopcrm.payment_methods"


def _cached(session: Session) -> dict[str, MethodView]:
    """Every method, read once per session (a session is one operation); the writers below
    drop the cache."""
    found = session.info.get(_CACHE_KEY)
    if found is None:
        found = {m.code: m for m in list_methods(session)}
        session.info[_CACHE_KEY] = found
    return found


def usable_method(session: Session, code: str, *, till: bool = False) -> MethodView:
    """The method `code`, refusing unknown and retired ones (and internal ones for `till`:
    money that must come from outside, e.g. a top-up)."""
    found = _cached(session).get(code)
    if found is None:
        raise ShopError(E_UNKNOWN, method=code)
    if not found.active:
        raise ShopError(E_RETIRED, method=code)
    if till and found.internal:
        raise ShopError(E_INTERNAL, method=code)
    return found


def resolve_method(session: Session, text: str) -> str:
    """A method code from what someone typed: the code, a name in either language, or a
    common spelling (微信, wx, 支付宝, zfb, 刷卡...). Unknown text is refused."""
    from ..visit_import.fields import parse_payment

    wanted = (text or "").strip()
    if session.get(PaymentMethod, wanted) is not None:
        return wanted
    low = wanted.lower()
    for m in list_methods(session):
        if low in (m.name_zh.lower(), m.name_en.lower()):
            return m.code
    guess = parse_payment(wanted)
    if guess and session.get(PaymentMethod, guess) is not None:
        return guess
    raise ShopError(E_UNKNOWN, method=wanted)


def _name(value: str) -> str:
    name = (value or "").strip()
    if not name or len(name) > 40:
        raise ShopError(E_NAME)
    return name


def add_method(
    session: Session,
    name: str,
    *,
    code: str | None = None,
    name_en: str | None = None,
    actor: Actor,
) -> str:
    """Add a method the shop takes (owner, audited); returns its code."""
    require_permission(actor, PERM_SETTINGS_CHANGE)
    zh = _name(name)
    en = _name(name_en) if name_en else zh
    if code is None:
        slug = re.sub(r"[^a-z0-9_]+", "_", en.lower()).strip("_")[:20]
        code = slug if _CODE.match(slug or "") else ""
        if not code or session.get(PaymentMethod, code) is not None:
            count = session.scalar(select(func.count()).select_from(PaymentMethod)) or 0
            code = f"method_{count + 1}"
    if not _CODE.match(code) or session.get(PaymentMethod, code) is not None:
        raise ShopError(E_CODE, code=code)
    last = session.scalar(
        select(func.max(PaymentMethod.sort_order)).where(PaymentMethod.internal.is_(False))
    )
    session.add(
        PaymentMethod(
            code=code,
            name_zh=zh,
            name_en=en,
            active=True,
            internal=False,
            sort_order=min(int(last or 0) + 1, 89),
        )
    )
    session.flush()
    session.info.pop(_CACHE_KEY, None)
    audit.record(session, actor, "payment_method", None, "add", code=code, zh=zh, en=en)
    return code


def rename_method(
    session: Session,
    code: str,
    *,
    name_zh: str | None = None,
    name_en: str | None = None,
    actor: Actor,
) -> MethodView:
    """Rename a method in one or both languages (owner, audited); its code stays."""
    require_permission(actor, PERM_SETTINGS_CHANGE)
    found = session.get(PaymentMethod, code)
    if found is None:
        raise ShopError(E_UNKNOWN, method=code)
    before = (found.name_zh, found.name_en)
    if name_zh is not None:
        found.name_zh = _name(name_zh)
    if name_en is not None:
        found.name_en = _name(name_en)
    session.flush()
    session.info.pop(_CACHE_KEY, None)
    audit.record(
        session, actor, "payment_method", None, "rename", code=code, before=list(before),
        after=[found.name_zh, found.name_en],
    )  # fmt: skip
    return _view(found)


def set_method_active(
    session: Session, code: str, active: bool, *, actor: Actor
) -> MethodView:
    """Retire (or bring back) a method (owner, audited). Old payments keep it."""
    require_permission(actor, PERM_SETTINGS_CHANGE)
    found = session.get(PaymentMethod, code)
    if found is None:
        raise ShopError(E_UNKNOWN, method=code)
    if found.internal and not active:
        raise ShopError(E_KEEP_INTERNAL)
    found.active = bool(active)
    session.flush()
    session.info.pop(_CACHE_KEY, None)
    audit.record(
        session, actor, "payment_method", None, "retire" if not active else "restore", code=code
    )
    return _view(found)


def move_method(
    session: Session, code: str, step: int, *, actor: Actor
) -> list[MethodView]:
    """Move a method up (`step` < 0) or down among the money methods (owner, audited): the
    order the counter's dialogs list them in. Stored value and points keep their places."""
    require_permission(actor, PERM_SETTINGS_CHANGE)
    rows = list(
        session.scalars(
            select(PaymentMethod)
            .where(PaymentMethod.internal.is_(False))
            .order_by(PaymentMethod.sort_order, PaymentMethod.code)
        )
    )
    index = next((n for n, m in enumerate(rows) if m.code == code), None)
    if index is None:
        raise ShopError(E_UNKNOWN, method=code)
    target = max(0, min(len(rows) - 1, index + (1 if step > 0 else -1 if step < 0 else 0)))
    if target != index:
        rows.insert(target, rows.pop(index))
        for n, m in enumerate(rows):
            m.sort_order = n + 1
        session.flush()
        session.info.pop(_CACHE_KEY, None)
        audit.record(session, actor, "payment_method", None, "move", code=code, to=target + 1)
    return list_methods(session)
