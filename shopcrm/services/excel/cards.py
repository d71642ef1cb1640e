"""The workbook's Cards sheet: the month's count-card roll-forward and every card entry.

The top block rolls the liability forward (opening + sold + brought in − recognised −
refunded − breakage = closing; the closing cell is a formula whose result equals the report's
figure). Then one row per card entry of the month (sale, opening balance, use, reversal,
refund) with its uses and value, totalled by formulas, and the cards whose last day fell in
the month with the value they left as breakage.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import define, translate
from ...models import CardEntry, Member, MemberCard, MemberCardItem, Service
from ..amounts import ZERO
from ..cards.figures import expired_cards
from ..reports import MonthlyReport
from ..reports.labels import label
from .cells import DATE, INT, MONEY, TIME, TITLE, Sheet, fit, set_widths
from .layout import ID, text_cell

W = {
    key: define(f"excel.cards.{key}", en=en, zh=zh)
    for key, en, zh in (
        ("figure", "Cards (次卡)", "次卡"),
        ("amount", "Amount", "金额"),
        ("count", "Count", "数量"),
        ("uses", "Uses owed", "未用次数"),
        ("opening", "Owed on cards at the start", "期初未消费余额"),
        ("sold", "Cards sold", "售卡"),
        ("imported", "Opening balances brought in", "期初导入"),
        ("recognised", "Revenue recognised by uses", "消费确认收入"),
        ("gifted", "Gifted uses (¥0)", "赠送次数（¥0）"),
        ("refunded", "Refunded", "退卡"),
        ("breakage", "Breakage (expired, unused)", "过期未消费转收入"),
        ("closing", "Owed on cards at the end", "期末未消费余额"),
        ("entries", "Card entries", "次卡流水"),
        ("entry_id", "Entry ID", "流水号"),
        ("date", "Date", "日期"),
        ("time", "Time", "时间"),
        ("card_id", "Card No.", "卡号"),
        ("member", "Member", "会员"),
        ("card", "Card", "次卡"),
        ("kind", "Entry", "业务"),
        ("service", "Service", "项目"),
        ("paid_uses", "Paid uses", "付费次数"),
        ("gifted_uses", "Gifted uses", "赠送次数"),
        ("value", "Value", "金额"),
        ("visit_id", "Visit ID", "单号"),
        ("expired", "Cards expired this month", "本月到期的次卡"),
        ("last_day", "Last day", "到期日"),
        ("left", "Value left (breakage)", "剩余金额（转收入）"),
        ("none", "None this month.", "本月无。"),
        ("k_sale", "sale", "售卡"),
        ("k_opening", "opening balance", "期初导入"),
        ("k_use", "use", "消费"),
        ("k_reversal", "use given back (void)", "作废退回"),
        ("k_refund", "refund", "退卡"),
    )
}


def _t(key: str, lang: str) -> str:
    return translate(W[key], lang)


def _entries(session: Session, start: datetime, end: datetime) -> list[Any]:
    return list(
        session.execute(
            select(
                CardEntry.id, CardEntry.occurred_at, CardEntry.card_id, Member.name,
                MemberCard.name, CardEntry.kind, Service.name, CardEntry.paid_uses,
                CardEntry.bonus_uses, CardEntry.value, CardEntry.visit_id,
            )
            .join(MemberCard, MemberCard.id == CardEntry.card_id)
            .join(Member, Member.id == MemberCard.member_id)
            .outerjoin(MemberCardItem, MemberCardItem.id == CardEntry.item_id)
            .outerjoin(Service, Service.id == MemberCardItem.service_id)
            .where(CardEntry.occurred_at >= start, CardEntry.occurred_at < end)
            .order_by(CardEntry.occurred_at, CardEntry.id)
        )
    )  # fmt: skip


def write_cards(sheet: Sheet, session: Session, report: MonthlyReport, lang: str) -> None:
    figs = report.cards or {}
    heads = [_t(k, lang) for k in ("entry_id", "date", "time", "card_id", "member", "card",
                                   "kind", "service", "paid_uses", "gifted_uses", "value",
                                   "visit_id")]  # fmt: skip
    names = [[_t(k, lang)] for k in ("opening", "breakage", "imported", "recognised", "closing")]
    set_widths(sheet.ws, fit([heads, *names], [12, 10, 8, 8, 10, 12, 12, 10, 8, 8, 10, 8]))
    ws = sheet.ws
    ws.freeze_panes = "A2"
    sheet.header([_t("figure", lang), _t("amount", lang), _t("count", lang), _t("uses", lang)])
    uses = figs.get("uses") or {}  # absent from a month closed before uses were counted

    def money(key: str) -> Any:
        return sheet.cell(_dec(figs.get(key)), MONEY)

    def n(key: str) -> Any:
        return sheet.cell(int(uses[key]), INT) if key in uses else None

    top = sheet.row + 1
    sheet.append([_t("opening", lang), money("opening"), None, n("opening")])
    sheet.append(
        [_t("sold", lang), money("sold"), sheet.cell(figs.get("cards_sold", 0), INT), n("sold")]
    )
    sheet.append([_t("imported", lang), money("opening_imported"), None, n("imported")])
    sheet.append(
        [
            _t("recognised", lang),
            money("recognised"),
            sheet.cell(figs.get("paid_uses", 0), INT),
            n("used"),  # paid and gifted
        ]
    )
    sheet.append([_t("gifted", lang), None, sheet.cell(figs.get("gifted_uses", 0), INT)])
    sheet.append([_t("refunded", lang), money("refunded"), None, n("refunded")])
    sheet.append(
        [
            _t("breakage", lang),
            money("breakage"),
            sheet.cell(figs.get("cards_expired", 0), INT),
            n("expired"),
        ]
    )
    o, s, i, r, _g, f, b = range(top, top + 7)
    uses_closing = f"=D{o}+D{s}+D{i}-D{r}-D{f}-D{b}" if uses else None
    sheet.append(
        [
            sheet.cell(_t("closing", lang), bold=True),
            sheet.cell(f"=B{o}+B{s}+B{i}-B{r}-B{f}-B{b}", MONEY, bold=True),
            None,
            sheet.cell(uses_closing, INT, bold=True) if uses else None,
        ]
    )
    sheet.blank()
    sheet.append([sheet.cell(_t("entries", lang), font=TITLE)])
    sheet.header(heads)
    first = sheet.row + 1
    start, end = clock.month_bounds(report.year, report.month)
    for eid, at, card_id, member, card, kind, service, paid, gifted, value, vid in _entries(
        session, start, end
    ):
        sheet.append(
            (
                sheet.cell(eid, ID),
                sheet.cell(at.date(), DATE),
                sheet.cell(at.time(), TIME),
                sheet.cell(card_id, ID),
                text_cell(ws, member),
                text_cell(ws, card),
                _t(f"k_{kind}", lang),
                text_cell(ws, service),
                sheet.cell(paid, INT),
                sheet.cell(gifted, INT),
                sheet.cell(value, MONEY),
                sheet.cell(vid, ID) if vid is not None else None,
            )
        )
    last = sheet.row
    if last >= first:
        sheet.append(
            [sheet.cell(label("total", lang), bold=True)]
            + [None] * 7
            + [
                sheet.cell(f"=SUM(I{first}:I{last})", INT, bold=True),
                sheet.cell(f"=SUM(J{first}:J{last})", INT, bold=True),
                sheet.cell(f"=SUM(K{first}:K{last})", MONEY, bold=True),
            ]
        )
    else:
        sheet.append([_t("none", lang)])
    sheet.blank()
    sheet.append([sheet.cell(_t("expired", lang), font=TITLE)])
    sheet.header([_t(k, lang) for k in ("card_id", "member", "card", "last_day", "left")])
    expired = expired_cards(session, report.start, date.fromordinal(report.end.toordinal() - 1))
    for card_id, member, card, last_day, left in expired:
        sheet.append(
            (
                sheet.cell(card_id, ID),
                text_cell(ws, member),
                text_cell(ws, card),
                sheet.cell(last_day, DATE),
                sheet.cell(left, MONEY),
            )
        )
    if not expired:
        sheet.append([_t("none", lang)])


def _dec(value: Any) -> Decimal:
    """A report figure (a Decimal, or its text in a closed month's snapshot)."""
    return Decimal(str(value)) if value is not None else ZERO
