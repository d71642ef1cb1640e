"""Visits from the terminal: list, add, void, and import a shop's visit history."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.orm import Session

from ..db import session_scope
from ..i18n import ShopError, current_language, define, translate
from ..services import catalog, staff
from ..services.amounts import amount_text, parse_amount
from ..services.auth import Actor
from ..services.boundary import write_session
from ..services.care.complaints import open_visit_complaint
from ..services.commission.lines import visit_split
from ..services.members.lookup import resolve_member
from ..services.money.methods import resolve_method
from ..services.safety import translate_db_errors
from ..services.visit_import import ImportResult, import_visits, summary_lines, write_report
from ..services.visit_import.fields import parse_when
from ..services.visits import (
    VISIT_COLUMNS,
    BillDraft,
    LineDraft,
    PaymentDraft,
    VisitDraft,
    bill_visit,
    member_visits,
    payment_label,
    price_lines,
    record_visit,
    status_label,
    void_visit,
)
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import counter_actor, counter_command
from .tables import echo_table

E_SERVICE = define(
    "cli.visits.service", en="No service matches “{name}”.", zh="没有与“{name}”匹配的服务项目。"
)
E_SERVICE_MANY = define(
    "cli.visits.service_many",
    en="“{name}” matches several services: {names}.",
    zh="“{name}”匹配到多个服务项目：{names}。",
)
E_STAFF = define(
    "cli.visits.staff", en="No staff member called “{name}”.", zh="没有名为“{name}”的员工。"
)
E_AMOUNT = define("cli.visits.amount", en="“{value}” is not an amount.", zh="“{value}”不是金额。")
E_PAY_REST = define(
    "cli.visits.pay_rest",
    en="Only one --pay may leave its amount out.",
    zh="只能有一个 --pay 省略金额。",
)
E_WHEN = define(
    "cli.visits.when", en="“{value}” is not a date and time.", zh="“{value}”不是有效的日期时间。"
)
E_BILL_OR_LINES = define(
    "cli.visits.bill_or_lines",
    en="Give either --amount (a quick bill) or --service/--item lines, not both.",
    zh="请给出 --amount（快速记账）或 --service/--item 项目，二者不能同时使用。",
)
E_NOTHING = define(
    "cli.visits.nothing",
    en="Give --service or --item lines, or --amount for a quick bill.",
    zh="请给出 --service 或 --item 项目，或用 --amount 快速记账。",
)
M_RECORDED = define(
    "cli.visits.recorded", en="Visit {id} recorded: ¥{total}.", zh="已记录消费 {id}：¥{total}。"
)
E_CARD_ID = define(
    "cli.visits.card_id",
    en="“{value}” is not a card number (see shopcrm cards --member …).",
    zh="“{value}”不是次卡编号（见 shopcrm cards --member …）。",
)
M_VOIDED = define("cli.visits.voided", en="Visit {id} voided.", zh="消费记录 {id} 已作废。")
M_NONE = define("cli.visits.none", en="No visits.", zh="没有消费记录。")
M_DRY_RUN = define(
    "cli.visits.dry_run", en="Dry run: nothing was saved.", zh="试运行：未保存任何内容。"
)
M_REPORT = define("cli.visits.report", en="Report written to {path}.", zh="报告已保存到 {path}。")
M_PROBLEM = define("cli.visits.problem", en="Row {row}: {reason}", zh="第 {row} 行：{reason}")
M_MORE = define(
    "cli.visits.more",
    en="... and {count} more rows (see --report).",
    zh="…另有 {count} 行（详见 --report）。",
)


def _amount(text: str) -> Decimal:
    """An amount typed after NAME: or METHOD: (the one money parser; refusals in words)."""
    return parse_amount(text)


def _service_id(session: Session, name: str) -> int:
    exact = catalog.service_by_name(session, name)
    if exact is not None:
        return exact.id
    hits = catalog.find_services(session, name)
    if not hits:
        raise ShopError(E_SERVICE, name=name)
    if len(hits) > 1:
        raise ShopError(E_SERVICE_MANY, name=name, names=", ".join(h.name for h in hits))
    return hits[0].id


def _card_id(text: str | None) -> int | None:
    """`--use-card` alone picks the member's card; `--use-card 12` names card 12."""
    if text in (None, "", "auto"):
        return None
    if not text.strip().lstrip("#").isdigit():
        raise ShopError(E_CARD_ID, value=text)
    return int(text.strip().lstrip("#"))


def _payments(session: Session, pays: tuple[str, ...], total: Decimal) -> tuple[PaymentDraft, ...]:
    """`--pay` specs (METHOD[:AMOUNT]; a method by code or name: wechat, 微信, alipay...)."""
    fixed: list[PaymentDraft] = []
    rest: str | None = None
    for spec in pays or ("cash",):
        name, _, amount = spec.partition(":")
        if amount:
            fixed.append(PaymentDraft(resolve_method(session, name), _amount(amount)))
        elif rest is not None:
            raise ShopError(E_PAY_REST)
        else:
            rest = resolve_method(session, name)
    remaining = total - sum((p.amount for p in fixed), Decimal(0))
    if rest is not None and remaining > 0:
        fixed.append(PaymentDraft(rest, remaining))
    return tuple(fixed)


