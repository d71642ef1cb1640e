"""Bookings from the terminal.

``shopcrm book --member Q --staff S --service X --at 2026-12-01T14:00 [--minutes 90]
[--party-size N --table T]``, ``shopcrm bookings --day D [--json]``,
``shopcrm booking arrive|noshow|cancel ID [--reason R] [--by client|shop]``,
``shopcrm booking done ID --visit V``, ``shopcrm booking move ID --at T [--staff S | --table T]``,
``shopcrm booking hours 09:00 21:00``,
``shopcrm booking table NAME [--area A] [--seats N]``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from .. import clock
from ..db import session_scope
from ..i18n import ShopError, define, translate
from ..services import bookings
from ..services.auth import Actor
from ..services.bookings.queries import BookingRow
from ..services.bookings.texts import ANYONE, E_NO_STAFF, E_TIME, STATE_NAMES
from ..services.bookings.week_hours import DAY_NAMES
from ..services.boundary import write_session
from ..services.catalog import resolve_service
from ..services.members.lookup import resolve_member
from ..services.staff import staff_by_name
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import counter_actor, counter_command, owner_command
from .tables import echo_table

M_BOOKED = define(
    "cli.bookings.booked",
    en="Booking #{id}: {start}–{end}.",
    zh="已预约 #{id}：{start}–{end}。",
)
M_STATE = define("cli.bookings.state", en="Booking #{id}: {state}.", zh="预约 #{id}：{state}。")
M_HOURS = define(
    "cli.bookings.hours", en="Opening hours: {opens}–{closes}.", zh="营业时间：{opens}–{closes}。"
)
M_CLOSED = define("cli.bookings.closed", en="Closed.", zh="休息。")
M_TABLE = define(
    "cli.bookings.table", en="Table #{id} {name} added.", zh="已添加桌位 #{id} {name}。"
)
E_DAY = define(
    "cli.bookings.day",
    en="“{text}” is not a day like 2026-12-01.",
    zh="“{text}”不是日期，格式如 2026-12-01。",
)


def _when(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError:
        raise ShopError(E_TIME, text=text) from None


def row_json(row: BookingRow) -> dict[str, Any]:
    """A booking as `--json` shows it (the screen's and the CLI's one shape)."""
    return {
        "id": row.id,
        "member_id": row.member_id,
        "member": row.who,
        "phone_tail": row.phone_tail,
        "staff": row.staff or None,
        "staff_id": row.staff_id,
        "table": row.table or None,
        "table_id": row.table_id,
        "start": row.starts_at.isoformat(timespec="minutes"),
        "end": row.ends_at.isoformat(timespec="minutes"),
        "minutes": row.minutes,
        "services": list(row.services),
        "party_size": row.party_size,
        "state": row.state,
        "reason": row.reason,
        "note": row.note,
        "visit_id": row.visit_id,
    }


@main.command("book")
@click.option("--member", "query", help="Phone, card number or #id of a member.")
@click.option("--name", "guest_name", default="", help="A newcomer's name (with --phone).")
@click.option("--phone", "guest_phone", default="", help="A newcomer's phone.")
@click.option("--staff", "staff_name", help="Who serves (leave out for anyone).")
@click.option("--service", "services", multiple=True, help="A service (name or id); repeatable.")
@click.option("--at", "when", required=True, help="Start, e.g. 2026-12-01T14:00.")
@click.option("--minutes", type=int, help="Length (default: the services' durations).")
@click.option("--party-size", type=click.IntRange(1, 200), help="Guests (restaurants).")
@click.option("--table", "table_name", help="A table (restaurants).")
@click.option("--note", default="")
@click.option("--json", "as_json", is_flag=True, help="Print the booking as JSON.")
@counter_command(names=("--as",))
@pass_state
@handle_errors
def book(state: CliState, query: str | None, guest_name: str, guest_phone: str,
         staff_name: str | None, services: tuple[str, ...], when: str, minutes: int | None,
         party_size: int | None, table_name: str | None, note: str, as_json: bool) -> None:  # fmt: skip
    """Book a member (or a newcomer) with a staff member and/or a table."""
    start = _when(when)
    with write_session(state.engine, counter_actor(state)) as scope:
        session = scope.session
        staff_id = None
        if staff_name:
            found = staff_by_name(session, staff_name)
            if found is None or not found.active:
                raise ShopError(E_NO_STAFF, name=staff_name)
            staff_id = found.id
        draft = bookings.BookingDraft(
            starts_at=start,
            member_id=resolve_member(session, query) if query else None,
            guest_name=guest_name,
            guest_phone=guest_phone,
            staff_id=staff_id,
            table_id=bookings.find_table(session, table_name) if table_name else None,
            service_ids=tuple(resolve_service(session, s).id for s in services),
            minutes=minutes,
            party_size=party_size,
            note=note,
        )
        booking_id = bookings.create_booking(session, draft, actor=scope.actor)
        row = bookings.get_booking(session, booking_id)
    if as_json:
        echo_json(row_json(row))
        return
    click.echo(
        translate(M_BOOKED, id=booking_id, start=row.starts_at.strftime("%Y-%m-%d %H:%M"),
                  end=row.ends_at.strftime("%H:%M"))
    )  # fmt: skip


@main.command("bookings")
@click.option("--day", "day_text", help="The day (default today), e.g. 2026-12-01.")
@click.option("--week", is_flag=True, help="The whole week (Monday to Sunday) of the day.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def bookings_list(state: CliState, day_text: str | None, week: bool, as_json: bool) -> None:
    """The book of a day (or its week): every booking with its staff or table and state."""
    try:
        day = date.fromisoformat(day_text) if day_text else clock.today()
    except ValueError:
        raise ShopError(E_DAY, text=day_text) from None
    with session_scope(state.engine) as session:
        if week:
            _monday, rows = bookings.week_view(session, day)
        else:
            rows = bookings.day_view(session, day).bookings
    if as_json:
        echo_json([row_json(r) for r in rows])
        return
    echo_table(
        bookings.BOOKING_COLUMNS,
        [
            {
                "id": r.id,
                "time": f"{r.starts_at:%m-%d %H:%M}–{r.ends_at:%H:%M}",
                "who": f"{r.who} {r.phone_tail}".strip(),
                "with": " / ".join(x for x in (r.staff, r.table) if x) or translate(ANYONE),
                "services": "、".join(r.services),
                "state": translate(STATE_NAMES[r.state]),
            }
            for r in rows
        ],
    )


@main.group("booking")
def booking_group() -> None:
    """Move a booking on: arrive, noshow, cancel, done, move (改约); opening hours and tables."""


def _state_done(session: Any, booking_id: int, as_json: bool) -> None:
    row = bookings.get_booking(session, booking_id)
    if as_json:
        echo_json(row_json(row))
    else:
        click.echo(translate(M_STATE, id=booking_id, state=translate(STATE_NAMES[row.state])))


def _transition(action: str) -> Any:
    @booking_group.command(action)
    @click.argument("booking_id", type=int)
    @click.option("--reason", default="", help="Why (cancel).")
    @click.option("--by", default="client", type=click.Choice(["client", "shop"]),
                  help="Who cancelled (cancel).")  # fmt: skip
    @click.option("--json", "as_json", is_flag=True, help="Print the booking as JSON.")
    @counter_command
    @pass_state
    @handle_errors
    def command(state: CliState, booking_id: int, reason: str, by: str, as_json: bool) -> None:
        with write_session(state.engine, counter_actor(state)) as scope:
            s, actor = scope.session, scope.actor
            if action == "arrive":
                bookings.arrive(s, booking_id, actor=actor)
            elif action == "noshow":
                bookings.mark_noshow(s, booking_id, actor=actor)
            else:
                bookings.cancel(s, booking_id, reason, by=by, actor=actor)
            _state_done(s, booking_id, as_json)

    command.__doc__ = {
        "arrive": "The guest has arrived (then record the visit and run booking done).",
        "noshow": "The guest did not come (counted on the member's card; no aftercare).",
        "cancel": "Cancel with --reason, --by client (default) or shop.",
    }[action]
    return command


for _action in ("arrive", "noshow", "cancel"):
    _transition(_action)
booking_group.add_command(booking_group.commands["noshow"], "no-show")


@booking_group.command("done")
@click.argument("booking_id", type=int)
@click.option("--visit", "visit_id", type=int, required=True, help="The visit it became.")
@click.option("--json", "as_json", is_flag=True, help="Print the booking as JSON.")
@counter_command
@pass_state
@handle_errors
def booking_done(state: CliState, booking_id: int, visit_id: int, as_json: bool) -> None:
    """The booking became visit --visit (the app does this when the visit is saved)."""
    with write_session(state.engine, counter_actor(state)) as scope:
        bookings.complete(scope.session, booking_id, visit_id, actor=scope.actor)
        _state_done(scope.session, booking_id, as_json)


@booking_group.command("hours")
@click.argument("opens", required=False, default="")
@click.argument("closes", required=False, default="")
@click.option(
    "--day", "days", multiple=True, type=click.Choice(DAY_NAMES),
    help="Only these weekdays (repeatable); without it the shop-wide hours.",
)  # fmt: skip
@click.option("--closed", is_flag=True, help="Closed on the --day weekdays.")
@click.option("--json", "as_json", is_flag=True)
@owner_command
@pass_state
@handle_errors
def booking_hours(
    state: CliState, opens: str, closes: str, days: tuple[str, ...], closed: bool,
    as_json: bool, actor: Actor,
) -> None:  # fmt: skip
    """Set the opening hours the day view shows, e.g. booking hours 10:00 22:00;
    per weekday: booking hours 10:00 14:00 --day sat, booking hours --closed --day sun."""
    with write_session(state.engine, actor) as scope:
        if days:
            weekdays = [DAY_NAMES.index(d) for d in days]
            bookings.set_days_hours(
                scope.session, weekdays, opens, closes, closed=closed, actor=scope.actor
            )
        else:
            bookings.set_opening_hours(scope.session, opens, closes, actor=scope.actor)
        week = bookings.week_hours(scope.session)
    if as_json:
        rows = [
            {"day": DAY_NAMES[d.weekday], "closed": d.closed,
             "opens": None if d.closed else f"{d.opens:%H:%M}",
             "closes": None if d.closed else f"{d.closes:%H:%M}"}
            for d in week
        ]  # fmt: skip
        echo_json(rows)
        return
    for d in week:
        hours = (
            translate(M_CLOSED)
            if d.closed
            else translate(M_HOURS, opens=f"{d.opens:%H:%M}", closes=f"{d.closes:%H:%M}")
        )
        click.echo(f"{DAY_NAMES[d.weekday]}  {hours}")


@booking_group.command("table")
@click.argument("name")
@click.option("--area", default="", help="大厅, 包间 ...")
@click.option("--seats", type=click.IntRange(1, 200), default=4)
@owner_command
@pass_state
@handle_errors
def booking_table(state: CliState, name: str, area: str, seats: int, actor: Actor) -> None:
    """Add a restaurant table (a column of the day view)."""
    with write_session(state.engine, actor) as scope:
        table_id = bookings.add_table(scope.session, name, area=area, seats=seats,
                                      actor=scope.actor)  # fmt: skip
    click.echo(translate(M_TABLE, id=table_id, name=name))


@booking_group.command("move")
@click.argument("booking_id", type=int)
@click.option("--at", "when", required=True, help="The new start, e.g. 2026-12-01T15:00.")
@click.option("--staff", "staff_name", help="Another staff member (default: the same).")
@click.option("--table", "table_name", help="Another table (default: the same).")
@click.option("--json", "as_json", is_flag=True, help="Print the booking as JSON.")
@counter_command(names=("--as",))
@pass_state
@handle_errors
def booking_move(state: CliState, booking_id: int, when: str, staff_name: str | None,
                 table_name: str | None, as_json: bool) -> None:  # fmt: skip
    """Move a booking (改约) to --at, same length and number; a taken time is refused with
    the nearest free one."""
    from ..services.bookings.move import KEEP, M_MOVED, move_booking

    start = _when(when)
    with write_session(state.engine, counter_actor(state)) as scope:
        session = scope.session
        staff_id: Any = KEEP
        if staff_name:
            found = staff_by_name(session, staff_name)
            if found is None or not found.active:
                raise ShopError(E_NO_STAFF, name=staff_name)
            staff_id = found.id
        table_id: Any = bookings.find_table(session, table_name) if table_name else KEEP
        move_booking(session, booking_id, start, staff_id=staff_id, table_id=table_id,
                     actor=scope.actor)  # fmt: skip
        row = bookings.get_booking(session, booking_id)
    if as_json:
        echo_json(row_json(row))
        return
    who = row.staff or row.table or translate(ANYONE)
    click.echo(
        translate(M_MOVED, id=booking_id, start=row.starts_at.strftime("%Y-%m-%d %H:%M"), who=who)
    )
