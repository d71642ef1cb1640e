"""Export the month's workbook with a progress dialog that can cancel (no file on cancel)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ...i18n import current_language
from ..app_context import AppContext
from ..ops import Job, JobOp
from ..widgets.toast import Toast


def export_workbook(
    ctx: AppContext, parent: QWidget, year: int, month: int, folder: str
) -> Job | None:
    """Ask where to save, then write the workbook in a job; None if nothing was started."""
    default = str(Path(folder) / f"report-{year:04d}-{month:02d}.xlsx")
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ReportExport", "Export the month to Excel"),
        default,
        QCoreApplication.translate("ReportExport", "Excel workbook (*.xlsx)"),
    )
    if not path:
        return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    lang, actor = current_language(), ctx.actor

    def work(job: Job) -> str:
        with job.session() as session:
            from ...services.excel import export_month_workbook  # openpyxl on first use

            result = export_month_workbook(
                session,
                year,
                month,
                path,
                lang,
                progress=job.progress,
                cancel=job.cancel,
                actor=actor,
            )
        return str(result.path)

    return JobOp(
        ctx,
        parent,
        "report-export",
        QCoreApplication.translate("ReportExport", "Exporting the month to Excel"),
        work,
        success=lambda saved: Toast.show_text(
            parent.window(),
            QCoreApplication.translate("ReportExport", "Workbook saved: %1").replace("%1", saved),
            5000,
        ),
        cancelled=lambda: ctx.show_status(
            QCoreApplication.translate("ReportExport", "Export cancelled; no file was written")
        ),
    ).run()
