"""Words of the follow-ups: rule names, reasons, errors and the default message templates."""

from __future__ import annotations

from ...i18n import define
from ..tables import TableColumn

KIND_BIRTHDAY = "birthday"
KIND_AFTERCARE = "aftercare"
KIND_WINBACK = "winback"
KIND_ANNIVERSARY = "anniversary"
KIND_CARD_EXPIRING = "card_expiring"  # a count card with uses left near its last day
KIND_BOOKING = "booking"  # the day-before reminder of a booking (services/bookings)
# Care kinds (issue 20, docs/care.md): holiday greetings, a campaign's messages, a complaint
# until it is resolved, and a call after a low satisfaction score.
KIND_HOLIDAY = "holiday"
KIND_CAMPAIGN = "campaign"
KIND_COMPLAINT = "complaint"
KIND_LOW_SCORE = "low_score"
# The kinds an owner adds rules of (the care kinds' rules come with the shop or a campaign).
ADDABLE_KINDS = (
    KIND_BIRTHDAY,
    KIND_AFTERCARE,
    KIND_WINBACK,
    KIND_ANNIVERSARY,
    KIND_CARD_EXPIRING,
    KIND_BOOKING,
)
KINDS = (*ADDABLE_KINDS, KIND_HOLIDAY, KIND_CAMPAIGN, KIND_COMPLAINT, KIND_LOW_SCORE)
# Kinds that greet or offer something: not raised for members who declined (consent).
MARKETING_KINDS = frozenset(
    {KIND_BIRTHDAY, KIND_WINBACK, KIND_ANNIVERSARY, KIND_BOOKING, KIND_HOLIDAY, KIND_CAMPAIGN}
)

RULE_NAMES = {
    KIND_BIRTHDAY: define("followups.rule.birthday", en="Birthday greeting", zh="生日祝福"),
    KIND_AFTERCARE: define(
        "followups.rule.aftercare", en="Care call after a service", zh="服务后回访"
    ),
    KIND_WINBACK: define("followups.rule.winback", en="Win back a regular", zh="老顾客召回"),
    KIND_ANNIVERSARY: define(
        "followups.rule.anniversary", en="Membership anniversary", zh="入会周年"
    ),
    KIND_CARD_EXPIRING: define(
        "followups.rule.card_expiring", en="Card expiring soon", zh="次卡即将到期"
    ),
    KIND_BOOKING: define("followups.rule.booking", en="Booking tomorrow", zh="明日预约提醒"),
    KIND_HOLIDAY: define("followups.rule.holiday", en="Holiday greeting", zh="节日问候"),
    KIND_CAMPAIGN: define("followups.rule.campaign", en="Campaign", zh="营销活动"),
    KIND_COMPLAINT: define("followups.rule.complaint", en="Complaint", zh="投诉处理"),
    KIND_LOW_SCORE: define("followups.rule.low_score", en="Call after a low score", zh="低分回访"),
}

R_BIRTHDAY_IN = define(
    "followups.reason.birthday_in", en="birthday in {days:|day}{lunar}", zh="{days}天后生日{lunar}"
)
R_BIRTHDAY_TOMORROW = define(
    "followups.reason.birthday_tomorrow", en="birthday tomorrow{lunar}", zh="明天生日{lunar}"
)
R_BIRTHDAY_TODAY = define(
    "followups.reason.birthday_today", en="birthday today{lunar}", zh="今天生日{lunar}"
)
R_BIRTHDAY_PAST = define(
    "followups.reason.birthday_past",
    en="birthday {days:|day} ago{lunar}",
    zh="生日已过{days}天{lunar}",
)
R_LUNAR = define("followups.reason.lunar", en=" (lunar {lunar})", zh="（农历{lunar}）")
R_AFTERCARE = define(
    "followups.reason.aftercare",
    en="{offset}-day care call · {service} on {visit_date}",
    zh="{offset}天回访 · {visit_date}做了{service}",
)
R_WINBACK = define(
    "followups.reason.winback",
    en="{days:|day} since the last visit · usually every {gap:|day}",
    zh="已{days}天未到店 · 平时约{gap}天一次",
)
R_ANNIVERSARY = define(
    "followups.reason.anniversary",
    en="{years:|year} a member on {date} · joined {join_date}",
    zh="入会满{years}年 · {date}（{join_date}入会）",
)

R_CARD_EXPIRING = define(
    "followups.reason.card_expiring",
    en="{card} ends on {date} with {uses} left",
    zh="{card}将于{date}到期，还剩{uses}",
)

