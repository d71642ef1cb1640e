"""The text encoding of a CSV file as Chinese shops really have them.

One rule for every import: a byte-order mark decides; else UTF-16 when the NUL bytes say so
(Notepad's and some tills' "Unicode" export without a mark, see `utf16_without_bom`); else UTF-8 if the whole file decodes
strictly; else GB18030 (GBK's superset, Excel's "CSV" on a Chinese Windows) if the whole file
decodes and the text holds Chinese characters; else charset-normalizer's guess, if the whole
file decodes with it. None when unsure: the caller says so in its own words.
"""

from __future__ import annotations

import codecs
from pathlib import Path

CHUNK = 1 << 20


def guess_encoding(path: Path, head: bytes | None = None) -> str | None:
    """The codec to read `path` with ('utf-8-sig' also reads UTF-8 without a BOM)."""
    if head is None:
        with path.open("rb") as fh:
            head = fh.read(CHUNK)
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif (utf16 := utf16_without_bom(head)) is not None:
        candidates = [utf16]
    else:
        candidates = ["utf-8-sig"]
        if _has_chinese(head, "gb18030"):
            candidates.append("gb18030")
    for encoding in candidates:
        if decodes(path, encoding):
            return encoding
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is not None and best.encoding and decodes(path, best.encoding):
        return best.encoding
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `head` looks like UTF-16 text written without a BOM.

    A CSV is full of ASCII (digits, commas, line ends), which UTF-16 writes with one NUL
    byte per character, always on the same side of the pair; UTF-8 and GB18030 text has
    no NUL bytes at all. So: many NULs in odd positions and next to none in even ones (LE),
    or the other way round (BE)."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0 : pairs * 2 : 2].count(0)
    odd = head[1 : pairs * 2 : 2].count(0)
    if odd >= pairs * 0.2 and even <= pairs * 0.02:
        return "utf-16-le"
    if even >= pairs * 0.2 and odd <= pairs * 0.02:
        return "utf-16-be"
    return None


def _has_chinese(head: bytes, encoding: str) -> bool:
    sample = head.decode(encoding, errors="replace")
    return any("\u4e00" <= ch <= "\u9fff" for ch in sample)


def decodes(path: Path, encoding: str) -> bool:
    """True when the whole file decodes strictly with `encoding`."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
