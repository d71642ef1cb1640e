"""Where the app keeps its data and finds its resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

APP_DIR_NAME = "ShopCRM"
BACKUP_DIR_NAME = "ShopCRM backups"  # in the owner's Documents, on Windows
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "afs",
        "9p",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "ceph",
        "fuse.rclone",
    }
)


def data_dir() -> Path:
    """The user's data folder for ShopCRM (database, backups), created on first use."""
    import platformdirs  # not at import: a command given --db never needs it

    path = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "shopcrm.db"


def default_demo_db_path() -> Path:
    return data_dir() / "demo.db"


def default_backup_dir(platform: str | None = None) -> Path:
    """Where the daily backups go unless the owner chose a folder.

    Windows: Documents\\ShopCRM backups, a folder the owner sees and copies to a USB stick
    (the data folder under AppData is hidden). Elsewhere: ``backups`` in the data folder.
    `platform` (``sys.platform`` by default) is there for tests.
    """
    if (platform or sys.platform) == "win32":
        import platformdirs

        return Path(platformdirs.user_documents_dir()) / BACKUP_DIR_NAME
    return data_dir() / "backups"


def network_location(
    path: str | os.PathLike[str],
    *,
    platform: str | None = None,
    mounts: str | None = None,
    drive_type: int | None = None,
) -> str | None:
    """How `path` reaches a network share ("UNC path", "network drive Z:", "nfs mount"), or
    None when it is on a local disk.

    SQLite over a share (SMB/NFS) corrupts databases when several PCs write: its locks do
    not work there. Windows: a UNC path (``\\\\server\\share``) or a drive letter that
    Windows reports as remote (a mapped drive; `drive_type` stands in for the OS call in
    tests). Linux: the file system type of the mount holding `path`, from /proc/mounts
    (`mounts` stands in for its text in tests).
    """
    platform = platform or sys.platform
    if platform == "win32":
        text = str(path)
        if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
            return "UNC path"
        drive = PureWindowsPath(text).drive
        if text.startswith("\\\\?\\UNC\\"):
            return "UNC path"
        if len(drive) == 2 and drive[1] == ":":
            if drive_type is None:
                drive_type = _windows_drive_type(drive)
            if drive_type == 4:  # DRIVE_REMOTE
                return f"network drive {drive.upper()}"
        return None
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    resolved = Path(os.path.abspath(os.fspath(path)))
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ").replace("\\011", "\t")
        mount = Path(point)
        if (resolved == mount or mount in resolved.parents) and (
            best is None or len(point) > best[0]
        ):
            best = (len(point), fields[2])
    if best is not None and best[1].lower() in NETWORK_FS_TYPES:
        return f"{best[1]} mount"
    return None


def _windows_drive_type(drive: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\"))


def resource_dir() -> Path:
    """`resources/` beside the package in a checkout, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


ENV_DB = "SHOPCRM_DB"


def resolve_db_url(value: str | os.PathLike[str] | None = None) -> str:
    """Turn a path, a URL, the environment or nothing into a SQLAlchemy URL.

    Here rather than in `db` so that the desktop app can resolve its database before
    SQLAlchemy loads (cold start: the window is shown first)."""
    raw = str(value) if value else os.environ.get(ENV_DB, "")
    if not raw:
        raw = str(default_db_path())
    if "://" in raw:
        return raw
    path = str(Path(raw).expanduser().resolve())
    # "%", "?" and "#" escaped as SQLAlchemy's URL.create does (without importing it): a
    # folder named "店?" is a path, not a URL query.
    escaped = path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")
    return f"sqlite:///{escaped}"
