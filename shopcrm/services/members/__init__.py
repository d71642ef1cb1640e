"""Members: records, search, merge, profile fields, import and export.

The UI and the CLI call the functions re-exported here; each takes the session first and
returns ids or small frozen dataclasses. The import, export and merge parts load on first
use (`__getattr__` below): `shopcrm find` and the app's start need only records and search,
and merge alone pulls in the visits and wallet services.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .core import (
    FORM_FIELDS,
    MemberCard,
    MemberForm,
    add_tags,
    all_tags,
    archive_member,
    create_member,
    get_member,
    remove_tags,
    restore_member,
    update_member,
)
from .fields import (
    CHOICE,
    DATE,
    FIELD_TYPES,
    NUMBER,
    TEXT,
    FieldSpec,
    add_custom_field,
    profile_fields,
    set_custom_field_active,
)
from .name_index import scrub as scrub_name_index
from .search import MATCH_KINDS, MemberHit, search_members

if TYPE_CHECKING:
    from .exporter import ImportReportWriter, export_members
    from .importer import ImportResult, RowOutcome, import_members
    from .merge import MergeResult, merge_members, refresh_member_stats

_LATER = {
    "ImportReportWriter": "exporter",
    "export_members": "exporter",
    "ImportResult": "importer",
    "RowOutcome": "importer",
    "import_members": "importer",
    "MergeResult": "merge",
    "merge_members": "merge",
    "refresh_member_stats": "merge",
}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CHOICE",
    "DATE",
    "FIELD_TYPES",
    "FORM_FIELDS",
    "MATCH_KINDS",
    "NUMBER",
    "TEXT",
    "FieldSpec",
    "ImportReportWriter",
    "ImportResult",
    "MemberCard",
    "MemberForm",
    "MemberHit",
    "MergeResult",
    "RowOutcome",
    "add_custom_field",
    "add_tags",
    "all_tags",
    "archive_member",
    "create_member",
    "export_members",
    "get_member",
    "import_members",
    "merge_members",
    "profile_fields",
    "refresh_member_stats",
    "remove_tags",
    "scrub_name_index",
    "restore_member",
    "search_members",
    "set_custom_field_active",
    "update_member",
]
