"""Print a service's rows as a table under headers in the user's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import click
from rich.cells import cell_len

__all__ = ["cell_len", "echo_table", "pad", "table_lines"]

from ..services.tables import TableColumn


def pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(width - cell_len(text), 0)  # a Chinese character takes two cells
    return gap + text if right else text + gap


def table_lines(
    columns: Sequence[TableColumn],
    rows: Iterable[Mapping[str, object]],
    lang: str | None = None,
) -> list[str]:
    """The header line, a rule, then one line per row; columns as wide as their widest cell."""
    heads = [c.header(lang) for c in columns]
    cells = [
        ["" if row.get(c.key) is None else str(row.get(c.key)) for c in columns] for row in rows
    ]
    widths = [
        max(c.width, cell_len(heads[i]), *(cell_len(r[i]) for r in cells))
        for i, c in enumerate(columns)
    ]

    def line(texts: Sequence[str]) -> str:
        parts = (pad(t, w, c.right) for t, w, c in zip(texts, widths, columns, strict=True))
        return "  ".join(parts).rstrip()

    return [line(heads), "  ".join("-" * w for w in widths), *(line(r) for r in cells)]


def echo_table(
    columns: Sequence[TableColumn],
    rows: Iterable[Mapping[str, object]],
    lang: str | None = None,
) -> None:
    for text in table_lines(columns, rows, lang):
        click.echo(text)
