"""Opening balances: what a shop moving in from paper or another system brings with it.

`import-balances FILE` (.xlsx/.csv): one row per member (phone or card number) with any of
stored value (principal and bonus apart), points, and a card (type, uses left, optionally
gifted uses left, value left and last day). Each row gets an outcome like the other imports;
a row is written in a SAVEPOINT, so a bad row spoils nothing; a dry run is rolled back by the
caller. A row is recognised by a hash of what it says: importing the same file again adds
nothing. Opening entries are marked `opening` on the wallet's and the cards' ledgers and put
nothing on the money ledger, so the month's money received never counts them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import ShopError, define
from ...models import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, MemberCard, WalletEntry
from ...models.card import CARD_OPENING
from .. import audit
from ..amounts import check_amount
from ..auth import Actor, require_owner
from ..members.columns import Column, alias_table, match_header
from ..members.lookup import resolve_member
from ..members.reader import open_source
from ..setup_import import CREATED, ERROR, UNCHANGED, RowOutcome, SetupImportResult
from ..wallet import append_entry
from .holding import open_card, unit_values
from .types import expiry_for, get_card_type

OPENING = "opening"

E_NO_HEADER = define(
    "cards.import.no_header",
    en="{path}: no header row with a “{name}” column was found in the first 20 rows.",
    zh="{path}：前 20 行中没有找到含“{name}”列的表头。",
)
E_NOTHING = define(
    "cards.import.nothing",
    en="The row has no balance (stored value, points or card uses).",
    zh="该行没有任何余额（储值、积分或次卡次数）。",
)
E_POINTS = define(
    "cards.import.points",
    en="“{value}” is not a whole number of points.",
    zh="“{value}”不是整数积分。",
)
E_USES = define(
    "cards.import.uses",
    en="“{value}”: uses left is a whole number, or SERVICE:COUNT for a card of several services.",
    zh="“{value}”：剩余次数须为整数，多项目次卡写作“项目:次数”。",
)
E_USES_NO_TYPE = define(
    "cards.import.uses_no_type",
    en="Uses left need a card type.",
    zh="填写剩余次数时必须填写次卡类型。",
)
E_SERVICE = define(
    "cards.import.service",
    en="Card type “{type}” has no service “{service}”.",
    zh="次卡类型“{type}”不含项目“{service}”。",
)
E_DATE = define(
    "cards.import.date",
    en="“{value}” is not a date (YYYY-MM-DD).",
    zh="“{value}”不是日期（YYYY-MM-DD）。",
)


def _col(key: str, en: str, zh: str, *aliases: str) -> Column:
    return Column(key, define(f"cards.import.col.{key}", en=en, zh=zh), aliases)


BALANCE_COLUMNS = (
    _col("member", "Member (phone or card no.)", "会员（手机号或卡号）", "会员", "手机号", "手机",
         "电话", "卡号", "phone", "card", "cardno"),
    _col("principal", "Stored value principal", "储值本金", "本金", "储值", "储值余额",
         "principal", "storedvalue", "balance"),
    _col("bonus", "Stored value bonus", "储值赠送", "赠送金额", "赠送余额", "bonus"),
    _col("points", "Points", "积分", "points"),
    _col("card_type", "Card type", "次卡类型", "次卡", "卡类型", "cardtype", "package"),
    _col("uses_left", "Uses left", "剩余次数", "次数", "uses", "usesleft"),
    _col("gifted_left", "Gifted uses left", "赠送次数", "剩余赠送次数", "gifted", "giftedusesleft"),
    _col("value_left", "Card value left", "次卡剩余金额", "剩余金额", "valueleft"),
    _col("expires_on", "Card last day", "次卡到期日", "到期日", "有效期至", "expires", "expiry"),
)  # fmt: skip


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    table = alias_table(list(BALANCE_COLUMNS))
    with open_source(path) as source:
        sheet = source.sheets[0]
        header = None
        for number, cells in sheet.rows():
            if header is None:
                found = match_header(cells, table, number)
                if "member" in found.positions:
                    header = found
                elif number >= 20:
                    break
                continue
            if not any(_text(c) for c in cells):
                continue
            yield (
                number,
                {
                    k: _text(cells[i] if i < len(cells) else None)
                    for k, i in header.positions.items()
                },
            )
        if header is None:
            raise ShopError(E_NO_HEADER, path=Path(path).name, name=BALANCE_COLUMNS[0].header())


def _count(text: str) -> int:
    if not text.isdigit() or int(text) > 9999:
        raise ShopError(E_USES, value=text)
    return int(text)


def _uses(text: str, services: dict[str, int], type_name: str) -> dict[int, int]:
    """ "7" (a one-service card) or "洗剪吹:5,护理:2" → {service_id: count}."""
    if not text:
        return {}
    if ":" not in text.replace("：", ":"):
        if len(services) != 1:
            raise ShopError(E_USES, value=text)
        return {next(iter(services.values())): _count(text)}
    out: dict[int, int] = {}
    for part in text.replace("：", ":").replace("，", ",").split(","):
        name, _, count = part.rpartition(":")
        sid = services.get(name.strip().lower())
        if sid is None:
            raise ShopError(E_SERVICE, type=type_name, service=name.strip())
        out[sid] = out.get(sid, 0) + _count(count.strip())
    return out


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10].replace("/", "-"))
    except ValueError:
        raise ShopError(E_DATE, value=text) from None


def _row_ref(member_id: int, cells: dict[str, str]) -> str:
    said = "|".join(f"{c.key}={cells.get(c.key, '')}" for c in BALANCE_COLUMNS[1:])
    return hashlib.sha256(f"opening|{member_id}|{said}".encode()).hexdigest()[:40]


def _one(session: Session, cells: dict[str, str], when: datetime, actor: Actor) -> str:
    member_id = resolve_member(session, cells.get("member", ""))
    ref = _row_ref(member_id, cells)
    reason = f"{OPENING}:{ref}"
    done = session.scalar(
        select(WalletEntry.id).where(
            WalletEntry.member_id == member_id, WalletEntry.reason == reason
        )
    ) or session.scalar(select(MemberCard.id).where(MemberCard.source_ref == ref))
    if done is not None:
        return UNCHANGED
    principal = check_amount(cells.get("principal") or "0")
    bonus = check_amount(cells.get("bonus") or "0")
    points_text = cells.get("points") or "0"
    if not points_text.lstrip("-").isdigit():
        raise ShopError(E_POINTS, value=points_text)
    points = int(points_text)
    card = _card_part(session, cells)
    if not (principal or bonus or points or card):
        raise ShopError(E_NOTHING)
    if principal or bonus:
        append_entry(
            session, member_id, ACCOUNT_STORED_VALUE, OPENING, principal + bonus, actor=actor,
            when=when, parts=(principal, bonus), reason=reason,
        )  # fmt: skip
    if points:
        append_entry(
            session, member_id, ACCOUNT_POINTS, OPENING, Decimal(points), actor=actor, when=when,
            reason=reason,
        )  # fmt: skip
    if card:
        view, paid, gifted, value, last_day = card
        open_card(
            session, member_id, view, when=when, kind=CARD_OPENING, price=value,
            paid_uses=paid, bonus_uses=gifted, expires_on=last_day, source_ref=ref, actor=actor,
        )  # fmt: skip
    audit.record(
        session, actor, "member", member_id, "opening_balance", principal=principal, bonus=bonus,
        points=points, card=card[0].name if card else None,
    )  # fmt: skip
    return CREATED


def _card_part(session: Session, cells: dict[str, str]) -> Any:
    type_name = cells.get("card_type", "")
    uses_text, gifted_text = cells.get("uses_left", ""), cells.get("gifted_left", "")
    if not type_name:
        if uses_text or gifted_text:
            raise ShopError(E_USES_NO_TYPE)
        return None
    view = get_card_type(session, type_name)
    services = {i.service.lower(): i.service_id for i in view.items}
    paid = _uses(uses_text, services, view.name)
    gifted = _uses(gifted_text, services, view.name)
    if not sum(paid.values()) + sum(gifted.values()):
        raise ShopError(E_NOTHING)
    if cells.get("value_left"):
        value = check_amount(cells["value_left"])
    else:  # the type's per-use values for the paid uses left
        order = [i.service_id for i in view.items]
        units = unit_values(view.price, [(i.list_price, i.paid) for i in view.items])
        value = sum((u * paid.get(s, 0) for s, u in zip(order, units, strict=True)), Decimal(0))
        value = min(value, view.price)
    last_day = _day(cells.get("expires_on", "")) or expiry_for(view, clock.now())
    return view, paid, gifted, value, last_day


def import_balances(session: Session, path: str | Path, *, actor: Actor) -> SetupImportResult:
    """Opening balances from a sheet (owner only); see the module docstring."""
    require_owner(actor, "import opening balances")
    result = SetupImportResult()
    when = clock.now().replace(microsecond=0)
    for number, cells in _rows(path):
        name = cells.get("member", "")
        try:
            with session.begin_nested():
                outcome = _one(session, cells, when, actor)
        except ShopError as exc:
            result.rows.append(RowOutcome(number, name, ERROR, exc.message()))
            continue
        result.rows.append(RowOutcome(number, name, outcome))
    return result