@main.command("visits")
@click.option("--member", "query", required=True, help="Phone, card number or #id.")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def visits_cmd(state: CliState, query: str, limit: int, as_json: bool) -> None:
    """A member's visits, newest first (voided ones marked)."""
    with session_scope(state.engine) as session:
        rows = member_visits(session, resolve_member(session, query), limit)
    if as_json:
        echo_json(
            [
                {
                    "id": v.id,
                    "visited_at": v.visited_at.isoformat(sep=" "),
                    "items": v.lines_text,
                    "staff": v.staff_text,
                    "amount": v.total_amount,
                    "payments": {m: a for m, a in v.payments},
                    "status": v.status,
                    "replaces_id": v.replaces_id,
                }
                for v in rows
            ]
        )
        return
    if not rows:
        click.echo(translate(M_NONE))
        return
    lines = [
        {
            "id": f"#{v.id}",
            "time": f"{v.visited_at:%Y-%m-%d %H:%M}",
            "amount": f"¥{amount_text(v.total_amount)}",
            "items": v.lines_text,
            "staff": v.staff_text or "-",
            "payments": " + ".join(f"{payment_label(m)} {amount_text(a)}" for m, a in v.payments)
            or "-",
            "status": status_label(v.status),
        }
        for v in rows
    ]
    echo_table(VISIT_COLUMNS, lines)


@main.group("visit")
def visit_group() -> None:
    """Record or void one visit."""


@visit_group.command("add")
@click.option("--member", "query", help="Phone, card number or #id (leave out for a walk-in).")
@click.option(
    "--service",
    "services",
    multiple=True,
    metavar="NAME[:AMOUNT]",
    help="A service (name or pinyin initials), optionally with the amount charged.",
)
@click.option("--item", "items", multiple=True, metavar="TEXT:AMOUNT", help="A free-text item.")
@click.option(
    "--pay",
    "pays",
    multiple=True,
    metavar="METHOD[:AMOUNT]",
    help="cash, card, wechat, alipay, other (or the shop's own, see payment-methods), "
    "stored_value or points; one may omit the amount "
    "(it takes the rest). Default: cash for everything.",
)
@click.option(
    "--override",
    "overrides",
    multiple=True,
    metavar="NAME:AMOUNT",
    help="Charge a service line this instead of the member level's price (needs --reason).",
)
@click.option("--reason", default="", help="Why the level's price was overridden (audited).")
@click.option(
    "--use-card",
    "use_card",
    is_flag=False,
    flag_value="auto",
    default=None,
    metavar="[CARD_ID]",
    help="Pay the --service lines (those without :AMOUNT) with a count card: the member's "
    "card for the service (soonest expiry first) or card CARD_ID.",
)
@click.option("--staff", "staff_name", help="Who served (all lines).")
@click.option(
    "--designated/--rotation",
    "designated",
    default=None,
    help="The member asked for this person (指定) or took the next in the rotation (轮牌); "
    "default: designated when --staff is the member's preferred stylist.",
)
@click.option(
    "--split",
    "splits",
    multiple=True,
    metavar="NAME[:PCT]",
    help="Another person who shared every line (equal shares, or PCT% each; --staff keeps "
    "the rest).",
)
@click.option("--at", "when", help="Date and time (default now).")
@click.option("--note", default="")
@click.option("--satisfaction", type=click.IntRange(1, 5))
@click.option("--complaint", default="")
@click.option("--party-size", type=click.IntRange(1, 500))
@counter_command(names=("--as",))
@click.option(
    "--amount", "bill_amount", metavar="YUAN", help="A quick bill: the whole bill, no services."
)
@click.option("--table", "table_no", default="", help="The table (quick bills).")
@pass_state
@handle_errors
def visit_add(
    state: CliState,
    query: str | None,
    services: tuple[str, ...],
    items: tuple[str, ...],
    pays: tuple[str, ...],
    overrides: tuple[str, ...],
    reason: str,
    staff_name: str | None,
    designated: bool | None,
    splits: tuple[str, ...],
    when: str | None,
    note: str,
    satisfaction: int | None,
    complaint: str,
    party_size: int | None,
    bill_amount: str | None,
    table_no: str,
    use_card: str | None = None,
) -> None:
    """Record a visit, e.g. visit add --member 13800138000 --service 洗剪吹 --pay stored_value,
    or a quick bill: visit add --member 13800138000 --amount 356 --party-size 4 --table 5."""
    if bill_amount is not None and (services or items):
        raise ShopError(E_BILL_OR_LINES)
    if bill_amount is None and not (services or items):
        raise ShopError(E_NOTHING)
    with write_session(state.engine, counter_actor(state, staff_name)) as scope:
        session = scope.session
        member_id = resolve_member(session, query) if query else None
        staff_id = None
        if staff_name:
            found = staff.staff_by_name(session, staff_name)
            if found is None:
                raise ShopError(E_STAFF, name=staff_name)
            staff_id = found.id
        split = visit_split(session, staff_id, splits)
        forced = {}
        for spec in overrides:
            name, _, amount = spec.rpartition(":")
            forced[_service_id(session, name or spec)] = _amount(amount)
        lines = []
        if bill_amount is not None:
            amount = _amount(bill_amount)
            bill = bill_visit(BillDraft(member_id, amount, party_size, table_no, staff_id=staff_id))
            lines = list(bill.lines)
        for spec in services:
            name, _, amount = spec.rpartition(":") if ":" in spec else (spec, "", "")
            service_id = _service_id(session, name)
            charged = _amount(amount) if amount else forced.get(service_id)
            by_card = use_card is not None and charged is None
            lines.append(
                LineDraft(
                    service_id=service_id,
                    amount=charged,
                    staff_id=staff_id,
                    override_reason=reason,
                    use_card=by_card,
                    card_id=_card_id(use_card) if by_card else None,
                    designated=designated,
                    split=split,
                )
            )
        for spec in items:
            name, _, amount = spec.rpartition(":")
            lines.append(
                LineDraft(
                    item_name=name,
                    amount=_amount(amount),
                    staff_id=staff_id,
                    designated=designated,
                    split=split,
                )
            )
        visited_at = None
        if when:
            visited_at = parse_when(when)
            if visited_at is None:
                raise ShopError(E_WHEN, value=when)
        priced = price_lines(session, lines, member_id, when=visited_at)
        total = priced.total_amount
        draft = VisitDraft(
            member_id,
            tuple(lines),
            _payments(session, pays, total - priced.card_total),
            visited_at,
            note,
            satisfaction,
            complaint,
            party_size,
            table_no,
        )
        visit_id = record_visit(session, draft, actor=scope.actor)
        open_visit_complaint(session, visit_id, actor=scope.actor)  # on the member's list now
    click.echo(translate(M_RECORDED, id=visit_id, total=amount_text(total)))


