"""Members (会员), their tags and the owner's custom profile fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from .base import Base, Money

MEMBER_ACTIVE = "active"
MEMBER_ARCHIVED = "archived"
MEMBER_MERGED = "merged"
MEMBER_ERASED = "erased"


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    # Search keys, kept in step with `name` by services.members: full pinyin without spaces
    # ("zhangsan") and initials ("zs"), lower case, so prefix search is an index range scan.
    name_pinyin: Mapped[str] = mapped_column(String(300), default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(100), default="", index=True)

    # E.164 ("+8613800138000"); the national digits reversed make "last four digits" a prefix
    # lookup on an index ("0008%") instead of a scan.
    phone: Mapped[str | None] = mapped_column(String(32))
    phone_digits: Mapped[str] = mapped_column(String(32), default="")
    phone_rev: Mapped[str] = mapped_column(String(32), default="", index=True)

    card_no: Mapped[str | None] = mapped_column(String(40), index=True)
    gender: Mapped[str] = mapped_column(String(1), default="")  # 'F', 'M' or ''

    # Birthday: kind is 'solar', 'lunar' or None; year is optional; leap only for lunar.
    birthday_kind: Mapped[str | None] = mapped_column(String(5))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_month: Mapped[int | None] = mapped_column(Integer)
    birth_day: Mapped[int | None] = mapped_column(Integer)
    birth_leap: Mapped[bool] = mapped_column(Boolean, default=False)

    level: Mapped[str] = mapped_column(String(40), default="")  # the level's name, shown
    # member_levels.id; no FK constraint: SQLite cannot add one to a table others point at
    # without a rebuild (levels are retired, never deleted; services keep it consistent)
    level_id: Mapped[int | None] = mapped_column(Integer, index=True)
    level_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    join_date: Mapped[date] = mapped_column(Date, default=clock.today, index=True)
    source: Mapped[str] = mapped_column(String(60), default="")
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    # Consent to birthday greetings and offers; care calls after a service ignore it.
    consent_marketing: Mapped[bool] = mapped_column(Boolean, default=True)
    # Shop-type profile fields (hair type, allergies, favourite dishes...) and custom fields.
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    status: Mapped[str] = mapped_column(String(10), default=MEMBER_ACTIVE, index=True)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )

    # Derived from visits and kept by services.visits (recomputable with
    # services.visits.refresh_member_stats) so the member list sorts and filters in SQL.
    first_visit_on: Mapped[date | None] = mapped_column(Date)
    last_visit_on: Mapped[date | None] = mapped_column(Date, index=True)
    visit_count: Mapped[int] = mapped_column(Integer, default=0)
    lifetime_spend: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))

    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, onupdate=clock.now)
    # Optimistic locking: a save from a stale copy raises StaleDataError.
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)

    tags: Mapped[list[MemberTag]] = relationship(
        back_populates="member", cascade="all, delete-orphan", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # One active member per phone number.
        Index(
            "uq_members_active_phone",
            "phone",
            unique=True,
            sqlite_where=text("status = 'active' AND phone IS NOT NULL"),
            postgresql_where=text("status = 'active' AND phone IS NOT NULL"),
        ),
    )


class MemberNameGram(Base):
    """One character or two adjacent characters of a member's name (ASCII letters lower
    case): the index behind 1–2 characters "anywhere in the name", which a trigram index
    cannot answer. Kept in step by `services.members.name_grams` (migration 0020)."""

    __tablename__ = "member_name_grams"
    __table_args__ = (
        Index("ix_member_name_grams_member_id", "member_id"),
        {"sqlite_with_rowid": False},
    )

    gram: Mapped[str] = mapped_column(String(2), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )


class MemberTag(Base):
    __tablename__ = "member_tags"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)

    member: Mapped[Member] = relationship(back_populates="tags")


class CustomField(Base):
    """A profile field the owner added (stored in Member.profile under `key`)."""

    __tablename__ = "custom_fields"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(60))
    field_type: Mapped[str] = mapped_column(String(10), default="text")  # text|number|date|choice
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
