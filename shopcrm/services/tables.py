"""Columns of the lists a person reads in a terminal: a key and a catalogue header.

A service that returns rows also says which columns a list of them shows, each with the
message id of its header (as `members.columns` does for the member workbook), so the CLI
prints headers in the user's language without a header dict of its own. The Qt screens
name their columns with `tr()` instead (their words live in the .ts files).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import translate


@dataclass(frozen=True)
class TableColumn:
    key: str  # the row's field
    header_id: str  # catalogue message of the header
    width: int = 0  # at least this many cells wide
    right: bool = False  # numbers and money line up on the right

    def header(self, lang: str | None = None) -> str:
        return translate(self.header_id, lang)
