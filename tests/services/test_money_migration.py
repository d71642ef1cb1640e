"""Migration 0005 on a database made at 0003: methods, parts and the ledger backfilled so
old months keep their figures."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from shopcrm.db import make_engine, open_database, session_scope
from shopcrm.migrate import current_revision, head_revision, upgrade_to
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.reports import monthly_report

D = Decimal
MEMBER = (
    "INSERT INTO members (id, name, name_pinyin, name_initials, phone, phone_digits,"
    " phone_rev, gender, birth_leap, level, join_date, source, notes, consent_marketing,"
    " profile, status, visit_count, lifetime_spend, created_at, updated_at, version) VALUES"
    " (1, '张三', 'zhangsan', 'zs', '+8613800138000', '13800138000', '00083100831', 'M', 0,"
    " '', '2024-01-02', '', '', 1, '{}', 'active', 0, 0, '2024-01-02 10:00:00',"
    " '2024-01-02 10:00:00', 1)"
)
VISIT = (
    "INSERT INTO visits (id, member_id, visited_at, total_list, total_discount, total_amount,"
    " status, note, complaint, created_at, updated_at, voided_at, void_reason, version)"
    " VALUES (:id, 1, :at, :total, 0, :total, :status, '', '', :at, :at, :voided, '', 1)"
)
PAY = "INSERT INTO visit_payments (visit_id, method, amount) VALUES (:visit, :method, :amount)"
ENTRY = (
    "INSERT INTO wallet_entries (id, member_id, account, seq, entry_type, amount, balance_after,"
    " visit_id, reverses_id, paid_amount, payment_method, reason, created_at) VALUES"
    " (:id, 1, 'stored_value', :seq, :type, :amount, :after, :visit, :rev, :paid, :method, '',"
    " :at)"
)


def _old_shop(path: str) -> None:
    engine = make_engine(path)
    upgrade_to(engine, "0003")
    with engine.begin() as conn:
        conn.execute(text(MEMBER))
        visits = [  # id, when, total (cents), status, voided at
            (1, "2025-03-05 10:00:00", 30000, "ok", None),
            (2, "2025-03-06 11:00:00", 12000, "ok", None),
            (3, "2025-03-07 12:00:00", 5000, "voided", "2025-03-07 12:10:00"),
            (4, "2025-04-02 09:00:00", 10001, "ok", None),
        ]
        for vid, at, total, status, voided in visits:
            conn.execute(
                text(VISIT),
                {"id": vid, "at": at, "total": total, "status": status, "voided": voided},
            )
        for visit, method, amount in [
            (1, "stored_value", 30000),
            (2, "mobile", 12000),
            (3, "card", 5000),
            (4, "stored_value", 10001),
        ]:
            conn.execute(text(PAY), {"visit": visit, "method": method, "amount": amount})
        entries = [  # id, seq, type, amount, after, visit, reverses, paid, method, at
            (1, 1, "topup", 50000, 50000, None, None, 50000, "mobile", "2025-03-01 09:00:00"),
            (2, 2, "bonus", 10000, 60000, None, None, None, None, "2025-03-01 09:00:00"),
            (3, 3, "spend", -30000, 30000, 1, None, None, None, "2025-03-05 10:00:00"),
            (4, 4, "spend", -10001, 19999, 4, None, None, None, "2025-04-02 09:00:00"),
            (5, 5, "refund", -9999, 10000, None, None, -9999, "cash", "2025-04-03 09:00:00"),
        ]
        for e in entries:
            conn.execute(
                text(ENTRY),
                dict(
                    zip(
                        ("id", "seq", "type", "amount", "after", "visit", "rev", "paid"),
                        e[:8],
                        strict=True,
                    ),
                    method=e[8],
                    at=e[9],
                ),
            )
    engine.dispose()


def test_upgrade_from_0003_backfills_methods_parts_and_the_ledger(tmp_path) -> None:
    path = str(tmp_path / "old.db")
    _old_shop(path)
    engine = open_database(path)
    assert current_revision(engine) == head_revision()
    with session_scope(engine) as s:
        names = dict(s.execute(text("SELECT code, name_en FROM payment_methods")).all())
        assert names["mobile"] == "Mobile pay (old)" and names["card"] == "Bank card"
        assert {"wechat", "alipay", "other", "stored_value", "points"} <= names.keys()
        parts = s.execute(
            text("SELECT id, principal, bonus, principal_after FROM wallet_entries ORDER BY id")
        ).all()
        # 300 from 500 + 100: bonus 50, principal 250; then 100.01 from 250 + 50:
        # bonus 16.668 -> 16.67, principal the remainder 83.34; the refund is principal
        assert [tuple(r) for r in parts] == [
            (1, 50000, 0, 50000),
            (2, 0, 10000, 50000),
            (3, -25000, -5000, 25000),
            (4, -8334, -1667, 16666),
            (5, -9999, 0, 6667),
        ]
        assert wallet.check_ledgers(s) == []
        b = wallet.balances(s, 1)
        assert (b.principal, b.bonus) == (D("66.67"), D("33.33"))
        moves = s.execute(
            text(
                "SELECT period, kind, method, SUM(amount), SUM(bonus_part) FROM money_movements"
                " GROUP BY period, kind, method ORDER BY period, kind, method"
            )
        ).all()
        assert [tuple(m) for m in moves] == [
            ("2025-03", "topup", "mobile", 50000, 0),
            ("2025-03", "visit_payment", "card", 5000, 0),
            ("2025-03", "visit_payment", "mobile", 12000, 0),
            ("2025-03", "visit_payment", "stored_value", 30000, 5000),
            ("2025-03", "void_reversal", "card", -5000, 0),
            ("2025-04", "refund", "cash", -9999, 0),
            ("2025-04", "visit_payment", "stored_value", 10001, 1667),
        ]
        march = monthly_report(s, 2025, 3, "en", actor=SYSTEM)
        # old months keep their figures: visit payments by method as before the upgrade
        assert {b.key: b.amount for b in march.by_payment} == {
            "stored_value": D("300.00"),
            "mobile": D("120.00"),
        }
        assert march.figures.net_revenue == D("420.00")
        assert {m.method: m.amount for m in march.money_in.by_method} == {
            "mobile": D("620.00"),
            "card": D("0.00"),
        }
        assert march.revenue.total == D("370.00") and march.revenue.bonus_used == D("50.00")
        assert march.stored_value.closing == D("300.00")
        sv = march.stored_value.parts
        assert (sv["principal"].closing, sv["bonus"].closing) == (D("250.00"), D("50.00"))
    engine.dispose()
