"""The columns of a member list: headers in Chinese and English, and their aliases.

Import recognises a column by any alias (case, spaces, punctuation and a trailing ``*``
ignored); export writes the first Chinese or English header, so an export imports again.
Profile and custom fields are recognised by their key and their labels.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .fields import FieldSpec


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    profile: FieldSpec | None = None

    def header(self, lang: str | None) -> str:
        return self.zh if lang == "zh" else self.en


BASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "姓名",
        "Name",
        (
            "名字",
            "会员姓名",
            "客户姓名",
            "顾客姓名",
            "会员名",
            "会员名称",
            "客户名称",
            "客户",
            "顾客",
            "fullname",
            "membername",
            "customer",
            "customername",
        ),
    ),
    Column(
        "phone",
        "手机",
        "Phone",
        (
            "电话",
            "手机号",
            "手机号码",
            "电话号码",
            "联系电话",
            "联系方式",
            "移动电话",
            "会员手机",
            "mobile",
            "mobilephone",
            "cell",
            "cellphone",
            "tel",
            "telephone",
            "phonenumber",
            "phoneno",
        ),
    ),
    Column(
        "card_no",
        "卡号",
        "Card no",
        (
            "会员卡号",
            "会员号",
            "会员编号",
            "卡号码",
            "card",
            "cardnumber",
            "memberno",
            "membershipno",
            "memberid",
        ),
    ),
    Column("gender", "性别", "Gender", ("sex",)),
    Column(
        "birthday",
        "生日",
        "Birthday",
        (
            "出生日期",
            "出生年月日",
            "公历生日",
            "农历生日",
            "阴历生日",
            "birthdate",
            "dateofbirth",
            "dob",
        ),
    ),
    Column(
        "level",
        "等级",
        "Level",
        ("会员等级", "级别", "卡类型", "卡种", "会员类型", "tier", "memberlevel"),
    ),
    Column(
        "join_date",
        "入会日期",
        "Join date",
        (
            "开卡日期",
            "办卡日期",
            "注册日期",
            "加入日期",
            "入会时间",
            "开卡时间",
            "joined",
            "membersince",
            "registrationdate",
            "joindate",
        ),
    ),
    Column("source", "来源", "Source", ("客户来源", "会员来源", "渠道", "获客渠道", "channel")),
    Column(
        "referrer_phone",
        "推荐人手机",
        "Referrer phone",
        ("推荐人电话", "推荐人", "介绍人", "referredby", "referrer"),
    ),
    Column("tags", "标签", "Tags", ("tag", "分类", "会员标签")),
    Column(
        "notes",
        "备注",
        "Notes",
        ("说明", "备注信息", "note", "remark", "remarks", "comment", "comments"),
    ),
    Column(
        "consent",
        "接受推送",
        "Accepts offers",
        (
            "同意营销",
            "接收营销",
            "营销许可",
            "接受营销",
            "consent",
            "marketingconsent",
            "acceptsoffers",
            "optin",
        ),
    ),
    Column("status", "状态", "Status", ("会员状态",)),
)

_DROP = re.compile(r"[\s*:：()（）\[\]【】._\-/#]+")


def normalize_header(text: object) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text or "")).lower())


def all_columns(specs: list[FieldSpec]) -> list[Column]:
    """The base columns followed by one column per profile or custom field."""
    cols = list(BASE_COLUMNS)
    seen = {c.key for c in cols}
    for spec in specs:
        if spec.key in seen:
            continue
        seen.add(spec.key)
        cols.append(
            Column(f"profile:{spec.key}", spec.label_zh, spec.label_en, (spec.key,), profile=spec)
        )
    return cols


def alias_table(columns: list[Column]) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for col in columns:
        for alias in (col.zh, col.en, col.key, *col.aliases):
            table.setdefault(normalize_header(alias), col)
    return table


@dataclass(frozen=True)
class HeaderMap:
    row: int  # 1-based row number of the header
    positions: dict[str, int]  # column key → 0-based index
    columns: dict[str, Column]
    ignored: tuple[str, ...]  # headers not recognised (or repeated)


def match_header(cells: tuple[object, ...], table: dict[str, Column], row: int) -> HeaderMap:
    positions: dict[str, int] = {}
    columns: dict[str, Column] = {}
    ignored: list[str] = []
    for i, cell in enumerate(cells):
        label = str(cell).strip() if cell is not None else ""
        if not label:
            continue
        col = table.get(normalize_header(label))
        if col is None or col.key in positions:
            ignored.append(label[:60])
            continue
        positions[col.key] = i
        columns[col.key] = col
    return HeaderMap(row, positions, columns, tuple(ignored))


_YES = {"是", "y", "yes", "true", "1", "同意", "接受", "√", "✓", "✔", "on", "x", "对"}
_NO = {"否", "n", "no", "false", "0", "不同意", "拒绝", "不接受", "×", "✗", "off", "不"}
ACTIVE_WORDS = {"active", "在册", "正常", "有效", "启用", "activated"}
ARCHIVED_WORDS = {"archived", "归档", "已归档", "停用", "注销", "inactive", "失效"}


def parse_yes_no(value: object) -> bool | None:
    """True/False for the ways a sheet says yes or no; None when not understood."""
    if isinstance(value, bool):
        return value
    text = normalize_header(value)
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None
