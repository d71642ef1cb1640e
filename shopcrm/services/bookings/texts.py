"""Words of the bookings: errors, state names, the CLI's columns."""

from __future__ import annotations

from ...i18n import define
from ...models.booking import (
    BOOKING_ARRIVED,
    BOOKING_BOOKED,
    BOOKING_CANCELLED,
    BOOKING_DONE,
    BOOKING_NOSHOW,
)
from ..tables import TableColumn

STATE_NAMES = {
    BOOKING_BOOKED: define("bookings.state.booked", en="booked", zh="已预约"),
    BOOKING_ARRIVED: define("bookings.state.arrived", en="arrived", zh="已到店"),
    BOOKING_DONE: define("bookings.state.done", en="done", zh="已完成"),
    BOOKING_NOSHOW: define("bookings.state.noshow", en="no-show", zh="爽约"),
    BOOKING_CANCELLED: define("bookings.state.cancelled", en="cancelled", zh="已取消"),
}
BY_NAMES = {
    "client": define("bookings.by.client", en="by the client", zh="顾客取消"),
    "shop": define("bookings.by.shop", en="by the shop", zh="店方取消"),
}
ANYONE = define("bookings.anyone", en="anyone", zh="不指定")

E_NOT_FOUND = define(
    "bookings.not_found", en="No booking with number {id}.", zh="找不到编号为 {id} 的预约。"
)
E_TAKEN = define(
    "bookings.taken",
    en="{resource} already has a booking from {start} to {end} (#{id}); choose another time.",
    zh="{resource} 在 {start} 至 {end} 已有预约（#{id}），请换个时间。",
)
E_TAKEN_RACE = define(
    "bookings.taken_race",
    en="That time was just booked at another counter; nothing was saved. Choose another time.",
    zh="这个时段刚被另一台前台电脑约走了，未保存。请换个时间。",
)
E_STEP = define(
    "bookings.step",
    en="Bookings start and end on whole {step} minutes (e.g. 14:00, 14:05); {time} is not.",
    zh="预约的开始和结束须在整{step}分钟上（如 14:00、14:05），{time} 不行。",
)
E_MINUTES = define(
    "bookings.minutes",
    en="A booking lasts from {low} to {high} minutes, not {minutes}.",
    zh="预约时长须在 {low} 到 {high} 分钟之间，不能是 {minutes}。",
)
E_WHO = define(
    "bookings.who",
    en="Say who is booking: a member, or a newcomer's name and phone.",
    zh="请填写预约人：会员，或新顾客的姓名和电话。",
)
E_PARTY = define(
    "bookings.party",
    en="Party size must be 1 to {high}, not {size}.",
    zh="人数须为 1 到 {high}，不能是 {size}。",
)
E_STATE = define(
    "bookings.state_error",
    en="Booking #{id} is {state}: it cannot be {action} now.",
    zh="预约 #{id} 已是“{state}”，现在不能{action}。",
)
ACTIONS = {
    "arrive": define("bookings.action.arrive", en="marked arrived", zh="标为到店"),
    "noshow": define("bookings.action.noshow", en="marked a no-show", zh="标为爽约"),
    "cancel": define("bookings.action.cancel", en="cancelled", zh="取消"),
    "complete": define("bookings.action.complete", en="completed", zh="完成"),
}
E_REASON = define(
    "bookings.reason",
    en="Say why the booking is cancelled (--reason).",
    zh="请填写取消原因（--reason）。",
)
E_BY = define(
    "bookings.by_error",
    en="Cancelled by 'client' or 'shop', not {by!r}.",
    zh="取消方须为 client（顾客）或 shop（店方），不能是 {by!r}。",
)
E_NO_STAFF = define(
    "bookings.no_staff", en="No active staff member named {name}.", zh="找不到在职员工 {name}。"
)
E_NO_SERVICE = define(
    "bookings.no_service", en="No service named {name}.", zh="找不到服务项目 {name}。"
)
E_NO_TABLE = define("bookings.no_table", en="No table named {name}.", zh="找不到桌位 {name}。")
E_TABLE_NAME = define(
    "bookings.table_name",
    en="A table needs a name of 1 to 40 characters, not used by another table.",
    zh="桌位名称须为 1 到 40 个字，且不能与其他桌位重名。",
)
E_HOURS = define(
    "bookings.hours",
    en="Opening hours are HH:MM to a later HH:MM (e.g. 09:00 21:00), not {opens}–{closes}.",
    zh="营业时间须为 HH:MM 到更晚的 HH:MM（如 09:00 21:00），不能是 {opens}–{closes}。",
)
E_TIME = define(
    "bookings.time",
    en="“{text}” is not a date and time like 2026-12-01T14:00.",
    zh="“{text}”不是日期时间，格式如 2026-12-01T14:00。",
)
E_VISIT = define(
    "bookings.visit", en="No visit with number {id}.", zh="找不到编号为 {id} 的消费记录。"
)


# `shopcrm bookings --day D` as a table.
BOOKING_COLUMNS = (
    TableColumn("id", define("bookings.col.id", en="No.", zh="编号")),
    TableColumn("time", define("bookings.col.time", en="Time", zh="时间")),
    TableColumn("who", define("bookings.col.who", en="Guest", zh="顾客")),
    TableColumn("with", define("bookings.col.with", en="Staff / table", zh="员工/桌位")),
    TableColumn("services", define("bookings.col.services", en="Services", zh="服务")),
    TableColumn("state", define("bookings.col.state", en="State", zh="状态")),
)
