"""Console text that never crashes, whatever the console's code page.

A Chinese Windows console, a redirect to a file and a pipe all encode with the ANSI code
page (cp936/GBK), and GBK lacks some characters the CLI prints ("✓", "¥" — GBK only has the
full-width "￥"). Python's default is to raise `UnicodeEncodeError` then, which turned a
finished command into a traceback. `make_streams_safe()` keeps the console's encoding (so
Chinese stays readable in a GBK console, in Notepad and in Excel) and gives stdout/stderr
an error handler that writes the nearest character the encoding has, or "?" — never an error.

UTF-8 streams are left alone: nothing can fail there.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

ERROR_HANDLER = "shopcrm.console"

# Characters the CLI prints that GBK lacks, and what a GBK console shows instead.
SUBSTITUTES = {
    "✓": "√",
    "✔": "√",
    "✗": "×",
    "✘": "×",
    "¥": "￥",
    "€": "EUR",
    "…": "...",
    "—": "-",
    "–": "-",
    "→": "->",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "•": "*",
    "━": "-",
    "█": "#",
}


def _substitute(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each character the encoding lacks becomes its stand-in or '?'."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start : exc.end]:
        stand_in = SUBSTITUTES.get(char, "?")
        try:
            stand_in.encode(exc.encoding)
        except (UnicodeError, LookupError):
            stand_in = "?"
        out.append(stand_in)
    return "".join(out), exc.end


codecs.register_error(ERROR_HANDLER, _substitute)


def is_utf8(encoding: str | None) -> bool:
    return codecs.lookup(encoding or "ascii").name in ("utf-8", "utf-8-sig")


def make_stream_safe(stream: TextIO | None) -> bool:
    """Give `stream` the substituting error handler unless it is UTF-8; True if changed."""
    if stream is None:
        return False
    try:
        if is_utf8(getattr(stream, "encoding", None)):
            return False
    except LookupError:
        pass
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:  # not a real text stream (a test runner's buffer)
        return False
    try:
        reconfigure(errors=ERROR_HANDLER)
    except (ValueError, OSError):
        return False
    return True


def make_streams_safe() -> None:
    """stdout and stderr of this process never raise UnicodeEncodeError (see module doc)."""
    for stream in (sys.stdout, sys.stderr):
        make_stream_safe(stream)


def describe_console() -> str:
    """'stdout gbk (cp936 code page, substitutes), stderr gbk' — for `shopcrm selfcheck`."""
    parts = []
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        encoding = getattr(stream, "encoding", None) or "none"
        errors = getattr(stream, "errors", None) or "strict"
        parts.append(f"{name} {encoding} ({errors})")
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        parts.append(f"code page {ctypes.windll.kernel32.GetConsoleOutputCP()}")
    parts.append(f"utf8_mode={sys.flags.utf8_mode}")
    return ", ".join(parts)
