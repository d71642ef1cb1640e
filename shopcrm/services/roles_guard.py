"""Noticing that roles were switched off outside the app (e.g. with the sqlite3 tool).

Roles live in the database file like everything else, so whoever can edit the file can
switch them off; nothing inside the file can prevent that (a key to sign the setting would
have to be stored beside it). What the app can do honestly is notice the casual edit: the
app switches roles off only through `auth.set_roles_enabled`, which writes an audit entry.
If roles are off now but the newest audited change of the setting switched them *on*, they
were switched off by something else. The app then writes an audit entry once
(``roles_off_outside``) and shows a warning every time until the owner switches roles on or
off again in the app. Someone who also edits the audit log is not caught: see
docs/reliability.md ("What roles protect against").
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..i18n import define
from ..models import AuditEntry
from .auth import SETTING_ROLES, SYSTEM, roles_enabled

log = logging.getLogger(__name__)

ACTION = "roles_off_outside"
W_ROLES_OFF_OUTSIDE = define(
    "auth.roles_off_outside",
    en="Warning: roles were switched off outside ShopCRM (the database file was edited). "
    "Everyone now acts with the owner's rights. The owner should check the audit log and "
    "switch roles on again (Settings ▸ Security or `shopcrm roles on`).",
    zh="警告：角色已在 ShopCRM 之外被关闭（数据库文件被修改过）。现在所有人都拥有店主权限。"
    "请店主检查操作日志并重新启用角色（设置 ▸ 安全，或 `shopcrm roles on`）。",
)


def _last_roles_change(session: Session) -> AuditEntry | None:
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == "setting", AuditEntry.action == "change")
        .order_by(AuditEntry.id.desc())
    )
    for entry in rows:
        if (entry.detail or {}).get("key") == SETTING_ROLES:
            return entry
    return None


def switched_off_outside(session: Session) -> bool:
    """Whether roles are off although the app last switched them on."""
    if roles_enabled(session):
        return False
    last = _last_roles_change(session)
    return last is not None and (last.detail or {}).get("new") is True


def check_roles_switch(session: Session) -> bool:
    """True (warn) when roles were switched off outside the app; audits that once.

    The audit entry goes in the caller's transaction; on a read-only file it cannot be
    written, and the warning is still returned.
    """
    if not switched_off_outside(session):
        return False
    last = _last_roles_change(session)
    noted = session.scalar(
        select(AuditEntry.id).where(AuditEntry.action == ACTION, AuditEntry.id > last.id)
    )
    if noted is None:
        from .audit import record

        try:
            with session.begin_nested():
                record(session, SYSTEM, "setting", None, ACTION, key=SETTING_ROLES)
        except SQLAlchemyError:
            log.warning("could not audit that roles were switched off outside", exc_info=True)
    return True
