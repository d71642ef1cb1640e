"""What the app's start holds in memory (issue 21, memory after start ≤ 150 MB)."""

from __future__ import annotations

import importlib
import linecache
import sys

from shopcrm.services.auth import ROLE_OWNER, SYSTEM
from shopcrm.services.staff import create_staff, owner_name


def _module(tmp_path, name: str, text: str):
    (tmp_path / f"{name}.py").write_text(text, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)


def test_sources_pyside_reads_are_not_kept(tmp_path):
    """PySide6 reads every imported module's source to look for "PySide6"; the app keeps
    its answer but not the lines (24 MB at start before)."""
    from shopcrm.ui import app

    app.keep_no_sources_read_by_pyside()
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return  # a PySide6 without the check: nothing to keep
    plain = _module(tmp_path, "shopcrm_plain_probe", "VALUE = 1\n" * 50)
    qt = _module(tmp_path, "shopcrm_qt_probe", "import PySide6  # uses it\nVALUE = 2\n")
    assert feature._mod_uses_pyside(plain) is False
    assert feature._mod_uses_pyside(qt) is True
    assert plain.__file__ not in linecache.cache
    assert qt.__file__ not in linecache.cache
    app.keep_no_sources_read_by_pyside()  # twice: still one wrapper
    assert feature._mod_uses_pyside(qt) is True


def test_owner_name_reads_one_owner_without_pinyin(session):
    assert owner_name(session) == ""
    create_staff(session, "钟燕", title="发型师", actor=SYSTEM)
    create_staff(session, "曾晓红", role=ROLE_OWNER, actor=SYSTEM)
    assert owner_name(session) == "曾晓红"
    create_staff(session, "陈静", role=ROLE_OWNER, actor=SYSTEM)
    assert owner_name(session) == "陈静"  # chen before zeng, as the staff list sorts
