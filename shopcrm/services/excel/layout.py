"""How every sheet prints, identifier cells and text cells that are never formulas.

Printing: landscape A4, one page wide (as many pages tall as needed), the header row(s)
repeated on every page, narrow margins and a footer naming the shop, the month and
"page x of y" (`&P` / `&N`). Must be applied before a write-only sheet's first row:
`fitToPage` lives in the sheet properties, which are written first.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from ...i18n import define, translate

ID = "0"  # identifiers: an integer without thousands separators ("2872", never "2,872")
FOOTER = define(
    "excel.print.footer",
    en="{shop}{month} · page &P of &N",
    zh="{shop}{month} · 第 &P 页，共 &N 页",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def prepare_print(
    ws: WriteOnlyWorksheet,
    shop: str,
    month: str,
    lang: str,
    title_rows: str | None = "1:1",
    pages_tall: int = 0,
) -> None:
    """Landscape, one page wide, `title_rows` repeated, footer with shop, month and pages.
    `pages_tall`: 0 = as many as the rows need; 1 for a sheet of bounded size (Segments)."""
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = "9"  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = pages_tall
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.4, bottom=0.5, header=0.1, footer=0.2)
    ws.print_options.gridLines = False
    if title_rows:
        ws.print_title_rows = title_rows
    # "&" starts a header/footer code: a shop name with "&" in it is written as "&&"
    name = (shop.replace("&", "&&") + " · ") if shop else ""
    ws.oddFooter.center.text = translate(FOOTER, lang, shop=name, month=month)
    ws.oddFooter.center.size = 8


def text_cell(ws: WriteOnlyWorksheet, value: str | None) -> Any:
    """Text someone typed (a name, a reason, a note), written as text even when it starts
    with "=", "+", "-", "@", tab or CR: never a formula."""
    if not value:
        return None
    if not value.startswith(_FORMULA_START):
        return value  # a plain str is written as a string already
    cell = WriteOnlyCell(ws)
    cell.value = value
    cell.data_type = "s"  # openpyxl would take "=..." for a formula
    return cell
