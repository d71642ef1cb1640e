"""Care commands (issue 20): campaigns to a segment, holiday greetings, the SMS export."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import click

from .. import clock
from ..db import session_scope
from ..i18n import ShopError, current_language, define, translate
from ..services.auth import SYSTEM, Actor
from ..services.boundary import write_session
from .app import CliState, echo_json, handle_errors, main, pass_state
from .security import owner_command

DATE = click.DateTime(formats=["%Y-%m-%d"])

M_PREVIEW = define(
    "cli.care.preview",
    en="{n} member(s) would get this message ({no_consent} left out: no consent to offers).",
    zh="将有 {n} 位会员收到这条消息（{no_consent} 位未同意接收优惠，已排除）。",
)
M_LAUNCHED = define(
    "cli.care.launched",
    en="Campaign #{id}: {created} follow-up(s) made, {already} reached before, "
    "{no_consent} left out (no consent).",
    zh="活动 #{id}：新建 {created} 条回访，之前已发 {already} 位，{no_consent} 位未同意接收（已排除）。",
)
M_CAMPAIGN_LINE = define(
    "cli.care.campaign_line",
    en="#{id} {on} {name} [{segment}]: {followups} sent, {reached} reached, "
    "{visited} visited within 30 days, ¥{spent}",
    zh="#{id} {on} {name} [{segment}]：发送 {followups} 条，已联系 {reached} 位，"
    "30天内到店 {visited} 位，消费 ¥{spent}",
)
M_NO_CAMPAIGNS = define("cli.care.no_campaigns", en="No campaigns yet.", zh="还没有营销活动。")
M_HOLIDAY_LINE = define(
    "cli.care.holiday_line",
    en="{date}  {name} ({key}) {state}, {lead} day(s) ahead{segment}",
    zh="{date}  {name}（{key}）{state}，提前 {lead} 天{segment}",
)
M_ON = define("cli.care.on", en="on", zh="已启用")
M_OFF = define("cli.care.off", en="off", zh="未启用")
M_SEGMENT = define("cli.care.segment", en=", only {segment}", zh="，仅限 {segment}")
M_SMS = define(
    "cli.care.sms",
    en="{rows} message(s) written to {path} ({marketing} end with the opt-out phrase); "
    "left out: {no_consent} without consent, {no_phone} without a phone.",
    zh="已导出 {rows} 条短信到 {path}（其中 {marketing} 条营销短信带退订语）；"
    "排除：{no_consent} 位未同意接收，{no_phone} 位没有手机号。",
)
E_NO_HOLIDAY = define(
    "cli.care.no_holiday",
    en="No holiday {key!r}; `shopcrm holidays` lists them.",
    zh="没有节日 {key!r}；用 `shopcrm holidays` 查看。",
)


def plain(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [plain(v) for v in obj]
    if isinstance(obj, date | datetime):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    return obj


def _day(value: datetime | None) -> date:
    return value.date() if value else clock.today()


@main.group("campaign")
def campaign_group() -> None:
    """Campaigns: one message to a segment of members."""


@campaign_group.command("new")
@click.option(
    "--segment", required=True, help="e.g. abc:A, tag:VIP, lapsed:60, points:500, card:30."
)
@click.option(
    "--message",
    required=True,
    help="The text; {name} {shop} {points} {level} {days} ({card} {card_ends} {card_uses} with card:N).",
)
@click.option("--on", "on_day", type=DATE, default=None, help="Day it goes out (default today).")
@click.option("--name", default="", help="A name for the campaign.")
@click.option("--dry-run", is_flag=True, help="Only list who would get it and why.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def campaign_new(
    state: CliState,
    segment: str,
    message: str,
    on_day: datetime | None,
    name: str,
    dry_run: bool,
    as_json: bool,
    actor: Actor,
) -> None:
    """Preview (--dry-run) or launch a campaign: one follow-up per consenting member."""
    from ..services.care.campaigns import launch_campaign, preview_campaign

    lang = current_language()
    day = _day(on_day)
    with session_scope(state.engine) as session:
        preview = preview_campaign(session, segment, message, day, lang)
    if dry_run:
        if as_json:
            echo_json(plain(asdict(preview)))
            return
        for r in preview.recipients:
            click.echo(f"#{r.member_id} {r.name} {r.phone}  — {r.why}")
            click.echo(f"    {r.text}")
        click.echo(
            translate(M_PREVIEW, lang, n=len(preview.recipients), no_consent=preview.no_consent)
        )
        return
    with write_session(state.engine, actor) as scope:
        result = launch_campaign(
            scope.session, segment, message, on=day, name=name, actor=scope.actor
        )
    if as_json:
        echo_json(plain(asdict(result)))
        return
    click.echo(
        translate(
            M_LAUNCHED,
            lang,
            id=result.campaign_id,
            created=result.created,
            already=result.already,
            no_consent=result.no_consent,
        )
    )


@main.command("campaigns")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def campaigns_cmd(state: CliState, as_json: bool) -> None:
    """The campaigns and their outcomes (reached, visited within 30 days, spent)."""
    from ..services.care.campaigns import list_campaigns

    lang = current_language()
    with session_scope(state.engine) as session:
        infos = list_campaigns(session)
    if as_json:
        echo_json([plain(asdict(c)) for c in infos])
        return
    if not infos:
        click.echo(translate(M_NO_CAMPAIGNS, lang))
    for c in infos:
        click.echo(
            translate(
                M_CAMPAIGN_LINE,
                lang,
                id=c.id,
                on=c.on.isoformat(),
                name=c.name,
                segment=c.segment,
                followups=c.followups,
                reached=c.reached,
                visited=c.visited,
                spent=c.spent,
            )
        )


def _holiday_rows(session: Any, year: int, lang: str) -> list[dict[str, Any]]:
    from ..services.followups import KIND_HOLIDAY, list_rules
    from ..services.holidays import holiday_name, holidays_of_year

    rules = {
        r.params.get("holiday"): r for r in list_rules(session, lang) if r.kind == KIND_HOLIDAY
    }
    out = []
    for key, day in holidays_of_year(year):
        rule = rules.get(key)
        out.append(
            {
                "key": key,
                "name": holiday_name(key, lang),
                "date": day.isoformat(),
                "rule_id": rule.id if rule else None,
                "active": bool(rule and rule.active),
                "lead_days": rule.params.get("lead_days") if rule else None,
                "segment": (rule.params.get("segment") or "") if rule else "",
            }
        )
    return out


@main.command("holidays")
@click.option("--year", type=int, default=None, help="Solar year (default this year).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def holidays_cmd(state: CliState, year: int | None, as_json: bool) -> None:
    """The year's holidays (solar and lunar) and whether each one's greeting is on."""
    lang = current_language()
    with session_scope(state.engine) as session:
        rows = _holiday_rows(session, year or clock.today().year, lang)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(
            translate(
                M_HOLIDAY_LINE,
                lang,
                date=r["date"],
                name=r["name"],
                key=r["key"],
                state=translate(M_ON if r["active"] else M_OFF, lang),
                lead=r["lead_days"],
                segment=translate(M_SEGMENT, lang, segment=r["segment"]) if r["segment"] else "",
            )
        )


@main.command("holiday")
@click.argument("key")
@click.option("--on/--off", "active", default=None, help="Turn the greeting on or off.")
@click.option("--lead-days", type=click.IntRange(0, 60), default=None)
@click.option("--segment", default=None, help="Only this segment ('' for everyone).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@owner_command
@pass_state
@handle_errors
def holiday_cmd(
    state: CliState,
    key: str,
    active: bool | None,
    lead_days: int | None,
    segment: str | None,
    as_json: bool,
    actor: Actor,
) -> None:
    """Set a holiday greeting: holiday spring_festival --on --lead-days 3 --segment abc:A."""
    from ..services.followups import ensure_default_rules, update_rule

    lang = current_language()
    params: dict[str, Any] = {}
    if lead_days is not None:
        params["lead_days"] = lead_days
    if segment is not None:
        params["segment"] = segment
    with write_session(state.engine, actor) as scope:
        ensure_default_rules(scope.session)
        rows = {r["key"]: r for r in _holiday_rows(scope.session, clock.today().year, lang)}
        if key not in rows or rows[key]["rule_id"] is None:
            raise ShopError(E_NO_HOLIDAY, key=key)
        update_rule(
            scope.session,
            rows[key]["rule_id"],
            actor=scope.actor,
            active=active,
            params=params or None,
        )
        row = _holiday_rows(scope.session, clock.today().year, lang)
    shown = next(r for r in row if r["key"] == key)
    if as_json:
        echo_json(shown)
        return
    click.echo(
        translate(
            M_HOLIDAY_LINE,
            lang,
            date=shown["date"],
            name=shown["name"],
            key=key,
            state=translate(M_ON if shown["active"] else M_OFF, lang),
            lead=shown["lead_days"],
            segment=translate(M_SEGMENT, lang, segment=shown["segment"])
            if shown["segment"]
            else "",
        )
    )


@main.command("sms-export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--on", "on_day", type=DATE, default=None, help="Day (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
@handle_errors
def sms_export(state: CliState, path: str, on_day: datetime | None, as_json: bool) -> None:
    """Write the day's messages as phone,text CSV for an SMS platform."""
    from ..services.care.sms import export_sms
    from ..services.followups import raise_due

    lang = current_language()
    day = _day(on_day)
    with write_session(state.engine, SYSTEM) as scope:  # raising is the system's own work
        raise_due(scope.session, day, actor=scope.actor)
    with session_scope(state.engine) as session:
        result = export_sms(session, day, path, lang)
    if as_json:
        echo_json(asdict(result))
        return
    click.echo(translate(M_SMS, lang, **asdict(result)))
