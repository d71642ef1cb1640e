"""Reading rows from the lists shops keep: .xlsx (openpyxl read-only) and .csv (streamed).

Memory stays flat in the size of the file: rows are produced one at a time. A file that
cannot be read at all (not a spreadsheet, password-protected, old .xls, empty, unknown
encoding) raises one ShopError before anything is imported.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...i18n import ShopError, define
from ..text_files import guess_encoding, utf16_without_bom

E_MISSING = define("members.file_missing", en="File not found: {path}", zh="找不到文件：{path}")
E_EMPTY = define("members.file_empty", en="The file {path} is empty", zh="文件 {path} 是空的")
E_NOT_SHEET = define(
    "members.not_sheet",
    en="{path} is not an Excel workbook (.xlsx) or a CSV file",
    zh="{path} 不是 Excel 工作簿（.xlsx）或 CSV 文件",
)
E_ENCRYPTED = define(
    "members.encrypted",
    en="{path} is password-protected; open it in Excel, remove the password "
    "(File › Info › Protect Workbook) and save it again",
    zh="{path} 设有密码保护；请在 Excel 中打开，取消密码（文件 › 信息 › 保护工作簿）后另存",
)
E_OLD_XLS = define(
    "members.old_xls",
    en="{path} is an old .xls workbook; save it as .xlsx in Excel and import that",
    zh="{path} 是旧版 .xls 工作簿；请在 Excel 中另存为 .xlsx 后再导入",
)
E_ENCODING = define(
    "members.encoding",
    en="Cannot tell the text encoding of {path}; save it from Excel as “CSV UTF-8” and "
    "import again",
    zh="无法判断 {path} 的文字编码；请在 Excel 中另存为“CSV UTF-8”格式后再导入",
)
E_BAD_CSV = define(
    "members.bad_csv",
    en="{path} cannot be read as CSV near line {line}: {detail}",
    zh="{path} 第 {line} 行附近无法按 CSV 读取：{detail}",
)

E_DAMAGED = define(
    "members.sheet_damaged",
    en="{path} is damaged or cut off (sheet “{sheet}” ends unexpectedly after row {row}); "
    "open it in Excel, save it again and import that. Nothing was imported",
    zh="{path} 已损坏或不完整（工作表“{sheet}”在第 {row} 行后意外结束）；请在 Excel 中打开、"
    "重新保存后再导入。未导入任何内容",
)

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 1 << 20


@dataclass
class Sheet:
    """Rows of one sheet: `rows` yields (row number, cell values) from the top."""

    name: str
    rows: Callable[[], Iterator[tuple[int, tuple[Any, ...]]]]
    size: int  # rows (xlsx, may be 0 when unknown) or bytes (csv) for progress
    position: Callable[[], int]  # how far the reader has got, in the unit of `size`


@dataclass
class Source:
    kind: str  # "xlsx" | "csv"
    sheets: list[Sheet]
    encoding: str | None = None


@contextmanager
def open_source(path: str | Path) -> Iterator[Source]:
    """The sheets of a workbook or the one table of a CSV file."""
    path = Path(path)
    if not path.is_file():
        raise ShopError(E_MISSING, path=str(path))
    with path.open("rb") as fh:
        head = fh.read(_CHUNK)
    if not head:
        raise ShopError(E_EMPTY, path=path.name)
    if head.startswith(_CFB_MAGIC):
        if _ENCRYPTED_MARK in head or _contains(path, _ENCRYPTED_MARK):
            raise ShopError(E_ENCRYPTED, path=path.name)
        raise ShopError(E_OLD_XLS, path=path.name)
    if head.startswith(b"PK\x03\x04"):
        with _open_xlsx(path) as source:
            yield source
        return
    if (
        path.suffix.lower() in (".xlsx", ".xlsm", ".xls")
        or b"\x00" in head[:4096]
        and not (head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)))
        and utf16_without_bom(head) is None
    ):
        raise ShopError(E_NOT_SHEET, path=path.name)
    yield _open_csv(path, head)


def _contains(path: Path, needle: bytes) -> bool:
    with path.open("rb") as fh:
        tail = b""
        while chunk := fh.read(_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


@contextmanager
def _open_xlsx(path: Path) -> Iterator[Source]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ShopError(E_NOT_SHEET, path=path.name) from exc
    except Exception as exc:  # openpyxl raises its own types for broken packages
        raise ShopError(E_NOT_SHEET, path=path.name) from exc
    try:
        sheets = []
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue
            sheets.append(_xlsx_sheet(ws, path))
        yield Source("xlsx", sheets)
    finally:
        wb.close()


def _xlsx_sheet(ws: Any, path: Path) -> Sheet:
    state = {"row": 0}

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                state["row"] = number
                yield number, tuple(values)
        except ShopError:
            raise
        except Exception as exc:  # a cut-off sheet XML: ParseError, zlib/zip errors, EOFError
            raise ShopError(E_DAMAGED, path=path.name, sheet=ws.title, row=state["row"]) from exc

    try:
        size = int(ws.max_row or 0)
    except (TypeError, ValueError):
        size = 0
    return Sheet(ws.title, rows, size, lambda: state["row"])


def detect_encoding(path: Path, head: bytes) -> str:
    """The CSV's encoding by the shared rule (services.text_files), or a clear error."""
    encoding = guess_encoding(path, head)
    if encoding is None:
        raise ShopError(E_ENCODING, path=path.name)
    return encoding


def _sniff_delimiter(sample: str) -> str:
    first = sample.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_csv(path: Path, head: bytes) -> Source:
    encoding = detect_encoding(path, head)
    sample = head.decode(encoding, errors="ignore")
    delimiter = _sniff_delimiter(sample.lstrip("\ufeff"))
    size = path.stat().st_size
    state: dict[str, Any] = {"raw": None}

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        with path.open("rb") as raw:
            state["raw"] = raw
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            lines = (line.replace("\x00", "") for line in text)
            reader = csv.reader(lines, delimiter=delimiter)
            number = 0
            try:
                for number, values in enumerate(reader, start=1):  # noqa: B007
                    yield number, tuple(values)
            except csv.Error as exc:
                raise ShopError(
                    E_BAD_CSV, path=path.name, line=number + 1, detail=str(exc)[:80]
                ) from exc
            finally:
                state["raw"] = None

    def position() -> int:
        raw = state["raw"]
        if raw is None:
            return size
        with suppress(ValueError, OSError):
            return raw.tell()
        return size

    return Source("csv", [Sheet(path.stem, rows, size, position)], encoding=encoding)


csv.field_size_limit(1 << 24)
