"""Staff: who serves a visit line, who acts. Staff are deactivated, never deleted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n import ShopError, define
from ..models import Staff
from . import audit
from .auth import ROLE_OWNER, ROLE_STAFF, Actor, require_owner
from .catalog import normalize_name
from .names import name_sort_key
from .tables import TableColumn

ROLES = (ROLE_OWNER, ROLE_STAFF)

E_NAME = define("staff.name_required", en="A staff member needs a name.", zh="员工必须有姓名。")
E_DUPLICATE = define(
    "staff.duplicate",
    en="There is already a staff member called “{name}”.",
    zh="已有名为“{name}”的员工。",
)
E_ROLE = define(
    "staff.role_invalid",
    en="Unknown role “{role}” (owner or staff).",
    zh="未知角色“{role}”（店主 owner 或员工 staff）。",
)
E_NOT_FOUND = define(
    "staff.not_found", en="No staff member with id {id}.", zh="没有编号为 {id} 的员工。"
)
E_NAME_NOT_FOUND = define(
    "staff.name_not_found",
    en="No staff member called “{name}” (see shopcrm staff --all).",
    zh="没有名为“{name}”的员工（可用 shopcrm staff --all 查看）。",
)
E_INACTIVE = define(
    "staff.inactive",
    en="{name} is no longer active and cannot serve a new visit.",
    zh="{name} 已停用，不能用于新的消费记录。",
)
E_LAST_OWNER = define(
    "staff.last_owner",
    en="{name} is the last active owner; make someone else owner first.",
    zh="{name} 是最后一位在职店主，请先指定其他店主。",
)


@dataclass(frozen=True)
class StaffView:
    id: int
    name: str
    role: str
    title: str
    phone: str | None
    active: bool
    has_pin: bool = False  # can log in when roles are on

    def as_actor(self) -> Actor:
        return Actor(staff_id=self.id, name=self.name, role=self.role)


def _view(s: Staff) -> StaffView:
    return StaffView(s.id, s.name, s.role, s.title or "", s.phone, s.active, bool(s.pin_hash))


def _get(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise ShopError(E_NOT_FOUND, id=staff_id)
    return staff


def _check(session: Session, name: str, role: str, exclude_id: int | None) -> str:
    name = normalize_name(name)
    if not name:
        raise ShopError(E_NAME)
    if role not in ROLES:
        raise ShopError(E_ROLE, role=role)
    query = select(Staff.id).where(func.lower(Staff.name) == name.lower())
    if exclude_id is not None:
        query = query.where(Staff.id != exclude_id)
    if session.scalar(query) is not None:
        raise ShopError(E_DUPLICATE, name=name)
    return name


def create_staff(
    session: Session,
    name: str,
    *,
    role: str = ROLE_STAFF,
    title: str = "",
    phone: str | None = None,
    active: bool = True,
    actor: Actor,
) -> int:
    require_owner(actor, "manage staff")
    name = _check(session, name, role, None)
    staff = Staff(name=name, role=role, title=title or "", phone=phone, active=active)
    session.add(staff)
    session.flush()
    audit.record(session, actor, "staff", staff.id, "create", name=name, role=role)
    return staff.id


def update_staff(
    session: Session,
    staff_id: int,
    *,
    name: str | None = None,
    role: str | None = None,
    title: str | None = None,
    phone: str | None = None,
    active: bool | None = None,
    actor: Actor,
) -> StaffView:
    require_owner(actor, "manage staff")
    staff = _get(session, staff_id)
    new_name = _check(
        session,
        name if name is not None else staff.name,
        role if role is not None else staff.role,
        staff_id,
    )
    losing_owner = (
        staff.role == ROLE_OWNER
        and staff.active
        and ((role is not None and role != ROLE_OWNER) or active is False)
    )
    if losing_owner:
        owners = session.scalar(
            select(func.count())
            .select_from(Staff)
            .where(Staff.role == ROLE_OWNER, Staff.active.is_(True), Staff.id != staff_id)
        )
        if not owners:
            raise ShopError(E_LAST_OWNER, name=staff.name)
    staff.name = new_name
    if role is not None:
        staff.role = role
    if title is not None:
        staff.title = title
    if phone is not None:
        staff.phone = phone or None
    if active is not None:
        staff.active = active
    session.flush()
    audit.record(
        session,
        actor,
        "staff",
        staff_id,
        "update",
        name=staff.name,
        role=staff.role,
        active=staff.active,
    )
    return _view(staff)


def get_staff(session: Session, staff_id: int) -> StaffView:
    return _view(_get(session, staff_id))


# The staff list as the CLI prints it (`shopcrm staff`).
STAFF_COLUMNS = (
    TableColumn("id", define("staff.col.id", en="ID", zh="编号"), right=True),
    TableColumn("name", define("staff.col.name", en="Name", zh="姓名")),
    TableColumn("role", define("staff.col.role", en="Role", zh="角色")),
    TableColumn("title", define("staff.col.title", en="Title", zh="职位")),
    TableColumn("state", define("staff.col.state", en="State", zh="状态")),
)


def list_staff(session: Session, *, include_inactive: bool = False) -> list[StaffView]:
    query = select(Staff)
    if not include_inactive:
        query = query.where(Staff.active.is_(True))
    people = sorted(session.scalars(query), key=lambda s: (not s.active, name_sort_key(s.name)))
    return [_view(s) for s in people]  # by the surname's syllable, like members


def owner_name(session: Session) -> str:
    """The name of the shop's owner ('' when there is none): the first active owner in the
    staff list's order. One owner (the usual shop) needs no name reading, so the window's
    start does not load the pinyin dictionaries (tens of MB) for its status bar."""
    names = list(
        session.scalars(select(Staff.name).where(Staff.role == ROLE_OWNER, Staff.active.is_(True)))
    )
    if len(names) > 1:
        names.sort(key=name_sort_key)
    return names[0] if names else ""


def resolve_staff(session: Session, name_or_id: str) -> StaffView:
    """A staff member by id ('3') or exact name, inactive ones included."""
    text = normalize_name(name_or_id)
    if text.isdigit():
        return get_staff(session, int(text))
    found = staff_by_name(session, text)
    if found is None:
        raise ShopError(E_NAME_NOT_FOUND, name=text)
    return found


def retire_staff(session: Session, staff_id: int, *, actor: Actor) -> StaffView:
    """No longer serving: kept in old visits and the audit log, refused for new ones (the
    last active owner cannot be retired)."""
    return update_staff(session, staff_id, active=False, actor=actor)


def staff_by_name(session: Session, name: str) -> StaffView | None:
    name = normalize_name(name)
    staff = session.scalar(select(Staff).where(func.lower(Staff.name) == name.lower()))
    return _view(staff) if staff else None


def usable_staff(session: Session, staff_id: int) -> Staff:
    """The staff member for a new visit line; refused when no longer active."""
    staff = _get(session, staff_id)
    if not staff.active:
        raise ShopError(E_INACTIVE, name=staff.name)
    return staff
