"""The month's workbook and the member export open in LibreOffice: converted headless to PDF,
every sheet prints and the Summary's totals (formulas) are computed to the report's figures."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from shopcrm.services.auth import SYSTEM
from shopcrm.services.demo import DemoOptions
from shopcrm.services.excel import export_month_workbook
from shopcrm.services.members import export_members
from shopcrm.services.reports import monthly_report

TODAY = date(2026, 11, 23)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) and poppler's pdftotext are needed to check the workbook "
    "opens and prints there; not installed on this machine",
)


def _pdf_text(book: Path, work: Path) -> tuple[str, int]:
    """The PDF LibreOffice prints of `book`: its text and its number of pages."""
    profile = work / "lo-profile"  # its own profile: another LibreOffice may be running
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), str(book)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    pdf = work / f"{book.stem}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8")
    return text, text.count("\f")


def test_month_workbook_and_member_export_print_in_libreoffice(demo_shop, session, tmp_path):
    demo_shop(DemoOptions(members=120, months=3, seed=21, today=TODAY))
    month = tmp_path / "month.xlsx"
    members = tmp_path / "members.xlsx"
    export_month_workbook(session, 2026, 10, month, "en", actor=SYSTEM)
    count = export_members(session, members, lang="en", actor=SYSTEM)
    report = monthly_report(session, 2026, 10, "en", actor=SYSTEM)

    text, pages = _pdf_text(month, tmp_path)
    # every sheet printed: at least one page each, each with the footer's page numbers
    assert pages >= 16 and text.count("2026-10") >= 16
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
    # the totals are formulas; LibreOffice computed them to the report's figures
    assert f"¥{report.figures.net_revenue:,.2f}" in text
    assert f"¥{report.stored_value.closing:,.2f}" in text
    for heading in ("Net revenue", "Visit ID", "Member ID", "Follow-up ID"):
        assert heading in text, heading

    text, pages = _pdf_text(members, tmp_path)
    assert pages >= 1 and "Name" in text and "Phone" in text and count > 100