@visit_group.command("void")
@click.argument("visit_id", type=int)
@click.option("--reason", required=True)
@counter_command
@pass_state
@handle_errors
def visit_void(state: CliState, visit_id: int, reason: str) -> None:
    """Void a visit (kept as voided; its stored value and points are given back)."""
    with write_session(state.engine, counter_actor(state)) as scope:
        void_visit(scope.session, visit_id, reason, actor=scope.actor)
    click.echo(translate(M_VOIDED, id=visit_id))


@main.command("import-visits")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--create-missing/--report-missing",
    default=False,
    show_default=True,
    help="Create unknown services and staff, or report their rows.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a report workbook (.xlsx) of what happened to each row.",
)
@click.option("--dry-run", is_flag=True, help="Check everything, save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@counter_command
@pass_state
@handle_errors
def import_visits_cmd(
    state: CliState,
    file: Path,
    create_missing: bool,
    report_path: Path | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import visit history from an .xlsx or .csv file (one transaction)."""
    actor = counter_actor(state)
    # One transaction, rolled back on a dry run; failures translated by the boundary.
    with translate_db_errors():
        result = _import_visits_once(state, file, create_missing, dry_run, as_json, actor)
    _print_import(result, dry_run, report_path, as_json)


def _import_visits_once(
    state: CliState, file: Path, create_missing: bool, dry_run: bool, quiet: bool, actor: Actor
) -> ImportResult:
    session = Session(bind=state.engine, expire_on_commit=False)
    try:
        if state.engine.dialect.name == "sqlite":
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            transient=True,
            disable=quiet,
        ) as bar:
            task = bar.add_task(file.name, total=1.0)
            result = import_visits(
                session,
                file,
                create_missing=create_missing,
                progress=lambda f, m: bar.update(task, completed=f, description=m),
                actor=actor,
            )
        if dry_run:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    return result


def _print_import(
    result: ImportResult, dry_run: bool, report_path: Path | None, as_json: bool
) -> None:
    lang = current_language()
    if report_path:
        write_report(result, report_path, lang)
    if as_json:
        echo_json(
            {
                "dry_run": dry_run,
                "rows_read": result.rows_read,
                "rows_imported": result.rows_imported,
                "rows_already_imported": result.rows_already_imported,
                "rows_failed": result.rows_failed,
                "visits_created": result.visits_created,
                "lines_created": result.lines_created,
                "created_services": result.created_services,
                "created_staff": result.created_staff,
                "missing_services": result.missing_services,
                "missing_staff": result.missing_staff,
                "problems": [{"row": p.row, "reason": p.text(lang)} for p in result.problems],
                "warnings": result.warnings(lang),
                "seconds": round(result.seconds, 2),
            }
        )
        return
    for label, value in summary_lines(result, lang):
        click.echo(f"{label}: {value}")
    for warning in result.warnings(lang):
        click.echo(warning)
    for problem in result.problems[:20]:
        click.echo(translate(M_PROBLEM, row=problem.row, reason=problem.text(lang)))
    if len(result.problems) > 20:
        click.echo(translate(M_MORE, count=len(result.problems) - 20))
    if report_path:
        click.echo(translate(M_REPORT, path=str(report_path)))
    if dry_run:
        click.echo(translate(M_DRY_RUN))
