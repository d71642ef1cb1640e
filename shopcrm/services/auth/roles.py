"""Roles and permissions: who may do what, the `Actor` every data-changing service takes.

Anything not listed for staff in `PERMISSIONS` is owner-only. ``SYSTEM`` (owner rights,
named "system" in the audit) is the actor of the demo, migrations, start-up work, tests
and everyone while roles are off; ``None`` is refused with a TypeError.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import CATALOG, ShopError, define, translate

ROLE_OWNER = "owner"
ROLE_STAFF = "staff"
ROLES = (ROLE_OWNER, ROLE_STAFF)

# What each role may do. The UI hides what `can(actor, perm)` refuses; services enforce it
# with `require_permission`. Anything not listed for staff is owner-only.
PERM_MEMBERS_FIND = "members.find"
PERM_MEMBERS_EDIT = "members.edit"
PERM_VISITS_LOG = "visits.log"
PERM_FOLLOWUPS_WORK = "followups.work"
PERM_REPORTS_VIEW = "reports.view"
PERM_EXPORT = "data.export"
PERM_PRICES_EDIT = "prices.edit"
PERM_WALLET_ADJUST = "wallet.adjust"
PERM_MEMBERS_ERASE = "members.erase"
PERM_MEMBERS_EXPORT = "members.export_data"
PERM_SETTINGS_CHANGE = "settings.change"
PERM_AUDIT_VIEW = "audit.view"
PERM_BACKUP_MAKE = "backup.make"
PERM_BACKUP_RESTORE = "backup.restore"
PERM_STAFF_MANAGE = "staff.manage"
PERM_ROLES_MANAGE = "roles.manage"

PERMISSIONS: dict[str, frozenset[str]] = {
    PERM_MEMBERS_FIND: frozenset(ROLES),
    PERM_MEMBERS_EDIT: frozenset(ROLES),
    PERM_VISITS_LOG: frozenset(ROLES),
    PERM_FOLLOWUPS_WORK: frozenset(ROLES),
    PERM_REPORTS_VIEW: frozenset({ROLE_OWNER}),
    PERM_EXPORT: frozenset({ROLE_OWNER}),
    PERM_PRICES_EDIT: frozenset({ROLE_OWNER}),
    PERM_WALLET_ADJUST: frozenset({ROLE_OWNER}),
    PERM_MEMBERS_ERASE: frozenset({ROLE_OWNER}),
    PERM_MEMBERS_EXPORT: frozenset({ROLE_OWNER}),
    PERM_SETTINGS_CHANGE: frozenset({ROLE_OWNER}),
    PERM_AUDIT_VIEW: frozenset({ROLE_OWNER}),
    PERM_BACKUP_MAKE: frozenset({ROLE_OWNER}),
    PERM_BACKUP_RESTORE: frozenset({ROLE_OWNER}),
    PERM_STAFF_MANAGE: frozenset({ROLE_OWNER}),
    PERM_ROLES_MANAGE: frozenset({ROLE_OWNER}),
}

E_OWNER_ONLY = define(
    "auth.owner_only",
    en="Only the owner may do this ({action}). Switch to the owner's login first.",
    zh="只有店主可以执行此操作（{action}）。请先切换到店主登录。",
)
A_PERMISSION = {
    PERM_REPORTS_VIEW: define("auth.perm.reports", en="view reports", zh="查看报表"),
    PERM_EXPORT: define("auth.perm.export", en="export data", zh="导出数据"),
    PERM_PRICES_EDIT: define("auth.perm.prices", en="edit prices", zh="修改价格"),
    PERM_WALLET_ADJUST: define("auth.perm.wallet", en="adjust balances", zh="调整余额"),
    PERM_MEMBERS_ERASE: define("auth.perm.erase", en="erase a member", zh="删除会员数据"),
    PERM_MEMBERS_EXPORT: define(
        "auth.perm.member_export", en="export a member's data", zh="导出会员个人数据"
    ),
    PERM_SETTINGS_CHANGE: define("auth.perm.settings", en="change settings", zh="修改设置"),
    PERM_AUDIT_VIEW: define("auth.perm.audit", en="view the audit log", zh="查看操作日志"),
    PERM_BACKUP_MAKE: define("auth.perm.backup", en="make a backup", zh="备份数据"),
    PERM_BACKUP_RESTORE: define("auth.perm.restore", en="restore a backup", zh="恢复备份"),
    PERM_STAFF_MANAGE: define(
        "auth.perm.staff", en="manage staff and PINs", zh="管理员工和 PIN 码"
    ),
    PERM_ROLES_MANAGE: define("auth.perm.roles", en="switch roles on or off", zh="启用或关闭角色"),
}


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    name: str
    role: str

    @property
    def is_owner(self) -> bool:
        return self.role == ROLE_OWNER


SYSTEM = Actor(staff_id=None, name="system", role=ROLE_OWNER)


def explicit_actor(actor: object) -> Actor:
    """`actor` itself; a TypeError for None or anything else (a programming error)."""
    if not isinstance(actor, Actor):
        raise TypeError(
            f"an explicit Actor is required (auth.SYSTEM for system work), got {actor!r}"
        )
    return actor


def require_owner(actor: Actor, action: str) -> None:
    """Refuse `action` unless the actor is an owner."""
    if not explicit_actor(actor).is_owner:
        raise ShopError(E_OWNER_ONLY, action=action)


def can(actor: Actor, perm: str) -> bool:
    """Whether `actor` may do `perm` (SYSTEM, used while roles are off, may do everything)."""
    allowed = PERMISSIONS.get(perm)
    if allowed is None:
        raise ValueError(f"unknown permission {perm!r}")
    return explicit_actor(actor).role in allowed


class PermissionDenied(ShopError):
    """'Only the owner may ...', with the action named in the reader's language."""

    def message(self, lang: str | None = None) -> str:
        action = self.params.get("action", "")
        params = {**self.params, "action": translate(action, lang) if action in CATALOG else action}
        return translate(self.msg_id, lang, **params)


def require_permission(actor: Actor, perm: str) -> None:
    """Raise a translated 'owner only' error unless `actor` may do `perm`."""
    if not can(actor, perm):
        raise PermissionDenied(E_OWNER_ONLY, action=A_PERMISSION.get(perm, perm))