R_BOOKING_TOMORROW = define(
    "followups.reason.booking_tomorrow",
    en="booking tomorrow at {time}{what}",
    zh="明天{time}有预约{what}",
)
R_BOOKING_TODAY = define(
    "followups.reason.booking_today",
    en="booking today at {time}{what}",
    zh="今天{time}有预约{what}",
)
R_BOOKING_WHAT = define("followups.reason.booking_what", en=" ({what})", zh="（{what}）")

EV_CLOSED_BY_VISIT = define(
    "followups.event.closed_by_visit", en="closed by visit", zh="顾客已到店，自动关闭"
)
EV_EXPIRED = define(
    "followups.event.expired",
    en="expired: its days on the list are over",
    zh="已过期：不再列入回访名单",
)
ACTION_NAMES = {
    "done": define("followups.action.done", en="done", zh="已完成"),
    "noanswer": define("followups.action.noanswer", en="no answer", zh="未接通"),
    "snooze": define("followups.action.snooze", en="snoozed", zh="推迟"),
    "dismiss": define("followups.action.dismiss", en="dismissed", zh="不再回访"),
    "closed": define("followups.action.closed", en="closed", zh="已关闭"),
    "expired": define("followups.action.expired", en="expired", zh="已过期"),
}
CHANNEL_NAMES = {
    "call": define("followups.channel.call", en="call", zh="电话"),
    "message": define("followups.channel.message", en="message", zh="消息"),
    "in_person": define("followups.channel.in_person", en="in person", zh="当面"),
}
SHOP_FALLBACK = define("followups.shop_fallback", en="our shop", zh="本店")

E_NOT_FOUND = define(
    "followups.not_found", en="No follow-up with number {id}.", zh="找不到编号为 {id} 的回访。"
)
E_RULE_NOT_FOUND = define(
    "followups.rule_not_found",
    en="No follow-up rule with number {id}.",
    zh="找不到编号为 {id} 的回访规则。",
)
E_BAD_ACTION = define(
    "followups.bad_action",
    en="Unknown outcome {action!r}: use done, noanswer, snooze or dismiss.",
    zh="未知的处理结果 {action!r}：请用 done、noanswer、snooze 或 dismiss。",
)
E_BAD_CHANNEL = define(
    "followups.bad_channel",
    en="Unknown channel {channel!r}: use call, message or in_person.",
    zh="未知的联系方式 {channel!r}：请用 call、message 或 in_person。",
)
E_SNOOZE_DATE = define(
    "followups.snooze_date",
    en="Snooze to a day after today ({today}); {date} is not.",
    zh="推迟日期须晚于今天（{today}），{date} 不行。",
)
E_CLOSED = define(
    "followups.closed",
    en="Follow-up {id} is already {status}.",
    zh="回访 {id} 已经是“{status}”状态。",
)
E_COMPLAINT_OUTCOME = define(
    "followups.complaint_outcome",
    en="Follow-up {id} is a complaint: it closes when the complaint is resolved or dropped "
    "(Care screen, or shopcrm complaint resolve).",
    zh="回访 {id} 是投诉处理：投诉解决或放弃后才会关闭（在“会员关怀”页，或用 shopcrm complaint resolve）。",
)
E_BAD_KIND = define(
    "followups.bad_kind",
    en="Unknown rule kind {kind!r}: use birthday, aftercare, winback or anniversary.",
    zh="未知的规则类型 {kind!r}：请用 birthday、aftercare、winback 或 anniversary。",
)
E_BAD_PARAM = define(
    "followups.bad_param",
    en="Rule setting {key} cannot be {value!r}.",
    zh="规则参数 {key} 不能是 {value!r}。",
)
E_EXPORT_FORMAT = define(
    "followups.export_format",
    en="Export to a .xlsx or .csv file, not {path}.",
    zh="只能导出为 .xlsx 或 .csv 文件，不能是 {path}。",
)

