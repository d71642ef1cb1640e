"""Cell helpers for write-only worksheets: typed, formatted cells and fitted widths."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..safe_cells import is_risky, xlsx_cell

MONEY = '"¥"#,##0.00;-"¥"#,##0.00'
DATE = "yyyy-mm-dd"
TIME = "hh:mm"
INT = "#,##0"
PCT = "0.00%"
TEXT = "@"
PCT1 = '0.0"%"'  # a number that is already a percentage (12.5 -> 12.5%)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
WRAP = Alignment(vertical="top")


def text_width(value: Any) -> int:
    """Display width: CJK characters count double."""
    if value is None:
        return 0
    if isinstance(value, Decimal | float):
        return len(f"{value:,.2f}") + 2
    if isinstance(value, datetime | date):
        return 10
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Sheet:
    """A write-only worksheet that counts its rows and makes typed cells."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.row = 0
        # one styled prototype per (format, font, fill): a new cell copies its style array
        # instead of registering the same number format and font again (100,000s of cells)
        self._styles: dict[tuple[Any, ...], WriteOnlyCell] = {}

    def cell(
        self,
        value: Any,
        fmt: str | None = None,
        bold: bool = False,
        font: Font | None = None,
        fill: PatternFill | None = None,
    ) -> WriteOnlyCell | None:
        """A typed cell. The product's own formulas (``"=SUM(…)"``) are written through here;
        data text goes through `append` as a plain string, or here with ``fmt=TEXT``, and is
        then never a formula."""
        if isinstance(value, Decimal):
            fmt = fmt or MONEY
        elif isinstance(value, datetime):
            fmt = fmt or f"{DATE} {TIME}"
        elif isinstance(value, date):
            fmt = fmt or DATE
        elif isinstance(value, time):
            fmt = fmt or TIME
        font = font or (BOLD if bold else None)
        if value is None and not (fmt or font or fill):
            return None  # nothing to write: the cell stays empty
        cell = WriteOnlyCell(self.ws)
        if fmt or font or fill:
            cell._style = copy(self._prototype(fmt, font, fill)._style)
        cell.value = value
        if is_risky(value) and (fmt == TEXT or not value.startswith("=")):
            # data text (a name, a phone) stays text; see services/safe_cells.py
            if cell._style is None:
                cell._style = StyleArray()
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    def _prototype(
        self, fmt: str | None, font: Font | None, fill: PatternFill | None
    ) -> WriteOnlyCell:
        key = (fmt, font, fill)
        proto = self._styles.get(key)
        if proto is None:
            proto = self._styles[key] = WriteOnlyCell(self.ws)
            if fmt:
                proto.number_format = fmt
            if font:
                proto.font = font
            if fill:
                proto.fill = fill
        return proto

    def append(self, values: Iterable[Any]) -> int:
        """Append one row; plain text that looks like a formula is written as text."""
        self.ws.append([xlsx_cell(self.ws, v) for v in values])
        self.row += 1
        return self.row

    def header(self, names: Sequence[str]) -> int:
        return self.append(self.cell(n, bold=True, fill=HEADER_FILL) for n in names)

    def blank(self) -> int:
        return self.append([])


def set_widths(ws: WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    """Column widths (must be set before the first row is written)."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 6), 60)


def fit(rows: Iterable[Sequence[Any]], minimum: Sequence[int] = ()) -> list[int]:
    """Widths that fit every value of `rows` (for small sheets known in advance)."""
    widths = list(minimum)
    for row in rows:
        for i, value in enumerate(row):
            while len(widths) <= i:
                widths.append(0)
            widths[i] = max(widths[i], text_width(value))
    return widths


def col(index: int) -> str:
    return get_column_letter(index)
