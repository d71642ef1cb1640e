"""Setting up the shop from the terminal: the service catalogue and the staff.

``shopcrm service add|edit|retire`` and ``shopcrm staff add|retire`` drive the same services
as the Settings screens (services/catalog.py, services/staff.py own the rules: names unique,
prices checked, retiring keeps history). ``shopcrm staff`` alone still lists the staff (the
group is defined with its listing in cli/wallet.py; its subcommands are added here), and
``shopcrm service`` alone lists the catalogue like ``shopcrm services``.
"""

from __future__ import annotations

from typing import Any

import click

from ..i18n import ShopError, define, translate
from ..services import catalog, staff
from ..services.auth import ROLE_OWNER, ROLE_STAFF, Actor
from ..services.safety import safe_session
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import owner_command
from .wallet import services as list_services_cmd
from .wallet import staff_cmd

M_SERVICE_ADDED = define(
    "cli.catalog.added",
    en="Service #{id} added: {name} ¥{price}.",
    zh="已添加服务项目 #{id}：{name} ¥{price}。",
)
M_SERVICE_SAVED = define(
    "cli.catalog.saved",
    en="Service #{id} saved: {name} ¥{price}.",
    zh="已保存服务项目 #{id}：{name} ¥{price}。",
)
M_SERVICE_RETIRED = define(
    "cli.catalog.retired_done",
    en="Service #{id} {name} retired: old visits keep it; new visits cannot choose it.",
    zh="服务项目 #{id} {name} 已停用：历史记录保留，新的消费不能再选。",
)
E_NOTHING_TO_EDIT = define(
    "cli.catalog.nothing_to_edit",
    en="Nothing to change: give --name, --price, --category, --minutes, --care-days, --floor"
    " or --no-level-discount.",
    zh="没有要修改的内容：请给出 --name、--price、--category、--minutes、--care-days、--floor"
    " 或 --no-level-discount。",
)
M_STAFF_ADDED = define(
    "cli.staff.added",
    en="Staff #{id} added: {name} ({role}).",
    zh="已添加员工 #{id}：{name}（{role}）。",
)
M_STAFF_RETIRED = define(
    "cli.staff.retired_done",
    en="{name} (#{id}) retired: old visits keep the name; new visits cannot choose them.",
    zh="{name}（#{id}）已停用：历史记录保留姓名，新的消费不能再选。",
)
ROLE_NAMES = {
    ROLE_OWNER: define("cli.staff.role.owner", en="owner", zh="店主"),
    ROLE_STAFF: define("cli.staff.role.staff", en="staff", zh="员工"),
}


def service_json(view: catalog.ServiceView) -> dict[str, Any]:
    """One service as `shopcrm services --json` prints it."""
    return {
        "id": view.id,
        "name": view.name,
        "category": view.category,
        "list_price": view.list_price,
        "duration_min": view.duration_min,
        "care_offsets": list(view.care_offsets),
        "active": view.active,
        "pinyin": view.name_pinyin,
    }


def staff_json(view: staff.StaffView) -> dict[str, Any]:
    """One staff member as `shopcrm staff --json` prints it."""
    return {
        "id": view.id,
        "name": view.name,
        "role": view.role,
        "title": view.title,
        "active": view.active,
    }


# --- services ------------------------------------------------------------------------------


