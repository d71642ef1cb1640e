"""Cell helpers over xlsxwriter's constant-memory worksheets: typed, formatted cells, the
big sheets' row loop, fitted widths.

Why xlsxwriter: the month's workbook holds 100,000s of cells; xlsxwriter in its
constant-memory mode writes each row to disk as soon as the next one starts (memory stays
flat) at about a third of openpyxl write-only's cost per cell (benchmarks/README.md). Rows
must come in order (they do: every sheet appends), text is written inline, formats belong
to the workbook (`Book.format`). Settings that openpyxl wanted before the first row
(widths, frozen panes, print setup) may come at any time here: xlsxwriter assembles each
sheet's XML when the workbook closes.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from ..safe_cells import RISKY_STARTS, inline_text

MONEY = '"¥"#,##0.00;-"¥"#,##0.00'
DATE = "yyyy-mm-dd"
TIME = "hh:mm"
INT = "#,##0"
PCT = "0.00%"
TEXT = "@"
PCT1 = '0.0"%"'  # a number that is already a percentage (12.5 -> 12.5%)
BOLD = "bold"  # fonts: plain, bold, or the 14-point bold of a table's title
TITLE = "title"
HEADER_FILL = "#DDE7F0"
STAMP = f"{DATE} {TIME}"
_LOOK = frozenset("=+-@\t\r<")  # first characters that need a second look (formula, "<r>")


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


def default_format(value: Any) -> str | None:
    """The number format a value gets when none is given: money, dates, times."""
    if isinstance(value, Decimal):
        return MONEY
    if isinstance(value, datetime):
        return STAMP
    if isinstance(value, date):
        return DATE
    if isinstance(value, time):
        return TIME
    return None


class Book:
    """One xlsxwriter workbook (constant memory) and its formats, made once each."""

    def __init__(self, path: str) -> None:
        import xlsxwriter  # imported on first export, never when the app starts

        self.wb = xlsxwriter.Workbook(path, {"constant_memory": True})
        self._formats: dict[tuple[Any, ...], Any] = {}

    def format(
        self, num: str | None = None, font: str | None = None, fill: str | None = None,
        quote: bool = False,
    ) -> Any:  # fmt: skip
        key = (num, font, fill, quote)
        found = self._formats.get(key)
        if found is None and any(key):
            props: dict[str, Any] = {}
            if num:
                props["num_format"] = num
            if font:
                props["bold"] = True
                if font == TITLE:
                    props["font_size"] = 14
            if fill:
                props["pattern"], props["bg_color"] = 1, fill
            if quote:
                props["quote_prefix"] = True
            found = self._formats[key] = self.wb.add_format(props)
        return found

    def sheet(self, title: str) -> Sheet:
        return Sheet(self, self.wb.add_worksheet(title), title)

    def abandon(self) -> None:
        discard(self.wb)

    def close(self) -> None:
        """Write the file; a file error comes out as the OSError behind it (the error
        boundary words those), not as xlsxwriter's own wrapper."""
        from xlsxwriter.exceptions import FileCreateError

        try:
            self.wb.close()
        except FileCreateError as exc:
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise


def discard(wb: Any) -> None:
    """An xlsxwriter workbook given up before `close` (cancelled, failed): its sheets'
    constant-memory row files closed and removed, so nothing is left in the temp folder."""
    import contextlib
    import os

    for ws in wb.worksheets():
        fh = getattr(ws, "row_data_fh", None)
        if fh is not None and not fh.closed:
            fh.close()
        name = getattr(ws, "row_data_filename", None)
        if name:
            with contextlib.suppress(OSError):
                os.unlink(name)
            ws.row_data_filename = None


class _Filter:
    """``ws.auto_filter.ref = "A1:L9"``, as the sheet modules write it."""

    def __init__(self, ws: Any) -> None:
        self._ws = ws
        self.ref: str | None = None

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name == "ref" and value:
            self._ws.autofilter(value)


class _View:
    """``ws.sheet_view.showGridLines = False`` hides the grid on screen."""

    def __init__(self, ws: Any) -> None:
        self._ws = ws

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name == "showGridLines":
            self._ws.hide_gridlines(0 if value else 2)


class SheetSetup:
    """The worksheet's settings under the names the sheet modules use (`sheet.ws`):
    ``freeze_panes``, ``auto_filter.ref``, ``sheet_view.showGridLines``; `xl` is the
    xlsxwriter worksheet itself (print setup, charts)."""

    def __init__(self, book: Book, ws: Any, title: str) -> None:
        self.book, self.xl, self.title = book, ws, title
        self.auto_filter = _Filter(ws)
        self.sheet_view = _View(ws)
        self._freeze: str | None = None

    @property
    def freeze_panes(self) -> str | None:
        return self._freeze

    @freeze_panes.setter
    def freeze_panes(self, ref: str) -> None:
        self._freeze = ref
        self.xl.freeze_panes(ref)


class Cell:
    """A value with its format; a formula (the product's own, ``"=SUM(…)"``) when `formula`."""

    __slots__ = ("value", "fmt", "formula")

    def __init__(self, value: Any, fmt: Any, formula: bool = False) -> None:
        self.value, self.fmt, self.formula = value, fmt, formula


