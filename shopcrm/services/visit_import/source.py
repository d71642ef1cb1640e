"""Reading a spreadsheet row by row without holding it in memory.

`.xlsx` through openpyxl's read-only mode; `.csv` streamed with its encoding detected:
UTF-8 with or without BOM, GB18030 (a superset of GBK/GB2312, what Excel writes on a Chinese
Windows), else charset-normalizer's guess; a clear error when it cannot tell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...i18n import ShopError, define
from ..text_files import guess_encoding

E_FORMAT = define(
    "visit_import.format",
    en="“{name}” is not an .xlsx or .csv file.",
    zh="“{name}”不是 .xlsx 或 .csv 文件。",
)
E_ENCODING = define(
    "visit_import.encoding",
    en="Cannot tell the text encoding of “{name}”. Save it from Excel as “CSV UTF-8” "
    "and import again.",
    zh="无法识别“{name}”的文字编码。请在 Excel 中另存为“CSV UTF-8”后重新导入。",
)
E_UNREADABLE = define(
    "visit_import.unreadable", en="Cannot read “{name}”: {detail}", zh="无法读取“{name}”：{detail}"
)

E_DAMAGED = define(
    "visit_import.damaged",
    en="“{name}” is damaged or cut off (the sheet ends unexpectedly after row {row}); open "
    "it in Excel, save it again and import that. Nothing was imported.",
    zh="“{name}”已损坏或不完整（工作表在第 {row} 行后意外结束）；请在 Excel 中打开、重新保存后"
    "再导入。未导入任何内容。",
)

CHUNK = 1 << 20


@dataclass
class Source:
    """Rows of the first sheet, numbered from 1 as a spreadsheet shows them."""

    path: Path
    encoding: str | None
    total_rows: int  # an estimate, for progress

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        if self.encoding is None:
            yield from _xlsx_rows(self.path)
        else:
            yield from _csv_rows(self.path, self.encoding)


def open_source(path: str | Path) -> Source:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise ShopError(E_FORMAT, name=p.name)
    if not p.is_file():
        raise ShopError(E_UNREADABLE, name=p.name, detail="file not found")
    if suffix in (".xlsx", ".xlsm"):
        return Source(p, None, _xlsx_row_count(p))
    encoding = detect_encoding(p)
    return Source(p, encoding, _count_lines(p))


def detect_encoding(path: Path) -> str:
    """The CSV's encoding by the shared rule (services.text_files), or a clear error."""
    encoding = guess_encoding(path)
    if encoding is None:
        raise ShopError(E_ENCODING, name=path.name)
    return encoding


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            count += chunk.count(b"\n")
    return max(count, 1)


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[Any]]]:
    with path.open(encoding=encoding, newline="") as f:
        first = f.readline()
        f.seek(0)
        # The header line tells the delimiter: the candidate it contains most often.
        delimiter = max(",\t;|", key=first.count) if first else ","
        yield from enumerate(csv.reader(f, delimiter=delimiter), start=1)


def _xlsx_row_count(path: Path) -> int:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ShopError(E_UNREADABLE, name=path.name, detail=str(exc)) from exc
    try:
        return max(wb.worksheets[0].max_row or 1, 1)
    finally:
        wb.close()


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ShopError(E_DAMAGED, name=path.name, row=0) from exc
    number = 0
    try:
        sheet = wb.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):  # noqa: B007
            yield number, list(row)
    except Exception as exc:  # a cut-off sheet XML: ParseError, zlib/zip errors, EOFError
        raise ShopError(E_DAMAGED, name=path.name, row=number) from exc
    finally:
        wb.close()
