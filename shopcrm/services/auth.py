"""Who is acting: the actor every service that changes data is told about.

Services that change data take an ``actor`` argument. Owner-only work (reports, export,
prices, balance adjustments, erasing members, settings) starts with ``require_owner(actor)``.
When the shop has not switched roles on, everyone acts as the owner (`SYSTEM`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import ShopError, define

ROLE_OWNER = "owner"
ROLE_STAFF = "staff"

E_OWNER_ONLY = define(
    "auth.owner_only",
    en="Only the owner may do this ({action}). Switch to the owner's login first.",
    zh="只有店主可以执行此操作（{action}）。请先切换到店主登录。",
)


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    name: str
    role: str

    @property
    def is_owner(self) -> bool:
        return self.role == ROLE_OWNER


SYSTEM = Actor(staff_id=None, name="system", role=ROLE_OWNER)


def require_owner(actor: Actor | None, action: str) -> None:
    """Refuse `action` unless the actor is an owner (None means roles are off: allowed)."""
    if actor is not None and not actor.is_owner:
        raise ShopError(E_OWNER_ONLY, action=action)