class Sheet:
    """A constant-memory worksheet that counts its rows and makes typed cells."""

    def __init__(self, book: Book, ws: Any, title: str) -> None:
        self.book = book
        self.ws = SheetSetup(book, ws, title)
        self.row = 0  # rows written; the next row is self.row + 1 (1-based)
        self._quoted = book.format(quote=True)

    def cell(
        self,
        value: Any,
        fmt: str | None = None,
        bold: bool = False,
        font: str | None = None,
        fill: str | None = None,
    ) -> Cell | None:
        """A typed cell. The product's own formulas (``"=SUM(…)"``) are written through here;
        data text goes through `append` as a plain string, or here with ``fmt=TEXT``, and is
        then never a formula."""
        fmt = fmt or default_format(value)
        font = font or (BOLD if bold else None)
        if value is None and not (fmt or font or fill):
            return None  # nothing to write: the cell stays empty
        formula = isinstance(value, str) and value.startswith("=") and fmt != TEXT
        quote = isinstance(value, str) and not formula and value.startswith(RISKY_STARTS)
        return Cell(value, self.book.format(fmt, font, fill, quote), formula)

    def append(self, values: Iterable[Any]) -> int:
        """Append one row; plain text is always text (with the quote prefix when it looks
        like a formula: services/safe_cells.py)."""
        ws, r = self.ws.xl, self.row
        for c, v in enumerate(values):
            if v is None:
                continue
            if type(v) is Cell:
                if v.formula:
                    ws.write_formula(r, c, v.value, v.fmt, "")  # "": recalculated on opening
                elif v.value is None:
                    ws.write_blank(r, c, None, v.fmt)
                else:
                    self._put(r, c, v.value, v.fmt)
            else:
                self._put(r, c, v, None)
        self.row += 1
        return self.row

    def _put(self, r: int, c: int, v: Any, fmt: Any) -> None:
        ws = self.ws.xl
        if isinstance(v, str):
            if v.startswith(RISKY_STARTS):
                fmt = self._quoted if fmt is None else fmt
                ws.write_string(r, c, v, fmt)
            elif v[:1] == "<":
                ws.write_string(r, c, inline_text(v), fmt)
            elif v:
                ws.write_string(r, c, v, fmt)
            elif fmt is not None:
                ws.write_blank(r, c, None, fmt)
        elif isinstance(v, bool):
            ws.write_boolean(r, c, v, fmt)
        elif isinstance(v, int | float):
            ws.write_number(r, c, v, fmt)
        elif isinstance(v, Decimal):
            ws.write_number(r, c, float(v), fmt or self.book.format(MONEY))
        elif isinstance(v, date | time):
            ws.write_datetime(r, c, v, fmt or self.book.format(default_format(v)))
        else:
            ws.write_string(r, c, str(v), fmt)

    def stream(
        self,
        rows: Iterable[Sequence[Any]],
        formats: Sequence[str | None],
        every: int = 5000,
        tick: Callable[[int], None] | None = None,
    ) -> int:
        """The big sheets' loop: `rows` of plain values, one number format per column
        (None: the value's default). Text is text (quoted when it looks like a formula),
        money a number with the money format. `tick(n)` every `every` rows (progress,
        cancelling). Returns the rows written."""
        book, ws = self.book, self.ws.xl
        text, number, when = ws.write_string, ws.write_number, ws.write_datetime
        cols = list(enumerate(book.format(f) if f else None for f in formats))
        quoted = [book.format(f, quote=True) for f in formats]
        money = book.format(MONEY)
        defaults = {t: book.format(default_format(v)) for t, v in _SAMPLES.items()}
        r, n, look = self.row, 0, _LOOK
        for row in rows:
            for (c, fmt), v in zip(cols, row, strict=True):
                if v is None:
                    continue
                t = type(v)
                if t is str:
                    if not v:
                        continue
                    if v[0] in look:
                        if v.startswith(RISKY_STARTS):
                            text(r, c, v, quoted[c])
                        else:
                            text(r, c, inline_text(v), fmt)
                    else:
                        text(r, c, v, fmt)
                elif t is int or t is float:
                    number(r, c, v, fmt)
                elif t is Decimal:
                    number(r, c, float(v), fmt or money)
                elif t in defaults:
                    when(r, c, v, fmt or defaults[t])
                else:  # bool, a subclass, anything else: the general path
                    self._put(r, c, v, fmt)
            r += 1
            n += 1
            if tick is not None and n % every == 0:
                tick(n)
        self.row = r
        return n

    def header(self, names: Sequence[str]) -> int:
        return self.append(self.cell(n, bold=True, fill=HEADER_FILL) for n in names)

    def blank(self) -> int:
        self.row += 1
        return self.row


_SAMPLES = {date: date(2000, 1, 1), datetime: datetime(2000, 1, 1), time: time(0)}


def until_cancelled(
    rows: Iterable[Sequence[Any]], cancel: threading.Event | None, every: int = 5000
) -> Iterator[Sequence[Any]]:
    """`rows`, stopping early once `cancel` is set (looked at every `every` rows); the
    export then sees the event and leaves no file."""
    for n, row in enumerate(rows, start=1):
        if cancel is not None and n % every == 0 and cancel.is_set():
            return
        yield row


def set_widths(ws: SheetSetup, widths: Sequence[int]) -> None:
    """Column widths in characters (at least 6, at most 60)."""
    for i, width in enumerate(widths):
        ws.xl.set_column(i, i, min(max(width + 2, 6), 60))


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
    """The letter of a 1-based column."""
    return xl_col_to_name(index - 1)
