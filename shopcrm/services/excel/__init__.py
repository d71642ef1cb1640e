"""The month's Excel workbook for the accountant (openpyxl, streaming)."""

from .workbook import E_CANCELLED, SHEETS, ExportResult, export_month_workbook, sheet_title

__all__ = ["E_CANCELLED", "SHEETS", "ExportResult", "export_month_workbook", "sheet_title"]
