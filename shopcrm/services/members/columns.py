"""The columns of a member list: a catalogue message for each header, and its aliases.

Import recognises a column by its header in any language or by any alias (case, spaces,
punctuation and a trailing ``*`` ignored); export writes the header in the export's
language, so an export imports again. Profile and custom fields are recognised by their
key and their labels (the shop's own words, kept per language on the field).
The CLI shows a member with these same headers (`header_id`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...i18n import define, every_language, translate
from ..tables import TableColumn
from .fields import FieldSpec


@dataclass(frozen=True)
class Column:
    key: str
    header_id: str  # catalogue message of the header; "" for a profile field (see `profile`)
    aliases: tuple[str, ...] = ()
    profile: FieldSpec | None = None

    def header(self, lang: str | None = None) -> str:
        """The header in `lang` (default: the current language)."""
        if self.profile is not None:
            return self.profile.label(lang)
        return translate(self.header_id, lang)

    def headers(self) -> tuple[str, ...]:
        """The header in every language, Chinese first."""
        if self.profile is not None:
            return tuple(self.profile.labels.values())
        return every_language(self.header_id)


def _head(key: str, en: str, zh: str) -> str:
    return define(f"members.column.{key}", en=en, zh=zh)


BASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        _head("name", en="Name", zh="姓名"),
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
        _head("phone", en="Phone", zh="手机"),
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
        _head("card_no", en="Card no", zh="卡号"),
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
    Column("gender", _head("gender", en="Gender", zh="性别"), ("sex",)),
    Column(
        "birthday",
        _head("birthday", en="Birthday", zh="生日"),
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
        _head("level", en="Level", zh="等级"),
        ("会员等级", "级别", "卡类型", "卡种", "会员类型", "tier", "memberlevel"),
    ),
    Column(
        "join_date",
        _head("join_date", en="Join date", zh="入会日期"),
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
    Column(
        "source",
        _head("source", en="Source", zh="来源"),
        ("客户来源", "会员来源", "渠道", "获客渠道", "channel"),
    ),
    Column(
        "referrer_phone",
        _head("referrer_phone", en="Referrer phone", zh="推荐人手机"),
        ("推荐人电话", "推荐人", "介绍人", "referredby", "referrer"),
    ),
    Column("tags", _head("tags", en="Tags", zh="标签"), ("tag", "分类", "会员标签")),
    Column(
        "notes",
        _head("notes", en="Notes", zh="备注"),
        ("说明", "备注信息", "note", "remark", "remarks", "comment", "comments"),
    ),
    Column(
        "consent",
        _head("consent", en="Accepts offers", zh="接受推送"),
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
    Column("status", _head("status", en="Status", zh="状态"), ("会员状态",)),
)

_HEAD = {col.key: col.header_id for col in BASE_COLUMNS}
_LAST_VISIT = define("members.column.last_visit", en="Last visit", zh="最近到店")

# Search hits as the CLI lists them (`shopcrm find`), under the list's own headers.
HIT_COLUMNS = (
    TableColumn("id", define("members.column.id", en="ID", zh="编号")),
    TableColumn("name", _HEAD["name"]),
    TableColumn("phone", _HEAD["phone"]),
    TableColumn("card_no", _HEAD["card_no"]),
    TableColumn("level", _HEAD["level"]),
    TableColumn("last_visit", _LAST_VISIT),
    TableColumn("match", define("members.column.match", en="Matched by", zh="匹配方式")),
)
# One member's card as the CLI shows it (`shopcrm member show`): a label per line.
CARD_LINES = (
    TableColumn("name", _HEAD["name"]),
    TableColumn("phone", _HEAD["phone"]),
    TableColumn("card_no", _HEAD["card_no"]),
    TableColumn("gender", _HEAD["gender"]),
    TableColumn("birthday", _HEAD["birthday"]),
    TableColumn("level", _HEAD["level"]),
    TableColumn("join_date", _HEAD["join_date"]),
    TableColumn("source", _HEAD["source"]),
    TableColumn("referred_by", define("members.column.referred_by", en="Referred by", zh="推荐人")),
    TableColumn("tags", _HEAD["tags"]),
    TableColumn("notes", _HEAD["notes"]),
    TableColumn("consent", _HEAD["consent"]),
    TableColumn("status", _HEAD["status"]),
    TableColumn("visits", define("members.column.visits", en="Visits", zh="到店次数")),
    TableColumn("last_visit", _LAST_VISIT),
    TableColumn("spend", define("members.column.spend", en="Lifetime spend", zh="累计消费")),
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
        cols.append(Column(f"profile:{spec.key}", "", (spec.key,), profile=spec))
    return cols


def alias_table(columns: list[Column]) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for col in columns:
        for alias in (*col.headers(), col.key, *col.aliases):
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


# Cell words of an export and of the CLI's member card; the importer reads them back
# (parse_yes_no, ACTIVE_WORDS, ARCHIVED_WORDS below).
GENDER_WORDS = {
    "F": define("members.gender.F", en="F", zh="女"),
    "M": define("members.gender.M", en="M", zh="男"),
}
YES = define("members.cell.yes", en="yes", zh="是")
NO = define("members.cell.no", en="no", zh="否")
ACTIVE = define("members.cell.active", en="active", zh="在册")
ARCHIVED = define("members.cell.archived", en="archived", zh="已归档")
STATUS_WORDS = {  # by Member.status
    "active": ACTIVE,
    "archived": ARCHIVED,
    "merged": define("members.cell.merged", en="merged", zh="已合并"),
}

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
