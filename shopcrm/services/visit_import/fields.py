"""Understanding a visit spreadsheet's cells: headers, dates, amounts, payment methods."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from ..amounts import MAX_AMOUNT

# Column → header spellings (compared after _header_key: lower case, no spaces/brackets).
HEADERS: dict[str, tuple[str, ...]] = {
    "phone": (
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "电话号码",
        "联系电话",
        "会员手机",
        "phone",
        "mobile",
        "tel",
        "telephone",
        "phonenumber",
        "cellphone",
    ),
    "card": (
        "卡号",
        "会员卡号",
        "会员卡",
        "会员号",
        "会员编号",
        "card",
        "cardno",
        "cardnumber",
        "membercard",
        "memberno",
        "membernumber",
    ),
    "date": (
        "日期",
        "消费日期",
        "到店日期",
        "消费时间",
        "到店时间",
        "日期时间",
        "时间日期",
        "date",
        "visitdate",
        "datetime",
        "visitedat",
        "visittime",
    ),
    "time": ("时间", "time", "时刻"),
    "service": (
        "项目",
        "服务",
        "服务项目",
        "消费项目",
        "项目名称",
        "服务名称",
        "菜品",
        "菜名",
        "商品",
        "品名",
        "service",
        "item",
        "servicename",
        "product",
    ),
    "amount": (
        "金额",
        "实收",
        "实收金额",
        "消费金额",
        "实付",
        "实付金额",
        "应收",
        "小计",
        "amount",
        "paid",
        "total",
        "price",
        "sum",
    ),
    "quantity": ("数量", "次数", "qty", "quantity", "count"),
    "staff": (
        "员工",
        "技师",
        "发型师",
        "美发师",
        "服务员",
        "服务人员",
        "服务员工",
        "理发师",
        "美容师",
        "操作人",
        "staff",
        "stylist",
        "employee",
        "servedby",
        "waiter",
    ),
    "payment": (
        "支付方式",
        "付款方式",
        "付款",
        "支付",
        "结算方式",
        "收款方式",
        "payment",
        "pay",
        "method",
        "paymentmethod",
        "paidby",
    ),
    "note": ("备注", "说明", "note", "notes", "remark", "remarks", "comment"),
    "ref": (
        "单号",
        "订单号",
        "流水号",
        "小票号",
        "单据号",
        "账单号",
        "order",
        "orderno",
        "receipt",
        "receiptno",
        "ticket",
        "ref",
        "billno",
    ),
}
_LOOKUP = {spelling: field for field, spellings in HEADERS.items() for spelling in spellings}

PAYMENT_NAMES: dict[str, str] = {
    "现金": "cash",
    "cash": "cash",
    "现钞": "cash",
    "刷卡": "card",
    "银行卡": "card",
    "信用卡": "card",
    "借记卡": "card",
    "pos": "card",
    "card": "card",
    "bankcard": "card",
    "creditcard": "card",
    "银联": "card",
    "微信": "wechat",
    "支付宝": "alipay",
    "扫码": "mobile",
    "微信支付": "wechat",
    "移动支付": "mobile",
    "手机支付": "mobile",
    "云闪付": "mobile",
    "mobile": "mobile",
    "mobilepay": "mobile",
    "wechat": "wechat",
    "wechatpay": "wechat",
    "alipay": "alipay",
    "qr": "mobile",
    "wx": "wechat",
    "微信扫码": "wechat",
    "zfb": "alipay",
    "支付宝扫码": "alipay",
    "其他": "other",
    "other": "other",
    "储值": "stored_value",
    "会员卡": "stored_value",
    "储值卡": "stored_value",
    "余额": "stored_value",
    "卡扣": "stored_value",
    "划卡": "stored_value",
    "会员卡余额": "stored_value",
    "storedvalue": "stored_value",
    "prepaid": "stored_value",
    "balance": "stored_value",
    "membercard": "stored_value",
    "积分": "points",
    "积分抵扣": "points",
    "points": "points",
    "point": "points",
}

_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")
_NON_WORD = re.compile(r"[\s_\-./:：*]+")


def header_key(text: Any) -> str:
    value = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    value = _BRACKETS.sub("", value)
    return _NON_WORD.sub("", value)


def map_headers(row: list[Any]) -> dict[str, int]:
    """Field → column index for the header row (first match wins; unknown columns ignored).

    A lone “时间” column next to no date column is taken as the date-and-time.
    """
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        field = _LOOKUP.get(header_key(cell))
        if field and field not in found:
            found[field] = index
    if "time" in found and "date" not in found:
        found["date"] = found.pop("time")
    return found


def clean_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


# --- amounts ------------------------------------------------------------------------------

_MONEY_JUNK = re.compile(r"[¥￥$,，\s]|元|rmb|cny", re.IGNORECASE)
CENT = Decimal("0.01")
_PLAIN_MONEY = re.compile(r"^\d+(\.\d+)?$")


def parse_amount(value: Any) -> Decimal | None:
    """Decimal yuan ≥ 0, or None when the cell is not an amount."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        try:
            amount = Decimal(repr(value) if isinstance(value, float) else str(value))
        except InvalidOperation:
            return None
        amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    else:
        text = str(value or "").strip()
        if not _PLAIN_MONEY.match(text):
            text = _MONEY_JUNK.sub("", unicodedata.normalize("NFKC", text))
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return None
        if not amount.is_finite() or amount != amount.quantize(CENT):
            return None
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
        return None
    return amount.quantize(CENT)


