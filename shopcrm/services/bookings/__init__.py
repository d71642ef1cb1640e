"""Bookings (预约、订座): the book, its states, and no double booking (see core)."""

from .core import (
    KIND_BOOKING,
    BookingDraft,
    arrive,
    cancel,
    complete,
    create_booking,
    mark_noshow,
    services_minutes,
)
from .hours import (
    TableView,
    add_table,
    find_table,
    list_tables,
    opening_hours,
    set_opening_hours,
)
from .queries import (
    COLUMNS_STAFF,
    COLUMNS_TABLE,
    BookColumn,
    BookingRow,
    DayView,
    MemberBookings,
    day_view,
    get_booking,
    member_bookings,
    week_view,
)
from .texts import BOOKING_COLUMNS, STATE_NAMES

__all__ = [
    "BOOKING_COLUMNS",
    "COLUMNS_STAFF",
    "COLUMNS_TABLE",
    "KIND_BOOKING",
    "STATE_NAMES",
    "BookColumn",
    "BookingDraft",
    "BookingRow",
    "DayView",
    "MemberBookings",
    "TableView",
    "add_table",
    "arrive",
    "cancel",
    "complete",
    "create_booking",
    "day_view",
    "find_table",
    "get_booking",
    "list_tables",
    "mark_noshow",
    "member_bookings",
    "opening_hours",
    "services_minutes",
    "set_opening_hours",
    "week_view",
]