# Default message templates: what a shop would send, warm and short. A per-language table
# (read with i18n.for_language): each rule keeps its own copy in both languages.
DEFAULT_TEMPLATES: dict[str, dict[str, str]] = {
    KIND_BIRTHDAY: {
        "zh": "{name}您好！{shop}提前祝您生日快乐！这个月到店，我们为您准备了一份生日小礼物，"
        "期待见到您～",
        "en": "Hi {name}, happy birthday from all of us at {shop}! Drop by this month: "
        "a little birthday treat is waiting for you.",
    },
    KIND_AFTERCARE: {
        "zh": "{name}您好，这里是{shop}。您{date}做的{service}已经{days}天了，效果还满意吗？"
        "日常打理有任何问题，随时找我们哦。",
        "en": "Hi {name}, this is {shop}. It has been {days} days since your {service} on "
        "{date}. How is it holding up? If anything needs a touch-up, just let us know.",
    },
    KIND_WINBACK: {
        "zh": "{name}您好，好久不见啦！{shop}一直记着您。最近有空回来坐坐吗？本月到店可享老顾客"
        "专属优惠，期待您再来～",
        "en": "Hi {name}, we haven't seen you at {shop} for a while and we miss you! "
        "Come by this month: there's a returning-guest treat waiting for you.",
    },
    KIND_ANNIVERSARY: {
        "zh": "{name}您好！不知不觉您已经是{shop}{years}年的老朋友了，谢谢一路相伴！"
        "这个月到店，我们准备了一份周年小心意送给您。",
        "en": "Hi {name}, you joined {shop} {years} year(s) ago: thank you for being with us! "
        "Drop by this month for a small anniversary thank-you.",
    },
    KIND_BOOKING: {
        "zh": "{name}您好，这里是{shop}。提醒您{date}{time}的预约（{service}），我们为您留好了时间。"
        "如需改时间，回复这条消息就好～",
        "en": "Hi {name}, this is {shop}: a reminder of your booking on {date} at {time} "
        "({service}). We look forward to seeing you; reply to this message to change it.",
    },
    KIND_CARD_EXPIRING: {
        "zh": "{name}您好，这里是{shop}。您的{service}还有次数未用，将于{date}到期，"
        "记得在到期前到店使用哦～",
        "en": "Hi {name}, this is {shop}. Your {service} still has uses left and ends on "
        "{date}: come in before then to use them.",
    },
}

# What the birthday greeting says on the day itself and after it (a greeting sent on the
# birthday must not wish happy birthday "in advance"). Used while the rule keeps the default
# text; an owner's own text is sent as written.
BIRTHDAY_ON_THE_DAY: dict[str, str] = {
    "zh": "{name}您好！今天是您的生日，{shop}祝您生日快乐！这个月到店，我们为您准备了一份"
    "生日小礼物，期待见到您～",
    "en": "Hi {name}, happy birthday today from all of us at {shop}! Drop by this month: "
    "a little birthday treat is waiting for you.",
}
BIRTHDAY_BELATED: dict[str, str] = {
    "zh": "{name}您好！{shop}给您补上一份生日祝福：祝您生日快乐！这个月到店，我们为您准备了"
    "一份生日小礼物，期待见到您～",
    "en": "Hi {name}, a belated happy birthday from all of us at {shop}! Drop by this month: "
    "a little birthday treat is waiting for you.",
}
# Default texts of earlier versions: a rule that still holds one is on the default text.
OLD_DEFAULT_TEMPLATES: dict[str, tuple[str, ...]] = {
    KIND_BIRTHDAY: (
        "{name}您好！{shop}提前祝您生日快乐！这个月来店里，我们为您准备了一份生日小礼物，"
        "期待见到您～",
    ),
}

DEFAULT_TEMPLATES.update(
    {
        KIND_HOLIDAY: {
            "zh": "{name}您好！{shop}祝您{holiday}快乐！",
            "en": "Hi {name}, happy {holiday} from all of us at {shop}!",
        },
        KIND_CAMPAIGN: {"zh": "{name}您好！", "en": "Hi {name}!"},
        KIND_COMPLAINT: {
            "zh": "{name}您好，这里是{shop}。您反映的问题我们非常重视，想跟您沟通一下处理方案，"
            "给您带来不便十分抱歉。",
            "en": "Hi {name}, this is {shop}. We take what you told us seriously and would "
            "like to talk about how we put it right. We are sorry for the trouble.",
        },
        KIND_LOW_SCORE: {
            "zh": "{name}您好，这里是{shop}。您{date}的体验没有让您满意，我们很抱歉。"
            "想听听您的意见，看看我们能怎样做得更好。",
            "en": "Hi {name}, this is {shop}. We are sorry your visit on {date} fell short. "
            "We would love to hear what we can do better.",
        },
    }
)

# The rules as the CLI prints them (`shopcrm rules`).
RULE_COLUMNS = (
    TableColumn("id", define("followups.rule_col.id", en="No.", zh="编号")),
    TableColumn("active", define("followups.rule_col.active", en="On", zh="启用")),
    TableColumn("kind", define("followups.rule_col.kind", en="Kind", zh="类型")),
    TableColumn("name", define("followups.rule_col.name", en="Rule", zh="规则")),
    TableColumn("params", define("followups.rule_col.params", en="Settings", zh="参数")),
)
