"""The import report workbook: a summary sheet and one row per problem row."""

from __future__ import annotations

from pathlib import Path

from ...i18n import define, translate
from ..safe_cells import xlsx_cell, xlsx_row
from .job import ImportResult

L_SHEET_SUMMARY = define("visit_import.report.summary", en="Summary", zh="汇总")
L_SHEET_ROWS = define("visit_import.report.rows", en="Rows not imported", zh="未导入的行")
L_ROW = define("visit_import.report.row", en="Row", zh="行号")
L_REASON = define("visit_import.report.reason", en="Reason", zh="原因")
LABELS = {
    "rows_read": define("visit_import.report.rows_read", en="Rows read", zh="读取行数"),
    "rows_imported": define(
        "visit_import.report.rows_imported", en="Rows imported", zh="已导入行数"
    ),
    "rows_already_imported": define(
        "visit_import.report.rows_already", en="Rows already imported before", zh="此前已导入的行数"
    ),
    "rows_failed": define(
        "visit_import.report.rows_failed", en="Rows not imported", zh="未导入行数"
    ),
    "visits_created": define("visit_import.report.visits", en="Visits created", zh="新增消费记录"),
    "lines_created": define(
        "visit_import.report.lines", en="Service lines created", zh="新增服务明细"
    ),
    "members_touched": define(
        "visit_import.report.members", en="Members with new visits", zh="涉及会员数"
    ),
    "created_services": define(
        "visit_import.report.created_services",
        en="Services created (retired)",
        zh="新建服务项目（已停用）",
    ),
    "created_staff": define(
        "visit_import.report.created_staff", en="Staff created (inactive)", zh="新建员工（未启用）"
    ),
    "missing_services": define(
        "visit_import.report.missing_services",
        en="Unknown services (rows)",
        zh="未知服务项目（行数）",
    ),
    "missing_staff": define(
        "visit_import.report.missing_staff", en="Unknown staff (rows)", zh="未知员工（行数）"
    ),
}


def summary_lines(result: ImportResult, lang: str | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs in the user's language, for the CLI and the report."""
    out: list[tuple[str, str]] = []
    for key in (
        "rows_read",
        "rows_imported",
        "rows_already_imported",
        "rows_failed",
        "visits_created",
        "lines_created",
        "members_touched",
    ):
        out.append((translate(LABELS[key], lang), str(getattr(result, key))))
    for key in ("created_services", "created_staff"):
        values = getattr(result, key)
        if values:
            out.append((translate(LABELS[key], lang), ", ".join(values)))
    for key in ("missing_services", "missing_staff"):
        values = getattr(result, key)
        if values:
            out.append(
                (
                    translate(LABELS[key], lang),
                    ", ".join(f"{k} ({v})" for k, v in sorted(values.items())),
                )
            )
    return out


def write_report(result: ImportResult, path: str | Path, lang: str | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    summary = wb.create_sheet(translate(L_SHEET_SUMMARY, lang))
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 60
    for label, value in summary_lines(result, lang):
        summary.append(xlsx_row(summary, [label, int(value) if value.isdigit() else value]))
    for warning in result.warnings(lang):
        summary.append([xlsx_cell(summary, warning)])
    rows = wb.create_sheet(translate(L_SHEET_ROWS, lang))
    rows.freeze_panes = "A2"
    rows.column_dimensions["A"].width = 10
    rows.column_dimensions["B"].width = 70
    header = []
    for text in (translate(L_ROW, lang), translate(L_REASON, lang)):
        cell = WriteOnlyCell(rows, value=text)
        cell.font = bold
        header.append(cell)
    rows.append(header)
    for problem in result.problems:
        rows.append([problem.row, xlsx_cell(rows, problem.text(lang))])
    target = Path(path)
    wb.save(target)
    return target
