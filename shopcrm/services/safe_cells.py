"""The one cell writer for every spreadsheet and CSV file the product writes.

Text that a spreadsheet could read as a formula — starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return (OWASP, "CSV Injection") — must never become one: a member
named ``=HYPERLINK("http://…","Click")`` would otherwise be a live link in the accountant's
workbook.

- CSV: such text is written with a leading ``'`` (`csv_cell`, `csv_row`), which Excel and
  LibreOffice show as text.
- xlsx: such text is written as a text cell (data type ``s``) with the "quote prefix" style,
  so that it stays text even after someone edits the cell (`xlsx_cell`, `xlsx_row`).
  openpyxl alone would store any string starting with ``=`` as a formula.

The product's own formulas (``=SUM(…)`` totals) are written on purpose with
`excel.cells.Sheet.cell`; data never takes that route.

openpyxl is imported only inside `xlsx_cell` (it takes a while to import).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    """Whether `value` is text a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(RISKY_STARTS)


def csv_cell(value: Any) -> Any:
    """One CSV value: risky text gets a leading ``'``; dates are written ISO."""
    if isinstance(value, date):
        return value.isoformat()
    if is_risky(value):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def xlsx_cell(ws: Any, value: Any) -> Any:
    """`value` for ``ws.append``: risky text as a text cell with the quote prefix, the rest
    unchanged. Works for write-only and ordinary worksheets."""
    if not is_risky(value):
        return value
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles.cell_style import StyleArray

    cell = WriteOnlyCell(ws, None)
    cell.value = value
    cell.data_type = "s"
    cell._style = StyleArray()
    cell.quotePrefix = True
    return cell


def protect_text_cell(cell: Any) -> Any:
    """An existing cell holding risky text (set by openpyxl as a formula) back to text."""
    if is_risky(cell.value):
        if cell._style is None:
            from openpyxl.styles.cell_style import StyleArray

            cell._style = StyleArray()
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    return [xlsx_cell(ws, v) for v in values]


def inline_text(value: str) -> str:
    """`value` for xlsxwriter's constant-memory mode, which writes text that starts with
    ``<r>`` and ends with ``</r>`` as raw rich-text XML (unescaped): such text is handed
    over as the one escaped rich-text run it would read back as, so it stays the text it is
    and the sheet stays valid XML. Any other text is returned unchanged."""
    if not (value.startswith("<r>") and value.endswith("</r>")):
        return value
    from xml.sax.saxutils import escape

    return '<r><t xml:space="preserve">' + escape(value) + "</t></r>"
