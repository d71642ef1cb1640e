"""Files as Windows has them: names it accepts, and files another program holds open.

- `safe_filename(name)` turns text from the shop's data (a shop or database name, a member's
  name) into a file name every Windows accepts: no ``\\ / : * ? " < > |`` or control
  characters, no trailing dot or space, not a reserved device name (CON, PRN, AUX, NUL,
  COM1-9, LPT1-9), at most 100 characters (180 bytes). Chinese and spaces are kept.
- `file_in_use_error(exc)` is the message for a `PermissionError` on a file: on Windows that
  is what Excel's lock on an open workbook (or another program holding a database) gives
  (winerror 32, "being used by another process"). The message names the file and says what
  to do: "close 会员.xlsx in Excel and try again".
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import ShopError, define

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

E_FILE_IN_USE = define(
    "files.in_use",
    en="{name} is open in another program (such as Excel) or may not be written: close "
    "{name} there and try again. Nothing was changed. ({path})",
    zh="{name} 正被其他程序（如 Excel）打开或不允许写入：请先关闭 {name} 再重试。"
    "未做任何更改。（{path}）",
)
E_DATABASE_IN_USE = define(
    "files.database_in_use",
    en="The database {name} is open in another ShopCRM window or program: close ShopCRM "
    "everywhere else and try again. Nothing was changed. ({path})",
    zh="数据库 {name} 正被另一个 ShopCRM 窗口或其他程序使用：请关闭其他 ShopCRM 后再重试。"
    "未做任何更改。（{path}）",
)

FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{kind}{n}" for kind in ("COM", "LPT") for n in "123456789¹²³"}
)
MAX_NAME = 100
MAX_BYTES = 180  # leaves room for a backup's time stamp and an extension


def safe_filename(name: str, fallback: str = "shop", *, max_length: int = MAX_NAME) -> str:
    """`name` made into a file name Windows (and every other system) accepts.

    Forbidden characters become "_", runs of blanks one space; leading/trailing dots and
    blanks go; a reserved device name (also with an extension: ``con.txt``) gets a "_"
    appended to its stem. Empty results become `fallback`.
    """
    text = FORBIDDEN.sub("_", str(name))
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text[:max_length]
    while len(text.encode("utf-8")) > MAX_BYTES:  # Linux counts bytes: 255 at most
        text = text[:-1]
    text = text.rstrip(" .")
    if not text or set(text) <= {"_"}:
        text = fallback
    stem, dot, rest = text.partition(".")
    if stem.rstrip(" ").upper() in RESERVED:
        text = f"{stem.rstrip(' ')}_{dot}{rest}"
    return text


def error_path(exc: OSError) -> str:
    """The file an OS error is about: the target of a rename (filename2), else filename."""
    return str(getattr(exc, "filename2", None) or exc.filename or "")


def file_in_use_error(exc: OSError, path: str | os.PathLike[str] | None = None) -> ShopError:
    """The message for `exc` (a PermissionError) on the file `path` (default: from `exc`)."""
    shown = Path(path) if path is not None else Path(error_path(exc))
    return ShopError(E_FILE_IN_USE, name=shown.name or str(shown), path=str(shown))


def database_in_use_error(path: str | os.PathLike[str]) -> ShopError:
    shown = Path(path)
    return ShopError(E_DATABASE_IN_USE, name=shown.name, path=str(shown))


def is_folder_error(exc: OSError) -> bool:
    """True when the path of `exc` is a folder (a permission problem, not a lock)."""
    path = error_path(exc)
    return bool(path) and Path(path).is_dir()


E_NETWORK_SHARE = define(
    "files.network_share",
    en="The database {path} is on a network share ({how}). SQLite must not be shared that "
    "way: counters writing to it over the network can damage it. Keep it on this PC's own "
    "disk, or use PostgreSQL for several counters (docs/reliability.md).",
    zh="数据库 {path} 位于网络共享位置（{how}）。SQLite 数据库不能这样共享：多台前台电脑通过"
    "网络写入可能损坏数据。请把它放在本机硬盘上；多台前台电脑请使用 PostgreSQL"
    "（见 docs/reliability.md）。",
)


def network_share_warning(engine: Engine) -> ShopError | None:
    """The warning for a SQLite database on a network share, None when local (or not SQLite)."""
    from ..db import is_sqlite, sqlite_path
    from ..paths import network_location

    if not is_sqlite(engine):
        return None
    path = sqlite_path(engine)
    if path is None:
        return None
    how = network_location(path)
    return None if how is None else ShopError(E_NETWORK_SHARE, path=str(path), how=how)


def warn_if_network_share(engine: Engine) -> None:
    """Start-up: log the network-share warning (the app and every writing command)."""
    warning = network_share_warning(engine)
    if warning is not None:
        log.warning("%s", warning.message())
