"""Money an accountant can close: payment methods, the money ledger, principal and bonus,
closed months.

- `payment_methods`: the shop's list (cash, bank card, WeChat Pay, Alipay, other) plus the
  internal tenders; old `mobile` payments keep a method of their own, "Mobile pay (old)".
- `wallet_entries` gain `principal`, `bonus` and `principal_after`, backfilled by replaying
  each stored-value ledger: top-ups are principal, bonus entries bonus, spends draw both in
  proportion to the balance at that moment (exact cents, the remainder on the principal).
- `money_movements` is backfilled from visit payments (and the reversals of voided visits)
  and from wallet top-ups and refunds, each booked on its own day, so old months keep their
  figures.
- `closed_months` starts empty.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

METHODS = (
    # code, zh, en, active, internal, sort order
    ("cash", "现金", "Cash", True, False, 10),
    ("card", "银行卡", "Bank card", True, False, 20),
    ("wechat", "微信支付", "WeChat Pay", True, False, 30),
    ("alipay", "支付宝", "Alipay", True, False, 40),
    ("other", "其他", "Other", True, False, 50),
    ("mobile", "移动支付（旧）", "Mobile pay (old)", True, False, 60),
    ("stored_value", "储值", "Stored value", True, True, 90),
    ("points", "积分", "Points", True, True, 91),
)


def split_draw(draw: int, principal: int, bonus: int) -> tuple[int, int]:
    """(principal part, bonus part) of drawing `draw` cents from a balance (frozen copy of
    the wallet's rule as of this revision)."""
    total = principal + bonus
    if total <= 0 or bonus <= 0:
        return draw, 0
    if draw >= total:
        return draw - bonus, bonus
    part = (2 * draw * bonus + total) // (2 * total)  # round half up
    part = max(min(part, bonus), draw - principal, 0)
    return draw - part, part


def _create_tables() -> None:
    op.create_table(
        "payment_methods",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name_zh", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_payment_methods")),
    )
    op.create_table(
        "closed_months",
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by_id"],
            ["staff.id"],
            name=op.f("fk_closed_months_closed_by_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_closed_months")),
    )
    op.create_table(
        "money_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("bonus_part", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("wallet_entry_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("prior_period", sa.String(length=7), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_money_movements_member_id_members"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_money_movements_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_money_movements_visit_id_visits"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["wallet_entry_id"],
            ["wallet_entries.id"],
            name=op.f("fk_money_movements_wallet_entry_id_wallet_entries"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_movements")),
    )
    op.create_index(
        "ix_money_movements_period",
        "money_movements",
        ["period", "booked_on", "method", "kind", "amount"],
    )
    op.create_index("ix_money_movements_visit", "money_movements", ["visit_id"])
    op.create_index("ix_money_movements_wallet_entry", "money_movements", ["wallet_entry_id"])
    with op.batch_alter_table("wallet_entries") as batch:
        for name in ("principal", "bonus", "principal_after"):
            batch.add_column(sa.Column(name, sa.BigInteger(), nullable=False, server_default="0"))


W = sa.table(
    "wallet_entries",
    sa.column("id", sa.Integer),
    sa.column("member_id", sa.Integer),
    sa.column("account", sa.String),
    sa.column("seq", sa.Integer),
    sa.column("entry_type", sa.String),
    sa.column("amount", sa.BigInteger),
    sa.column("visit_id", sa.Integer),
    sa.column("reverses_id", sa.Integer),
    sa.column("paid_amount", sa.BigInteger),
    sa.column("payment_method", sa.String),
    sa.column("staff_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("principal", sa.BigInteger),
    sa.column("bonus", sa.BigInteger),
    sa.column("principal_after", sa.BigInteger),
)
V = sa.table(
    "visits",
    sa.column("id", sa.Integer),
    sa.column("member_id", sa.Integer),
    sa.column("visited_at", sa.DateTime),
    sa.column("status", sa.String),
    sa.column("created_by_id", sa.Integer),
    sa.column("voided_at", sa.DateTime),
    sa.column("voided_by_id", sa.Integer),
)
P = sa.table(
    "visit_payments",
    sa.column("visit_id", sa.Integer),
    sa.column("method", sa.String),
    sa.column("amount", sa.BigInteger),
)
M = sa.table(
    "money_movements",
    sa.column("occurred_at", sa.DateTime),
    sa.column("booked_on", sa.Date),
    sa.column("period", sa.String),
    sa.column("kind", sa.String),
    sa.column("method", sa.String),
    sa.column("amount", sa.BigInteger),
    sa.column("bonus_part", sa.BigInteger),
    sa.column("member_id", sa.Integer),
    sa.column("visit_id", sa.Integer),
    sa.column("wallet_entry_id", sa.Integer),
    sa.column("staff_id", sa.Integer),
    sa.column("prior_period", sa.String),
    sa.column("note", sa.String),
)


def _split_wallet(conn: sa.Connection) -> dict[int, int]:
    """Fill principal/bonus/principal_after; returns the bonus drawn by each visit (cents)."""
    parts: dict[int, tuple[int, int]] = {}
    visit_bonus: dict[int, int] = defaultdict(int)
    updates = []
    key, p_bal, b_bal = None, 0, 0
    rows = conn.execute(
        sa.select(W.c.id, W.c.member_id, W.c.account, W.c.entry_type, W.c.amount)
        .add_columns(W.c.reverses_id, W.c.visit_id)
        .order_by(W.c.member_id, W.c.account, W.c.seq)
    )
    for entry_id, member_id, account, kind, amount, reverses_id, visit_id in rows:
        if (member_id, account) != key:
            key, p_bal, b_bal = (member_id, account), 0, 0
        if account != "stored_value":
            p, b = amount, 0
        elif kind == "bonus":
            p, b = 0, amount
        elif kind == "reversal" and reverses_id in parts:
            op_p, op_b = parts[reverses_id]
            p, b = -op_p, -op_b
        elif amount >= 0:
            p, b = amount, 0
        elif kind == "refund":  # a refund returns principal first
            p = -min(-amount, max(p_bal, 0))
            b = amount - p
        else:  # spend, adjust, merge_out...: in proportion
            dp, db = split_draw(-amount, p_bal, b_bal)
            p, b = -dp, -db
        parts[entry_id] = (p, b)
        p_bal, b_bal = p_bal + p, b_bal + b
        if visit_id is not None and account == "stored_value" and kind in ("spend", "reversal"):
            visit_bonus[visit_id] += -b if kind == "spend" else 0
        updates.append({"eid": entry_id, "p": p, "b": b, "pa": p_bal})
    if updates:
        conn.execute(
            W.update()
            .where(W.c.id == sa.bindparam("eid"))
            .values(
                principal=sa.bindparam("p"),
                bonus=sa.bindparam("b"),
                principal_after=sa.bindparam("pa"),
            ),
            updates,
        )
    return visit_bonus


def _backfill_movements(conn: sa.Connection, visit_bonus: dict[int, int]) -> None:
    rows: list[dict] = []

    def add(when, day, kind, method, amount, **more) -> None:  # noqa: ANN001
        rows.append(
            {
                "occurred_at": when,
                "booked_on": day,
                "period": f"{day.year:04d}-{day.month:02d}",
                "kind": kind,
                "method": method,
                "amount": amount,
                "bonus_part": more.pop("bonus_part", 0),
                "member_id": more.pop("member_id", None),
                "visit_id": more.pop("visit_id", None),
                "wallet_entry_id": more.pop("wallet_entry_id", None),
                "staff_id": more.pop("staff_id", None),
                "prior_period": None,
                "note": "",
            }
        )

    query = (
        sa.select(
            V.c.id,
            V.c.member_id,
            V.c.visited_at,
            V.c.status,
            V.c.created_by_id,
            V.c.voided_at,
            V.c.voided_by_id,
            P.c.method,
            P.c.amount,
        )
        .join(P, P.c.visit_id == V.c.id)
        .order_by(V.c.visited_at, V.c.id, P.c.method)
    )
    for vid, mid, at, status, by, voided_at, voided_by, method, amount in conn.execute(query):
        bonus = visit_bonus.get(vid, 0) if method == "stored_value" else 0
        common = {"member_id": mid, "visit_id": vid}
        add(at, at.date(), "visit_payment", method, amount, bonus_part=bonus, staff_id=by, **common)
        if status == "voided":
            add(
                voided_at or at,
                at.date(),
                "void_reversal",
                method,
                -amount,
                bonus_part=-bonus,
                staff_id=voided_by,
                **common,
            )
    wallet = sa.select(
        W.c.id, W.c.member_id, W.c.entry_type, W.c.paid_amount, W.c.payment_method
    ).add_columns(W.c.staff_id, W.c.created_at)
    wallet = wallet.where(
        W.c.account == "stored_value", W.c.entry_type.in_(("topup", "refund"))
    ).order_by(W.c.created_at, W.c.id)
    for eid, mid, kind, paid, method, staff, at in conn.execute(wallet):
        if not paid:
            continue
        add(
            at,
            at.date(),
            kind,
            method or "cash",
            paid,
            member_id=mid,
            wallet_entry_id=eid,
            staff_id=staff,
        )
    rows.sort(key=lambda r: (r["occurred_at"], r["kind"] != "visit_payment"))
    if rows:
        conn.execute(M.insert(), rows)


def upgrade() -> None:
    _create_tables()
    conn = op.get_bind()
    methods = sa.table(
        "payment_methods",
        sa.column("code", sa.String),
        sa.column("name_zh", sa.String),
        sa.column("name_en", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("internal", sa.Boolean),
        sa.column("sort_order", sa.Integer),
    )
    conn.execute(
        methods.insert(),
        [
            dict(zip(("code", "name_zh", "name_en", "active", "internal", "sort_order"), m))
            for m in METHODS
        ],
    )
    _backfill_movements(conn, _split_wallet(conn))


def downgrade() -> None:
    with op.batch_alter_table("wallet_entries") as batch:
        for name in ("principal_after", "bonus", "principal"):
            batch.drop_column(name)
    op.drop_table("money_movements")
    op.drop_table("closed_months")
    op.drop_table("payment_methods")
