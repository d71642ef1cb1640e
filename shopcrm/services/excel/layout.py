"""How every sheet prints, identifier cells and text cells that are never formulas.

Printing: landscape A4, one page wide (as many pages tall as needed), the header row(s)
repeated on every page, narrow margins and a footer naming the shop, the month and
"page x of y" (`&P` / `&N`).
"""

from __future__ import annotations

from typing import Any

from ...i18n import define, translate
from .cells import SheetSetup

ID = "0"  # identifiers: an integer without thousands separators ("2872", never "2,872")
FOOTER = define(
    "excel.print.footer",
    en="{shop}{month} · page &P of &N",
    zh="{shop}{month} · 第 &P 页，共 &N 页",
)


def prepare_print(
    ws: SheetSetup,
    shop: str,
    month: str,
    lang: str,
    title_rows: str | None = "1:1",
    pages_tall: int = 0,
) -> None:
    """Landscape, one page wide, `title_rows` repeated, footer with shop, month and pages.
    `pages_tall`: 0 = as many as the rows need; 1 for a sheet of bounded size (Segments)."""
    xl = ws.xl
    xl.set_landscape()
    xl.set_paper(9)  # A4
    xl.fit_to_pages(1, pages_tall)
    xl.set_margins(left=0.4, right=0.4, top=0.4, bottom=0.5)
    xl.set_header("", {"margin": 0.1})
    if title_rows:
        first, last = (int(n) for n in title_rows.split(":"))
        xl.repeat_rows(first - 1, last - 1)
    # "&" starts a header/footer code: a shop name with "&" in it is written as "&&"
    name = (shop.replace("&", "&&") + " · ") if shop else ""
    # "&8 ": 8-point text; the space ends the size code (the month may start with a digit)
    xl.set_footer("&C&8 " + translate(FOOTER, lang, shop=name, month=month), {"margin": 0.2})


def text_cell(ws: Any, value: str | None) -> str | None:
    """Text someone typed (a name, a reason, a note): a plain string is always written as
    text, quoted when it starts with "=", "+", "-", "@", tab or CR (Sheet.append): never a
    formula. Empty text leaves the cell empty."""
    return value or None
