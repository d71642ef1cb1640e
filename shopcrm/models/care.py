"""Care beyond birthdays (issue 20): campaigns to a segment, complaints to resolution,
satisfaction scores given on a call.

Holiday greetings need no table of their own: they are follow-up rules of kind 'holiday'.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .. import clock
from .base import Base

COMPLAINT_OPEN = "open"
COMPLAINT_CONTACTED = "contacted"
COMPLAINT_RESOLVED = "resolved"
COMPLAINT_DROPPED = "dropped"
COMPLAINT_LIVE = (COMPLAINT_OPEN, COMPLAINT_CONTACTED)


class Campaign(Base):
    """One message to a segment of members, sent as one follow-up per member.

    `key` (a hash of segment, message and day) makes launching the same campaign twice
    find this row again instead of making a second one; its follow-ups belong to its own
    follow-up rule (kind 'campaign'), whose template is the message.
    """

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    segment: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("followup_rules.id", ondelete="SET NULL")
    )
    no_consent: Mapped[int] = mapped_column(Integer, default=0)  # left out at launch
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class Complaint(Base):
    """A complaint (投诉), open until resolved: open → contacted → resolved | dropped."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    # one complaint per visit at most (the visit's complaint text becomes this row)
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), unique=True
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(10), default="member")  # visit | member
    status: Mapped[str] = mapped_column(String(10), default=COMPLAINT_OPEN)
    resolution: Mapped[str] = mapped_column(String(10), default="")  # redo|refund|apology|voucher
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    followup_id: Mapped[int | None] = mapped_column(ForeignKey("followups.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_complaints_status", "status"),
        Index("ix_complaints_member", "member_id"),
        Index("ix_complaints_opened", "opened_at"),
    )


class SatisfactionScore(Base):
    """A score (1–5) given outside the counter, e.g. on the care call after a service.

    Scores entered at the counter stay on the visit (`visits.satisfaction`); reports read
    both.
    """

    __tablename__ = "satisfaction_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    followup_id: Mapped[int | None] = mapped_column(ForeignKey("followups.id", ondelete="SET NULL"))
    score: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10), default="call")
    note: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    __table_args__ = (
        Index("ix_satisfaction_scores_time", "created_at"),
        Index("ix_satisfaction_scores_member", "member_id"),
    )
