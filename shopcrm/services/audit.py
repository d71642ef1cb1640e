"""The audit log: who changed what and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..models import AuditEntry
from .auth import SYSTEM, Actor


def record(
    session: Session,
    actor: Actor | None,
    entity: str,
    entity_id: int | None,
    action: str,
    **detail: Any,
) -> None:
    """Add an audit entry in the caller's transaction (it commits or rolls back with it)."""
    who = actor or SYSTEM
    session.add(
        AuditEntry(
            staff_id=who.staff_id,
            actor=who.name,
            entity=entity,
            entity_id=entity_id,
            action=action,
            detail={k: _jsonable(v) for k, v in detail.items()},
        )
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return str(value)
