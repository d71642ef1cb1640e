"""SQLAlchemy 2 ORM classes. The schema itself is built by the Alembic migrations."""

from .base import Base, Money
from .booking import Booking, BookingSlot, BookingTable
from .card import CardEntry, CardType, CardTypeItem, MemberCard, MemberCardItem
from .care import (
    COMPLAINT_CONTACTED,
    COMPLAINT_DROPPED,
    COMPLAINT_LIVE,
    COMPLAINT_OPEN,
    COMPLAINT_RESOLVED,
    Campaign,
    Complaint,
    SatisfactionScore,
)
from .catalog import Service, ServiceCategory, Staff
from .commission import CommissionRule, VisitLineStaff
from .followup import (
    FOLLOWUP_DISMISSED,
    FOLLOWUP_DONE,
    FOLLOWUP_OPEN,
    Followup,
    FollowupEvent,
    FollowupRule,
)
from .level import LevelChange, LevelDiscount, MemberLevel, Rate, TopupOffer
from .member import (
    MEMBER_ACTIVE,
    MEMBER_ARCHIVED,
    MEMBER_ERASED,
    MEMBER_MERGED,
    CustomField,
    Member,
    MemberNameGram,
    MemberTag,
)
from .money import (
    INTERNAL_METHODS,
    ClosedMonth,
    MoneyMovement,
    PaymentMethod,
)
from .system import AuditEntry, Setting
from .visit import VISIT_OK, VISIT_VOIDED, Visit, VisitLine, VisitPayment
from .wallet import ACCOUNT_POINTS, ACCOUNT_STORED_VALUE, WalletEntry

__all__ = [
    "CardEntry",
    "CardType",
    "CardTypeItem",
    "MemberCard",
    "MemberCardItem",
    "CommissionRule",
    "VisitLineStaff",
    "Booking",
    "BookingSlot",
    "BookingTable",
    "COMPLAINT_CONTACTED",
    "COMPLAINT_DROPPED",
    "COMPLAINT_LIVE",
    "COMPLAINT_OPEN",
    "COMPLAINT_RESOLVED",
    "Campaign",
    "Complaint",
    "SatisfactionScore",
    "LevelChange",
    "LevelDiscount",
    "MemberLevel",
    "Rate",
    "TopupOffer",
    "ACCOUNT_POINTS",
    "ACCOUNT_STORED_VALUE",
    "AuditEntry",
    "ClosedMonth",
    "INTERNAL_METHODS",
    "MoneyMovement",
    "PaymentMethod",
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
    "MemberNameGram",
    "MemberTag",
    "Money",
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
