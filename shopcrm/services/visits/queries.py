"""Reading visits: a member's history, one visit in full, the dialog's remembered defaults."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, String, bindparam, literal_column, null, select, union_all
from sqlalchemy.orm import Session

from ...i18n import ShopError, define, translate
from ...models import VISIT_OK, Member, Staff, Visit, VisitLine, VisitPayment, WalletEntry
from ..tables import TableColumn
from .record import E_NOT_FOUND

PAYMENT_LABELS = {
    "cash": define("visits.pay.cash", en="cash", zh="现金"),
    "card": define("visits.pay.card", en="bank card", zh="银行卡"),
    "mobile": define("visits.pay.mobile", en="mobile pay", zh="扫码支付"),
    "wechat": define("visits.pay.wechat", en="WeChat Pay", zh="微信支付"),
    "alipay": define("visits.pay.alipay", en="Alipay", zh="支付宝"),
    "other": define("visits.pay.other", en="other", zh="其他"),
    "stored_value": define("visits.pay.stored_value", en="stored value", zh="储值"),
    "points": define("visits.pay.points", en="points", zh="积分"),
}
STATUS_LABELS = {
    "ok": define("visits.status.ok", en="ok", zh="正常"),
    "voided": define("visits.status.voided", en="voided", zh="已作废"),
}


# A member's visits as the CLI prints them (`shopcrm visits`).
VISIT_COLUMNS = (
    TableColumn("id", define("visits.col.id", en="Visit", zh="单号")),
    TableColumn("time", define("visits.col.time", en="Time", zh="时间")),
    TableColumn("amount", define("visits.col.amount", en="Amount", zh="金额"), right=True),
    TableColumn("items", define("visits.col.items", en="Items", zh="项目")),
    TableColumn("staff", define("visits.col.staff", en="Staff", zh="员工")),
    TableColumn("payments", define("visits.col.payments", en="Paid by", zh="支付")),
    TableColumn("status", define("visits.col.status", en="Status", zh="状态")),
)


def payment_label(method: str, lang: str | None = None) -> str:
    msg = PAYMENT_LABELS.get(method)
    return translate(msg, lang) if msg else method


def status_label(status: str, lang: str | None = None) -> str:
    msg = STATUS_LABELS.get(status)
    return translate(msg, lang) if msg else status


@dataclass(frozen=True)
class VisitSummary:
    id: int
    visited_at: datetime
    lines_text: str  # "洗剪吹, 染发 ×2"
    staff_text: str  # "Tony, 小李"
    total_amount: Decimal
    payments: tuple[tuple[str, Decimal], ...]  # (method, amount), method codes
    status: str  # ok | voided
    replaces_id: int | None
    satisfaction: int | None
    has_complaint: bool


@dataclass(frozen=True)
class LineView:
    line_no: int
    service_id: int | None
    item_name: str
    quantity: int
    unit_price: Decimal
    discount: Decimal
    amount: Decimal
    staff_id: int | None
    staff_name: str


@dataclass(frozen=True)
class WalletMove:
    id: int
    account: str
    entry_type: str
    amount: Decimal
    reverses_id: int | None


@dataclass(frozen=True)
class VisitDetail:
    id: int
    member_id: int | None
    member_name: str
    visited_at: datetime
    lines: tuple[LineView, ...]
    payments: tuple[tuple[str, Decimal], ...]
    total_list: Decimal
    total_discount: Decimal
    total_amount: Decimal
    status: str
    note: str
    satisfaction: int | None
    complaint: str
    party_size: int | None
    created_at: datetime
    created_by: str
    voided_at: datetime | None
    voided_by: str
    void_reason: str
    replaces_id: int | None
    replaced_by_id: int | None
    source_ref: str | None
    wallet: tuple[WalletMove, ...]


@dataclass(frozen=True)
class VisitDefaults:
    staff_id: int | None
    staff_name: str
    payment_method: str | None


def _staff_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted))).all())


_V = Visit.__table__.c
_L = VisitLine.__table__.c
_P = VisitPayment.__table__.c
_S = Staff.__table__.c
_HISTORY = (
    select(
        _V.id,
        _V.visited_at,
        _V.total_amount,
        _V.status,
        _V.replaces_id,
        _V.satisfaction,
        _V.complaint,
    )
    .where(_V.member_id == bindparam("member_id"))
    .order_by(_V.visited_at.desc(), _V.id.desc())  # ix_visits_member_time, backwards
    .limit(bindparam("limit"))
)
_HISTORY_OK = _HISTORY.where(_V.status == VISIT_OK)
# The visits' lines (with their staff) and payments in one statement: `part` 0 is a line
# (item, quantity, staff name), 1 a payment (method in `item`, `amount`), in line order and
# payment order. Each column keeps one type across both parts (the result's types are the
# first part's: the line's empty amount is a typed NULL).
_HISTORY_DETAIL = union_all(
    select(
        literal_column("0", Integer).label("part"),
        _L.visit_id,
        _L.line_no.label("seq"),
        _L.item_name.label("item"),
        _L.quantity,
        _S.name,
        null().cast(_P.amount.type).label("amount"),
    )
    .outerjoin(Staff.__table__, _S.id == _L.staff_id)
    .where(_L.visit_id.in_(bindparam("ids", expanding=True))),
    select(
        literal_column("1", Integer),
        _P.visit_id,
        _P.id,
        _P.method,
        null().cast(Integer),
        null().cast(String),
        _P.amount,
    ).where(_P.visit_id.in_(bindparam("ids", expanding=True))),
).order_by("part", "visit_id", "seq")


def member_visits(
    session: Session, member_id: int, limit: int = 50, include_voided: bool = True
) -> list[VisitSummary]:
    """A member's visits, newest first (voided ones included and marked by default).

    Two Core statements built once (the visits; their lines with their staff and their
    payments); no ORM objects are loaded."""
    session.flush()  # Core reads: what this session wrote must show
    query = _HISTORY if include_voided else _HISTORY_OK
    visits = session.execute(query, {"member_id": member_id, "limit": limit}).all()
    ids = [v.id for v in visits]
    lines: dict[int, list[Any]] = defaultdict(list)
    payments: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    if ids:
        for row in session.execute(_HISTORY_DETAIL, {"ids": ids}):
            if row.part == 0:
                lines[row.visit_id].append(row)
            else:
                payments[row.visit_id].append((row.item, row.amount))
    result = []
    for v in visits:
        own = lines[v.id]
        text = ", ".join(ln.item + (f" ×{ln.quantity}" if ln.quantity > 1 else "") for ln in own)
        staff = list(dict.fromkeys(ln.name for ln in own if ln.name is not None))
        result.append(
            VisitSummary(
                v.id,
                v.visited_at,
                text,
                ", ".join(staff),
                v.total_amount,
                tuple(payments[v.id]),
                v.status,
                v.replaces_id,
                v.satisfaction,
                bool(v.complaint),
            )
        )
    return result


def visit_detail(session: Session, visit_id: int) -> VisitDetail:
    v = session.get(Visit, visit_id)
    if v is None:
        raise ShopError(E_NOT_FOUND, id=visit_id)
    names = _staff_names(
        session, {ln.staff_id for ln in v.lines} | {v.created_by_id, v.voided_by_id}
    )
    member = session.get(Member, v.member_id) if v.member_id else None
    replaced_by = session.scalar(select(Visit.id).where(Visit.replaces_id == v.id))
    moves = session.scalars(
        select(WalletEntry).where(WalletEntry.visit_id == v.id).order_by(WalletEntry.id)
    )
    return VisitDetail(
        id=v.id,
        member_id=v.member_id,
        member_name=member.name if member else "",
        visited_at=v.visited_at,
        lines=tuple(
            LineView(
                ln.line_no,
                ln.service_id,
                ln.item_name,
                ln.quantity,
                ln.unit_price,
                ln.discount,
                ln.amount,
                ln.staff_id,
                names.get(ln.staff_id, "") if ln.staff_id else "",
            )
            for ln in v.lines
        ),
        payments=tuple((p.method, p.amount) for p in v.payments),
        total_list=v.total_list,
        total_discount=v.total_discount,
        total_amount=v.total_amount,
        status=v.status,
        note=v.note,
        satisfaction=v.satisfaction,
        complaint=v.complaint,
        party_size=v.party_size,
        created_at=v.created_at,
        created_by=names.get(v.created_by_id, "") if v.created_by_id else "",
        voided_at=v.voided_at,
        voided_by=names.get(v.voided_by_id, "") if v.voided_by_id else "",
        void_reason=v.void_reason,
        replaces_id=v.replaces_id,
        replaced_by_id=replaced_by,
        source_ref=v.source_ref,
        wallet=tuple(
            WalletMove(e.id, e.account, e.entry_type, e.amount, e.reverses_id) for e in moves
        ),
    )


def last_visit_defaults(session: Session, member_id: int) -> VisitDefaults:
    """Staff and payment method of the member's last (non-voided) visit, for the dialog.

    The staff is the one on the first line that had one; the method is the one that paid
    the largest share.
    """
    visit_id = session.scalar(
        select(Visit.id)
        .where(Visit.member_id == member_id, Visit.status == VISIT_OK)
        .order_by(Visit.visited_at.desc(), Visit.id.desc())
        .limit(1)
    )
    if visit_id is None:
        return VisitDefaults(None, "", None)
    staff_id = session.scalar(
        select(VisitLine.staff_id)
        .where(VisitLine.visit_id == visit_id, VisitLine.staff_id.is_not(None))
        .order_by(VisitLine.line_no)
        .limit(1)
    )
    method = session.scalar(
        select(VisitPayment.method)
        .where(VisitPayment.visit_id == visit_id)
        .order_by(VisitPayment.amount.desc(), VisitPayment.id)
        .limit(1)
    )
    name = _staff_names(session, {staff_id}).get(staff_id, "") if staff_id else ""
    return VisitDefaults(staff_id, name, method)
