"""The workbook's money sheets reopened and checked against raw rows of money_movements and
wallet_entries: Payments, Daily takings (SUMIFS evaluated here), Stored value ledger, Voids
and adjustments, the Summary's money tables; print settings and ID formats on every sheet."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from openpyxl.utils import range_boundaries
from sqlalchemy import text
from sqlalchemy.orm import Session
from test_money import _busy_october, _visit
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.services.auth import SYSTEM
from shopcrm.services.excel import export_month_workbook
from shopcrm.services.money import months
from shopcrm.services.reports import monthly_report
from shopcrm.services.visits import void_visit

D = Decimal
CENT = D("0.01")
EVIL_NAME = '=HYPERLINK("http://x","y")'
EVIL_REASON = "=1+2 typed by staff"


# --- a small evaluator for the formulas the workbook writes -----------------------------

_REF = r"(?:'((?:[^']|'')+)'!)?\$?([A-Z]+)\$?(\d+)"
_RANGE = re.compile(rf"^{_REF}:\$?([A-Z]+)\$?(\d+)$")
_CELL = re.compile(rf"^{_REF}$")


class Evaluator:
    """SUM, SUMIFS, COUNTIFS over ranges and +/- of cell references, across sheets."""

    def __init__(self, wb: openpyxl.Workbook) -> None:
        self.wb = wb

    def cell(self, sheet: str, ref: str) -> object:
        m = _CELL.match(ref)
        assert m, ref
        title = (m.group(1) or sheet).replace("''", "'")
        return self.value(title, f"{m.group(2)}{m.group(3)}")

    def value(self, sheet: str, coord: str) -> object:
        raw = self.wb[sheet][coord].value
        if isinstance(raw, str) and raw.startswith("=") and self.wb[sheet][coord].data_type == "f":
            return self.formula(sheet, raw[1:])
        return raw

    def number(self, sheet: str, coord: str) -> Decimal:
        v = self.value(sheet, coord)
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return D(0)
        return D(str(v))

    def cells(self, sheet: str, ref: str) -> list[tuple[str, str]]:
        m = _RANGE.match(ref)
        assert m, ref
        title = (m.group(1) or sheet).replace("''", "'")
        c1, r1, c2, r2 = range_boundaries(f"{m.group(2)}{m.group(3)}:{m.group(4)}{m.group(5)}")
        return [
            (title, f"{openpyxl.utils.get_column_letter(c)}{r}")
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
        ]

    def formula(self, sheet: str, body: str) -> object:
        call = re.fullmatch(r"(SUM|SUMIFS|COUNTIFS)\((.*)\)", body)
        if call:
            name, args = call.group(1), call.group(2).split(",")
            if name == "SUM":
                return sum((self.number(t, c) for t, c in self.cells(sheet, args[0])), D(0))
            if name == "SUMIFS":
                target, pairs = self.cells(sheet, args[0]), args[1:]
            else:
                target, pairs = None, args
            conditions = [
                (self.cells(sheet, pairs[i]), self.cell(sheet, pairs[i + 1]))
                for i in range(0, len(pairs), 2)
            ]
            total, count = D(0), 0
            for i in range(len(conditions[0][0])):
                if all(self.value(*rng[i]) == want for rng, want in conditions):
                    count += 1
                    if target is not None:
                        total += self.number(*target[i])
            return total if target is not None else D(count)
        total = D(0)
        for m in re.finditer(rf"([+-]?)({_REF})", body):
            value = self.cell(sheet, m.group(2))
            number = D(str(value or 0))
            total += -number if m.group(1) == "-" else number
        return total


# --- the shop ------------------------------------------------------------------------


def _october(session: Session) -> dict[str, int]:
    ids = _busy_october(session)
    with clock.frozen("2026-10-12 12:30"):
        evil = make_member(session, EVIL_NAME, "13700137000")
        ids["evil"] = evil
        ids["v7"] = _visit(session, evil, "66", ("wechat", "66"))
        ids["v8"] = _visit(session, evil, "40", ("cash", "40"))
        void_visit(session, ids["v8"], EVIL_REASON, actor=SYSTEM)
    session.flush()
    return ids


def _raw(session: Session, sql: str, **params: object) -> list:
    return session.execute(text(sql), params).all()


def _rows(ws, first: int = 2) -> list[list[object]]:
    out = []
    for row in ws.iter_rows(min_row=first, values_only=True):
        if row[0] is None:
            break
        out.append(list(row))
    return out


def _header(ws) -> list[str]:
    return [c.value for c in ws[1]]


def _export(session: Session, tmp_path, year: int, month: int, lang: str = "en"):
    path = tmp_path / f"{year}-{month:02d}-{lang}.xlsx"
    export_month_workbook(session, year, month, path, lang, actor=SYSTEM)
    return openpyxl.load_workbook(path)


def _row_of(ws, label: str, column: int = 1) -> int:
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].value == label:
            return row[0].row
    raise AssertionError(f"{label!r} not on {ws.title}")


# --- tests -------------------------------------------------------------------------


def test_payments_and_daily_takings_equal_the_raw_ledger(session: Session, tmp_path) -> None:
    _october(session)
    wb = _export(session, tmp_path, 2026, 10)
    report = monthly_report(session, 2026, 10, "en", actor=SYSTEM)
    assert wb.sheetnames == [
        "Summary", "Daily sales", "Daily takings", "Payments", "Ledger", "Stored value ledger",
        "Cards", "Voids and adjustments", "Members", "Follow-ups", "Segments", "Levels", "Charts",
        "Commission", "Care", "Bookings",
    ]  # fmt: skip
    pay = wb["Payments"]
    head = _header(pay)
    col = {name: i for i, name in enumerate(head)}
    rows = _rows(pay)
    raw = _raw(
        session,
        "SELECT id, booked_on, method, amount, kind, visit_id, wallet_entry_id, period"
        " FROM money_movements WHERE period = '2026-10' ORDER BY id",
    )
    # one row per movement, the same ids, amounts and references
    assert sorted(r[col["Movement ID"]] for r in rows) == [r[0] for r in raw]
    by_id = {r[col["Movement ID"]]: r for r in rows}
    for mid, booked, _method, cents, _kind, vid, wid, period in raw:
        row = by_id[mid]
        assert D(str(row[col["Amount"]])).quantize(CENT) == D(cents) / 100
        assert row[col["Date"]].date() == date.fromisoformat(str(booked)[:10])
        assert row[col["Visit ID"]] == vid and row[col["Stored-value entry"]] == wid
        assert row[col["Booked month"]] == period
    names = {"wechat": "WeChat Pay", "alipay": "Alipay", "cash": "Cash", "card": "Bank card"}
    # money in by method: the Payments rows, the raw rows and the report agree
    raw_by_method: dict[str, int] = defaultdict(int)
    raw_by_day: dict[tuple[date, str], int] = defaultdict(int)
    for _mid, booked, method, cents, *_ in raw:
        if method not in ("stored_value", "points"):
            raw_by_method[names[method]] += int(cents)
            raw_by_day[(date.fromisoformat(str(booked)[:10]), names[method])] += int(cents)
    sheet_by_method: dict[str, int] = defaultdict(int)
    for r in rows:
        if r[col["Method"]] in names.values():
            sheet_by_method[r[col["Method"]]] += int(round(D(str(r[col["Amount"]])) * 100))
    assert dict(sheet_by_method) == dict(raw_by_method)
    assert {names[m.method]: int(m.amount * 100) for m in report.money_in.by_method} == dict(
        raw_by_method
    )
    # Daily takings: every cell a SUMIFS over Payments; evaluated, it is the raw day x method
    ev = Evaluator(wb)
    takings = wb["Daily takings"]
    methods = _header(takings)[1:-1]
    assert set(methods) == {m for m, c in raw_by_method.items()}
    days = _rows(takings)[: (date(2026, 11, 1) - date(2026, 10, 1)).days]
    assert [d[0].date() for d in days] == [date(2026, 10, n) for n in range(1, 32)]
    for r, day_row in enumerate(days, start=2):
        day = day_row[0].date()
        for c, method in enumerate(methods, start=2):
            cell = takings.cell(r, c)
            assert cell.data_type == "f" and "SUMIFS(" in cell.value and "'Payments'!" in cell.value
            got = ev.value("Daily takings", cell.coordinate)
            assert int(got * 100) == raw_by_day.get((day, method), 0), (day, method)
        total = takings.cell(r, len(methods) + 2)
        assert total.value.startswith("=SUM(")
        assert int(ev.value("Daily takings", total.coordinate) * 100) == sum(
            v for (d, _m), v in raw_by_day.items() if d == day
        )
    total_row = _row_of(takings, "Total")
    for c, method in enumerate(methods, start=2):
        cell = takings.cell(total_row, c)
        assert cell.value.startswith("=SUM(")
        assert int(ev.value("Daily takings", cell.coordinate) * 100) == raw_by_method[method]
    grand = takings.cell(total_row, len(methods) + 2)
    assert ev.value("Daily takings", grand.coordinate) == report.money_in.total
    # the Summary's money in by method: COUNTIFS/SUMIFS over Payments = the report's figures
    summary = wb["Summary"]
    first = _row_of(summary, "Payment method") + 1
    for i, m in enumerate(report.money_in.by_method):
        r = first + i
        assert summary.cell(r, 1).value == names[m.method]
        assert summary.cell(r, 3).value.startswith("=SUMIFS(")
        assert ev.value("Summary", f"C{r}") == m.amount
        assert ev.value("Summary", f"B{r}") == m.count
    money_total = first + len(report.money_in.by_method)
    assert ev.value("Summary", f"C{money_total}") == report.money_in.total
    rev_row = _row_of(summary, "Revenue (paid + principal share)")
    assert ev.value("Summary", f"B{rev_row}") == report.revenue.total
    bonus_row = _row_of(summary, "Stored value used: bonus share (not revenue)")
    assert summary.cell(bonus_row, 2).value == float(report.revenue.bonus_used)
    # the Ledger keeps service lines with their own amounts, no payment text
    assert "Payment" not in _header(wb["Ledger"])


def test_stored_value_ledger_rolls_principal_and_bonus_to_the_raw_closing(
    session: Session, tmp_path
) -> None:
    _october(session)
    wb = _export(session, tmp_path, 2026, 10)
    report = monthly_report(session, 2026, 10, "en", actor=SYSTEM)
    ws = wb["Stored value ledger"]
    head = _header(ws)
    col = {name: i for i, name in enumerate(head)}
    raw = _raw(
        session,
        "SELECT id, amount, principal, bonus FROM wallet_entries WHERE account = 'stored_value'"
        " AND created_at >= '2026-10-01' AND created_at < '2026-11-01' ORDER BY created_at, id",
    )
    opening_row = _row_of(ws, "Opening balance")
    closing_row = _row_of(ws, "Closing balance")
    entries = [
        [c.value for c in row]
        for row in ws.iter_rows(min_row=opening_row + 1, max_row=closing_row - 1)
    ]
    assert [e[col["Entry ID"]] for e in entries] == [r[0] for r in raw]
    for e, (_id, amount, principal, bonus) in zip(entries, raw, strict=True):
        assert int(round(D(str(e[col["Principal"]])) * 100)) == principal
        assert int(round(D(str(e[col["Bonus"]])) * 100)) == bonus
        assert int(round(D(str(e[col["Amount"]])) * 100)) == amount == principal + bonus
    ledger_p, ledger_b = _raw(
        session,
        "SELECT SUM(principal), SUM(bonus) FROM wallet_entries"
        " WHERE account = 'stored_value' AND created_at < '2026-11-01'",
    )[0]
    ev = Evaluator(wb)
    p = ev.value(ws.title, f"L{closing_row}")
    b = ev.value(ws.title, f"M{closing_row}")
    assert (int(p * 100), int(b * 100)) == (ledger_p, ledger_b)
    assert ev.value(ws.title, f"N{closing_row}") == p + b == report.stored_value.closing
    # the running balances of the last entry are the closing ones too
    assert D(str(entries[-1][col["Principal held"]])) == p
    assert D(str(entries[-1][col["Bonus held"]])) == b
    # and the Summary's roll-forward ties to this sheet
    summary = wb["Summary"]
    r = _row_of(summary, "Closing (Stored value ledger)")
    assert ev.value("Summary", f"B{r}") == report.stored_value.parts["principal"].closing == p
    assert ev.value("Summary", f"C{r}") == report.stored_value.parts["bonus"].closing == b
    rolled = r - 1
    assert ev.value("Summary", f"B{rolled}") == p and ev.value("Summary", f"C{rolled}") == b


def test_voids_sheet_lists_each_void_and_typed_text_is_never_a_formula(
    session: Session, tmp_path
) -> None:
    ids = _october(session)
    wb = _export(session, tmp_path, 2026, 10)
    ws = wb["Voids and adjustments"]
    head = _header(ws)
    col = {name: i for i, name in enumerate(head)}
    voids = {r[col["Visit ID"]]: r for r in _rows(ws) if isinstance(r[0], int)}
    raw = _raw(
        session,
        "SELECT v.id, v.total_amount, v.void_reason, s.name, v.voided_at FROM visits v"
        " LEFT JOIN staff s ON s.id = v.voided_by_id WHERE v.status = 'voided'",
    )
    assert set(voids) == {r[0] for r in raw} == {ids["v2"], ids["v8"]}
    for vid, cents, reason, who, voided_at in raw:
        row = voids[vid]
        assert int(round(D(str(row[col["Amount"]])) * 100)) == cents
        assert row[col["Reason"]] == reason
        assert (row[col["Voided by"]] or "") == (who or "")
        assert row[col["Voided at"]] == datetime.fromisoformat(str(voided_at)).replace(second=0)
    assert "Alipay 20.00" in voids[ids["v2"]][col["Method"]]
    assert "Stored value 100.00" in voids[ids["v2"]][col["Method"]]
    # what someone typed stays text, on every sheet
    found = 0
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in (EVIL_NAME, EVIL_REASON):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    found += 1
    assert found >= 4  # Payments (2 rows), Voids (reason), Members (name)


def test_every_sheet_prints_landscape_one_page_wide_with_ids_as_plain_integers(
    session: Session, tmp_path
) -> None:
    _october(session)
    for lang in ("en", "zh"):
        wb = _export(session, tmp_path, 2026, 10, lang)
        for ws in wb.worksheets:
            assert ws.page_setup.orientation == "landscape", ws.title
            # an absent fitToWidth / fitToHeight is 1 (ECMA-376 18.3.1.64; xlsxwriter omits it)
            wide, tall = ws.page_setup.fitToWidth, ws.page_setup.fitToHeight
            assert (1 if wide is None else wide) == 1
            assert (1 if tall is None else tall) == (
                1 if ws.title in ("Segments", "会员分群") else 0
            ), ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            footer = ws.oddFooter.center.text
            assert "&P" in footer and "&N" in footer and "2026-10" in footer, ws.title
            if ws.title not in ("Charts", "图表"):
                assert ws.print_title_rows in ("$1:$1", "$1:$2"), ws.title
                assert ws.freeze_panes, ws.title
        # identifiers: integers formatted "0", never with thousands separators
        checked = 0
        for ws in wb.worksheets:
            heads = [str(c.value or "") for c in ws[1]]
            for i, name in enumerate(heads, start=1):
                if name.endswith(" ID") or name in ("单号", "会员号", "流水号", "储值流水号"):
                    for row in ws.iter_rows(min_row=2, max_row=40, min_col=i, max_col=i):
                        cell = row[0]
                        if isinstance(cell.value, int):
                            assert cell.number_format == "0", (ws.title, cell.coordinate)
                            checked += 1
        assert checked > 50
        dates = wb["Payments" if lang == "en" else "收付款明细"]
        assert isinstance(dates["B2"].value, datetime) and dates["B2"].number_format == "yyyy-mm-dd"
        assert "hh:mm" in dates["C2"].number_format


def test_closed_month_workbook_uses_its_snapshot_and_the_open_month_shows_the_adjustment(
    session: Session, tmp_path
) -> None:
    ids = _october(session)
    with clock.frozen("2026-11-03 09:00"):
        before = monthly_report(session, 2026, 10, "en", actor=SYSTEM)
        months.close_month(session, 2026, 10, actor=SYSTEM)
        void_visit(
            session, ids["v4"], "entered twice", actor=SYSTEM
        )  # wechat 100, a closed month's visit
        session.flush()
        october = _export(session, tmp_path, 2026, 10)
        november = _export(session, tmp_path, 2026, 11)
    ev = Evaluator(october)
    takings = october["Daily takings"]
    total = takings.cell(_row_of(takings, "Total"), takings.max_column)
    assert ev.value("Daily takings", total.coordinate) == before.money_in.total
    summary = october["Summary"]
    r = _row_of(summary, "Revenue (paid + principal share)")
    assert ev.value("Summary", f"B{r}") == before.revenue.total
    # November: the reversal is a prior-period adjustment, on Payments and on the Summary
    pay = november["Payments"]
    col = {name: i for i, name in enumerate(_header(pay))}
    adjusted = [r for r in _rows(pay) if r[col["Prior period"]] == "2026-10"]
    assert [r[col["Kind"]] for r in adjusted] == ["prior-period adjustment (2026-10)"]
    assert adjusted[0][col["Visit ID"]] == ids["v4"] and adjusted[0][col["Amount"]] == -100
    summary = november["Summary"]
    line = _row_of(summary, "prior-period adjustment (2026-10)")
    assert summary[f"B{line}"].value.startswith("=SUMIFS(")
    assert Evaluator(november).value("Summary", f"B{line}") == D("-100")
    voids = november["Voids and adjustments"]
    assert _row_of(voids, "prior-period adjustment (2026-10)", column=4)
