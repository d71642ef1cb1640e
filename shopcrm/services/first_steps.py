"""The first-steps checklist the idle counter shows a new shop, ticked off from the data.

Each step is done when the database says so (a service exists, a visit was recorded...),
never because someone clicked it; the list goes away when every step is done or when the
owner dismisses it (`setup.checklist_dismissed`). Re-exported by services/shop_setup.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..i18n import define, translate
from ..models import ACCOUNT_STORED_VALUE, Member, Service, Staff, Visit, WalletEntry
from .auth import Actor, roles_enabled
from .settings import get_settings, set_setting

SETTING_DISMISSED = "setup.checklist_dismissed"
BACKUP_FOLDER = "backup.folder"

STEP_SHOP = "shop"
STEP_SERVICES = "services"
STEP_STAFF = "staff"
STEP_MEMBERS = "members"
STEP_BALANCES = "balances"
STEP_FIRST_VISIT = "first_visit"
STEP_BACKUP = "backup"
STEP_KEYS = (
    STEP_SHOP,
    STEP_SERVICES,
    STEP_STAFF,
    STEP_MEMBERS,
    STEP_BALANCES,
    STEP_FIRST_VISIT,
    STEP_BACKUP,
)
STEP_TITLES = {
    STEP_SHOP: define("first_steps.shop", en="Shop details", zh="填写店铺信息"),
    STEP_SERVICES: define(
        "first_steps.services", en="Services and prices", zh="设置服务项目和价格"
    ),
    STEP_STAFF: define(
        "first_steps.staff",
        en="Staff (and PINs if you want roles)",
        zh="添加员工（如需分权限，设置 PIN 码）",
    ),
    STEP_MEMBERS: define(
        "first_steps.members", en="Import your existing members", zh="导入现有会员"
    ),
    STEP_BALANCES: define(
        "first_steps.balances", en="Bring over card balances", zh="录入储值余额"
    ),
    STEP_FIRST_VISIT: define(
        "first_steps.first_visit", en="Record the first visit", zh="记录第一笔消费"
    ),
    STEP_BACKUP: define("first_steps.backup", en="Choose a backup folder", zh="选择备份位置"),
}
M_DONE = define("first_steps.done_mark", en="done", zh="已完成")
M_TODO = define("first_steps.todo_mark", en="to do", zh="待完成")
M_DISMISSED = define(
    "first_steps.dismissed", en="The first-steps list is hidden.", zh="入门清单已隐藏。"
)


@dataclass(frozen=True)
class Step:
    key: str
    done: bool

    def title(self, lang: str | None = None) -> str:
        return translate(STEP_TITLES[self.key], lang)


@dataclass(frozen=True)
class FirstSteps:
    steps: tuple[Step, ...]
    dismissed: bool

    @property
    def all_done(self) -> bool:
        return all(s.done for s in self.steps)

    @property
    def show(self) -> bool:
        """Whether the idle counter shows the list."""
        return not self.dismissed and not self.all_done

    def done(self, key: str) -> bool:
        return next(s.done for s in self.steps if s.key == key)


def _any(session: Session, *where: object) -> bool:
    return bool(session.scalar(select(exists().where(*where))))


def first_steps(session: Session) -> FirstSteps:
    """Each step's state read from the data (a handful of EXISTS queries)."""
    values = get_settings(session, {"shop.name": None, BACKUP_FOLDER: "", SETTING_DISMISSED: False})
    staff_done = _any(session, Staff.active.is_(True))
    if staff_done and roles_enabled(session):  # roles wanted: everyone active needs a PIN
        staff_done = not _any(session, Staff.active.is_(True), Staff.pin_hash.is_(None))
    done = {
        STEP_SHOP: bool(str(values["shop.name"] or "").strip()),
        STEP_SERVICES: _any(session, Service.active.is_(True)),
        STEP_STAFF: staff_done,
        STEP_MEMBERS: _any(session, Member.id.isnot(None)),
        STEP_BALANCES: _any(session, WalletEntry.account == ACCOUNT_STORED_VALUE),
        STEP_FIRST_VISIT: _any(session, Visit.id.isnot(None)),
        STEP_BACKUP: bool(str(values[BACKUP_FOLDER] or "").strip()),
    }
    return FirstSteps(
        tuple(Step(key, done[key]) for key in STEP_KEYS), bool(values[SETTING_DISMISSED])
    )


def dismiss_first_steps(
    session: Session, dismissed: bool = True, *, actor: Actor
) -> None:
    """Hide (or bring back) the checklist. Anyone at the counter may: it is only a view."""
    del actor  # kept for the service signature; hiding a hint needs no permission
    set_setting(session, SETTING_DISMISSED, bool(dismissed))
