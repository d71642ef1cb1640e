"""The Reports screen's Money tab shows the count cards' month (docs/cards.md "The month"):
every figure is counted here from the raw card rows (card_entries, member_cards) and must be
what the tab shows, what `report --json` prints and what the workbook's Cards sheet holds."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from openpyxl import load_workbook
from sqlalchemy import select

from shopcrm.db import session_scope
from shopcrm.models import CardEntry, MemberCard
from shopcrm.services.auth import SYSTEM
from shopcrm.services.excel import export_month_workbook
from shopcrm.ui import formatting as fmt
from shopcrm.ui.reports.money_tab import table_text

from .test_reports_screen import open_screen, shop, shop_file  # noqa: F401 (fixtures)


def _raw(engine, year: int, month: int) -> dict:
    """The month's card figures counted from the rows: value and uses owed on valid cards."""
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    with session_scope(engine) as s:
        expiry = dict(s.execute(select(MemberCard.id, MemberCard.expires_on)).all())
        rows = s.execute(
            select(
                CardEntry.card_id,
                CardEntry.kind,
                CardEntry.value,
                CardEntry.paid_uses + CardEntry.bonus_uses,
                CardEntry.occurred_at,
            )
        ).all()

    def owed(t: datetime) -> tuple[Decimal, int]:
        mine = [r for r in rows if r[4] < t and not (expiry[r[0]] and expiry[r[0]] < t.date())]
        return sum((r[2] for r in mine), Decimal("0")), sum(r[3] for r in mine)

    def moved(*kinds: str) -> tuple[Decimal, int]:
        mine = [r for r in rows if r[1] in kinds and start <= r[4] < end]
        return -sum((r[2] for r in mine), Decimal("0")), -sum(r[3] for r in mine)

    def expired(t: datetime) -> tuple[Decimal, int]:
        mine = [r for r in rows if r[4] < t and expiry[r[0]] and expiry[r[0]] < t.date()]
        return sum((r[2] for r in mine), Decimal("0")), sum(r[3] for r in mine)

    sold = moved("sale")
    return {
        "opening": owed(start),
        "sold": (-sold[0], -sold[1]),
        "recognised": moved("use", "reversal"),
        "refunded": moved("refund"),
        "breakage": tuple(a - b for a, b in zip(expired(end), expired(start), strict=True)),
        "closing": owed(end),
    }


def _busiest_month(engine) -> tuple[int, int]:
    with session_scope(engine) as s:
        times = s.scalars(select(CardEntry.occurred_at).where(CardEntry.kind == "use")).all()
    assert times, "the demo shop uses its cards"
    counts: dict[tuple[int, int], int] = {}
    for t in times:
        counts[(t.year, t.month)] = counts.get((t.year, t.month), 0) + 1
    return max(counts, key=lambda k: (counts[k], k))


def test_money_tab_cards_match_the_raw_rows_report_json_and_workbook(shop, qtbot, tmp_path):  # noqa: F811
    from click.testing import CliRunner

    from shopcrm.cli import main

    year, month = _busiest_month(shop.engine)
    raw = _raw(shop.engine, year, month)
    assert raw["recognised"][0] > 0 and raw["recognised"][1] > 0
    # the roll-forward holds on the raw rows themselves, in value and in uses
    for k in (0, 1):
        assert raw["closing"][k] == (
            raw["opening"][k] + raw["sold"][k] - raw["recognised"][k] - raw["refunded"][k]
            - raw["breakage"][k]
        )  # fmt: skip

    screen = open_screen(shop, qtbot)
    screen.set_month(year, month)
    table = screen.money.tables["cards"]
    shown = {
        table_text(table, r, 0).split(" (")[0].split(":")[0]: (
            table_text(table, r, 1),
            table_text(table, r, 2),
        )
        for r in range(table.rowCount())
    }

    def expect(key: str, sign: int = 1) -> tuple[str, str]:
        value, uses = raw[key]
        return fmt.money(sign * value), fmt.number(sign * uses)

    assert shown["Owed on cards at the start"] == expect("opening")
    assert shown["Cards sold"] == expect("sold")
    assert shown["Revenue recognised from uses"] == expect("recognised", -1)
    assert shown["Refunded"] == expect("refunded", -1)
    assert shown["Breakage"] == expect("breakage", -1)
    assert shown["Owed on cards at the end"] == expect("closing")

    # report --json: the same figures
    result = CliRunner().invoke(
        main, ["--db", str(shop.engine.url.database), "report", "--month",
               f"{year:04d}-{month:02d}", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    cards = json.loads(result.output)["cards"]
    assert Decimal(str(cards["closing"])) == raw["closing"][0]
    assert Decimal(str(cards["recognised"])) == raw["recognised"][0]
    assert cards["uses"]["closing"] == raw["closing"][1]
    assert cards["uses"]["used"] == raw["recognised"][1]

    # the workbook's Cards sheet: the value column and the uses column
    path = tmp_path / "month.xlsx"
    with session_scope(shop.engine) as s:
        export_month_workbook(s, year, month, path, "en", actor=SYSTEM)
    ws = load_workbook(path)["Cards"]
    rows = {r[0]: r for r in ([c.value for c in row] for row in ws.iter_rows()) if r[0]}
    assert Decimal(str(rows["Owed on cards at the start"][1])) == raw["opening"][0]
    assert rows["Owed on cards at the start"][3] == raw["opening"][1]
    assert Decimal(str(rows["Revenue recognised by uses"][1])) == raw["recognised"][0]
    assert rows["Revenue recognised by uses"][3] == raw["recognised"][1]
    assert rows["Breakage (expired, unused)"][3] == raw["breakage"][1]
    assert str(rows["Owed on cards at the end"][3]).startswith("=D")
