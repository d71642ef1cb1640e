"""Bulk import of visit history (`shopcrm import-visits`). See core.py for the rules."""

from .core import import_visits
from .job import E_CANCELLED, ImportResult, RowProblem
from .report import summary_lines, write_report
from .source import detect_encoding, open_source

__all__ = [
    "E_CANCELLED",
    "ImportResult",
    "RowProblem",
    "detect_encoding",
    "import_visits",
    "open_source",
    "summary_lines",
    "write_report",
]
