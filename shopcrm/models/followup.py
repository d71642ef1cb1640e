"""Follow-up rules, the follow-ups they raise, and what was done about each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from .base import Base

FOLLOWUP_OPEN = "open"
FOLLOWUP_DONE = "done"
FOLLOWUP_DISMISSED = "dismissed"


class FollowupRule(Base):
    __tablename__ = "followup_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # birthday | aftercare | winback | anniversary
    name: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    template_zh: Mapped[str] = mapped_column(Text, default="")
    template_en: Mapped[str] = mapped_column(Text, default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class Followup(Base):
    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    rule_id: Mapped[int] = mapped_column(ForeignKey("followup_rules.id", ondelete="CASCADE"))
    # The date the occasion belongs to (the birthday this year, the care date, the last visit
    # of a lapse): with member and rule it identifies the occasion, so raising is idempotent.
    occasion_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)  # first day it shows on the list
    status: Mapped[str] = mapped_column(String(10), default=FOLLOWUP_OPEN)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id", ondelete="SET NULL"))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # reason parameters
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    events: Mapped[list[FollowupEvent]] = relationship(
        back_populates="followup", cascade="all, delete-orphan", order_by="FollowupEvent.id"
    )

    __table_args__ = (
        UniqueConstraint("member_id", "rule_id", "occasion_date", name="uq_followups_occasion"),
        Index("ix_followups_status_due", "status", "due_date"),
        Index("ix_followups_status_rule_due", "status", "rule_id", "due_date"),  # 0018: the list
        Index("ix_followups_member", "member_id"),
    )


class FollowupEvent(Base):
    __tablename__ = "followup_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(10))  # done | noanswer | snooze | dismiss
    channel: Mapped[str] = mapped_column(String(10), default="")  # call | message | in_person
    snooze_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    followup: Mapped[Followup] = relationship(back_populates="events")