def parse_quantity(value: Any) -> int | None:
    if value is None or value == "":
        return 1
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if number != number.to_integral_value() or not 1 <= number <= 10000:
        return None
    return int(number)


def parse_payment(value: Any) -> str | None:
    """A payment method code, '' for a blank cell, None when unknown."""
    key = header_key(value)
    if not key:
        return ""
    return PAYMENT_NAMES.get(key) or PAYMENT_NAMES.get(key.replace("支付", "")) or None


# --- dates --------------------------------------------------------------------------------

EXCEL_EPOCH = datetime(1899, 12, 30)
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(.*)$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(.*)$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$")
_TIME = re.compile(
    r"^(?:t)?\s*(上午|下午|晚上|中午|am|pm)?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})"
    r"(?:\s*[:：分]\s*(\d{1,2}))?(?:\.\d+)?\s*秒?\s*(am|pm)?$",
    re.IGNORECASE,
)


def _from_serial(number: float) -> datetime | None:
    if not 1 <= number < 2958466:  # Excel's valid range (to 9999-12-31)
        return None
    moment = EXCEL_EPOCH + timedelta(days=number)
    return moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))


def parse_time(value: Any) -> time | None | bool:
    """A time of day; None for a blank cell; False when the cell is not a time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, int | float) and 0 <= value < 1:
        return (_from_serial(1 + float(value)) or datetime.min).time()
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if not text:
        return None
    match = _TIME.match(text)
    if not match:
        return False
    prefix, hour, minute, second, suffix = match.groups()
    hour, minute, sec = int(hour), int(minute), int(second or 0)
    if (prefix in ("下午", "晚上", "pm") or suffix == "pm") and hour < 12:
        hour += 12
    if (prefix == "am" or suffix == "am") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or sec > 59:
        return False
    return time(hour, minute, sec)


def parse_when(value: Any, time_value: Any = None) -> datetime | None:
    """Date (and time) from a cell: date objects, Excel serials, and common written forms.

    Year-first forms (2024-3-5, 2024/03/05, 2024年3月5日, 20240305) are read as Y-M-D.
    Year-last forms are read as M/D/Y (Excel's US default) unless the first number is
    above 12, then D/M/Y. A separate time cell, when given, sets the time of day.
    """
    moment = _parse_date(value)
    if moment is None:
        return None
    extra = parse_time(time_value)
    if extra is False:
        return None
    if extra is not None:
        moment = datetime.combine(moment.date(), extra)
    return moment


def _parse_date(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            return _parse_text(str(int(value)))
        return _from_serial(float(value)) if value >= 20000 else None
    return _parse_text(unicodedata.normalize("NFKC", str(value)).strip())


def _parse_text(text: str) -> datetime | None:
    if len(text) >= 10 and text[4] == "-" and text[:4].isdigit():
        try:  # the common ISO form, parsed in C
            return datetime.fromisoformat(text).replace(microsecond=0, tzinfo=None)
        except ValueError:
            pass
    try:
        if match := _COMPACT.match(text):
            y, mo, d, hh, mm, ss = match.groups()
            return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        if re.fullmatch(r"\d{5}(\.\d+)?", text):
            return _from_serial(float(text))
        if match := _YMD.match(text):
            y, mo, d, rest = match.groups()
        elif match := _DMY.match(text):
            a, b, y, rest = match.groups()
            mo, d = (b, a) if int(a) > 12 else (a, b)
        else:
            return None
        day = datetime(int(y), int(mo), int(d))
    except ValueError:
        return None
    rest = rest.strip()
    if not rest:
        return day
    clock = parse_time(rest)
    if not clock:
        return None
    return datetime.combine(day.date(), clock)
