"""Benchmark figures of the owner's month (issue 21, "Month"), each beside a same-run limit.

- `raw_month_report`: the limit of the monthly report — every figure the report shows
  (three months' headlines, the breakdowns, ledgers, money, follow-ups, levels, cards,
  care and satisfaction, and the inputs of the class counts) computed in raw sqlite3 on
  the same indexes, each the best query found for it.
- `analytics_pass`: `analytics.member_classes` (every member's ABC class, RFM segment,
  lifecycle stage with reasons, and the BG/NBD fit with P(alive) and expected visits)
  against the same inputs read in raw sqlite3 and reduced per member with numpy, plus the
  same BG/NBD fit (scipy) on them: the limit leaves out the per-member rules and words.
- `commission_month`: `commission.commission_report` for the month against the same sums
  in raw sqlite3 (the month's earning lines by person, mode and category with their shares
  and unpaid parts, top-ups and card sales by seller, voids and refunds of the month).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from benchmarks.harness import Figure, median_time

EPOCH = "2440587.5"
DAY = f"CAST(julianday(visited_at) - {EPOCH} AS INTEGER)"
TREND_DAYS = 180  # analytics.common.TREND_DAYS


def _ts(day: date) -> str:
    return f"{day.isoformat()} 00:00:00.000000"


def _month(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    return start, date(year + (month == 12), month % 12 + 1, 1)


def _back(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 - n
    return index // 12, index % 12 + 1


def _all(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list:
    return conn.execute(sql, params).fetchall()


def _headline(conn: sqlite3.Connection, start: date, end: date) -> None:
    a, b = _ts(start), _ts(end)
    _all(conn, f"SELECT status, {DAY} d, count(*), count(DISTINCT member_id), sum(total_list),"
         " sum(total_discount), sum(total_amount), sum(member_id IS NULL) FROM visits"
         " WHERE visited_at >= ? AND visited_at < ? GROUP BY status, d", (a, b))
    _all(conn, "SELECT count(*), sum(EXISTS (SELECT 1 FROM visits e WHERE e.member_id = m.mid"
         " AND e.status = 'ok' AND e.visited_at < ?)) FROM (SELECT DISTINCT member_id mid"
         " FROM visits WHERE +status = 'ok' AND visited_at >= ? AND visited_at < ?"
         " AND member_id IS NOT NULL) m", (a, a, b))
    _all(conn, "SELECT count(*) FROM members WHERE join_date >= ? AND join_date < ?"
         " AND status != 'merged'", (start.isoformat(), end.isoformat()))  # fmt: skip


def raw_month_report(conn: sqlite3.Connection, year: int, month: int) -> None:
    """Every figure of the monthly report for (year, month), in raw sqlite3."""
    start, end = _month(year, month)
    for y, m in ((year, month), _back(year, month, 1), (year - 1, month)):
        _headline(conn, *_month(y, m))
    a, b = _ts(start), _ts(end)
    ids = "SELECT id FROM visits WHERE +status = 'ok' AND visited_at >= ? AND visited_at < ?"
    _all(conn, "SELECT method, sum(amount), count(DISTINCT visit_id) FROM visit_payments"
         f" WHERE visit_id IN ({ids}) GROUP BY method", (a, b))
    _all(conn, "SELECT service_id, CASE WHEN service_id IS NULL THEN item_name ELSE '' END it,"
         " staff_id, sum(quantity), count(*), sum(discount), sum(amount) FROM visit_lines"
         f" WHERE visit_id IN ({ids}) GROUP BY service_id, it, staff_id", (a, b))
    for table in ("services", "service_categories", "staff", "member_levels", "payment_methods"):
        _all(conn, f"SELECT * FROM {table}")
    # stored value and points; stored value's parts
    accounts = "account IN ('stored_value', 'points')"
    _all(conn, f"SELECT account, sum(amount) FROM wallet_entries WHERE {accounts}"
         " AND created_at < ? GROUP BY account", (a,))
    _all(conn, f"SELECT account, entry_type, sum(amount) FROM wallet_entries WHERE {accounts}"
         " AND created_at >= ? AND created_at < ? GROUP BY account, entry_type", (a, b))
    sv = "account = 'stored_value'"
    _all(conn, f"SELECT sum(principal), sum(bonus) FROM wallet_entries WHERE {sv}"
         " AND created_at < ?", (a,))
    _all(conn, "SELECT entry_type, visit_id IS NOT NULL, sum(principal), sum(bonus)"
         f" FROM wallet_entries WHERE {sv} AND created_at >= ? AND created_at < ?"
         " GROUP BY 1, 2", (a, b))
    # money in, revenue, voids, adjustments
    period = f"{year:04d}-{month:02d}"
    _all(conn, "SELECT booked_on, method, kind, sum(amount), count(*) FROM money_movements"
         " WHERE period = ? AND method NOT IN ('stored_value', 'points', 'package')"
         " GROUP BY booked_on, method, kind", (period,))
    _all(conn, "SELECT method, sum(amount), sum(bonus_part) FROM money_movements"
         " WHERE period = ? AND visit_id IS NOT NULL GROUP BY method", (period,))
    voided = _all(conn, "SELECT v.id, v.visited_at, v.voided_at, v.total_amount,"
                  " v.void_reason, s.name FROM visits v LEFT JOIN staff s ON s.id ="
                  " v.voided_by_id WHERE v.status = 'voided' AND v.voided_at >= ?"
                  " AND v.voided_at < ? ORDER BY v.voided_at, v.id", (a, b))
    if voided:
        marks = ",".join("?" * len(voided))
        _all(conn, f"SELECT visit_id, method, amount FROM visit_payments WHERE visit_id IN"
             f" ({marks})", tuple(r[0] for r in voided))
    _all(conn, "SELECT * FROM money_movements WHERE period = ? AND kind = 'adjustment'",
         (period,))
    # follow-ups
    _all(conn, "SELECT r.kind, count(*) FROM followups f JOIN followup_rules r ON r.id ="
         " f.rule_id WHERE f.created_at >= ? AND f.created_at < ? GROUP BY r.kind", (a, b))
    _all(conn, "SELECT r.kind, count(DISTINCT e.followup_id) FROM followup_events e JOIN"
         " followups f ON f.id = e.followup_id JOIN followup_rules r ON r.id = f.rule_id"
         " WHERE e.action = 'done' AND e.created_at >= ? AND e.created_at < ?"
         " GROUP BY r.kind", (a, b))
    # levels
    _all(conn, "SELECT level_id, count(*) FROM members WHERE status = 'active'"
         " GROUP BY level_id")
    _all(conn, "SELECT to_level_id, count(*) FROM level_changes WHERE changed_at >= ?"
         " AND changed_at < ? GROUP BY to_level_id", (a, b))
    _all(conn, "SELECT level_id, sum(discount) FROM visit_lines WHERE visit_id IN"
         f" ({ids}) AND level_id IS NOT NULL GROUP BY level_id", (a, b))
    # count cards
    _all(conn, "SELECT kind, sum(value), sum(paid_uses), sum(bonus_uses), count(*) FROM"
         " card_entries WHERE occurred_at >= ? AND occurred_at < ? GROUP BY kind", (a, b))
    for when in (a, b):
        _all(conn, "SELECT sum(value), sum(paid_uses + bonus_uses) FROM card_entries"
             " WHERE occurred_at < ?", (when,))
    # care: campaigns, complaints, satisfaction (the month, by staff and service, trend)
    _all(conn, "SELECT * FROM campaigns WHERE on_date >= ? AND on_date < ?",
         ((start - timedelta(days=30)).isoformat(), end.isoformat()))
    _all(conn, "SELECT opened_at, closed_at, status, staff_id, service_id FROM complaints"
         " WHERE opened_at < ?", (b,))
    scored = ("visited_at >= ? AND visited_at < ? AND +status = 'ok'"
              " AND satisfaction IS NOT NULL")
    _all(conn, f"SELECT satisfaction, id FROM visits WHERE {scored}", (a, b))
    _all(conn, "SELECT score, visit_id FROM satisfaction_scores WHERE created_at >= ?"
         " AND created_at < ?", (a, b))
    cte = (f"WITH s AS (SELECT id vid, satisfaction score FROM visits WHERE {scored}"
           " UNION ALL SELECT visit_id, score FROM satisfaction_scores WHERE created_at >= ?"
           " AND created_at < ? AND visit_id IS NOT NULL)")
    for names in ("SELECT DISTINCT l.visit_id vid, t.name FROM visit_lines l JOIN staff t"
                  " ON t.id = l.staff_id WHERE l.visit_id IN (SELECT vid FROM s)"
                  " AND t.name != ''",
                  "SELECT DISTINCT l.visit_id vid, coalesce(nullif(v.name, ''), l.item_name)"
                  " name FROM visit_lines l LEFT JOIN services v ON v.id = l.service_id"
                  " WHERE l.visit_id IN (SELECT vid FROM s)"):
        _all(conn, f"{cte} SELECT n.name, count(*), sum(s.score), sum(s.score <= 2) FROM s"
             f" JOIN ({names}) n ON n.vid = s.vid GROUP BY n.name", (a, b, a, b))
    trend = _ts(_month(*_back(year, month, 5))[0])
    month_of = "substr({0}, 1, 7)"
    _all(conn, f"SELECT {month_of.format('visited_at')} m, count(*), sum(satisfaction),"
         f" sum(satisfaction <= 2) FROM visits WHERE {scored} GROUP BY m", (trend, b))
    _all(conn, f"SELECT {month_of.format('created_at')} m, count(*), sum(score),"
         " sum(score <= 2) FROM satisfaction_scores WHERE created_at >= ? AND created_at < ?"
         " GROUP BY m", (trend, b))
    # the class counts' inputs: one pass over every visit, reduced per member
    raw_class_inputs(conn, end - timedelta(days=1))  # fmt: skip


def raw_class_inputs(conn: sqlite3.Connection, as_of: date, window: int = 365) -> dict[str, Any]:
    """Each counted member's visit days, first and last day, spend, RFM window, spend
    trend and gap sums as of the end of `as_of`: the inputs of ABC, RFM, lifecycle and
    BG/NBD, read in raw sqlite3 (two aggregate strings) and reduced with numpy."""
    import numpy as np

    def ints(text: str | None) -> Any:
        return np.fromstring(text or "", dtype=np.int64, sep=",") if text else np.zeros(0, int)

    ids = np.sort(ints(conn.execute(
        "SELECT group_concat(id) FROM members WHERE +status IN ('active', 'archived')"
        " AND +join_date <= ?", (as_of.isoformat(),)).fetchone()[0]))
    row = conn.execute(
        f"SELECT group_concat(member_id), group_concat({DAY}), group_concat(total_amount)"
        " FROM visits WHERE +status = 'ok' AND member_id IS NOT NULL AND visited_at < ?",
        (_ts(as_of + timedelta(days=1)),)).fetchone()  # fmt: skip
    m, d, c = ints(row[0]), ints(row[1]), ints(row[2])
    keep = np.isin(m, ids)
    m, d, c = m[keep], d[keep], c[keep]
    order = np.lexsort((d, m))
    m, d, c = m[order], d[order], c[order]
    new_day = np.concatenate(([True], (m[1:] != m[:-1]) | (d[1:] != d[:-1]))) if m.size else m
    starts = np.flatnonzero(new_day)
    dm, dd = m[starts], d[starts]
    dc = np.add.reduceat(c, starts) if starts.size else c
    first = np.concatenate(([True], dm[1:] != dm[:-1])) if dm.size else dm.astype(bool)
    per = np.flatnonzero(first)
    today = as_of.toordinal() - date(1970, 1, 1).toordinal()
    gap = np.where(first, 0, dd - np.concatenate(([0], dd[:-1]))) if dd.size else dd

    def total(values: Any) -> Any:
        return np.add.reduceat(values, per) if per.size else values[:0]

    seen = {
        "member_id": dm[per],
        "days": np.diff(np.append(per, dm.size)),
        "first": dd[per],
        "last": dd[np.append(per[1:], dm.size) - 1] if per.size else dd[:0],
        "spend": total(dc),
        "window_days": total((dd > today - window).astype(np.int64)),
        "window_cents": total(np.where(dd > today - window, dc, 0)),
        "recent": total(np.where(dd > today - TREND_DAYS, dc, 0)),
        "prior": total(np.where((dd <= today - TREND_DAYS) & (dd > today - 2 * TREND_DAYS),
                                dc, 0)),
        "gap_sq": total(gap * gap),
    }  # fmt: skip
    seen["members"] = ids
    seen["as_of_day"] = today
    return seen


def raw_analytics(conn: sqlite3.Connection, as_of: date) -> None:
    """The limit of the full analytics pass: the inputs, the names, the same BG/NBD fit."""
    from shopcrm.services.analytics.bgnbd import expected_visits, fit_bgnbd, p_alive

    inputs = raw_class_inputs(conn, as_of)
    conn.execute("SELECT id, name FROM members WHERE +status IN ('active', 'archived')"
                 " AND +join_date <= ?", (as_of.isoformat(),)).fetchall()  # fmt: skip
    x = (inputs["days"] - 1).astype(float)
    tx = (inputs["last"] - inputs["first"]).astype(float)
    t_obs = (inputs["as_of_day"] - inputs["first"]).astype(float)
    fit = fit_bgnbd(x, tx, t_obs)
    p_alive(fit, x, tx, t_obs)
    expected_visits(fit, 90, x, tx, t_obs)


def raw_commission(conn: sqlite3.Connection, year: int, month: int) -> None:
    """The sums commission is paid on for the month, in raw sqlite3."""
    start, end = _month(year, month)
    a, b = _ts(start), _ts(end)
    period = f"{year:04d}-{month:02d}"
    lines = ("SELECT l.id, l.visit_id, l.service_id, l.staff_id, l.designated, l.quantity,"
             " l.unit_price, l.amount FROM visit_lines l WHERE l.visit_id IN (SELECT id FROM"
             " visits WHERE visited_at >= ? AND visited_at < ?"
             " AND (voided_at IS NULL OR voided_at >= ?))")
    _all(conn, f"WITH l AS ({lines}) SELECT coalesce(x.staff_id, l.staff_id), l.designated,"
         " s.category_id, l.service_id, count(*), sum(l.amount * coalesce(x.share, 1)),"
         " sum(l.unit_price * l.quantity * coalesce(x.share, 1)) FROM l LEFT JOIN"
         " visit_line_staff x ON x.line_id = l.id LEFT JOIN services s ON s.id = l.service_id"
         " GROUP BY 1, 2, 3, 4", (a, b, b))
    _all(conn, "SELECT sum(CASE WHEN method = 'points' THEN amount ELSE bonus_part END)"
         " FROM money_movements WHERE kind = 'visit_payment' AND visit_id IN (SELECT id FROM"
         " visits WHERE visited_at >= ? AND visited_at < ?)", (a, b))
    _all(conn, "SELECT staff_id, kind, count(*), sum(amount - bonus_part) FROM money_movements"
         " WHERE period = ? AND kind IN ('topup', 'sale') AND staff_id IS NOT NULL"
         " GROUP BY staff_id, kind", (period,))
    _all(conn, "SELECT id, visited_at FROM visits WHERE voided_at >= ? AND voided_at < ?",
         (a, b))
    _all(conn, "SELECT id, member_id, paid_amount FROM wallet_entries WHERE account ="
         " 'stored_value' AND entry_type = 'refund' AND created_at >= ? AND created_at < ?",
         (a, b))
    _all(conn, "SELECT * FROM commission_rules")  # fmt: skip


def analytics_pass(ctx: Any) -> list[Figure]:
    from shopcrm.services.analytics import member_classes

    year, month = ctx.latest_month()
    as_of = _month(year, month)[1] - timedelta(days=1)

    def product() -> None:
        with ctx.session() as session:
            member_classes(session, as_of, "zh")

    runs = max(1, ctx.runs // 2)
    value = median_time(product, runs=runs)
    limit = median_time(lambda: raw_analytics(ctx.raw, as_of), runs=runs)
    return [Figure("full analytics pass (ABC, RFM, lifecycle, BG/NBD; every member with "
                   "reasons)", "s", value, limit, target=round(2 * limit, 2),
                   note=f"as of {as_of}; limit: inputs in raw sqlite3 + numpy, the same fit")]


def commission_month(ctx: Any) -> list[Figure]:
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.commission import commission_report

    year, month = ctx.latest_month()

    def product() -> None:
        with ctx.session() as session:
            commission_report(session, f"{year:04d}-{month:02d}", actor=SYSTEM)

    runs = max(1, ctx.runs // 2)
    value = median_time(product, runs=runs)
    limit = median_time(lambda: raw_commission(ctx.raw, year, month), runs=runs)
    return [Figure("commission for a month", "s", value, limit, target=round(2 * limit, 2),
                   note=f"{year}-{month:02d}; limit: the same sums in raw sqlite3")]