@main.group("service", invoke_without_command=True)
@click.option("--all", "include_retired", is_flag=True, help="Include retired services.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def service_group(ctx: click.Context, include_retired: bool, as_json: bool) -> None:
    """Add, edit or retire a service; alone, list the catalogue (as `shopcrm services`)."""
    if ctx.invoked_subcommand is None:
        state = ctx.find_object(CliState)
        assert state is not None
        state.engine  # noqa: B018 - opened here, as `service` (a read), before the listing runs
        ctx.invoke(list_services_cmd, include_retired=include_retired, as_json=as_json)


@service_group.command("add")
@click.argument("name")
@click.option("--price", required=True, metavar="YUAN", help="List price, e.g. 88 or 88.50.")
@click.option("--category", default=None, help="Category name (made when new).")
@click.option("--minutes", type=int, default=0, show_default=True, help="Usual duration.")
@click.option(
    "--care-days",
    default=None,
    metavar="3,30",
    help="Days after a visit when its care follow-ups fall due.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the new service as JSON.")
@owner_command
@pass_state
@handle_errors
def service_add(
    state: CliState,
    name: str,
    price: str,
    category: str | None,
    minutes: int,
    care_days: str | None,
    as_json: bool,
    actor: Actor,
) -> None:
    """Add a service to the catalogue."""
    list_price = catalog.parse_price(price)
    offsets = catalog.parse_care_days(care_days) if care_days is not None else None
    with safe_session(state.engine) as session:
        category_id = catalog.category_named(session, category, actor=actor) if category else None
        service_id = catalog.create_service(
            session,
            name,
            list_price,
            category_id=category_id,
            duration_min=minutes,
            care_offsets=offsets,
            actor=actor,
        )
        view = catalog.get_service(session, service_id)
    if as_json:
        echo_json(service_json(view))
        return
    click.echo(translate(M_SERVICE_ADDED, id=view.id, name=view.name, price=view.list_price))


@service_group.command("edit")
@click.argument("name_or_id")
@click.option("--name", "new_name", default=None, help="New name.")
@click.option("--price", default=None, metavar="YUAN", help="New list price.")
@click.option("--category", default=None, help='Category name (made when new; "" for none).')
@click.option("--minutes", type=int, default=None, help="Usual duration.")
@click.option("--care-days", default=None, metavar="3,30", help='Care follow-up days ("" none).')
@click.option(
    "--floor",
    default=None,
    metavar="RATE",
    help='Member levels price it no lower than this ("" none).',
)
@click.option(
    "--no-level-discount/--level-discount",
    "no_level_discount",
    default=None,
    help="Exclude it from member level discounts (or include it again).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the service as JSON.")
@owner_command
@pass_state
@handle_errors
def service_edit(
    state: CliState,
    name_or_id: str,
    new_name: str | None,
    price: str | None,
    category: str | None,
    minutes: int | None,
    care_days: str | None,
    floor: str | None,
    no_level_discount: bool | None,
    as_json: bool,
    actor: Actor,
) -> None:
    """Change a service; old visits keep the name and price they were recorded with."""
    pricing = (floor, no_level_discount)
    if all(v is None for v in (new_name, price, category, minutes, care_days, *pricing)):
        raise ShopError(E_NOTHING_TO_EDIT)
    list_price = catalog.parse_price(price) if price is not None else None
    offsets = catalog.parse_care_days(care_days) if care_days is not None else None
    with safe_session(state.engine) as session:
        service_id = catalog.resolve_service(session, name_or_id).id
        changes: dict[str, Any] = {}
        if category is not None:
            changes["category_id"] = (
                catalog.category_named(session, category, actor=actor) if category.strip() else None
            )
        view = catalog.update_service(
            session,
            service_id,
            name=new_name,
            list_price=list_price,
            duration_min=minutes,
            care_offsets=offsets,
            actor=actor,
            **changes,
        )
        if floor is not None or no_level_discount is not None:
            from ..services import levels

            levels.set_service_pricing(
                session,
                service_id,
                floor=(floor.strip() or None) if floor is not None else ...,
                no_level_discount=no_level_discount,
                actor=actor,
            )
    if as_json:
        echo_json(service_json(view))
        return
    click.echo(translate(M_SERVICE_SAVED, id=view.id, name=view.name, price=view.list_price))


@service_group.command("retire")
@click.argument("name_or_id")
@click.option("--json", "as_json", is_flag=True, help="Print the service as JSON.")
@owner_command
@pass_state
@handle_errors
def service_retire(state: CliState, name_or_id: str, as_json: bool, actor: Actor) -> None:
    """Retire a service: kept in old visits and reports, no longer offered for new visits."""
    with safe_session(state.engine) as session:
        service_id = catalog.resolve_service(session, name_or_id).id
        catalog.set_service_active(session, service_id, False, actor=actor)
        view = catalog.get_service(session, service_id)
    if as_json:
        echo_json(service_json(view))
        return
    click.echo(translate(M_SERVICE_RETIRED, id=view.id, name=view.name))


# --- staff ---------------------------------------------------------------------------------


@staff_cmd.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(staff.ROLES), default=ROLE_STAFF, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the new staff member as JSON.")
@owner_command
@pass_state
@handle_errors
def staff_add(state: CliState, name: str, role: str, as_json: bool, actor: Actor) -> None:
    """Add a staff member (set a PIN later with `shopcrm staff-pin`)."""
    with safe_session(state.engine) as session:
        staff_id = staff.create_staff(session, name, role=role, actor=actor)
        view = staff.get_staff(session, staff_id)
    if as_json:
        echo_json(staff_json(view))
        return
    role_name = translate(ROLE_NAMES[view.role])
    click.echo(translate(M_STAFF_ADDED, id=view.id, name=view.name, role=role_name))


@staff_cmd.command("retire")
@click.argument("name_or_id")
@click.option("--json", "as_json", is_flag=True, help="Print the staff member as JSON.")
@owner_command
@pass_state
@handle_errors
def staff_retire(state: CliState, name_or_id: str, as_json: bool, actor: Actor) -> None:
    """Retire a staff member: old visits keep their name; new visits cannot choose them."""
    with safe_session(state.engine) as session:
        staff_id = staff.resolve_staff(session, name_or_id).id
        view = staff.retire_staff(session, staff_id, actor=actor)
    if as_json:
        echo_json(staff_json(view))
        return
    click.echo(translate(M_STAFF_RETIRED, id=view.id, name=view.name))
