"""SQLAlchemy 2 ORM classes. The schema itself is built by the Alembic migrations."""

from .base import Base, Money
from .catalog import Service, ServiceCategory, Staff
from .followup import (
    FOLLOWUP_DISMISSED,
    FOLLOWUP_DONE,
    FOLLOWUP_OPEN,
    Followup,
    FollowupEvent,
    FollowupRule,
)
from .member import (
    MEMBER_ACTIVE,
    MEMBER_ARCHIVED,
    MEMBER_ERASED,
    MEMBER_MERGED,
    CustomField,
    Member,
    MemberTag,
)
from .system import AuditEntry, Setting
from .visit import PAYMENT_METHODS, VISIT_OK, VISIT_VOIDED, Visit, VisitLine, VisitPayment
from .wallet import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, WalletEntry

__all__ = [
    "ACCOUNT_POINTS",
    "ACCOUNT_STORED_VALUE",
    "AuditEntry",
    "Base",
    "CustomField",
    "FOLLOWUP_DISMISSED",
    "FOLLOWUP_DONE",
    "FOLLOWUP_OPEN",
    "Followup",
    "FollowupEvent",
    "FollowupRule",
    "MEMBER_ACTIVE",
    "MEMBER_ARCHIVED",
    "MEMBER_ERASED",
    "MEMBER_MERGED",
    "Member",
    "MemberTag",
    "Money",
    "PAYMENT_METHODS",
    "Service",
    "ServiceCategory",
    "Setting",
    "Staff",
    "VISIT_OK",
    "VISIT_VOIDED",
    "Visit",
    "VisitLine",
    "VisitPayment",
    "WalletEntry",
]
