"""Blank import templates: a header row in the shop's language and one example row.

`shopcrm template members|visits|services|staff|balances -o FILE.xlsx`. Each template is read back
by its own import unchanged (tests/services/test_setup_import.py fills each with its example
row and imports it), so a shop that types into the template gets a clean import.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import ShopError, define, for_language
from .members.columns import BASE_COLUMNS
from .setup_import import SERVICE_IMPORT_COLUMNS, STAFF_IMPORT_COLUMNS

E_KIND = define(
    "templates.kind",
    en="There is no template “{kind}” (try: {kinds}).",
    zh="没有“{kind}”模板（可选：{kinds}）。",
)
MEMBER_KEYS = ("name", "phone", "card_no", "gender", "birthday", "level", "tags", "notes")
MEMBER_EXAMPLE = {
    "zh": ["张三", "13800138000", "A0001", "女", "1990-08-15", "金卡", "VIP", ""],
    "en": ["Zhang San", "13800138000", "A0001", "F", "1990-08-15", "Gold", "VIP", ""],
}
# the visit import recognises these spellings (services/visit_import/fields.py HEADERS)
VISIT_HEADERS = {
    "zh": ["手机号", "日期", "项目", "金额", "员工", "支付方式", "备注"],
    "en": ["phone", "date", "service", "amount", "staff", "payment", "note"],
}
VISIT_EXAMPLE = {
    "zh": ["13800138000", "2026-11-01", "洗剪吹", 68, "", "微信", ""],
    "en": ["13800138000", "2026-11-01", "Wash, cut & blow-dry", 68, "", "wechat", ""],
}
SERVICE_EXAMPLE = {
    "zh": ["洗剪吹", "剪发造型", 68, 45, "3,30"],
    "en": ["Wash, cut & blow-dry", "Cuts & styling", 68, 45, "3,30"],
}
STAFF_EXAMPLE = {"zh": ["小李", "员工", "发型师"], "en": ["Xiao Li", "staff", "Stylist"]}
# opening balances (services/cards/opening.py): the card columns are left empty in the
# example so that it imports on any shop (a card type must exist first)
BALANCES_EXAMPLE = ["13800138000", 500, 50, 1200, "", "", "", "", ""]


def _members(lang: str) -> tuple[list[str], list[object]]:
    by_key = {c.key: c for c in BASE_COLUMNS}
    return [by_key[k].header(lang) for k in MEMBER_KEYS], for_language(MEMBER_EXAMPLE, lang)


def _visits(lang: str) -> tuple[list[str], list[object]]:
    return for_language(VISIT_HEADERS, lang), for_language(VISIT_EXAMPLE, lang)


def _services(lang: str) -> tuple[list[str], list[object]]:
    return [c.header(lang) for c in SERVICE_IMPORT_COLUMNS], for_language(SERVICE_EXAMPLE, lang)


def _staff(lang: str) -> tuple[list[str], list[object]]:
    return [c.header(lang) for c in STAFF_IMPORT_COLUMNS], for_language(STAFF_EXAMPLE, lang)


def _balances(lang: str) -> tuple[list[str], list[object]]:
    from .cards.opening import BALANCE_COLUMNS

    return [c.header(lang) for c in BALANCE_COLUMNS], list(BALANCES_EXAMPLE)


TEMPLATES = {
    "members": _members,
    "visits": _visits,
    "services": _services,
    "staff": _staff,
    "balances": _balances,
}


def write_template(kind: str, path: str | Path, lang: str) -> Path:
    """Write the `kind` template to `path` (.xlsx) in `lang`; returns the path."""
    from openpyxl import Workbook

    build = TEMPLATES.get(kind)
    if build is None:
        raise ShopError(E_KIND, kind=kind, kinds=", ".join(TEMPLATES))
    headers, example = build(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append(headers)
    sheet.append(example)
    for n, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, n).column_letter].width = max(12, len(header) * 2)
    book.save(str(path))
    return Path(path)
