"""Points (积分): the earning and paying rule, and the points ledger's movements."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_CEILING, Decimal

from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from ...models import ACCOUNT_POINTS, WalletEntry
from .. import audit
from ..auth import Actor
from ..settings import get_settings
from .entries import append_entry, whole_points

# Settings (defaults live here, see BRIEF): points earned per whole yuan, points per yuan
# when paying with points, and whether money paid from stored value earns points.
SETTING_POINTS_PER_YUAN = "points.per_yuan"
SETTING_POINTS_REDEEM_RATE = "points.redeem_per_yuan"
SETTING_EARN_ON_STORED_VALUE = "points.earn_on_stored_value"
DEFAULT_POINTS_PER_YUAN = 1
DEFAULT_POINTS_REDEEM_RATE = 100  # 100 points = ¥1
DEFAULT_EARN_ON_STORED_VALUE = True

E_POINTS_RATE = define(
    "wallet.points_rate",
    en="Points per yuan must be a whole number from {low} to {high} (got {value}).",
    zh="每元积分须为 {low} 到 {high} 之间的整数（输入为 {value}）。",
)


def points_rates(session: Session) -> tuple[int, int, bool]:
    """(points earned per whole yuan, points per yuan when paying, earn on stored value)."""
    values = get_settings(
        session,
        {
            SETTING_POINTS_PER_YUAN: DEFAULT_POINTS_PER_YUAN,
            SETTING_POINTS_REDEEM_RATE: DEFAULT_POINTS_REDEEM_RATE,
            SETTING_EARN_ON_STORED_VALUE: None,
        },
    )
    per_yuan = int(values[SETTING_POINTS_PER_YUAN])
    redeem = int(values[SETTING_POINTS_REDEEM_RATE])
    on_sv = values[SETTING_EARN_ON_STORED_VALUE]
    return per_yuan, max(redeem, 1), DEFAULT_EARN_ON_STORED_VALUE if on_sv is None else bool(on_sv)


def set_points_rates(
    session: Session,
    per_yuan: int,
    redeem_per_yuan: int,
    earn_on_stored_value: bool,
    *,
    actor: Actor,
) -> dict[str, object]:
    """Change the points rule (owner-only, audited); returns the settings that changed.

    `per_yuan` 0..100 (0: no points are earned), `redeem_per_yuan` 1..100000 points pay ¥1.
    """
    from ..auth import PERM_SETTINGS_CHANGE, require_permission
    from ..settings import change_setting

    require_permission(actor, PERM_SETTINGS_CHANGE)
    for value, low, high in ((per_yuan, 0, 100), (redeem_per_yuan, 1, 100_000)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ShopError(E_POINTS_RATE, low=low, high=high, value=value)
    before = points_rates(session)
    wanted = (per_yuan, redeem_per_yuan, bool(earn_on_stored_value))
    keys = (SETTING_POINTS_PER_YUAN, SETTING_POINTS_REDEEM_RATE, SETTING_EARN_ON_STORED_VALUE)
    changed: dict[str, object] = {}
    for key, old, new in zip(keys, before, wanted, strict=True):
        if old != new:
            change_setting(session, key, new, actor=actor)
            changed[key] = new
    return changed


def points_for_payment(session: Session, amount: Decimal) -> int:
    """Points needed to pay `amount` yuan, rounded up to a whole point."""
    _, rate, _ = points_rates(session)
    return int((Decimal(amount) * rate).to_integral_value(rounding=ROUND_CEILING))


def earn_points(
    session: Session,
    member_id: int,
    points: int | Decimal,
    *,
    visit_id: int | None = None,
    reason: str = "",
    actor: Actor,
    when: datetime | None = None,
) -> WalletEntry:
    value = whole_points(points)
    return append_entry(
        session, member_id, ACCOUNT_POINTS, "earn", value, actor=actor, when=when, visit_id=visit_id,
        reason=reason,
    )  # fmt: skip


def redeem_points(
    session: Session,
    member_id: int,
    points: int | Decimal,
    *,
    visit_id: int | None = None,
    reason: str = "",
    actor: Actor,
    when: datetime | None = None,
) -> WalletEntry:
    value = whole_points(points)
    return append_entry(
        session, member_id, ACCOUNT_POINTS, "redeem", -value, actor=actor, when=when,
        visit_id=visit_id,
        reason=reason,
    )  # fmt: skip


def expire_points(
    session: Session,
    member_id: int,
    points: int | Decimal,
    *,
    reason: str = "",
    actor: Actor,
) -> WalletEntry:
    """Expire points (at most the balance: expiring more than is held expires what is held)."""
    value = whole_points(points)
    entry = append_entry(
        session, member_id, ACCOUNT_POINTS, "expire", -value, actor=actor, reason=reason, clamp=True
    )
    audit.record(session, actor, "wallet", member_id, "expire_points", points=-entry.amount)
    return entry
