"""A day's follow-up list as an Excel workbook or a CSV file, for shops that send messages
through another tool."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ...i18n import ShopError, current_language, define, translate
from ..safe_cells import csv_row, xlsx_row
from ..tables import TableColumn
from .listing import DueItem, due_list
from .texts import E_EXPORT_FORMAT

COLUMNS = (  # (message id, width, value)
    (define("followups.col.id", en="No.", zh="编号"), 8, lambda i: i.id),
    (define("followups.col.due", en="Due", zh="到期日"), 12, lambda i: i.due_date),
    (define("followups.col.rule", en="Rule", zh="规则"), 16, lambda i: i.rule_name),
    (define("followups.col.member", en="Member", zh="会员"), 14, lambda i: i.member_name),
    (define("followups.col.phone", en="Phone", zh="电话"), 16, lambda i: i.phone),
    (define("followups.col.reason", en="Reason", zh="原因"), 40, lambda i: i.reason),
    (define("followups.col.message", en="Message", zh="消息内容"), 70, lambda i: i.message),
    (define("followups.col.occasion", en="Occasion", zh="日期"), 12, lambda i: i.occasion_date),
    (define("followups.col.attempts", en="No answer", zh="未接通次数"), 10, lambda i: i.attempts),
)
_HEAD = {
    key: msg_id
    for key, (msg_id, _, _) in zip(
        ("id", "due", "rule", "member", "phone", "reason", "message", "occasion", "attempts"),
        COLUMNS,
        strict=True,
    )
}
# The day's list as the CLI prints it (`shopcrm due`), under the export's own headers.
DUE_COLUMNS = (
    TableColumn("id", _HEAD["id"]),
    TableColumn("member", _HEAD["member"]),
    TableColumn("phone", _HEAD["phone"]),
    TableColumn("reason", _HEAD["reason"]),
    TableColumn("note", define("followups.col.note", en="Note", zh="备注")),
)
SHEET_TITLE = define("followups.sheet", en="Follow-ups {date}", zh="待回访 {date}")


def export_due(session: Session, on: date, path: str | Path, lang: str | None = None) -> int:
    """Write the list of day `on` to `path` (.xlsx or .csv); returns the number of rows."""
    lang = lang or current_language()
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ShopError(E_EXPORT_FORMAT, path=str(target))
    items = due_list(session, on, lang)
    if suffix == ".csv":
        _write_csv(target, items, lang)
    else:
        _write_xlsx(target, items, on, lang)
    return len(items)


def _write_csv(target: Path, items: list[DueItem], lang: str) -> None:
    # UTF-8 with a BOM: Excel on Chinese Windows then reads it as UTF-8, not GBK.
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([translate(msg, lang) for msg, _, _ in COLUMNS])
        for item in items:
            writer.writerow(csv_row(get(item) for _, _, get in COLUMNS))


def _write_xlsx(target: Path, items: list[DueItem], on: date, lang: str) -> None:
    # Imported here: openpyxl takes seconds to import and the app's start must not wait.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = translate(SHEET_TITLE, lang, date=on.isoformat())[:31]
    sheet.append([translate(msg, lang) for msg, _, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        sheet.append(xlsx_row(sheet, (get(item) for _, _, get in COLUMNS)))
    for col, (_, width, _) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            if width >= 40:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if items:
        sheet.auto_filter.ref = sheet.dimensions
    book.save(target)
